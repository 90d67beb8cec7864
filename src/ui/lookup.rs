//! Quick lookup (Ctrl+F from every tab): one box over every text field, updating as you type.

use eframe::egui::{self, RichText};

use super::command::Command;
use super::theme;
use crate::domain::format_date;
use crate::search::DocRef;
use crate::search::data::LedgerData;

/// Most results listed at once; the count says how many more there are.
const MAX_SHOWN: usize = 200;

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
                let total = self.hits.len();
                let more = if total > MAX_SHOWN {
                    format!("，显示前{MAX_SHOWN}条")
                } else {
                    String::new()
                };
                ui.label(format!("找到 {total} 条{more}"));
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for hit in self.hits.iter().take(MAX_SHOWN) {
                        hit_ui(ui, *hit, data, commands);
                    }
                });
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

fn hit_ui(ui: &mut egui::Ui, hit: DocRef, data: &LedgerData, commands: &mut Vec<Command>) {
    let (text, command) = match hit {
        DocRef::Guidance(id) => {
            let Some(g) = data.guidance(id) else { return };
            let item = g.details.item.and_then(|i| data.item(i)).map_or("", |i| i.name.as_str());
            let void = if g.voided.is_some() { "（作废）" } else { "" };
            (
                format!(
                    "指导 {}{void}　{}　{}　{}　{}",
                    g.number,
                    format_date(g.details.time.date()),
                    g.details.subject.name,
                    item,
                    data.officer_names(&g.details.officers)
                ),
                Command::OpenGuidance(id),
            )
        }
        DocRef::Letter(id) => {
            let Some(l) = data.letter(id) else { return };
            let void = if l.voided.is_some() { "（作废）" } else { "" };
            (
                format!(
                    "意见书 {}{void}　{}　{}",
                    l.number,
                    format_date(l.details.date),
                    l.details.addressee
                ),
                Command::OpenLetter(id),
            )
        }
    };
    if ui.add(egui::Button::new(text).frame(false)).clicked() {
        commands.push(command);
    }
}
