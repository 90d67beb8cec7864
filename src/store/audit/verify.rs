//! `verify`: checks that nothing recorded was changed behind the program's back.
//!
//! A list of checks, each reading the ledger in one read transaction and reporting the first
//! fault it finds. The audit trail is the first; a later check (attachments' hashes) is one
//! more function in [`CHECKS`].

use std::path::Path;

use redb::{ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata};

use crate::store::Ledger;
use crate::store::error::Result;
use crate::store::tables::{AUDIT, AUDIT_HEAD, AUDIT_INDEX};

use super::read::decode_entry;
use super::{HEAD_KEY, Head, decode_head, entry_hash, hex};

/// What a check may read: the ledger in one read transaction, and where its file is.
pub struct CheckContext<'a> {
    pub txn: &'a ReadTransaction,
    pub db_path: &'a Path,
}

/// The first thing found wrong by a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The entry (sequence number) or item the fault is in, when it is in one.
    pub at: Option<u64>,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// What one check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    /// What was checked, e.g. 修改记录.
    pub name: &'static str,
    /// How many items were checked, and their unit (条, 个).
    pub checked: u64,
    pub unit: &'static str,
    /// A line for the auditor when all is well, e.g. the last hash.
    pub note: String,
    pub fault: Option<Fault>,
}

impl CheckReport {
    /// One line in Chinese: `修改记录：12条，校验通过（…）` or the fault.
    pub fn line(&self) -> String {
        match &self.fault {
            None if self.note.is_empty() => {
                format!("{}：{}{}，校验通过", self.name, self.checked, self.unit)
            }
            None => {
                format!("{}：{}{}，校验通过（{}）", self.name, self.checked, self.unit, self.note)
            }
            Some(fault) => format!("{}：{}", self.name, fault.message),
        }
    }
}

/// Every check's report, in the order of [`CHECKS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub reports: Vec<CheckReport>,
}

impl Verification {
    pub fn passed(&self) -> bool {
        self.reports.iter().all(|r| r.fault.is_none())
    }

    /// The first report with a fault.
    pub fn first_fault(&self) -> Option<&CheckReport> {
        self.reports.iter().find(|r| r.fault.is_some())
    }
}

/// A check of the ledger.
pub type Check = fn(&CheckContext<'_>) -> Result<CheckReport>;

/// The checks `verify` runs, in order.
pub const CHECKS: &[Check] = &[check_trail, check_attachments];

impl Ledger {
    /// Runs every check of [`CHECKS`] on one read snapshot of the ledger.
    pub fn verify(&self) -> Result<Verification> {
        let txn = self.db.begin_read()?;
        let context = CheckContext { txn: &txn, db_path: self.path() };
        let reports = CHECKS.iter().map(|check| check(&context)).collect::<Result<_>>()?;
        Ok(Verification { reports })
    }
}

/// The audit trail: every entry is in its place, unchanged, linked to the one before, listed
/// in the index, and the last one is the one the head names.
pub fn check_trail(context: &CheckContext<'_>) -> Result<CheckReport> {
    let mut report =
        CheckReport {
            name: "修改记录", checked: 0, unit: "条", note: String::new(), fault: None
        };
    let head = match context.txn.open_table(AUDIT_HEAD)?.get(HEAD_KEY)? {
        Some(bytes) => match decode_head(bytes.value()) {
            Ok(head) => Some(head),
            Err(e) => return Ok(report.failed(None, format!("记录头无法读取（{e}）"))),
        },
        None => None,
    };
    let trail = context.txn.open_table(AUDIT)?;
    let index = context.txn.open_table(AUDIT_INDEX)?;

    let mut prev_hash = [0u8; 32];
    for item in trail.iter()? {
        let (key, bytes) = item?;
        let (key, expected) = (key.value(), report.checked + 1);
        if key != expected {
            let message = format!("第{expected}条缺失（其后的第{key}条仍在），记录被删除");
            return Ok(report.failed(Some(expected), message));
        }
        let Ok(entry) = decode_entry(bytes.value(), key) else {
            return Ok(report.failed(Some(key), format!("第{key}条已损坏，无法读取，内容被改动")));
        };
        if entry.seq != key {
            let message = format!("第{key}条处存放的是第{}条，顺序被调换或记录被移动", entry.seq);
            return Ok(report.failed(Some(key), message));
        }
        if entry_hash(&entry)? != entry.hash {
            let message = format!("第{key}条的内容与其哈希值不符，内容被改动");
            return Ok(report.failed(Some(key), message));
        }
        if entry.prev_hash != prev_hash {
            let message = format!("第{key}条与前一条的链接不符，前面的记录被改动、删除或调换");
            return Ok(report.failed(Some(key), message));
        }
        if index.get((entry.kind.code(), entry.record_id, key))?.is_none() {
            let message = format!("第{key}条不在按记录查找的索引中，索引被改动");
            return Ok(report.failed(Some(key), message));
        }
        prev_hash = entry.hash;
        report.checked = key;
    }

    let count = report.checked;
    let head = match head {
        Some(head) => head,
        None if count == 0 => Head::default(),
        None => return Ok(report.failed(None, format!("有{count}条记录，但记录头缺失"))),
    };
    if head.count > count {
        let message = format!(
            "记录头应有{}条，现只有{count}条：第{}条起的最后{}条被删除",
            head.count,
            count + 1,
            head.count - count
        );
        return Ok(report.failed(Some(count + 1), message));
    }
    if head.count < count || head.last_hash != prev_hash {
        let message = format!("最后一条（第{count}条）与记录头不符，记录被追加或改动");
        return Ok(report.failed(Some(count), message));
    }
    if index.len()? != count {
        let message = format!("索引有{}项，与记录数{count}不符，索引被改动", index.len()?);
        return Ok(report.failed(None, message));
    }
    if count > 0 {
        report.note = format!("末条哈希 {}", &hex(&head.last_hash)[..16]);
    }
    Ok(report)
}

impl CheckReport {
    fn failed(mut self, at: Option<u64>, message: String) -> Self {
        self.fault = Some(Fault { at, message });
        self
    }
}

/// Every attachment's file: present in the attachment folder beside the ledger and unchanged
/// since it was added (its SHA-256 as recorded).
pub fn check_attachments(context: &CheckContext<'_>) -> Result<CheckReport> {
    let mut report =
        CheckReport { name: "附件", checked: 0, unit: "个", note: String::new(), fault: None };
    let list: Vec<crate::domain::attachment::Attachment> =
        crate::store::ledger::load_all(context.txn, crate::store::tables::ATTACHMENTS, "附件")?;
    let dir = crate::store::attachments_dir(context.db_path);
    for attachment in &list {
        report.checked += 1;
        if let Err(fault) = crate::store::check_attachment(&dir, attachment) {
            let message =
                format!("第{}个附件（{}）：{fault}", attachment.id, attachment.original_name);
            return Ok(report.failed(Some(attachment.id), message));
        }
    }
    Ok(report)
}
