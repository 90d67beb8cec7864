//! Opening a damaged or unusual ledger: a read-only file reads, searches and exports but
//! saves nothing; a damaged file is reported and restored from the newest backup beside it.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use guidance_ledger::domain::{
    CatalogueItem, GuidanceDraft, Officer, Settings, Subject, SubjectKind,
};
use guidance_ledger::search::data::LedgerData;
use guidance_ledger::store::{self, Ledger, StoreError};
use guidance_ledger::ui::app::READ_ONLY_BANNER;
use guidance_ledger::ui::startup::{Startup, backups_for, is_damage};
use guidance_ledger::ui::{Command, LedgerApp, Picker, setup_context};
use tempfile::TempDir;

use eframe::egui;

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
}

/// A ledger file with one officer, one catalogue item and `records` guidance records.
fn ledger_with(records: usize) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.redb");
    let ledger = Ledger::open(&path).unwrap();
    let officer = Officer { name: "王建国".into(), active: true, ..Default::default() };
    let officer = ledger.save_officer(&officer).unwrap();
    let item = CatalogueItem {
        name: "液化气安全提示".into(),
        domain: "安全生产".into(),
        basis: "《中华人民共和国安全生产法》第四条".into(),
        ..Default::default()
    };
    let item = ledger.save_item(&item).unwrap();
    for n in 0..records {
        let name = format!("金岭饭店{n}");
        ledger.create_guidance(&draft(officer.id, item.id, &name), at(2026, 6, 15, 9)).unwrap();
    }
    drop(ledger);
    (dir, path)
}

fn draft(officer: u64, item: u64, name: &str) -> GuidanceDraft {
    let mut d = GuidanceDraft::new(at(2026, 6, 15, 9));
    d.place = "金岭回族镇金岭一村".into();
    d.officers = vec![officer];
    d.subject =
        Subject { kind: SubjectKind::NaturalPerson, name: name.into(), ..Default::default() };
    d.item = Some(item);
    d.content = "提醒液化气罐不得存放在地下室。".into();
    d
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
}

#[cfg(not(unix))]
fn make_read_only(path: &Path) {
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(path, perms).unwrap();
}

fn assert_read_only(result: Result<impl std::fmt::Debug, StoreError>) {
    match result {
        Err(e @ StoreError::ReadOnly(_)) => {
            assert!(e.to_string().contains("只读") && e.to_string().contains("不能保存"), "{e}");
        }
        other => panic!("a read-only ledger accepted a write: {other:?}"),
    }
}

// ---- read-only -----------------------------------------------------------------------------

#[test]
fn a_read_only_ledger_reads_searches_and_exports_but_refuses_every_write() {
    let (dir, path) = ledger_with(3);
    make_read_only(&path);
    let before = std::fs::read(&path).unwrap();

    // Permission bits do not stop root; where they do, the plain open picks read-only itself.
    if !store::is_writable(&path) {
        assert!(Ledger::open(&path).unwrap().is_read_only());
    }
    let ledger = Ledger::open_read_only(&path).unwrap();
    assert!(ledger.is_read_only());

    let data = LedgerData::load(&ledger).unwrap();
    assert_eq!(data.guidance.len(), 3);
    assert_eq!(data.index.search("金岭饭店1").len(), 1);
    let backup = ledger.backup_to(dir.path(), at(2026, 6, 16, 8)).unwrap();
    assert_eq!(backup.counts.guidance, 3);

    let g = data.guidance[0].clone();
    let (officer, item) = (data.officers[0].clone(), data.catalogue[0].clone());
    let now = at(2026, 6, 16, 9);
    assert_read_only(ledger.create_guidance(&draft(officer.id, item.id, "新店"), now));
    assert_read_only(ledger.update_guidance(g.id, &draft(officer.id, item.id, "改名"), now));
    assert_read_only(ledger.void_guidance(g.id, "登记错误", now));
    assert_read_only(ledger.save_officer(&Officer { name: "李四".into(), ..Default::default() }));
    assert_read_only(ledger.delete_officer(officer.id));
    assert_read_only(ledger.save_item(&item));
    assert_read_only(ledger.save_settings(&Settings::default()));
    assert_read_only(ledger.set_preference("last_export_dir", "/tmp"));
    assert_read_only(ledger.restore_from(&backup.path, now));
    assert_eq!(ledger.snapshot().unwrap().guidance.len(), 3);

    drop(ledger);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the read-only file was changed");
}

#[test]
fn the_command_line_exports_a_read_only_ledger() {
    let (dir, path) = ledger_with(2);
    make_read_only(&path);
    let out = dir.path().join("登记簿.csv");
    let rows = guidance_ledger::cli::export(&path, "register", None, &out, None).unwrap();
    assert_eq!(rows, 2);
    assert!(std::fs::read_to_string(&out).unwrap().contains("金岭饭店1"));
}

