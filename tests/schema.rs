//! Schema versions and hostile bytes.
//!
//! - Committed fixture databases of every released schema (`tests/fixtures/`) open, are
//!   brought up to date, and hold exactly what was written; numbers continue after them.
//!   Fixtures are always copied to a temp folder first, never opened in place.
//! - A database from a newer program is refused and its file left byte for byte as it was.
//! - The record decoder, fed junk and damaged records, never panics and never allocates
//!   more than its 16 MiB limit, whatever a length prefix claims.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::{
    Acceptance, CatalogueItem, Delivery, DocKind, DocNumber, Guidance, GuidanceDraft, Initiative,
    ItemStatus, Method, Officer, OpinionLetter, OpinionLetterDraft, Settings, Subject, SubjectKind,
    WrittenForm,
};
use guidance_ledger::store::{CodecError, Ledger, SCHEMA_VERSION, StoreError, decode, encode};
use redb::{CompactionMode, Database, ReadableDatabase, ReadableTable, TableDefinition};

// ---- the largest single allocation, to catch a length prefix believed ---------------------

/// The system allocator, remembering the largest single request made by a thread that
/// is [`watch`]ing (other tests in this binary open databases meanwhile).
struct Watched;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

fn note(size: usize) {
    if WATCHING.with(Cell::get) {
        LARGEST.fetch_max(size, Ordering::Relaxed);
    }
}

/// Starts noting this thread's allocations.
fn watch() {
    WATCHING.with(|w| w.set(true));
}

