//! What the clerk waits for, on a 100,000-record ledger: the work before the window's first
//! frame, a search as she types, and saving one record to disk.
//!
//! The ledger is generated once by `demo::fill` and kept at `target/bench-ledger-100k.redb`
//! (the name carries the record count), so later runs start at once.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use guidance_ledger::demo;
use guidance_ledger::domain::{RegisterFilter, RegisterSort};
use guidance_ledger::search::SearchIndex;
use guidance_ledger::search::data::LedgerData;
use guidance_ledger::search::register::{build_rows, view};
use guidance_ledger::store::Ledger;
use guidance_ledger::ui::{LedgerApp, Picker, Tab, setup_context};

const RECORDS: usize = 100_000;
const SEED: u64 = 2026;

/// The cached demo ledger, generated first if missing or incomplete.
fn bench_ledger() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"), PathBuf::from);
    let path = target.join(format!("bench-ledger-{}k.redb", RECORDS / 1000));
    if path.exists() {
        let complete = Ledger::open(&path)
            .and_then(|ledger| ledger.snapshot())
            .is_ok_and(|s| s.guidance.len() == RECORDS);
        if complete {
            return path;
        }
    }

    let partial = path.with_extension("redb.partial");
    let _ = std::fs::remove_file(&partial);
    let started = Instant::now();
    {
        let ledger = Ledger::open(&partial).expect("create the bench ledger");
        let summary = demo::fill(&ledger, RECORDS, SEED, &mut |done, total| {
            eprintln!("generating the bench ledger: {done}/{total}");
        })
        .expect("fill the bench ledger");
        eprintln!(
            "generated {} guidance records and {} letters in {:.1?}",
            summary.guidance,
            summary.letters,
            started.elapsed()
        );
    }
    std::fs::rename(&partial, &path).expect("keep the bench ledger");
    path
}

/// Open, read everything, index it and lay out the register: all before the first frame.
fn start_up(c: &mut Criterion, db: &Path) {
    let mut group = c.benchmark_group("start-up");
    group.sample_size(10);
    group.bench_function("open+snapshot+index+rows+view (100k)", |b| {
        // Exactly what the window does before its first frame; closing the ledger and
        // freeing the records happen at exit, so they are left out of the time.
        b.iter_with_large_drop(|| {
            let ledger = Ledger::open(db).expect("open");
            let data = LedgerData::load(&ledger).expect("load");
            let filter = RegisterFilter::default();
            let shown = view(&data.rows, &filter, RegisterSort::default(), &data.index);
            (data, shown, ledger)
        });
    });

    // The same work step by step, to see where the time goes.
    group.bench_function("part: open", |b| {
        b.iter_with_large_drop(|| Ledger::open(db).expect("open"));
    });
    let ledger = Ledger::open(db).expect("open");
    group.bench_function("part: snapshot", |b| b.iter(|| black_box(ledger.snapshot())));
    let s = ledger.snapshot().expect("snapshot");
    drop(ledger);
    group.bench_function("part: index", |b| {
        b.iter(|| SearchIndex::build(&s.guidance, &s.letters, &s.officers, &s.catalogue).len());
    });
    group.bench_function("part: rows", |b| {
        b.iter(|| build_rows(&s.guidance, &s.catalogue, &s.officers).len());
    });
    let index = SearchIndex::default();
    let rows = build_rows(&s.guidance, &s.catalogue, &s.officers);
    group.bench_function("part: view", |b| {
        b.iter(|| view(&rows, &RegisterFilter::default(), RegisterSort::default(), &index).len());
    });
    group.finish();
}

/// Searches as the clerk types them, over every field of 100k records and their letters.
fn search(c: &mut Criterion, db: &Path) {
    let s = Ledger::open(db).and_then(|ledger| ledger.snapshot()).expect("snapshot");
    let index = SearchIndex::build(&s.guidance, &s.letters, &s.officers, &s.catalogue);
    let rows = build_rows(&s.guidance, &s.catalogue, &s.officers);
    let subject = &s.guidance[RECORDS / 2].details.subject.name;
    let fragment: String = subject.chars().skip(2).take(4).collect();

    let queries = [
        ("subject fragment", fragment.as_str()),
        ("document number", "〔2025〕123号"),
        ("pinyin initials", "jlz"),
        ("no match", "查无此字样"),
        ("two words", "清真 消防"),
    ];
    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    for (name, query) in queries {
        eprintln!("query {name} “{query}”: {} hits", index.search(query).len());
        group.bench_function(name, |b| b.iter(|| black_box(index.search(black_box(query)))));
    }
    let filter = RegisterFilter { text: fragment.clone(), ..Default::default() };
    group.bench_function("register view, subject fragment", |b| {
        b.iter(|| black_box(view(&rows, &filter, RegisterSort::default(), &index)));
    });
    group.finish();
}

/// Saving one new guidance record, committed and synced, into the 100k ledger (a copy).
fn save(c: &mut Criterion, db: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("ledger.redb");
    std::fs::copy(db, &copy).expect("copy the bench ledger");
    let ledger = Ledger::open(&copy).expect("open the copy");
    let s = ledger.snapshot().expect("snapshot");
    let mut draft = s.guidance.last().expect("records").details.clone();
    let now = chrono::Local::now().naive_local();
    draft.time = now;

    let mut group = c.benchmark_group("save");
    group.sample_size(20);
    group.bench_function("create_guidance, synced", |b| {
        b.iter(|| black_box(ledger.create_guidance(&draft, now).expect("save")));
    });
    group.finish();
}

/// One frame of the window on the register with 100k rows: egui's layout and tessellation
/// on the CPU, as kittest runs it without a GPU. The register is scrolled to its end.
fn register_frame(c: &mut Criterion, db: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("ledger.redb");
    std::fs::copy(db, &copy).expect("copy the bench ledger");
    let ledger = Ledger::open(&copy).expect("open the copy");
    let app = LedgerApp::new(ledger, Picker::Never).expect("load");
    let app = app.with_actor(guidance_ledger::domain::Actor::CommandLine);
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut LedgerApp| app.ui(ui), app);
    harness.run_steps(5);
    assert_eq!(harness.state().tab, Tab::Register);

    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    group.bench_function("register, 100k rows", |b| b.iter(|| harness.step()));
    group.finish();
}

fn benches(c: &mut Criterion) {
    let db = bench_ledger();
    start_up(c, &db);
    search(c, &db);
    save(c, &db);
    register_frame(c, &db);
}

criterion_group! {
    name = ledger;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = benches
}
criterion_main!(ledger);

/// The same allocator as the program, so the numbers are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
