//! The catalogue for the city's enterprise-inspection platform (涉企平台 “行政指导专区”).
//!
//! The platform's upload format is not published, so the office chooses which columns go
//! out, in which order and under which headings, and how dates are written. The choice is a
//! [`PlatformLayout`], kept as text in the ledger's preferences.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::BuildHasher;

use chrono::NaiveDate;

use crate::domain::review::{InForce, ItemReview};
use crate::domain::{CatalogueItem, RecordId, format_date};

use super::{ListKind, Table};

/// A column the platform export can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlatformColumn {
    Serial,
    Name,
    Domain,
    Method,
    Basis,
    ApplicableTo,
    Implementer,
    Phone,
    Enterprise,
    Version,
    FilingNumber,
    FilingDate,
    PublishedOn,
    Url,
    UploadedOn,
    Status,
}

impl PlatformColumn {
    /// Every column, in the order first offered.
    pub const ALL: [PlatformColumn; 16] = [
        PlatformColumn::Serial,
        PlatformColumn::Name,
        PlatformColumn::Domain,
        PlatformColumn::Method,
        PlatformColumn::Basis,
        PlatformColumn::ApplicableTo,
        PlatformColumn::Implementer,
        PlatformColumn::Phone,
        PlatformColumn::Enterprise,
        PlatformColumn::Version,
        PlatformColumn::FilingNumber,
        PlatformColumn::FilingDate,
        PlatformColumn::PublishedOn,
        PlatformColumn::Url,
        PlatformColumn::UploadedOn,
        PlatformColumn::Status,
    ];

    /// What the column holds, and its heading until the office renames it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PlatformColumn::Serial => "序号",
            PlatformColumn::Name => "事项名称",
            PlatformColumn::Domain => "所属领域",
            PlatformColumn::Method => "指导方式",
            PlatformColumn::Basis => "指导依据",
            PlatformColumn::ApplicableTo => "适用对象",
            PlatformColumn::Implementer => "实施主体",
            PlatformColumn::Phone => "咨询电话",
            PlatformColumn::Enterprise => "是否涉企",
            PlatformColumn::Version => "版本",
            PlatformColumn::FilingNumber => "备案号",
            PlatformColumn::FilingDate => "备案日期",
            PlatformColumn::PublishedOn => "公布日期",
            PlatformColumn::Url => "公布网址",
            PlatformColumn::UploadedOn => "上传涉企平台日期",
            PlatformColumn::Status => "状态",
        }
    }

    /// The column's name in the saved layout; never changes.
    fn key(self) -> &'static str {
        match self {
            PlatformColumn::Serial => "serial",
            PlatformColumn::Name => "name",
            PlatformColumn::Domain => "domain",
            PlatformColumn::Method => "method",
            PlatformColumn::Basis => "basis",
            PlatformColumn::ApplicableTo => "applicable_to",
            PlatformColumn::Implementer => "implementer",
            PlatformColumn::Phone => "phone",
            PlatformColumn::Enterprise => "enterprise",
            PlatformColumn::Version => "version",
            PlatformColumn::FilingNumber => "filing_number",
            PlatformColumn::FilingDate => "filing_date",
            PlatformColumn::PublishedOn => "published_on",
            PlatformColumn::Url => "url",
            PlatformColumn::UploadedOn => "uploaded_on",
            PlatformColumn::Status => "status",
        }
    }

    /// Shown at first: what a published list needs. The rest can be ticked.
    fn shown_at_first(self) -> bool {
        !matches!(self, PlatformColumn::Version | PlatformColumn::UploadedOn)
    }
}

/// One column of the layout: whether it goes out, and under which heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformField {
    pub column: PlatformColumn,
    pub include: bool,
    pub header: String,
}

/// How dates are written in the platform export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateStyle {
    /// 2026年3月5日, as everywhere else in the program.
    #[default]
    Chinese,
    /// 2026-03-05, which upload forms often ask for.
    Iso,
}

