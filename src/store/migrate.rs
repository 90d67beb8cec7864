//! Bringing a ledger written by an older program up to the current schema.
//!
//! Every released schema has a version number, kept in the `meta` table. When a file's number
//! is lower than ours, the [`Step`]s from its version to ours run in the one write transaction
//! that opens the file: either all of them are committed together with the new number, or
//! none is and the records stay exactly as they were. Before a writable file is migrated, a
//! byte-for-byte copy of it is kept beside its backups, so even a bug in a step loses nothing.
//!
//! A step decodes the old layout with [`super::codec::decode_version`] and the old types kept
//! for it, and writes the new layout with [`super::codec::encode`].

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use chrono::Local;
use redb::WriteTransaction;

use super::codec::SCHEMA_VERSION;
use super::error::{Result, StoreError};
use super::tables::{META, SCHEMA_KEY};

/// One migration: turns a file of schema `from` into schema `from + 1`.
pub(super) struct Step {
    pub from: u64,
    /// What changes, for the log, e.g. "指导记录增加办理阶段".
    pub what: &'static str,
    pub run: fn(&WriteTransaction) -> Result<()>,
}

/// The migrations of every released schema, oldest first. Schema 1 is the first release, so
/// there is nothing to migrate yet; a change to a stored layout adds its step here, keeps the
/// old types for decoding, and commits a fixture of the new schema (see tests/fixtures).
pub(super) const STEPS: &[Step] = &[];

/// The schema a file must reach and the steps that get it there.
#[derive(Clone, Copy)]
pub(super) struct Plan {
    pub steps: &'static [Step],
    pub target: u64,
}

impl Plan {
    /// This program's schema and the released steps.
    pub fn current() -> Plan {
        Plan { steps: STEPS, target: u64::from(SCHEMA_VERSION) }
    }

    /// Runs the steps that take a file of schema `found` to the target, inside `txn`, and
    /// records the new version. Nothing is committed here: the caller commits or, on error,
    /// drops the transaction and the file keeps its old contents.
    pub fn run(&self, txn: &WriteTransaction, path: &Path, found: u64) -> Result<()> {
        let mut version = found;
        while version < self.target {
            let Some(step) = self.steps.iter().find(|s| s.from == version) else {
                return Err(failed(
                    path,
                    found,
                    self.target,
                    format!("缺少第{version}版的升级步骤"),
                ));
            };
            log::info!(
                "台账 {} 升级：第{}版 → 第{}版，{}",
                path.display(),
                version,
                version + 1,
                step.what
            );
            (step.run)(txn).map_err(|e| failed(path, found, self.target, e.to_string()))?;
            version += 1;
        }
        txn.open_table(META)?.insert(SCHEMA_KEY, self.target)?;
        Ok(())
    }
}

fn failed(path: &Path, from: u64, to: u64, detail: String) -> StoreError {
    StoreError::Migration { path: path.to_path_buf(), from, to, detail }
}

/// Keeps a byte-for-byte copy of a file about to be migrated from schema `found`, in the
/// `备份` folder beside it, e.g. `升级前_第1版_20261203-162000_行政指导台账.redb`. The file
/// must not be open. Returns the copy's path.
pub(super) fn keep_original(path: &Path, found: u64) -> Result<PathBuf> {
    let dir = super::backup::default_backup_dir(path);
    let io = |source| StoreError::Io { path: dir.clone(), source };
    fs::create_dir_all(&dir).map_err(io)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let copy = dir.join(format!("升级前_第{found}版_{stamp}_{name}"));
    fs::copy(path, &copy).map_err(io)?;
    File::open(&copy).and_then(|f| f.sync_all()).map_err(io)?;
    log::info!("升级前已保存原文件副本 {}", copy.display());
    Ok(copy)
}

#[cfg(test)]
mod tests;
