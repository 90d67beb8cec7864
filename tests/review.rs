//! Catalogue items through legality review in the store: moves kept, versions made by a
//! change to a filed item, and only items in force offered for guidance.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::review::{Filing, Publication, ReviewMove, ReviewState};
use guidance_ledger::domain::{Action, CatalogueItem, ItemStatus, RecordKind};
use guidance_ledger::search::data::LedgerData;
use guidance_ledger::store::{Ledger, StoreError};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
}

fn at(d: u32) -> NaiveDateTime {
    day(d).and_hms_opt(10, 0, 0).unwrap()
}

fn item(name: &str) -> CatalogueItem {
    CatalogueItem {
        name: name.into(),
        domain: "生态环境".into(),
        basis: "《中华人民共和国大气污染防治法》第七条".into(),
        ..Default::default()
    }
}

fn publish(ledger: &Ledger, id: u64) {
    publish_with_upload(ledger, id, Some(day(6)));
}

fn publish_with_upload(ledger: &Ledger, id: u64, uploaded: Option<NaiveDate>) {
    for (d, step) in [
        (2, ReviewMove::Submit),
        (3, ReviewMove::Approve { comment: "符合法定权限".into() }),
        (4, ReviewMove::File(Filing { number: "金司备〔2026〕5号".into(), date: day(4) })),
        (
            5,
            ReviewMove::Publish(Publication {
                date: day(5),
                url: "http://www.example.gov.cn/zdml/5".into(),
                platform_date: uploaded,
            }),
        ),
    ] {
        ledger.review_item(id, step, at(d), "司法所审查人员").unwrap();
    }
}

#[test]
fn a_drafted_item_is_in_force_only_once_published() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.redb");
    let ledger = Ledger::open(&path).unwrap();
    let legacy = ledger.save_item(&item("秸秆禁烧提示")).unwrap();
    let (drafted, review) = ledger.draft_item(&item("散煤治理提示"), at(1), "马国强").unwrap();
    assert_eq!(review.state, ReviewState::Draft);

    let data = LedgerData::load(&ledger).unwrap();
    assert!(data.item_in_force(&legacy), "entered as published: in force");
    assert!(!data.item_in_force(&drafted), "a draft cannot be used for guidance");

    let e =
        ledger.review_item(drafted.id, ReviewMove::Approve { comment: String::new() }, at(2), "");
    assert_eq!(e.unwrap_err().to_string(), "事项当前为“草拟”，不能“审查通过”");
    publish(&ledger, drafted.id);
    drop(ledger);

    let ledger = Ledger::open(&path).unwrap();
    let data = LedgerData::load(&ledger).unwrap();
    let review = &data.reviews[&drafted.id];
    assert_eq!(review.state, ReviewState::Published);
    assert_eq!(review.history.len(), 5);
    assert_eq!(review.history[3].note, "备案号：金司备〔2026〕5号");
    assert!(data.item_in_force(data.item(drafted.id).unwrap()));
    let legacy_review = ledger.review_item(legacy.id, ReviewMove::Submit, at(7), "");
    assert!(legacy_review.unwrap_err().to_string().contains("没有审查流程"));
}

#[test]
fn changing_a_published_item_makes_a_new_version_and_keeps_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("台账.redb")).unwrap();
    let (drafted, _) = ledger.draft_item(&item("散煤治理提示"), at(1), "马国强").unwrap();

    // In review the text is fixed; returned, it can change in place.
    ledger.review_item(drafted.id, ReviewMove::Submit, at(2), "").unwrap();
    let mut changed = drafted.clone();
    changed.basis.push_str("、第八十二条");
    let e = ledger.save_item_by(&changed, at(2), "马国强").unwrap_err();
    assert!(matches!(e, StoreError::Course(_)), "{e}");
    assert!(e.to_string().contains("请由审查人员退回"), "{e}");
    let comment = "依据条款不全".to_string();
    ledger.review_item(drafted.id, ReviewMove::Return { comment }, at(3), "审查员").unwrap();
    let (_, review) = ledger.save_item_by(&changed, at(3), "马国强").unwrap();
    assert!(review.is_none(), "a returned item changes in place");
    publish(&ledger, drafted.id);

    let mut second = changed.clone();
    second.name = "散煤治理及清洁取暖提示".into();
    let (saved, review) = ledger.save_item_by(&second, at(8), "马国强").unwrap();
    let review = review.expect("a filed item's change is a new version");
    assert_eq!((review.version, review.state), (2, ReviewState::Draft));
    assert_eq!(saved.name, "散煤治理及清洁取暖提示");
    assert_eq!(review.versions[0].item, changed, "version 1 as it was published");
    assert_eq!(review.versions[0].filing.as_ref().unwrap().number, "金司备〔2026〕5号");
    let data = LedgerData::load(&ledger).unwrap();
    assert!(data.item_in_force(&saved), "the published version stays in force meanwhile");

    ledger.review_item(drafted.id, ReviewMove::Submit, at(9), "").unwrap();
    ledger
        .review_item(drafted.id, ReviewMove::Approve { comment: String::new() }, at(9), "")
        .unwrap();
    ledger
        .review_item(
            drafted.id,
            ReviewMove::File(Filing { number: "金司备〔2026〕9号".into(), date: day(10) }),
            at(10),
            "",
        )
        .unwrap();
    let publication = Publication {
        date: day(11),
        url: "http://www.example.gov.cn/zdml/9".into(),
        platform_date: None,
    };
    ledger.review_item(drafted.id, ReviewMove::Publish(publication), at(11), "").unwrap();
    let (retired, review) = ledger
        .review_item(drafted.id, ReviewMove::Retire { reason: "政策调整".into() }, at(12), "")
        .unwrap();
    assert_eq!((review.state, retired.status), (ReviewState::Retired, ItemStatus::Deactivated));
    let data = LedgerData::load(&ledger).unwrap();
    assert!(!data.item_in_force(&retired));
}

