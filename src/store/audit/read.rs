//! Reading the trail back: one record's entries, and the whole ledger's newest first.
//! Each read is one short read transaction.

use redb::{ReadOnlyTable, ReadTransaction, ReadableDatabase, ReadableTable};

use crate::domain::attachment::{Attachment, Owner};
use crate::domain::audit::AuditFilter;
use crate::domain::follow_up::FollowUp;
use crate::domain::{AuditEntry, RecordId, RecordKind};
use crate::store::Ledger;
use crate::store::codec;
use crate::store::error::{Result, StoreError};
use crate::store::ledger::load_all;
use crate::store::tables::{ATTACHMENTS, AUDIT, AUDIT_HEAD, AUDIT_INDEX, FOLLOW_UPS};

use super::{HEAD_KEY, Head, decode_head};

/// Entries of the whole-ledger history, newest first, and whether more matched.
#[derive(Clone, Debug, Default)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// More entries matched than were read; a narrower filter shows them.
    pub truncated: bool,
}

impl Ledger {
    /// The trail's head: how many entries, and the last one's hash.
    pub fn audit_head(&self) -> Result<Head> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(AUDIT_HEAD)?;
        match table.get(HEAD_KEY)? {
            Some(bytes) => decode_head(bytes.value()),
            None => Ok(Head::default()),
        }
    }

    /// Every entry about one record, oldest first.
    pub fn history_of(&self, kind: RecordKind, id: RecordId) -> Result<Vec<AuditEntry>> {
        let txn = self.db.begin_read()?;
        let index = txn.open_table(AUDIT_INDEX)?;
        let trail = txn.open_table(AUDIT)?;
        let mut entries = Vec::new();
        read_index(&index, &trail, kind, id, &mut entries)?;
        Ok(entries)
    }

    /// Every entry about a record and what belongs to it, oldest first: for a guidance
    /// record its visits, warning case, typical case and attachments; for a letter its
    /// attachments. What a record's window shows as its 修改记录.
    pub fn history_with_related(&self, kind: RecordKind, id: RecordId) -> Result<Vec<AuditEntry>> {
        let txn = self.db.begin_read()?;
        let index = txn.open_table(AUDIT_INDEX)?;
        let trail = txn.open_table(AUDIT)?;
        let mut entries = Vec::new();
        for (kind, id) in related(&txn, kind, id)? {
            read_index(&index, &trail, kind, id, &mut entries)?;
        }
        entries.sort_by_key(|e| e.seq);
        entries.dedup_by_key(|e| e.seq);
        Ok(entries)
    }

    /// Entries that pass `filter`, newest first, at most `limit` of them.
    pub fn audit_entries(&self, filter: &AuditFilter, limit: usize) -> Result<AuditPage> {
        let txn = self.db.begin_read()?;
        let trail = txn.open_table(AUDIT)?;
        let mut page = AuditPage::default();
        for item in trail.iter()?.rev() {
            let (seq, bytes) = item?;
            let entry = decode_entry(bytes.value(), seq.value())?;
            if !filter.matches(&entry) {
                continue;
            }
            if page.entries.len() == limit {
                page.truncated = true;
                break;
            }
            page.entries.push(entry);
        }
        Ok(page)
    }
}

/// The record itself and the records that belong to it, as (kind, id) pairs.
fn related(
    txn: &ReadTransaction,
    kind: RecordKind,
    id: RecordId,
) -> Result<Vec<(RecordKind, RecordId)>> {
    let mut found = vec![(kind, id)];
    let owner = match kind {
        RecordKind::Guidance => Owner::Guidance(id),
        RecordKind::Letter => Owner::Letter(id),
        _ => return Ok(found),
    };
    if kind == RecordKind::Guidance {
        found.push((RecordKind::WarningCase, id));
        found.push((RecordKind::TypicalCase, id));
        let follow_ups: Vec<FollowUp> = load_all(txn, FOLLOW_UPS, "回访")?;
        found.extend(
            follow_ups.iter().filter(|f| f.guidance == id).map(|f| (RecordKind::FollowUp, f.id)),
        );
    }
    let attachments: Vec<Attachment> = load_all(txn, ATTACHMENTS, "附件")?;
    found.extend(
        attachments.iter().filter(|a| a.owner == owner).map(|a| (RecordKind::Attachment, a.id)),
    );
    Ok(found)
}

fn read_index(
    index: &ReadOnlyTable<(u8, u64, u64), ()>,
    trail: &ReadOnlyTable<u64, &[u8]>,
    kind: RecordKind,
    id: RecordId,
    entries: &mut Vec<AuditEntry>,
) -> Result<()> {
    for key in index.range((kind.code(), id, 0)..=(kind.code(), id, u64::MAX))? {
        let seq = key?.0.value().2;
        if let Some(bytes) = trail.get(seq)? {
            entries.push(decode_entry(bytes.value(), seq)?);
        }
    }
    Ok(())
}

pub(super) fn decode_entry(bytes: &[u8], seq: u64) -> Result<AuditEntry> {
    codec::decode(bytes)
        .map_err(|source| StoreError::Decode { what: "修改记录", id: seq, source })
}
