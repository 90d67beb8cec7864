//! Automatic backups: on exit and once a day, into the folder from the preferences, keeping
//! the newest N. The options live in the preferences table, so the schema does not change.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use redb::ReadableDatabase;

use super::tables::records_checksum;
use super::{BackupKind, BackupReport};
use crate::store::Ledger;
use crate::store::error::{Result, StoreError};

/// How many automatic backups are kept unless the clerk says otherwise.
pub const DEFAULT_KEEP: usize = 30;

const DIR_KEY: &str = "backup.dir";
const KEEP_KEY: &str = "backup.keep";
const ON_EXIT_KEY: &str = "backup.on_exit";
const DAILY_KEY: &str = "backup.daily";
const LAST_KEY: &str = "backup.last";
/// The records checksum of the last successful backup of any kind.
const RECORDS_KEY: &str = "backup.records";

/// When and where automatic backups are made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupOptions {
    pub dir: PathBuf,
    /// Automatic backups kept; older ones are removed. At least 1.
    pub keep: usize,
    pub on_exit: bool,
    /// Once a day, on start, when no automatic backup was made today.
    pub daily: bool,
}

/// Why an automatic backup is made; said in the log and the last-result line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoBackup {
    OnExit,
    Daily,
}

/// The `备份` folder beside the ledger file.
pub fn default_backup_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("备份")
}

impl Ledger {
    pub fn backup_options(&self) -> Result<BackupOptions> {
        let flag = |key| Ok::<_, StoreError>(self.preference(key)?.is_none_or(|v| v != "0"));
        Ok(BackupOptions {
            dir: self
                .preference(DIR_KEY)?
                .filter(|d| !d.trim().is_empty())
                .map_or_else(|| default_backup_dir(self.path()), PathBuf::from),
            keep: self
                .preference(KEEP_KEY)?
                .and_then(|k| k.parse().ok())
                .unwrap_or(DEFAULT_KEEP)
                .max(1),
            on_exit: flag(ON_EXIT_KEY)?,
            daily: flag(DAILY_KEY)?,
        })
    }

    pub fn save_backup_options(&self, options: &BackupOptions) -> Result<()> {
        let bit = |b: bool| if b { "1" } else { "0" };
        self.set_preference(DIR_KEY, &options.dir.to_string_lossy())?;
        self.set_preference(KEEP_KEY, &options.keep.max(1).to_string())?;
        self.set_preference(ON_EXIT_KEY, bit(options.on_exit))?;
        self.set_preference(DAILY_KEY, bit(options.daily))?;
        log::info!("保存备份设置：{options:?}");
        Ok(())
    }

    /// The one line saying how the last backup went, as `note_backup` wrote it.
    pub fn last_backup_note(&self) -> Result<Option<String>> {
        self.preference(LAST_KEY)
    }

    /// Remembers how a backup went, for the settings page.
    pub fn note_backup(&self, result: &Result<BackupReport>, now: NaiveDateTime) -> Result<()> {
        let when = now.format("%Y年%-m月%-d日 %H:%M");
        let note = match result {
            Ok(r) => {
                let files = r.attachments.summary();
                let files = if files.is_empty() { String::new() } else { format!("；{files}") };
                format!("{when} 备份成功：{}（{}{files}）", r.path.display(), r.counts.summary())
            }
            Err(e) => format!("{when} 备份失败：{e}"),
        };
        if let Ok(report) = result {
            self.set_preference(RECORDS_KEY, &report.records)?;
        }
        self.set_preference(LAST_KEY, &note)
    }

    /// The backup folder from the options, created when it is the default one beside the
    /// ledger (a chosen folder that is missing, such as a disconnected share, is an error).
    pub(super) fn ready_backup_dir(&self) -> Result<PathBuf> {
        let dir = self.backup_options()?.dir;
        if dir == default_backup_dir(self.path()) && !dir.exists() {
            std::fs::create_dir(&dir)
                .map_err(|source| StoreError::Io { path: dir.clone(), source })?;
        }
        Ok(dir)
    }

    /// Makes an automatic backup into the backup folder, removes those beyond the number to
    /// keep, and notes the result. A failure is returned for the caller to log or show.
    pub fn auto_backup(&self, why: AutoBackup, now: NaiveDateTime) -> Result<BackupReport> {
        let result = self.ready_backup_dir().and_then(|dir| {
            let report = self.begin_backup()?.write_to(&dir, now, BackupKind::Automatic)?;
            prune_auto_backups(&dir, self.backup_options()?.keep)?;
            Ok(report)
        });
        if let Err(e) = self.note_backup(&result, now) {
            log::warn!("未能记下备份结果：{e}");
        }
        if result.is_ok() {
            log::info!("自动备份（{why:?}）完成");
        }
        result
    }

