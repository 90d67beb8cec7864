//! Disk trouble during a save or an export: a full disk or a share that vanishes.
//!
//! The ledger runs on redb's own file backend wrapped by [`Failing`], which passes every call
//! through to the real file until the test flips a switch; from then on writes fail with the
//! error the operating system gives for a full disk (or a dropped network share). After each
//! failure the file is opened again the normal way and must hold exactly what was saved
//! before, with numbers continuing without a gap.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::{
    CatalogueItem, GuidanceDraft, Officer, OpinionLetterDraft, Subject, SubjectKind,
};
use guidance_ledger::export::{ExportError, Format, Table, write_atomically, write_table};
use guidance_ledger::store::{Ledger, StoreError};
use redb::backends::FileBackend;
use redb::{BackendError, StorageBackend};

/// redb's file backend, failing every write once `broken` is set.
#[derive(Debug)]
struct Failing {
    inner: FileBackend,
    broken: Arc<AtomicBool>,
    error: fn() -> io::Error,
}

impl Failing {
    fn check(&self) -> Result<(), BackendError> {
        if self.broken.load(Ordering::SeqCst) {
            return Err(BackendError::Io((self.error)()));
        }
        Ok(())
    }
}

impl StorageBackend for Failing {
    fn len(&self) -> Result<u64, BackendError> {
        self.inner.len()
    }
    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), BackendError> {
        self.inner.read(offset, out)
    }
    fn set_len(&self, len: u64) -> Result<(), BackendError> {
        self.check()?;
        self.inner.set_len(len)
    }
    fn sync_data(&self) -> Result<(), BackendError> {
        self.check()?;
        self.inner.sync_data()
    }
    fn write(&self, offset: u64, data: &[u8]) -> Result<(), BackendError> {
        self.check()?;
        self.inner.write(offset, data)
    }
    fn close(&self) -> Result<(), BackendError> {
        self.inner.close()
    }
    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.try_lock_range(start, end)
    }
    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, BackendError> {
        self.inner.try_lock_shared_range(start, end)
    }
    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_range(start, end)
    }
    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_shared_range(start, end)
    }
    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.unlock_range(start, end)
    }
    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.query_lock_range(start, end)
    }
}

fn disk_full() -> io::Error {
    io::Error::from(io::ErrorKind::StorageFull)
}

fn share_gone() -> io::Error {
    io::Error::from(io::ErrorKind::NotConnected)
}

/// Opens the ledger file at `path` through a [`Failing`] backend; the flag breaks it.
fn open_failing(path: &Path, error: fn() -> io::Error) -> (Ledger, Arc<AtomicBool>) {
    let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path);
    let broken = Arc::new(AtomicBool::new(false));
    let backend = Failing { inner: FileBackend::new(file.unwrap()), broken: broken.clone(), error };
    (Ledger::open_on_backend(path, backend).unwrap(), broken)
}

fn at(d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(10, 0, 0).unwrap()
}

fn draft(officer: &Officer, item: &CatalogueItem, d: u32) -> GuidanceDraft {
    let mut draft = GuidanceDraft::new(at(d));
    draft.place = "金岭回族镇中心街".into();
    draft.officers = vec![officer.id];
    draft.subject = Subject {
        kind: SubjectKind::NaturalPerson,
        name: format!("对象{d}"),
        ..Default::default()
    };
    draft.item = Some(item.id);
    draft.content = "提醒依法经营。".into();
    draft
}

fn staff(ledger: &Ledger) -> (Officer, CatalogueItem) {
    let officer = Officer { name: "王建国".into(), active: true, ..Default::default() };
    let item = CatalogueItem {
        name: "经营提示".into(),
        domain: "市场监管".into(),
        basis: "《优化营商环境条例》第五十九条".into(),
        ..Default::default()
    };
    (ledger.save_officer(&officer).unwrap(), ledger.save_item(&item).unwrap())
}

