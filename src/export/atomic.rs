//! Atomic file writes: a temporary file in the same folder, synced, then renamed over the target.
//!
//! A reader (or a crash) sees either the old file or the complete new one, never a half.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::error::{ExportError, Step, folder_of};

/// How many random temporary names to try before giving up.
const TEMP_ATTEMPTS: u32 = 8;

/// Writes `bytes` to `path` atomically; see [`write_atomically`].
///
/// # Errors
///
/// As [`write_atomically`].
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomically(path, |out| out.write_all(bytes))
}

/// Writes a file atomically: `write` fills a temporary file beside `path`, which is synced
/// and then renamed over `path`.
///
/// # Errors
///
/// [`ExportError`] naming the cause when `write` or any step fails. The temporary file is then
/// removed and an existing file at `path` is left exactly as it was.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ExportError> {
    if path.is_dir() {
        return Err(ExportError::TargetIsFolder { path: path.to_path_buf() });
    }
    let Some(name) = path.file_name() else {
        let source = io::Error::new(io::ErrorKind::InvalidInput, "没有文件名");
        return Err(ExportError::Io { path: path.to_path_buf(), source });
    };
    let folder = folder_of(path);

    let (temp, file) = TempFile::create(&folder, &name.to_string_lossy(), path)?;

    let mut out = BufWriter::new(file);
    let written = write(&mut out).and_then(|()| out.flush());
    written.map_err(|e| ExportError::from_io(e, path, Step::Write))?;
    let file =
        out.into_inner().map_err(|e| ExportError::from_io(e.into_error(), path, Step::Write))?;
    file.sync_all().map_err(|e| ExportError::from_io(e, path, Step::Write))?;
    drop(file);

    temp.persist(path)?;
    sync_folder(&folder);
    Ok(())
}

/// A temporary file that removes itself unless persisted, even on panic.
struct TempFile {
    path: PathBuf,
    persisted: bool,
}

impl TempFile {
    /// Creates `.{name}.tmp-{pid}-{random}` in `folder`; `target` is named in errors.
    fn create(folder: &Path, name: &str, target: &Path) -> Result<(Self, File), ExportError> {
        let mut attempt = 0;
        loop {
            let temp_name = format!(".{name}.tmp-{}-{:08x}", std::process::id(), fastrand::u32(..));
            let path = folder.join(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok((Self { path, persisted: false }, file));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < TEMP_ATTEMPTS => {
                    attempt += 1;
                }
                Err(e) => return Err(ExportError::from_io(e, target, Step::Create)),
            }
        }
    }

    /// Renames the temporary file over `target`.
    fn persist(mut self, target: &Path) -> Result<(), ExportError> {
        fs::rename(&self.path, target)
            .map_err(|e| ExportError::from_io(e, target, Step::Replace))?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted
            && let Err(error) = fs::remove_file(&self.path)
        {
            log::warn!("could not remove temporary file {}: {error}", self.path.display());
        }
    }
}

/// Makes the rename itself durable on Unix; elsewhere the rename is enough.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Err(error) = File::open(folder).and_then(|dir| dir.sync_all()) {
        // The new file is complete and in place; only its survival of a power cut is at stake.
        log::warn!("could not sync folder {}: {error}", folder.display());
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("登记簿.csv");
        fs::write(&target, "旧")?;
        write_bytes_atomically(&target, "新内容".as_bytes())?;
        assert_eq!(fs::read_to_string(&target)?, "新内容");
        assert_eq!(entries(dir.path()), ["登记簿.csv"]);
        Ok(())
    }

    #[test]
    fn a_failing_writer_keeps_the_old_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("登记簿.csv");
        fs::write(&target, "旧")?;
        let result = write_atomically(&target, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("boom"))
        });
        assert!(matches!(result, Err(ExportError::Io { .. })), "{result:?}");
        assert_eq!(fs::read_to_string(&target)?, "旧");
        assert_eq!(entries(dir.path()), ["登记簿.csv"]);
        Ok(())
    }
}
