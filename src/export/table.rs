//! Lists turned into plain tables of text, ready for any file format.

use crate::domain::register::REGISTER_HEADERS;
use crate::domain::{CatalogueItem, OpinionLetter, RegisterRow, format_date};

use super::ListKind;

/// A titled table of text cells: what every export format writes.
///
/// Cells are exactly what the clerk sees; formats add layout, never content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Shown above the headers in XLSX; left out of CSV so the file re-imports cleanly.
    pub title: String,
    /// Column headers, in order.
    pub headers: Vec<String>,
    /// Data rows; each normally has one cell per header.
    pub rows: Vec<Vec<String>>,
}

/// Headers of the catalogue export.
const CATALOGUE_HEADERS: [&str; 10] = [
    "序号",
    "事项名称",
    "所属领域",
    "指导方式",
    "指导依据",
    "适用对象",
    "实施主体",
    "咨询电话",
    "是否涉企",
    "状态",
];

/// Headers of the opinion letter export.
const LETTER_HEADERS: [&str; 13] = [
    "序号",
    "文号",
    "收件对象",
    "成文日期",
    "存在问题",
    "指导意见",
    "指导联系人",
    "联系电话",
    "关联指导文书",
    "送达方式",
    "送达日期",
    "签收人",
    "反馈",
];

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|&h| h.to_owned()).collect()
}

/// The register as shown: rows in the given order, 序号 counting from 1.
///
/// The title names the unit and the period, e.g.
/// `金岭回族镇人民政府行政指导事项登记簿（2026年）`; either may be empty.
#[must_use]
pub fn register_table(rows: &[&RegisterRow], unit_name: &str, period: &str) -> Table {
    let (unit_name, period) = (unit_name.trim(), period.trim());
    let mut title = format!("{unit_name}{}", ListKind::Register.title());
    if !period.is_empty() {
        title.extend(["（", period, "）"]);
    }
    Table {
        title,
        headers: headers(&REGISTER_HEADERS),
        rows: rows.iter().enumerate().map(|(i, row)| row.cells(i + 1).into()).collect(),
    }
}

/// The catalogue in the given order, 序号 counting from 1 so a published list has no gaps.
///
/// The title is the bare list title; set [`Table::title`] to add the unit's name.
#[must_use]
pub fn catalogue_table(items: &[CatalogueItem]) -> Table {
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            vec![
                (i + 1).to_string(),
                item.name.clone(),
                item.domain.clone(),
                item.method.label().to_owned(),
                item.basis.clone(),
                item.applicable_to.clone(),
                item.implementer.clone(),
                item.phone.clone(),
                if item.involves_enterprise { "是" } else { "否" }.to_owned(),
                item.status.label().to_owned(),
            ]
        })
        .collect();
    Table {
        title: ListKind::Catalogue.title().to_owned(),
        headers: headers(&CATALOGUE_HEADERS),
        rows,
    }
}

/// The opinion letters in the given order, 序号 counting from 1.
///
/// `guidance_numbers` gives the printed 文号 of a guidance record by id, for the
/// 关联指导文书 column; `None` leaves the cell empty. A voided letter's 文号 ends in （作废）.
pub fn letters_table(
    letters: &[OpinionLetter],
    guidance_numbers: &dyn Fn(u64) -> Option<String>,
) -> Table {
    let rows = letters
        .iter()
        .enumerate()
        .map(|(i, letter)| {
            let d = &letter.details;
            let mut number = letter.number.to_string();
            if letter.voided.is_some() {
                number.push_str("（作废）");
            }
            vec![
                (i + 1).to_string(),
                number,
                d.addressee.clone(),
                format_date(d.date),
                d.problems.clone(),
                d.opinion.clone(),
                d.contact.clone(),
                d.phone.clone(),
                d.guidance.and_then(guidance_numbers).unwrap_or_default(),
                d.delivery.method.clone(),
                d.delivery.date.map(format_date).unwrap_or_default(),
                d.delivery.signer.clone(),
                d.feedback.clone(),
            ]
        })
        .collect();
    Table { title: ListKind::Letters.title().to_owned(), headers: headers(&LETTER_HEADERS), rows }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::domain::{DocNumber, Method, OpinionLetterDraft, Voided};

    fn row(id: u64, subject: &str) -> RegisterRow {
        let time = NaiveDate::from_ymd_opt(2026, 3, 1).and_then(|d| d.and_hms_opt(9, 5, 0));
        RegisterRow {
            id,
            time: time.unwrap_or_default(),
            number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 1 },
            number_text: "金岭指导书〔2026〕1号".into(),
            subject: subject.into(),
            item: "食品安全".into(),
            item_id: Some(1),
            method: Method::Reminder,
            result: "对象接受指导".into(),
            officers: "马国强、李娜".into(),
            officer_ids: vec![1, 2],
            voided: false,
        }
    }

    #[test]
    fn register_rows_are_numbered_in_view_order() {
        let (a, b) = (row(7, "甲商店"), row(3, "乙公司"));
        let table = register_table(&[&a, &b], "金岭回族镇人民政府", "2026年");
        assert_eq!(table.title, "金岭回族镇人民政府行政指导事项登记簿（2026年）");
        assert_eq!(table.headers, REGISTER_HEADERS);
        assert_eq!(table.rows[0][0], "1");
        assert_eq!(table.rows[0][3], "甲商店");
        assert_eq!(table.rows[1][0], "2");
        assert_eq!(table.rows[1][1], "2026年3月1日 9:05");
        assert_eq!(register_table(&[], "", "").title, "行政指导事项登记簿");
    }

    #[test]
    fn catalogue_says_yes_or_no_for_enterprises() {
        let items = [
            CatalogueItem { id: 9, name: "消防安全".into(), ..Default::default() },
            CatalogueItem { id: 4, involves_enterprise: false, ..Default::default() },
        ];
        let table = catalogue_table(&items);
        assert_eq!(table.headers.len(), 10);
        assert_eq!(table.rows[0][..2], ["1", "消防安全"]);
        assert_eq!(table.rows[0][8], "是");
        assert_eq!(table.rows[1][8], "否");
        assert_eq!(table.rows[1][9], "有效");
    }

    #[test]
    fn letters_show_void_marks_links_and_delivery() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 6).unwrap_or_default();
        let mut draft = OpinionLetterDraft::new(day, "司法所", "0533-1234567");
        draft.addressee = "张三".into();
        draft.guidance = Some(12);
        draft.delivery.date = Some(day);
        let letter = OpinionLetter {
            id: 1,
            number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 9 },
            details: draft,
            voided: Some(Voided { reason: "重复".into(), at: day.and_time(NaiveTime::MIN) }),
            created_at: day.and_time(NaiveTime::MIN),
            updated_at: day.and_time(NaiveTime::MIN),
        };
        let numbers = |id: u64| (id == 12).then(|| "金岭指导书〔2026〕3号".to_owned());
        let table = letters_table(std::slice::from_ref(&letter), &numbers);
        let cells = &table.rows[0];
        assert_eq!(cells.len(), table.headers.len());
        assert!(cells[1].ends_with("（作废）"), "{}", cells[1]);
        assert_eq!(cells[3], "2026年5月6日");
        assert_eq!(cells[8], "金岭指导书〔2026〕3号");
        assert_eq!(cells[10], "2026年5月6日");
    }
}