    /// The daily backup, made when switched on and no automatic backup is from today.
    pub fn backup_if_due(&self, now: NaiveDateTime) -> Result<Option<BackupReport>> {
        let options = self.backup_options()?;
        let today = now.date();
        let done_today =
            auto_backups(&options.dir).first().is_some_and(|(_, made)| made.date() >= today);
        if !options.daily || done_today {
            return Ok(None);
        }
        self.auto_backup(AutoBackup::Daily, now).map(Some)
    }

    /// The daily backup's work when it is due, to run on another thread so the window opens
    /// at once: the snapshot is taken here, the copy is made by [`DueBackup::run`].
    pub fn daily_backup_due(&self, now: NaiveDateTime) -> Result<Option<DueBackup>> {
        let options = self.backup_options()?;
        let done_today =
            auto_backups(&options.dir).first().is_some_and(|(_, made)| made.date() >= now.date());
        if !options.daily || done_today {
            return Ok(None);
        }
        let dir = self.ready_backup_dir()?;
        Ok(Some(DueBackup { source: self.begin_backup()?, dir, keep: options.keep }))
    }

    /// The backup on exit, when switched on and something changed since the last backup, so
    /// that opening the window to look something up does not push older copies out of the
    /// N kept.
    pub fn backup_on_exit(&self, now: NaiveDateTime) -> Result<Option<BackupReport>> {
        if !self.backup_options()?.on_exit {
            return Ok(None);
        }
        let records = records_checksum(&self.db.begin_read()?).map_err(StoreError::db)?;
        if self.preference(RECORDS_KEY)?.as_deref() == Some(records.as_str()) {
            log::info!("自上次备份以来台账没有修改，退出时不再备份");
            return Ok(None);
        }
        self.auto_backup(AutoBackup::OnExit, now).map(Some)
    }
}

/// A daily backup ready to be written, away from the window's thread.
pub struct DueBackup {
    source: super::BackupSource,
    dir: PathBuf,
    keep: usize,
}

impl DueBackup {
    /// Writes and checks the backup, then removes automatic backups beyond the number kept.
    /// The caller notes the result in the ledger with [`Ledger::note_backup`].
    pub fn run(self, now: NaiveDateTime) -> Result<BackupReport> {
        let report = self.source.write_to(&self.dir, now, BackupKind::Automatic)?;
        prune_auto_backups(&self.dir, self.keep)?;
        log::info!("每日自动备份完成：{}", report.path.display());
        Ok(report)
    }
}

/// Automatic backups in `dir`, newest first, with the time in their names. Other files,
/// manual backups included, are not listed.
pub fn auto_backups(dir: &Path) -> Vec<(PathBuf, NaiveDateTime)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<(PathBuf, NaiveDateTime, u32)> = entries
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let (made, n) = parse_auto_name(&name)?;
            Some((e.path(), made, n))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse((f.1, f.2)));
    found.into_iter().map(|(p, t, _)| (p, t)).collect()
}

/// `行政指导台账自动备份_20261203_153000.redb` or `…_153000_2.redb`: the time and the number.
fn parse_auto_name(name: &str) -> Option<(NaiveDateTime, u32)> {
    let rest = name.strip_prefix(BackupKind::Automatic.file_prefix())?.strip_prefix('_')?;
    let rest = rest.strip_suffix(".redb")?;
    let (stamp, n) = match rest.get(15..) {
        Some("") => (rest, 1),
        Some(tail) => (&rest[..15], tail.strip_prefix('_')?.parse().ok()?),
        None => return None,
    };
    let made = NaiveDateTime::parse_from_str(stamp, "%Y%m%d_%H%M%S").ok()?;
    Some((made, n))
}

/// Removes automatic backups in `dir` beyond the newest `keep`; returns what was removed.
pub fn prune_auto_backups(dir: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for (path, _) in auto_backups(dir).into_iter().skip(keep.max(1)) {
        std::fs::remove_file(&path)
            .map_err(|source| StoreError::Io { path: path.clone(), source })?;
        log::info!("已删除旧的自动备份 {}", path.display());
        removed.push(path);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_automatic_names_are_recognised() {
        let t = |s| NaiveDateTime::parse_from_str(s, "%Y%m%d_%H%M%S").unwrap();
        assert_eq!(
            parse_auto_name("行政指导台账自动备份_20261203_153000.redb"),
            Some((t("20261203_153000"), 1))
        );
        assert_eq!(
            parse_auto_name("行政指导台账自动备份_20261203_153000_3.redb"),
            Some((t("20261203_153000"), 3))
        );
        for other in [
            "行政指导台账备份_20261203_153000.redb",
            "行政指导台账自动备份_20261203_153000.redb.part",
            "行政指导台账自动备份_2026120_153000.redb",
            "行政指导台账自动备份_20261203_153000_x.redb",
            "notes.txt",
        ] {
            assert_eq!(parse_auto_name(other), None, "{other}");
        }
    }
}
