//! The catalogue (行政指导事项目录): what may be guided, by domain.

use serde::{Deserialize, Serialize};

use super::RecordId;
use super::method::Method;
use super::validation::{Field, FieldError, check_line, check_phone, require_line, require_text};

/// 有效 / 停用.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ItemStatus {
    #[default]
    InForce,
    Deactivated,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 2] = [ItemStatus::InForce, ItemStatus::Deactivated];

    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::InForce => "有效",
            ItemStatus::Deactivated => "停用",
        }
    }
}

/// Domains of the province's township duty list, offered as suggestions; others may be typed.
pub const DOMAINS: [&str; 10] = [
    "安全生产",
    "市场监管",
    "生态环境",
    "农业农村",
    "城乡建设",
    "消防",
    "文化旅游",
    "自然资源",
    "卫生健康",
    "综合执法",
];

/// One entry of the published catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueItem {
    /// Store key; also the 序号 shown in lists.
    pub id: RecordId,
    /// 事项名称
    pub name: String,
    /// 所属领域
    pub domain: String,
    /// 指导方式
    pub method: Method,
    /// 指导依据 (law and article)
    pub basis: String,
    /// 适用对象
    pub applicable_to: String,
    /// 实施主体/承办机构
    pub implementer: String,
    /// 咨询电话
    pub phone: String,
    /// 是否涉企
    pub involves_enterprise: bool,
    pub status: ItemStatus,
}

impl Default for CatalogueItem {
    fn default() -> Self {
        Self {
            id: 0,
            name: String::new(),
            domain: String::new(),
            method: Method::Reminder,
            basis: String::new(),
            applicable_to: String::new(),
            implementer: String::new(),
            phone: String::new(),
            involves_enterprise: true,
            status: ItemStatus::InForce,
        }
    }
}

impl CatalogueItem {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        require_line(&mut errors, Field::Name, &self.name, "事项名称");
        require_line(&mut errors, Field::Domain, &self.domain, "所属领域");
        require_text(&mut errors, Field::Basis, &self.basis, "指导依据");
        check_line(&mut errors, Field::Applicable, &self.applicable_to, "适用对象");
        check_line(&mut errors, Field::Implementer, &self.implementer, "实施主体");
        check_phone(&mut errors, Field::Phone, &self.phone);
        errors
    }

    pub fn in_force(&self) -> bool {
        self.status == ItemStatus::InForce
    }
}
