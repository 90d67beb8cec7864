//! Printed papers as exports: one paper, the register, or a batch, written in the background.

use crate::export::paper::{
    FontSet, Paper, PaperFormat, RegisterPaper, file_safe, print_paper, print_register, write_batch,
};
use crate::export::write_bytes_atomically;

use super::export_flow::Payload;

/// One paper as PDF or Word.
pub fn paper_payload(paper: Paper, format: PaperFormat) -> Payload {
    Payload {
        file_name: format!("{}.{}", file_safe(&paper.file_stem), format.extension()),
        extension: format.extension(),
        filter: format.label(),
        write: Box::new(move |path, _| {
            let printed = print_paper(&paper, format, FontSet::shared())
                .map_err(|e| format!("导出失败：{e}"))?;
            write_bytes_atomically(path, &printed.bytes).map_err(|e| format!("导出失败：{e}"))?;
            Ok(printed.notes)
        }),
    }
}

/// The register as shown, as PDF or Word.
pub fn register_payload(paper: RegisterPaper, format: PaperFormat) -> Payload {
    Payload {
        file_name: format!("{}.{}", file_safe(&paper.file_stem), format.extension()),
        extension: format.extension(),
        filter: format.label(),
        write: Box::new(move |path, _| {
            let printed = print_register(&paper, format, FontSet::shared())
                .map_err(|e| format!("导出失败：{e}"))?;
            write_bytes_atomically(path, &printed.bytes).map_err(|e| format!("导出失败：{e}"))?;
            Ok(printed.notes)
        }),
    }
}

/// Many papers: one PDF, or a folder of Word files named `name`.
pub fn batch_payload(papers: Vec<Paper>, format: PaperFormat, name: &str) -> Payload {
    let (file_name, extension) = match format {
        PaperFormat::Pdf => (format!("{name}.pdf"), "pdf"),
        PaperFormat::Docx => (name.to_owned(), ""),
    };
    Payload {
        file_name,
        extension,
        filter: format.label(),
        write: Box::new(move |path, progress| {
            let total = papers.len();
            let mut report = |done: usize| progress.report(done, total);
            let (mut notes, files) =
                write_batch(&papers, format, FontSet::shared(), path, &mut report)
                    .map_err(|e| format!("导出失败：{e}"))?;
            notes.insert(0, format!("共{total}份文书，写入{files}个文件。"));
            Ok(notes)
        }),
    }
}
