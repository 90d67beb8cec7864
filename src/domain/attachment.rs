//! Attachments (附件): scans and photos kept with a record — signed letters, delivery
//! receipts, commitments. The file is copied into the ledger's attachment folder; its SHA-256
//! is recorded so any later change to the file is found.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::RecordId;

/// What an attachment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum AttachmentKind {
    /// 送达回证 / 签收回执
    Receipt,
    /// 签收的意见书
    SignedLetter,
    /// 承诺书
    Commitment,
    /// 现场照片
    Photo,
    #[default]
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 5] = [
        AttachmentKind::Receipt,
        AttachmentKind::SignedLetter,
        AttachmentKind::Commitment,
        AttachmentKind::Photo,
        AttachmentKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AttachmentKind::Receipt => "送达回证",
            AttachmentKind::SignedLetter => "签收的文书",
            AttachmentKind::Commitment => "承诺书",
            AttachmentKind::Photo => "现场照片",
            AttachmentKind::Other => "其他材料",
        }
    }
}

/// The record an attachment belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Owner {
    Guidance(RecordId),
    Letter(RecordId),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: RecordId,
    pub owner: Owner,
    pub kind: AttachmentKind,
    /// The file's name as the clerk chose it.
    pub original_name: String,
    /// Where the copy is, relative to the attachment folder, with `/` between parts.
    pub stored: String,
    /// SHA-256 of the file, 64 lowercase hex digits.
    pub sha256: String,
    pub bytes: u64,
    pub added_at: NaiveDateTime,
}

/// Largest file accepted, so a mistaken choice (a video, a disk image) is caught.
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// A name safe to use in a folder on any system: path separators and characters Windows
/// refuses become `_`, and it is cut to 80 characters keeping the extension.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').to_owned();
    let cleaned = if cleaned.is_empty() { "附件".to_owned() } else { cleaned };
    if cleaned.chars().count() <= 80 {
        return cleaned;
    }
    let (stem, ext) = match cleaned.rfind('.') {
        Some(dot) if cleaned.len() - dot <= 10 => cleaned.split_at(dot),
        _ => (cleaned.as_str(), ""),
    };
    let keep = 80 - ext.chars().count();
    stem.chars().take(keep).chain(ext.chars()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_safe_and_short() {
        assert_eq!(safe_file_name("送达回证.pdf"), "送达回证.pdf");
        assert_eq!(safe_file_name(r"..\..\Windows\win.ini"), "_.._Windows_win.ini");
        assert_eq!(safe_file_name("a/b:c*?.jpg"), "a_b_c__.jpg");
        assert_eq!(safe_file_name("  ..  "), "附件");
        let long = format!("{}.jpeg", "照".repeat(100));
        let safe = safe_file_name(&long);
        assert_eq!(safe.chars().count(), 80);
        assert!(safe.ends_with("照.jpeg"));
    }
}
