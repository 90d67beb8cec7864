//! 登记簿: the register of all guidance, filtered and sorted, only visible rows laid out.

use std::collections::BTreeSet;

use chrono::Datelike;
use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::archive_dialog::ArchiveDialog;
use super::command::Command;
use super::theme;
use crate::domain::course::Stage;
use crate::domain::date::parse_date;
use crate::domain::register::REGISTER_HEADERS;
use crate::domain::{Method, RecordId, RegisterFilter, RegisterSort, SortColumn};
use crate::export::paper::PaperFormat;
use crate::export::{Format, ListKind, Table};
use crate::search::data::LedgerData;
use crate::search::register::view;

const SORT_COLUMNS: [Option<SortColumn>; 8] = [
    None,
    Some(SortColumn::Time),
    Some(SortColumn::Number),
    Some(SortColumn::Subject),
    Some(SortColumn::Item),
    Some(SortColumn::Method),
    Some(SortColumn::Result),
    Some(SortColumn::Officers),
];

/// Which records the register shows by where they stand in their course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum StageChoice {
    #[default]
    All,
    /// Not yet archived.
    Open,
    At(Stage),
}

impl StageChoice {
    fn label(self) -> &'static str {
        match self {
            StageChoice::All => "全部",
            StageChoice::Open => "未归档",
            StageChoice::At(stage) => stage.label(),
        }
    }

    fn matches(self, stage: Stage) -> bool {
        match self {
            StageChoice::All => true,
            StageChoice::Open => stage != Stage::Archived,
            StageChoice::At(at) => stage == at,
        }
    }
}

#[derive(Default)]
pub struct RegisterTab {
    filter: RegisterFilter,
    stage: StageChoice,
    from_text: String,
    to_text: String,
    sort: RegisterSort,
    /// Positions of the shown rows in `LedgerData::rows`, and what they were computed for.
    view: Vec<usize>,
    view_key: Option<(u64, RegisterFilter, StageChoice, RegisterSort)>,
    /// Shown records at 办结, which 批量归档 would archive.
    concluded: Vec<RecordId>,
    archive: Option<ArchiveDialog>,
    /// Set when the view changed, so the table scrolls to its newest row.
    scroll_to_end: bool,
    selected: Option<RecordId>,
    /// Years that have records, for the year filter, and the data generation they are for.
    years: (Option<u64>, Vec<i32>),
}

impl RegisterTab {
    /// The year filter, used to name exported files.
    pub fn filter_year(&self) -> Option<i32> {
        self.filter.year
    }

    /// The register as filtered now, as a printed paper.
    pub fn paper(&mut self, data: &LedgerData) -> crate::export::paper::RegisterPaper {
        self.refresh(data);
        let rows: Vec<_> = self.view.iter().map(|&i| &data.rows[i]).collect();
        crate::export::paper::register_paper(
            &rows,
            &data.settings.unit_name,
            &self.filter.period_label(),
        )
    }

    /// The register as filtered now, ready to export.
    pub fn table(&mut self, data: &LedgerData) -> Table {
        self.refresh(data);
        let rows: Vec<_> = self.view.iter().map(|&i| &data.rows[i]).collect();
        crate::export::register_table(&rows, &data.settings.unit_name, &self.filter.period_label())
    }

