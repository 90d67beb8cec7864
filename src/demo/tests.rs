//! The demo ledger: deterministic, valid, and numbered without gaps.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::credit_code;
use crate::domain::{Method, SubjectKind};
use crate::store::Snapshot;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()
}

/// The demo is made at the end of the office day.
fn now() -> NaiveDateTime {
    today().and_hms_opt(18, 0, 0).unwrap()
}

fn demo(records: usize, seed: u64) -> (tempfile::TempDir, DemoSummary, Snapshot) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("demo.redb")).unwrap();
    let mut reports = Vec::new();
    let summary =
        fill_until(&ledger, records, seed, now(), &mut |done, total| reports.push((done, total)))
            .unwrap();
    assert_eq!(reports.last(), Some(&(records, records)));
    let snapshot = ledger.snapshot().unwrap();
    (dir, summary, snapshot)
}

#[test]
fn the_same_seed_gives_the_same_ledger() {
    let (_a, summary_a, a) = demo(200, 7);
    let (_b, summary_b, b) = demo(200, 7);
    let (_c, _, c) = demo(200, 8);

    assert_eq!(summary_a, summary_b);
    assert_eq!(a.officers, b.officers);
    assert_eq!(a.catalogue, b.catalogue);
    assert_eq!(a.guidance[..20], b.guidance[..20]);
    assert_eq!(a.letters, b.letters);
    assert_ne!(a.guidance[..20], c.guidance[..20]);
}

#[test]
fn everything_generated_is_valid_and_plausible() {
    let (_dir, summary, s) = demo(2_000, 1);

    assert_eq!(summary.guidance, s.guidance.len());
    assert_eq!(summary.letters, s.letters.len());
    assert!((8..=12).contains(&s.officers.len()), "{} officers", s.officers.len());
    assert!((20..=34).contains(&s.catalogue.len()), "{} items", s.catalogue.len());
    let methods: HashSet<Method> = s.catalogue.iter().map(|i| i.method).collect();
    assert_eq!(methods.len(), 6, "every method has an item");
    assert!(s.officers.iter().all(|o| o.badge.starts_with("鲁淄3701") && o.badge.len() == 14));

    let mut kinds = HashSet::new();
    for g in &s.guidance {
        let subject = &g.details.subject;
        kinds.insert(subject.kind);
        if subject.kind == SubjectKind::NaturalPerson {
            assert!(subject.credit_code.is_empty());
        } else {
            assert_eq!(credit_code::validate(&subject.credit_code), Ok(()), "{}", subject.name);
            assert_eq!(&subject.credit_code[2..8], REGION_CODE);
        }
        assert!(g.details.validate().is_empty(), "{:?}", g.details.validate());
        assert!(g.details.time.date() <= today() && g.details.time.year() >= 2022);
        assert!(g.created_at >= g.details.time);
    }
    assert_eq!(kinds.len(), 3, "enterprises, shops and villagers");

    let share = |n: usize| n * 100 / s.guidance.len();
    assert!((3..=8).contains(&share(summary.refused)), "refused {}", summary.refused);
    assert!((1..=40).contains(&summary.voided), "voided {}", summary.voided);
    assert_eq!(s.guidance.iter().filter(|g| g.voided.is_some()).count(), summary.voided);
    assert!((18..=32).contains(&share(s.letters.len())), "{} letters", s.letters.len());
    let with_effect = s.guidance.iter().filter(|g| !g.details.effect.is_empty()).count();
    assert!(share(with_effect) > 75, "{with_effect} with effect");
    let delivered = s.letters.iter().filter(|l| l.details.delivery.date.is_some()).count();
    assert!(delivered * 100 / s.letters.len() > 80, "{delivered} delivered");
    for letter in &s.letters {
        assert!(letter.details.validate().is_empty());
        let id = letter.details.guidance.unwrap();
        let g = &s.guidance[usize::try_from(id).unwrap() - 1];
        assert_eq!(g.id, id);
        assert_eq!(letter.details.addressee, g.details.subject.name);
        assert!(letter.details.date >= g.details.time.date() && letter.details.date <= today());
    }
}

#[test]
fn numbers_run_from_one_without_gaps_and_follow_dates() {
    let (_dir, _, s) = demo(1_200, 3);

    // Letters share the guidance sequence by default: together they are 1..n each year.
    let mut by_year: BTreeMap<i32, Vec<(u32, NaiveDate)>> = BTreeMap::new();
    for g in &s.guidance {
        assert_eq!(g.number.year, g.details.time.year());
        by_year.entry(g.number.year).or_default().push((g.number.seq, g.details.time.date()));
    }
    for l in &s.letters {
        assert_eq!(l.number.year, l.details.date.year());
        by_year.entry(l.number.year).or_default().push((l.number.seq, l.details.date));
    }
    assert_eq!(by_year.keys().copied().collect::<Vec<_>>(), (2022..=2026).collect::<Vec<_>>());
    for (year, mut numbers) in by_year {
        numbers.sort_unstable();
        let seqs: Vec<u32> = numbers.iter().map(|(seq, _)| *seq).collect();
        let expected: Vec<u32> = (1..=u32::try_from(seqs.len()).unwrap()).collect();
        assert_eq!(seqs, expected, "numbers of {year}");
        assert!(numbers.windows(2).all(|w| w[0].1 <= w[1].1), "dates follow numbers in {year}");
    }
}