unsafe impl GlobalAlloc for Watched {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Watched = Watched;

/// The codec's limit on one value.
const LIMIT: usize = 16 * 1024 * 1024;

// ---- fixtures ------------------------------------------------------------------------------

const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
const FIXTURE_V1: &str = "schema-v1.redb";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The settings of the fixture: a different contact and phone, and letters numbered on
/// their own from the second letter on.
fn fixture_settings() -> Settings {
    Settings {
        default_contact: "金岭回族镇司法所 马䶮".into(),
        default_phone: "0951-5012345".into(),
        letters_share_sequence: false,
        ..Settings::default()
    }
}

fn fixture_guidance(
    time: NaiveDateTime,
    officers: &[u64],
    item: u64,
    subject: Subject,
    content: &str,
) -> GuidanceDraft {
    let mut d = GuidanceDraft::new(time);
    d.place = "金岭回族镇东街".into();
    d.officers = officers.to_vec();
    d.subject = subject;
    d.item = Some(item);
    d.content = content.into();
    d
}

fn person(name: &str) -> Subject {
    Subject { kind: SubjectKind::NaturalPerson, name: name.into(), ..Default::default() }
}

/// The officers and catalogue items of the fixture: three officers (one with 𠮷, one with
/// 䶮 and no longer active), two items (one deactivated).
fn fixture_staff(ledger: &Ledger) {
    let wang = ledger
        .save_officer(&Officer {
            name: "王建国".into(),
            badge: "64010012345".into(),
            station: "金岭回族镇司法所".into(),
            phone: "13895012345".into(),
            active: true,
            ..Default::default()
        })
        .unwrap();
    let ji = ledger
        .save_officer(&Officer {
            name: "𠮷春花".into(),
            station: "金岭回族镇综合执法队".into(),
            active: true,
            ..Default::default()
        })
        .unwrap();
    let ma = ledger
        .save_officer(&Officer { name: "马䶮".into(), active: false, ..Default::default() })
        .unwrap();
    assert_eq!((wang.id, ji.id, ma.id), (1, 2, 3));

    let safety = ledger
        .save_item(&CatalogueItem {
            name: "安全生产隐患提示".into(),
            domain: "安全生产".into(),
            method: Method::Reminder,
            basis: "《中华人民共和国安全生产法》第四条".into(),
            applicable_to: "辖区生产经营单位".into(),
            implementer: "金岭回族镇人民政府".into(),
            phone: "0951-5012345".into(),
            ..Default::default()
        })
        .unwrap();
    let food = ledger
        .save_item(&CatalogueItem {
            name: "食品经营许可政策辅导".into(),
            domain: "市场监管".into(),
            method: Method::Policy,
            basis: "《中华人民共和国食品安全法》第三十五条".into(),
            involves_enterprise: false,
            status: ItemStatus::Deactivated,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((safety.id, food.id), (1, 2));
}

/// Writes the schema-1 fixture. Run only to remake it (see `tests/fixtures/README.md`):
/// `cargo test --test schema -- --ignored make_fixture_v1`
#[test]
#[ignore = "writes tests/fixtures/schema-v1.redb; run by hand to remake the fixture"]
fn make_fixture_v1() {
    assert_eq!(SCHEMA_VERSION, 1, "this generator writes schema 1 only; keep it as it is");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FIXTURE_V1);
    let ledger = Ledger::open(&path).unwrap();
    let typed = at(2026, 6, 15, 10, 0);
    fixture_staff(&ledger);

    let g = |time, officers: &[u64], item, subject, content: &str| {
        ledger
            .create_guidance(&fixture_guidance(time, officers, item, subject, content), typed)
            .unwrap()
    };
    g(at(2025, 11, 3, 9, 0), &[1], 1, person("张三"), "提醒液化气罐不得存放在地下室。");
    g(at(2025, 12, 20, 14, 30), &[1, 2], 2, person("李四"), "讲解食品经营许可办理流程。");
    let mut shop = person("𠮷祥便利店");
    shop.kind = SubjectKind::IndividualBusiness;
    shop.contact = "马䶮".into();
    shop.phone = "13995012345".into();
    shop.address = "金岭回族镇东街8号".into();
    let mut first = fixture_guidance(
        at(2026, 1, 8, 10, 15),
        &[2],
        1,
        shop,
        "店内电动车充电线私拉乱接，提示整改。\n第二行：䶮、𠮷。",
    );
    first.method = Method::Warning;
    first.effect = "当场整改".into();
    first.initiative = Initiative::OnApplication;
    first.form = WrittenForm::Oral;
    let first = ledger.create_guidance(&first, typed).unwrap();
    let refused = ledger
        .create_guidance(
            &GuidanceDraft {
                acceptance: Acceptance::Refused,
                ..fixture_guidance(at(2026, 2, 1, 9, 0), &[1], 1, person("王五"), "提醒清理堆物。")
            },
            typed,
        )
        .unwrap();
    let voided = g(at(2026, 3, 5, 16, 0), &[3], 1, person("赵六"), "录入重复的一条。");
    ledger.void_guidance(voided.id, "录入重复", at(2026, 6, 16, 8, 0)).unwrap();
    assert_eq!(refused.number.to_string(), "金岭指导书〔2026〕2号");

    // The first letter shares the guidance sequence (the default) …
    let mut letter = OpinionLetterDraft::new(day(2026, 1, 9), "金岭回族镇司法所", "");
    letter.addressee = "𠮷祥便利店".into();
    letter.problems = "电动车充电线私拉乱接。".into();
    letter.opinion = "建议三日内规范充电线路。".into();
    letter.guidance = Some(first.id);
    letter.delivery =
        Delivery {
            method: "直接送达".into(), date: Some(day(2026, 1, 10)), signer: "马䶮".into()
        };
    letter.feedback = "已整改".into();
    ledger.create_letter(&letter, typed).unwrap();
    // … then the office numbers letters on their own.
    ledger.save_settings(&fixture_settings()).unwrap();
    let mut second = OpinionLetterDraft::new(day(2026, 4, 2), "金岭回族镇司法所 马䶮", "");
    second.addressee = "某某食品店".into();
    second.problems = "进货台账不全。".into();
    second.opinion = "建议七日内补齐进货台账。".into();
    ledger.create_letter(&second, typed).unwrap();
    ledger.set_preference("last_export_dir", "/home/clerk/文档/台账导出").unwrap();
    drop(ledger);

    let mut db = Database::create(&path).unwrap();
    while db.compact(CompactionMode::default()).unwrap() {}
    drop(db);
    std::fs::create_dir_all(fixtures()).unwrap();
    std::fs::copy(&path, fixtures().join(FIXTURE_V1)).unwrap();
}

/// A copy of a committed fixture in a temp folder that lives as long as the guard.
fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixtures().join(name), &path)
        .unwrap_or_else(|e| panic!("fixture {name} missing ({e}); see tests/fixtures/README.md"));
    (dir, path)
}

