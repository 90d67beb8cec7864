//! The course of each guidance record, kept beside it under the same id; and the lock on an
//! archived record, which changes only by amendment.

use chrono::NaiveDateTime;
use redb::{ReadableDatabase, ReadableTable, WriteTransaction};

use crate::domain::course::{Amendment, Course, Step};
use crate::domain::{FieldChange, Guidance, GuidanceDraft};

use super::Ledger;
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::load_all;
use super::records::Batch;
use super::records::encode;
use super::tables::{COURSES, GUIDANCE};

const WHAT: &str = "办理过程";

impl Ledger {
    /// The course of record `id`: as saved, or a new one at 登记.
    pub fn course(&self, id: u64) -> Result<Course> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(COURSES)?;
        Ok(match table.get(id)? {
            Some(bytes) => decode_course(bytes.value(), id)?,
            None => Course::new(id),
        })
    }

    pub fn courses(&self) -> Result<Vec<Course>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, COURSES, WHAT)
    }

    /// Makes one move along record `id`'s course, by `by`, in one transaction.
    pub fn advance_course(
        &self,
        id: u64,
        step: Step,
        now: NaiveDateTime,
        by: &str,
    ) -> Result<Course> {
        self.batch(|batch| batch.advance_course(id, step, now, by))
    }

    /// Corrects an archived record: its fields become `draft`, the old fields are kept in
    /// the course as an amendment with `reason`. The number never changes.
    pub fn amend_guidance(
        &self,
        id: u64,
        draft: &GuidanceDraft,
        reason: &str,
        now: NaiveDateTime,
        by: &str,
    ) -> Result<(Guidance, Course)> {
        if reason.trim().is_empty() {
            return Err(StoreError::NoAmendReason);
        }
        let errors = draft.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let txn = self.write()?;
        let saved = {
            let mut record = load_guidance(&txn, id)?;
            let mut course = load_course(&txn, id)?;
            if !course.is_locked() {
                return Err(StoreError::Course(
                    "只有已归档的记录才用“更正”；未归档的记录请直接修改".into(),
                ));
            }
            course.amendments.push(Amendment {
                at: now,
                by: by.to_owned(),
                reason: reason.trim().to_owned(),
                before: record.details.clone(),
            });
            let before = record.clone();
            record.details = draft.clone();
            record.updated_at = now;
            txn.open_table(GUIDANCE)?.insert(id, encode(&record, "指导记录", id)?.as_slice())?;
            txn.open_table(COURSES)?.insert(id, encode(&course, WHAT, id)?.as_slice())?;
            let names = super::audit::TxnNames::new(&txn);
            let change = super::audit::Change::updated(&before, &record, &names, now)
                .with_action(crate::domain::Action::Step(format!("更正：{}", reason.trim())));
            super::audit::append(&txn, self.actor(), change)?;
            (record, course)
        };
        txn.commit()?;
        log::info!("更正已归档的指导记录 {}：{}", saved.0.number, reason.trim());
        Ok(saved)
    }
}

impl Batch<'_> {
    /// Makes one move along record `id`'s course in the batch's transaction, with its audit
    /// entry; a voided record has no course to move.
    pub fn advance_course(
        &mut self,
        id: u64,
        step: Step,
        now: NaiveDateTime,
        by: &str,
    ) -> Result<Course> {
        let record = load_guidance(self.txn, id)?;
        if record.voided.is_some() {
            return Err(StoreError::Voided(record.number.to_string()));
        }
        let before = load_course(self.txn, id)?;
        let note = step.note().map(|(field, text)| FieldChange::added(field, text));
        let mut course = before.clone();
        course.apply(step, record.details.form, now, by).map_err(StoreError::Course)?;
        self.txn.open_table(COURSES)?.insert(id, encode(&course, WHAT, id)?.as_slice())?;
        let mut change = super::audit::Change::updated(&before, &course, &self.names, now)
            .with_action(crate::domain::Action::Step(course.stage.label().into()));
        change.changes.extend(note);
        self.record(change)?;
        self.log.push(format!("指导记录 {} 办理过程：{}", record.number, course.stage.label()));
        Ok(course)
    }
}

/// Guidance record `id` as stored, refused when it is voided: what follow-ups and warning
/// cases are checked against in their saving transaction.
pub(super) fn live_guidance(txn: &WriteTransaction, id: u64) -> Result<Guidance> {
    let record = load_guidance(txn, id)?;
    if record.voided.is_some() {
        return Err(StoreError::Voided(record.number.to_string()));
    }
    Ok(record)
}

/// Refuses a plain change of an archived record; see [`Ledger::amend_guidance`].
pub(super) fn refuse_if_archived(txn: &WriteTransaction, id: u64, number: &str) -> Result<()> {
    if load_course(txn, id)?.is_locked() {
        return Err(StoreError::Archived(number.to_owned()));
    }
    Ok(())
}

pub(super) fn load_guidance(txn: &WriteTransaction, id: u64) -> Result<Guidance> {
    match txn.open_table(GUIDANCE)?.get(id)? {
        Some(bytes) => codec::decode(bytes.value()).map_err(|source| StoreError::Decode {
            what: "指导记录",
            id,
            source,
        }),
        None => Err(StoreError::NotFound { what: "指导记录", id }),
    }
}

fn load_course(txn: &WriteTransaction, id: u64) -> Result<Course> {
    match txn.open_table(COURSES)?.get(id)? {
        Some(bytes) => decode_course(bytes.value(), id),
        None => Ok(Course::new(id)),
    }
}

fn decode_course(bytes: &[u8], id: u64) -> Result<Course> {
    codec::decode(bytes).map_err(|source| StoreError::Decode { what: WHAT, id, source })
}
