//! Names of officers, catalogue items and documents read inside a write transaction, so an
//! entry says 马国强 rather than officer 3.

use std::cell::RefCell;
use std::collections::HashMap;

use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::de::DeserializeOwned;

use crate::domain::{
    CatalogueItem, Guidance, NameLookup, NoPenaltyEntry, Officer, OpinionLetter, RecordId,
};
use crate::store::codec;
use crate::store::tables::{CATALOGUE, GUIDANCE, LETTERS, NO_PENALTY, OFFICERS};

/// Looks names up in the transaction being written, remembering each one it read.
pub struct TxnNames<'a> {
    txn: &'a WriteTransaction,
    cache: RefCell<HashMap<(u8, RecordId), String>>,
}

impl<'a> TxnNames<'a> {
    pub fn new(txn: &'a WriteTransaction) -> Self {
        Self { txn, cache: RefCell::default() }
    }

    /// The name of record `id` in `def`, or `（编号N）` when it is gone or cannot be read:
    /// a name is for reading, and never stops a save.
    fn name<T: DeserializeOwned>(
        &self,
        slot: u8,
        def: TableDefinition<u64, &[u8]>,
        id: RecordId,
        name_of: impl Fn(T) -> String,
    ) -> String {
        if let Some(name) = self.cache.borrow().get(&(slot, id)) {
            return name.clone();
        }
        let found = self.txn.open_table(def).ok().and_then(|table| {
            let bytes = table.get(id).ok()??;
            codec::decode::<T>(bytes.value()).ok()
        });
        let name = found.map_or_else(|| format!("（编号{id}）"), name_of);
        self.cache.borrow_mut().insert((slot, id), name.clone());
        name
    }
}

impl NameLookup for TxnNames<'_> {
    fn officer(&self, id: RecordId) -> String {
        self.name(0, OFFICERS, id, |o: Officer| o.name)
    }

    fn item(&self, id: RecordId) -> String {
        self.name(1, CATALOGUE, id, |i: CatalogueItem| i.name)
    }

    fn guidance_number(&self, id: RecordId) -> String {
        self.name(2, GUIDANCE, id, |g: Guidance| g.number.to_string())
    }

    fn letter_number(&self, id: RecordId) -> String {
        self.name(3, LETTERS, id, |l: OpinionLetter| l.number.to_string())
    }

    fn no_penalty_entry(&self, id: RecordId) -> String {
        self.name(4, NO_PENALTY, id, |e: NoPenaltyEntry| e.label())
    }
}
