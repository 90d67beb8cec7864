//! Backups: a copy of the ledger made from one read snapshot (never by copying the open
//! file), written under a temporary name, checked by reopening it, and only then given its
//! real name. Each backup carries a SHA-256 of all its tables, so it can be checked again
//! years later, before a restore.

mod attachments;
mod auto;
mod file;
mod restore;
mod tables;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use redb::{Database, ReadTransaction, ReadableDatabase, ReadableTable};

use self::tables::{
    CHECKSUM_KEY, CREATED_KEY, Copier, MANIFEST, PROGRAM_KEY, Summer, Tally, records_checksum,
    unknown_tables, visit_all,
};
use super::Ledger;
use super::error::{Result, StoreError};

pub use attachments::AttachmentCopy;
pub use auto::prune_auto_backups;
pub use auto::{
    AutoBackup, BackupOptions, DEFAULT_KEEP, DueBackup, auto_backups, default_backup_dir,
};
pub use file::{BackupPreview, inspect_backup};
pub use restore::{RestoreReport, restore, restore_as};

/// What a backup was made for; the start of its file name says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupKind {
    /// Asked for by the clerk or the `backup` command.
    Manual,
    /// Made on exit or once a day; only these are pruned.
    Automatic,
    /// The data as it was just before a restore replaced it.
    BeforeRestore,
}

impl BackupKind {
    pub fn file_prefix(self) -> &'static str {
        match self {
            BackupKind::Manual => "行政指导台账备份",
            BackupKind::Automatic => "行政指导台账自动备份",
            BackupKind::BeforeRestore => "行政指导台账恢复前备份",
        }
    }
}

/// How many records of each kind a ledger or a backup holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub guidance: u64,
    pub letters: u64,
    pub catalogue: u64,
    pub officers: u64,
}

impl Counts {
    fn of(tally: &Tally) -> Self {
        Counts {
            guidance: tally.count("guidance"),
            letters: tally.count("letters"),
            catalogue: tally.count("catalogue"),
            officers: tally.count("officers"),
        }
    }

    /// 指导记录12份、意见书3份、目录事项20项、指导人员4名
    pub fn summary(&self) -> String {
        format!(
            "指导记录{}份、意见书{}份、目录事项{}项、指导人员{}名",
            self.guidance, self.letters, self.catalogue, self.officers
        )
    }
}

/// A backup written and checked.
#[derive(Clone, Debug)]
pub struct BackupReport {
    pub path: PathBuf,
    pub counts: Counts,
    /// SHA-256 of every table, 64 hex digits; the same as the source snapshot's.
    pub checksum: String,
    /// Size of the file.
    pub bytes: u64,
    /// Checksum of the records alone (not the preferences), to tell later whether anything
    /// changed since this backup.
    pub records: String,
    /// The attachment files copied into the backup folder's `附件` folder.
    pub attachments: AttachmentCopy,
}

/// A read snapshot of the ledger, to be written as a backup, on this thread or another.
/// Writes to the ledger after it was taken are not in the backup.
pub struct BackupSource {
    txn: ReadTransaction,
    /// The ledger's attachment folder, whose files go with the backup.
    attachments_dir: PathBuf,
}

impl Ledger {
    /// Takes the snapshot a backup is made from. Cheap; the copy happens in `write_to`.
    pub fn begin_backup(&self) -> Result<BackupSource> {
        Ok(BackupSource { txn: self.db.begin_read()?, attachments_dir: self.attachments_dir() })
    }

    /// Writes a checked backup of the ledger into `dir`, named after `now`.
    pub fn backup_to(&self, dir: &Path, now: NaiveDateTime) -> Result<BackupReport> {
        self.begin_backup()?.write_to(dir, now, BackupKind::Manual)
    }
}

impl BackupSource {
    /// Writes the snapshot as `dir/<kind>_YYYYMMDD_HHMMSS.redb`: first under a temporary
    /// name, then reopened and compared table by table, then renamed. On any failure the
    /// partial file is removed.
    pub fn write_to(
        self,
        dir: &Path,
        now: NaiveDateTime,
        kind: BackupKind,
    ) -> Result<BackupReport> {
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(StoreError::BackupFolderMissing(dir.to_path_buf())),
            Err(e) => return Err(folder_error(dir, dir, &e)),
        }
        let unknown = unknown_tables(&self.txn).map_err(StoreError::db)?;
        let name = free_name(dir, kind, now);
        let path = dir.join(&name);
        if !unknown.is_empty() {
            return Err(StoreError::BackupFailed {
                path,
                detail: format!("台账中有本程序不认识的数据表（{}）", unknown.join("、")),
            });
        }

        let part = PartFile(dir.join(format!("{name}.part")));
        let _ = std::fs::remove_file(&part.0);
        let tally = write_copy(&self.txn, &part.0, now).map_err(|e| redb_error(dir, &path, e))?;
        let records = records_checksum(&self.txn).map_err(|e| redb_error(dir, &path, e))?;
        let attachments = attachments::listed(&self.txn)?;
        drop(self.txn);
        check_written(&part.0, &tally)
            .map_err(|detail| StoreError::BackupCheckFailed { path: path.clone(), detail })?;
        std::fs::rename(&part.0, &path).map_err(|e| folder_error(dir, &path, &e))?;
        std::mem::forget(part);
        sync_folder(dir);

