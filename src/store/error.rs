//! What can go wrong in the store, said in Chinese for the clerk.

use std::path::PathBuf;

use crate::domain::FieldError;

use super::codec::CodecError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("台账数据库已在另一个窗口中打开（{0}）。请切换到已打开的窗口继续工作。")]
    AlreadyOpen(PathBuf),
    #[error("无法打开台账数据库 {path}：{detail}。文件可能已损坏，请从备份恢复。")]
    Corrupt { path: PathBuf, detail: String },
    #[error("台账数据库 {path} 由更新版本的程序创建（结构版本{found}），请使用新版程序打开。")]
    TooNew { path: PathBuf, found: u64 },
    #[error(
        "台账数据库 {} 需要从第{from}版升级到第{to}版，但升级没有完成（{detail}）。\
         台账中的记录保持原样，未作任何改动。请将此信息告知维护人员。",
        path.display()
    )]
    Migration { path: PathBuf, from: u64, to: u64, detail: String },
    #[error("无法创建或打开 {path}：{source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("读写台账数据库出错：{0}")]
    Database(String),
    #[error(
        "磁盘空间不足，本次修改未保存，台账中原有的记录保持不变。\
         请清理磁盘空间（或把台账移到有空间的磁盘）后重试。"
    )]
    NoSpace,
    #[error(
        "读写台账文件时出错（{0}），本次修改未保存，台账中原有的记录保持不变。\
         如台账在共享盘或U盘上，请检查连接；然后关闭程序重新打开。"
    )]
    DiskTrouble(String),
    #[error(
        "之前一次写入台账文件失败，为保护已有记录，程序已停止保存。请关闭程序后重新打开，再继续工作。"
    )]
    NeedsRestart,
    #[error("记录无法读取（{what}，编号{id}）：{source}")]
    Decode { what: &'static str, id: u64, source: CodecError },
    #[error("内容不完整，未保存：{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("；"))]
    Invalid(Vec<FieldError>),
    #[error("找不到{what}（编号{id}），可能已被删除。")]
    NotFound { what: &'static str, id: u64 },
    #[error("{0}已作废，不能再修改。")]
    Voided(String),
    #[error("文号{0}已被使用，不能重复。")]
    NumberTaken(String),
    #[error("指导人员“{0}”已出现在指导记录中，不能删除；如已调离，请改为“停用”。")]
    OfficerInUse(String),
    #[error("作废必须填写原因。")]
    NoVoidReason,
    #[error("更正已归档的记录必须填写原因。")]
    NoAmendReason,
    #[error("{0}")]
    Course(String),
    #[error("无法读取或保存附件“{}”：{detail}。请确认文件存在、未被其他程序占用，且磁盘有空间。", path.display())]
    AttachmentIo { path: PathBuf, detail: String },
    #[error("附件“{}”超过200MB，请压缩或拆分后再添加。", .0.display())]
    AttachmentTooBig(PathBuf),
    #[error(
        "{0}已归档，不能直接修改或作废。如需更正，请在记录窗口中点“更正…”并写明原因，原记录会一并保留。"
    )]
    Archived(String),
    #[error("备份文件夹“{}”不存在或无法访问（如是共享盘，请检查网络连接）。请先创建该文件夹，或另选文件夹。", .0.display())]
    BackupFolderMissing(PathBuf),
    #[error("无法在“{}”中写入备份：没有写入权限，或该位置只读。请另选文件夹。", .0.display())]
    BackupNotWritable(PathBuf),
    #[error("“{}”所在的磁盘空间不足，备份未完成，未写完的文件已删除。请清理磁盘空间或另选文件夹。", .0.display())]
    DiskFull(PathBuf),
    #[error("写入备份“{}”时出错：{detail}。未写完的文件已删除，请重试或另选文件夹。", path.display())]
    BackupFailed { path: PathBuf, detail: String },
    #[error("备份文件“{}”未通过校验（{detail}），可能已损坏或被改动，不能使用。请换一份备份。", path.display())]
    BackupCheckFailed { path: PathBuf, detail: String },
    #[error("“{}”不是本程序的备份文件，无法读取。请选择名为“行政指导台账…备份_日期_时间.redb”的文件。", .0.display())]
    NotABackup(PathBuf),
    #[error(
        "台账以只读方式打开（文件“{}”不可写，如在光盘或只读共享盘上），不能保存修改。\
         查找和导出仍可使用；如需修改，请把文件复制到可写的位置，或请管理员开放写入权限。",
        .0.display()
    )]
    ReadOnly(PathBuf),
    #[error(
        "台账在预览之后有了改动（{0}），导入没有进行，什么也没有写入。请重新预览后再确认导入。"
    )]
    ImportStale(String),
}

impl StoreError {
    pub(crate) fn db(e: impl std::fmt::Display) -> Self {
        StoreError::Database(e.to_string())
    }
}

/// Unix `ENOSPC`: no space left on device.
const ENOSPC: i32 = 28;
/// Windows `ERROR_DISK_FULL` and `ERROR_HANDLE_DISK_FULL`.
const WINDOWS_DISK_FULL: [i32; 2] = [112, 39];

/// Whether an I/O error means the disk (or the user's quota) is full.
pub(crate) fn is_disk_full(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded)
        || e.raw_os_error().is_some_and(|code| {
            (cfg!(unix) && code == ENOSPC) || (cfg!(windows) && WINDOWS_DISK_FULL.contains(&code))
        })
}

impl From<redb::StorageError> for StoreError {
    fn from(e: redb::StorageError) -> Self {
        match e {
            redb::StorageError::Io(e) if is_disk_full(&e) => StoreError::NoSpace,
            redb::StorageError::Io(e) => StoreError::DiskTrouble(e.to_string()),
            redb::StorageError::PreviousIo => StoreError::NeedsRestart,
            other => StoreError::db(other),
        }
    }
}

impl From<redb::TransactionError> for StoreError {
    fn from(e: redb::TransactionError) -> Self {
        match e {
            redb::TransactionError::Storage(e) => e.into(),
            other => StoreError::db(other),
        }
    }
}

impl From<redb::TableError> for StoreError {
    fn from(e: redb::TableError) -> Self {
        match e {
            redb::TableError::Storage(e) => e.into(),
            other => StoreError::db(other),
        }
    }
}

impl From<redb::CommitError> for StoreError {
    fn from(e: redb::CommitError) -> Self {
        match e {
            redb::CommitError::Storage(e) => e.into(),
            other => StoreError::db(other),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