fn schema_version(path: &Path) -> Option<u64> {
    let db = Database::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    meta.get("schema_version").unwrap().map(|v| v.value())
}

fn numbers<'a>(docs: impl IntoIterator<Item = &'a DocNumber>) -> Vec<String> {
    docs.into_iter().map(ToString::to_string).collect()
}

#[test]
fn fixture_v1_opens_with_everything_in_it() {
    let original = std::fs::read(fixtures().join(FIXTURE_V1)).unwrap();
    assert!(original.len() < 1024 * 1024, "keep fixtures small: {} bytes", original.len());
    let (_dir, path) = copy_fixture(FIXTURE_V1);
    assert_eq!(schema_version(&path), Some(1));

    let ledger = Ledger::open(&path).unwrap();
    let s = ledger.snapshot().unwrap();
    assert_eq!(s.settings, fixture_settings());
    assert_eq!(
        ledger.preference("last_export_dir").unwrap().as_deref(),
        Some("/home/clerk/文档/台账导出")
    );

    let officers: Vec<_> = s.officers.iter().map(|o| (o.id, o.name.as_str(), o.active)).collect();
    assert_eq!(officers, [(1, "王建国", true), (2, "𠮷春花", true), (3, "马䶮", false)]);
    assert_eq!(s.officers[0].badge, "64010012345");
    assert_eq!(s.officers[0].phone, "13895012345");
    assert_eq!(s.officers[1].station, "金岭回族镇综合执法队");

    let items: Vec<_> = s.catalogue.iter().map(|i| (i.id, i.name.as_str(), i.status)).collect();
    assert_eq!(
        items,
        [
            (1, "安全生产隐患提示", ItemStatus::InForce),
            (2, "食品经营许可政策辅导", ItemStatus::Deactivated)
        ]
    );
    assert_eq!(s.catalogue[1].method, Method::Policy);
    assert!(!s.catalogue[1].involves_enterprise);

    assert_eq!(
        numbers(s.guidance.iter().map(|g| &g.number)),
        [
            "金岭指导书〔2025〕1号",
            "金岭指导书〔2025〕2号",
            "金岭指导书〔2026〕1号",
            "金岭指导书〔2026〕2号",
            "金岭指导书〔2026〕3号",
        ]
    );
    let names: Vec<_> = s.guidance.iter().map(|g| g.details.subject.name.as_str()).collect();
    assert_eq!(names, ["张三", "李四", "𠮷祥便利店", "王五", "赵六"]);
    let rare = &s.guidance[2];
    assert_eq!(rare.details.content, "店内电动车充电线私拉乱接，提示整改。\n第二行：䶮、𠮷。");
    assert_eq!(rare.details.subject.kind, SubjectKind::IndividualBusiness);
    assert_eq!(rare.details.subject.contact, "马䶮");
    assert_eq!(rare.details.officers, [2]);
    assert_eq!(
        (rare.details.method, rare.details.initiative, rare.details.form),
        (Method::Warning, Initiative::OnApplication, WrittenForm::Oral)
    );
    assert_eq!(rare.result_text(), "当场整改");
    assert_eq!(s.guidance[1].details.officers, [1, 2]);
    assert_eq!(s.guidance[3].details.acceptance, Acceptance::Refused);
    let voided = s.guidance[4].voided.as_ref().expect("the fifth record is voided");
    assert_eq!(voided.reason, "录入重复");
    assert_eq!(voided.at, at(2026, 6, 16, 8, 0));
    assert_eq!(s.guidance[4].updated_at, at(2026, 6, 16, 8, 0));
    assert!(s.guidance.iter().all(|g| g.created_at == at(2026, 6, 15, 10, 0)));
    assert_eq!(s.guidance.iter().filter(|g| g.voided.is_some()).count(), 1);

    assert_eq!(
        numbers(s.letters.iter().map(|l| &l.number)),
        ["金岭指导书〔2026〕4号", "金岭指导意见书〔2026〕1号"]
    );
    let delivered = &s.letters[0];
    assert_eq!(delivered.details.addressee, "𠮷祥便利店");
    assert_eq!(delivered.details.guidance, Some(3));
    assert_eq!(
        delivered.details.delivery,
        Delivery {
            method: "直接送达".into(), date: Some(day(2026, 1, 10)), signer: "马䶮".into()
        }
    );
    assert_eq!(delivered.details.feedback, "已整改");
    assert_eq!(s.letters[1].delivery_text(), "未送达");
    assert_eq!(s.letters[1].details.contact, "金岭回族镇司法所 马䶮");

    for g in &s.guidance {
        assert_eq!(ledger.find_number(&g.number).unwrap(), Some((DocKind::Guidance, g.id)));
    }
    for l in &s.letters {
        assert_eq!(ledger.find_number(&l.number).unwrap(), Some((DocKind::Letter, l.id)));
    }
    drop(ledger);
    assert_eq!(schema_version(&path), Some(u64::from(SCHEMA_VERSION)));
    // The committed file itself was only read.
    assert_eq!(std::fs::read(fixtures().join(FIXTURE_V1)).unwrap(), original);
}

