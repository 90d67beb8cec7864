//! The to-do window: shown at start when something is due, and from the top bar.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::theme;
use crate::domain::format_date;
use crate::search::data::LedgerData;
use crate::search::todo::{Opens, Todo, TodoKind, todos};

#[derive(Default)]
pub struct TodoWindow {
    pub open: bool,
    /// The list, and the data generation and day it was made for.
    cached: Option<(u64, chrono::NaiveDate, Vec<Todo>)>,
}

impl TodoWindow {
    /// The list for today, recomputed only when the data or the day changed.
    pub fn list(&mut self, data: &LedgerData) -> &[Todo] {
        let today = chrono::Local::now().date_naive();
        let fresh = matches!(&self.cached, Some((g, d, _)) if *g == data.generation && *d == today);
        if !fresh {
            self.cached = Some((data.generation, today, todos(data, today)));
        }
        self.cached.as_ref().map_or(&[], |(_, _, list)| list.as_slice())
    }

    pub fn show(&mut self, ctx: &egui::Context, data: &LedgerData, commands: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        self.list(data);
        let list = self.cached.as_ref().map_or(&[][..], |(_, _, list)| list.as_slice());
        let mut open = true;
        egui::Window::new(format!("待办事项（{}）", list.len()))
            .id(egui::Id::unique("todo"))
            .open(&mut open)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_width(780.0)
            .collapsible(false)
            .show(ctx, |ui| {
                if list.is_empty() {
                    ui.label(RichText::new("目前没有待办事项。").color(theme::MUTED));
                    return;
                }
                ui.label(RichText::new("点击一行打开该记录").color(theme::MUTED));
                table(ui, list, commands);
            });
        self.open = open;
    }
}

/// The to-do list, late ones first; a click on a row opens where it is done.
fn table(ui: &mut egui::Ui, list: &[Todo], commands: &mut Vec<Command>) {
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(160.0))
        .column(Column::exact(150.0))
        .column(Column::remainder().at_least(300.0))
        .max_scroll_height(420.0)
        .header(theme::ROW_HEIGHT, |mut h| {
            for title in ["事项", "期限", "指导记录"] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, list.len(), |mut row| {
                let todo = &list[row.index()];
                let color = if todo.kind.is_late() { theme::ERROR } else { theme::WARNING };
                let due = if todo.kind == TodoKind::ReviewPending {
                    format!("{}提交", format_date(todo.due))
                } else {
                    format_date(todo.due)
                };
                let cells = [
                    RichText::new(todo.kind.label()).color(color),
                    due.into(),
                    todo.what.as_str().into(),
                ];
                for cell in cells {
                    row.col(|ui| {
                        ui.add(egui::Label::new(cell).truncate().selectable(false));
                    });
                }
                if row.response().on_hover_text("打开").clicked() {
                    commands.push(match todo.opens {
                        Opens::FollowUp(id) => Command::OpenFollowUp(id),
                        Opens::Guidance(id) => Command::OpenGuidance(id),
                        Opens::Item(id) => Command::OpenItem(id),
                    });
                }
            });
        });
}
