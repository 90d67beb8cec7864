//! 事项目录: the catalogue of what may be guided; list, filter, add, edit, deactivate.

use std::collections::BTreeSet;

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::platform_export::PlatformWindow;
use super::review_panel::ReviewPanel;
use super::{theme, widgets};
use crate::domain::catalogue::DOMAINS;
use crate::domain::fold::{fold, pinyin_initials};
use crate::domain::review::ReviewState;
use crate::domain::validation::{Field, error_for};
use crate::domain::{CatalogueItem, ItemStatus, Method};
use crate::export::{Format, ListKind, Table};
use crate::search::data::LedgerData;

#[derive(Default)]
pub struct CatalogueTab {
    domain: Option<String>,
    method: Option<Method>,
    status: Option<ItemStatus>,
    text: String,
    /// The item in the edit window; id 0 for a new one.
    editing: Option<CatalogueItem>,
    /// For a new item: drafted for legality review (true), or entered as already published.
    new_is_draft: bool,
    review: ReviewPanel,
    /// 导出到涉企平台, when open.
    pub(super) platform: Option<PlatformWindow>,
}

impl CatalogueTab {
    /// Opens `item` in the edit window, with its review.
    pub fn open_item(&mut self, item: &CatalogueItem) {
        self.editing = Some(item.clone());
        self.review = ReviewPanel::default();
    }

    pub fn saved(&mut self, _item: &CatalogueItem) {
        self.editing = None;
    }

    fn matches(&self, item: &CatalogueItem) -> bool {
        let text = fold(self.text.trim());
        self.domain.as_ref().is_none_or(|d| &item.domain == d)
            && self.method.is_none_or(|m| item.method == m)
            && self.status.is_none_or(|s| item.status == s)
            && (text.is_empty()
                || [&item.name, &item.domain, &item.basis, &item.applicable_to, &item.implementer]
                    .iter()
                    .any(|f| fold(f).contains(&text))
                || pinyin_initials(&item.name).contains(&text))
    }

    /// The items the filters let through, in the list's order.
    pub fn shown(&self, data: &LedgerData) -> Vec<CatalogueItem> {
        data.catalogue.iter().filter(|i| self.matches(i)).cloned().collect()
    }

