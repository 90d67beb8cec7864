//! `guidance-ledger search`: matching register rows, then matching opinion letters.

use std::path::Path;

use crate::domain::register::REGISTER_HEADERS;
use crate::domain::{RegisterFilter, RegisterSort, format_date};
use crate::search::register::{build_rows, view};
use crate::search::{DocRef, SearchIndex};

use super::{CliError, open_existing, print_lines};

/// Columns printed for each matching opinion letter.
const LETTER_HEADERS: [&str; 6] = ["序号", "文号", "成文日期", "收件对象", "存在问题", "送达情况"];

/// Prints the register rows and the letters of the ledger at `db` that contain every word of
/// `query`, tab-separated with a header line each, then a count line such as “共 12 条”.
///
/// # Errors
/// An empty query, a missing ledger (never created here), or what the store reports.
pub fn search(db: &Path, query: &str) -> Result<(), CliError> {
    if query.trim().is_empty() {
        return Err(CliError::EmptyQuery);
    }
    let s = open_existing(db)?.snapshot()?;
    let index = SearchIndex::build(&s.guidance, &s.letters, &s.officers, &s.catalogue);

    let rows = build_rows(&s.guidance, &s.catalogue, &s.officers);
    let filter = RegisterFilter { text: query.to_string(), ..Default::default() };
    let positions = view(&rows, &filter, RegisterSort::default(), &index);
    let letters: Vec<_> = index
        .search(query)
        .into_iter()
        .filter_map(|doc| match doc {
            DocRef::Letter(id) => s.letters.binary_search_by_key(&id, |l| l.id).ok(),
            DocRef::Guidance(_) => None,
        })
        .map(|i| &s.letters[i])
        .collect();

    let mut lines = Vec::with_capacity(positions.len() + letters.len() + 4);
    if !positions.is_empty() {
        lines.push(REGISTER_HEADERS.join("\t"));
        for (seq, &i) in positions.iter().enumerate() {
            lines.push(tab_line(&rows[i].cells(seq + 1)));
        }
    }
    if !letters.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(LETTER_HEADERS.join("\t"));
        for (seq, letter) in letters.iter().enumerate() {
            let mut number = letter.number.to_string();
            if letter.voided.is_some() {
                number.push_str("（作废）");
            }
            lines.push(tab_line(&[
                (seq + 1).to_string(),
                number,
                format_date(letter.details.date),
                letter.details.addressee.clone(),
                letter.details.problems.clone(),
                letter.delivery_text(),
            ]));
        }
    }
    lines.push(format!(
        "共 {} 条（指导记录 {} 条，意见书 {} 条）",
        positions.len() + letters.len(),
        positions.len(),
        letters.len()
    ));
    print_lines(lines)
}

/// Cells joined by tabs; tabs and line breaks inside a cell become spaces.
fn tab_line(cells: &[String]) -> String {
    let cleaned: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\r', '\n'], " ")).collect();
    cleaned.join("\t")
}
