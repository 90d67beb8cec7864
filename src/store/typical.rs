//! Typical cases: one per guidance record at most, kept under the record's id.

use redb::{ReadableDatabase, ReadableTable};

use crate::domain::Action;
use crate::domain::typical::TypicalCase;

use super::Ledger;
use super::audit::{self, Change, TxnNames};
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::load_all;
use super::records::encode;
use super::tables::{GUIDANCE, TYPICAL};

const WHAT: &str = "典型案例";

impl Ledger {
    /// Marks a guidance record as typical with `case`'s text, or replaces its text; the
    /// audit trail records 标记典型案例 or the changed text.
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
            let id = case.guidance;
            let bytes = encode(case, WHAT, id)?;
            let before = txn.open_table(TYPICAL)?.insert(id, bytes.as_slice())?.map(|old| {
                codec::decode::<TypicalCase>(old.value()).map_err(|source| StoreError::Decode {
                    what: WHAT,
                    id,
                    source,
                })
            });
            let names = TxnNames::new(&txn);
            let now = case.updated_at;
            let change = match before.transpose()? {
                None => Change::created(case, &names, now).with_action(step("标记典型案例")),
                Some(old) => Change::updated(&old, case, &names, now),
            };
            audit::append(&txn, self.actor(), change)?;
        }
        txn.commit()?;
        log::info!("保存典型案例（指导记录 {}）", case.guidance);
        Ok(case.clone())
    }

    /// Takes the typical mark off a record; its text is removed with it, and kept in the
    /// audit trail's entry.
    pub fn unmark_typical(&self, guidance: u64) -> Result<()> {
        let txn = self.write()?;
        {
            let removed = txn.open_table(TYPICAL)?.remove(guidance)?.map(|old| {
                codec::decode::<TypicalCase>(old.value()).map_err(|source| StoreError::Decode {
                    what: WHAT,
                    id: guidance,
                    source,
                })
            });
            let Some(old) = removed.transpose()? else {
                return Err(StoreError::NotFound { what: WHAT, id: guidance });
            };
            let names = TxnNames::new(&txn);
            let now = super::ledger::clock();
            let change = Change::deleted(&old, &names, now).with_action(step("取消典型案例"));
            audit::append(&txn, self.actor(), change)?;
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

fn step(name: &str) -> Action {
    Action::Step(name.into())
}
