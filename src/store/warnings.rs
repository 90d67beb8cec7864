//! The no-penalty part of 劝导警示 records, kept under the record's id, and the setting that
//! says which earlier violations count.

use redb::{ReadableDatabase, ReadableTable};

use crate::domain::warning::{ViolationWindow, WarningCase};

use super::Ledger;
use super::audit::{self, Change, TxnNames};
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::load_all;
use super::records::encode;
use super::tables::{PREFERENCES, WARNINGS};

const WHAT: &str = "不罚清单登记";
const WINDOW_KEY: &str = "no_penalty.window";

impl Ledger {
    /// Saves the no-penalty part of a 劝导警示 record, checked against the record; the
    /// change goes into the audit trail in the same transaction.
    pub fn save_warning_case(&self, case: &WarningCase) -> Result<WarningCase> {
        let txn = self.write()?;
        {
            let id = case.guidance;
            let record = super::course::live_guidance(&txn, id)?;
            let errors = case.validate(&record);
            if !errors.is_empty() {
                return Err(StoreError::Invalid(errors));
            }
            let mut table = txn.open_table(WARNINGS)?;
            let before: Option<WarningCase> = match table.get(id)? {
                Some(bytes) => {
                    Some(codec::decode(bytes.value()).map_err(|source| StoreError::Decode {
                        what: WHAT,
                        id,
                        source,
                    })?)
                }
                None => None,
            };
            table.insert(id, encode(case, WHAT, id)?.as_slice())?;
            drop(table);
            let names = TxnNames::new(&txn);
            let now = case.updated_at;
            let change = match &before {
                None => Change::created(case, &names, now),
                Some(old) => Change::updated(old, case, &names, now),
            };
            audit::append(&txn, self.actor(), change)?;
        }
        txn.commit()?;
        log::info!("保存不罚清单登记（指导记录 {}）", case.guidance);
        Ok(case.clone())
    }

    pub fn warning_cases(&self) -> Result<Vec<WarningCase>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, WARNINGS, WHAT)
    }

    /// Which earlier violations make one not a first: 12 months (default) or the year.
    pub fn violation_window(&self) -> Result<ViolationWindow> {
        Ok(self
            .preference(WINDOW_KEY)?
            .map_or_else(ViolationWindow::default, |k| ViolationWindow::from_key(&k)))
    }

    /// Changes which earlier violations count, recording the change in the audit trail.
    pub fn set_violation_window(&self, window: ViolationWindow) -> Result<()> {
        let before = self.violation_window()?;
        let txn = self.write()?;
        {
            txn.open_table(PREFERENCES)?.insert(WINDOW_KEY, window.key())?;
            let now = super::ledger::clock();
            let change = Change::setting(
                "首次违法认定范围",
                before.label().into(),
                window.label().into(),
                now,
            );
            audit::append(&txn, self.actor(), change)?;
        }
        txn.commit()?;
        log::info!("首次违法认定范围：{}", window.label());
        Ok(())
    }
}
