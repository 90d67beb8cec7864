//! The audit trail's entries (修改记录): who changed which record, when, and how.
//!
//! The types only; the store chains entries by hash and keeps them (`store::audit`).
//! Every type here is stored: add enum variants at the end only, never reorder them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::RecordId;
use super::actor::Actor;
use super::date::format_date_time;

/// What was done to a record.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// 新建
    Create,
    /// 修改
    Update,
    /// 作废: the record stays, marked voided.
    Void,
    /// 删除
    Delete,
    /// 恢复: the whole ledger was replaced by a backup.
    Restore,
    /// A named step of a workflow, e.g. 提交审查, 备案, 归档.
    Step(String),
}

impl Action {
    pub fn label(&self) -> &str {
        match self {
            Action::Create => "新建",
            Action::Update => "修改",
            Action::Void => "作废",
            Action::Delete => "删除",
            Action::Restore => "恢复",
            Action::Step(name) => name,
        }
    }
}

/// The kind of record an entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    Guidance,
    Letter,
    Officer,
    CatalogueItem,
    Settings,
    /// The ledger as a whole (a restore from a backup).
    Ledger,
    /// 回访, keyed by its own id.
    FollowUp,
    /// The no-penalty part of a 劝导警示 record, keyed by the record's id.
    WarningCase,
    /// 典型案例, keyed by the record's id.
    TypicalCase,
    /// 附件, keyed by its own id.
    Attachment,
    /// 不罚清单条目
    NoPenaltyEntry,
}

impl RecordKind {
    /// Every kind, in the order filters offer them.
    pub const ALL: [RecordKind; 11] = [
        RecordKind::Guidance,
        RecordKind::Letter,
        RecordKind::FollowUp,
        RecordKind::WarningCase,
        RecordKind::TypicalCase,
        RecordKind::Attachment,
        RecordKind::Officer,
        RecordKind::CatalogueItem,
        RecordKind::NoPenaltyEntry,
        RecordKind::Settings,
        RecordKind::Ledger,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Guidance => "指导记录",
            RecordKind::Letter => "意见书",
            RecordKind::Officer => "指导人员",
            RecordKind::CatalogueItem => "目录事项",
            RecordKind::Settings => "设置",
            RecordKind::Ledger => "台账",
            RecordKind::FollowUp => "回访",
            RecordKind::WarningCase => "不罚清单登记",
            RecordKind::TypicalCase => "典型案例",
            RecordKind::Attachment => "附件",
            RecordKind::NoPenaltyEntry => "不罚清单条目",
        }
    }

    /// A stable code for the store's index by record; never reuse one.
    pub fn code(self) -> u8 {
        match self {
            RecordKind::Guidance => 0,
            RecordKind::Letter => 1,
            RecordKind::Officer => 2,
            RecordKind::CatalogueItem => 3,
            RecordKind::Settings => 4,
            RecordKind::Ledger => 5,
            RecordKind::FollowUp => 6,
            RecordKind::WarningCase => 7,
            RecordKind::TypicalCase => 8,
            RecordKind::Attachment => 9,
            RecordKind::NoPenaltyEntry => 10,
        }
    }
}

/// One field that differs: its name, and its text before and after. A field of a new record
/// has an empty `before`; of a deleted one, an empty `after`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

impl FieldChange {
    /// What a move adds that was not there before, such as the note written with it.
    pub fn added(field: &str, text: &str) -> Self {
        FieldChange { field: field.into(), before: String::new(), after: text.into() }
    }

    /// `指导地点：金岭一村 → 金岭二村`; for a record `action` creates or deletes, only the
    /// value it had: `指导地点：金岭一村`.
    pub fn text(&self, action: &Action) -> String {
        let shown = |s: &str| if s.is_empty() { "（空）".to_string() } else { s.to_string() };
        match action {
            Action::Create | Action::Restore => format!("{}：{}", self.field, self.after),
            Action::Delete => format!("{}：{}", self.field, self.before),
            _ => format!("{}：{} → {}", self.field, shown(&self.before), shown(&self.after)),
        }
    }
}

