//! The no-penalty list (不罚清单): entries saved and read like catalogue items, with times.

use chrono::NaiveDateTime;
use redb::{ReadableDatabase, ReadableTable};

use crate::domain::NoPenaltyEntry;

use super::Ledger;
use super::audit::Change;
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::{load_all, next_id};
use super::records::{Batch, encode};
use super::tables::NO_PENALTY;

const WHAT: &str = "不罚清单条目";

impl Ledger {
    /// Adds an entry (id 0) or replaces one, keeping when it was first saved.
    pub fn save_no_penalty(
        &self,
        entry: &NoPenaltyEntry,
        now: NaiveDateTime,
    ) -> Result<NoPenaltyEntry> {
        self.batch(|batch| batch.save_no_penalty(entry, now))
    }

    /// The whole list, in id order.
    pub fn no_penalty_list(&self) -> Result<Vec<NoPenaltyEntry>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, NO_PENALTY, WHAT)
    }
}

impl Batch<'_> {
    /// Adds or replaces a no-penalty entry within the batch, as [`Ledger::save_no_penalty`].
    pub fn save_no_penalty(
        &mut self,
        entry: &NoPenaltyEntry,
        now: NaiveDateTime,
    ) -> Result<NoPenaltyEntry> {
        let errors = entry.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let mut table = self.txn.open_table(NO_PENALTY)?;
        let mut saved = entry.clone();
        let before = if saved.id == 0 {
            saved.id = next_id(&table)?;
            saved.created_at = now;
            None
        } else {
            let id = saved.id;
            let old: NoPenaltyEntry = match table.get(id)? {
                Some(bytes) => codec::decode(bytes.value())
                    .map_err(|source| StoreError::Decode { what: WHAT, id, source })?,
                None => return Err(StoreError::NotFound { what: WHAT, id }),
            };
            saved.created_at = old.created_at;
            Some(old)
        };
        saved.updated_at = now;
        table.insert(saved.id, encode(&saved, WHAT, saved.id)?.as_slice())?;
        drop(table);
        let change = match &before {
            None => Change::created(&saved, &self.names, now),
            Some(old) => Change::updated(old, &saved, &self.names, now),
        };
        self.record(change)?;
        self.log.push(format!("保存不罚清单第{}项 {}", saved.serial, saved.violation));
        Ok(saved)
    }
}
