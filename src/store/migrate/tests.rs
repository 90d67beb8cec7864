//! Migrations run on a copy of the committed schema-1 fixture with plans made for the test:
//! the steps are real code run through the real open, only the list of steps is the test's.

use std::path::{Path, PathBuf};

use redb::{ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};

use super::{Plan, Step};
use crate::domain::Officer;
use crate::store::codec::{self, SCHEMA_VERSION};
use crate::store::error::{Result, StoreError};
use crate::store::tables::{META, OFFICERS, SCHEMA_KEY};
use crate::store::{Ledger, default_backup_dir};

const MARKS: TableDefinition<&str, u64> = TableDefinition::new("migration_marks");

fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.redb");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.redb");
    std::fs::copy(fixture, &path).unwrap();
    (dir, path)
}

/// Schema 1 → 2 for the test: every officer's name gains a mark, and a new table appears.
fn rename_officers(txn: &WriteTransaction) -> Result<()> {
    let mut officers = txn.open_table(OFFICERS)?;
    let mut renamed = Vec::new();
    for entry in officers.iter()? {
        let (id, bytes) = entry?;
        let mut officer: Officer = codec::decode_version(bytes.value(), 1).map_err(|source| {
            StoreError::Decode { what: "指导人员", id: id.value(), source }
        })?;
        officer.name.push_str("（已迁移）");
        renamed.push((id.value(), codec::encode(&officer).map_err(StoreError::db)?));
    }
    for (id, bytes) in renamed {
        officers.insert(id, bytes.as_slice())?;
    }
    txn.open_table(MARKS)?.insert("renamed", 1)?;
    Ok(())
}

fn refuse(_: &WriteTransaction) -> Result<()> {
    Err(StoreError::Database("第二步故意失败".into()))
}

const TO_TWO: &[Step] = &[Step { from: 1, what: "人员姓名加标记", run: rename_officers }];
const TO_THREE_FAILING: &[Step] = &[
    Step { from: 1, what: "人员姓名加标记", run: rename_officers },
    Step { from: 2, what: "失败的一步", run: refuse },
];

fn version_of(ledger: &Ledger) -> u64 {
    let txn = ledger.db.begin_read().unwrap();
    txn.open_table(META).unwrap().get(SCHEMA_KEY).unwrap().unwrap().value()
}

fn kept_copies(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(default_backup_dir(path)) else { return Vec::new() };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("升级前_第1版_"))
        .collect()
}

#[test]
fn the_fixture_is_of_the_current_schema_and_needs_no_step() {
    assert_eq!(SCHEMA_VERSION, 1, "a new schema needs its step in STEPS and a fixture");
    let (_dir, path) = fixture_copy();
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(version_of(&ledger), 1);
    assert!(kept_copies(&path).is_empty(), "nothing to migrate, nothing to copy");
}

#[test]
fn steps_run_in_the_opening_transaction_after_a_copy_is_kept() {
    let (_dir, path) = fixture_copy();
    let original = std::fs::read(&path).unwrap();
    let before = Ledger::open(&path).unwrap().snapshot().unwrap();
    drop(std::fs::remove_dir_all(default_backup_dir(&path)));
    std::fs::write(&path, &original).unwrap();

    let ledger = Ledger::open_with(&path, Plan { steps: TO_TWO, target: 2 }).unwrap();
    assert_eq!(version_of(&ledger), 2);
    let after = ledger.snapshot().unwrap();
    assert_eq!(after.officers.len(), before.officers.len());
    for (old, new) in before.officers.iter().zip(&after.officers) {
        assert_eq!(new.name, format!("{}（已迁移）", old.name));
    }
    assert_eq!(
        after.guidance, before.guidance,
        "records the step does not touch stay as they were"
    );
    let txn = ledger.db.begin_read().unwrap();
    assert_eq!(txn.open_table(MARKS).unwrap().get("renamed").unwrap().unwrap().value(), 1);

    let copies = kept_copies(&path);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(std::fs::read(&copies[0]).unwrap() == original, "the kept copy is the file as it was");
    drop(txn);
    drop(ledger);

    // Opened again with the same plan, the file is current: no second copy, no second rename.
    let again = Ledger::open_with(&path, Plan { steps: TO_TWO, target: 2 }).unwrap();
    assert_eq!(again.snapshot().unwrap().officers, after.officers);
    assert_eq!(kept_copies(&path).len(), 1);
}

#[test]
fn a_failing_step_leaves_every_record_as_it_was() {
    let (_dir, path) = fixture_copy();
    let before = Ledger::open(&path).unwrap().snapshot().unwrap();

    let error = Ledger::open_with(&path, Plan { steps: TO_THREE_FAILING, target: 3 })
        .err()
        .expect("the second step fails");
    let StoreError::Migration { from, to, ref detail, .. } = error else {
        panic!("expected a migration error, got {error}");
    };
    assert_eq!((from, to), (1, 3));
    assert!(detail.contains("故意失败"), "{detail}");
    let message = error.to_string();
    assert!(message.contains("第1版升级到第3版") && message.contains("保持原样"), "{message}");

    // The first step's renames were in the same transaction: none of them is in the file.
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(version_of(&ledger), 1);
    let after = ledger.snapshot().unwrap();
    assert_eq!(after.officers, before.officers);
    assert_eq!(after.guidance, before.guidance);
    assert_eq!(after.letters, before.letters);
    let txn = ledger.db.begin_read().unwrap();
    assert!(txn.open_table(MARKS).is_err(), "the step's new table was not committed");
    assert_eq!(kept_copies(&path).len(), 1, "the copy made before the attempt is kept");
}

#[test]
fn a_missing_step_is_named_and_nothing_changes() {
    let (_dir, path) = fixture_copy();
    let error = Ledger::open_with(&path, Plan { steps: &[], target: 2 }).err().unwrap();
    assert!(error.to_string().contains("缺少第1版的升级步骤"), "{error}");
    assert_eq!(version_of(&Ledger::open(&path).unwrap()), 1);
}
