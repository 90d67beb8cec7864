use chrono::NaiveDate;

use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

fn at(d: u32) -> NaiveDateTime {
    day(d).and_hms_opt(15, 0, 0).unwrap()
}

fn move_to(state: ReviewState) -> Option<ReviewMove> {
    Some(match state {
        ReviewState::Draft => return None,
        ReviewState::Submitted => ReviewMove::Submit,
        ReviewState::Approved => ReviewMove::Approve { comment: "合法".into() },
        ReviewState::Returned => ReviewMove::Return { comment: "依据条款引用有误".into() },
        ReviewState::Rejected => ReviewMove::Reject { comment: "超出职权".into() },
        ReviewState::Filed => {
            ReviewMove::File(Filing { number: "金司备〔2026〕3号".into(), date: day(10) })
        }
        ReviewState::Published => ReviewMove::Publish(Publication {
            date: day(12),
            url: "http://www.example.gov.cn/zdml/3".into(),
            platform_date: Some(day(13)),
        }),
        ReviewState::Retired => ReviewMove::Retire { reason: "法规修订".into() },
    })
}

/// The rule, written out.
fn allowed(from: ReviewState) -> &'static [ReviewState] {
    use ReviewState::*;
    match from {
        Draft | Returned => &[Submitted],
        Submitted => &[Approved, Returned, Rejected],
        Approved => &[Filed],
        Filed => &[Published],
        Published => &[Retired],
        Rejected | Retired => &[],
    }
}

#[test]
fn every_move_is_allowed_or_refused_as_the_rule_says() {
    for from in ReviewState::ALL {
        for to in ReviewState::ALL {
            let Some(step) = move_to(to) else { continue };
            let mut review = ItemReview { state: from, ..ItemReview::new(1) };
            let before = review.clone();
            let result = review.apply(step, at(9), "司法所审查人员");
            if allowed(from).contains(&to) {
                assert!(result.is_ok(), "{from:?} → {to:?}: {result:?}");
                assert_eq!(review.state, to);
                assert_eq!(review.history.last().unwrap().by, "司法所审查人员");
            } else {
                assert!(result.is_err(), "{from:?} → {to:?} must be refused");
                assert_eq!(review, before, "a refused move changes nothing");
            }
        }
    }
}

#[test]
fn returns_and_rejections_need_the_reviewers_comments() {
    let mut review = ItemReview { state: ReviewState::Submitted, ..ItemReview::new(1) };
    for step in
        [ReviewMove::Return { comment: " ".into() }, ReviewMove::Reject { comment: String::new() }]
    {
        assert_eq!(
            review.apply(step, at(9), "").unwrap_err(),
            "退回修改或不予通过，须写明审查意见"
        );
    }
    review.apply(ReviewMove::Return { comment: "请补充依据条款".into() }, at(9), "审查员").unwrap();
    assert_eq!(review.history[0].note, "请补充依据条款");
    review.apply(ReviewMove::Submit, at(10), "").unwrap();
    assert_eq!(review.state, ReviewState::Submitted);
}

#[test]
fn filing_and_publication_are_checked_and_kept() {
    let mut review = ItemReview { state: ReviewState::Approved, ..ItemReview::new(1) };
    let blank = Filing { number: " ".into(), date: day(10) };
    assert_eq!(review.apply(ReviewMove::File(blank), at(10), "").unwrap_err(), "备案须填写备案号");
    review.apply(move_to(ReviewState::Filed).unwrap(), at(10), "").unwrap();
    let early = Publication { date: day(9), url: "http://x".into(), platform_date: None };
    assert_eq!(
        review.apply(ReviewMove::Publish(early), at(10), "").unwrap_err(),
        "公布日期不能早于备案日期"
    );
    assert!(!review.in_force(), "filed is not yet in force");
    review.apply(move_to(ReviewState::Published).unwrap(), at(12), "").unwrap();
    assert!(review.in_force());
    assert_eq!(review.filing.as_ref().unwrap().number, "金司备〔2026〕3号");
    assert_eq!(review.publication.as_ref().unwrap().platform_date, Some(day(13)));
}

