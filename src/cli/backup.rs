//! `guidance-ledger backup` and `restore`: checked copies of the ledger, and putting one back.

use std::path::Path;

use chrono::{Local, NaiveDateTime};

use crate::domain::{Actor, format_date_time};
use crate::store::{BackupPreview, BackupReport, RestoreReport, StoreError, inspect_backup};

use super::{CliError, open_existing, print_lines};

/// Backs up the ledger at `db` into the folder `to`, and says where and what.
pub fn backup(db: &Path, to: &Path) -> Result<BackupReport, CliError> {
    let ledger = open_existing(db)?;
    let now = clock();
    let result = ledger.backup_to(to, now);
    if let Err(e) = ledger.note_backup(&result, now) {
        log::warn!("未能记下备份结果：{e}");
    }
    let report = result?;
    print_lines(report_lines(&report))?;
    Ok(report)
}

/// Shows what the backup `from` holds, then restores it into `db` after backing up what
/// `db` holds now.
pub fn restore(db: &Path, from: &Path) -> Result<RestoreReport, CliError> {
    let preview = inspect_backup(from)?;
    print_lines(preview_lines(&preview))?;
    let report =
        crate::store::restore_as(db, from, clock(), &Actor::CommandLine).map_err(|e| match e {
            StoreError::AlreadyOpen(path) => CliError::RestoreWhileOpen(path),
            other => CliError::Store(other),
        })?;
    let mut lines = Vec::new();
    if let Some(before) = &report.before {
        lines.push(format!("恢复前的数据已备份到：{}", before.path.display()));
    }
    if let Some(moved) = &report.damaged_moved_to {
        lines.push(format!("原台账文件已损坏，已移到：{}", moved.display()));
    }
    lines.push(format!("已恢复到 {}：{}", db.display(), report.preview.counts.summary()));
    let files = report.attachments.summary();
    if !files.is_empty() {
        lines.push(files);
    }
    print_lines(lines)?;
    Ok(report)
}

fn clock() -> NaiveDateTime {
    Local::now().naive_local()
}

fn report_lines(report: &BackupReport) -> Vec<String> {
    let mut lines = vec![
        format!("已备份并校验：{}", report.path.display()),
        format!("内容：{}", report.counts.summary()),
        format!("校验和（SHA-256）：{}", report.checksum),
        format!("文件大小：{} 字节", report.bytes),
    ];
    let files = report.attachments.summary();
    if !files.is_empty() {
        lines.push(files);
    }
    lines
}

fn preview_lines(preview: &BackupPreview) -> Vec<String> {
    let time = |t: Option<NaiveDateTime>| t.map_or_else(|| "无".into(), format_date_time);
    vec![
        format!("备份文件：{}（校验通过）", preview.path.display()),
        format!("单位：{}", preview.unit_name),
        format!("备份时间：{}", time(preview.created_at)),
        format!("内容：{}", preview.counts.summary()),
        format!("指导时间：{} 至 {}", time(preview.first_guidance), time(preview.last_guidance)),
        format!("最后修改：{}", time(preview.last_change)),
    ]
}
