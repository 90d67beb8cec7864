//! The typical-case window: the program's masked draft of a record's case, edited by the clerk
//! and saved with the record's typical mark.

use eframe::egui::{self, RichText};

use super::command::Command;
use super::theme;
use crate::domain::RecordId;
use crate::domain::typical::{TypicalCase, draft_case};
use crate::search::data::LedgerData;

pub struct TypicalWindow {
    case: TypicalCase,
    /// Whether the record was already marked when the window opened.
    marked: bool,
}

impl TypicalWindow {
    /// Opens the saved case of record `id`, or drafts one. None if the record is gone.
    pub fn open(data: &LedgerData, id: RecordId, now: chrono::NaiveDateTime) -> Option<Self> {
        if let Some(case) = data.typical.get(&id) {
            return Some(Self { case: case.clone(), marked: true });
        }
        let record = data.guidance(id)?;
        let item = record.details.item.and_then(|i| data.item(i)).map_or("", |i| i.name.as_str());
        let case = draft_case(record, item, &data.settings.unit_name, now);
        Some(Self { case, marked: false })
    }

    pub fn guidance(&self) -> RecordId {
        self.case.guidance
    }

    /// Draws the window; false once it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        data: &LedgerData,
        commands: &mut Vec<Command>,
    ) -> bool {
        let mut open = true;
        let mut close = false;
        let number = data.guidance(self.case.guidance).map(|g| g.number.to_string());
        egui::Window::new(format!("典型案例 {}", number.unwrap_or_default()))
            .id(egui::Id::unique("typical_case"))
            .open(&mut open)
            .default_width(620.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(
                        "当事人姓名、联系人、电话号码、身份证号码和统一社会信用代码已自动遮盖；\
                         发布前请通读全文，补充“指导效果”和“典型意义”，并删去其他不宜公开的内容。",
                    )
                    .color(theme::MUTED),
                );
                ui.horizontal(|ui| {
                    let label = ui.label("案例标题");
                    ui.add(egui::TextEdit::singleline(&mut self.case.title).desired_width(480.0))
                        .labelled_by(label.id);
                });
                let label = ui.label("案例内容");
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut self.case.text)
                            .desired_width(f32::INFINITY)
                            .desired_rows(16),
                    )
                    .labelled_by(label.id);
                });
                let errors = self.case.validate();
                for e in &errors {
                    ui.label(RichText::new(&e.message).color(theme::ERROR));
                }
                ui.separator();
                if data.read_only {
                    ui.label(RichText::new("只读台账：不能保存。").color(theme::MUTED));
                    return;
                }
                ui.horizontal(|ui| {
                    let label =
                        if self.marked { "保存修改" } else { "标记为典型案例并保存" };
                    if ui.add_enabled(errors.is_empty(), egui::Button::new(label)).clicked() {
                        commands.push(Command::SaveTypical(self.case.clone()));
                        self.marked = true;
                    }
                    if self.marked && ui.button("导出 Word").clicked() {
                        commands.push(Command::PrintTypical {
                            guidance: self.case.guidance,
                            format: crate::export::paper::PaperFormat::Docx,
                        });
                    }
                    if self.marked && ui.button("导出 PDF").clicked() {
                        commands.push(Command::PrintTypical {
                            guidance: self.case.guidance,
                            format: crate::export::paper::PaperFormat::Pdf,
                        });
                    }
                    if self.marked && ui.button("取消典型案例标记").clicked() {
                        commands.push(Command::UnmarkTypical(self.case.guidance));
                        close = true;
                    }
                });
            });
        open && !close
    }
}
