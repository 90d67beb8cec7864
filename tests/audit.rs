//! The audit trail told as an auditor would test it: every change leaves one entry naming
//! who did it; a refused save leaves none; and changing, removing or reordering an entry in
//! the file behind the program's back makes `verify` name the entry, in the library and in
//! the command's exit status.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::audit::AuditFilter;
use guidance_ledger::domain::{
    Action, Actor, AuditEntry, CatalogueItem, GuidanceDraft, Officer, OpinionLetterDraft,
    RecordKind, Settings, Subject, SubjectKind,
};
use guidance_ledger::store::{Ledger, StoreError, decode, encode};
use redb::{Database, ReadableTable, TableDefinition};
use tempfile::TempDir;

/// The trail's tables as raw bytes, the way someone editing the file would see them.
const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
const AUDIT_INDEX: TableDefinition<(u8, u64, u64), ()> = TableDefinition::new("audit_index");
const SEQUENCES: TableDefinition<&str, u32> = TableDefinition::new("sequences");

fn at(d: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap().and_hms_opt(14, minute, 0).unwrap()
}

fn officer_actor(officer: &Officer) -> Actor {
    Actor::Officer { id: officer.id, name: officer.name.clone() }
}

struct Office {
    _dir: TempDir,
    path: PathBuf,
    ledger: Ledger,
    officer: Officer,
    item: CatalogueItem,
}

/// A new ledger with one officer and one catalogue item, saved by the reviewer 李明.
fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.redb");
    let mut ledger = Ledger::open(&path).unwrap();
    ledger.set_actor(Actor::Reviewer { name: "李明".into() });
    let officer = Officer { name: "马国强".into(), active: true, ..Default::default() };
    let officer = ledger.save_officer(&officer).unwrap();
    let item = CatalogueItem {
        name: "食品经营规范提示".into(),
        domain: "市场监管".into(),
        basis: "《中华人民共和国食品安全法》第三十三条".into(),
        ..Default::default()
    };
    let item = ledger.save_item(&item).unwrap();
    Office { _dir: dir, path, ledger, officer, item }
}

impl Office {
    fn draft(&self, name: &str) -> GuidanceDraft {
        let mut d = GuidanceDraft::new(at(3, 9));
        d.place = "金岭一村".into();
        d.officers = vec![self.officer.id];
        d.subject =
            Subject { kind: SubjectKind::NaturalPerson, name: name.into(), ..Default::default() };
        d.item = Some(self.item.id);
        d.content = "提醒落实进货查验记录制度".into();
        d
    }

    fn trail(&self) -> Vec<AuditEntry> {
        common::trail(&self.ledger)
    }

    fn last(&self) -> AuditEntry {
        common::last_entry(&self.ledger)
    }

    fn count(&self) -> u64 {
        common::entry_count(&self.ledger)
    }
}

fn letter(date: NaiveDate) -> OpinionLetterDraft {
    let mut d = OpinionLetterDraft::new(date, "金岭回族镇司法所", "");
    d.addressee = "金岭镇清真牛肉面馆".into();
    d.problems = "后厨未落实生熟分开".into();
    d.opinion = "请于7日内整改".into();
    d
}

fn change_lines(entry: &AuditEntry) -> Vec<String> {
    entry.changes.iter().map(|c| c.text(&entry.action)).collect()
}

