//! Follow-up visits (回访): planned from a guidance record, done by someone other than its
//! handler, recording correction, satisfaction and whether more guidance is needed.

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validation::{Field, FieldError, check_line, require_text};
use super::{Guidance, RecordId};

/// Days from the guidance to the planned visit unless the clerk says otherwise.
pub const DEFAULT_DAYS_AFTER: u64 = 30;

/// How a visit was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum VisitMethod {
    #[default]
    Phone,
    OnSite,
    Questionnaire,
    Meeting,
}

impl VisitMethod {
    pub const ALL: [VisitMethod; 4] =
        [VisitMethod::Phone, VisitMethod::OnSite, VisitMethod::Questionnaire, VisitMethod::Meeting];

    pub fn label(self) -> &'static str {
        match self {
            VisitMethod::Phone => "电话回访",
            VisitMethod::OnSite => "实地回访",
            VisitMethod::Questionnaire => "问卷回访",
            VisitMethod::Meeting => "座谈回访",
        }
    }
}

/// 满意度
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Satisfaction {
    #[default]
    Satisfied,
    MostlySatisfied,
    Dissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] =
        [Satisfaction::Satisfied, Satisfaction::MostlySatisfied, Satisfaction::Dissatisfied];

    pub fn label(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "满意",
            Satisfaction::MostlySatisfied => "基本满意",
            Satisfaction::Dissatisfied => "不满意",
        }
    }
}

/// What was found on a visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub date: NaiveDate,
    pub method: VisitMethod,
    /// 回访人: officers, by id.
    pub visitors: Vec<RecordId>,
    /// 整改情况
    pub correction: String,
    pub satisfaction: Satisfaction,
    /// Whether the subject needs more guidance.
    pub more_guidance: bool,
    /// 备注
    pub notes: String,
}

/// A planned follow-up visit of one guidance record, and the visit once made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: RecordId,
    pub guidance: RecordId,
    /// 计划回访日期
    pub planned: NaiveDate,
    pub visit: Option<Visit>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Where a follow-up stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUpState {
    /// Planned for later than the next week.
    Planned,
    /// Planned within the next seven days (or today).
    Due,
    /// The planned day has passed without a visit.
    Overdue,
    Done,
}

impl FollowUpState {
    pub fn label(self) -> &'static str {
        match self {
            FollowUpState::Planned => "待回访",
            FollowUpState::Due => "即将到期",
            FollowUpState::Overdue => "已逾期",
            FollowUpState::Done => "已回访",
        }
    }
}

impl FollowUp {
    /// A visit planned [`DEFAULT_DAYS_AFTER`] days after the guidance.
    pub fn plan(record: &Guidance, now: NaiveDateTime) -> Self {
        let day = record.details.time.date();
        Self {
            id: 0,
            guidance: record.id,
            planned: day.checked_add_days(Days::new(DEFAULT_DAYS_AFTER)).unwrap_or(day),
            visit: None,
            created_at: now,
            updated_at: now,
        }
    }

    pub fn state(&self, today: NaiveDate) -> FollowUpState {
        if self.visit.is_some() {
            FollowUpState::Done
        } else if self.planned < today {
            FollowUpState::Overdue
        } else if self.planned <= today.checked_add_days(Days::new(7)).unwrap_or(today) {
            FollowUpState::Due
        } else {
            FollowUpState::Planned
        }
    }

    /// Problems that keep it from being saved. `record` is the guidance it follows up.
    pub fn validate(&self, record: &Guidance) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.planned < record.details.time.date() {
            errors.push(FieldError::new(Field::Date, "计划回访日期不能早于指导日期"));
        }
        if let Some(visit) = &self.visit {
            if visit.date < record.details.time.date() {
                errors.push(FieldError::new(Field::Date, "回访日期不能早于指导日期"));
            }
            if visit.visitors.is_empty() {
                errors.push(FieldError::missing(Field::Officers, "请选择回访人"));
            }
            require_text(&mut errors, Field::Content, &visit.correction, "整改情况");
            check_line(&mut errors, Field::Feedback, &visit.notes, "备注");
        }
        errors
    }

    /// A warning, not a refusal: the plan says a visit is made by someone other than the
    /// record's handler. Names the visitors who also handled the record.
    pub fn handler_warning(
        &self,
        record: &Guidance,
        name_of: impl Fn(RecordId) -> String,
    ) -> Option<String> {
        let visit = self.visit.as_ref()?;
        let same: Vec<String> = visit
            .visitors
            .iter()
            .filter(|v| record.details.officers.contains(v))
            .map(|&v| name_of(v))
            .collect();
        (!same.is_empty()).then(|| {
            format!(
                "{}也是本案的指导人员；回访应由其他人员进行，如确需本人回访，请在备注中说明原因。",
                same.join("、")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DocNumber, GuidanceDraft};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn record() -> Guidance {
        let time = day(3, 5).and_hms_opt(9, 0, 0).unwrap();
        let mut details = GuidanceDraft::new(time);
        details.officers = vec![1, 2];
        Guidance {
            id: 9,
            number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 9 },
            details,
            voided: None,
            created_at: time,
            updated_at: time,
        }
    }

    fn visit(visitors: Vec<RecordId>) -> Visit {
        Visit {
            date: day(4, 3),
            method: VisitMethod::OnSite,
            visitors,
            correction: "已整改到位".into(),
            satisfaction: Satisfaction::Satisfied,
            more_guidance: false,
            notes: String::new(),
        }
    }

    #[test]
    fn a_visit_is_planned_thirty_days_after_and_falls_due_and_overdue() {
        let g = record();
        let mut f = FollowUp::plan(&g, g.created_at);
        assert_eq!(f.planned, day(4, 4));
        assert_eq!(f.state(day(3, 20)), FollowUpState::Planned);
        assert_eq!(f.state(day(3, 28)), FollowUpState::Due);
        assert_eq!(f.state(day(4, 4)), FollowUpState::Due);
        assert_eq!(f.state(day(4, 5)), FollowUpState::Overdue);
        f.visit = Some(visit(vec![3]));
        assert_eq!(f.state(day(4, 5)), FollowUpState::Done);
        assert!(f.validate(&g).is_empty());
    }

    #[test]
    fn the_handler_visiting_is_a_warning_naming_them() {
        let g = record();
        let mut f = FollowUp::plan(&g, g.created_at);
        let names =
            |id| ["", "马国强", "丁秀兰", "王建国"][usize::try_from(id).unwrap()].to_string();
        assert_eq!(f.handler_warning(&g, names), None, "no visit yet");
        f.visit = Some(visit(vec![3]));
        assert_eq!(f.handler_warning(&g, names), None);
        f.visit = Some(visit(vec![3, 2, 1]));
        let warning = f.handler_warning(&g, names).unwrap();
        assert!(warning.starts_with("丁秀兰、马国强也是本案的指导人员"), "{warning}");
        assert!(f.validate(&g).is_empty(), "a warning does not stop the save");
    }

    #[test]
    fn a_visit_needs_visitors_and_correction_and_no_date_before_the_guidance() {
        let g = record();
        let mut f = FollowUp::plan(&g, g.created_at);
        f.planned = day(3, 1);
        let mut v = visit(Vec::new());
        v.correction = " ".into();
        v.date = day(3, 4);
        f.visit = Some(v);
        let messages: Vec<String> = f.validate(&g).into_iter().map(|e| e.message).collect();
        assert_eq!(
            messages,
            [
                "计划回访日期不能早于指导日期",
                "回访日期不能早于指导日期",
                "请选择回访人",
                "请填写整改情况"
            ]
        );
    }
}
