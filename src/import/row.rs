//! One data row as an importer reads it: cells by field name, problems collected.

use super::columns::Mapping;
use super::sheet::{Cell, Sheet};
use super::value::{cell_text, junk_reason, short};

/// A data row of the sheet, read through the mapping; problems pile up in `errors`.
pub(super) struct RowReader<'a> {
    sheet: &'a Sheet,
    mapping: &'a Mapping,
    index: usize,
    pub errors: Vec<String>,
}

impl<'a> RowReader<'a> {
    pub fn new(sheet: &'a Sheet, mapping: &'a Mapping, index: usize) -> Self {
        Self { sheet, mapping, index, errors: Vec::new() }
    }

    /// The row number Excel shows.
    pub fn number(&self) -> u32 {
        self.sheet.rows.get(self.index).map_or(0, |r| r.number)
    }

    /// Whether every cell of the row is empty: such rows are passed over, not reported.
    pub fn is_blank(&self) -> bool {
        self.sheet.rows.get(self.index).is_none_or(|r| {
            r.cells.iter().all(|c| match c {
                Cell::Empty => true,
                Cell::Text(t) => t.trim().is_empty(),
                _ => false,
            })
        })
    }

    /// The cell feeding the field `name`, or empty when no column does.
    pub fn cell(&self, name: &str) -> &'a Cell {
        match self.mapping.column(name) {
            Some(col) => self.sheet.cell(self.index, col),
            None => &Cell::Empty,
        }
    }

    /// The text of the field `name`; binary junk in it is noted as a problem.
    pub fn text(&mut self, name: &str) -> String {
        let text = cell_text(self.cell(name));
        if let Some(reason) = junk_reason(&text) {
            self.errors.push(format!("“{name}”{reason}"));
        }
        text
    }

    /// Notes a problem with the field `name` and its value.
    pub fn bad(&mut self, message: String) {
        self.errors.push(message);
    }

    /// Notes problems found by the domain's validation.
    pub fn invalid(&mut self, errors: &[crate::domain::FieldError]) {
        self.errors.extend(errors.iter().map(|e| e.message.clone()));
    }

    /// The problems as one line, or none.
    pub fn reason(&self) -> Option<String> {
        if self.errors.is_empty() { None } else { Some(self.errors.join("；")) }
    }
}

/// Quotes a value in a message, cut short if long.
pub(super) fn quoted(text: &str) -> String {
    format!("“{}”", short(text))
}
