//! `guidance-ledger demo`: fill a new ledger with made-up records.

use std::path::Path;

use crate::demo::{self, DemoSummary};
use crate::store::Ledger;

use super::CliError;

/// Fills the ledger at `db` (created if missing) with `records` demo guidance records,
/// printing progress on stderr after each chunk. Refuses a ledger that already holds data,
/// so demo records never mix with real ones or use up real numbers.
///
/// # Errors
/// [`CliError::NotEmpty`] for a ledger with data, or the store's error.
pub fn demo(db: &Path, records: usize, seed: u64) -> Result<DemoSummary, CliError> {
    let mut ledger = Ledger::open(db)?;
    ledger.set_actor(crate::domain::Actor::CommandLine);
    let existing = ledger.snapshot()?;
    if !(existing.officers.is_empty()
        && existing.catalogue.is_empty()
        && existing.guidance.is_empty()
        && existing.letters.is_empty())
    {
        return Err(CliError::NotEmpty {
            path: db.to_path_buf(),
            officers: existing.officers.len(),
            items: existing.catalogue.len(),
            guidance: existing.guidance.len(),
        });
    }
    drop(existing);
    let summary = demo::fill(&ledger, records, seed, &mut |done, total| {
        eprintln!("已生成 {done}/{total} 条");
    })?;
    Ok(summary)
}
