//! Reading a backup file: checked on a private copy, so the file itself is never changed and
//! a damaged one cannot upset the reader.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDateTime;
use redb::{Database, ReadableDatabase, ReadableTable};

use super::tables::{CREATED_KEY, MANIFEST, Tally};
use super::{CREATED_FORMAT, Counts, verify};
use crate::domain::{Guidance, OpinionLetter};
use crate::store::codec::SCHEMA_VERSION;
use crate::store::error::{Result, StoreError};
use crate::store::ledger::load_all;
use crate::store::ledger::settings_in;
use crate::store::tables::{GUIDANCE, LETTERS, META, SCHEMA_KEY, SETTINGS};

/// What a backup holds, shown before a restore.
#[derive(Clone, Debug)]
pub struct BackupPreview {
    pub path: PathBuf,
    pub counts: Counts,
    pub checksum: String,
    /// When the backup was made.
    pub created_at: Option<NaiveDateTime>,
    /// The earliest and latest 指导时间 of its guidance records.
    pub first_guidance: Option<NaiveDateTime>,
    pub last_guidance: Option<NaiveDateTime>,
    /// The latest change to a guidance record or a letter.
    pub last_change: Option<NaiveDateTime>,
    pub unit_name: String,
}

/// Checks the backup at `path` (redb's page checksums, then ours over every table) and tells
/// what it holds. The file is not modified.
pub fn inspect_backup(path: &Path) -> Result<BackupPreview> {
    OpenBackup::open(path)?.preview()
}

/// A backup that passed its check, open on a private copy.
pub(super) struct OpenBackup {
    // Declared before `scratch`, so the database closes before its file is removed.
    pub db: Database,
    pub tally: Tally,
    path: PathBuf,
    _scratch: Scratch,
}

impl OpenBackup {
    pub fn open(path: &Path) -> Result<Self> {
        let not_backup = || StoreError::NotABackup(path.to_path_buf());
        let mut magic = [0u8; 4];
        std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
            .map_err(|source| match source.kind() {
            std::io::ErrorKind::UnexpectedEof => not_backup(),
            _ => StoreError::Io { path: path.to_path_buf(), source },
        })?;
        if &magic != b"redb" {
            return Err(not_backup());
        }

        let scratch = Scratch::copy_of(path)?;
        let failed =
            |detail: String| StoreError::BackupCheckFailed { path: path.to_path_buf(), detail };
        let db = Database::builder()
            .set_check_integrity_on_open(true)
            .open(&scratch.0)
            .map_err(|e| failed(format!("数据库结构损坏：{e}")))?;
        let txn = db.begin_read()?;
        if txn.open_table(MANIFEST).is_err() {
            return Err(not_backup());
        }
        let tally = verify(&txn).map_err(failed)?;
        let version = txn.open_table(META)?.get(SCHEMA_KEY)?.map_or(0, |v| v.value());
        if version > u64::from(SCHEMA_VERSION) {
            return Err(StoreError::TooNew { path: path.to_path_buf(), found: version });
        }
        drop(txn);
        Ok(Self { db, tally, path: path.to_path_buf(), _scratch: scratch })
    }

    pub fn checksum(&self) -> String {
        self.tally.checksum()
    }

    pub fn preview(&self) -> Result<BackupPreview> {
        let txn = self.db.begin_read()?;
        let created_at = txn
            .open_table(MANIFEST)?
            .get(CREATED_KEY)?
            .and_then(|v| NaiveDateTime::parse_from_str(v.value(), CREATED_FORMAT).ok());
        let settings = settings_in(&txn.open_table(SETTINGS)?)?;
        let guidance: Vec<Guidance> = load_all(&txn, GUIDANCE, "指导记录")?;
        let letters: Vec<OpinionLetter> = load_all(&txn, LETTERS, "意见书")?;
        let times = guidance.iter().map(|g| g.details.time);
        let changes =
            guidance.iter().map(|g| g.updated_at).chain(letters.iter().map(|l| l.updated_at));
        Ok(BackupPreview {
            path: self.path.clone(),
            counts: Counts::of(&self.tally),
            checksum: self.tally.checksum(),
            created_at,
            first_guidance: times.clone().min(),
            last_guidance: times.max(),
            last_change: changes.max(),
            unit_name: settings.unit_name,
        })
    }
}

/// A private copy of a file in the temp folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn copy_of(path: &Path) -> Result<Self> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("guidance-ledger-check-{}-{n}.redb", std::process::id());
        let scratch = Scratch(std::env::temp_dir().join(name));
        std::fs::copy(path, &scratch.0)
            .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.0) {
            log::warn!("未能删除临时文件 {}：{e}", self.0.display());
        }
    }
}
