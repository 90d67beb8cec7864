//! The clerk's to-do list, derived from the ledger on a given day: follow-up visits due and
//! overdue, and applications waiting for an answer. Later workflow steps (correction
//! deadlines, items waiting for review) add their kinds here.

use chrono::NaiveDate;

use crate::domain::RecordId;
use crate::domain::follow_up::FollowUpState;

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
}

impl TodoKind {
    pub fn label(self) -> &'static str {
        match self {
            TodoKind::FollowUpOverdue => "回访已逾期",
            TodoKind::FollowUpDue => "回访即将到期",
            TodoKind::ReplyOverdue => "申请答复已逾期",
            TodoKind::ReplyDue => "申请待答复",
        }
    }

    /// Whether the date has already passed.
    pub fn is_late(self) -> bool {
        matches!(self, TodoKind::FollowUpOverdue | TodoKind::ReplyOverdue)
    }

    /// Whether it is done in the follow-up window (else in the record's own window).
    pub fn is_follow_up(self) -> bool {
        matches!(self, TodoKind::FollowUpOverdue | TodoKind::FollowUpDue)
    }
}

/// One thing to do, and the guidance record it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Todo {
    pub kind: TodoKind,
    pub due: NaiveDate,
    /// e.g. `金岭指导书〔2026〕7号 某某食品店`.
    pub what: String,
    pub guidance: RecordId,
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
                guidance: record.id,
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
            guidance: record.id,
        });
    }
    list.sort_by_key(|t| (!t.kind.is_late(), t.due));
    list
}
