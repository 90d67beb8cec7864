//! Walking every table of a ledger in one fixed order: copying it, and adding it to a
//! checksum over its raw key and value bytes, so a backup is compared without decoding.

use redb::{
    Key, ReadTransaction, ReadableTable, TableDefinition, TableHandle, Value, WriteTransaction,
};
use sha2::{Digest, Sha256};

use crate::store::tables::{
    ATTACHMENTS, AUDIT, AUDIT_HEAD, AUDIT_INDEX, CATALOGUE, COURSES, FOLLOW_UPS, GUIDANCE,
    ITEM_REVIEWS, LETTERS, META, NO_PENALTY, NUMBERS, OFFICERS, PREFERENCES, SEQUENCES, SETTINGS,
    TYPICAL, WARNINGS,
};

/// The backup's own table: its checksum and where and when it was made. Not part of the
/// checksum, and never copied back into a ledger.
pub(super) const MANIFEST: TableDefinition<&str, &str> = TableDefinition::new("backup_manifest");
pub(super) const CHECKSUM_KEY: &str = "checksum";
pub(super) const CREATED_KEY: &str = "created_at";
pub(super) const PROGRAM_KEY: &str = "program";

/// Every table of the ledger, in the order they are copied and summed. A table added to
/// `store::tables` must be added here too; `unknown_tables` makes a backup refuse otherwise.
pub(super) const TABLE_NAMES: [&str; 19] = [
    "meta",
    "settings",
    "officers",
    "catalogue",
    "guidance",
    "letters",
    "sequences",
    "numbers",
    "preferences",
    "audit",
    "audit_head",
    "audit_index",
    "typical_cases",
    "follow_ups",
    "courses",
    "item_reviews",
    "attachments",
    "warning_cases",
    "no_penalty",
];

/// Something done to each table in turn.
pub(super) trait TableVisitor {
    fn visit<K: Key + 'static, V: Value + 'static>(
        &mut self,
        def: TableDefinition<'static, K, V>,
    ) -> Result<(), redb::Error>;
}

/// Calls `visitor` on every table, in the order of [`TABLE_NAMES`].
pub(super) fn visit_all(visitor: &mut impl TableVisitor) -> Result<(), redb::Error> {
    visitor.visit(META)?;
    visitor.visit(SETTINGS)?;
    visitor.visit(OFFICERS)?;
    visitor.visit(CATALOGUE)?;
    visitor.visit(GUIDANCE)?;
    visitor.visit(LETTERS)?;
    visitor.visit(SEQUENCES)?;
    visitor.visit(NUMBERS)?;
    visitor.visit(PREFERENCES)?;
    visitor.visit(AUDIT)?;
    visitor.visit(AUDIT_HEAD)?;
    visitor.visit(AUDIT_INDEX)?;
    visitor.visit(TYPICAL)?;
    visitor.visit(FOLLOW_UPS)?;
    visitor.visit(COURSES)?;
    visitor.visit(ITEM_REVIEWS)?;
    visitor.visit(ATTACHMENTS)?;
    visitor.visit(WARNINGS)?;
    visitor.visit(NO_PENALTY)
}

