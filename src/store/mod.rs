//! The redb database behind the ledger: tables, codec, numbering, migrations and backups.

mod backup;
mod codec;
mod error;
mod import;
mod ledger;
mod no_penalty;
mod numbering;
mod paths;
mod peek;
mod people;
mod read_only;
mod records;
mod tables;

pub use backup::{
    AutoBackup, BackupKind, BackupOptions, BackupPreview, BackupReport, BackupSource, Counts,
    DEFAULT_KEEP, DueBackup, RestoreReport, auto_backups, default_backup_dir, inspect_backup,
    prune_auto_backups, restore,
};
pub use codec::{CodecError, SCHEMA_VERSION, decode, encode};
pub use error::{Result, StoreError};
pub use import::{ImportWrite, ImportedCounts, ImportedGuidance};
pub use ledger::{Ledger, Snapshot};
pub use paths::{DB_FILE_NAME, default_db_path};
pub use read_only::is_writable;
pub use records::Batch;
