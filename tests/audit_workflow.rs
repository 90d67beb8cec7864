//! The audit trail for the workflow's own records: visits, warning cases, typical cases,
//! attachments, the no-penalty list, the first-violation setting and imports. Each change
//! leaves one entry naming who made it and what changed; a refused save leaves none; the
//! record's window shows what belongs to it; and `verify` still passes on an untouched
//! ledger.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::attachment::{AttachmentKind, Owner};
use guidance_ledger::domain::follow_up::{FollowUp, Satisfaction, Visit, VisitMethod};
use guidance_ledger::domain::typical::TypicalCase;
use guidance_ledger::domain::warning::{
    Commitment, Recheck, RecheckResult, ViolationWindow, WarningCase,
};
use guidance_ledger::domain::{
    Action, Actor, AuditEntry, CatalogueItem, DocNumber, Guidance, GuidanceDraft, Method,
    NoPenaltyEntry, Officer, RecordKind, Subject, SubjectKind,
};
use guidance_ledger::store::{ImportWrite, ImportedGuidance, Ledger, StoreError};
use tempfile::TempDir;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(9, 30, 0).unwrap()
}

struct Office {
    dir: TempDir,
    ledger: Ledger,
    handler: Officer,
    visitor: Officer,
    item: CatalogueItem,
}

/// A ledger with two officers and one catalogue item, worked on by 丁秀兰.
fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("台账.redb")).unwrap();
    let save = |name: &str| {
        ledger.save_officer(&Officer { name: name.into(), active: true, ..Default::default() })
    };
    let handler = save("马国强").unwrap();
    let visitor = save("丁秀兰").unwrap();
    let item = CatalogueItem {
        name: "门前三包提示".into(),
        domain: "市容环境".into(),
        basis: "《城市市容和环境卫生管理条例》第十条".into(),
        method: Method::Warning,
        ..Default::default()
    };
    let item = ledger.save_item(&item).unwrap();
    ledger.set_actor(Actor::Officer { id: visitor.id, name: visitor.name.clone() });
    Office { dir, ledger, handler, visitor, item }
}

impl Office {
    fn guidance(&self, name: &str, method: Method) -> Guidance {
        let mut draft = GuidanceDraft::new(at(3, 5));
        draft.place = "金岭一村".into();
        draft.officers = vec![self.handler.id];
        draft.subject = Subject {
            kind: SubjectKind::NaturalPerson,
            name: name.into(),
            phone: "13912345678".into(),
            ..Default::default()
        };
        draft.item = Some(self.item.id);
        draft.method = method;
        draft.content = "店外堆放杂物，劝导当日清理。".into();
        self.ledger.create_guidance(&draft, at(3, 5)).unwrap()
    }

    fn trail(&self) -> Vec<AuditEntry> {
        common::trail(&self.ledger)
    }

    fn last(&self) -> AuditEntry {
        common::last_entry(&self.ledger)
    }

    fn count(&self) -> u64 {
        common::entry_count(&self.ledger)
    }

    fn assert_verified(&self) {
        let verification = self.ledger.verify().unwrap();
        assert!(verification.passed(), "{:?}", verification.reports);
    }
}

fn change<'a>(entry: &'a AuditEntry, field: &str) -> (&'a str, &'a str) {
    let c = entry
        .changes
        .iter()
        .find(|c| c.field == field)
        .unwrap_or_else(|| panic!("no change of {field} in {entry:?}"));
    (c.before.as_str(), c.after.as_str())
}

fn step(name: &str) -> Action {
    Action::Step(name.into())
}

#[test]
fn a_visit_planned_then_made_is_two_entries_naming_the_record_and_the_person() {
    let office = office();
    let g = office.guidance("马建华", Method::Reminder);
    let planned = office.ledger.save_follow_up(&FollowUp::plan(&g, at(3, 5))).unwrap();
    let entry = office.last();
    assert_eq!(
        (entry.kind, entry.record_id, &entry.action),
        (RecordKind::FollowUp, planned.id, &step("计划回访"))
    );
    assert_eq!(entry.label, format!("{} 回访", g.number));
    assert_eq!(entry.actor.label(), "丁秀兰");
    assert_eq!(change(&entry, "计划回访日期"), ("", "2026年4月4日"));

    let mut done = planned.clone();
    done.visit = Some(Visit {
        date: day(4, 3),
        method: VisitMethod::Phone,
        visitors: vec![office.visitor.id],
        correction: "杂物已清理".into(),
        satisfaction: Satisfaction::Satisfied,
        more_guidance: false,
        notes: String::new(),
    });
    done.updated_at = at(4, 3);
    office.ledger.save_follow_up(&done).unwrap();
    let entry = office.last();
    assert_eq!(entry.action, step("记录回访"));
    assert_eq!(entry.at, at(4, 3));
    assert_eq!(change(&entry, "回访人"), ("", "丁秀兰"));
    assert_eq!(change(&entry, "整改情况"), ("", "杂物已清理"));
    assert!(
        entry.changes.iter().all(|c| c.field != "计划回访日期"),
        "unchanged fields are left out"
    );

    let before = office.count();
    let mut bad = done.clone();
    bad.visit.as_mut().unwrap().date = day(3, 1);
    assert!(matches!(office.ledger.save_follow_up(&bad), Err(StoreError::Invalid(_))));
    assert_eq!(office.count(), before, "a refused save leaves no entry");
    office.assert_verified();
}

