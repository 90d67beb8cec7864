//! The no-penalty list (不罚清单): published minor violations that are corrected, not fined.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::RecordId;
use super::validation::{Field, FieldError, check_line, require_line, require_text};

/// One entry of the published no-penalty list.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NoPenaltyEntry {
    /// Store key; 0 for an entry not yet saved.
    pub id: RecordId,
    /// 序号 as the published list numbers it.
    pub serial: u32,
    /// 执法领域
    pub domain: String,
    /// 违法行为
    pub violation: String,
    /// 法律依据
    pub basis: String,
    /// 不予处罚条件
    pub conditions: String,
    /// 实施主体
    pub implementer: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl NoPenaltyEntry {
    /// `第3项 未按规定公示营业执照`: how the entry is named in pickers and the audit trail.
    pub fn label(&self) -> String {
        format!("第{}项 {}", self.serial, super::audit_fields::short(&self.violation))
    }

    /// Problems that keep this entry from being saved, each beside its field.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.serial == 0 {
            errors.push(FieldError::missing(Field::Serial, "请填写序号（从1开始的整数）"));
        }
        require_line(&mut errors, Field::Domain, &self.domain, "执法领域");
        require_text(&mut errors, Field::Violation, &self.violation, "违法行为");
        require_text(&mut errors, Field::Basis, &self.basis, "法律依据");
        require_text(&mut errors, Field::Conditions, &self.conditions, "不予处罚条件");
        check_line(&mut errors, Field::Implementer, &self.implementer, "实施主体");
        errors
    }
}

/// Next free 序号 after the entries given: one past the largest.
pub fn next_serial(entries: &[NoPenaltyEntry]) -> u32 {
    entries.iter().map(|e| e.serial).max().unwrap_or(0).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> NoPenaltyEntry {
        NoPenaltyEntry {
            serial: 1,
            domain: "市场监管".into(),
            violation: "未按规定公示营业执照".into(),
            basis: "《市场主体登记管理条例》第三十六条".into(),
            conditions: "首次违法，及时改正，没有造成危害后果".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_entry_is_valid_and_each_gap_is_named() {
        assert!(entry().validate().is_empty());
        let empty = NoPenaltyEntry::default();
        let fields: Vec<Field> = empty.validate().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [Field::Serial, Field::Domain, Field::Violation, Field::Basis, Field::Conditions]
        );
        let long = NoPenaltyEntry { implementer: "站".repeat(201), ..entry() };
        assert!(long.validate()[0].message.contains("实施主体过长"));
    }

    #[test]
    fn the_next_serial_follows_the_largest() {
        assert_eq!(next_serial(&[]), 1);
        let list = [NoPenaltyEntry { serial: 7, ..entry() }, entry()];
        assert_eq!(next_serial(&list), 8);
    }
}
