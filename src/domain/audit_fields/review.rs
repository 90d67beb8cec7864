//! A catalogue item's review (审查与备案) as the audit trail describes it: each move is an
//! entry on the item, saying the state it reached and the filing or publication recorded.
//! What the reviewer writes with a move belongs to the move; the store adds it to the entry.

use super::{Audited, NameLookup};
use crate::domain::audit::{Fields, RecordKind};
use crate::domain::review::ItemReview;
use crate::domain::{RecordId, format_date};

impl Audited for ItemReview {
    /// Kept under the item it reviews, so the item's history shows every move.
    const RECORD_KIND: RecordKind = RecordKind::CatalogueItem;

    fn audit_id(&self) -> RecordId {
        self.item
    }

    fn audit_label(&self, names: &dyn NameLookup) -> String {
        names.item(self.item)
    }

    fn audit_fields(&self, _names: &dyn NameLookup) -> Fields {
        let filing = self.filing.as_ref();
        let publication = self.publication.as_ref();
        vec![
            ("审查状态", self.state.label().into()),
            ("版本", format!("第{}版", self.version)),
            ("备案号", filing.map(|f| f.number.clone()).unwrap_or_default()),
            ("备案日期", filing.map(|f| format_date(f.date)).unwrap_or_default()),
            ("公布日期", publication.map(|p| format_date(p.date)).unwrap_or_default()),
            ("公布网址", publication.map(|p| p.url.clone()).unwrap_or_default()),
            (
                "上传涉企平台日期",
                publication.and_then(|p| p.platform_date).map(format_date).unwrap_or_default(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;
    use crate::domain::Action;
    use crate::domain::audit_fields::test_support::{Names, lines};
    use crate::domain::review::{Filing, Publication, ReviewMove, ReviewState};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    fn at(d: u32) -> NaiveDateTime {
        day(d).and_hms_opt(15, 0, 0).unwrap()
    }

    fn move_lines(review: &mut ItemReview, step: ReviewMove, d: u32) -> Vec<String> {
        let before = review.audit_fields(&Names);
        review.apply(step, at(d), "李明").unwrap();
        let action = Action::Step(ReviewMove::label(review.state).into());
        lines(&before, &review.audit_fields(&Names), &action)
    }

    #[test]
    fn each_move_says_the_state_reached_and_the_filing_or_publication() {
        let mut review = ItemReview::new(4);
        assert_eq!(review.audit_label(&Names), "事项4");
        assert_eq!(move_lines(&mut review, ReviewMove::Submit, 1), ["审查状态：草拟 → 待审查"]);
        let approve = ReviewMove::Approve { comment: "合法".into() };
        assert_eq!(move_lines(&mut review, approve, 2), ["审查状态：待审查 → 审查通过"]);
        let filing = Filing { number: "金司备〔2026〕3号".into(), date: day(10) };
        assert_eq!(
            move_lines(&mut review, ReviewMove::File(filing), 10),
            [
                "审查状态：审查通过 → 已备案",
                "备案号：（空） → 金司备〔2026〕3号",
                "备案日期：（空） → 2026年5月10日"
            ]
        );
        let publication = Publication {
            date: day(12),
            url: "http://www.example.gov.cn/zdml/3".into(),
            platform_date: None,
        };
        let published = move_lines(&mut review, ReviewMove::Publish(publication), 12);
        assert!(published.contains(&"公布网址：（空） → http://www.example.gov.cn/zdml/3".into()));
        assert!(published.contains(&"公布日期：（空） → 2026年5月12日".into()), "{published:?}");
        assert_eq!(review.state, ReviewState::Published);
    }

    #[test]
    fn a_moves_comment_is_named_by_what_it_is() {
        let returned = ReviewMove::Return { comment: " 依据条款引用有误 ".into() };
        assert_eq!(returned.comment(), Some(("审查意见", "依据条款引用有误")));
        let retired = ReviewMove::Retire { reason: "法规修订".into() };
        assert_eq!(retired.comment(), Some(("停用理由", "法规修订")));
        assert_eq!(ReviewMove::Approve { comment: "  ".into() }.comment(), None);
        assert_eq!(ReviewMove::Submit.comment(), None);
    }
}
