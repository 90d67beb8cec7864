//! The course of a record through the store: moves kept across a reopen, the lock on an
//! archived record, and amendments that keep the original.

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::course::{Stage, Step};
use guidance_ledger::domain::{
    Action, CatalogueItem, Delivery, Guidance, GuidanceDraft, Officer, RecordKind, Subject,
    SubjectKind,
};
use guidance_ledger::store::{Ledger, StoreError};

fn at(d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, Ledger, Guidance) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.redb");
    let ledger = Ledger::open(&path).unwrap();
    let officer = ledger
        .save_officer(&Officer { name: "马国强".into(), active: true, ..Default::default() })
        .unwrap();
    let item = ledger
        .save_item(&CatalogueItem {
            name: "燃气安全提示".into(),
            domain: "安全生产".into(),
            basis: "《城镇燃气管理条例》第二十八条".into(),
            ..Default::default()
        })
        .unwrap();
    let mut draft = GuidanceDraft::new(at(2));
    draft.place = "金岭二村".into();
    draft.officers = vec![officer.id];
    draft.subject =
        Subject { kind: SubjectKind::NaturalPerson, name: "王五".into(), ..Default::default() };
    draft.item = Some(item.id);
    draft.content = "提醒燃气软管老化须更换。".into();
    let g = ledger.create_guidance(&draft, at(2)).unwrap();
    (dir, path, ledger, g)
}

fn archive(ledger: &Ledger, id: u64) {
    for (d, step) in [
        (3, Step::Advance { to: Stage::Implemented, note: "上门讲解燃气安全".into() }),
        (4, Step::Advance { to: Stage::Issued, note: String::new() }),
        (
            5,
            Step::Deliver(Delivery {
                method: "直接送达".into(),
                date: NaiveDate::from_ymd_opt(2026, 3, 5),
                signer: "王五".into(),
            }),
        ),
        (9, Step::Evaluate("已更换软管".into())),
        (10, Step::Advance { to: Stage::Concluded, note: String::new() }),
        (11, Step::Advance { to: Stage::Archived, note: String::new() }),
    ] {
        ledger.advance_course(id, step, at(d), "马国强").unwrap();
    }
}

#[test]
fn a_course_is_kept_across_a_reopen() {
    let (_dir, path, ledger, g) = setup();
    assert_eq!(ledger.course(g.id).unwrap().stage, Stage::Registered);
    archive(&ledger, g.id);
    drop(ledger);
    let course = Ledger::open(&path).unwrap().course(g.id).unwrap();
    assert_eq!(course.stage, Stage::Archived);
    let stages: Vec<Stage> = course.history.iter().map(|e| e.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::Implemented,
            Stage::Issued,
            Stage::Delivered,
            Stage::Evaluated,
            Stage::Concluded,
            Stage::Archived
        ]
    );
    assert!(course.history.iter().all(|e| e.by == "马国强"));
}

#[test]
fn each_move_is_in_the_records_history_with_what_it_recorded() {
    let (_dir, _path, ledger, g) = setup();
    archive(&ledger, g.id);
    let history = ledger.history_of(RecordKind::Guidance, g.id).unwrap();
    let moves: Vec<String> = history
        .iter()
        .filter(|e| matches!(e.action, Action::Step(_)))
        .map(|e| format!("{}｜{}", e.action.label(), e.summary()))
        .collect();
    assert_eq!(moves.len(), 6, "{moves:?}");
    assert_eq!(moves[0], "实施｜办理阶段：登记 → 实施；说明：（空） → 上门讲解燃气安全");
    assert_eq!(
        moves[2],
        "送达｜办理阶段：出具文书 → 送达；送达方式：（空） → 直接送达；\
         送达日期：（空） → 2026年3月5日；签收人：（空） → 王五"
    );
    assert_eq!(moves[3], "评估｜办理阶段：送达 → 评估；评估意见：（空） → 已更换软管");
    assert!(ledger.verify().unwrap().passed());
}

