//! Quick lookup (Ctrl+F from every tab): one box over every text field, updating as you type.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::theme;
use crate::domain::format_date;
use crate::search::DocRef;
use crate::search::data::LedgerData;

#[derive(Default)]
pub struct QuickLookup {
    open: bool,
    query: String,
    focus: bool,
    /// The query and data generation the hits were computed for.
    hits: Vec<DocRef>,
    hits_key: Option<(String, u64)>,
}

impl QuickLookup {
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    pub fn show(&mut self, ctx: &egui::Context, data: &LedgerData, commands: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("快速查找")
            .open(&mut open)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos([ctx.content_rect().center().x, 90.0])
            .default_width(720.0)
            .default_height(480.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("查找");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.query)
                                .desired_width(420.0)
                                .hint_text(
                                    "文号、对象名称或信用代码、内容、人员、地点；拼音首字母亦可",
                                ),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(&mut self.focus) {
                        edit.request_focus();
                    }
                });
                self.refresh(data);
                if self.query.trim().is_empty() {
                    ui.label(RichText::new("输入即查，多个词用空格隔开").color(theme::MUTED));
                    return;
                }
                ui.label(format!("找到 {} 条；单击一行查看", self.hits.len()));
                ui.separator();
                hits_table(ui, &self.hits, data, commands);
            });
        self.open = open;
    }

    fn refresh(&mut self, data: &LedgerData) {
        let key = (self.query.clone(), data.generation);
        if self.hits_key.as_ref() != Some(&key) {
            let mut hits = data.index.search(&self.query);
            // Newest first: a clerk usually looks for a recent case.
            hits.sort_by_cached_key(|hit| std::cmp::Reverse(date_of(*hit, data)));
            self.hits = hits;
            self.hits_key = Some(key);
        }
    }
}

/// When a document was made, to order hits.
fn date_of(hit: DocRef, data: &LedgerData) -> Option<chrono::NaiveDateTime> {
    match hit {
        DocRef::Guidance(id) => data.guidance(id).map(|g| g.details.time),
        DocRef::Letter(id) => data.letter(id).and_then(|l| l.details.date.and_hms_opt(23, 59, 0)),
    }
}

/// All hits, one line each; only the visible lines are laid out.
fn hits_table(ui: &mut egui::Ui, hits: &[DocRef], data: &LedgerData, commands: &mut Vec<Command>) {
    TableBuilder::new(ui)
        .id_salt("lookup_hits")
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::exact(56.0))
        .column(Column::initial(190.0))
        .column(Column::initial(120.0))
        .column(Column::initial(200.0))
        .column(Column::remainder())
        .header(theme::ROW_HEIGHT, |mut header| {
            for h in ["类别", "文号", "日期", "对象", "事项与人员"] {
                header.col(|ui| {
                    ui.strong(h);
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, hits.len(), |mut row| {
                let Some((cells, command)) = hit_cells(hits[row.index()], data) else {
                    return;
                };
                for cell in cells {
                    row.col(|ui| {
                        ui.add(egui::Label::new(cell).truncate().selectable(false));
                    });
                }
                if row.response().clicked() {
                    commands.push(command);
                }
            });
        });
}

/// The cells of one hit, and what opening it means.
fn hit_cells(hit: DocRef, data: &LedgerData) -> Option<([String; 5], Command)> {
    match hit {
        DocRef::Guidance(id) => {
            let g = data.guidance(id)?;
            let item = g.details.item.and_then(|i| data.item(i)).map_or("", |i| i.name.as_str());
            let void = if g.voided.is_some() { "（作废）" } else { "" };
            let cells = [
                "指导".to_string(),
                format!("{}{void}", g.number),
                format_date(g.details.time.date()),
                g.details.subject.name.clone(),
                format!("{item}　{}", data.officer_names(&g.details.officers)),
            ];
            Some((cells, Command::OpenGuidance(id)))
        }
        DocRef::Letter(id) => {
            let l = data.letter(id)?;
            let void = if l.voided.is_some() { "（作废）" } else { "" };
            let cells = [
                "意见书".to_string(),
                format!("{}{void}", l.number),
                format_date(l.details.date),
                l.details.addressee.clone(),
                l.details.problems.replace('\n', " "),
            ];
            Some((cells, Command::OpenLetter(id)))
        }
    }
}
