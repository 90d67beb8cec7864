//! Attachment files: copied into the `附件` folder beside the ledger, hashed while copied,
//! recorded in the same step, and checked against their hash when shown or verified.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};
use redb::{ReadableDatabase, ReadableTable};
use sha2::{Digest, Sha256};

use crate::domain::attachment::{Attachment, AttachmentKind, MAX_BYTES, Owner, safe_file_name};

use super::Ledger;
use super::error::{Result, StoreError};
use super::ledger::{load_all, next_id};
use super::records::encode;
use super::tables::{ATTACHMENTS, GUIDANCE, LETTERS};

const WHAT: &str = "附件";

/// The attachment folder of the ledger at `db_path`: `附件` beside it.
pub fn attachments_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("附件")
}

/// What is wrong with an attachment's file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AttachmentFault {
    #[error("附件文件不见了（{0}）")]
    Missing(String),
    #[error("附件文件已被改动（{path}：校验值不符）")]
    Changed { path: String },
    #[error("附件文件无法读取（{path}：{detail}）")]
    Unreadable { path: String, detail: String },
}

/// Checks the file of `attachment` in `dir` against its recorded size and SHA-256.
pub fn check_attachment(dir: &Path, attachment: &Attachment) -> Result<(), AttachmentFault> {
    let path = stored_path(dir, attachment);
    let shown = path.display().to_string();
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(AttachmentFault::Missing(shown));
        }
        Err(e) => return Err(AttachmentFault::Unreadable { path: shown, detail: e.to_string() }),
    };
    let (hash, _) = hash_copy(file, &mut io::sink())
        .map_err(|e| AttachmentFault::Unreadable { path: shown.clone(), detail: e.to_string() })?;
    if hash == attachment.sha256 { Ok(()) } else { Err(AttachmentFault::Changed { path: shown }) }
}

/// Where the copy of `attachment` lives in `dir`.
pub fn stored_path(dir: &Path, attachment: &Attachment) -> PathBuf {
    attachment.stored.split('/').fold(dir.to_path_buf(), |p, part| p.join(part))
}

impl Ledger {
    /// The attachment folder of this ledger.
    pub fn attachments_dir(&self) -> PathBuf {
        attachments_dir(self.path())
    }

    /// Copies the file at `source` into the attachment folder and records it for `owner`,
    /// with an entry in the audit trail.
    /// Nothing is recorded unless the copy is complete; a copy left by a failed save is removed.
    pub fn attach(
        &self,
        owner: Owner,
        source: &Path,
        kind: AttachmentKind,
        now: NaiveDateTime,
    ) -> Result<Attachment> {
        let io_error = |source_err: io::Error| StoreError::AttachmentIo {
            path: source.to_path_buf(),
            detail: source_err.to_string(),
        };
        let meta = fs::metadata(source).map_err(io_error)?;
        if !meta.is_file() {
            return Err(StoreError::AttachmentIo {
                path: source.to_path_buf(),
                detail: "这不是一个文件".into(),
            });
        }
        if meta.len() > MAX_BYTES {
            return Err(StoreError::AttachmentTooBig(source.to_path_buf()));
        }
        let txn = self.write()?;
        let attachment = {
            let exists = match owner {
                Owner::Guidance(id) => txn.open_table(GUIDANCE)?.get(id)?.is_some(),
                Owner::Letter(id) => txn.open_table(LETTERS)?.get(id)?.is_some(),
            };
            if !exists {
                return Err(StoreError::NotFound { what: "所属记录", id: owner_id(owner) });
            }
            let mut table = txn.open_table(ATTACHMENTS)?;
            let id = next_id(&table)?;
            let original_name =
                source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let stored = format!("{}/{id}_{}", now.year(), safe_file_name(&original_name));
            let mut attachment = Attachment {
                id,
                owner,
                kind,
                original_name,
                stored,
                sha256: String::new(),
                bytes: meta.len(),
                added_at: now,
            };
            let target = stored_path(&self.attachments_dir(), &attachment);
            attachment.sha256 = copy_in(source, &target).map_err(io_error)?;
            let recorded = encode(&attachment, WHAT, id).and_then(|bytes| {
                table.insert(id, bytes.as_slice())?;
                let names = super::audit::TxnNames::new(&txn);
                let change = super::audit::Change::created(&attachment, &names, now);
                super::audit::append(&txn, self.actor(), change)
            });
            if let Err(e) = recorded {
                let _ = fs::remove_file(&target);
                return Err(e);
            }
            attachment
        };
        if let Err(e) = txn.commit() {
            let _ = fs::remove_file(stored_path(&self.attachments_dir(), &attachment));
            return Err(e.into());
        }
        log::info!("添加附件 {}（{}）", attachment.stored, attachment.sha256);
        Ok(attachment)
    }

    pub fn attachments(&self) -> Result<Vec<Attachment>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, ATTACHMENTS, WHAT)
    }
}

/// Copies the file of `attachment` from the folder `from` into the folder `to`, unless a
/// file of its size is already there. The copy is hashed on the way and kept only if it
/// matches. Returns whether a file was copied.
pub(crate) fn copy_attachment(
    attachment: &Attachment,
    from: &Path,
    to: &Path,
) -> Result<bool, AttachmentFault> {
    let target = stored_path(to, attachment);
    if fs::metadata(&target).is_ok_and(|m| m.len() == attachment.bytes) {
        return Ok(false);
    }
    let source = stored_path(from, attachment);
    let shown = source.display().to_string();
    if !source.is_file() {
        return Err(AttachmentFault::Missing(shown));
    }
    let hash = copy_in(&source, &target)
        .map_err(|e| AttachmentFault::Unreadable { path: shown.clone(), detail: e.to_string() })?;
    if hash != attachment.sha256 {
        let _ = fs::remove_file(&target);
        return Err(AttachmentFault::Changed { path: shown });
    }
    Ok(true)
}

fn owner_id(owner: Owner) -> u64 {
    match owner {
        Owner::Guidance(id) | Owner::Letter(id) => id,
    }
}

/// Copies `source` to `target` through a temporary file, synced, and returns its SHA-256.
fn copy_in(source: &Path, target: &Path) -> io::Result<String> {
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir)?;
    }
    let part = target.with_extension("part");
    let result = (|| {
        let mut out = File::create(&part)?;
        let (hash, _) = hash_copy(File::open(source)?, &mut out)?;
        out.flush()?;
        out.sync_all()?;
        fs::rename(&part, target)?;
        Ok(hash)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&part);
    }
    result
}

/// Copies everything from `input` to `out`, returning the SHA-256 and the length.
fn hash_copy(mut input: impl Read, out: &mut impl Write) -> io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        total += n as u64;
    }
    let hex = hasher.finalize().iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    });
    Ok((hex, total))
}
