//! The audit trail (修改记录): an append-only list of every change, chained by SHA-256.
//!
//! Each entry holds the hash of the entry before it, and its own hash covers its content and
//! that link, so changing, removing or reordering an entry breaks the chain. The head (count
//! and last hash) is kept apart, so removing the last entries is detected too, and so an
//! append reads one small value instead of the whole trail.
//!
//! # Recording a change of a new kind of record
//!
//! Implement [`crate::domain::Audited`] for the record (its fields as text), add a variant at
//! the end of [`RecordKind`], and in the write transaction that saves the record call
//!
//! ```ignore
//! audit::append(&txn, ledger.actor(), Change::updated(&before, &after, &names, now))?;
//! ```
//!
//! before committing. [`Change::created`], [`Change::updated`] and [`Change::deleted`] build
//! the entry's before and after; [`Change::with_action`] names a workflow step (提交审查,
//! 备案 …). Everything is written in the caller's transaction: if it is not committed, no
//! entry is left either.

mod names;
mod read;
#[cfg(test)]
mod tests;
pub mod verify;

use chrono::NaiveDateTime;
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::audit::{all_fields, diff};
use crate::domain::{
    Action, Actor, AuditEntry, Audited, FieldChange, NameLookup, RecordId, RecordKind,
};

use super::codec;
use super::error::{Result, StoreError};
use super::tables::{AUDIT, AUDIT_HEAD, AUDIT_INDEX};

pub use names::TxnNames;
pub use read::AuditPage;

/// Key of the head in [`AUDIT_HEAD`].
pub(crate) const HEAD_KEY: &str = "head";

/// The end of the chain: how many entries there are and the hash of the last one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub count: u64,
    /// All zeros while the trail is empty.
    pub last_hash: [u8; 32],
}

impl Head {
    /// The last hash as 64 hex digits, for an auditor to note down.
    pub fn hash_hex(&self) -> String {
        hex(&self.last_hash)
    }
}

/// One change to record: what was done to which record, and what differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub at: NaiveDateTime,
    pub action: Action,
    pub kind: RecordKind,
    pub record_id: RecordId,
    /// The record's 文号, or its name.
    pub label: String,
    pub changes: Vec<FieldChange>,
}

impl Change {
    /// A new record: every field it was saved with.
    pub fn created<T: Audited>(record: &T, names: &dyn NameLookup, at: NaiveDateTime) -> Self {
        let fields = record.audit_fields(names);
        Change::about(record, names, Action::Create, all_fields(&fields, true), at)
    }

    /// A changed record: the fields that differ. 作废 when it was voided by this change is
    /// said by [`Change::with_action`].
    pub fn updated<T: Audited>(
        before: &T,
        after: &T,
        names: &dyn NameLookup,
        at: NaiveDateTime,
    ) -> Self {
        let changes = diff(&before.audit_fields(names), &after.audit_fields(names));
        Change::about(after, names, Action::Update, changes, at)
    }

    /// A deleted record: every field it had.
    pub fn deleted<T: Audited>(record: &T, names: &dyn NameLookup, at: NaiveDateTime) -> Self {
        let fields = record.audit_fields(names);
        Change::about(record, names, Action::Delete, all_fields(&fields, false), at)
    }

    /// A setting kept outside the settings record (司法所审查人员, 首次违法认定范围 …),
    /// changed from `before` to `after`.
    pub fn setting(field: &'static str, before: String, after: String, at: NaiveDateTime) -> Self {
        Change {
            at,
            action: Action::Update,
            kind: RecordKind::Settings,
            record_id: 0,
            label: "设置".into(),
            changes: diff(&[(field, before)], &[(field, after)]),
        }
    }

    /// The same change, recorded as `action` (e.g. `Action::Step("备案".into())`).
    #[must_use]
    pub fn with_action(mut self, action: Action) -> Self {
        self.action = action;
        self
    }

    fn about<T: Audited>(
        record: &T,
        names: &dyn NameLookup,
        action: Action,
        changes: Vec<FieldChange>,
        at: NaiveDateTime,
    ) -> Self {
        Change {
            at,
            action,
            kind: T::RECORD_KIND,
            record_id: record.audit_id(),
            label: record.audit_label(names),
            changes,
        }
    }
}

/// Appends `change`, made by `actor`, to the trail inside `txn`, the transaction that makes
/// the change. Reads only the head; the entry is committed with the change or not at all.
///
/// # Errors
/// A database error, or a head that cannot be read (the trail is then left as it is).
pub fn append(txn: &WriteTransaction, actor: &Actor, change: Change) -> Result<AuditEntry> {
    let mut heads = txn.open_table(AUDIT_HEAD)?;
    let head = match heads.get(HEAD_KEY)? {
        Some(bytes) => decode_head(bytes.value())?,
        None => Head::default(),
    };
    let Change { at, action, kind, record_id, label, changes } = change;
    let mut entry = AuditEntry {
        seq: head.count + 1,
        at,
        actor: actor.clone(),
        action,
        kind,
        record_id,
        label,
        changes,
        prev_hash: head.last_hash,
        hash: [0; 32],
    };
    entry.hash = entry_hash(&entry)?;

    let bytes = encode(&entry, entry.seq)?;
    txn.open_table(AUDIT)?.insert(entry.seq, bytes.as_slice())?;
    txn.open_table(AUDIT_INDEX)?.insert((kind.code(), record_id, entry.seq), ())?;
    let head = Head { count: entry.seq, last_hash: entry.hash };
    heads.insert(HEAD_KEY, encode(&head, 0)?.as_slice())?;
    Ok(entry)
}

/// SHA-256 of everything in `entry` but its own hash, `prev_hash` included.
pub(crate) fn entry_hash(entry: &AuditEntry) -> Result<[u8; 32]> {
    let content = (
        entry.seq,
        entry.at,
        &entry.actor,
        &entry.action,
        entry.kind,
        entry.record_id,
        &entry.label,
        &entry.changes,
        entry.prev_hash,
    );
    let bytes = encode(&content, entry.seq)?;
    let mut hasher = Sha256::new();
    hasher.update(b"guidance-ledger audit entry\n");
    hasher.update(&bytes);
    Ok(hasher.finalize().into())
}

pub(crate) fn decode_head(bytes: &[u8]) -> Result<Head> {
    codec::decode(bytes)
        .map_err(|source| StoreError::Decode { what: "修改记录头", id: 0, source })
}

fn encode<T: Serialize>(value: &T, seq: u64) -> Result<Vec<u8>> {
    codec::encode(value)
        .map_err(|source| StoreError::Decode { what: "修改记录", id: seq, source })
}

/// Bytes as lowercase hex digits.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
