//! Crash safety: a child process saves documents in a loop and is killed (SIGKILL on Unix)
//! at varied moments, many times. After every kill the ledger opens, every save the child
//! reported is there with its number, and each year's numbers run 1, 2, 3 … with no gap
//! and no repeat.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use guidance_ledger::domain::{DocKind, DocNumber};
use guidance_ledger::store::Ledger;
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};

const ROUNDS: usize = 25;
const SEQUENCES: TableDefinition<&str, u32> = TableDefinition::new("sequences");
const NUMBERS: TableDefinition<&str, (u8, u64)> = TableDefinition::new("numbers");

/// One document the child said it had saved.
#[derive(Debug)]
struct Reported {
    kind: DocKind,
    id: u64,
    number: DocNumber,
}

fn parse_line(line: &str) -> Reported {
    let mut parts = line.split('\t');
    let kind = match parts.next() {
        Some("G") => DocKind::Guidance,
        Some("L") => DocKind::Letter,
        _ => panic!("unexpected line from the child: {line:?}"),
    };
    let id = parts.next().and_then(|s| s.parse().ok()).expect(line);
    let number = parts.next().and_then(DocNumber::parse).expect(line);
    Reported { kind, id, number }
}

/// Runs the child until `delay` has passed, kills it, and returns the complete lines it
/// printed and whether it was still running when killed.
fn run_child(db: &Path, delay: Duration) -> (Vec<Reported>, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guidance-ledger"))
        .args(["soak", "--db"])
        .arg(db)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the child");
    let started = Instant::now();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut lines = Vec::new();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                // A line cut short by the kill was never reported as done.
                Ok(_) if buf.last() == Some(&b'\n') => {
                    lines.push(String::from_utf8(buf[..buf.len() - 1].to_vec()).unwrap());
                }
                Ok(_) => break,
            }
        }
        lines
    });
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    std::thread::sleep(delay.saturating_sub(started.elapsed()));
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().expect("kill the child");
    let status = child.wait().unwrap();
    let lines = reader.join().unwrap();
    let errors = errors.join().unwrap();
    assert!(still_running || status.success(), "the child failed on its own ({status}): {errors}");
    (lines.iter().map(|l| parse_line(l)).collect(), still_running)
}

/// Checks the ledger after a kill; returns how many documents it holds.
fn check(db: &Path, reported: &[Reported], round: usize) -> usize {
    let ledger = Ledger::open(db).unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
    let snapshot = ledger.snapshot().unwrap();

    // Every number is unique across both kinds.
    let mut by_number: BTreeMap<String, (DocKind, u64)> = BTreeMap::new();
    let documents = snapshot
        .guidance
        .iter()
        .map(|g| (DocKind::Guidance, g.id, &g.number, g.voided.is_some()))
        .chain(
            snapshot.letters.iter().map(|l| (DocKind::Letter, l.id, &l.number, l.voided.is_some())),
        );
    let mut per_series: BTreeMap<(String, i32), BTreeSet<u32>> = BTreeMap::new();
    for (kind, id, number, voided) in documents {
        assert!(!voided, "round {round}: nothing was voided, yet {number} is");
        let previous = by_number.insert(number.to_string(), (kind, id));
        assert!(previous.is_none(), "round {round}: {number} given twice: {previous:?}, {id}");
        assert!(
            per_series.entry((number.prefix.clone(), number.year)).or_default().insert(number.seq)
        );
        assert_eq!(ledger.find_number(number).unwrap(), Some((kind, id)), "round {round}");
    }

    // Every save the child reported is there, with the number it printed.
    for r in reported {
        let found = by_number.get(&r.number.to_string());
        assert_eq!(found, Some(&(r.kind, r.id)), "round {round}: reported {r:?} is missing");
    }

    // Each year's sequence is exactly 1..=max.
    for ((prefix, year), seqs) in &per_series {
        let max = *seqs.last().unwrap();
        assert_eq!(
            seqs.len(),
            max as usize,
            "round {round}: {prefix}〔{year}〕 has gaps: {seqs:?}"
        );
    }
    let total = by_number.len();
    drop(ledger);

    // The counters agree: each sequence's last number is the highest given, and the
    // numbers table holds exactly the documents' numbers.
    let db = Database::open(db).unwrap();
    let txn = db.begin_read().unwrap();
    let sequences = txn.open_table(SEQUENCES).unwrap();
    let counters: BTreeMap<(String, i32), u32> = sequences
        .iter()
        .unwrap()
        .map(|entry| {
            let (key, value) = entry.unwrap();
            let (series, year) = key.value().split_once('/').unwrap();
            let year = year.parse().unwrap();
            // Letters share the guidance sequence by default: one series, one prefix.
            assert_eq!(series, "guidance", "round {round}");
            ((snapshot.settings.guidance_prefix.clone(), year), value.value())
        })
        .collect();
    let highest: BTreeMap<(String, i32), u32> =
        per_series.iter().map(|(key, seqs)| (key.clone(), *seqs.last().unwrap())).collect();
    assert_eq!(counters, highest, "round {round}: sequence counters differ from the documents");
    let numbers = txn.open_table(NUMBERS).unwrap();
    assert_eq!(numbers.len().unwrap(), total as u64, "round {round}: numbers table");
    for entry in numbers.iter().unwrap() {
        let (key, value) = entry.unwrap();
        let (code, id) = value.value();
        let kind = if code == 0 { DocKind::Guidance } else { DocKind::Letter };
        assert_eq!(by_number.get(key.value()), Some(&(kind, id)), "round {round}");
    }
    total
}

#[test]
fn killed_saves_lose_nothing_reported_and_leave_no_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.redb");
    let mut rng = fastrand::Rng::with_seed(20_261_203);
    let started = Instant::now();
    let mut reported_total = 0;
    let mut killed_running = 0;
    let mut last_total = 0;
    for round in 0..ROUNDS {
        let delay = Duration::from_millis(rng.u64(20..=400));
        let (reported, killed) = run_child(&db, delay);
        reported_total += reported.len();
        killed_running += usize::from(killed);
        if !db.exists() {
            assert!(reported.is_empty());
            continue;
        }
        let total = check(&db, &reported, round);
        assert!(total >= last_total + reported.len(), "round {round}: documents were lost");
        last_total = total;
    }
    // The test means something only if the child was killed mid-work and saved things.
    assert!(killed_running > ROUNDS / 2, "only {killed_running} kills hit a running child");
    assert!(reported_total > ROUNDS, "the child reported only {reported_total} saves");
    eprintln!(
        "{ROUNDS} kills, {reported_total} reported saves, {last_total} documents, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