#[test]
fn the_latest_records_have_visits_and_warning_registrations_that_validate() {
    let (dir, summary, s) = demo(2_000, 5);
    let w = summary.workflow;
    assert_eq!((w.no_penalty, s.no_penalty.len()), (8, 8));
    assert_eq!(w.follow_ups, s.follow_ups.len());
    assert_eq!(w.warnings, s.warnings.len());
    assert!(w.follow_ups > 10 && w.visits > 0 && w.visits < w.follow_ups, "{w:?}");
    assert!(w.warnings > 0, "{w:?}");
    let record = |id: u64| s.guidance.iter().find(|g| g.id == id).unwrap();
    for f in &s.follow_ups {
        let g = record(f.guidance);
        assert!(f.validate(g).is_empty(), "{:?}", f.validate(g));
        if let Some(v) = &f.visit {
            assert!(v.date <= today());
            assert!(!v.visitors.iter().any(|id| g.details.officers.first() == Some(id)));
        }
    }
    for case in &s.warnings {
        let g = record(case.guidance);
        assert_eq!(g.details.method, Method::Warning);
        assert!(case.validate(g).is_empty(), "{:?}", case.validate(g));
        let entry = s.no_penalty.iter().find(|e| Some(e.id) == case.entry).unwrap();
        let item = s.catalogue.iter().find(|i| Some(i.id) == g.details.item).unwrap();
        assert_eq!(entry.domain, item.domain, "{} under {}", item.name, entry.violation);
        assert_eq!(case.first_violation, case.earlier.is_empty());
    }
    drop(s);
    let ledger = Ledger::open(&dir.path().join("demo.redb")).unwrap();
    let verification = ledger.verify().unwrap();
    assert!(verification.passed(), "{:?}", verification.reports);
}

#[test]
fn old_records_are_archived_and_the_latest_still_under_way() {
    use crate::domain::course::Stage;
    use crate::domain::review::ReviewState;
    use crate::domain::{Acceptance, Initiative};

    let (_dir, summary, s) = demo(2_000, 3);
    let stage = |id: u64| {
        s.courses.iter().find(|c| c.guidance == id).map_or(Stage::Registered, |c| c.stage)
    };
    let half_year_ago = today() - chrono::Days::new(183);
    let mut latest = HashSet::new();
    for g in s.guidance.iter().filter(|g| g.voided.is_none()) {
        let at = stage(g.id);
        if g.details.time.date() < half_year_ago {
            // Only a letter still waiting for delivery holds an old record back.
            assert!(matches!(at, Stage::Archived | Stage::Issued), "{} at {at:?}", g.number);
        } else if g.details.time.date() > today() - chrono::Days::new(30) {
            latest.insert(at);
        }
        let course = s.courses.iter().find(|c| c.guidance == g.id);
        if g.details.acceptance == Acceptance::Refused {
            assert!(course.is_some_and(|c| c.outcome.is_some()), "{} refused", g.number);
        }
        if g.details.initiative == Initiative::OnApplication {
            assert!(course.is_some_and(|c| c.application.is_some()), "{} applied", g.number);
        }
        if let Some(c) = course {
            let times: Vec<_> = c.history.iter().map(|e| e.at).collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "{} moves in order", g.number);
            assert!(times.iter().all(|t| *t <= now()), "{} no move in the future", g.number);
        }
    }
    assert!(latest.len() >= 4, "the latest records stand at several stages: {latest:?}");
    assert!(summary.moves > 5 * 2_000 / 2, "{} moves", summary.moves);

    let published = s.reviews.iter().filter(|r| r.state == ReviewState::Published).count();
    let in_force = s.catalogue.iter().filter(|i| i.in_force()).count();
    assert_eq!(published + 2, in_force, "every item in force but the two new drafts was reviewed");
    assert!(s.reviews.iter().any(|r| r.state == ReviewState::Submitted));
    assert!(s.reviews.iter().any(|r| r.state == ReviewState::Returned));
    assert!(
        s.reviews
            .iter()
            .filter_map(|r| r.filing.as_ref())
            .all(|f| f.number.starts_with("金司备〔"))
    );
}