    /// The catalogue as filtered now, ready to export.
    pub fn table(&self, data: &LedgerData) -> Table {
        crate::export::catalogue_table(&self.shown(data))
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading("行政指导事项目录");
            if ui.button("＋ 新增事项").clicked() {
                self.editing = Some(CatalogueItem::default());
                // On first use the office enters its published list; later items are drafts.
                self.new_is_draft = !data.catalogue.is_empty();
                self.review = ReviewPanel::default();
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("导出到涉企平台…").clicked() {
                    commands.push(Command::OpenPlatformExport);
                }
                if ui.button("导出 CSV").clicked() {
                    commands
                        .push(Command::Export { kind: ListKind::Catalogue, format: Format::Csv });
                }
                if ui.button("导出 Excel").clicked() {
                    commands
                        .push(Command::Export { kind: ListKind::Catalogue, format: Format::Xlsx });
                }
            });
        });
        if data.catalogue.is_empty() {
            ui.add_space(12.0);
            ui.label(
                RichText::new(
                    "目录还是空的。请点击“新增事项”，按本镇公布的行政指导事项清单逐项录入\
                     （事项名称、所属领域、指导方式、指导依据等）。已公布的事项录入后即可在“新建指导”中选用；\
                     新拟的事项须经司法所合法性审查、备案、公布后方可选用。",
                )
                .color(theme::MUTED),
            );
        } else {
            self.filters_ui(ui, data);
            ui.separator();
            self.table_ui(ui, data);
        }
        self.edit_window(ui.ctx(), data, commands);
        if self.platform.is_some() {
            let shown: Vec<&CatalogueItem> =
                data.catalogue.iter().filter(|i| self.matches(i)).collect();
            if let Some(window) = &mut self.platform
                && !window.ui(ui.ctx(), data, &shown, commands)
            {
                self.platform = None;
            }
        }
    }

    fn filters_ui(&mut self, ui: &mut Ui, data: &LedgerData) {
        let domains: BTreeSet<&str> = data.catalogue.iter().map(|i| i.domain.as_str()).collect();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("所属领域");
            let shown = self.domain.clone().unwrap_or_else(|| "全部".into());
            let combo =
                egui::ComboBox::from_id_salt("cat_domain").selected_text(shown).show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.domain, None, "全部");
                    for d in &domains {
                        ui.selectable_value(&mut self.domain, Some((*d).to_string()), *d);
                    }
                });
            combo.response.labelled_by(label.id);
            let label = ui.label("指导方式");
            let shown = self.method.map_or("全部", Method::label);
            let combo =
                egui::ComboBox::from_id_salt("cat_method").selected_text(shown).show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.method, None, "全部");
                    for m in Method::ALL {
                        ui.selectable_value(&mut self.method, Some(m), m.label());
                    }
                });
            combo.response.labelled_by(label.id);
            let label = ui.label("状态");
            let shown = self.status.map_or("全部", ItemStatus::label);
            let combo =
                egui::ComboBox::from_id_salt("cat_status").selected_text(shown).show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, "全部");
                    for s in ItemStatus::ALL {
                        ui.selectable_value(&mut self.status, Some(s), s.label());
                    }
                });
            combo.response.labelled_by(label.id);
            let label = ui.label("筛选");
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(180.0))
                .labelled_by(label.id);
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, data: &LedgerData) {
        let shown: Vec<&CatalogueItem> =
            data.catalogue.iter().filter(|i| self.matches(i)).collect();
        ui.label(format!("共 {} 项；单击一行修改", shown.len()));
        let headers = [
            "序号",
            "事项名称",
            "所属领域",
            "指导方式",
            "指导依据",
            "实施主体",
            "涉企",
            "状态",
            "审查",
        ];
        TableBuilder::new(ui)
            .id_salt("catalogue_table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .column(Column::exact(50.0))
            .column(Column::initial(240.0).at_least(120.0))
            .column(Column::initial(90.0))
            .column(Column::initial(80.0))
            .column(Column::initial(260.0).at_least(100.0))
            .column(Column::initial(140.0))
            .column(Column::initial(40.0))
            .column(Column::initial(50.0))
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
                    let item = shown[row.index()];
                    let cells = [
                        item.id.to_string(),
                        item.name.clone(),
                        item.domain.clone(),
                        item.method.label().to_string(),
                        item.basis.clone(),
                        item.implementer.clone(),
                        if item.involves_enterprise { "是" } else { "否" }.to_string(),
                        item.status.label().to_string(),
                        data.reviews.get(&item.id).map_or("已公布（录入）".into(), |r| {
                            r.state.label().to_string()
                        }),
                    ];
                    for cell in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(cell).truncate().selectable(false));
                        });
                    }
                    if row.response().clicked() {
                        self.editing = Some(item.clone());
                        self.review = ReviewPanel::default();
                    }
                });
            });
    }

    fn edit_window(&mut self, ctx: &egui::Context, data: &LedgerData, commands: &mut Vec<Command>) {
        let read_only = data.read_only;
        let Some(item) = &mut self.editing else { return };
        let review = data.reviews.get(&item.id).filter(|_| item.id != 0);
        // Under review, rejected or retired: the text stays as it is.
        let locked = review.is_some_and(|r| {
            !r.state.editable() && !matches!(r.state, ReviewState::Filed | ReviewState::Published)
        });
        let new_version =
            review.is_some_and(|r| matches!(r.state, ReviewState::Filed | ReviewState::Published));
        let mut open = true;
        let mut close = false;
        let title = if item.id == 0 { "新增目录事项" } else { "修改目录事项" };
        let (new_is_draft, panel) = (&mut self.new_is_draft, &mut self.review);
        let room = (ctx.content_rect().height() - 200.0).max(240.0);
        egui::Window::new(title)
            .open(&mut open)
            .default_width(640.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .collapsible(false)
            .show(ctx, |ui| {
                let errors = item.validate();
                // Everything but the buttons scrolls, so the window fits a 1366 × 768 screen.
                egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                    if item.id == 0 {
                        widgets::labelled(ui, "事项来源", None, |ui, _| {
                            ui.radio_value(new_is_draft, true, "新拟事项（须经合法性审查）");
                            ui.radio_value(new_is_draft, false, "录入已公布的事项");
                        });
                    }
                    if let Some(review) = review {
                        egui::CollapsingHeader::new("合法性审查与备案")
                            .default_open(true)
                            .show(ui, |ui| panel.show(ui, review, read_only, commands));
                        ui.separator();
                    }
                    ui.add_enabled_ui(!locked, |ui| {
                        item_fields(ui, item, &errors);
                        if review.is_none() {
                            widgets::labelled(ui, "状态", None, |ui, _| {
                                for s in ItemStatus::ALL {
                                    ui.radio_value(&mut item.status, s, s.label());
                                }
                            });
                        }
                    });
                });
                if new_version {
                    ui.label(
                        RichText::new(
                            "此事项已备案：保存修改将形成新版本，须重新审查；审查期间原版本继续有效。",
                        )
                        .color(theme::WARNING),
                    );
                }
                ui.horizontal(|ui| {
                    ui.add_space(theme::LABEL_WIDTH);
                    let label = match (item.id, *new_is_draft, new_version) {
                        (0, true, _) => "保存为草拟事项",
                        (_, _, true) => "保存为新版本",
                        _ => "保存事项",
                    };
                    let can_save = errors.is_empty() && !read_only && !locked;
                    if ui.add_enabled(can_save, egui::Button::new(label)).clicked() {
                        commands.push(if item.id == 0 && *new_is_draft {
                            Command::DraftItem(item.clone())
                        } else {
                            Command::SaveItem(item.clone())
                        });
                    }
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
            });
        if !open || close {
            self.editing = None;
        }
    }
}

