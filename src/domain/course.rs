//! The course of one act of guidance (办理过程): 登记 → 实施 → 出具文书 → 送达 → 跟踪 → 评估 →
//! 办结 → 归档, with the application of 依申请 guidance, the outcomes that end it early (the
//! subject refuses; a hand-over to enforcement), and amendments of an archived record.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use super::letter::Delivery;
use super::{GuidanceDraft, RecordId, WrittenForm};

/// Working days an office has to accept or refuse an application.
pub const REPLY_WORKING_DAYS: u64 = 5;

/// Where a record stands.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Stage {
    #[default]
    Registered,
    Implemented,
    Issued,
    Delivered,
    Tracking,
    Evaluated,
    Concluded,
    Archived,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Registered,
        Stage::Implemented,
        Stage::Issued,
        Stage::Delivered,
        Stage::Tracking,
        Stage::Evaluated,
        Stage::Concluded,
        Stage::Archived,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Registered => "登记",
            Stage::Implemented => "实施",
            Stage::Issued => "出具文书",
            Stage::Delivered => "送达",
            Stage::Tracking => "跟踪",
            Stage::Evaluated => "评估",
            Stage::Concluded => "办结",
            Stage::Archived => "归档",
        }
    }
}

/// How guidance ended early.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// The subject refused the guidance; refusal must never lead to worse treatment.
    Refused,
    /// A violation beyond guidance: handed over to enforcement.
    HandedOver,
}

impl Outcome {
    pub const ALL: [Outcome; 2] = [Outcome::Refused, Outcome::HandedOver];

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Refused => "对象拒绝接受指导",
            Outcome::HandedOver => "移交执法处理",
        }
    }
}

/// One move along the course, as it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEntry {
    pub stage: Stage,
    pub at: NaiveDateTime,
    /// Who made the move.
    pub by: String,
    pub note: String,
}

/// An application for guidance (依申请) and the office's decision on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// 申请日期
    pub received: NaiveDate,
    /// The decision's date and whether the application was accepted.
    pub decided: Option<(NaiveDate, bool)>,
}

/// A correction of an archived record: the record as it was before, and why it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    pub at: NaiveDateTime,
    pub by: String,
    pub reason: String,
    /// The record's fields before this amendment.
    pub before: GuidanceDraft,
}

/// How and when an outcome was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeEntry {
    pub outcome: Outcome,
    pub date: NaiveDate,
    pub note: String,
}

/// The course of one guidance record.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Course {
    pub guidance: RecordId,
    pub stage: Stage,
    pub history: Vec<StageEntry>,
    pub application: Option<Application>,
    pub delivery: Option<Delivery>,
    /// 评估意见
    pub evaluation: String,
    pub outcome: Option<OutcomeEntry>,
    pub amendments: Vec<Amendment>,
}

/// A move asked for by the clerk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Records the date an application was received (依申请).
    Applied(NaiveDate),
    /// Accepts (true) or refuses an application, on a date.
    Decide { accept: bool, date: NaiveDate },
    /// Moves to the next stage with a note.
    Advance { to: Stage, note: String },
    /// Records delivery and moves to 送达.
    Deliver(Delivery),
    /// Records the evaluation and moves to 评估.
    Evaluate(String),
    /// Ends the course early with an outcome; it is then 办结.
    End { outcome: Outcome, date: NaiveDate, note: String },
}

impl Step {
    /// The note the clerk wrote with the move, under its name on the form: the move's own,
    /// kept with the entry that records it. Other moves write their own notes from their data.
    pub fn note(&self) -> Option<(&'static str, &str)> {
        match self {
            Step::Advance { note, .. } => {
                Some(("说明", note.trim())).filter(|(_, n)| !n.is_empty())
            }
            _ => None,
        }
    }
}

impl Course {
    /// A course at 登记, for record `guidance`.
    pub fn new(guidance: RecordId) -> Self {
        Self { guidance, ..Self::default() }
    }

    /// Whether the record is archived: fields change only by amendment.
    pub fn is_locked(&self) -> bool {
        self.stage == Stage::Archived
    }

    /// The stages the record may move to next. A record given orally has no document to
    /// issue or deliver; an application must be accepted before guidance starts, and a
    /// refused one can only be concluded.
    pub fn next_stages(&self, form: WrittenForm) -> Vec<Stage> {
        use Stage::{
            Archived, Concluded, Delivered, Evaluated, Implemented, Issued, Registered, Tracking,
        };
        if self.outcome.is_some() {
            return if self.stage == Concluded { vec![Archived] } else { vec![Concluded] };
        }
        match self.stage {
            Registered => match &self.application {
                Some(Application { decided: None, .. }) => vec![],
                Some(Application { decided: Some((_, false)), .. }) => vec![Concluded],
                _ => vec![Implemented],
            },
            Implemented if form == WrittenForm::Written => vec![Issued, Tracking, Concluded],
            Implemented => vec![Tracking, Concluded],
            Issued => vec![Delivered],
            Delivered => vec![Tracking, Evaluated, Concluded],
            Tracking => vec![Evaluated, Concluded],
            Evaluated => vec![Concluded],
            Concluded => vec![Archived],
            Archived => vec![],
        }
    }