/// Saves three records, breaks the disk, tries more saves of each kind, then reopens the file
/// normally: the three are there, nothing else is, and the next number is 4.
fn saves_fail_cleanly(error: fn() -> io::Error, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.redb");
    let (ledger, broken) = open_failing(&path, error);
    let (officer, item) = staff(&ledger);
    for d in 1..=3 {
        ledger.create_guidance(&draft(&officer, &item, d), at(d)).unwrap();
    }
    let before = ledger.snapshot().unwrap();

    broken.store(true, Ordering::SeqCst);
    let failed = ledger.create_guidance(&draft(&officer, &item, 4), at(4)).unwrap_err();
    let message = failed.to_string();
    assert!(message.contains(expect) && message.contains("未保存"), "{message}");
    assert!(message.contains("保持不变"), "{message}");

    // Whatever redb makes of the rest of the session, every later save fails in Chinese and
    // none of them half-happens.
    let mut letter = OpinionLetterDraft::new(at(5).date(), "司法所", "0533-1234567");
    letter.addressee = "某某食品店".into();
    letter.problems = "台账不全。".into();
    letter.opinion = "补齐台账。".into();
    for error in [
        ledger.create_letter(&letter, at(5)).unwrap_err(),
        ledger.void_guidance(before.guidance[0].id, "录入错误", at(5)).unwrap_err(),
        ledger.save_officer(&Officer { name: "李四".into(), ..Default::default() }).unwrap_err(),
    ] {
        let text = error.to_string();
        assert!(
            matches!(
                error,
                StoreError::NoSpace | StoreError::DiskTrouble(_) | StoreError::NeedsRestart
            ),
            "{text}"
        );
        assert!(text.contains("请"), "says what to do: {text}");
    }
    drop(ledger);

    let ledger = Ledger::open(&path).unwrap();
    let after = ledger.snapshot().unwrap();
    assert_eq!(after.guidance, before.guidance, "the three saved records, unchanged");
    assert!(after.letters.is_empty());
    assert_eq!(after.officers, before.officers);
    let next = ledger.create_guidance(&draft(&officer, &item, 6), at(6)).unwrap();
    assert_eq!(next.number.to_string(), "金岭指导书〔2026〕4号", "no number lost to the failure");
}

#[test]
fn a_full_disk_during_a_save_keeps_the_ledger_as_it_was() {
    saves_fail_cleanly(disk_full, "磁盘空间不足");
}

#[test]
fn a_share_that_vanishes_during_a_save_keeps_the_ledger_as_it_was() {
    saves_fail_cleanly(share_gone, "读写台账文件时出错");
}

fn small_table() -> Table {
    Table {
        title: "金岭回族镇行政指导事项登记簿".into(),
        headers: vec!["序号".into(), "指导对象".into()],
        rows: (1..=500).map(|i| vec![i.to_string(), format!("对象{i}")]).collect(),
    }
}

/// A writer that takes `room` bytes and then fails as a full disk does.
struct FullAfter<'a> {
    out: &'a mut dyn Write,
    room: usize,
}

impl Write for FullAfter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::from_raw_os_error(28));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        self.out.write(&buf[..n])
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[test]
fn a_full_disk_during_an_export_leaves_the_old_file_and_no_scrap() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("登记簿.csv");
    write_table(&small_table(), Format::Csv, &target).unwrap();
    let before = fs::read(&target).unwrap();
    let bytes = guidance_ledger::export::to_csv_bytes(&small_table());

    for room in [0, 1, 100, bytes.len() / 2, bytes.len() - 1] {
        let result = write_atomically(&target, |out| {
            let mut full = FullAfter { out, room };
            full.write_all(&bytes)
        });
        let error = result.unwrap_err();
        assert!(matches!(error, ExportError::DiskFull { .. }), "{error:?}");
        assert!(error.to_string().contains("磁盘空间不足"), "{error}");
        assert_eq!(fs::read(&target).unwrap(), before, "the old export is untouched");
        let names: Vec<_> =
            fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, ["登记簿.csv"], "no temporary file left after {room} bytes");
    }
}
