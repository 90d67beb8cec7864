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
        let mut open = true;
        let list = self.list(data).to_vec();
        egui::Window::new(format!("待办事项（{}）", list.len()))
            .id(egui::Id::unique("todo"))
            .open(&mut open)
            .default_width(640.0)
            .collapsible(false)
            .show(ctx, |ui| {
                if list.is_empty() {
                    ui.label(RichText::new("目前没有待办事项。").color(theme::MUTED));
                    return;
                }
                TableBuilder::new(ui)
                    .striped(true)
                    .column(Column::exact(150.0))
                    .column(Column::exact(120.0))
                    .column(Column::remainder())
                    .column(Column::exact(50.0))
                    .max_scroll_height(360.0)
                    .header(22.0, |mut h| {
                        for title in ["事项", "期限", "指导记录", ""] {
                            h.col(|ui| {
                                ui.strong(title);
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(theme::ROW_HEIGHT, list.len(), |mut row| {
                            let todo = &list[row.index()];
                            let color =
                                if todo.kind.is_late() { theme::ERROR } else { theme::WARNING };
                            row.col(|ui| {
                                ui.label(RichText::new(todo.kind.label()).color(color));
                            });
                            row.col(|ui| {
                                let due = if todo.kind == TodoKind::ReviewPending {
                                    format!("{}提交", format_date(todo.due))
                                } else {
                                    format_date(todo.due)
                                };
                                ui.label(due);
                            });
                            row.col(|ui| {
                                ui.label(&todo.what);
                            });
                            row.col(|ui| {
                                if ui.button("打开").clicked() {
                                    commands.push(match todo.opens {
                                        Opens::FollowUp(id) => Command::OpenFollowUp(id),
                                        Opens::Guidance(id) => Command::OpenGuidance(id),
                                        Opens::Item(id) => Command::OpenItem(id),
                                    });
                                }
                            });
                        });
                    });
            });
        self.open = open;
    }
}
