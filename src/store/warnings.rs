//! The no-penalty part of 劝导警示 records, kept under the record's id, and the setting that
//! says which earlier violations count.

use redb::ReadableDatabase;

use crate::domain::warning::{ViolationWindow, WarningCase};

use super::Ledger;
use super::error::{Result, StoreError};
use super::ledger::load_all;
use super::records::encode;
use super::tables::WARNINGS;

const WHAT: &str = "不罚清单登记";
const WINDOW_KEY: &str = "no_penalty.window";

impl Ledger {
    /// Saves the no-penalty part of a 劝导警示 record, checked against the record.
    pub fn save_warning_case(&self, case: &WarningCase) -> Result<WarningCase> {
        let txn = self.write()?;
        {
            let id = case.guidance;
            let record = super::course::live_guidance(&txn, id)?;
            let errors = case.validate(&record);
            if !errors.is_empty() {
                return Err(StoreError::Invalid(errors));
            }
            txn.open_table(WARNINGS)?.insert(id, encode(case, WHAT, id)?.as_slice())?;
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

    pub fn set_violation_window(&self, window: ViolationWindow) -> Result<()> {
        self.set_preference(WINDOW_KEY, window.key())
    }
}
