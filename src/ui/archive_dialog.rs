//! 批量归档: the concluded records the register shows are archived together, once the clerk
//! has confirmed; from then on they change only by 更正.

use eframe::egui::{self, RichText};

use super::command::Command;
use super::theme;
use crate::domain::RecordId;

pub struct ArchiveDialog {
    ids: Vec<RecordId>,
}

impl ArchiveDialog {
    pub fn new(ids: Vec<RecordId>) -> Self {
        Self { ids }
    }

    /// Draws the window; false once it is closed.
    pub fn show(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) -> bool {
        let mut open = true;
        let mut close = false;
        egui::Window::new("批量归档")
            .id(egui::Id::unique("archive_dialog"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
                ui.label(format!("将登记簿当前筛选出的 {} 份已办结记录归档。", self.ids.len()));
                ui.label(
                    RichText::new(
                        "归档后记录被锁定：内容如需更正，须在记录中点“更正…”并写明原因，原内容会保留。",
                    )
                    .color(theme::MUTED),
                );
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let label = format!("归档 {} 份记录", self.ids.len());
                    if ui.button(label).clicked() {
                        commands.push(Command::ArchiveConcluded(std::mem::take(&mut self.ids)));
                        close = true;
                    }
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
            });
        open && !close
    }
}