#[test]
fn a_change_to_a_published_item_is_a_new_version_and_the_old_stays_in_force() {
    let item =
        CatalogueItem { id: 1, name: "消防安全提示".into(), ..CatalogueItem::default() };
    let mut review = ItemReview::new(1);
    for state in
        [ReviewState::Submitted, ReviewState::Approved, ReviewState::Filed, ReviewState::Published]
    {
        review.apply(move_to(state).unwrap(), at(12), "").unwrap();
    }
    review.new_version(item.clone(), at(20), "马国强");
    assert_eq!((review.version, review.state), (2, ReviewState::Draft));
    assert!(review.in_force(), "version 1 is still published while version 2 is reviewed");
    assert_eq!(review.versions.len(), 1);
    let old = &review.versions[0];
    assert_eq!((old.version, &old.item), (1, &item));
    assert_eq!(old.filing.as_ref().unwrap().number, "金司备〔2026〕3号");
    assert!(review.filing.is_none() && review.publication.is_none());

    review.apply(ReviewMove::Submit, at(21), "").unwrap();
    review.apply(move_to(ReviewState::Rejected).unwrap(), at(22), "").unwrap();
    assert!(!review.in_force(), "a rejected new version takes the item out of force");
}

#[test]
fn an_upload_to_the_platform_is_recorded_after_publication_and_not_before_it() {
    let mut review = ItemReview::new(1);
    for state in [ReviewState::Submitted, ReviewState::Approved, ReviewState::Filed] {
        review.apply(move_to(state).unwrap(), at(10), "").unwrap();
    }
    assert_eq!(
        review.record_upload(day(14), at(14), "张伟").unwrap_err(),
        "事项当前为“已备案”，公布后才能记录上传涉企平台"
    );
    let unsent = Publication { date: day(12), url: "http://x".into(), platform_date: None };
    review.apply(ReviewMove::Publish(unsent), at(12), "").unwrap();
    assert_eq!(
        review.record_upload(day(11), at(14), "张伟").unwrap_err(),
        "上传涉企平台日期不能早于公布日期（2026年5月12日）"
    );
    assert_eq!(review.publication.as_ref().unwrap().platform_date, None);
    let steps = review.history.len();

    review.record_upload(day(12), at(14), "张伟").unwrap();
    assert_eq!(review.state, ReviewState::Published);
    assert_eq!(review.publication.as_ref().unwrap().platform_date, Some(day(12)));
    let last = review.history.last().unwrap();
    assert_eq!(
        (review.history.len(), last.note.as_str()),
        (steps + 1, "2026年5月12日上传涉企平台")
    );
    assert_eq!(last.by, "张伟");
}

#[test]
fn the_version_in_force_is_the_published_one_while_a_change_is_reviewed() {
    let first =
        CatalogueItem { id: 1, name: "消防安全提示".into(), ..CatalogueItem::default() };
    let second = CatalogueItem { name: "消防安全提示（修订）".into(), ..first.clone() };
    let mut review = ItemReview::new(1);
    assert_eq!(review.version_in_force(&first).item, &first, "a draft shows itself");
    for state in
        [ReviewState::Submitted, ReviewState::Approved, ReviewState::Filed, ReviewState::Published]
    {
        review.apply(move_to(state).unwrap(), at(12), "").unwrap();
    }
    review.new_version(first.clone(), at(20), "马国强");
    let shown = review.version_in_force(&second);
    assert_eq!((shown.version, shown.item), (1, &first));
    assert_eq!(shown.filing.unwrap().number, "金司备〔2026〕3号");
    assert_eq!(shown.publication.unwrap().date, day(12));

    for state in
        [ReviewState::Submitted, ReviewState::Approved, ReviewState::Filed, ReviewState::Published]
    {
        review.apply(move_to(state).unwrap(), at(25), "").unwrap();
    }
    let shown = review.version_in_force(&second);
    assert_eq!((shown.version, shown.item), (2, &second));
}
