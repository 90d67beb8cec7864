//! A guidance record (行政指导文书, attachment 1 of the plan): one act of guidance.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::method::Method;
use super::number::DocNumber;
use super::subject::Subject;
use super::validation::{Field, FieldError, check_line, require_line, require_text};
use super::{RecordId, Voided};

/// 主动 or 依申请.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Initiative {
    #[default]
    Proactive,
    OnApplication,
}

impl Initiative {
    pub const ALL: [Initiative; 2] = [Initiative::Proactive, Initiative::OnApplication];

    pub fn label(self) -> &'static str {
        match self {
            Initiative::Proactive => "主动",
            Initiative::OnApplication => "依申请",
        }
    }
}

/// 书面 or 口头.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum WrittenForm {
    #[default]
    Written,
    Oral,
}

impl WrittenForm {
    pub const ALL: [WrittenForm; 2] = [WrittenForm::Written, WrittenForm::Oral];

    pub fn label(self) -> &'static str {
        match self {
            WrittenForm::Written => "书面",
            WrittenForm::Oral => "口头",
        }
    }
}

/// Whether the subject accepted the guidance. Refusal must never lead to worse treatment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Acceptance {
    #[default]
    Accepted,
    Refused,
}

impl Acceptance {
    pub const ALL: [Acceptance; 2] = [Acceptance::Accepted, Acceptance::Refused];

    pub fn label(self) -> &'static str {
        match self {
            Acceptance::Accepted => "接受",
            Acceptance::Refused => "拒绝",
        }
    }
}

/// What a clerk types for one act of guidance; the form edits this before it has a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceDraft {
    /// 指导时间
    pub time: NaiveDateTime,
    /// 指导地点
    pub place: String,
    /// 指导人员, at least one.
    pub officers: Vec<RecordId>,
    /// 指导对象
    pub subject: Subject,
    /// 指导事项: a catalogue item.
    pub item: Option<RecordId>,
    /// 指导方式, pre-filled from the item.
    pub method: Method,
    /// 指导内容
    pub content: String,
    /// 指导取得的效益、效果; often filled in later.
    pub effect: String,
    pub initiative: Initiative,
    pub form: WrittenForm,
    pub acceptance: Acceptance,
}

impl GuidanceDraft {
    /// An empty draft dated `now`.
    pub fn new(now: NaiveDateTime) -> Self {
        Self {
            time: now,
            place: String::new(),
            officers: Vec::new(),
            subject: Subject::default(),
            item: None,
            method: Method::Reminder,
            content: String::new(),
            effect: String::new(),
            initiative: Initiative::default(),
            form: WrittenForm::default(),
            acceptance: Acceptance::default(),
        }
    }

    /// Everything that keeps the draft from being saved, each beside its field.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        require_line(&mut errors, Field::Place, &self.place, "指导地点");
        if self.officers.is_empty() {
            errors.push(FieldError::missing(Field::Officers, "请至少选择一名指导人员"));
        }
        self.subject.validate(&mut errors);
        if self.item.is_none() {
            errors.push(FieldError::missing(Field::Item, "请从事项目录中选择指导事项"));
        }
        require_text(&mut errors, Field::Content, &self.content, "指导内容");
        if !self.effect.is_empty() {
            check_line(&mut errors, Field::Effect, &self.effect.replace('\n', ""), "效益、效果");
        }
        errors
    }
}

/// A saved act of guidance with its number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guidance {
    pub id: RecordId,
    /// 文号, allocated when first saved and kept for ever.
    pub number: DocNumber,
    pub details: GuidanceDraft,
    /// Set when voided: the number stays, marked 作废.
    pub voided: Option<Voided>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Guidance {
    /// The 指导结果 column of the register.
    pub fn result_text(&self) -> String {
        if let Some(v) = &self.voided {
            return format!("作废：{}", v.reason);
        }
        let effect = self.details.effect.trim();
        match (self.details.acceptance, effect.is_empty()) {
            (Acceptance::Accepted, true) => "对象接受指导".into(),
            (Acceptance::Accepted, false) => effect.into(),
            (Acceptance::Refused, true) => "对象拒绝指导".into(),
            (Acceptance::Refused, false) => format!("对象拒绝指导；{effect}"),
        }
    }
}