/// A record as named fields with readable values, e.g. `("指导地点", "金岭一村")`.
pub type Fields = Vec<(&'static str, String)>;

/// The fields whose text differs between `before` and `after`, in the order of `after`.
/// A field only in `before` counts as emptied.
pub fn diff(
    before: &[(&'static str, String)],
    after: &[(&'static str, String)],
) -> Vec<FieldChange> {
    let old = |name: &str| before.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str());
    let mut changes: Vec<FieldChange> = after
        .iter()
        .filter(|(name, value)| old(name) != value)
        .map(|(name, value)| FieldChange {
            field: (*name).into(),
            before: old(name).into(),
            after: value.clone(),
        })
        .collect();
    for (name, value) in before {
        if !value.is_empty() && !after.iter().any(|(n, _)| n == name) {
            changes.push(FieldChange {
                field: (*name).into(),
                before: value.clone(),
                after: String::new(),
            });
        }
    }
    changes
}

/// The non-empty fields of a record being created (`created`) or deleted.
pub fn all_fields(fields: &[(&'static str, String)], created: bool) -> Vec<FieldChange> {
    fields
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| {
            let (before, after) = if created {
                (String::new(), value.clone())
            } else {
                (value.clone(), String::new())
            };
            FieldChange { field: (*name).into(), before, after }
        })
        .collect()
}

/// One entry of the trail, as stored: what happened, and its place in the hash chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 1 for the first entry of a ledger, then one more for each.
    pub seq: u64,
    pub at: NaiveDateTime,
    pub actor: Actor,
    pub action: Action,
    pub kind: RecordKind,
    /// The record's id (0 for settings and the ledger as a whole).
    pub record_id: RecordId,
    /// The record's 文号, or its name when it has none.
    pub label: String,
    pub changes: Vec<FieldChange>,
    /// SHA-256 of the entry before (all zeros for the first).
    pub prev_hash: [u8; 32],
    /// SHA-256 of this entry's content and `prev_hash`.
    pub hash: [u8; 32],
}

impl AuditEntry {
    /// `2026年12月3日 14:05`.
    pub fn time_text(&self) -> String {
        format_date_time(self.at)
    }

    /// What changed, one field per line; `未改动内容` when nothing did.
    pub fn changes_text(&self) -> String {
        if self.changes.is_empty() {
            return "未改动内容".into();
        }
        let lines: Vec<String> = self.changes.iter().map(|c| c.text(&self.action)).collect();
        lines.join("\n")
    }

    /// What changed on one line, for lists.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "未改动内容".into();
        }
        let parts: Vec<String> = self.changes.iter().map(|c| c.text(&self.action)).collect();
        parts.join("；").replace('\n', " ")
    }
}

/// Which entries the whole-ledger history shows; `None` lets every value through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<Actor>,
    pub kind: Option<RecordKind>,
    /// First and last day shown, both included.
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl AuditFilter {
    pub fn matches(&self, entry: &AuditEntry) -> bool {
        let day = entry.at.date();
        self.actor.as_ref().is_none_or(|a| a.same_person(&entry.actor))
            && self.kind.is_none_or(|k| k == entry.kind)
            && self.from.is_none_or(|from| day >= from)
            && self.to.is_none_or(|to| day <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_fields_that_differ_are_listed() {
        let before: Fields = vec![("指导地点", "金岭一村".into()), ("效益、效果", String::new())];
        let after: Fields = vec![("指导地点", "金岭二村".into()), ("效益、效果", String::new())];
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].text(&Action::Update), "指导地点：金岭一村 → 金岭二村");
        assert!(diff(&after, &after).is_empty());

        let dropped = diff(&before, &[("效益、效果", String::new())]);
        assert_eq!(dropped[0].text(&Action::Update), "指导地点：金岭一村 → （空）");
        let filled = diff(&after, &[("效益、效果", "已整改".into())]);
        assert_eq!(filled[0].text(&Action::Update), "效益、效果：（空） → 已整改");
    }

    #[test]
    fn a_new_record_lists_its_filled_fields() {
        let fields: Fields = vec![("姓名", "马国强".into()), ("电话", String::new())];
        let changes = all_fields(&fields, true);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].text(&Action::Create), "姓名：马国强");
        assert_eq!(all_fields(&fields, false)[0].text(&Action::Delete), "姓名：马国强");
    }
}
