use chrono::NaiveDate;

use super::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(10, 0, 0).unwrap()
}

fn delivery() -> Delivery {
    Delivery { method: "直接送达".into(), date: Some(day(3, 6)), signer: "张＊".into() }
}

/// The step that moves to `to`: delivery and evaluation carry their data.
fn step_to(to: Stage) -> Step {
    match to {
        Stage::Delivered => Step::Deliver(delivery()),
        Stage::Evaluated => Step::Evaluate("已整改，效果良好".into()),
        _ => Step::Advance { to, note: String::new() },
    }
}

/// The rule, written out: from each stage, where a written and an oral record may go.
fn allowed(from: Stage, form: WrittenForm) -> &'static [Stage] {
    use Stage::*;
    match (from, form) {
        (Registered, _) => &[Implemented],
        (Implemented, WrittenForm::Written) => &[Issued, Tracking, Concluded],
        (Implemented, WrittenForm::Oral) => &[Tracking, Concluded],
        (Issued, _) => &[Delivered],
        (Delivered, _) => &[Tracking, Evaluated, Concluded],
        (Tracking, _) => &[Evaluated, Concluded],
        (Evaluated, _) => &[Concluded],
        (Concluded, _) => &[Archived],
        (Archived, _) => &[],
    }
}

#[test]
fn every_move_is_allowed_or_refused_as_the_rule_says() {
    for form in [WrittenForm::Written, WrittenForm::Oral] {
        for from in Stage::ALL {
            for to in Stage::ALL {
                let mut course = Course { stage: from, ..Course::new(1) };
                let before = course.clone();
                let result = course.apply(step_to(to), form, at(3, 7), "马国强");
                if allowed(from, form).contains(&to) {
                    assert!(result.is_ok(), "{from:?} → {to:?} ({form:?}): {result:?}");
                    assert_eq!(course.stage, to);
                    let last = course.history.last().unwrap();
                    assert_eq!((last.stage, last.by.as_str()), (to, "马国强"));
                } else {
                    let message = result.expect_err(&format!("{from:?} → {to:?} ({form:?})"));
                    assert!(!message.is_empty());
                    assert_eq!(course, before, "a refused move changes nothing");
                }
            }
        }
    }
}

#[test]
fn a_whole_written_course_from_registration_to_archive() {
    let mut c = Course::new(1);
    let form = WrittenForm::Written;
    for to in [
        Stage::Implemented,
        Stage::Issued,
        Stage::Delivered,
        Stage::Tracking,
        Stage::Evaluated,
        Stage::Concluded,
        Stage::Archived,
    ] {
        c.apply(step_to(to), form, at(3, 7), "马国强").unwrap();
    }
    assert!(c.is_locked());
    assert_eq!(c.delivery, Some(delivery()));
    assert_eq!(c.evaluation, "已整改，效果良好");
    assert_eq!(c.history.len(), 7);
    let e = c.apply(
        Step::End { outcome: Outcome::Refused, date: day(3, 8), note: String::new() },
        form,
        at(3, 8),
        "马国强",
    );
    assert_eq!(e.unwrap_err(), "记录已归档，不能再变更办理过程");
}

#[test]
fn an_application_must_be_answered_before_guidance_starts() {
    let mut c = Course::new(1);
    let form = WrittenForm::Written;
    c.apply(Step::Applied(day(12, 3)), form, at(12, 3), "马国强").unwrap();
    // Thursday 3 December + 5 working days = Thursday 10 December.
    assert_eq!(c.reply_deadline(), Some(day(12, 10)));
    let e = c.apply(step_to(Stage::Implemented), form, at(12, 4), "马国强").unwrap_err();
    assert_eq!(e, "依申请的指导须先答复申请（受理或不予受理）");
    assert!(
        c.apply(Step::Decide { accept: true, date: day(12, 2) }, form, at(12, 4), "马国强")
            .is_err()
    );
    c.apply(Step::Decide { accept: true, date: day(12, 4) }, form, at(12, 4), "马国强").unwrap();
    assert_eq!(c.reply_deadline(), None);
    assert!(
        c.apply(Step::Decide { accept: false, date: day(12, 5) }, form, at(12, 5), "马国强")
            .is_err()
    );
    c.apply(step_to(Stage::Implemented), form, at(12, 5), "马国强").unwrap();

    let mut refused = Course::new(2);
    refused.apply(Step::Applied(day(12, 3)), form, at(12, 3), "马国强").unwrap();
    refused
        .apply(Step::Decide { accept: false, date: day(12, 7) }, form, at(12, 7), "马国强")
        .unwrap();
    assert!(refused.apply(step_to(Stage::Implemented), form, at(12, 7), "马国强").is_err());
    refused.apply(step_to(Stage::Concluded), form, at(12, 7), "马国强").unwrap();

    let mut proactive = Course::new(3);
    let e =
        proactive.apply(Step::Decide { accept: true, date: day(12, 3) }, form, at(12, 3), "马国强");
    assert_eq!(e.unwrap_err(), "此记录为主动指导，没有申请需要答复");
}

#[test]
fn refusal_and_hand_over_end_the_course() {
    for outcome in Outcome::ALL {
        let mut c = Course { stage: Stage::Delivered, ..Course::new(1) };
        let end = Step::End { outcome, date: day(3, 9), note: "当事人拒绝签收".into() };
        c.apply(end.clone(), WrittenForm::Written, at(3, 9), "丁秀兰").unwrap();
        assert_eq!(c.stage, Stage::Concluded);
        assert_eq!(c.outcome.as_ref().unwrap().outcome, outcome);
        assert!(c.history.last().unwrap().note.starts_with(outcome.label()));
        assert_eq!(c.next_stages(WrittenForm::Written), [Stage::Archived]);
        assert!(c.apply(end, WrittenForm::Written, at(3, 9), "丁秀兰").is_err());
    }
}

#[test]
fn working_days_skip_weekends() {
    // Friday 4 December 2026 + 1 working day = Monday 7 December.
    assert_eq!(add_working_days(day(12, 4), 1), day(12, 7));
    assert_eq!(add_working_days(day(12, 5), 5), day(12, 11), "from a Saturday");
    assert_eq!(add_working_days(day(12, 4), 0), day(12, 4));
}
