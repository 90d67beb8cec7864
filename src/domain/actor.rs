//! Who is working (当前操作人员): the person every change is recorded against.

use serde::{Deserialize, Serialize};

use super::RecordId;

/// The person making a change: an officer, the office's reviewer, or the command line.
///
/// Stored in every audit entry, so its layout is part of the trail: add new variants at the
/// end only.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Actor {
    /// No one was chosen: a program that opened the ledger without saying who works.
    #[default]
    Unspecified,
    /// A 指导人员, by id; the name as it was when the change was made.
    Officer { id: RecordId, name: String },
    /// The judicial office's reviewer (司法所审查人员), by name.
    Reviewer { name: String },
    /// A change made with `guidance-ledger <命令>` at a prompt or in a scheduled job.
    CommandLine,
}

impl Actor {
    /// How the person is shown: 马国强, 李明（司法所审查人员）, 命令行.
    pub fn label(&self) -> String {
        match self {
            Actor::Unspecified => "未指定人员".into(),
            Actor::Officer { name, .. } => name.clone(),
            Actor::Reviewer { name } => format!("{name}（司法所审查人员）"),
            Actor::CommandLine => "命令行".into(),
        }
    }

    /// Whether two actors are the same person; an officer renamed since is still the same.
    pub fn same_person(&self, other: &Actor) -> bool {
        match (self, other) {
            (Actor::Officer { id: a, .. }, Actor::Officer { id: b, .. }) => a == b,
            _ => self == other,
        }
    }

    /// The choice as a short text, to remember it as a preference: `officer:3`, `reviewer:李明`.
    pub fn to_key(&self) -> String {
        match self {
            Actor::Unspecified => "unspecified".into(),
            Actor::Officer { id, .. } => format!("officer:{id}"),
            Actor::Reviewer { name } => format!("reviewer:{name}"),
            Actor::CommandLine => "cli".into(),
        }
    }

    /// Reads back [`Actor::to_key`]; an officer's name is filled in by `name_of`, and an
    /// officer `name_of` does not know (deleted since) gives `None`.
    pub fn from_key(key: &str, name_of: impl Fn(RecordId) -> Option<String>) -> Option<Actor> {
        if let Some(id) = key.strip_prefix("officer:") {
            let id = id.parse().ok()?;
            return Some(Actor::Officer { id, name: name_of(id)? });
        }
        if let Some(name) = key.strip_prefix("reviewer:") {
            let name = name.trim();
            return (!name.is_empty()).then(|| Actor::Reviewer { name: name.into() });
        }
        match key {
            "cli" => Some(Actor::CommandLine),
            _ => None,
        }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_remembered_as_text_and_read_back() {
        let officer = Actor::Officer { id: 3, name: "马国强".into() };
        let names = |id| (id == 3).then(|| "马国强".to_string());
        assert_eq!(Actor::from_key(&officer.to_key(), names), Some(officer.clone()));
        let reviewer = Actor::Reviewer { name: "李明".into() };
        assert_eq!(Actor::from_key(&reviewer.to_key(), names), Some(reviewer.clone()));
        assert_eq!(reviewer.label(), "李明（司法所审查人员）");
        assert_eq!(Actor::from_key("officer:9", names), None);
        assert_eq!(Actor::from_key("reviewer: ", names), None);
        assert_eq!(Actor::from_key("胡写", names), None);
    }

    #[test]
    fn a_renamed_officer_is_the_same_person() {
        let before = Actor::Officer { id: 3, name: "马国强".into() };
        let after = Actor::Officer { id: 3, name: "马国庆".into() };
        assert!(before.same_person(&after));
        assert!(!before.same_person(&Actor::Officer { id: 4, name: "马国强".into() }));
        assert!(!Actor::CommandLine.same_person(&before));
    }
}
