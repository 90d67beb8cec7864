//! The six methods of guidance (指导方式).

use serde::{Deserialize, Serialize};

/// 指导方式, as the plan lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Method {
    Policy,
    Advice,
    Reminder,
    Warning,
    Example,
    Revisit,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::Policy,
        Method::Advice,
        Method::Reminder,
        Method::Warning,
        Method::Example,
        Method::Revisit,
    ];

    /// The Chinese name printed on documents.
    pub fn label(self) -> &'static str {
        match self {
            Method::Policy => "政策指引",
            Method::Advice => "意见建议",
            Method::Reminder => "提示提醒",
            Method::Warning => "劝导警示",
            Method::Example => "示范引领",
            Method::Revisit => "案件回访",
        }
    }

    /// Short code used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Method::Policy => "policy",
            Method::Advice => "advice",
            Method::Reminder => "reminder",
            Method::Warning => "warning",
            Method::Example => "example",
            Method::Revisit => "revisit",
        }
    }

    /// Finds a method by its Chinese name or its code.
    pub fn parse(text: &str) -> Option<Method> {
        let text = text.trim();
        Method::ALL.into_iter().find(|m| m.label() == text || m.code() == text)
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