/// Opens `def` in a backup or ledger being read; `None` for a table a backup made by an
/// older program does not have. Such a table is left out of the sum, as it was when that
/// backup was made, and restores as empty.
fn open_source<K: Key + 'static, V: Value + 'static>(
    src: &ReadTransaction,
    def: TableDefinition<'static, K, V>,
) -> Result<Option<redb::ReadOnlyTable<K, V>>, redb::Error> {
    match src.open_table(def) {
        Ok(table) => Ok(Some(table)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Tables in `txn` that are neither ledger tables nor the manifest.
pub(super) fn unknown_tables(txn: &ReadTransaction) -> Result<Vec<String>, redb::Error> {
    let mut unknown = Vec::new();
    for handle in txn.list_tables()? {
        let name = handle.name().to_string();
        if !TABLE_NAMES.contains(&name.as_str()) && name != MANIFEST.name() {
            unknown.push(name);
        }
    }
    Ok(unknown)
}

/// Record counts per table and a SHA-256 over every table's name, entries and count.
#[derive(Clone)]
pub(super) struct Tally {
    hasher: Sha256,
    pub counts: Vec<(String, u64)>,
}

impl Tally {
    pub fn new() -> Self {
        Self { hasher: Sha256::new(), counts: Vec::new() }
    }

    fn begin(&mut self, name: &str) {
        self.hasher.update((name.len() as u64).to_le_bytes());
        self.hasher.update(name.as_bytes());
        self.counts.push((name.to_string(), 0));
    }

    /// Adds one entry; lengths go first so no two tables of entries sum the same bytes.
    fn entry(&mut self, key: &[u8], value: &[u8]) {
        self.hasher.update((key.len() as u64).to_le_bytes());
        self.hasher.update(key);
        self.hasher.update((value.len() as u64).to_le_bytes());
        self.hasher.update(value);
        if let Some((_, n)) = self.counts.last_mut() {
            *n += 1;
        }
    }

    fn end(&mut self) {
        let n = self.counts.last().map_or(0, |(_, n)| *n);
        self.hasher.update(n.to_le_bytes());
    }

    pub fn count(&self, name: &str) -> u64 {
        self.counts.iter().find(|(n, _)| *n == name).map_or(0, |(_, n)| *n)
    }

    /// The checksum as 64 lowercase hex digits.
    pub fn checksum(&self) -> String {
        use std::fmt::Write;
        self.hasher.clone().finalize().iter().fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }
}

/// Sums every table of a read transaction, except those named in `skip`.
pub(super) struct Summer<'a> {
    pub src: &'a ReadTransaction,
    pub skip: &'a [&'a str],
    pub tally: Tally,
}

/// A checksum of the records alone: every table but the window's preferences, which change
/// when nothing a clerk wrote did (the last export folder, the last backup's result).
pub(super) fn records_checksum(txn: &ReadTransaction) -> Result<String, redb::Error> {
    let mut summer = Summer { src: txn, skip: &["preferences"], tally: Tally::new() };
    visit_all(&mut summer)?;
    Ok(summer.tally.checksum())
}

impl TableVisitor for Summer<'_> {
    fn visit<K: Key + 'static, V: Value + 'static>(
        &mut self,
        def: TableDefinition<'static, K, V>,
    ) -> Result<(), redb::Error> {
        if self.skip.contains(&def.name()) {
            return Ok(());
        }
        let Some(table) = open_source(self.src, def)? else { return Ok(()) };
        self.tally.begin(def.name());
        for entry in table.iter()? {
            let (k, v) = entry?;
            let (k, v) = (k.value(), v.value());
            self.tally.entry(<K as Value>::as_bytes(&k).as_ref(), V::as_bytes(&v).as_ref());
        }
        self.tally.end();
        Ok(())
    }
}

/// Copies every table of a read transaction into a write transaction, summing as it goes.
/// Tables named in `keep` are summed but left as they are in the target.
pub(super) struct Copier<'a> {
    pub src: &'a ReadTransaction,
    pub dst: &'a WriteTransaction,
    pub keep: &'a [&'a str],
    pub tally: Tally,
}

impl TableVisitor for Copier<'_> {
    fn visit<K: Key + 'static, V: Value + 'static>(
        &mut self,
        def: TableDefinition<'static, K, V>,
    ) -> Result<(), redb::Error> {
        let source = open_source(self.src, def)?;
        let write = !self.keep.contains(&def.name());
        let mut target = self.dst.open_table(def)?;
        if write {
            target.retain(|_, _| false)?;
        }
        let Some(source) = source else { return Ok(()) };
        self.tally.begin(def.name());
        for entry in source.iter()? {
            let (k, v) = entry?;
            let (k, v) = (k.value(), v.value());
            self.tally.entry(<K as Value>::as_bytes(&k).as_ref(), V::as_bytes(&v).as_ref());
            if write {
                target.insert(k, v)?;
            }
        }
        self.tally.end();
        Ok(())
    }
}
