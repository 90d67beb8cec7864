//! Restoring a backup: checked first, the current data backed up, then every table replaced
//! in one write transaction, so the ledger holds either the old data or the backup's.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use redb::{ReadableDatabase, ReadableTableMetadata};

use super::file::{BackupPreview, OpenBackup};
use super::tables::{Copier, Tally, visit_all};
use super::{AttachmentCopy, BackupKind, BackupReport};
use crate::domain::{Action, Actor, FieldChange, RecordKind};
use crate::store::Ledger;
use crate::store::audit::{self, Change};
use crate::store::error::{Result, StoreError};
use crate::store::tables::{CATALOGUE, GUIDANCE, LETTERS, NO_PENALTY, OFFICERS};

/// Preferences belong to this PC (its folders), not to the records: a restore keeps them.
const KEPT_TABLES: [&str; 1] = ["preferences"];

/// What a restore did.
#[derive(Clone, Debug)]
pub struct RestoreReport {
    /// What the backup held, which the ledger now holds.
    pub preview: BackupPreview,
    /// The data as it was before, backed up first; none when the ledger was empty.
    pub before: Option<BackupReport>,
    /// Where a damaged ledger file was moved, when it could not be opened at all.
    pub damaged_moved_to: Option<PathBuf>,
    /// The attachment files brought back from the backup folder's `附件` folder.
    pub attachments: AttachmentCopy,
}

impl Ledger {
    /// Replaces the ledger's records with the backup at `from`. The backup is checked, the
    /// current data is backed up into the backup folder (unless the ledger is empty), and
    /// the tables are replaced in one transaction. Preferences of this PC are kept.
    pub fn restore_from(&self, from: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
        let backup = OpenBackup::open(from)?;
        let preview = backup.preview()?;
        let before = if self.is_empty()? {
            None
        } else {
            let dir = self.ready_backup_dir()?;
            Some(self.begin_backup()?.write_to(&dir, now, BackupKind::BeforeRestore)?)
        };
        self.replace_with(&backup, from, now)?;
        let attachments = restore_attachments(&self.db, from, &self.attachments_dir())?;
        log::info!(
            "已从备份 {} 恢复（{}），恢复前的数据已备份到 {}",
            from.display(),
            preview.counts.summary(),
            before
                .as_ref()
                .map_or("（台账为空，未备份）".into(), |b| b.path.display().to_string())
        );
        Ok(RestoreReport { preview, before, damaged_moved_to: None, attachments })
    }

    fn is_empty(&self) -> Result<bool> {
        let txn = self.db.begin_read()?;
        for table in [OFFICERS, CATALOGUE, GUIDANCE, LETTERS, NO_PENALTY] {
            if txn.open_table(table)?.len()? > 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Copies the backup's tables over the ledger's, summing them again on the way; a sum
    /// that differs from the backup's aborts the transaction and nothing changes. The restore
    /// is appended to the backup's audit trail, in the same transaction.
    fn replace_with(&self, backup: &OpenBackup, from: &Path, now: NaiveDateTime) -> Result<()> {
        let src = backup.db.begin_read()?;
        let dst = self.write()?;
        let mut copier = Copier { src: &src, dst: &dst, keep: &KEPT_TABLES, tally: Tally::new() };
        visit_all(&mut copier).map_err(StoreError::db)?;
        if copier.tally.checksum() != backup.checksum() {
            dst.abort()?;
            return Err(StoreError::BackupCheckFailed {
                path: self.path().to_path_buf(),
                detail: "恢复时读到的内容与校验和不符，未作任何改动".into(),
            });
        }
        let change = Change {
            at: now,
            action: Action::Restore,
            kind: RecordKind::Ledger,
            record_id: 0,
            label: "整个台账".into(),
            changes: vec![FieldChange {
                field: "备份文件".into(),
                before: String::new(),
                after: from.display().to_string(),
            }],
        };
        audit::append(&dst, self.actor(), change)?;
        dst.commit()?;
        Ok(())
    }
}

/// Restores the backup at `from` into the ledger file at `db_path`, which must not be open
/// in this process. A missing file is created; a damaged one that cannot be opened is moved
/// aside (never deleted) and replaced by a new file holding the backup.
/// The audit trail records the restore as made by no one in particular; see [`restore_as`].
pub fn restore(db_path: &Path, from: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
    restore_as(db_path, from, now, &Actor::Unspecified)
}

/// [`restore`], recorded in the audit trail as made by `actor`.
pub fn restore_as(
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    actor: &Actor,
) -> Result<RestoreReport> {
    match Ledger::open(db_path) {
        Ok(mut ledger) => {
            ledger.set_actor(actor.clone());
            ledger.restore_from(from, now)
        }
        Err(StoreError::Corrupt { .. }) => restore_over_damaged(db_path, from, now, actor),
        Err(e) => Err(e),
    }
}

fn restore_over_damaged(
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    actor: &Actor,
) -> Result<RestoreReport> {
    let backup = OpenBackup::open(from)?;
    let preview = backup.preview()?;
    let name = db_path.file_name().map_or("ledger".into(), |n| n.to_string_lossy().into_owned());
    let fresh = db_path.with_file_name(format!("{name}.restoring"));
    let damaged = db_path.with_file_name(format!("{name}.损坏_{}", now.format("%Y%m%d_%H%M%S")));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };

    let _ = std::fs::remove_file(&fresh);
    let result = Ledger::open(&fresh).and_then(|mut ledger| {
        ledger.set_actor(actor.clone());
        ledger.replace_with(&backup, from, now)?;
        restore_attachments(&ledger.db, from, &ledger.attachments_dir())
    });
    let attachments = match result {
        Ok(copied) => copied,
        Err(e) => {
            let _ = std::fs::remove_file(&fresh);
            return Err(e);
        }
    };
    std::fs::rename(db_path, &damaged).map_err(io(db_path))?;
    std::fs::rename(&fresh, db_path).map_err(io(db_path))?;
    log::warn!(
        "台账 {} 已损坏，已移到 {}，并从备份 {} 恢复",
        db_path.display(),
        damaged.display(),
        from.display()
    );
    Ok(RestoreReport { preview, before: None, damaged_moved_to: Some(damaged), attachments })
}

/// Copies the files of the restored ledger's attachments from the `附件` folder beside the
/// backup file into the ledger's own, where missing.
fn restore_attachments(
    db: &redb::Database,
    backup_file: &Path,
    to: &Path,
) -> Result<AttachmentCopy> {
    let list = super::attachments::listed(&db.begin_read()?)?;
    let from = backup_file.parent().unwrap_or(Path::new(".")).join("附件");
    Ok(super::attachments::copy_all(&list, &from, to))
}