#[test]
fn every_kind_of_change_appends_one_entry_naming_who_and_what() {
    let mut o = office();
    assert_eq!(o.count(), 2, "the officer and the item");
    assert_eq!(o.trail()[0].action, Action::Create);
    assert_eq!(o.trail()[0].actor.label(), "李明（司法所审查人员）");

    let me = officer_actor(&o.officer);
    o.ledger.set_actor(me.clone());
    let g = o.ledger.create_guidance(&o.draft("张三"), at(3, 10)).unwrap();
    let e = o.last();
    assert_eq!(
        (e.seq, e.action.clone(), e.kind, e.record_id),
        (3, Action::Create, RecordKind::Guidance, g.id)
    );
    assert_eq!(e.actor, me);
    assert_eq!(e.label, g.number.to_string());
    assert_eq!(e.time_text(), "2026年12月3日 14:10");
    let lines = change_lines(&e);
    assert!(lines.contains(&"指导人员：马国强".to_string()), "{lines:?}");
    assert!(lines.contains(&"指导事项：食品经营规范提示".to_string()), "{lines:?}");

    let mut changed = o.draft("张三");
    changed.place = "金岭二村".into();
    o.ledger.update_guidance(g.id, &changed, at(3, 11)).unwrap();
    let e = o.last();
    assert_eq!((e.seq, e.action.clone()), (4, Action::Update));
    assert_eq!(change_lines(&e), ["指导地点：金岭一村 → 金岭二村"]);

    o.ledger.void_guidance(g.id, "对象名称录错", at(3, 12)).unwrap();
    let e = o.last();
    assert_eq!((e.seq, e.action.clone()), (5, Action::Void));
    assert_eq!(change_lines(&e), ["作废原因：（空） → 对象名称录错"]);

    let l = o.ledger.create_letter(&letter(at(3, 0).date()), at(3, 13)).unwrap();
    assert_eq!(
        (o.last().action, o.last().kind, o.last().record_id),
        (Action::Create, RecordKind::Letter, l.id)
    );
    let mut delivered = letter(at(3, 0).date());
    delivered.delivery.signer = "马老板".into();
    o.ledger.update_letter(l.id, &delivered, at(3, 14)).unwrap();
    assert_eq!(change_lines(&o.last()), ["签收人：（空） → 马老板"]);
    o.ledger.void_letter(l.id, "重复出具", at(3, 15)).unwrap();
    assert_eq!((o.last().seq, o.last().action), (8, Action::Void));

    let mut renamed = o.officer.clone();
    renamed.phone = "13905331234".into();
    o.ledger.save_officer(&renamed).unwrap();
    assert_eq!(change_lines(&o.last()), ["电话：（空） → 13905331234"]);
    let spare = o.ledger.save_officer(&Officer { name: "丁秀兰".into(), ..Default::default() });
    let spare = spare.unwrap();
    o.ledger.delete_officer(spare.id).unwrap();
    let e = o.last();
    assert_eq!((e.seq, e.action.clone(), e.label.as_str()), (11, Action::Delete, "丁秀兰"));
    assert!(change_lines(&e).contains(&"姓名：丁秀兰".to_string()));

    let mut item = o.item.clone();
    item.phone = "0533-7480001".into();
    o.ledger.save_item(&item).unwrap();
    assert_eq!(
        (o.last().kind, change_lines(&o.last())),
        (RecordKind::CatalogueItem, vec!["咨询电话：（空） → 0533-7480001".to_string()])
    );

    let settings = Settings { unit_name: "金岭回族镇司法所".into(), ..Settings::default() };
    o.ledger.save_settings(&settings).unwrap();
    assert_eq!(change_lines(&o.last()), ["单位名称：金岭回族镇人民政府 → 金岭回族镇司法所"]);
    o.ledger.save_reviewers(&["李明".into(), " 李明 ".into(), "王芳".into()]).unwrap();
    assert_eq!(change_lines(&o.last()), ["司法所审查人员：（空） → 李明、王芳"]);

    let drafts = [o.draft("甲"), o.draft("乙")];
    o.ledger.create_guidance_batch(&drafts, at(3, 20)).unwrap();
    assert_eq!(o.count(), 16);
    assert!(o.trail().iter().skip(2).all(|e| e.actor == me));
    assert!(o.ledger.verify().unwrap().passed());
}

#[test]
fn entries_survive_a_reopen_and_are_found_by_record() {
    let mut o = office();
    o.ledger.set_actor(officer_actor(&o.officer));
    let g = o.ledger.create_guidance(&o.draft("张三"), at(3, 10)).unwrap();
    o.ledger.create_guidance(&o.draft("李四"), at(3, 11)).unwrap();
    o.ledger.void_guidance(g.id, "录错", at(3, 12)).unwrap();
    let before = o.trail();

    drop(o.ledger);
    let ledger = Ledger::open(&o.path).unwrap();
    let mut page = ledger.audit_entries(&AuditFilter::default(), 100).unwrap();
    page.entries.reverse();
    assert_eq!(page.entries, before);
    let history = ledger.history_of(RecordKind::Guidance, g.id).unwrap();
    let actions: Vec<Action> = history.iter().map(|e| e.action.clone()).collect();
    assert_eq!(actions, [Action::Create, Action::Void]);
    assert!(history.iter().all(|e| e.actor.label() == "马国强"));
    assert!(ledger.verify().unwrap().passed());
}