#[test]
fn numbers_continue_after_the_fixture() {
    let (_dir, path) = copy_fixture(FIXTURE_V1);
    let ledger = Ledger::open(&path).unwrap();
    let now = at(2026, 7, 1, 9, 0);
    let draft = |time| fixture_guidance(time, &[1], 1, person("孙七"), "提醒。");
    let g = ledger.create_guidance(&draft(at(2026, 6, 30, 9, 0)), now).unwrap();
    assert_eq!((g.id, g.number.to_string().as_str()), (6, "金岭指导书〔2026〕5号"));
    let g = ledger.create_guidance(&draft(at(2025, 12, 31, 9, 0)), now).unwrap();
    assert_eq!(g.number.to_string(), "金岭指导书〔2025〕3号");
    let g = ledger.create_guidance(&draft(at(2027, 1, 2, 9, 0)), now).unwrap();
    assert_eq!(g.number.to_string(), "金岭指导书〔2027〕1号");

    let mut letter = OpinionLetterDraft::new(day(2026, 7, 1), "金岭回族镇司法所", "");
    letter.addressee = "某某商店".into();
    letter.problems = "问题。".into();
    letter.opinion = "意见。".into();
    let l = ledger.create_letter(&letter, now).unwrap();
    assert_eq!((l.id, l.number.to_string().as_str()), (3, "金岭指导意见书〔2026〕2号"));

    // A voided record's number is never given again, nor an old one claimed twice.
    let s = ledger.snapshot().unwrap();
    let mut all = numbers(s.guidance.iter().map(|g| &g.number));
    all.extend(numbers(s.letters.iter().map(|l| &l.number)));
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count);
    assert_eq!(count, 8 + 3);
}

/// Sets the file's schema version as a newer program would have written it.
fn set_schema_version(path: &Path, version: u64) {
    let db = Database::open(path).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(META).unwrap().insert("schema_version", version).unwrap();
    txn.commit().unwrap();
}

#[test]
fn a_newer_schema_is_refused_and_the_file_left_untouched() {
    let (_dir, path) = copy_fixture(FIXTURE_V1);
    let newer = u64::from(SCHEMA_VERSION) + 1;
    set_schema_version(&path, newer);
    let before = std::fs::read(&path).unwrap();
    for _ in 0..2 {
        match Ledger::open(&path) {
            Err(StoreError::TooNew { found, .. }) => assert_eq!(found, newer),
            Err(e) => panic!("expected TooNew, got {e}"),
            Ok(_) => panic!("a schema-{newer} file must not open"),
        }
        assert!(std::fs::read(&path).unwrap() == before, "a refused open changed the file");
    }
    let message = Ledger::open(&path).err().unwrap().to_string();
    assert!(message.contains("新版程序"), "{message}");
}