/// The fields of a catalogue item, from its name to whether it concerns enterprises.
fn item_fields(ui: &mut Ui, item: &mut CatalogueItem, errors: &[crate::domain::FieldError]) {
    widgets::line(ui, "事项名称", &mut item.name, errors, Some(Field::Name));
    widgets::labelled(ui, "所属领域", error_for(errors, Field::Domain), |ui, id| {
        ui.add(egui::TextEdit::singleline(&mut item.domain).desired_width(160.0)).labelled_by(id);
        let combo = egui::ComboBox::from_id_salt("item_domain").selected_text("常用领域").show_ui(
            ui,
            |ui| {
                for d in DOMAINS {
                    if ui.selectable_label(item.domain == d, d).clicked() {
                        item.domain = d.to_string();
                    }
                }
            },
        );
        combo.response.accessible_name("常用领域");
    });
    widgets::labelled(ui, "指导方式", None, |ui, _| {
        ui.horizontal_wrapped(|ui| {
            for m in Method::ALL {
                ui.radio_value(&mut item.method, m, m.label());
            }
        });
    });
    widgets::text(ui, "指导依据", &mut item.basis, errors, Field::Basis, 3);
    widgets::line(ui, "适用对象", &mut item.applicable_to, errors, Some(Field::Applicable));
    widgets::line(ui, "实施主体", &mut item.implementer, errors, Some(Field::Implementer));
    widgets::line(ui, "咨询电话", &mut item.phone, errors, Some(Field::Phone));
    widgets::labelled(ui, "是否涉企", None, |ui, _| {
        ui.radio_value(&mut item.involves_enterprise, true, "是");
        ui.radio_value(&mut item.involves_enterprise, false, "否");
    });
}
