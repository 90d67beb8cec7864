//! The catalogue exported for the city's enterprise-inspection platform in the office's own
//! columns, and the upload recorded afterwards.

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use guidance_ledger::domain::CatalogueItem;
use guidance_ledger::domain::format_date;
use guidance_ledger::domain::review::{Filing, Publication, ReviewMove};
use guidance_ledger::store::Ledger;

use super::{click, field, now, office, open_window, status, this_year, wait_for_status};
use eframe::egui;

/// Drafts `name` and takes it through review to 公布 on 2026-03-05, not yet uploaded.
fn publish_unuploaded(path: &std::path::Path, name: &str) {
    let ledger = Ledger::open(path).unwrap();
    let item = CatalogueItem {
        name: name.into(),
        domain: "安全生产".into(),
        basis: "《中华人民共和国安全生产法》第四条".into(),
        ..CatalogueItem::default()
    };
    let (item, _) = ledger.draft_item(&item, now(), "马国强").unwrap();
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    for step in [
        ReviewMove::Submit,
        ReviewMove::Approve { comment: "合法".into() },
        ReviewMove::File(Filing { number: "金司备〔2026〕7号".into(), date: day(2) }),
        ReviewMove::Publish(Publication {
            date: day(5),
            url: "http://www.example.gov.cn/zdml/7".into(),
            platform_date: None,
        }),
    ] {
        ledger.review_item(item.id, step, now(), "李明").unwrap();
    }
}

#[test]
fn the_catalogue_goes_to_the_platform_in_the_offices_columns_and_the_upload_is_recorded() {
    let office = office(true);
    publish_unuploaded(&office.path, "企业消防安全提示");
    let mut harness = open_window(&office);
    click(&mut harness, "事项目录");
    click(&mut harness, "导出到涉企平台…");

    // The platform's template: 事项名称 renamed and first, no 指导依据, dates as 2026-03-05.
    field(&harness, "事项名称").click();
    harness.run_steps(2);
    field(&harness, "事项名称").type_text("（平台）");
    harness.get_by_role_and_label(Role::CheckBox, "指导依据").click();
    harness.run();
    harness.query_all_by_label("下移").next().unwrap().click();
    harness.run();
    click(&mut harness, "日期写法");
    click(&mut harness, "2026-03-05");
    harness.get_by_label("将导出 2 个事项（按“事项目录”当前的筛选）");

    click(&mut harness, "导出 CSV（涉企平台）");
    harness.get_by_label("保存到此处").click();
    wait_for_status(&mut harness, "已导出");
    let name = format!("行政指导事项目录（涉企平台）_{}.csv", this_year());
    let path = office.dir.path().join(name);
    assert_eq!(status(&harness), format!("已导出：{}", path.display()));
    harness.run_steps(2);
    let bytes = std::fs::read(&path).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers[..3], ["事项名称（平台）", "序号", "所属领域"]);
    assert!(!headers.iter().any(|h| h == "指导依据"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let fire = rows.iter().find(|r| &r[0] == "企业消防安全提示").expect("the published item");
    let at = |header: &str| headers.iter().position(|h| h == header).unwrap();
    assert_eq!(&fire[at("备案号")], "金司备〔2026〕7号");
    assert_eq!(&fire[at("公布日期")], "2026-03-05");

    // Uploaded: record the date on the published item that lacked it.
    click(&mut harness, "记录上传涉企平台（1项）");
    let today = now().date();
    assert_eq!(status(&harness), format!("已记录 1 个事项于{}上传涉企平台", format_date(today)));
    harness.get_by_label("本次导出的已公布事项都已记录上传涉企平台日期。");
    let review = harness.state().data.reviews.values().next().unwrap().clone();
    assert_eq!(review.publication.unwrap().platform_date, Some(today));

    // The columns are kept for next time.
    click(&mut harness, "完成");
    click(&mut harness, "导出到涉企平台…");
    let kept = field(&harness, "事项名称").accesskit_node().value();
    assert_eq!(kept.as_deref(), Some("事项名称（平台）"));
}
