//! Document numbers (文号): prefix + 〔year〕 + sequence + 号, e.g. 金岭指导书〔2026〕7号.

use serde::{Deserialize, Serialize};

/// The two kinds of numbered document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocKind {
    Guidance,
    Letter,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Guidance => "行政指导文书",
            DocKind::Letter => "行政指导意见书",
        }
    }
}

/// A document number. Once given it is never reused, even when the document is voided.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocNumber {
    pub prefix: String,
    pub year: i32,
    pub seq: u32,
}

impl DocNumber {
    /// Reads a number as printed; accepts 【】 and [] by mistake and says nothing of it.
    pub fn parse(text: &str) -> Option<DocNumber> {
        let text: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '【' | '[' | '（' | '(' => '〔',
                '】' | ']' | '）' | ')' => '〕',
                c => c,
            })
            .collect();
        let (prefix, rest) = text.split_once('〔')?;
        let (year, rest) = rest.split_once('〕')?;
        let seq = rest.strip_suffix('号')?;
        let year: i32 = year.trim().parse().ok()?;
        let seq: u32 = seq.trim().parse().ok()?;
        if !(1000..=9999).contains(&year) || seq == 0 {
            return None;
        }
        Some(DocNumber { prefix: prefix.trim().to_string(), year, seq })
    }
}

impl std::fmt::Display for DocNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}〔{}〕{}号", self.prefix, self.year, self.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_with_hexagonal_brackets_and_no_padding() {
        let n = DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 7 };
        assert_eq!(n.to_string(), "金岭指导书〔2026〕7号");
        assert!(!n.to_string().contains('【'));
    }

    #[test]
    fn parsed_back_even_with_wrong_brackets() {
        let n = DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 12 };
        assert_eq!(DocNumber::parse("金岭指导书〔2026〕12号"), Some(n.clone()));
        assert_eq!(DocNumber::parse("金岭指导书【2026】12号"), Some(n));
        assert_eq!(DocNumber::parse("金岭指导书〔26〕12号"), None);
        assert_eq!(DocNumber::parse("金岭指导书〔2026〕0号"), None);
        assert_eq!(DocNumber::parse("随便写的"), None);
    }
}
