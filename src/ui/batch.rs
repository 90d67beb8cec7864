//! The batch window: every record and letter of a period into one PDF, or a folder of Word
//! files, with progress and a way to cancel (in the export window).

use chrono::{Datelike, Local, NaiveDate};
use eframe::egui::{self, RichText};

use super::command::Command;
use super::{theme, widgets};
use crate::domain::format_date;
use crate::export::paper::PaperFormat;
use crate::search::data::LedgerData;
use crate::search::papers::{BatchKinds, documents_in};

pub struct BatchWindow {
    from_text: String,
    to_text: String,
    kinds: BatchKinds,
    format: PaperFormat,
}

impl Default for BatchWindow {
    /// A window for this month so far.
    fn default() -> Self {
        let today = Local::now().date_naive();
        let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        Self {
            from_text: format_date(first),
            to_text: format_date(today),
            kinds: BatchKinds { guidance: true, letters: true },
            format: PaperFormat::Pdf,
        }
    }
}

impl BatchWindow {
    /// Draws the window; false once it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        data: &LedgerData,
        commands: &mut Vec<Command>,
    ) -> bool {
        let mut open = true;
        let mut started = false;
        egui::Window::new("批量导出文书")
            .id(egui::Id::unique("batch_print"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let from = widgets::date(ui, "起始日期", &mut self.from_text, "batch_from");
                let to = widgets::date(ui, "截止日期", &mut self.to_text, "batch_to");
                widgets::labelled(ui, "文书", None, |ui, _| {
                    ui.checkbox(&mut self.kinds.guidance, "行政指导文书");
                    ui.checkbox(&mut self.kinds.letters, "行政指导意见书");
                });
                widgets::labelled(ui, "格式", None, |ui, _| {
                    ui.radio_value(&mut self.format, PaperFormat::Pdf, "合成一个 PDF 文件");
                    ui.radio_value(
                        &mut self.format,
                        PaperFormat::Docx,
                        "每份一个 Word 文件（放在一个文件夹中）",
                    );
                });
                let (Some(from), Some(to)) = (from, to) else { return };
                if from > to {
                    widgets::error(ui, "起始日期不能晚于截止日期");
                    return;
                }
                let count = documents_in(data, from, to, self.kinds).len();
                ui.label(
                    RichText::new(format!("共{count}份（已作废的不导出）")).color(theme::MUTED),
                );
                if ui.add_enabled(count > 0, egui::Button::new("开始导出")).clicked() {
                    commands.push(Command::PrintBatch {
                        from,
                        to,
                        kinds: self.kinds,
                        format: self.format,
                    });
                    started = true;
                }
            });
        open && !started
    }
}