#[test]
fn each_review_move_is_in_the_items_history_with_what_it_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("台账.redb")).unwrap();
    let (drafted, _) = ledger.draft_item(&item("散煤治理提示"), at(1), "马国强").unwrap();
    ledger.review_item(drafted.id, ReviewMove::Submit, at(2), "").unwrap();
    let comment = "依据条款不全".to_string();
    ledger.review_item(drafted.id, ReviewMove::Return { comment }, at(3), "审查员").unwrap();
    publish_with_upload(&ledger, drafted.id, None);
    let retire = ReviewMove::Retire { reason: "政策调整".into() };
    ledger.review_item(drafted.id, retire, at(12), "").unwrap();

    let history = ledger.history_of(RecordKind::CatalogueItem, drafted.id).unwrap();
    let moves: Vec<String> = history
        .iter()
        .filter(|e| matches!(e.action, Action::Step(_)))
        .map(|e| format!("{}｜{}", e.action.label(), e.summary()))
        .collect();
    let expected = [
        "草拟｜事项名称：（空） → 散煤治理提示",
        "提交审查｜审查状态：草拟 → 待审查",
        "退回修改｜审查状态：待审查 → 退回修改；审查意见：（空） → 依据条款不全",
        "提交审查｜审查状态：退回修改 → 待审查",
        "审查通过｜审查状态：待审查 → 审查通过；审查意见：（空） → 符合法定权限",
        "备案｜审查状态：审查通过 → 已备案；备案号：（空） → 金司备〔2026〕5号；\
         备案日期：（空） → 2026年6月4日",
        "公布｜审查状态：已备案 → 已公布；公布日期：（空） → 2026年6月5日；\
         公布网址：（空） → http://www.example.gov.cn/zdml/5",
        "停用｜审查状态：已公布 → 已停用；状态：有效 → 停用；停用理由：（空） → 政策调整",
    ];
    assert_eq!(moves.len(), expected.len(), "{moves:#?}");
    for (seen, want) in moves.iter().zip(expected) {
        assert!(seen.starts_with(want), "{seen}\n  wanted {want}");
    }
    assert!(ledger.verify().unwrap().passed());
}

#[test]
fn uploads_to_the_platform_are_recorded_together_or_not_at_all_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.redb");
    let ledger = Ledger::open(&path).unwrap();
    let (first, _) = ledger.draft_item(&item("秸秆禁烧提示"), at(1), "马国强").unwrap();
    let (second, _) = ledger.draft_item(&item("散煤治理提示"), at(1), "马国强").unwrap();
    let (draft, _) = ledger.draft_item(&item("扬尘防治提示"), at(1), "马国强").unwrap();
    publish_with_upload(&ledger, first.id, None);
    publish_with_upload(&ledger, second.id, None);
    let entries = common::entry_count(&ledger);

    // One item not yet published: nothing is recorded for any of them.
    let e =
        ledger.record_platform_upload(&[first.id, draft.id], day(8), at(8), "马国强").unwrap_err();
    assert_eq!(e.to_string(), "事项“扬尘防治提示”：事项当前为“草拟”，公布后才能记录上传涉企平台");
    let e = ledger.record_platform_upload(&[second.id], day(4), at(8), "马国强").unwrap_err();
    assert_eq!(
        e.to_string(),
        "事项“散煤治理提示”：上传涉企平台日期不能早于公布日期（2026年6月5日）"
    );
    assert_eq!(common::entry_count(&ledger), entries);
    let reviews = ledger.item_reviews().unwrap();
    assert!(
        reviews.iter().all(|r| r.publication.as_ref().is_none_or(|p| p.platform_date.is_none()))
    );

    let saved = ledger.record_platform_upload(&[first.id, second.id], day(8), at(8), "马国强");
    assert_eq!(saved.unwrap().len(), 2);
    drop(ledger);
    let ledger = Ledger::open(&path).unwrap();
    for review in ledger.item_reviews().unwrap().iter().filter(|r| r.item != draft.id) {
        assert_eq!(review.publication.as_ref().unwrap().platform_date, Some(day(8)));
        assert_eq!(review.state, ReviewState::Published);
    }
    assert_eq!(common::entry_count(&ledger), entries + 2);
    let last = common::last_entry(&ledger);
    assert_eq!(last.label, "散煤治理提示");
    assert!(
        last.changes.iter().any(|c| c.field == "上传涉企平台日期" && c.after == "2026年6月8日"),
        "{:?}",
        last.changes
    );
}