#[test]
fn a_refused_move_is_a_chinese_error_and_writes_nothing() {
    let (_dir, _path, ledger, g) = setup();
    let e = ledger
        .advance_course(g.id, Step::Advance { to: Stage::Archived, note: String::new() }, at(3), "")
        .unwrap_err();
    assert_eq!(e.to_string(), "当前为“登记”，不能转到“归档”");
    assert!(ledger.courses().unwrap().is_empty());

    ledger.void_guidance(g.id, "重复登记", at(3)).unwrap();
    let e = ledger
        .advance_course(
            g.id,
            Step::Advance { to: Stage::Implemented, note: String::new() },
            at(3),
            "",
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::Voided(_)), "{e}");
}

#[test]
fn an_archived_record_changes_only_by_amendment_and_the_original_survives() {
    let (_dir, path, ledger, g) = setup();
    archive(&ledger, g.id);
    let mut changed = g.details.clone();
    changed.content = "提醒燃气软管老化须更换，并安装燃气报警器。".into();

    for e in [
        ledger.update_guidance(g.id, &changed, at(12)).unwrap_err(),
        ledger.void_guidance(g.id, "想作废", at(12)).unwrap_err(),
    ] {
        assert!(matches!(e, StoreError::Archived(_)), "{e}");
        assert!(e.to_string().contains("已归档，不能直接修改"), "{e}");
    }
    let e = ledger.amend_guidance(g.id, &changed, "  ", at(12), "丁秀兰").unwrap_err();
    assert!(matches!(e, StoreError::NoAmendReason), "{e}");

    let (amended, course) =
        ledger.amend_guidance(g.id, &changed, "补记报警器要求", at(12), "丁秀兰").unwrap();
    assert_eq!(amended.number, g.number, "the number never changes");
    assert_eq!(amended.details.content, changed.content);
    assert_eq!(course.stage, Stage::Archived, "still archived");
    drop(ledger);

    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.guidance(g.id).unwrap().details.content, changed.content);
    let course = ledger.course(g.id).unwrap();
    assert_eq!(course.amendments.len(), 1);
    let amendment = &course.amendments[0];
    assert_eq!((amendment.reason.as_str(), amendment.by.as_str()), ("补记报警器要求", "丁秀兰"));
    assert_eq!(amendment.before, g.details, "the original fields, exactly");
}

#[test]
fn a_record_not_archived_is_edited_not_amended() {
    let (_dir, _path, ledger, g) = setup();
    let e = ledger.amend_guidance(g.id, &g.details, "更正", at(3), "").unwrap_err();
    assert!(e.to_string().contains("只有已归档的记录才用“更正”"), "{e}");
    ledger.update_guidance(g.id, &g.details, at(3)).unwrap();
}

#[test]
fn moves_made_together_are_kept_all_or_none() {
    let (_dir, _path, ledger, first) = setup();
    let mut draft = first.details.clone();
    draft.subject.name = "李四".into();
    let second = ledger.create_guidance(&draft, at(2)).unwrap();
    let implement = || Step::Advance { to: Stage::Implemented, note: String::new() };
    ledger.advance_course(first.id, implement(), at(3), "马国强").unwrap();

    // The second record is still at 登记, so it cannot be concluded: nothing is kept.
    let conclude = || Step::Advance { to: Stage::Concluded, note: "批量".into() };
    let refused = ledger.batch(|batch| {
        batch.advance_course(first.id, conclude(), at(4), "马国强")?;
        batch.advance_course(second.id, conclude(), at(4), "马国强")
    });
    assert!(matches!(refused, Err(StoreError::Course(_))), "{refused:?}");
    assert_eq!(ledger.course(first.id).unwrap().stage, Stage::Implemented);
    assert_eq!(ledger.course(second.id).unwrap().stage, Stage::Registered);
    let entries = ledger.audit_head().unwrap().count;

    ledger
        .batch(|batch| {
            batch.advance_course(second.id, implement(), at(4), "马国强")?;
            batch.advance_course(first.id, conclude(), at(4), "马国强")?;
            batch.advance_course(second.id, conclude(), at(4), "马国强")
        })
        .unwrap();
    assert_eq!(ledger.course(first.id).unwrap().stage, Stage::Concluded);
    assert_eq!(ledger.course(second.id).unwrap().stage, Stage::Concluded);
    assert_eq!(ledger.audit_head().unwrap().count, entries + 3, "one entry a move");
    assert!(ledger.verify().unwrap().passed());
}
