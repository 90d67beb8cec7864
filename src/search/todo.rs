//! The clerk's to-do list, derived from the ledger on a given day: follow-up visits due and
//! overdue. Later workflow steps (correction deadlines, application replies, items waiting for
//! review) add their kinds here.

use chrono::NaiveDate;

use crate::domain::RecordId;
use crate::domain::follow_up::FollowUpState;

use super::data::LedgerData;

/// What a to-do is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodoKind {
    FollowUpOverdue,
    FollowUpDue,
}

impl TodoKind {
    pub fn label(self) -> &'static str {
        match self {
            TodoKind::FollowUpOverdue => "回访已逾期",
            TodoKind::FollowUpDue => "回访即将到期",
        }
    }

    /// Whether the date has already passed.
    pub fn is_late(self) -> bool {
        matches!(self, TodoKind::FollowUpOverdue)
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
    list.sort_by_key(|t| (!t.kind.is_late(), t.due));
    list
}
