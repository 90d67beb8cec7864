//! Papers as Word files (DOCX) that WPS, Word and `LibreOffice` open and paginate like the PDF.
//!
//! The `WordprocessingML` parts are written here by hand and packed with the `zip` crate rather
//! than through `docx-rs`: that crate cannot mark a table row as a repeated header
//! (`w:tblHeader`) nor set the line-breaking rules, it would pull in a second version of
//! `zip` and `serde_json`, and it adds ids and settings of its own. What a paper needs is a
//! few hundred lines of exact XML: the page and margins of the [`PageSpec`], the character
//! grid, the official font names, bordered tables and odd/even page-number footers.
//!
//! The section carries GB/T 9704's grid (`linesAndChars`, 22 lines × 28 characters) so that
//! Word and WPS show it in page setup, but paragraphs do not snap characters to its cells:
//! `LibreOffice` puts a 16 pt character into two 15.8 pt cells. Body runs are narrowed by a
//! quarter point instead, which gives 28 characters a line in all three, and exact line
//! spacing at the grid's pitch gives 22 lines a page.
//!
//! [`PageSpec`]: super::PageSpec

mod body;
mod geometry;
mod parts;
mod register;
mod run;
mod xml;

use std::io::{Cursor, Write as _};

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use self::geometry::Geometry;
use super::{Block, Paper, RegisterPaper};
use crate::export::ExportError;

/// A guidance record or an opinion letter as the bytes of a `.docx` file.
pub fn paper_docx(paper: &Paper) -> Result<Vec<u8>, ExportError> {
    let g = Geometry::of(&paper.page)?;
    let document = body::document(paper, &g);
    package(&g, &document, &paper_title(paper))
}

/// The register as the bytes of a landscape `.docx` file.
pub fn register_docx(paper: &RegisterPaper) -> Result<Vec<u8>, ExportError> {
    let g = Geometry::of(&paper.page)?;
    let document = register::document(paper, &g)?;
    let title = if paper.period.trim().is_empty() {
        paper.title.clone()
    } else {
        format!("{}（{}）", paper.title, paper.period.trim())
    };
    package(&g, &document, &title)
}

/// The title for the file's properties: the paper's title and number, else its file name.
fn paper_title(paper: &Paper) -> String {
    let mut words = paper.blocks.iter().filter_map(|b| match b {
        Block::Title(t) | Block::Number(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    });
    match (words.next(), words.next()) {
        (Some(title), Some(number)) => format!("{title} {number}"),
        (Some(title), None) => title.to_owned(),
        _ => paper.file_stem.clone(),
    }
}

/// Packs the parts into a zip archive, `[Content_Types].xml` first as Word expects.
fn package(g: &Geometry, document: &str, title: &str) -> Result<Vec<u8>, ExportError> {
    let parts = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        ("docProps/core.xml", parts::core(title)),
        ("docProps/app.xml", parts::app()),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/document.xml", document.to_owned()),
        ("word/styles.xml", parts::styles(g)),
        ("word/settings.xml", parts::settings()),
        ("word/fontTable.xml", parts::font_table()),
        (parts::ODD_FOOTER, parts::footer(g, true)),
        (parts::EVEN_FOOTER, parts::footer(g, false)),
    ];
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(name, options)?;
        zip.write_all(xml.as_bytes()).map_err(ZipError::Io)?;
    }
    Ok(zip.finish()?.into_inner())
}
