//! The backup's own rules: every table is copied, and a backup is of its snapshot only.

use chrono::{NaiveDate, NaiveDateTime};
use redb::{ReadableDatabase, TableHandle};

use super::tables::TABLE_NAMES;
use super::*;
use crate::domain::Officer;

fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(h, m, s).unwrap()
}

fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.redb")).unwrap();
    (dir, ledger)
}

#[test]
fn every_table_of_a_new_ledger_is_backed_up() {
    let (_dir, ledger) = ledger();
    let txn = ledger.db.begin_read().unwrap();
    let mut names: Vec<String> = txn.list_tables().unwrap().map(|t| t.name().to_string()).collect();
    names.sort();
    let mut known: Vec<String> = TABLE_NAMES.iter().map(ToString::to_string).collect();
    known.sort();
    assert_eq!(names, known);
}

#[test]
fn a_backup_holds_its_snapshot_and_not_later_writes() {
    let (dir, ledger) = ledger();
    let officer = |name: &str| Officer { name: name.into(), active: true, ..Default::default() };
    ledger.save_officer(&officer("王建国")).unwrap();

    let source = ledger.begin_backup().unwrap();
    ledger.save_officer(&officer("李秀英")).unwrap();
    let report = source.write_to(dir.path(), at(15, 30, 0), BackupKind::Manual).unwrap();

    assert_eq!(report.counts.officers, 1);
    assert!(report.path.ends_with("行政指导台账备份_20261203_153000.redb"));
    let preview = inspect_backup(&report.path).unwrap();
    assert_eq!(preview.counts, report.counts);
    assert_eq!(preview.checksum, report.checksum);
    assert_eq!(ledger.snapshot().unwrap().officers.len(), 2);
}

#[test]
fn two_backups_in_one_second_get_two_names() {
    let (dir, ledger) = ledger();
    let first = ledger.backup_to(dir.path(), at(9, 0, 0)).unwrap();
    let second = ledger.backup_to(dir.path(), at(9, 0, 0)).unwrap();
    assert_ne!(first.path, second.path);
    assert!(second.path.ends_with("行政指导台账备份_20261203_090000_2.redb"));
    assert_eq!(first.checksum, second.checksum);
}

#[test]
fn a_snapshot_can_be_written_on_another_thread() {
    fn sendable<T: Send + 'static>(_: &T) {}
    let (dir, ledger) = ledger();
    let source = ledger.begin_backup().unwrap();
    sendable(&source);
    let path = dir.path().to_path_buf();
    let report =
        std::thread::spawn(move || source.write_to(&path, at(8, 0, 0), BackupKind::Automatic))
            .join()
            .unwrap()
            .unwrap();
    assert!(report.path.is_file());
}

/// A backup made before the audit trail existed has none of its tables: it still passes its
/// check, and restores with an empty trail on which the restore is the first entry.
#[test]
fn a_backup_from_before_the_audit_trail_still_restores() {
    let (dir, ledger) = ledger();
    let officer = Officer { name: "王建国".into(), active: true, ..Default::default() };
    ledger.save_officer(&officer).unwrap();
    let report = ledger.backup_to(dir.path(), at(15, 30, 0)).unwrap();
    {
        // Made old: the trail's tables dropped, the manifest's checksum summed again as the
        // older program did, over the tables it had.
        let db = redb::Database::open(&report.path).unwrap();
        let txn = db.begin_write().unwrap();
        for name in ["audit", "audit_head", "audit_index"] {
            assert!(txn.delete_table(redb::TableDefinition::<u64, u64>::new(name)).is_ok());
        }
        txn.commit().unwrap();
        let checksum = {
            let read = db.begin_read().unwrap();
            let mut summer = Summer { src: &read, skip: &[], tally: Tally::new() };
            visit_all(&mut summer).unwrap();
            summer.tally.checksum()
        };
        let txn = db.begin_write().unwrap();
        txn.open_table(MANIFEST).unwrap().insert(CHECKSUM_KEY, checksum.as_str()).unwrap();
        txn.commit().unwrap();
    }

    assert_eq!(inspect_backup(&report.path).unwrap().counts.officers, 1);
    ledger.save_officer(&Officer { name: "李秀英".into(), ..Default::default() }).unwrap();
    ledger.restore_from(&report.path, at(15, 40, 0)).unwrap();
    assert_eq!(ledger.officers().unwrap().len(), 1);
    assert_eq!(ledger.audit_head().unwrap().count, 1, "only the restore");
    assert!(ledger.verify().unwrap().passed());
}

#[test]
fn a_backup_made_before_the_no_penalty_list_existed_still_checks_and_restores() {
    use super::tables::{CHECKSUM_KEY, MANIFEST, Summer, Tally, visit_all};
    use crate::domain::NoPenaltyEntry;

    let (dir, ledger) = ledger();
    let officer = Officer { name: "王建国".into(), active: true, ..Default::default() };
    ledger.save_officer(&officer).unwrap();
    let report = ledger.backup_to(dir.path(), at(9, 0, 0)).unwrap();

    // Make it as an older program wrote it: no no_penalty table, summed without it.
    {
        let db = redb::Database::open(&report.path).unwrap();
        let txn = db.begin_write().unwrap();
        assert!(txn.delete_table(crate::store::tables::NO_PENALTY).unwrap());
        txn.commit().unwrap();
        let read = db.begin_read().unwrap();
        let mut summer = Summer { src: &read, skip: &[], tally: Tally::new() };
        visit_all(&mut summer).unwrap();
        let checksum = summer.tally.checksum();
        drop(read);
        let txn = db.begin_write().unwrap();
        txn.open_table(MANIFEST).unwrap().insert(CHECKSUM_KEY, checksum.as_str()).unwrap();
        txn.commit().unwrap();
    }
    let preview = inspect_backup(&report.path).unwrap();
    assert_eq!(preview.counts.officers, 1);

    let entry = NoPenaltyEntry {
        serial: 1,
        domain: "消防".into(),
        violation: "占用消防车通道".into(),
        basis: "《消防法》第二十八条".into(),
        conditions: "首次违法，当场改正".into(),
        ..Default::default()
    };
    ledger.save_no_penalty(&entry, at(9, 5, 0)).unwrap();
    ledger.restore_from(&report.path, at(9, 10, 0)).unwrap();
    let snapshot = ledger.snapshot().unwrap();
    assert_eq!(snapshot.officers.len(), 1);
    assert!(snapshot.no_penalty.is_empty(), "the list is as the backup had it: none");
}
