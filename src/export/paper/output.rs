//! Papers written in the format the clerk chose: one PDF, one Word file, or a batch.

use std::path::Path;

use super::{FontSet, Paper, Printed, RegisterPaper, paper_docx, paper_pdf, papers_pdf};
use super::{register_docx, register_pdf};
use crate::export::{ExportError, write_bytes_atomically};

/// The formats a paper is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaperFormat {
    /// For printing: the layout and fonts fixed, glyphs embedded.
    Pdf,
    /// For editing in Word or WPS: the official font names, the same page and grid.
    Docx,
}

impl PaperFormat {
    pub const ALL: [PaperFormat; 2] = [PaperFormat::Pdf, PaperFormat::Docx];

    pub fn extension(self) -> &'static str {
        match self {
            PaperFormat::Pdf => "pdf",
            PaperFormat::Docx => "docx",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PaperFormat::Pdf => "PDF 文件（.pdf）",
            PaperFormat::Docx => "Word 文档（.docx）",
        }
    }

    /// Reads `pdf` or `docx` (any case, with or without a leading dot).
    pub fn parse(text: &str) -> Option<PaperFormat> {
        let text = text.trim();
        let text = text.strip_prefix('.').unwrap_or(text);
        PaperFormat::ALL.into_iter().find(|f| f.extension().eq_ignore_ascii_case(text))
    }
}

/// One paper as a file's bytes, with notes for the clerk (fonts replaced, characters that
/// could not be printed).
pub fn print_paper(
    paper: &Paper,
    format: PaperFormat,
    fonts: &FontSet,
) -> Result<Printed, ExportError> {
    match format {
        PaperFormat::Pdf => paper_pdf(paper, fonts),
        PaperFormat::Docx => Ok(Printed { bytes: paper_docx(paper)?, notes: Vec::new() }),
    }
}

/// The register as a file's bytes.
pub fn print_register(
    paper: &RegisterPaper,
    format: PaperFormat,
    fonts: &FontSet,
) -> Result<Printed, ExportError> {
    match format {
        PaperFormat::Pdf => register_pdf(paper, fonts),
        PaperFormat::Docx => Ok(Printed { bytes: register_docx(paper)?, notes: Vec::new() }),
    }
}

/// Writes a batch: every paper into one PDF at `path`, or each into its own Word file in the
/// folder `path` (created if needed). `progress(done)` is called after each paper; when it
/// returns false the batch stops with [`ExportError::Cancelled`] and, for a PDF, nothing is
/// written. Returns the notes and the number of files written.
pub fn write_batch(
    papers: &[Paper],
    format: PaperFormat,
    fonts: &FontSet,
    path: &Path,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<(Vec<String>, usize), ExportError> {
    match format {
        PaperFormat::Pdf => {
            let printed = papers_pdf(papers, fonts, progress)?;
            write_bytes_atomically(path, &printed.bytes)?;
            Ok((printed.notes, 1))
        }
        PaperFormat::Docx => {
            std::fs::create_dir_all(path)
                .map_err(|source| ExportError::Io { path: path.to_path_buf(), source })?;
            for (i, paper) in papers.iter().enumerate() {
                let bytes = paper_docx(paper)?;
                let name = format!("{:04}_{}.docx", i + 1, file_safe(&paper.file_stem));
                write_bytes_atomically(&path.join(name), &bytes)?;
                if !progress(i + 1) {
                    return Err(ExportError::Cancelled);
                }
            }
            Ok((Vec::new(), papers.len()))
        }
    }
}

/// A file name from a paper's stem: characters Windows refuses become `_`.
pub fn file_safe(stem: &str) -> String {
    stem.chars()
        .map(|c| if r#"\/:*?"<>|"#.contains(c) || c.is_control() { '_' } else { c })
        .collect()
}
