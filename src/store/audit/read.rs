//! Reading the trail back: one record's entries, and the whole ledger's newest first.
//! Each read is one short read transaction.

use redb::{ReadableDatabase, ReadableTable};

use crate::domain::audit::AuditFilter;
use crate::domain::{AuditEntry, RecordId, RecordKind};
use crate::store::Ledger;
use crate::store::codec;
use crate::store::error::{Result, StoreError};
use crate::store::tables::{AUDIT, AUDIT_HEAD, AUDIT_INDEX};

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
        for key in index.range((kind.code(), id, 0)..=(kind.code(), id, u64::MAX))? {
            let seq = key?.0.value().2;
            if let Some(bytes) = trail.get(seq)? {
                entries.push(decode_entry(bytes.value(), seq)?);
            }
        }
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

pub(super) fn decode_entry(bytes: &[u8], seq: u64) -> Result<AuditEntry> {
    codec::decode(bytes)
        .map_err(|source| StoreError::Decode { what: "修改记录", id: seq, source })
}