impl DateStyle {
    pub const ALL: [DateStyle; 2] = [DateStyle::Chinese, DateStyle::Iso];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DateStyle::Chinese => "2026年3月5日",
            DateStyle::Iso => "2026-03-05",
        }
    }

    fn write(self, date: NaiveDate) -> String {
        match self {
            DateStyle::Chinese => format_date(date),
            DateStyle::Iso => date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// The office's choice of columns for the platform, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformLayout {
    pub fields: Vec<PlatformField>,
    pub dates: DateStyle,
    /// Only items in force (published, or published and being revised) go out.
    pub only_in_force: bool,
}

impl Default for PlatformLayout {
    fn default() -> Self {
        Self {
            fields: PlatformColumn::ALL
                .into_iter()
                .map(|column| PlatformField {
                    column,
                    include: column.shown_at_first(),
                    header: column.label().to_owned(),
                })
                .collect(),
            dates: DateStyle::default(),
            only_in_force: true,
        }
    }
}

/// Key of the layout in the ledger's preferences.
pub const PLATFORM_LAYOUT_KEY: &str = "platform_layout";

impl PlatformLayout {
    /// The layout as kept in the preferences: a line of options, then a line per column
    /// (`key`, 1 or 0, heading) separated by tabs.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "dates={}\tonly_in_force={}\n",
            match self.dates {
                DateStyle::Chinese => "chinese",
                DateStyle::Iso => "iso",
            },
            u8::from(self.only_in_force)
        );
        for field in &self.fields {
            let header = clean_header(&field.header);
            let _ = writeln!(text, "{}\t{}\t{header}", field.column.key(), u8::from(field.include));
        }
        text
    }

    /// Reads a saved layout. Lines that make no sense are skipped; columns the text does not
    /// name (added by a later version) come last, not ticked. Never fails.
    #[must_use]
    pub fn from_text(text: &str) -> Self {
        let mut layout = PlatformLayout { fields: Vec::new(), ..PlatformLayout::default() };
        let mut lines = text.lines();
        if let Some(options) = lines.next() {
            for option in options.split('\t') {
                match option.trim() {
                    "dates=iso" => layout.dates = DateStyle::Iso,
                    "dates=chinese" => layout.dates = DateStyle::Chinese,
                    "only_in_force=0" => layout.only_in_force = false,
                    "only_in_force=1" => layout.only_in_force = true,
                    _ => {}
                }
            }
        }
        for line in lines {
            let mut parts = line.splitn(3, '\t');
            let (Some(key), Some(include), header) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Some(column) = PlatformColumn::ALL.into_iter().find(|c| c.key() == key) else {
                continue;
            };
            if layout.fields.iter().any(|f| f.column == column) {
                continue;
            }
            let header = clean_header(header.unwrap_or_default());
            layout.fields.push(PlatformField {
                column,
                include: include == "1",
                header: if header.is_empty() { column.label().to_owned() } else { header },
            });
        }
        if layout.fields.is_empty() {
            layout.fields = PlatformLayout::default().fields;
        }
        for column in PlatformColumn::ALL {
            if !layout.fields.iter().any(|f| f.column == column) {
                layout.fields.push(PlatformField {
                    column,
                    include: false,
                    header: column.label().to_owned(),
                });
            }
        }
        layout
    }

    /// The columns that go out, in order.
    pub fn included(&self) -> impl Iterator<Item = &PlatformField> {
        self.fields.iter().filter(|f| f.include)
    }

    /// Moves the field at `from` one place up (`-1`) or down (`1`), if it can move.
    pub fn shift(&mut self, from: usize, by: isize) {
        if let Some(to) = from.checked_add_signed(by).filter(|&to| to < self.fields.len())
            && from < self.fields.len()
        {
            self.fields.swap(from, to);
        }
    }

    /// What is wrong with the layout, in Chinese, or `None` when it can be exported.
    #[must_use]
    pub fn problem(&self) -> Option<String> {
        let included: Vec<&PlatformField> = self.included().collect();
        if included.is_empty() {
            return Some("请至少勾选一列".into());
        }
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for field in &included {
            let header = field.header.trim();
            if header.is_empty() {
                return Some(format!("“{}”列的列名为空，请填写", field.column.label()));
            }
            if let Some(other) = seen.insert(header, field.column.label()) {
                return Some(format!(
                    "“{other}”与“{}”的列名都是“{header}”，请改用不同的列名",
                    field.column.label()
                ));
            }
        }
        None
    }
}

