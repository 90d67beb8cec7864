//! Officers and catalogue items: plain records without numbers.

use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::review::ItemReview;
use crate::domain::{Audited, CatalogueItem, FieldError, Guidance, Officer};

use super::Ledger;
use super::audit::{self, Change, TxnNames};
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::{clock, load_all, next_id};
use super::records::encode;
use super::tables::{CATALOGUE, GUIDANCE, OFFICERS};

impl Ledger {
    /// Adds an officer (id 0) or replaces one; returns it with its id.
    pub fn save_officer(&self, officer: &Officer) -> Result<Officer> {
        let saved =
            self.save_plain(OFFICERS, "指导人员", officer, officer.validate(), |o| &mut o.id)?;
        log::info!("保存指导人员 {}", saved.name);
        Ok(saved)
    }

    /// Deletes an officer who appears in no guidance record.
    pub fn delete_officer(&self, id: u64) -> Result<()> {
        let txn = self.write()?;
        {
            let guidance = txn.open_table(GUIDANCE)?;
            let mut officers = txn.open_table(OFFICERS)?;
            let officer: Officer = match officers.get(id)? {
                Some(b) => codec::decode(b.value()).map_err(|source| StoreError::Decode {
                    what: "指导人员",
                    id,
                    source,
                })?,
                None => return Err(StoreError::NotFound { what: "指导人员", id }),
            };
            for entry in guidance.iter()? {
                let (key, value) = entry?;
                let g: Guidance = codec::decode(value.value()).map_err(|source| {
                    StoreError::Decode { what: "指导记录", id: key.value(), source }
                })?;
                if g.details.officers.contains(&id) {
                    return Err(StoreError::OfficerInUse(officer.name));
                }
            }
            officers.remove(id)?;
            drop((guidance, officers));
            let change = Change::deleted(&officer, &TxnNames::new(&txn), clock());
            audit::append(&txn, self.actor(), change)?;
        }
        txn.commit()?;
        log::info!("删除指导人员 {id}");
        Ok(())
    }

    pub fn officers(&self) -> Result<Vec<Officer>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, OFFICERS, "指导人员")
    }

    /// Adds a catalogue item that is already published (id 0), or changes one; see
    /// [`Ledger::save_item_by`].
    pub fn save_item(&self, item: &CatalogueItem) -> Result<CatalogueItem> {
        let now = chrono::Local::now().naive_local();
        self.save_item_by(item, now, "").map(|(saved, _)| saved)
    }

    /// Adds a catalogue item that is already published (id 0: entered from the office's
    /// existing catalogue, so it has no review), or changes one. A change to an item under
    /// review follows its review: see `review::on_item_change`. Returns the item, and its
    /// review when the change started a new version.
    pub fn save_item_by(
        &self,
        item: &CatalogueItem,
        now: chrono::NaiveDateTime,
        by: &str,
    ) -> Result<(CatalogueItem, Option<ItemReview>)> {
        let errors = item.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let txn = self.write()?;
        let saved = {
            let mut saved = item.clone();
            let (before, review) = if saved.id == 0 {
                saved.id = next_id(&txn.open_table(CATALOGUE)?)?;
                (None, None)
            } else {
                let old = super::review::stored_item(&txn, saved.id)?;
                let review = super::review::on_item_change(&txn, &old, now, by)?;
                (Some(old), review)
            };
            let bytes = encode(&saved, "目录事项", saved.id)?;
            txn.open_table(CATALOGUE)?.insert(saved.id, bytes.as_slice())?;
            let names = TxnNames::new(&txn);
            let change = match &before {
                Some(before) => Change::updated(before, &saved, &names, clock()),
                None => Change::created(&saved, &names, clock()),
            };
            audit::append(&txn, self.actor(), change)?;
            (saved, review)
        };
        txn.commit()?;
        log::info!("保存目录事项 {}", saved.0.name);
        Ok(saved)
    }

    /// Saves a record without a number: a new one (id 0) gets the next id, an existing one
    /// must still be there. Refused with the draft's problems when it does not validate.
    /// The change is appended to the audit trail in the same transaction.
    fn save_plain<T: Serialize + DeserializeOwned + Clone + Audited>(
        &self,
        def: TableDefinition<u64, &[u8]>,
        what: &'static str,
        record: &T,
        errors: Vec<FieldError>,
        id_of: impl Fn(&mut T) -> &mut u64,
    ) -> Result<T> {
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let txn = self.write()?;
        let saved = {
            let mut table = txn.open_table(def)?;
            let mut saved = record.clone();
            let id = id_of(&mut saved);
            let before: Option<T> = if *id == 0 {
                *id = next_id(&table)?;
                None
            } else {
                let Some(bytes) = table.get(*id)? else {
                    return Err(StoreError::NotFound { what, id: *id });
                };
                let id = *id;
                Some(codec::decode(bytes.value()).map_err(|source| StoreError::Decode {
                    what,
                    id,
                    source,
                })?)
            };
            let id = *id;
            table.insert(id, encode(&saved, what, id)?.as_slice())?;
            drop(table);
            let names = TxnNames::new(&txn);
            let change = match &before {
                Some(before) => Change::updated(before, &saved, &names, clock()),
                None => Change::created(&saved, &names, clock()),
            };
            audit::append(&txn, self.actor(), change)?;
            saved
        };
        txn.commit()?;
        Ok(saved)
    }

    pub fn catalogue(&self) -> Result<Vec<CatalogueItem>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, CATALOGUE, "目录事项")
    }
}