    /// The date by which an application must be answered: five working days (Monday to
    /// Friday) after it was received. None without an undecided application.
    pub fn reply_deadline(&self) -> Option<NaiveDate> {
        match &self.application {
            Some(Application { received, decided: None }) => {
                Some(add_working_days(*received, REPLY_WORKING_DAYS))
            }
            _ => None,
        }
    }

    /// Makes `step` at `at` by `by`, or says in Chinese why it is not allowed here.
    pub fn apply(
        &mut self,
        step: Step,
        form: WrittenForm,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<(), String> {
        if self.is_locked() {
            return Err("记录已归档，不能再变更办理过程".into());
        }
        let (stage, note) = match step {
            Step::Applied(date) => {
                if self.stage != Stage::Registered || self.application.is_some() {
                    return Err("只有刚登记的记录才能登记申请日期".into());
                }
                self.application = Some(Application { received: date, decided: None });
                return Ok(());
            }
            Step::Decide { accept, date } => {
                let Some(application) = &mut self.application else {
                    return Err("此记录为主动指导，没有申请需要答复".into());
                };
                if application.decided.is_some() {
                    return Err("申请已经答复过".into());
                }
                if date < application.received {
                    return Err("答复日期不能早于申请日期".into());
                }
                application.decided = Some((date, accept));
                let note = if accept { "受理申请" } else { "不予受理" };
                self.history.push(entry(self.stage, at, by, note.into()));
                return Ok(());
            }
            Step::Advance { to, note } => {
                if matches!(to, Stage::Delivered | Stage::Evaluated) {
                    return Err(format!(
                        "转到“{}”须填写{}",
                        to.label(),
                        if to == Stage::Delivered { "送达信息" } else { "评估意见" }
                    ));
                }
                (to, note)
            }
            Step::Deliver(delivery) => {
                self.check_move(Stage::Delivered, form)?;
                if delivery.method.trim().is_empty() || delivery.date.is_none() {
                    return Err("送达须填写送达方式和送达日期".into());
                }
                let note =
                    format!("{}，签收人：{}", delivery.method.trim(), delivery.signer.trim());
                self.delivery = Some(delivery);
                (Stage::Delivered, note)
            }
            Step::Evaluate(text) => {
                self.check_move(Stage::Evaluated, form)?;
                if text.trim().is_empty() {
                    return Err("请填写评估意见".into());
                }
                text.trim().clone_into(&mut self.evaluation);
                (Stage::Evaluated, self.evaluation.clone())
            }
            Step::End { outcome, date, note } => {
                if self.stage >= Stage::Concluded {
                    return Err("记录已办结，不能再登记结果".into());
                }
                self.outcome = Some(OutcomeEntry { outcome, date, note: note.trim().to_owned() });
                let note = format!("{}：{}", outcome.label(), note.trim());
                self.stage = Stage::Concluded;
                self.history.push(entry(Stage::Concluded, at, by, note));
                return Ok(());
            }
        };
        self.check_move(stage, form)?;
        self.stage = stage;
        self.history.push(entry(stage, at, by, note.trim().to_owned()));
        Ok(())
    }
}

impl Course {
    fn check_move(&self, to: Stage, form: WrittenForm) -> Result<(), String> {
        if self.next_stages(form).contains(&to) {
            return Ok(());
        }
        Err(match &self.application {
            Some(Application { decided: None, .. }) if self.stage == Stage::Registered => {
                "依申请的指导须先答复申请（受理或不予受理）".into()
            }
            _ => format!("当前为“{}”，不能转到“{}”", self.stage.label(), to.label()),
        })
    }
}

fn entry(stage: Stage, at: NaiveDateTime, by: &str, note: String) -> StageEntry {
    StageEntry { stage, at, by: by.to_owned(), note }
}

/// `date` plus `n` working days, Saturdays and Sundays not counted. Public holidays and
/// adjusted working weekends are not known to the program.
pub fn add_working_days(date: NaiveDate, n: u64) -> NaiveDate {
    let mut day = date;
    let mut left = n;
    while left > 0 {
        day = day.checked_add_days(Days::new(1)).unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests;
