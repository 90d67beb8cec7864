//! Committing a spreadsheet import: every officer, item, record, entry and sequence change
//! of one import in one write transaction, so a refusal or a crash leaves nothing behind.

use chrono::NaiveDateTime;
use redb::{ReadableTable, TableDefinition};

use crate::domain::{
    Audited, CatalogueItem, DocKind, DocNumber, Guidance, GuidanceDraft, NoPenaltyEntry, Officer,
    Voided,
};

use super::Ledger;
use super::audit::Change;
use super::error::{Result, StoreError};
use super::ledger::{next_id, settings_in};
use super::numbering::claim;
use super::records::{Batch, encode};
use super::tables::{CATALOGUE, GUIDANCE, OFFICERS, SEQUENCES, SETTINGS};

/// What one import adds, worked out (and checked) by the import layer from a snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportWrite {
    /// New officers, each with the id it is to get: the next free ids of the table.
    pub officers: Vec<Officer>,
    /// New catalogue items, each with the id it is to get.
    pub items: Vec<CatalogueItem>,
    /// Guidance records that keep their old numbers.
    pub guidance: Vec<ImportedGuidance>,
    /// New no-penalty entries (id 0).
    pub entries: Vec<NoPenaltyEntry>,
}

/// A guidance record from an old register, with the number it was given there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedGuidance {
    pub number: DocNumber,
    pub details: GuidanceDraft,
    /// Set when the old register marked the number 作废.
    pub voided: Option<Voided>,
}

/// How many of each kind an import wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportedCounts {
    pub officers: usize,
    pub items: usize,
    pub guidance: usize,
    pub entries: usize,
}

impl Ledger {
    /// Writes an import in one transaction. Any problem (a number already given, an id
    /// taken since the preview, a record that does not validate) writes nothing at all.
    /// Numbering continues after the highest imported number of the current prefix.
    pub fn commit_import(&self, write: &ImportWrite, now: NaiveDateTime) -> Result<ImportedCounts> {
        let counts = self.batch(|batch| {
            batch.import = true;
            for officer in &write.officers {
                let errors = officer.validate();
                batch.insert_new(OFFICERS, "指导人员", officer, errors, now)?;
            }
            for item in &write.items {
                batch.insert_new(CATALOGUE, "目录事项", item, item.validate(), now)?;
            }
            for record in &write.guidance {
                batch.import_guidance(record, now)?;
            }
            for entry in &write.entries {
                batch.save_no_penalty(&NoPenaltyEntry { id: 0, ..entry.clone() }, now)?;
            }
            Ok(ImportedCounts {
                officers: write.officers.len(),
                items: write.items.len(),
                guidance: write.guidance.len(),
                entries: write.entries.len(),
            })
        })?;
        log::info!(
            "导入完成：指导记录{}份，目录事项{}项，指导人员{}名，不罚清单{}项",
            counts.guidance,
            counts.items,
            counts.officers,
            counts.entries
        );
        Ok(counts)
    }
}

impl Batch<'_> {
    /// Inserts a record under the id the preview gave it, with its 导入 entry in the audit
    /// trail; refuses if that id is taken now.
    fn insert_new<T: serde::Serialize + Audited>(
        &mut self,
        def: TableDefinition<u64, &[u8]>,
        what: &'static str,
        record: &T,
        errors: Vec<crate::domain::FieldError>,
        now: NaiveDateTime,
    ) -> Result<()> {
        let id = record.audit_id();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let mut table = self.txn.open_table(def)?;
        if id == 0 || table.get(id)?.is_some() {
            return Err(StoreError::ImportStale(format!("{what}编号{id}已被占用")));
        }
        table.insert(id, encode(record, what, id)?.as_slice())?;
        drop(table);
        self.record(Change::created(record, &self.names, now))?;
        self.log.push(format!("导入{what}（编号{id}）"));
        Ok(())
    }

    /// Saves a guidance record under its old number and raises the year's sequence to it.
    fn import_guidance(&mut self, record: &ImportedGuidance, now: NaiveDateTime) -> Result<()> {
        let errors = record.details.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        self.check_refs(&record.details)?;
        let mut table = self.txn.open_table(GUIDANCE)?;
        let id = next_id(&table)?;
        claim(self.txn, &record.number, DocKind::Guidance, id)?;
        let guidance = Guidance {
            id,
            number: record.number.clone(),
            details: record.details.clone(),
            voided: record.voided.clone(),
            created_at: now,
            updated_at: now,
        };
        table.insert(id, encode(&guidance, "指导记录", id)?.as_slice())?;
        drop(table);
        self.record(Change::created(&guidance, &self.names, now))?;
        self.raise_sequence(&record.number)?;
        self.log.push(format!("导入指导记录 {}", record.number));
        Ok(())
    }

    /// Officers and the item a record names must be in the ledger (or this import) by now.
    fn check_refs(&self, details: &GuidanceDraft) -> Result<()> {
        let officers = self.txn.open_table(OFFICERS)?;
        for &id in &details.officers {
            if officers.get(id)?.is_none() {
                return Err(StoreError::ImportStale(format!("找不到指导人员（编号{id}）")));
            }
        }
        let items = self.txn.open_table(CATALOGUE)?;
        if let Some(id) = details.item
            && items.get(id)?.is_none()
        {
            return Err(StoreError::ImportStale(format!("找不到目录事项（编号{id}）")));
        }
        Ok(())
    }

    /// New numbers of the current prefix continue after the highest one imported.
    fn raise_sequence(&mut self, number: &DocNumber) -> Result<()> {
        let settings = settings_in(&self.txn.open_table(SETTINGS)?)?;
        if number.prefix != settings.prefix_for(DocKind::Guidance) {
            return Ok(());
        }
        let key = format!("{}/{}", settings.series_for(DocKind::Guidance), number.year);
        let mut sequences = self.txn.open_table(SEQUENCES)?;
        let last = sequences.get(key.as_str())?.map_or(0, |v| v.value());
        if number.seq > last {
            sequences.insert(key.as_str(), number.seq)?;
        }
        Ok(())
    }
}
