//! Numbered documents: guidance records and opinion letters.

use chrono::{Datelike, NaiveDateTime};
use redb::{ReadableTable, TableDefinition};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::{
    DocKind, DocNumber, FieldError, Guidance, GuidanceDraft, OpinionLetter, OpinionLetterDraft,
    Voided,
};

use super::codec;
use super::error::{Result, StoreError};
use super::ledger::next_id;
use super::numbering;
use super::tables::{GUIDANCE, LETTERS};
use super::Ledger;

/// What the store needs to know of a numbered document kind.
trait Numbered: Serialize + DeserializeOwned {
    type Draft: Clone;
    const TABLE: TableDefinition<'static, u64, &'static [u8]>;
    const KIND: DocKind;
    const WHAT: &'static str;

    fn validate(draft: &Self::Draft) -> Vec<FieldError>;
    fn year(draft: &Self::Draft) -> i32;
    fn build(id: u64, number: DocNumber, draft: Self::Draft, now: NaiveDateTime) -> Self;
    fn number(&self) -> &DocNumber;
    fn parts_mut(&mut self) -> (&mut Self::Draft, &mut Option<Voided>, &mut NaiveDateTime);
}

impl Numbered for Guidance {
    type Draft = GuidanceDraft;
    const TABLE: TableDefinition<'static, u64, &'static [u8]> = GUIDANCE;
    const KIND: DocKind = DocKind::Guidance;
    const WHAT: &'static str = "指导记录";

    fn validate(draft: &GuidanceDraft) -> Vec<FieldError> {
        draft.validate()
    }
    fn year(draft: &GuidanceDraft) -> i32 {
        draft.time.year()
    }
    fn build(id: u64, number: DocNumber, details: GuidanceDraft, now: NaiveDateTime) -> Self {
        Guidance { id, number, details, voided: None, created_at: now, updated_at: now }
    }
    fn number(&self) -> &DocNumber {
        &self.number
    }
    fn parts_mut(&mut self) -> (&mut GuidanceDraft, &mut Option<Voided>, &mut NaiveDateTime) {
        (&mut self.details, &mut self.voided, &mut self.updated_at)
    }
}

impl Numbered for OpinionLetter {
    type Draft = OpinionLetterDraft;
    const TABLE: TableDefinition<'static, u64, &'static [u8]> = LETTERS;
    const KIND: DocKind = DocKind::Letter;
    const WHAT: &'static str = "意见书";

    fn validate(draft: &OpinionLetterDraft) -> Vec<FieldError> {
        draft.validate()
    }
    fn year(draft: &OpinionLetterDraft) -> i32 {
        draft.date.year()
    }
    fn build(id: u64, number: DocNumber, details: OpinionLetterDraft, now: NaiveDateTime) -> Self {
        OpinionLetter { id, number, details, voided: None, created_at: now, updated_at: now }
    }
    fn number(&self) -> &DocNumber {
        &self.number
    }
    fn parts_mut(
        &mut self,
    ) -> (&mut OpinionLetterDraft, &mut Option<Voided>, &mut NaiveDateTime) {
        (&mut self.details, &mut self.voided, &mut self.updated_at)
    }
}

impl Ledger {
    /// Saves a new guidance record and gives it the next number of its year, in one transaction.
    pub fn create_guidance(&self, draft: &GuidanceDraft, now: NaiveDateTime) -> Result<Guidance> {
        self.create(draft, now)
    }

    /// Changes a saved guidance record; its number stays.
    pub fn update_guidance(
        &self,
        id: u64,
        draft: &GuidanceDraft,
        now: NaiveDateTime,
    ) -> Result<Guidance> {
        self.update::<Guidance>(id, Some(draft), None, now)
    }

    /// Marks a guidance record 作废 with a reason; the number is kept and never reused.
    pub fn void_guidance(&self, id: u64, reason: &str, now: NaiveDateTime) -> Result<Guidance> {
        self.update::<Guidance>(id, None, Some(reason), now)
    }

    pub fn guidance(&self, id: u64) -> Result<Guidance> {
        self.load_one(GUIDANCE, id, "指导记录")
    }

    pub fn create_letter(
        &self,
        draft: &OpinionLetterDraft,
        now: NaiveDateTime,
    ) -> Result<OpinionLetter> {
        self.create(draft, now)
    }

    pub fn update_letter(
        &self,
        id: u64,
        draft: &OpinionLetterDraft,
        now: NaiveDateTime,
    ) -> Result<OpinionLetter> {
        self.update::<OpinionLetter>(id, Some(draft), None, now)
    }

    pub fn void_letter(&self, id: u64, reason: &str, now: NaiveDateTime) -> Result<OpinionLetter> {
        self.update::<OpinionLetter>(id, None, Some(reason), now)
    }

    pub fn letter(&self, id: u64) -> Result<OpinionLetter> {
        self.load_one(LETTERS, id, "意见书")
    }

    fn create<T: Numbered>(&self, draft: &T::Draft, now: NaiveDateTime) -> Result<T> {
        let errors = T::validate(draft);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let txn = self.db.begin_write()?;
        let record = {
            let mut table = txn.open_table(T::TABLE)?;
            let id = next_id(&table)?;
            let number = numbering::allocate(&txn, T::KIND, T::year(draft), id)?;
            let record = T::build(id, number, draft.clone(), now);
            let bytes = encode(&record, T::WHAT, id)?;
            table.insert(id, bytes.as_slice())?;
            record
        };
        txn.commit()?;
        log::info!("新建{} {}", T::WHAT, record.number());
        Ok(record)
    }

    fn update<T: Numbered>(
        &self,
        id: u64,
        draft: Option<&T::Draft>,
        void_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<T> {
        if let Some(draft) = draft {
            let errors = T::validate(draft);
            if !errors.is_empty() {
                return Err(StoreError::Invalid(errors));
            }
        }
        if void_reason.is_some_and(|r| r.trim().is_empty()) {
            return Err(StoreError::NoVoidReason);
        }
        let txn = self.db.begin_write()?;
        let record = {
            let mut table = txn.open_table(T::TABLE)?;
            let mut record: T = match table.get(id)? {
                Some(bytes) => codec::decode(bytes.value())
                    .map_err(|source| StoreError::Decode { what: T::WHAT, id, source })?,
                None => return Err(StoreError::NotFound { what: T::WHAT, id }),
            };
            let number = record.number().to_string();
            let (details, voided, updated_at) = record.parts_mut();
            if voided.is_some() {
                return Err(StoreError::Voided(number));
            }
            if let Some(draft) = draft {
                *details = draft.clone();
            }
            if let Some(reason) = void_reason {
                *voided = Some(Voided { reason: reason.trim().to_string(), at: now });
            }
            *updated_at = now;
            let bytes = encode(&record, T::WHAT, id)?;
            table.insert(id, bytes.as_slice())?;
            record
        };
        txn.commit()?;
        let action = if void_reason.is_some() { "作废" } else { "修改" };
        log::info!("{action}{} {}", T::WHAT, record.number());
        Ok(record)
    }
}

pub(super) fn encode<T: Serialize>(value: &T, what: &'static str, id: u64) -> Result<Vec<u8>> {
    codec::encode(value).map_err(|source| StoreError::Decode { what, id, source })
}
