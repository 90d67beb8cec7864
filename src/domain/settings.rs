//! The office's settings: everything another town would change.

use serde::{Deserialize, Serialize};

use super::number::DocKind;
use super::validation::{Field, FieldError, check_phone, require_line};

/// Unit name, numbering and defaults for letters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// 单位名称, printed on documents.
    pub unit_name: String,
    /// Prefix of guidance record numbers, e.g. 金岭指导书.
    pub guidance_prefix: String,
    /// Prefix of opinion letter numbers when they have their own sequence.
    pub letter_prefix: String,
    /// Whether opinion letters share the guidance number sequence (the plan's default).
    pub letters_share_sequence: bool,
    /// 指导联系人 printed on letters unless the clerk changes it.
    pub default_contact: String,
    /// 联系电话 printed on letters unless the clerk changes it.
    pub default_phone: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            unit_name: "金岭回族镇人民政府".into(),
            guidance_prefix: "金岭指导书".into(),
            letter_prefix: "金岭指导意见书".into(),
            letters_share_sequence: true,
            default_contact: "金岭回族镇司法所".into(),
            default_phone: String::new(),
        }
    }
}

impl Settings {
    /// The prefix printed on a document of this kind.
    pub fn prefix_for(&self, kind: DocKind) -> &str {
        match kind {
            DocKind::Letter if !self.letters_share_sequence => &self.letter_prefix,
            _ => &self.guidance_prefix,
        }
    }

    /// Name of the number sequence a kind draws from; shared sequences share a name.
    pub fn series_for(&self, kind: DocKind) -> &'static str {
        match kind {
            DocKind::Letter if !self.letters_share_sequence => "letter",
            _ => "guidance",
        }
    }

    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        require_line(&mut errors, Field::UnitName, &self.unit_name, "单位名称");
        require_line(&mut errors, Field::GuidancePrefix, &self.guidance_prefix, "文号前缀");
        for prefix in [&self.guidance_prefix, &self.letter_prefix] {
            if prefix.chars().any(|c| matches!(c, '〔' | '〕' | '【' | '】' | '[' | ']' | '号'))
            {
                errors.push(FieldError::new(
                    Field::GuidancePrefix,
                    "文号前缀不要包含括号或“号”字，年份和序号会自动加上",
                ));
            }
        }
        if !self.letters_share_sequence {
            require_line(&mut errors, Field::LetterPrefix, &self.letter_prefix, "意见书文号前缀");
            if self.letter_prefix.trim() == self.guidance_prefix.trim() {
                errors.push(FieldError::new(
                    Field::LetterPrefix,
                    "意见书单独编号时，前缀须与指导文书不同，否则会出现重复文号",
                ));
            }
        }
        check_phone(&mut errors, Field::Phone, &self.default_phone);
        errors
    }
}
