//! Opening a ledger that may not be written (a CD, a share with read rights only): the file
//! is copied to a private file in the temp folder and that copy is opened, checked and, if
//! needed, repaired. The original is never opened for writing, so its bytes stay as they are.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::{Result, StoreError};

/// Whether the ledger file at `path` can be opened for writing. A missing file counts as
/// writable: it will be created (or fail to be, with its own error).
pub fn is_writable(path: &Path) -> bool {
    match std::fs::OpenOptions::new().read(true).write(true).open(path) {
        Ok(_) => true,
        Err(e) => !matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem),
    }
}

/// A private copy of a read-only ledger, removed when the ledger closes.
pub(super) struct Scratch(pub(super) PathBuf);

impl Scratch {
    pub(super) fn copy_of(path: &Path) -> Result<Self> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("guidance-ledger-readonly-{}-{n}.redb", std::process::id());
        let scratch = Scratch(std::env::temp_dir().join(name));
        std::fs::copy(path, &scratch.0)
            .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
        // The copy inherits the original's read-only permission; redb must open it to repair.
        if let Ok(meta) = std::fs::metadata(&scratch.0) {
            let mut perms = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false, reason = "a private temp copy")]
            perms.set_readonly(false);
            let _ = std::fs::set_permissions(&scratch.0, perms);
        }
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.0)
            && e.kind() != ErrorKind::NotFound
        {
            log::warn!("未能删除临时文件 {}：{e}", self.0.display());
        }
    }
}
