//! Numbered documents: guidance records and opinion letters.

use chrono::{Datelike, NaiveDateTime};
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::{
    Action, Actor, Audited, DocKind, DocNumber, FieldError, Guidance, GuidanceDraft, OpinionLetter,
    OpinionLetterDraft, Voided,
};

use super::Ledger;
use super::audit::{self, Change, TxnNames};
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::next_id;
use super::numbering;
use super::tables::{GUIDANCE, LETTERS};

/// What the store needs to know of a numbered document kind.
trait Numbered: Serialize + DeserializeOwned + Audited + Clone {
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
    fn parts_mut(&mut self) -> (&mut OpinionLetterDraft, &mut Option<Voided>, &mut NaiveDateTime) {
        (&mut self.details, &mut self.voided, &mut self.updated_at)
    }
}

impl Ledger {
    /// Saves a new guidance record and gives it the next number of its year, in one transaction.
    pub fn create_guidance(&self, draft: &GuidanceDraft, now: NaiveDateTime) -> Result<Guidance> {
        self.batch(|batch| batch.create_guidance(draft, now))
    }

    /// Saves many new guidance records in one transaction, numbered in the order given;
    /// either all of them are saved or none. Give them in date order so numbers follow dates.
    ///
    /// # Errors
    /// The first draft that does not validate, or a database error; nothing is saved then.
    pub fn create_guidance_batch(
        &self,
        drafts: &[GuidanceDraft],
        now: NaiveDateTime,
    ) -> Result<Vec<Guidance>> {
        self.batch(|batch| drafts.iter().map(|d| batch.create_guidance(d, now)).collect())
    }

    /// Changes a saved guidance record; its number stays.
    pub fn update_guidance(
        &self,
        id: u64,
        draft: &GuidanceDraft,
        now: NaiveDateTime,
    ) -> Result<Guidance> {
        self.batch(|batch| batch.update::<Guidance>(id, Some(draft), None, now))
    }

    /// Marks a guidance record 作废 with a reason; the number is kept and never reused.
    pub fn void_guidance(&self, id: u64, reason: &str, now: NaiveDateTime) -> Result<Guidance> {
        self.batch(|batch| batch.void_guidance(id, reason, now))
    }

    pub fn guidance(&self, id: u64) -> Result<Guidance> {
        self.load_one(GUIDANCE, id, "指导记录")
    }

    pub fn create_letter(
        &self,
        draft: &OpinionLetterDraft,
        now: NaiveDateTime,
    ) -> Result<OpinionLetter> {
        self.batch(|batch| batch.create_letter(draft, now))
    }

    /// Saves many new opinion letters in one transaction, numbered in the order given.
    ///
    /// # Errors
    /// As [`Ledger::create_guidance_batch`].
    pub fn create_letter_batch(
        &self,
        drafts: &[OpinionLetterDraft],
        now: NaiveDateTime,
    ) -> Result<Vec<OpinionLetter>> {
        self.batch(|batch| drafts.iter().map(|d| batch.create_letter(d, now)).collect())
    }

    pub fn update_letter(
        &self,
        id: u64,
        draft: &OpinionLetterDraft,
        now: NaiveDateTime,
    ) -> Result<OpinionLetter> {
        self.batch(|batch| batch.update::<OpinionLetter>(id, Some(draft), None, now))
    }

    pub fn void_letter(&self, id: u64, reason: &str, now: NaiveDateTime) -> Result<OpinionLetter> {
        self.batch(|batch| batch.update::<OpinionLetter>(id, None, Some(reason), now))
    }

    pub fn letter(&self, id: u64) -> Result<OpinionLetter> {
        self.load_one(LETTERS, id, "意见书")
    }

    /// Runs `work` in one write transaction and commits it if `work` succeeds; on an error
    /// nothing of it is saved and no number is used. Numbers are allocated in call order.
    /// Each document saved appends its entry to the audit trail, in the same transaction.
    ///
    /// # Errors
    /// The first error of `work`, or a database error on commit.
    pub fn batch<R>(&self, work: impl FnOnce(&mut Batch<'_>) -> Result<R>) -> Result<R> {
        let txn = self.write()?;
        let mut batch = Batch {
            txn: &txn,
            actor: self.actor(),
            names: TxnNames::new(&txn),
            log: BatchLog::default(),
            import: false,
        };
        let out = work(&mut batch)?;
        let log = batch.log;
        drop(batch.names);
        txn.commit()?;
        log.write();
        Ok(out)
    }
}

/// Documents being saved together in one write transaction; see [`Ledger::batch`].
pub struct Batch<'a> {
    pub(super) txn: &'a WriteTransaction,
    /// Who the audit entries name.
    actor: &'a Actor,
    pub(super) names: TxnNames<'a>,
    pub(super) log: BatchLog,
    /// Records created by this batch come from a spreadsheet import (recorded as 导入).
    pub(super) import: bool,
}