#[test]
fn the_window_on_a_read_only_ledger_shows_a_banner_and_saves_nothing() {
    let (_dir, path) = ledger_with(1);
    make_read_only(&path);
    let before = std::fs::read(&path).unwrap();
    let app = LedgerApp::new(Ledger::open_read_only(&path).unwrap(), Picker::Never).unwrap();
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(32)
        .with_context_setup(setup_context)
        .build_ui_state(|ui: &mut egui::Ui, app: &mut LedgerApp| app.ui(ui), app);
    harness.run_steps(3);
    harness.get_by_label(READ_ONLY_BANNER);
    assert!(READ_ONLY_BANNER.contains("查找和导出仍可使用"));
    harness.get_by_label("新建指导").click();
    harness.run_steps(3);
    let save = harness.get_by_label("保存并编号");
    assert!(save.accesskit_node().is_disabled(), "no Save on a read-only ledger");

    let (officer, item) = {
        let data = &harness.state().data;
        (data.officers[0].id, data.catalogue[0].id)
    };
    harness
        .state_mut()
        .apply(Command::SaveGuidance { id: None, draft: draft(officer, item, "新开饭店") });
    harness.run_steps(2);

    let status = harness.state().status.as_ref().map(|s| (s.text.clone(), s.is_error));
    let (text, is_error) = status.expect("no status after a refused save");
    assert!(is_error && text.starts_with("保存失败：台账以只读方式打开"), "{text}");
    assert_eq!(harness.state().data.guidance.len(), 1);
    drop(harness);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

// ---- damaged -------------------------------------------------------------------------------

#[test]
fn a_truncated_ledger_is_reported_as_damaged() {
    let (_dir, path) = ledger_with(20);
    let len = std::fs::metadata(&path).unwrap().len();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(len / 3).unwrap();
    drop(file);

    let Err(error) = Ledger::open(&path) else { panic!("a truncated ledger opened") };
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    assert!(is_damage(&error));
    assert!(error.to_string().contains("备份恢复"), "{error}");
}

#[test]
fn backups_beside_the_ledger_are_listed_newest_first() {
    let (dir, path) = ledger_with(0);
    let folder = store::default_backup_dir(&path);
    assert!(backups_for(&path).is_empty(), "no folder yet");
    std::fs::create_dir(&folder).unwrap();
    for name in [
        "行政指导台账自动备份_20261201_180000.redb",
        "行政指导台账备份_20261202_093000.redb",
        "行政指导台账自动备份_20261202_180000_2.redb",
        "行政指导台账自动备份_20261203_180000.redb.part",
        "说明.txt",
    ] {
        std::fs::write(folder.join(name), b"redb").unwrap();
    }
    let found = backups_for(&path);
    let names: Vec<String> =
        found.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into()).collect();
    assert_eq!(
        names,
        [
            "行政指导台账自动备份_20261202_180000_2.redb",
            "行政指导台账备份_20261202_093000.redb",
            "行政指导台账自动备份_20261201_180000.redb",
        ]
    );
    assert_eq!(found[0].1, at(2026, 12, 2, 18));
    drop(dir);
}

#[test]
fn a_damaged_ledger_is_restored_from_the_newest_backup_and_kept_aside() {
    let (_dir, path) = ledger_with(2);
    let ledger = Ledger::open(&path).unwrap();
    let folder = store::default_backup_dir(&path);
    std::fs::create_dir(&folder).unwrap();
    ledger.backup_to(&folder, at(2026, 12, 1, 18)).unwrap();
    drop(ledger);
    let (_dir2, newer) = ledger_with(5);
    Ledger::open(&newer).unwrap().backup_to(&folder, at(2026, 12, 2, 18)).unwrap();

    let len = std::fs::metadata(&path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(len / 2).unwrap();
    let damaged = std::fs::read(&path).unwrap();
    let error = Ledger::open(&path).err().unwrap();

    let mut startup = Startup::new(&path, &error);
    assert_eq!(startup.backups.len(), 2);
    startup.restore_chosen(at(2026, 12, 3, 8));
    let Some(Ok(text)) = &startup.outcome else { panic!("{:?}", startup.outcome) };
    assert!(text.contains("重新启动") && text.contains("损坏的文件已保留"), "{text}");

    let restored = Ledger::open(&path).unwrap();
    assert_eq!(restored.snapshot().unwrap().guidance.len(), 5, "the newest backup's records");
    let aside = path.with_file_name("ledger.redb.损坏_20261203_080000");
    assert_eq!(std::fs::read(aside).unwrap(), damaged);
}

#[test]
fn with_no_backup_the_damaged_window_says_where_it_looked() {
    let (_dir, path) = ledger_with(0);
    std::fs::write(&path, b"not a ledger at all").unwrap();
    let error = Ledger::open(&path).err().unwrap();
    assert!(is_damage(&error), "{error:?}");
    let mut startup = Startup::new(&path, &error);
    let mut harness = Harness::builder()
        .with_size([700.0, 420.0])
        .with_context_setup(setup_context)
        .build_ui(move |ui| {
            startup.ui(ui);
        });
    harness.run();
    harness.get_by_label("台账文件无法打开");
    let folder = store::default_backup_dir(&path);
    harness.get_by_label_contains(&format!("“{}”中没有找到备份", folder.display()));
    harness.get_by_label("退出");
}
