//! Follow-up visits through the store, and the to-do list they feed.

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::follow_up::{FollowUp, Satisfaction, Visit, VisitMethod};
use guidance_ledger::domain::{
    CatalogueItem, Guidance, GuidanceDraft, Officer, Subject, SubjectKind,
};
use guidance_ledger::search::data::LedgerData;
use guidance_ledger::search::todo::{Opens, TodoKind, todos};
use guidance_ledger::store::{Ledger, StoreError};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(9, 0, 0).unwrap()
}

struct Office {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    ledger: Ledger,
    handler: Officer,
    other: Officer,
}

fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.redb");
    let ledger = Ledger::open(&path).unwrap();
    let save = |name: &str| {
        ledger.save_officer(&Officer { name: name.into(), active: true, ..Default::default() })
    };
    let handler = save("马国强").unwrap();
    let other = save("丁秀兰").unwrap();
    Office { _dir: dir, path, ledger, handler, other }
}

fn guidance(office: &Office, name: &str, m: u32, d: u32) -> Guidance {
    let item = CatalogueItem {
        name: "安全生产提示".into(),
        domain: "安全生产".into(),
        basis: "《中华人民共和国安全生产法》第四条".into(),
        ..Default::default()
    };
    let item = office.ledger.save_item(&item).unwrap();
    let mut draft = GuidanceDraft::new(at(m, d));
    draft.place = "金岭一村".into();
    draft.officers = vec![office.handler.id];
    draft.subject =
        Subject { kind: SubjectKind::IndividualBusiness, name: name.into(), ..Default::default() };
    draft.item = Some(item.id);
    draft.content = "提醒消防通道保持畅通。".into();
    office.ledger.create_guidance(&draft, at(m, d)).unwrap()
}

fn visit(by: &Officer, m: u32, d: u32) -> Visit {
    Visit {
        date: day(m, d),
        method: VisitMethod::OnSite,
        visitors: vec![by.id],
        correction: "通道已清理".into(),
        satisfaction: Satisfaction::Satisfied,
        more_guidance: false,
        notes: String::new(),
    }
}

#[test]
fn a_visit_is_planned_made_and_kept_across_a_reopen() {
    let office = office();
    let g = guidance(&office, "金岭一村小卖部", 3, 5);
    let planned = office.ledger.save_follow_up(&FollowUp::plan(&g, at(3, 5))).unwrap();
    assert_eq!((planned.id, planned.planned), (1, day(4, 4)));

    let mut done = planned.clone();
    done.visit = Some(visit(&office.other, 4, 3));
    let done = office.ledger.save_follow_up(&done).unwrap();
    assert_eq!(done.id, 1, "the plan is filled in, not duplicated");

    let Office { ledger, path, .. } = office;
    drop(ledger);
    let follow_ups = Ledger::open(&path).unwrap().follow_ups().unwrap();
    assert_eq!(follow_ups, [done]);
}

#[test]
fn bad_and_orphaned_follow_ups_are_refused_with_nothing_written() {
    let office = office();
    let g = guidance(&office, "金岭一村小卖部", 3, 5);

    let mut early = FollowUp::plan(&g, at(3, 5));
    early.planned = day(3, 1);
    let e = office.ledger.save_follow_up(&early).unwrap_err();
    assert!(e.to_string().contains("计划回访日期不能早于指导日期"), "{e}");

    let mut orphan = FollowUp::plan(&g, at(3, 5));
    orphan.guidance = 99;
    assert!(matches!(
        office.ledger.save_follow_up(&orphan),
        Err(StoreError::NotFound { id: 99, .. })
    ));

    office.ledger.void_guidance(g.id, "录入重复", at(3, 6)).unwrap();
    let e = office.ledger.save_follow_up(&FollowUp::plan(&g, at(3, 6))).unwrap_err();
    assert!(matches!(e, StoreError::Voided(_)), "{e}");
    assert!(office.ledger.follow_ups().unwrap().is_empty());
}

