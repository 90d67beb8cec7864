use chrono::NaiveDate;

use super::*;
use crate::domain::{DocNumber, GuidanceDraft, Subject, SubjectKind};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn record(id: u64, date: NaiveDate, name: &str, code: &str, method: Method) -> Guidance {
    let time = date.and_hms_opt(10, 0, 0).unwrap();
    let mut details = GuidanceDraft::new(time);
    details.method = method;
    details.subject = Subject {
        kind: SubjectKind::IndividualBusiness,
        name: name.into(),
        credit_code: code.into(),
        ..Subject::default()
    };
    Guidance {
        id,
        number: DocNumber {
            prefix: "金岭指导书".into(),
            year: date.year(),
            seq: u32::try_from(id).unwrap(),
        },
        details,
        voided: None,
        created_at: time,
        updated_at: time,
    }
}

fn earlier_ids(now: &Guidance, all: &[Guidance], window: ViolationWindow) -> Vec<u64> {
    earlier_violations(now, all, window).iter().map(|g| g.id).collect()
}

#[test]
fn twelve_months_counts_back_to_the_same_day_a_year_before() {
    let now = record(9, day(2026, 6, 15), "好运来超市", "", Method::Warning);
    let all = vec![
        record(1, day(2025, 6, 14), "好运来超市", "", Method::Warning),
        record(2, day(2025, 6, 15), "好运来超市", "", Method::Warning),
        record(3, day(2026, 6, 15), "好运来 超市", "", Method::Warning),
        record(4, day(2026, 3, 1), "好运来超市", "", Method::Reminder),
        record(5, day(2026, 3, 1), "别的店", "", Method::Warning),
        now.clone(),
    ];
    assert_eq!(earlier_ids(&now, &all, ViolationWindow::TwelveMonths), [3, 2]);
    let first = record(10, day(2026, 6, 16), "新开的店", "", Method::Warning);
    assert!(earlier_violations(&first, &all, ViolationWindow::TwelveMonths).is_empty());
}

#[test]
fn the_calendar_year_starts_on_the_first_of_january() {
    let all = vec![
        record(1, day(2025, 12, 31), "好运来超市", "", Method::Warning),
        record(2, day(2026, 1, 1), "好运来超市", "", Method::Warning),
    ];
    let now = record(9, day(2026, 1, 20), "好运来超市", "", Method::Warning);
    assert_eq!(earlier_ids(&now, &all, ViolationWindow::CalendarYear), [2]);
    assert_eq!(earlier_ids(&now, &all, ViolationWindow::TwelveMonths), [2, 1]);
    let new_year = record(9, day(2026, 1, 1), "好运来超市", "", Method::Warning);
    assert_eq!(earlier_ids(&new_year, &all, ViolationWindow::CalendarYear), [2]);
    let all = vec![record(1, day(2025, 12, 31), "好运来超市", "", Method::Warning)];
    assert!(earlier_violations(&new_year, &all, ViolationWindow::CalendarYear).is_empty());
}

#[test]
fn a_credit_code_decides_when_both_have_one_and_voided_records_do_not_count() {
    let code = "92370303MA3C4XKE8B";
    let now = record(9, day(2026, 6, 15), "好运来超市（新址）", code, Method::Warning);
    let mut voided = record(2, day(2026, 5, 1), "好运来超市", code, Method::Warning);
    voided.voided = Some(crate::domain::Voided { reason: "录错".into(), at: voided.created_at });
    let all = vec![
        record(1, day(2026, 5, 1), "好运来超市", code, Method::Warning),
        voided,
        record(3, day(2026, 5, 2), "好运来超市（新址）", "92370303MA3C4XKE9X", Method::Warning),
    ];
    assert_eq!(earlier_ids(&now, &all, ViolationWindow::TwelveMonths), [1]);
}

#[test]
fn commitments_and_rechecks_are_checked_in_order() {
    let g = record(1, day(2026, 6, 15), "好运来超市", "", Method::Warning);
    let mut case = WarningCase {
        guidance: 1,
        entry: Some(3),
        first_violation: true,
        earlier: Vec::new(),
        commitment: None,
        recheck: Some(Recheck {
            date: day(2026, 6, 20),
            result: RecheckResult::Corrected,
            note: String::new(),
        }),
        updated_at: g.created_at,
    };
    assert_eq!(case.validate(&g)[0].message, "请先登记承诺书，再登记复查");
    case.commitment = Some(Commitment {
        content: "三日内清理占道物品".into(),
        signed: day(2026, 6, 15),
        deadline: day(2026, 6, 14),
    });
    assert_eq!(case.validate(&g)[0].message, "整改期限不能早于签署日期");
    case.commitment.as_mut().unwrap().deadline = day(2026, 6, 18);
    assert!(case.validate(&g).is_empty());
    assert_eq!(case.open_deadline(), None, "re-checked: nothing open");
    case.recheck = None;
    assert_eq!(case.open_deadline(), Some(day(2026, 6, 18)));
    let reminder = record(2, day(2026, 6, 15), "好运来超市", "", Method::Reminder);
    assert_eq!(case.validate(&reminder)[0].message, "只有“劝导警示”的记录才能登记不罚清单事项");
}
