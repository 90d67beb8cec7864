//! Follow-up visits, each belonging to one guidance record.

use redb::{ReadableDatabase, ReadableTable};

use crate::domain::Action;
use crate::domain::follow_up::FollowUp;

use super::Ledger;
use super::audit::{self, Change, TxnNames};
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::{load_all, next_id};
use super::records::encode;
use super::tables::FOLLOW_UPS;

const WHAT: &str = "回访";

impl Ledger {
    /// Plans a visit (id 0) or records changes to one, such as the visit made; checked
    /// against the guidance record it follows up, in the same transaction, which also
    /// appends the change to the audit trail (计划回访, 记录回访 or 修改).
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
            let before: Option<FollowUp> =
                if saved.id == 0 {
                    saved.id = next_id(&table)?;
                    None
                } else {
                    let id = saved.id;
                    let bytes = table.get(id)?.ok_or(StoreError::NotFound { what: WHAT, id })?;
                    let old = codec::decode(bytes.value())
                        .map_err(|source| StoreError::Decode { what: WHAT, id, source })?;
                    Some(old)
                };
            table.insert(saved.id, encode(&saved, WHAT, saved.id)?.as_slice())?;
            drop(table);
            let names = TxnNames::new(&txn);
            let now = saved.updated_at;
            let change = match &before {
                None => Change::created(&saved, &names, now).with_action(step("计划回访")),
                Some(old) if old.visit.is_none() && saved.visit.is_some() => {
                    Change::updated(old, &saved, &names, now).with_action(step("记录回访"))
                }
                Some(old) => Change::updated(old, &saved, &names, now),
            };
            audit::append(&txn, self.actor(), change)?;
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

fn step(name: &str) -> Action {
    Action::Step(name.into())
}
