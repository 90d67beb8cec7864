//! Typical cases: one per guidance record at most, kept under the record's id.

use redb::{ReadableDatabase, ReadableTable};

use crate::domain::typical::TypicalCase;

use super::Ledger;
use super::error::{Result, StoreError};
use super::ledger::load_all;
use super::records::encode;
use super::tables::{GUIDANCE, TYPICAL};

const WHAT: &str = "典型案例";

impl Ledger {
    /// Marks a guidance record as typical with `case`'s text, or replaces its text.
    pub fn save_typical_case(&self, case: &TypicalCase) -> Result<TypicalCase> {
        let errors = case.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let txn = self.write()?;
        {
            if txn.open_table(GUIDANCE)?.get(case.guidance)?.is_none() {
                return Err(StoreError::NotFound { what: "指导记录", id: case.guidance });
            }
            let bytes = encode(case, WHAT, case.guidance)?;
            txn.open_table(TYPICAL)?.insert(case.guidance, bytes.as_slice())?;
        }
        txn.commit()?;
        log::info!("保存典型案例（指导记录 {}）", case.guidance);
        Ok(case.clone())
    }

    /// Takes the typical mark off a record; its text is removed with it.
    pub fn unmark_typical(&self, guidance: u64) -> Result<()> {
        let txn = self.write()?;
        let removed = txn.open_table(TYPICAL)?.remove(guidance)?.is_some();
        if !removed {
            return Err(StoreError::NotFound { what: WHAT, id: guidance });
        }
        txn.commit()?;
        log::info!("取消典型案例（指导记录 {guidance}）");
        Ok(())
    }

    /// Every typical case, by record id.
    pub fn typical_cases(&self) -> Result<Vec<TypicalCase>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, TYPICAL, WHAT)
    }
}
