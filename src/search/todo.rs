//! The clerk's to-do list, derived from the ledger on a given day: follow-up visits due and
//! overdue, applications waiting for an answer, catalogue items waiting for review, and
//! 劝导警示 correction deadlines without a re-check.

use chrono::NaiveDate;

use crate::domain::RecordId;
use crate::domain::follow_up::FollowUpState;
use crate::domain::review::ReviewState;

use super::data::LedgerData;

/// What a to-do is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodoKind {
    FollowUpOverdue,
    FollowUpDue,
    /// An application (依申请) whose five working days have passed without an answer.
    ReplyOverdue,
    /// An application still to be answered within its five working days.
    ReplyDue,
    /// A catalogue item submitted for legality review.
    ReviewPending,
    /// A 劝导警示 correction deadline that passed without a re-check.
    CorrectionOverdue,
    /// A correction deadline within the next seven days.
    CorrectionDue,
}

impl TodoKind {
    pub fn label(self) -> &'static str {
        match self {
            TodoKind::FollowUpOverdue => "回访已逾期",
            TodoKind::FollowUpDue => "回访即将到期",
            TodoKind::ReplyOverdue => "申请答复已逾期",
            TodoKind::ReplyDue => "申请待答复",
            TodoKind::ReviewPending => "事项待审查",
            TodoKind::CorrectionOverdue => "整改期限已过待复查",
            TodoKind::CorrectionDue => "整改期限将到",
        }
    }

    /// Whether the date has already passed.
    pub fn is_late(self) -> bool {
        matches!(
            self,
            TodoKind::FollowUpOverdue | TodoKind::ReplyOverdue | TodoKind::CorrectionOverdue
        )
    }
}

/// Where a to-do is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opens {
    /// The follow-up window of a guidance record.
    FollowUp(RecordId),
    /// The window of a guidance record.
    Guidance(RecordId),
    /// The window of a catalogue item.
    Item(RecordId),
}

/// One thing to do, and where it is done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Todo {
    pub kind: TodoKind,
    pub due: NaiveDate,
    /// e.g. `金岭指导书〔2026〕7号 某某食品店`.
    pub what: String,
    pub opens: Opens,
}

/// Everything to do as of `today`: the late first, then by date.
pub fn todos(data: &LedgerData, today: NaiveDate) -> Vec<Todo> {
    let mut list: Vec<Todo> = data
        .follow_ups
        .iter()
        .filter_map(|f| {
            let kind = match f.state(today) {
                FollowUpState::Overdue => TodoKind::FollowUpOverdue,
                FollowUpState::Due => TodoKind::FollowUpDue,
                FollowUpState::Planned | FollowUpState::Done => return None,
            };
            let record = data.guidance(f.guidance).filter(|g| g.voided.is_none())?;
            Some(Todo {
                kind,
                due: f.planned,
                what: format!("{} {}", record.number, record.details.subject.name),
                opens: Opens::FollowUp(record.id),
            })
        })
        .collect();
    for course in data.courses.values() {
        let Some(deadline) = course.reply_deadline() else { continue };
        let Some(record) = data.guidance(course.guidance).filter(|g| g.voided.is_none()) else {
            continue;
        };
        list.push(Todo {
            kind: if deadline < today { TodoKind::ReplyOverdue } else { TodoKind::ReplyDue },
            due: deadline,
            what: format!("{} {}", record.number, record.details.subject.name),
            opens: Opens::Guidance(record.id),
        });
    }
    let week = today.checked_add_days(chrono::Days::new(7)).unwrap_or(today);
    for case in data.warnings.values() {
        let Some(deadline) = case.open_deadline().filter(|d| *d <= week) else { continue };
        let Some(record) = data.guidance(case.guidance).filter(|g| g.voided.is_none()) else {
            continue;
        };
        list.push(Todo {
            kind: if deadline < today {
                TodoKind::CorrectionOverdue
            } else {
                TodoKind::CorrectionDue
            },
            due: deadline,
            what: format!("{} {}", record.number, record.details.subject.name),
            opens: Opens::Guidance(record.id),
        });
    }
    for review in data.reviews.values().filter(|r| r.state == ReviewState::Submitted) {
        let Some(item) = data.item(review.item) else { continue };
        let submitted = review.history.last().map_or(today, |e| e.at.date());
        list.push(Todo {
            kind: TodoKind::ReviewPending,
            due: submitted,
            what: format!("{}（第{}版）", item.name, review.version),
            opens: Opens::Item(item.id),
        });
    }
    list.sort_by_key(|t| (!t.kind.is_late(), t.due));
    list
}
