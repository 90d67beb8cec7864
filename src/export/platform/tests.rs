use chrono::NaiveDate;

use super::*;
use crate::domain::review::{Filing, Publication, ReviewMove};
use crate::domain::{ItemStatus, Method};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn item(id: u64, name: &str) -> CatalogueItem {
    CatalogueItem {
        id,
        name: name.into(),
        domain: "安全生产".into(),
        method: Method::Warning,
        basis: "《安全生产法》第四条".into(),
        implementer: "金岭回族镇人民政府".into(),
        phone: "0533-1234567".into(),
        involves_enterprise: true,
        ..CatalogueItem::default()
    }
}

/// A review taken through to 公布, uploaded on `uploaded` if given.
fn published(id: u64, uploaded: Option<NaiveDate>) -> ItemReview {
    let mut review = ItemReview::new(id);
    let at = day(3, 1).and_hms_opt(9, 0, 0).unwrap();
    let moves = [
        ReviewMove::Submit,
        ReviewMove::Approve { comment: String::new() },
        ReviewMove::File(Filing { number: format!("金司备〔2026〕{id}号"), date: day(3, 2) }),
        ReviewMove::Publish(Publication {
            date: day(3, 5),
            url: format!("http://www.example.gov.cn/zdml/{id}"),
            platform_date: uploaded,
        }),
    ];
    for step in moves {
        review.apply(step, at, "李明").unwrap();
    }
    review
}

#[test]
fn the_layout_comes_back_from_its_text_with_renamed_and_reordered_columns() {
    let mut layout = PlatformLayout { dates: DateStyle::Iso, ..PlatformLayout::default() };
    layout.only_in_force = false;
    layout.fields[1].header = "指导事项\t名称\n".into();
    layout.shift(1, -1);
    layout.fields[15].include = false;
    let text = layout.to_text();
    let back = PlatformLayout::from_text(&text);
    assert_eq!(back.fields[0].header, "指导事项 名称", "tabs and breaks in a heading are spaces");
    assert_eq!(back.fields[0].column, PlatformColumn::Name);
    assert_eq!(back.fields[1].column, PlatformColumn::Serial);
    assert_eq!((back.dates, back.only_in_force), (DateStyle::Iso, false));
    assert!(!back.fields[15].include);
    assert_eq!(back.fields.len(), PlatformColumn::ALL.len());
}

#[test]
fn a_damaged_or_older_layout_still_reads_and_gains_the_missing_columns_unticked() {
    let back = PlatformLayout::from_text("junk\nname\t1\t名称\nnosuch\t1\tX\nname\t0\t重复\nurl\n");
    assert_eq!(back.fields[0].header, "名称");
    assert!(back.fields[0].include);
    assert_eq!(back.fields.len(), PlatformColumn::ALL.len(), "duplicates and unknown keys skipped");
    assert!(back.fields[1..].iter().all(|f| !f.include));
    assert_eq!(back.dates, DateStyle::Chinese);
    assert_eq!(PlatformLayout::from_text(""), PlatformLayout::default(), "no columns: the default");
    let iso = PlatformLayout::from_text("dates=iso\tonly_in_force=0\n");
    assert_eq!(iso.fields, PlatformLayout::default().fields);
    assert_eq!((iso.dates, iso.only_in_force), (DateStyle::Iso, false));
}

#[test]
fn an_empty_or_doubled_heading_is_named_before_export() {
    let mut layout = PlatformLayout::default();
    assert_eq!(layout.problem(), None);
    layout.fields[2].header = "  ".into();
    assert_eq!(layout.problem().unwrap(), "“所属领域”列的列名为空，请填写");
    layout.fields[2].header = "事项名称".into();
    assert_eq!(
        layout.problem().unwrap(),
        "“事项名称”与“所属领域”的列名都是“事项名称”，请改用不同的列名"
    );
    for field in &mut layout.fields {
        field.include = false;
    }
    assert_eq!(layout.problem().unwrap(), "请至少勾选一列");
}

#[test]
fn the_table_carries_filing_publication_and_upload_in_the_chosen_order_and_dates() {
    let items = vec![item(1, "企业消防安全提示"), item(2, "燃气使用安全劝导")];
    let reviews: HashMap<RecordId, ItemReview> =
        [(1, published(1, Some(day(3, 9)))), (2, published(2, None))].into();
    let mut layout = PlatformLayout { dates: DateStyle::Iso, ..PlatformLayout::default() };
    for field in &mut layout.fields {
        field.include = matches!(
            field.column,
            PlatformColumn::Name
                | PlatformColumn::FilingNumber
                | PlatformColumn::PublishedOn
                | PlatformColumn::UploadedOn
                | PlatformColumn::Serial
        );
    }
    layout.fields[0].header = "编号".into();
    let shown = platform_items(&items, &reviews, &layout);
    let table = platform_table(&shown, &reviews, &layout);
    assert_eq!(table.headers, ["编号", "事项名称", "备案号", "公布日期", "上传涉企平台日期"]);
    assert_eq!(
        table.rows,
        [
            ["1", "企业消防安全提示", "金司备〔2026〕1号", "2026-03-05", "2026-03-09"],
            ["2", "燃气使用安全劝导", "金司备〔2026〕2号", "2026-03-05", ""],
        ]
    );
    layout.dates = DateStyle::Chinese;
    let table = platform_table(&shown, &reviews, &layout);
    assert_eq!(table.rows[0][3], "2026年3月5日");
}

#[test]
fn only_items_in_force_go_out_unless_asked_and_a_revised_item_shows_its_published_text() {
    let old = item(1, "企业消防安全提示");
    let mut revised = old.clone();
    revised.name = "企业消防安全提示（修订稿）".into();
    let mut review = published(1, None);
    review.new_version(old.clone(), day(4, 1).and_hms_opt(9, 0, 0).unwrap(), "李明");
    let draft = item(2, "尚在起草的事项");
    let retired =
        CatalogueItem { status: ItemStatus::Deactivated, ..item(3, "已停用的事项") };
    let entered = item(4, "录入时已公布的事项");
    let items = vec![revised, draft, retired, entered];
    let reviews: HashMap<RecordId, ItemReview> = [(1, review), (2, ItemReview::new(2))].into();

    let mut layout = PlatformLayout::default();
    let names = |layout: &PlatformLayout| -> Vec<Vec<String>> {
        let shown = platform_items(&items, &reviews, layout);
        let table = platform_table(&shown, &reviews, layout);
        let at = |c| table.headers.iter().position(|h| h == PlatformColumn::label(c)).unwrap();
        let (name, status, filing) = (
            at(PlatformColumn::Name),
            at(PlatformColumn::Status),
            at(PlatformColumn::FilingNumber),
        );
        table
            .rows
            .iter()
            .map(|r| vec![r[name].clone(), r[status].clone(), r[filing].clone()])
            .collect()
    };
    assert_eq!(
        names(&layout),
        [["企业消防安全提示", "有效", "金司备〔2026〕1号"], ["录入时已公布的事项", "有效", ""],]
    );
    layout.only_in_force = false;
    assert_eq!(
        names(&layout),
        [
            ["企业消防安全提示", "有效", "金司备〔2026〕1号"],
            ["尚在起草的事项", "草拟", ""],
            ["已停用的事项", "停用", ""],
            ["录入时已公布的事项", "有效", ""],
        ]
    );
}