impl Batch<'_> {
    /// Appends `change` to the audit trail in the batch's transaction; a record an import
    /// creates is recorded as 导入 rather than 新建.
    pub(super) fn record(&self, change: Change) -> Result<()> {
        let change = if self.import && change.action == Action::Create {
            change.with_action(Action::Step("导入".into()))
        } else {
            change
        };
        audit::append(self.txn, self.actor, change).map(|_| ())
    }

    /// Adds a new guidance record with the next number of its year.
    pub fn create_guidance(
        &mut self,
        draft: &GuidanceDraft,
        now: NaiveDateTime,
    ) -> Result<Guidance> {
        self.create(draft, now)
    }

    /// Adds a new opinion letter with the next number of its year.
    pub fn create_letter(
        &mut self,
        draft: &OpinionLetterDraft,
        now: NaiveDateTime,
    ) -> Result<OpinionLetter> {
        self.create(draft, now)
    }

    /// Marks a guidance record 作废 with a reason, as [`Ledger::void_guidance`] does.
    pub fn void_guidance(&mut self, id: u64, reason: &str, now: NaiveDateTime) -> Result<Guidance> {
        self.update::<Guidance>(id, None, Some(reason), now)
    }

    fn create<T: Numbered>(&mut self, draft: &T::Draft, now: NaiveDateTime) -> Result<T> {
        let errors = T::validate(draft);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let mut table = self.txn.open_table(T::TABLE)?;
        let id = next_id(&table)?;
        let number = numbering::allocate(self.txn, T::KIND, T::year(draft), id)?;
        let record = T::build(id, number, draft.clone(), now);
        let bytes = encode(&record, T::WHAT, id)?;
        table.insert(id, bytes.as_slice())?;
        drop(table);
        self.record(Change::created(&record, &self.names, now))?;
        self.log.push(format!("新建{} {}", T::WHAT, record.number()));
        Ok(record)
    }

    fn update<T: Numbered>(
        &mut self,
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
        let mut table = self.txn.open_table(T::TABLE)?;
        let mut record: T =
            match table.get(id)? {
                Some(bytes) => codec::decode(bytes.value())
                    .map_err(|source| StoreError::Decode { what: T::WHAT, id, source })?,
                None => return Err(StoreError::NotFound { what: T::WHAT, id }),
            };
        let number = record.number().to_string();
        let before = record.clone();
        if T::KIND == DocKind::Guidance {
            super::course::refuse_if_archived(self.txn, id, &number)?;
        }
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
        drop(table);
        let change = Change::updated(&before, &record, &self.names, now);
        let change = if void_reason.is_some() { change.with_action(Action::Void) } else { change };
        self.record(change)?;
        let action = if void_reason.is_some() { "作废" } else { "修改" };
        self.log.push(format!("{action}{} {number}", T::WHAT));
        Ok(record)
    }
}

/// What a batch changed, logged once after it is committed: every line of a small batch,
/// the count and the first and last lines of a large one.
#[derive(Default)]
pub(super) struct BatchLog {
    count: usize,
    first: Option<String>,
    last: Option<String>,
}

impl BatchLog {
    pub(super) fn push(&mut self, line: String) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(line);
        } else {
            self.last = Some(line);
        }
    }

    fn write(self) {
        match (self.first, self.last) {
            (Some(first), None) => log::info!("{first}"),
            (Some(first), Some(last)) => {
                log::info!("一次保存{}项：{first} …… {last}", self.count);
            }
            _ => {}
        }
    }
}

pub(super) fn encode<T: Serialize>(value: &T, what: &'static str, id: u64) -> Result<Vec<u8>> {
    codec::encode(value).map_err(|source| StoreError::Decode { what, id, source })
}
