//! The legality review of the demo catalogue: the items in force were drafted, reviewed by
//! the judicial office, filed and published in the December before the first records; the
//! items already retired were entered as published. Two new items are under review today.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::review::{Filing, Publication, ReviewMove};
use crate::domain::{CatalogueItem, ItemStatus, Method};
use crate::store::{Ledger, StoreError};

/// Where the district publishes its catalogue, as a clerk would note it.
const SITE: &str = "区人民政府门户网站 › 政务公开 › 行政指导事项目录";

/// Saves `items`: the retired ones as entered, the others through the whole review, in
/// December of `year`. `reviewer` is the judicial office's officer.
pub fn save_items(
    ledger: &Ledger,
    items: &[CatalogueItem],
    year: i32,
    reviewer: &str,
) -> Result<Vec<CatalogueItem>, StoreError> {
    let start = NaiveDate::from_ymd_opt(year, 12, 1).unwrap_or_default();
    let mut saved = Vec::with_capacity(items.len());
    let mut filed = 0;
    for item in items {
        if item.status == ItemStatus::Deactivated {
            saved.push(ledger.save_item(item)?);
            continue;
        }
        filed += 1;
        let at = |days: u64, hour: u32| {
            let day = start.checked_add_days(Days::new(days)).unwrap_or(start);
            day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
        };
        let (item, _) = ledger.draft_item(item, at(0, 9), &item.implementer)?;
        let filing =
            Filing { number: format!("金司备〔{year}〕{filed}号"), date: at(7, 0).date() };
        let publication = Publication {
            date: at(10, 0).date(),
            url: SITE.into(),
            platform_date: Some(at(14, 0).date()),
        };
        let moves = [
            (ReviewMove::Submit, at(1, 10), item.implementer.as_str()),
            (ReviewMove::Approve { comment: "指导依据准确，程序合法".into() }, at(4, 15), reviewer),
            (ReviewMove::File(filing), at(7, 10), reviewer),
            (ReviewMove::Publish(publication), at(14, 16), reviewer),
        ];
        for (step, when, by) in moves {
            ledger.review_item(item.id, step, when, by)?;
        }
        saved.push(item);
    }
    Ok(saved)
}

/// Two items drafted lately: one waiting for review, one returned with the reviewer's
/// comments, both at `at`.
pub fn save_new_drafts(
    ledger: &Ledger,
    implementer: &str,
    reviewer: &str,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    let pending = CatalogueItem {
        name: "电动自行车集中充电安全提示".into(),
        domain: "消防".into(),
        method: Method::Reminder,
        basis: "《中华人民共和国消防法》第十六条".into(),
        applicable_to: "辖区居民小区、沿街商铺".into(),
        implementer: implementer.into(),
        ..CatalogueItem::default()
    };
    let (pending, _) = ledger.draft_item(&pending, at, implementer)?;
    ledger.review_item(pending.id, ReviewMove::Submit, at, implementer)?;

    let returned = CatalogueItem {
        name: "网络直播营销合规经营建议".into(),
        domain: "市场监管".into(),
        method: Method::Advice,
        basis: "《中华人民共和国电子商务法》有关规定".into(),
        applicable_to: "辖区从事直播营销的个体工商户".into(),
        implementer: implementer.into(),
        involves_enterprise: true,
        ..CatalogueItem::default()
    };
    let (returned, _) = ledger.draft_item(&returned, at, implementer)?;
    ledger.review_item(returned.id, ReviewMove::Submit, at, implementer)?;
    let comment = "指导依据请写明具体条款（如第十七条、第三十八条）后重新提交".into();
    ledger.review_item(returned.id, ReviewMove::Return { comment }, at, reviewer)?;
    Ok(())
}