#[test]
fn a_refused_save_appends_nothing() {
    let o = office();
    let g = o.ledger.create_guidance(&o.draft("张三"), at(3, 10)).unwrap();
    let head = o.ledger.audit_head().unwrap();

    let mut empty = o.draft("张三");
    empty.place.clear();
    assert!(matches!(o.ledger.create_guidance(&empty, at(3, 11)), Err(StoreError::Invalid(_))));
    assert!(o.ledger.update_guidance(g.id, &empty, at(3, 11)).is_err());
    assert!(o.ledger.save_officer(&Officer::default()).is_err());
    assert!(matches!(o.ledger.delete_officer(o.officer.id), Err(StoreError::OfficerInUse(_))));
    let batch = [o.draft("甲"), empty.clone()];
    assert!(o.ledger.create_guidance_batch(&batch, at(3, 12)).is_err());

    // The sequence counter set back, as a file restored by hand might be: the next number is
    // already taken, so the save is refused, and its entry must not stay behind either.
    let Office { ledger, path, .. } = o;
    drop(ledger);
    let db = Database::open(&path).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(SEQUENCES).unwrap().insert("guidance/2026", 0).unwrap();
    txn.commit().unwrap();
    drop(db);
    let ledger = Ledger::open(&path).unwrap();
    let taken = ledger.create_guidance(&GuidanceDraft { ..g.details.clone() }, at(3, 13));
    assert!(matches!(taken, Err(StoreError::NumberTaken(_))), "{taken:?}");

    assert_eq!(ledger.audit_head().unwrap(), head);
    assert!(ledger.verify().unwrap().passed());
}

// ---- tampering -----------------------------------------------------------------------------

/// A ledger with six entries, closed, to be copied and tampered with.
fn six_entries() -> (TempDir, PathBuf) {
    let mut o = office();
    o.ledger.set_actor(officer_actor(&o.officer));
    let g = o.ledger.create_guidance(&o.draft("张三"), at(3, 10)).unwrap();
    o.ledger.create_guidance(&o.draft("李四"), at(3, 11)).unwrap();
    o.ledger.void_guidance(g.id, "录错", at(3, 12)).unwrap();
    o.ledger.create_letter(&letter(at(3, 0).date()), at(3, 13)).unwrap();
    assert_eq!(o.count(), 6);
    let Office { _dir: dir, path, .. } = o;
    (dir, path)
}

/// A copy of `path` changed by `tamper`, which gets the trail table of the raw file.
fn tampered(path: &Path, name: &str, tamper: impl FnOnce(&mut redb::Table<u64, &[u8]>)) -> PathBuf {
    let copy = path.with_file_name(format!("{name}.redb"));
    std::fs::copy(path, &copy).unwrap();
    let db = Database::open(&copy).unwrap();
    let txn = db.begin_write().unwrap();
    tamper(&mut txn.open_table(AUDIT).unwrap());
    txn.commit().unwrap();
    copy
}

fn raw(table: &redb::Table<u64, &[u8]>, seq: u64) -> Vec<u8> {
    table.get(seq).unwrap().unwrap().value().to_vec()
}

fn verify_cli(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guidance-ledger"))
        .args(["verify", "--db", path.to_str().unwrap()])
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

/// `verify` fails on `path` naming entry `seq`, in the library and on the command line.
fn assert_fault_at(path: &Path, seq: u64) {
    let report = {
        let ledger = Ledger::open(path).unwrap();
        let verification = ledger.verify().unwrap();
        assert!(!verification.passed());
        verification.first_fault().cloned().unwrap()
    };
    assert_eq!(report.fault.as_ref().unwrap().at, Some(seq), "{}", report.line());
    assert!(report.line().contains(&format!("第{seq}条")), "{}", report.line());

    let output = verify_cli(path);
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("校验未通过") && said.contains(&format!("第{seq}条")), "{said}");
}

