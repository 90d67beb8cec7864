//! `guidance-ledger verify`: checks the audit trail (and, later, attachments) and says either
//! 校验通过 with counts, or the first fault found.

use std::path::Path;

use super::{CliError, open_existing, print_lines};
use crate::store::audit::verify::CheckReport;

/// Runs every check on the ledger at `db`. A fault is an error, so the exit status says it.
pub fn verify(db: &Path) -> Result<(), CliError> {
    let ledger = open_existing(db)?;
    let verification = ledger.verify()?;
    if let Some(report) = verification.first_fault() {
        return Err(CliError::VerifyFailed(report.line()));
    }
    let mut lines: Vec<String> = verification.reports.iter().map(CheckReport::line).collect();
    lines.push(format!("校验通过：{}", db.display()));
    print_lines(lines)
}
