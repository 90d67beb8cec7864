//! Allocation of document numbers inside the write transaction that saves the document.

use redb::{ReadableTable, WriteTransaction};

use crate::domain::{DocKind, DocNumber};

use super::error::{Result, StoreError};
use super::ledger::settings_in;
use super::tables::{NUMBERS, SEQUENCES, SETTINGS};

/// Code of a kind in the `NUMBERS` table.
pub(super) fn kind_code(kind: DocKind) -> u8 {
    match kind {
        DocKind::Guidance => 0,
        DocKind::Letter => 1,
    }
}

/// Gives the next number of `kind` for `year` to record `id`, within `txn`.
///
/// The sequence restarts at 1 each year; a number is never given twice, because the
/// counter and the record are committed together or not at all.
pub(super) fn allocate(
    txn: &WriteTransaction,
    kind: DocKind,
    year: i32,
    id: u64,
) -> Result<DocNumber> {
    let settings = settings_in(&txn.open_table(SETTINGS)?)?;
    let key = format!("{}/{year}", settings.series_for(kind));
    let mut sequences = txn.open_table(SEQUENCES)?;
    let last = sequences.get(key.as_str())?.map_or(0, |v| v.value());
    let number = DocNumber { prefix: settings.prefix_for(kind).to_string(), year, seq: last + 1 };
    sequences.insert(key.as_str(), number.seq)?;
    claim(txn, &number, kind, id)?;
    Ok(number)
}

/// Records that `number` belongs to `id`; refuses a number already given.
pub(super) fn claim(
    txn: &WriteTransaction,
    number: &DocNumber,
    kind: DocKind,
    id: u64,
) -> Result<()> {
    let text = number.to_string();
    let mut numbers = txn.open_table(NUMBERS)?;
    if numbers.get(text.as_str())?.is_some() {
        return Err(StoreError::NumberTaken(text));
    }
    numbers.insert(text.as_str(), (kind_code(kind), id))?;
    Ok(())
}

impl super::Ledger {
    /// Finds the document that holds a printed number.
    pub fn find_number(&self, number: &DocNumber) -> Result<Option<(DocKind, u64)>> {
        use redb::ReadableDatabase;
        let txn = self.db.begin_read()?;
        let table = txn.open_table(NUMBERS)?;
        let found = table.get(number.to_string().as_str())?.map(|v| v.value());
        Ok(found.map(|(k, id)| (if k == 0 { DocKind::Guidance } else { DocKind::Letter }, id)))
    }
}
