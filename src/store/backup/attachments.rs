//! Attachment files travel with backups: a backup folder holds a `附件` folder beside its
//! backup files, filled with every attachment not yet there, each checked against its hash.
//! A restore copies them back where the restored ledger expects them.

use std::path::Path;

use redb::ReadTransaction;

use crate::domain::attachment::Attachment;
use crate::store::attachments::copy_attachment;
use crate::store::error::Result;
use crate::store::ledger::load_all;
use crate::store::tables::ATTACHMENTS;

/// The attachments a snapshot knows of.
pub(super) fn listed(txn: &ReadTransaction) -> Result<Vec<Attachment>> {
    load_all(txn, ATTACHMENTS, "附件")
}

/// What copying attachment files did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttachmentCopy {
    /// Files copied now.
    pub copied: usize,
    /// Files already there from an earlier backup.
    pub present: usize,
    /// Files that could not be copied, each said in Chinese.
    pub problems: Vec<String>,
}

impl AttachmentCopy {
    /// One line for the clerk, e.g. `附件文件：新复制3个，已有12个`; empty without any.
    pub fn summary(&self) -> String {
        if self.copied + self.present + self.problems.len() == 0 {
            return String::new();
        }
        let mut line = format!("附件文件：新复制{}个，已有{}个", self.copied, self.present);
        if !self.problems.is_empty() {
            let count = self.problems.len().to_string();
            line.extend(["；", count.as_str(), "个未能复制（", &self.problems.join("；"), "）"]);
        }
        line
    }
}

/// Copies the files of `list` from the folder `from` into `to` where missing.
pub(super) fn copy_all(list: &[Attachment], from: &Path, to: &Path) -> AttachmentCopy {
    let mut done = AttachmentCopy::default();
    for attachment in list {
        match copy_attachment(attachment, from, to) {
            Ok(true) => done.copied += 1,
            Ok(false) => done.present += 1,
            Err(fault) => {
                log::warn!("附件 {} 未能复制：{fault}", attachment.stored);
                done.problems.push(format!("{}：{fault}", attachment.original_name));
            }
        }
    }
    done
}
