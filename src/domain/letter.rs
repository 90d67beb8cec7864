//! Opinion letters (行政指导意见书, attachment 2): written advice naming a problem.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::number::DocNumber;
use super::validation::{Field, FieldError, check_line, check_phone, require_line, require_text};
use super::{RecordId, Voided};

/// How and when a letter reached its addressee (送达).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Delivery {
    /// 送达方式, e.g. 直接送达, 邮寄送达, 留置送达.
    pub method: String,
    /// 送达日期; empty until delivered.
    pub date: Option<NaiveDate>,
    /// 签收人
    pub signer: String,
}

/// Usual ways of delivery, offered in the form.
pub const DELIVERY_METHODS: [&str; 5] =
    ["直接送达", "邮寄送达", "留置送达", "电子送达", "委托送达"];

/// What a clerk types for a letter before it has a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionLetterDraft {
    /// 收件人 (the subject), followed by a full-width colon when printed.
    pub addressee: String,
    /// 存在问题
    pub problems: String,
    /// 指导意见
    pub opinion: String,
    /// 指导联系人
    pub contact: String,
    /// 联系电话
    pub phone: String,
    /// 成文日期
    pub date: NaiveDate,
    /// The guidance record this letter belongs to, if any.
    pub guidance: Option<RecordId>,
    pub delivery: Delivery,
    /// 对象反馈
    pub feedback: String,
}

impl OpinionLetterDraft {
    pub fn new(today: NaiveDate, contact: &str, phone: &str) -> Self {
        Self {
            addressee: String::new(),
            problems: String::new(),
            opinion: String::new(),
            contact: contact.into(),
            phone: phone.into(),
            date: today,
            guidance: None,
            delivery: Delivery::default(),
            feedback: String::new(),
        }
    }

    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        require_line(&mut errors, Field::Addressee, &self.addressee, "收件对象");
        require_text(&mut errors, Field::Problems, &self.problems, "存在问题");
        require_text(&mut errors, Field::Opinion, &self.opinion, "指导意见");
        require_line(&mut errors, Field::Contact, &self.contact, "指导联系人");
        check_phone(&mut errors, Field::Phone, &self.phone);
        check_line(&mut errors, Field::Signer, &self.delivery.signer, "签收人");
        if let Some(d) = self.delivery.date
            && d < self.date
        {
            errors.push(FieldError::new(Field::DeliveryDate, "送达日期不能早于成文日期"));
        }
        if self.feedback.chars().count() > super::validation::MAX_TEXT_CHARS {
            errors.push(FieldError::new(Field::Feedback, "反馈内容过长"));
        }
        errors
    }
}

/// A saved opinion letter with its number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionLetter {
    pub id: RecordId,
    pub number: DocNumber,
    pub details: OpinionLetterDraft,
    pub voided: Option<Voided>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl OpinionLetter {
    /// 已送达 / 未送达 for lists.
    pub fn delivery_text(&self) -> String {
        match self.details.delivery.date {
            Some(d) => format!("已送达（{}）", super::date::format_date(d)),
            None => "未送达".into(),
        }
    }
}
