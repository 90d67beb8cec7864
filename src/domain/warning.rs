//! 劝导警示 under the no-penalty list (不罚清单): a minor first violation is corrected, not
//! fined. Before such guidance is saved the clerk sees whether the subject has an earlier
//! violation within the window (twelve months, or the calendar year, by setting); the case
//! records the list entry, the subject's commitment (承诺书) and the re-check (复查).

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validation::{Field, FieldError, check_line, require_text};
use super::{Guidance, Method, RecordId};

/// Which earlier violations make this one not a first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ViolationWindow {
    /// The twelve months before the guidance.
    #[default]
    TwelveMonths,
    /// Earlier in the same calendar year.
    CalendarYear,
}

impl ViolationWindow {
    pub const ALL: [ViolationWindow; 2] =
        [ViolationWindow::TwelveMonths, ViolationWindow::CalendarYear];

    pub fn label(self) -> &'static str {
        match self {
            ViolationWindow::TwelveMonths => "前12个月内",
            ViolationWindow::CalendarYear => "同一自然年度内",
        }
    }

    /// The preference value that stores it.
    pub fn key(self) -> &'static str {
        match self {
            ViolationWindow::TwelveMonths => "12months",
            ViolationWindow::CalendarYear => "year",
        }
    }

    pub fn from_key(key: &str) -> Self {
        if key == "year" { ViolationWindow::CalendarYear } else { ViolationWindow::TwelveMonths }
    }

    /// The first day that counts for a violation on `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            ViolationWindow::TwelveMonths => day.checked_sub_months(Months::new(12)).unwrap_or(day),
            ViolationWindow::CalendarYear => {
                NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day)
            }
        }
    }
}

/// The same subject: the credit code when both have one, else the name (spaces ignored).
pub fn same_subject(a: &Guidance, b: &Guidance) -> bool {
    let code = |g: &Guidance| super::credit_code::normalize(&g.details.subject.credit_code);
    let (ca, cb) = (code(a), code(b));
    if !ca.is_empty() && !cb.is_empty() {
        return ca == cb;
    }
    let name = |g: &Guidance| g.details.subject.name.split_whitespace().collect::<String>();
    !name(a).is_empty() && name(a) == name(b)
}

/// Earlier 劝导警示 records of the same subject within `window` before `record`'s date,
/// newest first; voided records and `record` itself are left out. Empty: a first violation.
pub fn earlier_violations<'a>(
    record: &Guidance,
    all: &'a [Guidance],
    window: ViolationWindow,
) -> Vec<&'a Guidance> {
    let day = record.details.time.date();
    let start = window.start(day);
    let mut found: Vec<&Guidance> = all
        .iter()
        .filter(|g| {
            g.id != record.id
                && g.voided.is_none()
                && g.details.method == Method::Warning
                && (start..=day).contains(&g.details.time.date())
                && g.details.time <= record.details.time
                && same_subject(g, record)
        })
        .collect();
    found.sort_by_key(|g| std::cmp::Reverse(g.details.time));
    found
}

/// 承诺书
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// 承诺内容
    pub content: String,
    /// 签署日期
    pub signed: NaiveDate,
    /// 整改期限
    pub deadline: NaiveDate,
}

/// 复查结果
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum RecheckResult {
    #[default]
    Corrected,
    NotCorrected,
}

impl RecheckResult {
    pub const ALL: [RecheckResult; 2] = [RecheckResult::Corrected, RecheckResult::NotCorrected];

    pub fn label(self) -> &'static str {
        match self {
            RecheckResult::Corrected => "已整改，不予处罚",
            RecheckResult::NotCorrected => "逾期未整改，移交执法",
        }
    }
}

/// 复查
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recheck {
    pub date: NaiveDate,
    pub result: RecheckResult,
    pub note: String,
}

/// The no-penalty part of one 劝导警示 record, kept under the record's id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningCase {
    pub guidance: RecordId,
    /// The no-penalty list entry the violation falls under.
    pub entry: Option<RecordId>,
    /// Whether it was a first violation when checked, and the earlier records then found.
    pub first_violation: bool,
    pub earlier: Vec<RecordId>,
    pub commitment: Option<Commitment>,
    pub recheck: Option<Recheck>,
    pub updated_at: NaiveDateTime,
}

impl WarningCase {
    /// Problems that keep it from being saved; `record` is its guidance record.
    pub fn validate(&self, record: &Guidance) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if record.details.method != Method::Warning {
            errors.push(FieldError::new(Field::Item, "只有“劝导警示”的记录才能登记不罚清单事项"));
        }
        if let Some(c) = &self.commitment {
            require_text(&mut errors, Field::Content, &c.content, "承诺内容");
            if c.deadline < c.signed {
                errors.push(FieldError::new(Field::Date, "整改期限不能早于签署日期"));
            }
            if c.signed < record.details.time.date() {
                errors.push(FieldError::new(Field::Date, "签署日期不能早于指导日期"));
            }
        }
        if let Some(r) = &self.recheck {
            match &self.commitment {
                None => errors.push(FieldError::new(Field::Date, "请先登记承诺书，再登记复查")),
                Some(c) if r.date < c.signed => {
                    errors.push(FieldError::new(Field::Date, "复查日期不能早于承诺书签署日期"));
                }
                Some(_) => {}
            }
            check_line(&mut errors, Field::Feedback, &r.note, "复查说明");
        }
        errors
    }

    /// The correction deadline still open on `today` (no re-check yet), for the to-do list.
    pub fn open_deadline(&self) -> Option<NaiveDate> {
        match (&self.commitment, &self.recheck) {
            (Some(c), None) => Some(c.deadline),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
