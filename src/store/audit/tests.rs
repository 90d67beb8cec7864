use super::*;
use crate::domain::Officer;
use crate::store::Ledger;
use chrono::NaiveDate;

fn at(minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(14, minute, 0).unwrap()
}

fn officer(name: &str) -> Officer {
    Officer { name: name.into(), active: true, ..Default::default() }
}

#[test]
fn appended_entries_are_chained_and_the_head_follows() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("l.redb")).unwrap();
    let actor = Actor::Reviewer { name: "李明".into() };
    let txn = ledger.write().unwrap();
    let names = TxnNames::new(&txn);
    let first = append(&txn, &actor, Change::created(&officer("马国强"), &names, at(5))).unwrap();
    let second = append(
        &txn,
        &actor,
        Change::updated(&officer("马国强"), &officer("马国庆"), &names, at(6)),
    )
    .unwrap();
    drop(names);
    txn.commit().unwrap();

    assert_eq!((first.seq, second.seq), (1, 2));
    assert_eq!(first.prev_hash, [0; 32]);
    assert_eq!(second.prev_hash, first.hash);
    assert_eq!(entry_hash(&second).unwrap(), second.hash);
    let head = ledger.audit_head().unwrap();
    assert_eq!((head.count, head.last_hash), (2, second.hash));
    assert_eq!(second.changes[0].text(&second.action), "姓名：马国强 → 马国庆");
    assert!(ledger.verify().unwrap().passed());
}

#[test]
fn the_hash_covers_every_part_of_an_entry() {
    let entry = AuditEntry {
        seq: 4,
        at: at(5),
        actor: Actor::CommandLine,
        action: Action::Update,
        kind: RecordKind::Officer,
        record_id: 2,
        label: "马国强".into(),
        changes: vec![FieldChange {
            field: "电话".into(), before: "1".into(), after: "2".into()
        }],
        prev_hash: [7; 32],
        hash: [0; 32],
    };
    let hash = entry_hash(&entry).unwrap();
    let variants: [fn(&mut AuditEntry); 9] = [
        (|e| e.seq = 5),
        (|e| e.at = at(6)),
        (|e| e.actor = Actor::Unspecified),
        (|e| e.action = Action::Void),
        (|e| e.kind = RecordKind::CatalogueItem),
        (|e| e.record_id = 3),
        (|e| e.label.push('x')),
        (|e| e.changes[0].after = "3".into()),
        (|e| e.prev_hash[31] = 8),
    ];
    for change in variants {
        let mut changed = entry.clone();
        change(&mut changed);
        assert_ne!(entry_hash(&changed).unwrap(), hash, "{changed:?}");
    }
    let mut rehashed = entry.clone();
    rehashed.hash = [1; 32];
    assert_eq!(entry_hash(&rehashed).unwrap(), hash, "the stored hash is not hashed");
}

#[test]
fn an_empty_ledger_passes_and_a_lost_head_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("l.redb")).unwrap();
    let verification = ledger.verify().unwrap();
    assert!(verification.passed());
    assert_eq!(verification.reports[0].line(), "修改记录：0条，校验通过");

    ledger.save_officer(&officer("马国强")).unwrap();
    let txn = ledger.db.begin_write().unwrap();
    txn.open_table(AUDIT_HEAD).unwrap().remove(HEAD_KEY).unwrap();
    txn.commit().unwrap();
    let fault = ledger.verify().unwrap().first_fault().cloned().unwrap();
    assert!(fault.line().contains("记录头缺失"), "{}", fault.line());
}
