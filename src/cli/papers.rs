//! `guidance-ledger export document|register --format pdf|docx`: printed papers.

use std::path::Path;

use crate::domain::{RegisterFilter, RegisterRow, RegisterSort};
use crate::export::paper::{FontSet, PaperFormat, print_paper, print_register, register_paper};
use crate::export::write_bytes_atomically;
use crate::search::SearchIndex;
use crate::search::data::LedgerData;
use crate::search::papers::{find_number, paper_of};
use crate::search::register::view;

use super::export::parse_year;
use super::{CliError, open_existing, print_lines};

/// Whether the export asks for a printed paper: a document, or a PDF/DOCX format or file.
pub fn wants_paper(list: &str, format: Option<&str>, out: &Path) -> bool {
    let by_name = |t: &str| PaperFormat::parse(t).is_some();
    list.trim().eq_ignore_ascii_case("document")
        || list.trim() == "文书"
        || format.is_some_and(by_name)
        || (format.is_none() && out.extension().is_some_and(|e| by_name(&e.to_string_lossy())))
}

/// Writes one document (by its number) or the register (of a year, or all) as PDF or DOCX,
/// and prints where, and any notes about fonts.
pub fn export_paper(
    db: &Path,
    list: &str,
    format: Option<&str>,
    out: &Path,
    year: Option<&str>,
    number: Option<&str>,
) -> Result<(), CliError> {
    let format = match format {
        Some(text) => {
            PaperFormat::parse(text).ok_or_else(|| CliError::UnknownFormat(text.into()))?
        }
        None => out
            .extension()
            .and_then(|e| PaperFormat::parse(&e.to_string_lossy()))
            .ok_or_else(|| CliError::NoFormat(out.to_path_buf()))?,
    };
    let year = year.map(parse_year).transpose()?;
    let data = LedgerData::load(&open_existing(db)?)?;
    let fonts = FontSet::shared();
    let kind = list.trim().to_ascii_lowercase();
    let printed = match kind.as_str() {
        "document" | "文书" => {
            let number = number.ok_or(CliError::NoNumber)?;
            let paper = find_number(&data, number)
                .and_then(|doc| paper_of(&data, doc))
                .ok_or_else(|| CliError::NumberNotFound(number.trim().into()))?;
            print_paper(&paper, format, fonts)?
        }
        "register" | "登记簿" => {
            let filter = RegisterFilter { year, ..Default::default() };
            let positions =
                view(&data.rows, &filter, RegisterSort::default(), &SearchIndex::default());
            let rows: Vec<&RegisterRow> = positions.iter().map(|&i| &data.rows[i]).collect();
            let paper = register_paper(&rows, &data.settings.unit_name, &filter.period_label());
            print_register(&paper, format, fonts)?
        }
        _ => return Err(CliError::NotPrintable(list.trim().into())),
    };
    write_bytes_atomically(out, &printed.bytes)?;
    let mut lines = vec![format!("已导出到 {}（{}字节）", out.display(), printed.bytes.len())];
    lines.extend(printed.notes.into_iter().map(|n| format!("提示：{n}")));
    print_lines(lines)
}
