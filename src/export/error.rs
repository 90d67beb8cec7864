//! What can go wrong when an export is written, said in Chinese for the clerk.

use std::io;
use std::path::{Path, PathBuf};

/// An export that could not be written. Its message says what happened and what to do;
/// the underlying error, when there is one, is kept as the source for the log.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The folder refuses new files (permissions, or a read-only disk or share).
    #[error(
        "无法在文件夹“{}”中保存文件：没有写入权限。请换一个文件夹（如“文档”或桌面）再导出，\
         或请管理员开放该文件夹的写入权限。",
        folder.display()
    )]
    PermissionDenied {
        folder: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The target file is open in another program (Excel or WPS lock it while open).
    #[error(
        "文件“{}”正被其他程序（如 Excel 或 WPS）打开，无法覆盖。请先关闭该文件再导出，\
         或换一个文件名。",
        path.display()
    )]
    FileInUse {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The disk (or the user's quota) is full.
    #[error("磁盘空间不足，未能保存“{}”。请清理磁盘或换一个磁盘后再导出。", path.display())]
    DiskFull {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The folder to save into does not exist, or is a file.
    #[error("文件夹“{}”不存在。请选择一个已有的文件夹再导出。", folder.display())]
    FolderMissing {
        folder: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The chosen path names a folder, not a file.
    #[error("“{}”是一个文件夹，不能保存为文件。请换一个文件名再导出。", path.display())]
    TargetIsFolder { path: PathBuf },

    /// Any other failure of the disk or the operating system.
    #[error("保存“{}”时出错（{source}）。请重试，或换一个文件夹保存。", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The PDF writer refused the data.
    #[error("生成 PDF 时出错（{0}）。请重试；若仍失败，请告知维护人员。")]
    Pdf(String),

    /// A paper would run to more pages than any printout should.
    #[error("文书内容过长（超过 {max_pages} 页），无法生成 PDF。请精简内容后再导出。")]
    TooLong { max_pages: usize },

    /// The clerk cancelled a batch export; nothing was written.
    #[error("已取消导出，未保存任何文件。")]
    Cancelled,

    /// The XLSX writer refused the data.
    #[error("生成 Excel 表格时出错（{0}）。请重试；若仍失败，请改为导出 CSV，并告知维护人员。")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    /// A printed paper whose layout makes no sense (no columns, a text block wider than the
    /// page). It comes from the program, not from what the clerk typed.
    #[error("文书版面有误：{0}。未能生成文件，请告知维护人员。")]
    PaperLayout(String),

    /// The Word (DOCX) archive could not be assembled.
    #[error("生成 Word 文档时出错（{0}）。请重试；若仍失败，请改为导出 PDF，并告知维护人员。")]
    Docx(#[from] zip::result::ZipError),
}

/// The step of an atomic write that failed; the same OS error means different things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// Creating the temporary file in the target's folder.
    Create,
    /// Writing, flushing or syncing the temporary file.
    Write,
    /// Renaming the temporary file over the target.
    Replace,
}

/// Windows: the file is open in a process that did not share it for writing or deleting.
const ERROR_SHARING_VIOLATION: i32 = 32;
/// Windows: part of the file is locked by another process.
const ERROR_LOCK_VIOLATION: i32 = 33;
/// Unix `ENOSPC`: no space left on device.
const ENOSPC: i32 = 28;

impl ExportError {
    /// Names an I/O error from writing `path`, given the step that failed.
    pub(super) fn from_io(source: io::Error, path: &Path, step: Step) -> Self {
        let path = path.to_path_buf();
        let folder = folder_of(&path);
        let raw = source.raw_os_error();

        if cfg!(windows) && matches!(raw, Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)) {
            return Self::FileInUse { path, source };
        }
        if matches!(source.kind(), io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded)
            || (cfg!(unix) && raw == Some(ENOSPC))
        {
            return Self::DiskFull { path, source };
        }

        match (step, source.kind()) {
            // Windows refuses to replace a file another program holds open; Unix never does,
            // so there a refusal at this step is about the folder.
            (Step::Replace, io::ErrorKind::PermissionDenied) if cfg!(windows) => {
                Self::FileInUse { path, source }
            }
            (Step::Create | Step::Replace, io::ErrorKind::IsADirectory) => {
                Self::TargetIsFolder { path }
            }
            (_, io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem) => {
                Self::PermissionDenied { folder, source }
            }
            (Step::Create, io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
                Self::FolderMissing { folder, source }
            }
            _ => Self::Io { path, source },
        }
    }
}

/// The folder a file is saved into; `.` for a bare file name.
pub(super) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(kind: io::ErrorKind, step: Step) -> ExportError {
        ExportError::from_io(io::Error::from(kind), Path::new("/导出/登记簿.xlsx"), step)
    }

    #[test]
    fn os_errors_become_the_matching_advice() {
        let denied = message(io::ErrorKind::PermissionDenied, Step::Create);
        assert!(matches!(&denied, ExportError::PermissionDenied { folder, .. }
            if folder == Path::new("/导出")));
        assert!(denied.to_string().contains("没有写入权限"));

        let full = message(io::ErrorKind::StorageFull, Step::Write);
        assert!(full.to_string().contains("磁盘空间不足"));
        let enospc =
            ExportError::from_io(io::Error::from_raw_os_error(28), Path::new("a.csv"), Step::Write);
        assert!(!cfg!(unix) || matches!(enospc, ExportError::DiskFull { .. }));

        let missing = message(io::ErrorKind::NotFound, Step::Create);
        assert!(missing.to_string().contains("不存在"), "{missing}");

        let other = message(io::ErrorKind::Interrupted, Step::Write);
        assert!(other.to_string().contains("/导出/登记簿.xlsx"), "{other}");
    }

    #[test]
    fn a_bare_file_name_is_saved_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("登记簿.csv")), Path::new("."));
        assert_eq!(folder_of(Path::new("/tmp/登记簿.csv")), Path::new("/tmp"));
    }
}
