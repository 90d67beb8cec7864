//! Backups and restores on real files: made while the ledger is open and busy, checked,
//! put back into a fresh or a used ledger with identical exports, refused when damaged,
//! pruned, and the same through the command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::{RegisterFilter, RegisterRow, RegisterSort};
use guidance_ledger::export::{catalogue_table, letters_table, register_table, to_csv_bytes};
use guidance_ledger::search::data::LedgerData;
use guidance_ledger::search::register::view;
use guidance_ledger::store::{
    AutoBackup, BackupOptions, Ledger, StoreError, auto_backups, inspect_backup, restore,
};
use tempfile::TempDir;

// ---- helpers -------------------------------------------------------------------------------

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap().and_hms_opt(h, m, 0).unwrap()
}

/// A ledger of `records` demo guidance records in a fresh temp folder.
fn demo_ledger(records: usize, seed: u64) -> (TempDir, PathBuf, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账").join("ledger.redb");
    let ledger = Ledger::open(&path).unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap().and_hms_opt(18, 0, 0).unwrap();
    guidance_ledger::demo::fill_until(&ledger, records, seed, now, &mut |_, _| {}).unwrap();
    (dir, path, ledger)
}

fn folder(base: &Path, name: &str) -> PathBuf {
    let dir = base.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The register, the catalogue and the letters as CSV, as the clerk would export them.
fn exports(ledger: &Ledger) -> [Vec<u8>; 3] {
    let data = LedgerData::load(ledger).unwrap();
    let filter = RegisterFilter::default();
    let positions = view(&data.rows, &filter, RegisterSort::default(), &data.index);
    let shown: Vec<&RegisterRow> = positions.iter().map(|&i| &data.rows[i]).collect();
    let register = register_table(&shown, &data.settings.unit_name, &filter.period_label());
    let number = |id: u64| data.guidance(id).map(|g| g.number.to_string());
    [
        to_csv_bytes(&register),
        to_csv_bytes(&catalogue_table(&data.catalogue)),
        to_csv_bytes(&letters_table(&data.letters, &number)),
    ]
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Flips one bit of the first occurrence of `marker` in the file (the record, or the audit
/// entry that recorded the change to it: either must fail the check).
fn flip_byte_in(path: &Path, marker: &str) {
    let mut bytes = std::fs::read(path).unwrap();
    let found: Vec<usize> = bytes
        .windows(marker.len())
        .enumerate()
        .filter(|(_, w)| *w == marker.as_bytes())
        .map(|(i, _)| i)
        .collect();
    assert!(!found.is_empty(), "the marker is stored");
    bytes[found[0] + marker.len() - 1] ^= 0x01;
    std::fs::write(path, bytes).unwrap();
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guidance-ledger"))
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

fn text(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

// ---- backing up ----------------------------------------------------------------------------

#[test]
fn a_backup_made_while_the_clerk_saves_holds_its_snapshot_and_checks_out() {
    let (dir, _, ledger) = demo_ledger(300, 1);
    let backups = folder(dir.path(), "共享盘");
    let draft = ledger.snapshot().unwrap().guidance[0].details.clone();
    let before = ledger.snapshot().unwrap().guidance.len() as u64;

    // The snapshot is taken, then a record is saved: the backup is of the snapshot.
    let source = ledger.begin_backup().unwrap();
    ledger.create_guidance(&draft, at(3, 15, 0)).unwrap();
    let report =
        source.write_to(&backups, at(3, 15, 30), guidance_ledger::store::BackupKind::Manual);
    let report = report.unwrap();
    assert_eq!(report.counts.guidance, before);
    assert_eq!(ledger.snapshot().unwrap().guidance.len() as u64, before + 1);

    // Saving goes on in another thread while a backup is written.
    let report = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            for i in 0..40 {
                ledger.create_guidance(&draft, at(3, 16, i % 60)).unwrap();
            }
        });
        let report = ledger.backup_to(&backups, at(3, 16, 0)).unwrap();
        writer.join().unwrap();
        report
    });
    let after = ledger.snapshot().unwrap();
    assert!((before + 1..=before + 41).contains(&report.counts.guidance));
    assert_eq!(after.guidance.len() as u64, before + 41);

    let preview = inspect_backup(&report.path).unwrap();
    assert_eq!(preview.counts, report.counts);
    assert_eq!(preview.checksum, report.checksum);
    assert_eq!(preview.unit_name, after.settings.unit_name);
    assert!(preview.first_guidance <= preview.last_guidance);
    assert_eq!(report.bytes, std::fs::metadata(&report.path).unwrap().len());
    assert!(
        files_in(&backups).iter().all(|n| Path::new(n).extension().is_some_and(|e| e == "redb")),
        "no temporary file is left: {:?}",
        files_in(&backups)
    );
}

#[test]
fn looking_into_a_backup_does_not_change_it() {
    let (dir, _, ledger) = demo_ledger(50, 2);
    let report = ledger.backup_to(&folder(dir.path(), "备份"), at(3, 9, 0)).unwrap();
    let bytes = std::fs::read(&report.path).unwrap();
    let preview = inspect_backup(&report.path).unwrap();
    assert_eq!(preview.counts.guidance, 50);
    assert_eq!(preview.created_at, Some(at(3, 9, 0)));
    assert_eq!(std::fs::read(&report.path).unwrap(), bytes);
}

#[test]
fn a_backup_into_a_missing_folder_says_so_and_leaves_no_file() {
    let (dir, _, ledger) = demo_ledger(5, 3);
    let missing = dir.path().join("共享盘").join("不在了");
    let err = ledger.backup_to(&missing, at(3, 9, 0)).unwrap_err();
    assert!(matches!(err, StoreError::BackupFolderMissing(_)), "{err:?}");
    assert!(err.to_string().contains("不存在"), "{err}");
    assert!(!dir.path().join("共享盘").exists());
}

// ---- restoring -----------------------------------------------------------------------------

#[test]
fn backup_then_restore_into_a_fresh_file_gives_identical_exports() {
    let (dir, _, ledger) = demo_ledger(400, 4);
    let report = ledger.backup_to(&folder(dir.path(), "备份"), at(3, 9, 0)).unwrap();

    let fresh = dir.path().join("新电脑").join("ledger.redb");
    let restored = restore(&fresh, &report.path, at(3, 10, 0)).unwrap();
    assert!(restored.before.is_none(), "an empty ledger needs no backup first");
    assert_eq!(restored.preview.counts, report.counts);

    let copy = Ledger::open(&fresh).unwrap();
    assert_eq!(exports(&copy), exports(&ledger));
    // Numbering goes on from the backup's last number, not from one again.
    let draft = ledger.snapshot().unwrap().guidance[0].details.clone();
    let next = copy.create_guidance(&draft, at(3, 11, 0)).unwrap();
    let original = ledger.create_guidance(&draft, at(3, 11, 0)).unwrap();
    assert_eq!(next.number, original.number);
}

#[test]
fn restoring_over_a_used_ledger_backs_it_up_first_and_replaces_everything() {
    let (dir, _, source) = demo_ledger(120, 5);
    let report = source.backup_to(&folder(dir.path(), "备份"), at(3, 9, 0)).unwrap();
    let (_other_dir, _, target) = demo_ledger(60, 6);
    let old = exports(&target);

    let restored = target.restore_from(&report.path, at(3, 10, 0)).unwrap();
    assert_eq!(exports(&target), exports(&source));

    let before = restored.before.expect("the old data is backed up first");
    assert_eq!(before.counts.guidance, 60);
    assert!(before.path.starts_with(target.backup_options().unwrap().dir));
    let back = restore_into_fresh(&before.path);
    assert_eq!(exports(&back.1), old);
}

fn restore_into_fresh(backup: &Path) -> (TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.redb");
    restore(&path, backup, at(3, 12, 0)).unwrap();
    let ledger = Ledger::open(&path).unwrap();
    (dir, ledger)
}

#[test]
fn a_backup_with_one_flipped_byte_fails_its_check_and_restore_refuses() {
    let (dir, _, ledger) = demo_ledger(30, 7);
    let mut settings = ledger.settings().unwrap();
    settings.unit_name = "校验测试镇人民政府".into();
    ledger.save_settings(&settings).unwrap();
    let report = ledger.backup_to(&folder(dir.path(), "备份"), at(3, 9, 0)).unwrap();
    flip_byte_in(&report.path, "校验测试镇人民政府");

    let err = inspect_backup(&report.path).unwrap_err();
    assert!(matches!(err, StoreError::BackupCheckFailed { .. }), "{err:?}");
    assert!(err.to_string().contains("未通过校验"), "{err}");

    let (_target_dir, target_path, target) = demo_ledger(20, 8);
    let old = exports(&target);
    let backups_before = files_in(target.backup_options().unwrap().dir.parent().unwrap());
    assert!(target.restore_from(&report.path, at(3, 10, 0)).is_err());
    assert_eq!(exports(&target), old);
    drop(target);
    assert!(restore(&target_path, &report.path, at(3, 10, 0)).is_err());
    let target = Ledger::open(&target_path).unwrap();
    assert_eq!(exports(&target), old);
    assert_eq!(files_in(target_path.parent().unwrap()), backups_before);
}

#[test]
fn a_changed_record_with_sound_pages_fails_the_checksum() {
    let (dir, _, ledger) = demo_ledger(10, 9);
    let report = ledger.backup_to(&folder(dir.path(), "备份"), at(3, 9, 0)).unwrap();
    {
        // Edited through redb itself, so only our checksum can tell.
        let table: redb::TableDefinition<u64, &[u8]> = redb::TableDefinition::new("guidance");
        let db = redb::Database::open(&report.path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(table).unwrap().remove(1).unwrap();
        txn.commit().unwrap();
    }
    let err = inspect_backup(&report.path).unwrap_err();
    assert!(err.to_string().contains("校验和不符"), "{err}");
}

#[test]
fn a_file_that_is_not_a_backup_is_named_as_such() {
    let (dir, path, ledger) = demo_ledger(3, 10);
    drop(ledger);
    let note = dir.path().join("说明.txt");
    std::fs::write(&note, "不是备份").unwrap();
    for file in [&note, &path] {
        let err = inspect_backup(file).unwrap_err();
        assert!(matches!(err, StoreError::NotABackup(_)), "{file:?}: {err:?}");
    }
}

// ---- automatic backups ---------------------------------------------------------------------

#[test]
fn automatic_backups_keep_the_newest_n_and_leave_other_files_alone() {
    let (dir, _, ledger) = demo_ledger(5, 11);
    let backups = folder(dir.path(), "自动");
    let options = BackupOptions { dir: backups.clone(), keep: 3, on_exit: true, daily: true };
    ledger.save_backup_options(&options).unwrap();
    assert_eq!(ledger.backup_options().unwrap(), options);
    let manual = ledger.backup_to(&backups, at(1, 8, 0)).unwrap();
    std::fs::write(backups.join("说明.txt"), "office notes").unwrap();

    for day in 1..=5 {
        ledger.auto_backup(AutoBackup::OnExit, at(day, 17, 30)).unwrap();
    }
    let kept: Vec<NaiveDateTime> = auto_backups(&backups).into_iter().map(|(_, t)| t).collect();
    assert_eq!(kept, vec![at(5, 17, 30), at(4, 17, 30), at(3, 17, 30)]);
    assert!(manual.path.is_file());
    assert!(backups.join("说明.txt").is_file());
    let note = ledger.last_backup_note().unwrap().unwrap();
    assert!(note.contains("备份成功") && note.contains("自动备份_20261205_173000"), "{note}");
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_only_when_switched_on() {
    let (dir, path, ledger) = demo_ledger(5, 12);
    let options = ledger.backup_options().unwrap();
    assert_eq!(options.dir, path.parent().unwrap().join("备份"), "default: beside the ledger");
    assert_eq!(options.keep, 30);

    assert!(ledger.backup_if_due(at(7, 8, 0)).unwrap().is_some());
    assert!(ledger.backup_if_due(at(7, 18, 0)).unwrap().is_none());
    assert!(ledger.backup_if_due(at(8, 8, 0)).unwrap().is_some());
    assert_eq!(auto_backups(&options.dir).len(), 2);

    ledger.save_backup_options(&BackupOptions { daily: false, on_exit: false, ..options }).unwrap();
    assert!(ledger.backup_if_due(at(9, 8, 0)).unwrap().is_none());
    assert!(ledger.backup_on_exit(at(9, 18, 0)).unwrap().is_none());
    drop(dir);
}

#[test]
fn the_exit_backup_is_skipped_when_nothing_changed_since_the_last_backup() {
    let (dir, _, ledger) = demo_ledger(5, 14);
    let backups = folder(dir.path(), "自动");
    let options = BackupOptions { dir: backups.clone(), keep: 3, on_exit: true, daily: false };
    ledger.save_backup_options(&options).unwrap();

    assert!(ledger.backup_on_exit(at(1, 17, 0)).unwrap().is_some(), "never backed up: made");
    // Opened to look something up, an export folder remembered, closed again: nothing to add.
    ledger.set_preference("last_export_dir", "/共享盘/台账").unwrap();
    assert!(ledger.backup_on_exit(at(2, 17, 0)).unwrap().is_none());
    assert!(ledger.backup_on_exit(at(3, 17, 0)).unwrap().is_none());
    assert_eq!(auto_backups(&backups).len(), 1, "older copies are not pushed out");

    // A changed record (here: a setting) makes the next exit back up again.
    let mut settings = ledger.settings().unwrap();
    settings.default_phone = "0533-7654321".into();
    ledger.save_settings(&settings).unwrap();
    assert!(ledger.backup_on_exit(at(4, 17, 0)).unwrap().is_some());
    assert!(ledger.backup_on_exit(at(5, 17, 0)).unwrap().is_none());

    // A manual backup counts too: changes backed up by hand need no exit copy.
    settings.default_phone = "0533-1111111".into();
    ledger.save_settings(&settings).unwrap();
    let manual = ledger.backup_to(&folder(dir.path(), "共享盘"), at(6, 9, 0));
    ledger.note_backup(&manual, at(6, 9, 0)).unwrap();
    assert!(ledger.backup_on_exit(at(6, 17, 0)).unwrap().is_none());
    assert_eq!(auto_backups(&backups).len(), 2);
}

#[test]
fn a_failed_automatic_backup_is_noted_for_the_clerk() {
    let (dir, _, ledger) = demo_ledger(5, 13);
    let gone = dir.path().join("共享盘");
    let options = BackupOptions { dir: gone.clone(), keep: 3, on_exit: true, daily: true };
    ledger.save_backup_options(&options).unwrap();
    assert!(ledger.backup_on_exit(at(3, 18, 0)).is_err());
    assert!(!gone.exists(), "a chosen folder that is missing is not created");
    let note = ledger.last_backup_note().unwrap().unwrap();
    assert!(note.contains("备份失败") && note.contains("不存在"), "{note}");
}

// ---- the command line ----------------------------------------------------------------------

#[test]
fn the_backup_and_restore_commands_report_in_chinese() {
    let (dir, db, ledger) = demo_ledger(80, 14);
    let expected = exports(&ledger);
    drop(ledger);
    let to = folder(dir.path(), "共享盘");

    let out = run(&["backup", "--db", text(&db), "--to", text(&to)]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("已备份并校验") && stdout.contains("指导记录80份"), "{stdout}");
    assert!(stdout.contains("SHA-256"), "{stdout}");
    let file = auto_or_manual(&to);

    let fresh = dir.path().join("恢复").join("ledger.redb");
    let out = run(&["restore", "--db", text(&fresh), "--from", text(&file)]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("校验通过") && stdout.contains("已恢复"), "{stdout}");
    assert_eq!(exports(&Ledger::open(&fresh).unwrap()), expected);

    // Restoring over the used ledger backs it up beside it first.
    let out = run(&["restore", "--db", text(&db), "--from", text(&file)]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("恢复前的数据已备份到"));
    assert_eq!(files_in(&db.parent().unwrap().join("备份")).len(), 1);
}

#[test]
fn the_commands_fail_with_a_chinese_message() {
    let (dir, db, ledger) = demo_ledger(10, 15);
    let to = folder(dir.path(), "备份");
    let report = ledger.backup_to(&to, at(3, 9, 0)).unwrap();

    // The ledger is open here, as in a window: restore must refuse.
    let out = run(&["restore", "--db", text(&db), "--from", text(&report.path)]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("关闭"), "{out:?}");
    drop(ledger);

    let missing = dir.path().join("没有这个文件夹");
    let out = run(&["backup", "--db", text(&db), "--to", text(&missing)]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("不存在"), "{out:?}");

    let mut bytes = std::fs::read(&report.path).unwrap();
    let last = bytes.len() / 2;
    bytes.truncate(last);
    let cut = dir.path().join("cut.redb");
    std::fs::write(&cut, bytes).unwrap();
    let out = run(&["restore", "--db", text(&db), "--from", text(&cut)]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.starts_with("错误：") && stderr.contains("备份"), "{stderr}");
}

/// The one backup file in `dir`.
fn auto_or_manual(dir: &Path) -> PathBuf {
    let names = files_in(dir);
    assert_eq!(names.len(), 1, "{names:?}");
    dir.join(&names[0])
}