#[test]
fn a_warning_case_records_its_entry_commitment_and_recheck() {
    let office = office();
    let entry = NoPenaltyEntry {
        serial: 3,
        domain: "市容环境".into(),
        violation: "擅自在街道两侧堆放物料".into(),
        basis: "《城市市容和环境卫生管理条例》第三十六条".into(),
        conditions: "首次违法且当场改正".into(),
        implementer: "镇综合行政执法队".into(),
        ..Default::default()
    };
    let entry = office.ledger.save_no_penalty(&entry, at(3, 1)).unwrap();
    let listed = office.last();
    assert_eq!(
        (listed.kind, listed.record_id, &listed.action),
        (RecordKind::NoPenaltyEntry, entry.id, &Action::Create)
    );
    assert_eq!(listed.label, "第3项 擅自在街道两侧堆放物料");

    let g = office.guidance("马建华", Method::Warning);
    let mut case = WarningCase {
        guidance: g.id,
        entry: Some(entry.id),
        first_violation: true,
        earlier: Vec::new(),
        commitment: Some(Commitment {
            content: "三日内清理".into(),
            signed: day(3, 5),
            deadline: day(3, 8),
        }),
        recheck: None,
        updated_at: at(3, 5),
    };
    office.ledger.save_warning_case(&case).unwrap();
    let created = office.last();
    assert_eq!(
        (created.kind, created.record_id, &created.action),
        (RecordKind::WarningCase, g.id, &Action::Create)
    );
    assert_eq!(change(&created, "不罚清单事项"), ("", "第3项 擅自在街道两侧堆放物料"));
    assert_eq!(change(&created, "整改期限"), ("", "2026年3月8日"));

    case.recheck =
        Some(Recheck { date: day(3, 9), result: RecheckResult::Corrected, note: String::new() });
    case.updated_at = at(3, 9);
    office.ledger.save_warning_case(&case).unwrap();
    let rechecked = office.last();
    assert_eq!(rechecked.action, Action::Update);
    assert_eq!(change(&rechecked, "复查结果"), ("", "已整改，不予处罚"));
    assert_eq!(rechecked.changes.len(), 2, "复查日期 and 复查结果: {:?}", rechecked.changes);

    let mut edited = entry.clone();
    edited.conditions = "首次违法且在规定期限内改正".into();
    office.ledger.save_no_penalty(&edited, at(3, 10)).unwrap();
    let edit = office.last();
    assert_eq!(change(&edit, "不予处罚条件"), ("首次违法且当场改正", "首次违法且在规定期限内改正"));

    let before = office.count();
    let reminder = office.guidance("马小燕", Method::Reminder);
    let after_reminder = office.count();
    assert_eq!(after_reminder, before + 1);
    let wrong = WarningCase { guidance: reminder.id, ..case.clone() };
    assert!(matches!(office.ledger.save_warning_case(&wrong), Err(StoreError::Invalid(_))));
    assert_eq!(office.count(), after_reminder, "a refused warning case leaves no entry");

    office.ledger.set_violation_window(ViolationWindow::CalendarYear).unwrap();
    let setting = office.last();
    assert_eq!(setting.kind, RecordKind::Settings);
    assert_eq!(
        change(&setting, "首次违法认定范围"),
        (ViolationWindow::TwelveMonths.label(), ViolationWindow::CalendarYear.label())
    );
    office.assert_verified();
}

