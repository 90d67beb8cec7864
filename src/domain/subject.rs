//! The subject of guidance (指导对象 / 行政相对人).

use serde::{Deserialize, Serialize};

use super::credit_code;
use super::validation::{Field, FieldError, check_line, check_phone, require_line};

/// 企业 / 个体工商户 / 自然人.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SubjectKind {
    #[default]
    Enterprise,
    IndividualBusiness,
    NaturalPerson,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 3] =
        [SubjectKind::Enterprise, SubjectKind::IndividualBusiness, SubjectKind::NaturalPerson];

    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::Enterprise => "企业",
            SubjectKind::IndividualBusiness => "个体工商户",
            SubjectKind::NaturalPerson => "自然人",
        }
    }

    /// Businesses carry a 统一社会信用代码; natural persons do not.
    pub fn has_credit_code(self) -> bool {
        self != SubjectKind::NaturalPerson
    }
}

/// The person or business guided.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Subject {
    pub kind: SubjectKind,
    pub name: String,
    /// 统一社会信用代码; empty for natural persons.
    pub credit_code: String,
    /// 联系人
    pub contact: String,
    pub phone: String,
    pub address: String,
}

impl Subject {
    pub fn validate(&self, errors: &mut Vec<FieldError>) {
        require_line(errors, Field::SubjectName, &self.name, "指导对象名称");
        if self.kind == SubjectKind::Enterprise && self.credit_code.trim().is_empty() {
            errors.push(FieldError::missing(Field::CreditCode, "企业须填写18位统一社会信用代码"));
        } else if self.kind.has_credit_code()
            && !self.credit_code.trim().is_empty()
            && let Err(e) = credit_code::validate(&self.credit_code)
        {
            errors.push(FieldError::new(Field::CreditCode, e.to_string()));
        }
        check_phone(errors, Field::Phone, &self.phone);
        check_line(errors, Field::SubjectContact, &self.contact, "联系人");
        check_line(errors, Field::Address, &self.address, "地址");
    }
}
