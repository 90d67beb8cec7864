//! Attachments: copied beside the ledger with their SHA-256, checked, and refused cleanly.

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::attachment::{AttachmentKind, Owner};
use guidance_ledger::domain::{CatalogueItem, GuidanceDraft, Officer, Subject, SubjectKind};
use guidance_ledger::store::{AttachmentFault, Ledger, StoreError, check_attachment, stored_path};

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(14, 5, 0).unwrap()
}

fn ledger_with_record(dir: &std::path::Path) -> (Ledger, u64) {
    let ledger = Ledger::open(&dir.join("台账").join("台账.redb")).unwrap();
    let officer = ledger
        .save_officer(&Officer { name: "马国强".into(), active: true, ..Default::default() })
        .unwrap();
    let item = ledger
        .save_item(&CatalogueItem {
            name: "消防安全提示".into(),
            domain: "消防".into(),
            basis: "《中华人民共和国消防法》第十六条".into(),
            ..Default::default()
        })
        .unwrap();
    let mut draft = GuidanceDraft::new(at());
    draft.place = "金岭三村".into();
    draft.officers = vec![officer.id];
    draft.subject =
        Subject { kind: SubjectKind::NaturalPerson, name: "赵六".into(), ..Default::default() };
    draft.item = Some(item.id);
    draft.content = "提醒电动车不得在楼道充电。".into();
    let g = ledger.create_guidance(&draft, at()).unwrap();
    (ledger, g.id)
}

#[test]
fn a_file_is_copied_hashed_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, id) = ledger_with_record(dir.path());
    let scan = dir.path().join("送达回证 扫描件.pdf");
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&scan, &bytes).unwrap();

    let a = ledger.attach(Owner::Guidance(id), &scan, AttachmentKind::Receipt, at()).unwrap();
    assert_eq!((a.original_name.as_str(), a.bytes), ("送达回证 扫描件.pdf", 300_000));
    assert_eq!(a.stored, format!("2026/{}_送达回证 扫描件.pdf", a.id));
    assert_eq!(a.sha256.len(), 64);
    let folder = ledger.attachments_dir();
    assert_eq!(folder, dir.path().join("台账").join("附件"));
    let copy = stored_path(&folder, &a);
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    assert_eq!(check_attachment(&folder, &a), Ok(()));
    assert_eq!(ledger.attachments().unwrap(), std::slice::from_ref(&a));
    assert!(ledger.verify().unwrap().passed(), "verify checks the attachment too");

    // Changing one byte of the copy is found; so is a removed copy.
    let mut changed = bytes.clone();
    changed[150_000] ^= 1;
    std::fs::write(&copy, &changed).unwrap();
    assert!(matches!(check_attachment(&folder, &a), Err(AttachmentFault::Changed { .. })));
    let verification = ledger.verify().unwrap();
    assert!(!verification.passed());
    let lines: Vec<String> = verification
        .reports
        .iter()
        .map(guidance_ledger::store::audit::verify::CheckReport::line)
        .collect();
    assert!(
        lines.iter().any(|l| l.starts_with("附件：第1个附件") && l.contains("已被改动")),
        "{lines:?}"
    );
    std::fs::remove_file(&copy).unwrap();
    let fault = check_attachment(&folder, &a).unwrap_err();
    assert!(matches!(fault, AttachmentFault::Missing(_)));
    assert!(fault.to_string().starts_with("附件文件不见了"), "{fault}");
}

#[test]
fn a_bad_source_or_owner_records_nothing_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, id) = ledger_with_record(dir.path());
    let missing = dir.path().join("没有这个文件.jpg");
    let e = ledger.attach(Owner::Guidance(id), &missing, AttachmentKind::Photo, at()).unwrap_err();
    assert!(matches!(e, StoreError::AttachmentIo { .. }), "{e}");
    assert!(e.to_string().contains("请确认文件存在"), "{e}");

    let e =
        ledger.attach(Owner::Guidance(id), dir.path(), AttachmentKind::Photo, at()).unwrap_err();
    assert!(e.to_string().contains("这不是一个文件"), "{e}");

    let photo = dir.path().join("现场.jpg");
    std::fs::write(&photo, b"jpeg").unwrap();
    let e = ledger.attach(Owner::Letter(42), &photo, AttachmentKind::Photo, at()).unwrap_err();
    assert!(matches!(e, StoreError::NotFound { id: 42, .. }), "{e}");

    assert!(ledger.attachments().unwrap().is_empty());
    assert!(!ledger.attachments_dir().join("2026").exists(), "no copy is left behind");
}

#[test]
fn attachment_files_go_with_backups_and_come_back_with_a_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, id) = ledger_with_record(dir.path());
    let scan = dir.path().join("承诺书.jpg");
    std::fs::write(&scan, vec![7u8; 5000]).unwrap();
    let a = ledger.attach(Owner::Guidance(id), &scan, AttachmentKind::Commitment, at()).unwrap();
    let share = dir.path().join("共享盘");
    std::fs::create_dir(&share).unwrap();

    let first = ledger.backup_to(&share, at()).unwrap();
    assert_eq!((first.attachments.copied, first.attachments.present), (1, 0));
    assert_eq!(std::fs::read(stored_path(&share.join("附件"), &a)).unwrap(), vec![7u8; 5000]);
    let later = at() + chrono::Duration::minutes(1);
    let second = ledger.backup_to(&share, later).unwrap();
    assert_eq!((second.attachments.copied, second.attachments.present), (0, 1));
    assert!(second.attachments.summary().contains("已有1个"));

    // Restored on another PC (another folder): the record and its file are both there.
    let other = dir.path().join("新电脑").join("台账.redb");
    let report = guidance_ledger::store::restore(&other, &second.path, later).unwrap();
    assert_eq!(report.attachments.copied, 1);
    let restored = Ledger::open(&other).unwrap();
    let list = restored.attachments().unwrap();
    assert_eq!(list, std::slice::from_ref(&a));
    assert_eq!(check_attachment(&restored.attachments_dir(), &a), Ok(()));
}

#[test]
fn a_changed_attachment_is_not_copied_into_a_backup_and_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, id) = ledger_with_record(dir.path());
    let scan = dir.path().join("回执.pdf");
    std::fs::write(&scan, b"original scan").unwrap();
    let a = ledger.attach(Owner::Guidance(id), &scan, AttachmentKind::Receipt, at()).unwrap();
    std::fs::write(stored_path(&ledger.attachments_dir(), &a), b"altered scan!").unwrap();
    let share = dir.path().join("共享盘");
    std::fs::create_dir(&share).unwrap();
    let report = ledger.backup_to(&share, at()).unwrap();
    assert_eq!(report.attachments.copied, 0);
    assert_eq!(report.attachments.problems.len(), 1);
    assert!(
        report.attachments.summary().contains("1个未能复制"),
        "{}",
        report.attachments.summary()
    );
    assert!(!stored_path(&share.join("附件"), &a).exists());
}