#[test]
fn marking_editing_and_unmarking_a_typical_case_keeps_the_text_in_the_trail() {
    let office = office();
    let g = office.guidance("马建华", Method::Reminder);
    let mut case = TypicalCase {
        guidance: g.id,
        title: "门前堆物劝导案".into(),
        text: "马某某在店外堆放杂物，经劝导当日清理。".into(),
        marked_at: at(3, 6),
        updated_at: at(3, 6),
    };
    office.ledger.save_typical_case(&case).unwrap();
    let marked = office.last();
    assert_eq!((marked.kind, &marked.action), (RecordKind::TypicalCase, &step("标记典型案例")));
    case.title = "门前堆物劝导典型案例".into();
    case.updated_at = at(3, 7);
    office.ledger.save_typical_case(&case).unwrap();
    assert_eq!(change(&office.last(), "案例标题"), ("门前堆物劝导案", "门前堆物劝导典型案例"));
    office.ledger.unmark_typical(g.id).unwrap();
    let unmarked = office.last();
    assert_eq!(unmarked.action, step("取消典型案例"));
    assert_eq!(change(&unmarked, "案例正文").0, "马某某在店外堆放杂物，经劝导当日清理。");
    office.assert_verified();
}

#[test]
fn an_attachment_is_recorded_with_its_hash_and_shows_in_the_records_history() {
    let office = office();
    let g = office.guidance("马建华", Method::Reminder);
    let other = office.guidance("马小燕", Method::Reminder);
    let scan = office.dir.path().join("送达回证.jpg");
    std::fs::write(&scan, b"not really a jpeg, but bytes all the same").unwrap();
    let a = office
        .ledger
        .attach(Owner::Guidance(g.id), &scan, AttachmentKind::Receipt, at(3, 6))
        .unwrap();
    let entry = office.last();
    assert_eq!(
        (entry.kind, entry.record_id, &entry.action),
        (RecordKind::Attachment, a.id, &Action::Create)
    );
    assert_eq!(entry.label, format!("{} 附件：送达回证.jpg", g.number));
    assert_eq!(change(&entry, "SHA-256").1, a.sha256);

    let before = office.count();
    let missing = office.dir.path().join("没有这个文件.jpg");
    assert!(
        office
            .ledger
            .attach(Owner::Guidance(g.id), &missing, AttachmentKind::Photo, at(3, 6))
            .is_err()
    );
    assert_eq!(office.count(), before);

    office.ledger.save_follow_up(&FollowUp::plan(&g, at(3, 6))).unwrap();
    office.ledger.save_follow_up(&FollowUp::plan(&other, at(3, 6))).unwrap();
    let history = office.ledger.history_with_related(RecordKind::Guidance, g.id).unwrap();
    let kinds: Vec<RecordKind> = history.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [RecordKind::Guidance, RecordKind::Attachment, RecordKind::FollowUp]);
    assert!(history.windows(2).all(|w| w[0].seq < w[1].seq), "oldest first");
    assert!(history.iter().all(|e| e.label.starts_with(&g.number.to_string())), "{history:?}");
    office.assert_verified();
}

#[test]
fn an_import_records_every_record_it_adds_as_imported() {
    let office = office();
    let officer = Officer { id: 3, name: "白玉兰".into(), active: true, ..Default::default() };
    let item = CatalogueItem {
        id: 2,
        name: "消防通道提示".into(),
        domain: "安全生产".into(),
        basis: "《消防法》".into(),
        ..Default::default()
    };
    let mut details = GuidanceDraft::new(at(2, 1));
    details.place = "金岭二村".into();
    details.officers = vec![3];
    details.subject =
        Subject { kind: SubjectKind::NaturalPerson, name: "马福".into(), ..Default::default() };
    details.item = Some(2);
    details.content = "提醒清理楼道杂物".into();
    let number = DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 40 };
    let write = ImportWrite {
        officers: vec![officer],
        items: vec![item],
        guidance: vec![ImportedGuidance { number: number.clone(), details, voided: None }],
        entries: vec![NoPenaltyEntry {
            serial: 1,
            domain: "市场监管".into(),
            violation: "未公示营业执照".into(),
            basis: "《市场主体登记管理条例》".into(),
            conditions: "首次违法".into(),
            implementer: "市场监管所".into(),
            ..Default::default()
        }],
    };
    let before = office.count();
    office.ledger.commit_import(&write, at(3, 1)).unwrap();
    let imported: Vec<AuditEntry> =
        office.trail().into_iter().skip(usize::try_from(before).unwrap()).collect();
    let kinds: Vec<RecordKind> = imported.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            RecordKind::Officer,
            RecordKind::CatalogueItem,
            RecordKind::Guidance,
            RecordKind::NoPenaltyEntry
        ]
    );
    assert!(imported.iter().all(|e| e.action == step("导入")), "{imported:?}");
    assert_eq!(imported[2].label, number.to_string());
    assert_eq!(change(&imported[2], "指导人员"), ("", "白玉兰"), "names come from the same import");

    let again = office.count();
    assert!(office.ledger.commit_import(&write, at(3, 2)).is_err(), "the same numbers twice");
    assert_eq!(office.count(), again, "a refused import leaves no entry");
    office.assert_verified();
}