// ---- hostile bytes -------------------------------------------------------------------------

/// Real records of every kind, as the store writes them.
fn real_records() -> Vec<(&'static str, Vec<u8>)> {
    let time = at(2026, 1, 8, 10, 15);
    let details = GuidanceDraft {
        effect: "当场整改".into(),
        ..fixture_guidance(time, &[1, 2, 3], 4, person("𠮷祥便利店 䶮"), "内容\n第二行")
    };
    let number = DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 12 };
    let guidance = Guidance {
        id: 9,
        number: number.clone(),
        details,
        voided: Some(guidance_ledger::domain::Voided { reason: "重复".into(), at: time }),
        created_at: time,
        updated_at: time,
    };
    let mut letter = OpinionLetterDraft::new(day(2026, 1, 9), "司法所", "0951-5012345");
    letter.addressee = "某某".into();
    letter.delivery =
        Delivery {
            method: "直接送达".into(), date: Some(day(2026, 1, 10)), signer: "马".into()
        };
    let letter = OpinionLetter {
        id: 2,
        number,
        details: letter,
        voided: None,
        created_at: time,
        updated_at: time,
    };
    let officer = Officer { id: 1, name: "王建国".into(), active: true, ..Default::default() };
    let item =
        CatalogueItem {
            id: 1, name: "事项".into(), basis: "依据".into(), ..Default::default()
        };
    vec![
        ("guidance", encode(&guidance).unwrap()),
        ("letter", encode(&letter).unwrap()),
        ("officer", encode(&officer).unwrap()),
        ("item", encode(&item).unwrap()),
        ("settings", encode(&fixture_settings()).unwrap()),
    ]
}

/// Decodes `bytes` as every stored type; returns how many decoded.
fn decode_all(bytes: &[u8]) -> usize {
    let results = [
        decode::<Guidance>(bytes).is_ok(),
        decode::<OpinionLetter>(bytes).is_ok(),
        decode::<Officer>(bytes).is_ok(),
        decode::<CatalogueItem>(bytes).is_ok(),
        decode::<Settings>(bytes).is_ok(),
    ];
    results.iter().filter(|ok| **ok).count()
}

fn versioned(body: &[u8]) -> Vec<u8> {
    let mut bytes = SCHEMA_VERSION.to_le_bytes().to_vec();
    bytes.extend_from_slice(body);
    bytes
}

#[test]
fn real_records_round_trip_and_every_cut_is_an_error() {
    let records = real_records();
    for (what, bytes) in &records {
        assert!(decode_all(bytes) >= 1, "{what} does not decode");
        for cut in 0..bytes.len() {
            let short = &bytes[..cut];
            let result = match *what {
                "guidance" => decode::<Guidance>(short).err(),
                "letter" => decode::<OpinionLetter>(short).err(),
                "officer" => decode::<Officer>(short).err(),
                "item" => decode::<CatalogueItem>(short).err(),
                _ => decode::<Settings>(short).err(),
            };
            let error = result.unwrap_or_else(|| panic!("{what} cut at {cut} decoded"));
            if cut < 2 {
                assert!(matches!(error, CodecError::Truncated(n) if n == cut));
            } else {
                assert!(matches!(error, CodecError::Damaged(_)), "{what} at {cut}: {error}");
            }
            assert!(!error.to_string().is_empty());
        }
    }
}

