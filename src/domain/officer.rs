//! Officers (指导人员 / 执法人员) who give guidance.

use serde::{Deserialize, Serialize};

use super::RecordId;
use super::validation::{Field, FieldError, check_line, check_phone, require_line};

/// A member of staff who gives guidance. Never deleted once named in a record.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Officer {
    pub id: RecordId,
    /// 姓名
    pub name: String,
    /// 执法证号
    pub badge: String,
    /// 所属站所
    pub station: String,
    /// 电话
    pub phone: String,
    /// An inactive officer keeps his records but cannot be chosen for new guidance.
    pub active: bool,
}

impl Officer {
    /// Problems that keep this officer from being saved.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        require_line(&mut errors, Field::Name, &self.name, "姓名");
        check_line(&mut errors, Field::Badge, &self.badge, "执法证号");
        check_line(&mut errors, Field::Station, &self.station, "所属站所");
        check_phone(&mut errors, Field::Phone, &self.phone);
        errors
    }
}