    fn refresh(&mut self, data: &LedgerData) {
        self.filter.from = parse_date(&self.from_text);
        self.filter.to = parse_date(&self.to_text);
        let key = (data.generation, self.filter.clone(), self.stage, self.sort);
        if self.view_key.as_ref() != Some(&key) {
            self.view = view(&data.rows, &self.filter, self.sort, &data.index);
            if self.stage != StageChoice::All {
                // A voided record has no course to move along; only 全部 shows it.
                let rows = &data.rows;
                self.view
                    .retain(|&i| !rows[i].voided && self.stage.matches(data.stage(rows[i].id)));
            }
            self.concluded = (self.view.iter().map(|&i| &data.rows[i]))
                .filter(|r| !r.voided && data.stage(r.id) == Stage::Concluded)
                .map(|r| r.id)
                .collect();
            self.view_key = Some(key);
            self.scroll_to_end = true;
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        self.filters_ui(ui, data);
        self.refresh(data);
        ui.horizontal(|ui| {
            ui.label(format!("共 {} 条（全部 {} 条）", self.view.len(), data.rows.len()));
            ui.label(RichText::new("双击一行查看详情；点击列标题排序").color(theme::MUTED));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("导出 CSV").clicked() {
                    commands
                        .push(Command::Export { kind: ListKind::Register, format: Format::Csv });
                }
                if ui.button("导出 Excel").clicked() {
                    commands
                        .push(Command::Export { kind: ListKind::Register, format: Format::Xlsx });
                }
                if ui.button("登记簿 Word").clicked() {
                    commands.push(Command::PrintRegister(PaperFormat::Docx));
                }
                if ui.button("打印登记簿（PDF）").clicked() {
                    commands.push(Command::PrintRegister(PaperFormat::Pdf));
                }
                if ui.button("批量导出文书…").clicked() {
                    commands.push(Command::OpenBatch);
                }
                let archive = egui::Button::new(format!("归档已办结（{}）…", self.concluded.len()));
                if ui
                    .add_enabled(!self.concluded.is_empty() && !data.read_only, archive)
                    .on_hover_text("把当前筛选出的已办结记录一次归档")
                    .clicked()
                {
                    self.archive = Some(ArchiveDialog::new(self.concluded.clone()));
                }
            });
        });
        if let Some(dialog) = &mut self.archive
            && !dialog.show(ui.ctx(), commands)
        {
            self.archive = None;
        }
        ui.separator();
        if data.rows.is_empty() {
            ui.label(
                RichText::new("登记簿还是空的。在“新建指导”中保存的记录会自动登记在这里。")
                    .color(theme::MUTED),
            );
            return;
        }
        self.table_ui(ui, data, commands);
    }

    /// The years offered by the year filter, recomputed only when the data changed.
    fn refresh_years(&mut self, data: &LedgerData) {
        if self.years.0 != Some(data.generation) {
            let years: BTreeSet<i32> = data.rows.iter().map(|r| r.time.year()).collect();
            self.years = (Some(data.generation), years.into_iter().collect());
        }
    }

    /// The period: year, month, from and to.
    fn filters_ui(&mut self, ui: &mut Ui, data: &LedgerData) {
        self.refresh_years(data);
        let years = &self.years.1;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("年份");
            let year_text = self.filter.year.map_or("全部".into(), |y| format!("{y}年"));
            let combo = egui::ComboBox::from_id_salt("reg_year").selected_text(year_text).show_ui(
                ui,
                |ui| {
                    ui.selectable_value(&mut self.filter.year, None, "全部");
                    for y in years.iter().rev() {
                        ui.selectable_value(&mut self.filter.year, Some(*y), format!("{y}年"));
                    }
                },
            );
            combo.response.labelled_by(label.id);
            let label = ui.label("月份");
            let month_text = self.filter.month.map_or("全部".into(), |m| format!("{m}月"));
            ui.add_enabled_ui(self.filter.year.is_some(), |ui| {
                let combo = egui::ComboBox::from_id_salt("reg_month")
                    .selected_text(month_text)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.filter.month, None, "全部");
                        for m in 1..=12 {
                            ui.selectable_value(&mut self.filter.month, Some(m), format!("{m}月"));
                        }
                    });
                combo.response.labelled_by(label.id);
            });
            let label = ui.label("起");
            ui.add(
                egui::TextEdit::singleline(&mut self.from_text)
                    .desired_width(100.0)
                    .hint_text("2026-1-1"),
            )
            .labelled_by(label.id);
            let label = ui.label("止");
            ui.add(
                egui::TextEdit::singleline(&mut self.to_text)
                    .desired_width(100.0)
                    .hint_text("2026-12-31"),
            )
            .labelled_by(label.id);
            for (text, what) in [(&self.from_text, "起始"), (&self.to_text, "截止")] {
                if !text.trim().is_empty() && parse_date(text).is_none() {
                    ui.label(RichText::new(format!("{what}日期看不懂")).color(theme::ERROR));
                }
            }
        });
        self.what_filters_ui(ui, data);
    }

    /// Who, what, how, how far along, and words.
    fn what_filters_ui(&mut self, ui: &mut Ui, data: &LedgerData) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("指导人员");
            let officer =
                self.filter.officer.and_then(|id| data.officer(id)).map_or("全部", |o| &o.name);
            let combo = egui::ComboBox::from_id_salt("reg_officer").selected_text(officer).show_ui(
                ui,
                |ui| {
                    ui.selectable_value(&mut self.filter.officer, None, "全部");
                    for o in &data.officers {
                        ui.selectable_value(&mut self.filter.officer, Some(o.id), &o.name);
                    }
                },
            );
            combo.response.labelled_by(label.id);
            let label = ui.label("指导事项");
            let item = self.filter.item.and_then(|id| data.item(id)).map_or("全部", |i| &i.name);
            let combo = egui::ComboBox::from_id_salt("reg_item")
                .selected_text(item)
                .width(200.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.item, None, "全部");
                    for i in &data.catalogue {
                        ui.selectable_value(&mut self.filter.item, Some(i.id), &i.name);
                    }
                });
            combo.response.labelled_by(label.id);
            let label = ui.label("指导方式");
            let method = self.filter.method.map_or("全部", Method::label);
            let combo = egui::ComboBox::from_id_salt("reg_method").selected_text(method).show_ui(
                ui,
                |ui| {
                    ui.selectable_value(&mut self.filter.method, None, "全部");
                    for m in Method::ALL {
                        ui.selectable_value(&mut self.filter.method, Some(m), m.label());
                    }
                },
            );
            combo.response.labelled_by(label.id);
            let label = ui.label("办理阶段");
            let combo = egui::ComboBox::from_id_salt("reg_stage")
                .selected_text(self.stage.label())
                .show_ui(ui, |ui| {
                    let choices = [StageChoice::All, StageChoice::Open]
                        .into_iter()
                        .chain(Stage::ALL.into_iter().map(StageChoice::At));
                    for choice in choices {
                        ui.selectable_value(&mut self.stage, choice, choice.label());
                    }
                });
            combo.response.labelled_by(label.id);
            let label = ui.label("关键字");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.text)
                    .desired_width(180.0)
                    .hint_text("文号、对象、内容、人员…"),
            )
            .labelled_by(label.id);
            if ui.button("清除筛选").clicked() {
                self.filter = RegisterFilter::default();
                self.stage = StageChoice::All;
                self.from_text.clear();
                self.to_text.clear();
            }
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        let mut table = TableBuilder::new(ui)
            .id_salt("register_table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(56.0))
            .column(Column::initial(175.0).at_least(90.0))
            .column(Column::initial(190.0).at_least(120.0))
            .column(Column::initial(200.0).at_least(100.0))
            .column(Column::initial(200.0).at_least(100.0))
            .column(Column::initial(80.0).at_least(60.0))
            .column(Column::initial(220.0).at_least(100.0))
            .column(Column::remainder().at_least(100.0));
        if std::mem::take(&mut self.scroll_to_end) && !self.view.is_empty() {
            table = table.scroll_to_row(self.view.len() - 1, Some(egui::Align::BOTTOM));
        }
        let mut clicked_sort = None;
        table
            .header(theme::ROW_HEIGHT, |mut header| {
                for (title, column) in REGISTER_HEADERS.iter().zip(SORT_COLUMNS) {
                    header.col(|ui| {
                        let arrow = match column {
                            Some(c) if c == self.sort.column => {
                                if self.sort.ascending {
                                    " ▲"
                                } else {
                                    " ▼"
                                }
                            }
                            _ => "",
                        };
                        let text = RichText::new(format!("{title}{arrow}")).strong();
                        if ui.add(egui::Button::new(text).frame(false)).clicked() {
                            clicked_sort = column;
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, self.view.len(), |mut row| {
                    let seq = row.index() + 1;
                    let r = &data.rows[self.view[row.index()]];
                    row.set_selected(self.selected == Some(r.id));
                    let color = if r.voided { theme::VOIDED } else { ui_text_color() };
                    let cells = r.cells(seq);
                    for cell in &cells {
                        row.col(|ui| {
                            ui.add(
                                egui::Label::new(RichText::new(cell).color(color))
                                    .truncate()
                                    .selectable(false),
                            );
                        });
                    }
                    let response = row.response();
                    if response.clicked() {
                        self.selected = Some(r.id);
                    }
                    if response.double_clicked() {
                        commands.push(Command::OpenGuidance(r.id));
                    }
                });
            });
        if let Some(column) = clicked_sort {
            if self.sort.column == column {
                self.sort.ascending = !self.sort.ascending;
            } else {
                self.sort = RegisterSort { column, ascending: true };
            }
        }
    }
}

fn ui_text_color() -> egui::Color32 {
    egui::Color32::from_gray(30)
}