#[test]
fn the_to_do_list_puts_overdue_visits_first_and_drops_done_and_voided_ones() {
    let office = office();
    let late = guidance(&office, "晚回访的店", 2, 1);
    let soon = guidance(&office, "快到期的店", 3, 1);
    let later = guidance(&office, "下个月的店", 4, 20);
    let done = guidance(&office, "已回访的店", 2, 1);
    let voided = guidance(&office, "作废的店", 2, 1);
    for g in [&late, &soon, &later, &done, &voided] {
        office.ledger.save_follow_up(&FollowUp::plan(g, at(3, 1))).unwrap();
    }
    let mut visited = office.ledger.follow_ups().unwrap()[3].clone();
    visited.visit = Some(visit(&office.other, 3, 2));
    office.ledger.save_follow_up(&visited).unwrap();
    office.ledger.void_guidance(voided.id, "重复登记", at(3, 2)).unwrap();

    let data = LedgerData::load(&office.ledger).unwrap();
    // 3月25日: late's visit (3月3日) is overdue, soon's (3月31日) is within a week.
    let list = todos(&data, day(3, 25));
    let summary: Vec<(TodoKind, NaiveDate, &str)> =
        list.iter().map(|t| (t.kind, t.due, t.what.rsplit(' ').next().unwrap())).collect();
    assert_eq!(
        summary,
        [
            (TodoKind::FollowUpOverdue, day(3, 3), "晚回访的店"),
            (TodoKind::FollowUpDue, day(3, 31), "快到期的店"),
        ]
    );
    assert_eq!(list[0].opens, Opens::FollowUp(late.id));
    assert!(todos(&data, day(1, 1)).is_empty(), "nothing is due before its week");
}

#[test]
fn an_unanswered_application_is_on_the_list_until_it_is_answered() {
    use guidance_ledger::domain::course::Step;
    let office = office();
    let g = guidance(&office, "申请指导的店", 12, 3);
    office.ledger.advance_course(g.id, Step::Applied(day(12, 3)), at(12, 3), "").unwrap();
    let data = LedgerData::load(&office.ledger).unwrap();
    let due = todos(&data, day(12, 4));
    assert_eq!((due[0].kind, due[0].due), (TodoKind::ReplyDue, day(12, 10)));
    assert_eq!(todos(&data, day(12, 11))[0].kind, TodoKind::ReplyOverdue);

    let answer = Step::Decide { accept: true, date: day(12, 4) };
    office.ledger.advance_course(g.id, answer, at(12, 4), "").unwrap();
    let data = LedgerData::load(&office.ledger).unwrap();
    assert!(todos(&data, day(12, 11)).is_empty());
}

#[test]
fn a_correction_deadline_without_a_recheck_is_on_the_list_and_the_window_is_kept() {
    use guidance_ledger::domain::Method;
    use guidance_ledger::domain::warning::{
        Commitment, Recheck, RecheckResult, ViolationWindow, WarningCase,
    };
    let office = office();
    let mut g = guidance(&office, "老王烧烤", 6, 1);
    g.details.method = Method::Warning;
    let g = office.ledger.update_guidance(g.id, &g.details, at(6, 1)).unwrap();
    let mut case = WarningCase {
        guidance: g.id,
        entry: None,
        first_violation: true,
        earlier: Vec::new(),
        commitment: Some(Commitment {
            content: "三日内清理占道物品".into(),
            signed: day(6, 1),
            deadline: day(6, 4),
        }),
        recheck: None,
        updated_at: at(6, 1),
    };
    office.ledger.save_warning_case(&case).unwrap();
    let data = LedgerData::load(&office.ledger).unwrap();
    assert_eq!(todos(&data, day(6, 2))[0].kind, TodoKind::CorrectionDue);
    assert_eq!(todos(&data, day(6, 5))[0].kind, TodoKind::CorrectionOverdue);
    assert!(todos(&data, day(5, 20)).is_empty(), "more than a week away");

    case.recheck =
        Some(Recheck { date: day(6, 4), result: RecheckResult::Corrected, note: String::new() });
    office.ledger.save_warning_case(&case).unwrap();
    let data = LedgerData::load(&office.ledger).unwrap();
    assert!(todos(&data, day(6, 5)).is_empty());

    let reminder = guidance(&office, "别的店", 6, 2);
    let e = office
        .ledger
        .save_warning_case(&WarningCase { guidance: reminder.id, ..case })
        .unwrap_err();
    assert!(e.to_string().contains("只有“劝导警示”的记录"), "{e}");

    assert_eq!(office.ledger.violation_window().unwrap(), ViolationWindow::TwelveMonths);
    office.ledger.set_violation_window(ViolationWindow::CalendarYear).unwrap();
    let Office { ledger, path, .. } = office;
    drop(ledger);
    let data = LedgerData::load(&Ledger::open(&path).unwrap()).unwrap();
    assert_eq!(data.violation_window, ViolationWindow::CalendarYear);
}
