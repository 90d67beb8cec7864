//! The redb database behind the ledger: tables, codec, numbering, migrations and backups.

mod attachments;
pub mod audit;
mod backup;
mod codec;
mod course;
mod error;
mod follow_ups;
mod import;
mod ledger;
mod migrate;
mod no_penalty;
mod numbering;
mod paths;
mod peek;
mod people;
mod read_only;
mod records;
mod review;
mod tables;
mod typical;
mod warnings;
mod workers;

pub use attachments::{AttachmentFault, attachments_dir, check_attachment, stored_path};
pub use backup::{
    AutoBackup, BackupKind, BackupOptions, BackupPreview, BackupReport, BackupSource, Counts,
    DEFAULT_KEEP, DueBackup, RestoreReport, auto_backups, default_backup_dir, inspect_backup,
    prune_auto_backups, restore, restore_as,
};
pub use codec::{CodecError, SCHEMA_VERSION, decode, decode_version, encode};
pub use error::{Result, StoreError};
pub use import::{ImportWrite, ImportedCounts, ImportedGuidance};
pub use ledger::{Ledger, Snapshot};
pub use paths::{DB_FILE_NAME, default_db_path};
pub use read_only::is_writable;
pub use records::Batch;
