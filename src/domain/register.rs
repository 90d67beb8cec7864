//! The register (行政指导事项登记簿, attachment 3): a view derived from guidance records.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::RecordId;
use super::catalogue::CatalogueItem;
use super::guidance::Guidance;
use super::method::Method;
use super::number::DocNumber;
use super::officer::Officer;

/// One line of the register, with its cells already written out for display and export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterRow {
    pub id: RecordId,
    pub time: NaiveDateTime,
    pub number: DocNumber,
    /// 文号 as printed.
    pub number_text: String,
    /// 指导对象
    pub subject: String,
    /// 指导事项
    pub item: String,
    pub item_id: Option<RecordId>,
    pub method: Method,
    /// 指导结果
    pub result: String,
    /// 指导人员, names joined by 、
    pub officers: String,
    pub officer_ids: Vec<RecordId>,
    pub voided: bool,
}

/// Column headers of the register, in order; 序号 is the row's place in the view.
pub const REGISTER_HEADERS: [&str; 8] =
    ["序号", "时间", "文号", "指导对象", "指导事项", "指导方式", "指导结果", "指导人员"];

impl RegisterRow {
    pub fn from_guidance(
        g: &Guidance,
        items: &HashMap<RecordId, CatalogueItem>,
        officers: &HashMap<RecordId, Officer>,
    ) -> Self {
        let d = &g.details;
        let item = d
            .item
            .and_then(|id| items.get(&id))
            .map_or_else(|| "（事项已删除）".to_string(), |i| i.name.clone());
        let officer_names: Vec<&str> = d
            .officers
            .iter()
            .map(|id| officers.get(id).map_or("（未知人员）", |o| o.name.as_str()))
            .collect();
        let mut number_text = g.number.to_string();
        if g.voided.is_some() {
            number_text.push_str("（作废）");
        }
        Self {
            id: g.id,
            time: d.time,
            number: g.number.clone(),
            number_text,
            subject: d.subject.name.clone(),
            item,
            item_id: d.item,
            method: d.method,
            result: g.result_text(),
            officers: officer_names.join("、"),
            officer_ids: d.officers.clone(),
            voided: g.voided.is_some(),
        }
    }

    /// The cells of this row as exported, given its 序号.
    pub fn cells(&self, seq: usize) -> [String; 8] {
        [
            seq.to_string(),
            super::date::format_date_time(self.time),
            self.number_text.clone(),
            self.subject.clone(),
            self.item.clone(),
            self.method.label().to_string(),
            self.result.clone(),
            self.officers.clone(),
        ]
    }
}

/// The structured part of the register's filter; free text is matched by the search index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisterFilter {
    pub year: Option<i32>,
    /// Month 1–12, only together with a year.
    pub month: Option<u32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub officer: Option<RecordId>,
    pub item: Option<RecordId>,
    pub method: Option<Method>,
    pub text: String,
}

impl RegisterFilter {
    /// Whether a row passes every structured condition.
    pub fn matches(&self, row: &RegisterRow) -> bool {
        let date = row.time.date();
        self.year.is_none_or(|y| date.year() == y)
            && self.month.is_none_or(|m| self.year.is_none() || date.month() == m)
            && self.from.is_none_or(|f| date >= f)
            && self.to.is_none_or(|t| date <= t)
            && self.officer.is_none_or(|o| row.officer_ids.contains(&o))
            && self.item.is_none_or(|i| row.item_id == Some(i))
            && self.method.is_none_or(|m| row.method == m)
    }

    /// A short Chinese description of the period, for titles and file names.
    pub fn period_label(&self) -> String {
        match (self.year, self.month, self.from, self.to) {
            (Some(y), Some(m), _, _) => format!("{y}年{m}月"),
            (Some(y), None, _, _) => format!("{y}年"),
            (None, _, Some(f), Some(t)) => {
                format!("{}至{}", super::date::format_date(f), super::date::format_date(t))
            }
            _ => "全部".into(),
        }
    }
}

/// Register columns that can be sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Time,
    Number,
    Subject,
    Item,
    Method,
    Result,
    Officers,
}

/// A column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegisterSort {
    pub column: SortColumn,
    pub ascending: bool,
}

impl Default for RegisterSort {
    fn default() -> Self {
        Self { column: SortColumn::Time, ascending: true }
    }
}

impl RegisterSort {
    /// Orders two rows; ties fall back to the document number so the order is stable.
    pub fn compare(&self, a: &RegisterRow, b: &RegisterRow) -> Ordering {
        let primary = match self.column {
            SortColumn::Time => a.time.cmp(&b.time),
            SortColumn::Number => a.number.cmp(&b.number),
            SortColumn::Subject => a.subject.cmp(&b.subject),
            SortColumn::Item => a.item.cmp(&b.item),
            SortColumn::Method => a.method.cmp(&b.method),
            SortColumn::Result => a.result.cmp(&b.result),
            SortColumn::Officers => a.officers.cmp(&b.officers),
        };
        let ordered = primary.then_with(|| a.number.cmp(&b.number));
        if self.ascending { ordered } else { ordered.reverse() }
    }
}
