//! 不罚清单: the published no-penalty list; list, filter, add and edit entries by hand, or
//! import the list from a spreadsheet.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::{theme, widgets};
use crate::domain::NoPenaltyEntry;
use crate::domain::catalogue::DOMAINS;
use crate::domain::fold::fold;
use crate::domain::no_penalty::next_serial;
use crate::domain::validation::{Field, FieldError, error_for};
use crate::import::ImportKind;
use crate::search::data::LedgerData;

/// The entry in the edit window, and its 序号 as typed.
struct Editing {
    entry: NoPenaltyEntry,
    serial: String,
}

#[derive(Default)]
pub struct NoPenaltyTab {
    text: String,
    editing: Option<Editing>,
}

impl NoPenaltyTab {
    pub fn saved(&mut self, _entry: &NoPenaltyEntry) {
        self.editing = None;
    }

    fn matches(&self, entry: &NoPenaltyEntry) -> bool {
        let text = fold(self.text.trim());
        text.is_empty()
            || [
                &entry.domain,
                &entry.violation,
                &entry.basis,
                &entry.conditions,
                &entry.implementer,
            ]
            .iter()
            .any(|f| fold(f).contains(&text))
            || entry.serial.to_string() == text
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading("不罚清单");
            if ui.button("＋ 新增条目").clicked() {
                let entry =
                    NoPenaltyEntry { serial: next_serial(&data.no_penalty), ..Default::default() };
                self.edit(entry);
            }
            if ui.add_enabled(!data.read_only, egui::Button::new("从表格导入…")).clicked() {
                commands.push(Command::OpenImport(ImportKind::NoPenalty));
            }
        });
        if data.no_penalty.is_empty() {
            ui.add_space(12.0);
            ui.label(
                RichText::new(
                    "不罚清单还是空的。可点击“新增条目”逐项录入（序号、执法领域、违法行为、\
                     法律依据、不予处罚条件、实施主体），或点击“从表格导入”导入已公布的清单。",
                )
                .color(theme::MUTED),
            );
        } else {
            ui.horizontal(|ui| {
                let label = ui.label("筛选");
                ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(220.0))
                    .labelled_by(label.id);
            });
            ui.separator();
            self.table_ui(ui, data);
        }
        self.edit_window(ui.ctx(), data, commands);
    }

    fn edit(&mut self, entry: NoPenaltyEntry) {
        let serial = if entry.serial == 0 { String::new() } else { entry.serial.to_string() };
        self.editing = Some(Editing { entry, serial });
    }

    fn table_ui(&mut self, ui: &mut Ui, data: &LedgerData) {
        let mut shown: Vec<&NoPenaltyEntry> =
            data.no_penalty.iter().filter(|e| self.matches(e)).collect();
        shown.sort_by_key(|e| (e.serial, e.id));
        ui.label(format!("共 {} 项；单击一行修改", shown.len()));
        let headers = ["序号", "执法领域", "违法行为", "法律依据", "不予处罚条件", "实施主体"];
        let mut clicked = None;
        TableBuilder::new(ui)
            .id_salt("no_penalty_table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .column(Column::exact(50.0))
            .column(Column::initial(100.0))
            .column(Column::initial(260.0).at_least(120.0))
            .column(Column::initial(240.0).at_least(100.0))
            .column(Column::initial(260.0).at_least(100.0))
            .column(Column::remainder())
            .header(theme::ROW_HEIGHT, |mut header| {
                for h in headers {
                    header.col(|ui| {
                        ui.strong(h);
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, shown.len(), |mut row| {
                    let entry = shown[row.index()];
                    let cells = [
                        entry.serial.to_string(),
                        entry.domain.clone(),
                        entry.violation.clone(),
                        entry.basis.clone(),
                        entry.conditions.clone(),
                        entry.implementer.clone(),
                    ];
                    for cell in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(cell).truncate().selectable(false));
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(entry.clone());
                    }
                });
            });
        if let Some(entry) = clicked {
            self.edit(entry);
        }
    }

    fn edit_window(&mut self, ctx: &egui::Context, data: &LedgerData, commands: &mut Vec<Command>) {
        let Some(Editing { entry, serial }) = &mut self.editing else { return };
        let mut open = true;
        let mut close = false;
        let title =
            if entry.id == 0 { "新增不罚清单条目" } else { "修改不罚清单条目" };
        egui::Window::new(title).open(&mut open).default_width(640.0).collapsible(false).show(
            ctx,
            |ui| {
                entry.serial = serial.trim().parse().unwrap_or(0);
                let mut errors = entry.validate();
                if let Some(other) =
                    data.no_penalty.iter().find(|e| e.serial == entry.serial && e.id != entry.id)
                {
                    errors.push(FieldError::new(
                        Field::Serial,
                        format!("序号{}已用于“{}”", other.serial, other.violation),
                    ));
                }
                widgets::line(ui, "序号", serial, &errors, Some(Field::Serial));
                widgets::labelled(
                    ui,
                    "执法领域",
                    error_for(&errors, Field::Domain),
                    |ui, id| {
                        ui.add(egui::TextEdit::singleline(&mut entry.domain).desired_width(160.0))
                            .labelled_by(id);
                        let combo = egui::ComboBox::from_id_salt("no_penalty_domain")
                            .selected_text("常用领域")
                            .show_ui(ui, |ui| {
                                for d in DOMAINS {
                                    if ui.selectable_label(entry.domain == d, d).clicked() {
                                        entry.domain = d.to_string();
                                    }
                                }
                            });
                        combo.response.accessible_name("常用领域");
                    },
                );
                widgets::text(ui, "违法行为", &mut entry.violation, &errors, Field::Violation, 2);
                widgets::text(ui, "法律依据", &mut entry.basis, &errors, Field::Basis, 3);
                widgets::text(
                    ui,
                    "不予处罚条件",
                    &mut entry.conditions,
                    &errors,
                    Field::Conditions,
                    3,
                );
                widgets::line(
                    ui,
                    "实施主体",
                    &mut entry.implementer,
                    &errors,
                    Some(Field::Implementer),
                );
                ui.horizontal(|ui| {
                    ui.add_space(theme::LABEL_WIDTH);
                    let ok = errors.is_empty() && !data.read_only;
                    if ui.add_enabled(ok, egui::Button::new("保存条目")).clicked() {
                        commands.push(Command::SaveNoPenalty(entry.clone()));
                    }
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
            },
        );
        if !open || close {
            self.editing = None;
        }
    }
}