/// Tabs and line breaks would break the saved layout and the upload file's header.
fn clean_header(header: &str) -> String {
    header.split(['\t', '\r', '\n']).collect::<Vec<_>>().join(" ").trim().to_owned()
}

/// The items that go out under `layout`, in the given order: all, or those in force.
#[must_use]
pub fn platform_items<'a, S: BuildHasher>(
    items: impl IntoIterator<Item = &'a CatalogueItem>,
    reviews: &HashMap<RecordId, ItemReview, S>,
    layout: &PlatformLayout,
) -> Vec<&'a CatalogueItem> {
    items
        .into_iter()
        .filter(|item| {
            !layout.only_in_force
                || (item.in_force() && reviews.get(&item.id).is_none_or(ItemReview::in_force))
        })
        .collect()
}

/// The platform table of `items` under `layout`. For an item being revised, the version in
/// force (the last one published) goes out, with its filing and publication.
#[must_use]
pub fn platform_table<S: BuildHasher>(
    items: &[&CatalogueItem],
    reviews: &HashMap<RecordId, ItemReview, S>,
    layout: &PlatformLayout,
) -> Table {
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, &item)| {
            let review = reviews.get(&item.id);
            let shown = match review {
                Some(review) => review.version_in_force(item),
                None => InForce { version: 1, item, filing: None, publication: None },
            };
            let status = match review {
                Some(review) if !review.in_force() => review.state.label(),
                _ => item.status.label(),
            };
            let row = Row { serial: i + 1, shown, status, dates: layout.dates };
            layout.included().map(|f| row.cell(f.column)).collect()
        })
        .collect();
    Table {
        title: ListKind::Platform.title().to_owned(),
        headers: layout.included().map(|f| f.header.trim().to_owned()).collect(),
        rows,
    }
}

/// One item's row, before the columns are chosen.
struct Row<'a> {
    serial: usize,
    shown: InForce<'a>,
    /// 有效 or 停用; for an item not in force by its review, where the review stands.
    status: &'a str,
    dates: DateStyle,
}

impl Row<'_> {
    fn cell(&self, column: PlatformColumn) -> String {
        let (item, filing, publication) =
            (self.shown.item, self.shown.filing, self.shown.publication);
        let date = |d: Option<NaiveDate>| d.map(|d| self.dates.write(d)).unwrap_or_default();
        match column {
            PlatformColumn::Serial => self.serial.to_string(),
            PlatformColumn::Name => item.name.clone(),
            PlatformColumn::Domain => item.domain.clone(),
            PlatformColumn::Method => item.method.label().to_owned(),
            PlatformColumn::Basis => item.basis.clone(),
            PlatformColumn::ApplicableTo => item.applicable_to.clone(),
            PlatformColumn::Implementer => item.implementer.clone(),
            PlatformColumn::Phone => item.phone.clone(),
            PlatformColumn::Enterprise => if item.involves_enterprise { "是" } else { "否" }.into(),
            PlatformColumn::Version => format!("第{}版", self.shown.version),
            PlatformColumn::FilingNumber => filing.map(|f| f.number.clone()).unwrap_or_default(),
            PlatformColumn::FilingDate => date(filing.map(|f| f.date)),
            PlatformColumn::PublishedOn => date(publication.map(|p| p.date)),
            PlatformColumn::Url => publication.map(|p| p.url.clone()).unwrap_or_default(),
            PlatformColumn::UploadedOn => date(publication.and_then(|p| p.platform_date)),
            PlatformColumn::Status => self.status.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests;
