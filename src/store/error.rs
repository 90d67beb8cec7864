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
    #[error("无法创建或打开 {path}：{source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("读写台账数据库出错：{0}")]
    Database(String),
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

macro_rules! from_redb {
    ($($t:ty),*) => {
        $(impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::db(e)
            }
        })*
    };
}

from_redb!(redb::TransactionError, redb::TableError, redb::StorageError, redb::CommitError);

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