#[test]
fn an_untouched_ledger_passes_verify() {
    let (_dir, path) = six_entries();
    let output = verify_cli(&path);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(said.contains("修改记录：6条，校验通过") && said.contains("校验通过："), "{said}");
}

#[test]
fn a_changed_field_of_one_entry_is_found() {
    let (_dir, path) = six_entries();
    let copy = tampered(&path, "label", |table| {
        let mut entry: AuditEntry = decode(&raw(table, 3)).unwrap();
        entry.actor = Actor::Reviewer { name: "别人".into() };
        table.insert(3, encode(&entry).unwrap().as_slice()).unwrap();
    });
    assert_fault_at(&copy, 3);
}

#[test]
fn one_changed_byte_is_found() {
    let (_dir, path) = six_entries();
    let copy = tampered(&path, "byte", |table| {
        let mut bytes = raw(table, 4);
        let last = bytes.len() - 40;
        bytes[last] ^= 0x01;
        table.insert(4, bytes.as_slice()).unwrap();
    });
    assert_fault_at(&copy, 4);
}

#[test]
fn an_entry_removed_from_the_middle_is_found() {
    let (_dir, path) = six_entries();
    let copy = tampered(&path, "middle", |table| {
        table.remove(3).unwrap();
    });
    assert_fault_at(&copy, 3);
}

#[test]
fn the_last_entry_removed_is_found() {
    let (_dir, path) = six_entries();
    let copy = tampered(&path, "last", |table| {
        table.remove(6).unwrap();
    });
    assert_fault_at(&copy, 6);
}

#[test]
fn two_swapped_entries_are_found() {
    let (_dir, path) = six_entries();
    let copy = tampered(&path, "swap", |table| {
        let (two, four) = (raw(table, 2), raw(table, 4));
        table.insert(2, four.as_slice()).unwrap();
        table.insert(4, two.as_slice()).unwrap();
    });
    assert_fault_at(&copy, 2);
}

#[test]
fn swapped_entries_renumbered_to_fit_are_still_found() {
    let (_dir, path) = six_entries();
    let copy = tampered(&path, "renumbered", |table| {
        let mut two: AuditEntry = decode(&raw(table, 2)).unwrap();
        let mut four: AuditEntry = decode(&raw(table, 4)).unwrap();
        std::mem::swap(&mut two.seq, &mut four.seq);
        table.insert(2, encode(&four).unwrap().as_slice()).unwrap();
        table.insert(4, encode(&two).unwrap().as_slice()).unwrap();
    });
    assert_fault_at(&copy, 2);
}

#[test]
fn an_entry_hidden_from_its_records_history_is_found() {
    let (_dir, path) = six_entries();
    let copy = path.with_file_name("index.redb");
    std::fs::copy(&path, &copy).unwrap();
    {
        let db = Database::open(&copy).unwrap();
        let txn = db.begin_write().unwrap();
        let mut index = txn.open_table(AUDIT_INDEX).unwrap();
        let key = index.iter().unwrap().map(|k| k.unwrap().0.value()).find(|k| k.2 == 5);
        index.remove(key.unwrap()).unwrap();
        drop(index);
        txn.commit().unwrap();
    }
    assert_fault_at(&copy, 5);
}

#[test]
fn a_restore_brings_back_the_backups_trail_and_is_recorded_on_it() {
    let mut o = office();
    let backups = o.path.with_file_name("备份");
    std::fs::create_dir_all(&backups).unwrap();
    o.ledger.create_guidance(&o.draft("张三"), at(3, 10)).unwrap();
    let backup = o.ledger.backup_to(&backups, at(3, 11)).unwrap();
    o.ledger.create_guidance(&o.draft("李四"), at(3, 12)).unwrap();
    assert_eq!(o.count(), 4);

    o.ledger.set_actor(officer_actor(&o.officer));
    o.ledger.restore_from(&backup.path, at(3, 13)).unwrap();
    let trail = o.trail();
    assert_eq!(trail.len(), 4, "three from the backup, then the restore");
    let restore = &trail[3];
    assert_eq!((restore.action.clone(), restore.kind), (Action::Restore, RecordKind::Ledger));
    assert_eq!(restore.actor.label(), "马国强");
    assert_eq!(restore.changes[0].after, backup.path.display().to_string());
    assert!(o.ledger.verify().unwrap().passed());
}
