//! `guidance-ledger import`: an old register, a catalogue or the no-penalty list from a
//! spreadsheet. A dry run unless `--commit` is given; with it, all rows or none.

use std::path::Path;

use chrono::Local;

use crate::import::{ImportError, ImportKind, Known, Mapping, Plan, plan, read_path};
use crate::store::{ImportedCounts, Ledger, Snapshot};

use super::{CliError, print_lines};

/// How many bad rows are listed; the rest are counted.
const MAX_BAD_LINES: usize = 200;

/// Reads `from` as a list of `kind`, checks every row against the ledger at `db` and
/// prints what an import would do; with `commit`, writes it in one transaction. A ledger
/// that does not exist yet is only created by a commit.
///
/// # Errors
/// An unknown kind, an unreadable file, bad rows when committing (nothing is written
/// then), or what the store reports.
pub fn import(db: &Path, kind: &str, from: &Path, commit: bool) -> Result<Plan, CliError> {
    let kind = ImportKind::parse(kind).ok_or_else(|| CliError::UnknownImport(kind.into()))?;
    let sheet = read_path(from)?;
    let mapping = Mapping::detect(kind, &sheet)?;
    // A dry run never opens the file for writing, so it stays byte for byte as it was.
    let ledger = match (commit, db.is_file()) {
        (true, _) => Some(Ledger::open(db)?),
        (false, true) => Some(Ledger::open_read_only(db)?),
        (false, false) => None,
    };
    let snapshot = match &ledger {
        Some(ledger) => ledger.snapshot()?,
        None => Snapshot::default(),
    };
    let now = Local::now().naive_local();
    let plan = plan(&sheet, &mapping, Known::of(&snapshot), now)?;

    let mut lines = vec![format!(
        "读取“{}”（{}）作为{}，表头在第{}行。",
        from.display(),
        sheet.source,
        kind.label(),
        sheet.rows[mapping.header_row].number
    )];
    lines.push(mapping_line(&mapping, &sheet));
    lines.extend(plan.report_lines(MAX_BAD_LINES));
    let Some(ledger) = ledger.filter(|_| commit) else {
        lines.push("试运行：台账未作任何改动。确认无误后，加上 --commit 正式导入。".into());
        print_lines(lines)?;
        return Ok(plan);
    };
    print_lines(lines)?;
    let counts = crate::import::commit(&ledger, &plan, now)?;
    print_lines([done_line(&counts)])?;
    Ok(plan)
}

/// `时间←“日期”，文号←“文书编号”…`, then the fields no column feeds.
fn mapping_line(mapping: &Mapping, sheet: &crate::import::Sheet) -> String {
    let headers = mapping.headers(sheet);
    let mut mapped = Vec::new();
    let mut unmapped = Vec::new();
    for (target, column) in mapping.kind.targets().iter().zip(&mapping.columns) {
        match column.and_then(|c| headers.get(c)) {
            Some(header) => mapped.push(format!("{}←“{header}”", target.name)),
            None => unmapped.push(target.name),
        }
    }
    let line = format!("列对应：{}", mapped.join("，"));
    if unmapped.is_empty() {
        line
    } else {
        format!("{line}（无对应列：{}）", unmapped.join("、"))
    }
}

fn done_line(counts: &ImportedCounts) -> String {
    let mut parts = Vec::new();
    for (n, what) in [
        (counts.guidance, "指导记录"),
        (counts.items, "目录事项"),
        (counts.officers, "指导人员"),
        (counts.entries, "不罚清单条目"),
    ] {
        if n > 0 {
            parts.push(format!("{what}{n}"));
        }
    }
    format!("已导入：{}。", parts.join("，"))
}

impl From<ImportError> for CliError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(store) => CliError::Store(store),
            other => CliError::Import(other),
        }
    }
}