#[test]
fn junk_and_mutated_records_never_panic() {
    watch();
    let records = real_records();
    let mut rng = fastrand::Rng::with_seed(0x6c65_6467_6572);
    let mut decoded = 0;
    let mut tried = 0;
    for round in 0..6_000 {
        let mut bytes: Vec<u8> = match round % 4 {
            // Pure junk, of any length up to 2000 bytes.
            0 => {
                let mut junk = vec![0; rng.usize(0..2000)];
                rng.fill(&mut junk);
                junk
            }
            // Junk behind a valid version, so the decoder gets past the first check.
            1 => {
                let mut junk = vec![0; rng.usize(0..2000)];
                rng.fill(&mut junk);
                versioned(&junk)
            }
            // A valid prefix of a real record, then junk.
            2 => {
                let (_, real) = &records[rng.usize(..records.len())];
                let mut bytes = real[..rng.usize(0..=real.len())].to_vec();
                let mut junk = vec![0; rng.usize(0..2000 - bytes.len())];
                rng.fill(&mut junk);
                bytes.extend(junk);
                bytes
            }
            // A real record with a few bytes changed.
            _ => {
                let (_, real) = &records[rng.usize(..records.len())];
                let mut bytes = real.clone();
                for _ in 0..rng.usize(1..=4) {
                    let i = rng.usize(2..bytes.len());
                    bytes[i] = rng.u8(..);
                }
                bytes
            }
        };
        if round % 7 == 0 && bytes.len() > 4 {
            // Lengths at their most alarming: 0xFF bytes here and there.
            let i = rng.usize(2..bytes.len());
            let end = (i + rng.usize(1..10)).min(bytes.len());
            bytes[i..end].fill(0xFF);
        }
        decoded += decode_all(&bytes);
        tried += 5;
    }
    // Almost all of it is rejected; a few flipped flags or letters still decode, rightly.
    assert!(decoded < tried / 4, "{decoded} of {tried} decoded");
    assert!(LARGEST.load(Ordering::Relaxed) < 2 * LIMIT);
}

/// bincode's varint for `n` as a length prefix: 0xFD then eight little-endian bytes.
fn varint_u64(n: u64) -> Vec<u8> {
    let mut bytes = vec![0xFD];
    bytes.extend_from_slice(&n.to_le_bytes());
    bytes
}

#[test]
fn over_long_length_prefixes_allocate_nothing_big() {
    watch();
    // The watcher sees this thread's allocations.
    drop(std::hint::black_box(vec![0_u8; 1 << 20]));
    assert!(LARGEST.load(Ordering::Relaxed) >= 1 << 20);
    // A length just under the limit, one over it, and absurd ones, put in place of every
    // byte of every real record: whichever field it lands on, the decoder must not believe it.
    let lengths = [LIMIT as u64 - 16, LIMIT as u64 + 1, 1 << 32, 1 << 40, u64::MAX];
    let records = real_records();
    for (what, real) in &records {
        for length in lengths {
            for i in 2..real.len() {
                let mut bytes = real[..i].to_vec();
                bytes.extend(varint_u64(length));
                bytes.extend_from_slice(&real[i + 1..]);
                // Most land on a field that is no length at all and give a plain error;
                // those that land on a length must fail without taking the memory.
                let _ = decode_all(&bytes);
                let largest = LARGEST.load(Ordering::Relaxed);
                assert!(largest < 2 * LIMIT, "{what}, length {length} at {i}: {largest} bytes");
            }
        }
    }
    // Straight at a string and a list, with nothing behind the length.
    for length in lengths {
        let bytes = versioned(&varint_u64(length));
        assert!(matches!(decode::<String>(&bytes), Err(CodecError::Damaged(_))));
        assert!(matches!(decode::<Vec<u64>>(&bytes), Err(CodecError::Damaged(_))));
        assert!(matches!(decode::<Vec<String>>(&bytes), Err(CodecError::Damaged(_))));
    }
    let largest = LARGEST.load(Ordering::Relaxed);
    assert!(largest < 2 * LIMIT, "largest allocation {largest} bytes");

    // Writing a value beyond the limit is refused too, rather than stored unreadable.
    let big = "字".repeat(LIMIT / 3 + 1);
    assert!(encode(&big).is_err());
}
