//! Printed papers asked for by the window: previews, single papers, the register, batches.

use super::app::LedgerApp;
use super::batch::BatchWindow;
use super::command::Command;
use super::preview::PreviewWindow;
use super::print::{batch_payload, paper_payload, register_payload};
use crate::domain::format_date;
use crate::export::paper::typical_paper;
use crate::search::papers::{documents_in, paper_of};

impl LedgerApp {
    /// Applies one printing command.
    pub(super) fn apply_print(&mut self, command: &Command) {
        match *command {
            Command::PreviewDocument(doc) => match paper_of(&self.data, doc) {
                Some(paper) => self.preview = Some(PreviewWindow::new(&paper)),
                None => self.failed("找不到该文书，可能已被删除".into()),
            },
            Command::PrintDocument { doc, format } => match paper_of(&self.data, doc) {
                Some(paper) => self.export.start(paper_payload(paper, format)),
                None => self.failed("找不到该文书，可能已被删除".into()),
            },
            Command::PrintRegister(format) => {
                let paper = self.register.paper(&self.data);
                self.export.start(register_payload(paper, format));
            }
            Command::OpenBatch => self.batch = Some(BatchWindow::default()),
            Command::PrintBatch { from, to, kinds, format } => {
                let papers: Vec<_> = documents_in(&self.data, from, to, kinds)
                    .into_iter()
                    .filter_map(|doc| paper_of(&self.data, doc))
                    .collect();
                let name = format!("行政指导文书_{}至{}", format_date(from), format_date(to));
                self.export.start(batch_payload(papers, format, &name));
            }
            Command::PrintTypical { guidance, format } => match self.data.typical.get(&guidance) {
                Some(case) => {
                    let paper = typical_paper(case, &self.data.settings.unit_name);
                    self.export.start(paper_payload(paper, format));
                }
                None => self.failed("请先保存典型案例，再导出".into()),
            },
            _ => {}
        }
    }
}