        let files = attachments::copy_all(&attachments, &self.attachments_dir, &dir.join("附件"));
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        let report = BackupReport {
            path,
            counts: Counts::of(&tally),
            checksum: tally.checksum(),
            bytes,
            records,
            attachments: files,
        };
        log::info!(
            "已备份到 {}（{}，校验和 {}）",
            report.path.display(),
            report.counts.summary(),
            report.checksum
        );
        Ok(report)
    }
}

/// A file being written; removed when dropped, unless forgotten once it is complete.
struct PartFile(PathBuf);

impl Drop for PartFile {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.0)
            && e.kind() != ErrorKind::NotFound
        {
            log::warn!("未能删除未写完的备份 {}：{e}", self.0.display());
        }
    }
}

/// Copies every table into a new database at `path`, with the manifest, in one commit.
fn write_copy(
    src: &ReadTransaction,
    path: &Path,
    now: NaiveDateTime,
) -> Result<Tally, redb::Error> {
    let db = Database::create(path)?;
    let txn = db.begin_write()?;
    let mut copier = Copier { src, dst: &txn, keep: &[], tally: Tally::new() };
    visit_all(&mut copier)?;
    let tally = copier.tally;
    {
        let mut manifest = txn.open_table(MANIFEST)?;
        manifest.insert(CHECKSUM_KEY, tally.checksum().as_str())?;
        manifest.insert(CREATED_KEY, now.format(CREATED_FORMAT).to_string().as_str())?;
        manifest.insert(PROGRAM_KEY, concat!("guidance-ledger ", env!("CARGO_PKG_VERSION")))?;
    }
    txn.commit()?;
    db.close()?;
    Ok(tally)
}

const CREATED_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Reopens a written backup and compares its counts and checksum with the source's.
fn check_written(path: &Path, expected: &Tally) -> std::result::Result<(), String> {
    let db = Database::builder()
        .set_check_integrity_on_open(true)
        .open(path)
        .map_err(|e| format!("重新打开失败：{e}"))?;
    let found = verify(&db.begin_read().map_err(|e| e.to_string())?)?;
    if found.counts != expected.counts {
        return Err(format!("记录数与台账不一致：{:?} ≠ {:?}", found.counts, expected.counts));
    }
    if found.checksum() != expected.checksum() {
        return Err("内容与台账不一致".into());
    }
    db.close().map_err(|e| e.to_string())
}

/// Sums every table of a backup and compares the sum with the one its manifest holds.
fn verify(txn: &ReadTransaction) -> std::result::Result<Tally, String> {
    let manifest = txn.open_table(MANIFEST).map_err(|e| format!("缺少备份清单：{e}"))?;
    let stored = manifest
        .get(CHECKSUM_KEY)
        .map_err(|e| e.to_string())?
        .map(|v| v.value().to_string())
        .ok_or("备份清单中没有校验和")?;
    let mut summer = Summer { src: txn, skip: &[], tally: Tally::new() };
    visit_all(&mut summer).map_err(|e| format!("读取失败：{e}"))?;
    if summer.tally.checksum() != stored {
        return Err("校验和不符".into());
    }
    Ok(summer.tally)
}

/// `dir/<prefix>_YYYYMMDD_HHMMSS.redb`, or with `_2`, `_3`… when that exists.
fn free_name(dir: &Path, kind: BackupKind, now: NaiveDateTime) -> String {
    let base = format!("{}_{}", kind.file_prefix(), now.format("%Y%m%d_%H%M%S"));
    let taken = |name: &str| dir.join(name).exists() || dir.join(format!("{name}.part")).exists();
    let first = format!("{base}.redb");
    if !taken(&first) {
        return first;
    }
    (2..10_000).map(|n| format!("{base}_{n}.redb")).find(|name| !taken(name)).unwrap_or(first)
}

/// Says in Chinese what an I/O error while writing a backup means for the clerk.
fn folder_error(dir: &Path, path: &Path, e: &std::io::Error) -> StoreError {
    match e.kind() {
        ErrorKind::NotFound => StoreError::BackupFolderMissing(dir.to_path_buf()),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            StoreError::BackupNotWritable(dir.to_path_buf())
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            StoreError::DiskFull(dir.to_path_buf())
        }
        _ => StoreError::BackupFailed { path: path.to_path_buf(), detail: e.to_string() },
    }
}

fn redb_error(dir: &Path, path: &Path, e: redb::Error) -> StoreError {
    match e {
        redb::Error::Io(io) => folder_error(dir, path, &io),
        other => StoreError::BackupFailed { path: path.to_path_buf(), detail: other.to_string() },
    }
}

/// Makes the rename durable where the platform allows syncing a folder.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Err(e) = std::fs::File::open(dir).and_then(|f| f.sync_all()) {
        log::warn!("未能同步文件夹 {}：{e}", dir.display());
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests;
