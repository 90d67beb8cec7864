//! The dry run: every row checked against the ledger as it is, and what an import would
//! write, worked out without writing anything.

use chrono::NaiveDateTime;

use crate::domain::{CatalogueItem, Guidance, NoPenaltyEntry, Officer, OpinionLetter};
use crate::store::{ImportWrite, Snapshot};

use super::columns::Mapping;
use super::sheet::Sheet;
use super::{ImportError, ImportKind, catalogue, no_penalty, register};

/// What is in the ledger now, as far as an import needs to know.
#[derive(Clone, Copy)]
pub struct Known<'a> {
    pub officers: &'a [Officer],
    pub catalogue: &'a [CatalogueItem],
    pub guidance: &'a [Guidance],
    pub letters: &'a [OpinionLetter],
    pub no_penalty: &'a [NoPenaltyEntry],
}

impl<'a> Known<'a> {
    pub fn of(snapshot: &'a Snapshot) -> Self {
        Self {
            officers: &snapshot.officers,
            catalogue: &snapshot.catalogue,
            guidance: &snapshot.guidance,
            letters: &snapshot.letters,
            no_penalty: &snapshot.no_penalty,
        }
    }
}

/// A row that cannot be imported: its number as Excel shows it, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    pub row: u32,
    pub reason: String,
}

/// The result of a dry run: counts, bad rows, what would be created, and the write itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub kind: ImportKind,
    /// Data rows below the header, blank rows left out.
    pub rows_read: usize,
    /// Rows that would be imported.
    pub good: usize,
    pub bad: Vec<BadRow>,
    /// Officers named in the register but not in the ledger: they would be added.
    pub new_officers: Vec<String>,
    /// Items named in the register but not in the catalogue: added as 停用.
    pub new_items: Vec<String>,
    pub write: ImportWrite,
}

impl Plan {
    pub(super) fn new(kind: ImportKind) -> Self {
        Self {
            kind,
            rows_read: 0,
            good: 0,
            bad: Vec::new(),
            new_officers: Vec::new(),
            new_items: Vec::new(),
            write: ImportWrite::default(),
        }
    }

    /// Whether the clerk may confirm: rows to import and none bad.
    pub fn can_commit(&self) -> bool {
        self.bad.is_empty() && self.good > 0
    }

    /// The dry run in Chinese, for the CLI and the window; at most `max_bad` bad rows.
    pub fn report_lines(&self, max_bad: usize) -> Vec<String> {
        let mut lines = vec![format!(
            "数据{}行：可导入{}行，有问题{}行。",
            self.rows_read,
            self.good,
            self.bad.len()
        )];
        let w = &self.write;
        match self.kind {
            ImportKind::Register => {
                lines.push(format!("将导入指导记录{}份，保留原文号。", w.guidance.len()));
            }
            ImportKind::Catalogue => lines.push(format!("将新建目录事项{}项。", w.items.len())),
            ImportKind::NoPenalty => {
                lines.push(format!("将新增不罚清单条目{}项。", w.entries.len()));
            }
        }
        if !self.new_officers.is_empty() {
            lines.push(format!(
                "台账中没有的指导人员{}名，将新建：{}",
                self.new_officers.len(),
                self.new_officers.join("、")
            ));
        }
        if !self.new_items.is_empty() {
            lines.push(format!(
                "目录中没有的指导事项{}项，将新建为“停用”事项（请到事项目录补充依据后启用）：{}",
                self.new_items.len(),
                self.new_items.join("、")
            ));
        }
        for bad in self.bad.iter().take(max_bad) {
            lines.push(format!("第{}行：{}", bad.row, bad.reason));
        }
        if max_bad > 0 && self.bad.len() > max_bad {
            lines.push(format!("……另有{}行有问题。", self.bad.len() - max_bad));
        }
        lines
    }

    pub(super) fn push_bad(&mut self, row: u32, reason: String) {
        self.bad.push(BadRow { row, reason });
    }
}

/// Checks every data row below the header and works out the import, writing nothing.
/// `now` is the time voided records from an old register are marked with.
pub fn plan(
    sheet: &Sheet,
    mapping: &Mapping,
    known: Known<'_>,
    now: NaiveDateTime,
) -> Result<Plan, ImportError> {
    let missing = mapping.missing();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    let rows = mapping.header_row + 1..sheet.rows.len();
    let plan = match mapping.kind {
        ImportKind::Register => register::plan(sheet, mapping, rows, known, now),
        ImportKind::Catalogue => catalogue::plan(sheet, mapping, rows, known),
        ImportKind::NoPenalty => no_penalty::plan(sheet, mapping, rows, known),
    };
    Ok(plan)
}
