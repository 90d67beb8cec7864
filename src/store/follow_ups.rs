//! Follow-up visits, each belonging to one guidance record.

use redb::{ReadableDatabase, ReadableTable};

use crate::domain::follow_up::FollowUp;

use super::Ledger;
use super::error::{Result, StoreError};
use super::ledger::{load_all, next_id};
use super::records::encode;
use super::tables::FOLLOW_UPS;

const WHAT: &str = "回访";

impl Ledger {
    /// Plans a visit (id 0) or records changes to one, such as the visit made; checked
    /// against the guidance record it follows up, in the same transaction.
    pub fn save_follow_up(&self, follow_up: &FollowUp) -> Result<FollowUp> {
        let txn = self.write()?;
        let saved = {
            let id = follow_up.guidance;
            let record = super::course::live_guidance(&txn, id)?;
            let errors = follow_up.validate(&record);
            if !errors.is_empty() {
                return Err(StoreError::Invalid(errors));
            }
            let mut table = txn.open_table(FOLLOW_UPS)?;
            let mut saved = follow_up.clone();
            if saved.id == 0 {
                saved.id = next_id(&table)?;
            } else if table.get(saved.id)?.is_none() {
                return Err(StoreError::NotFound { what: WHAT, id: saved.id });
            }
            table.insert(saved.id, encode(&saved, WHAT, saved.id)?.as_slice())?;
            saved
        };
        txn.commit()?;
        log::info!("保存回访 {}（指导记录 {}）", saved.id, saved.guidance);
        Ok(saved)
    }

    pub fn follow_ups(&self) -> Result<Vec<FollowUp>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, FOLLOW_UPS, WHAT)
    }
}
