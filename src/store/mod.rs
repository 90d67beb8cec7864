//! The redb database behind the ledger: tables, codec, numbering and migrations.

mod codec;
mod error;
mod ledger;
mod numbering;
mod paths;
mod people;
mod records;
mod tables;

pub use codec::{CodecError, SCHEMA_VERSION, decode, encode};
pub use error::{Result, StoreError};
pub use ledger::{Ledger, Snapshot};
pub use paths::{DB_FILE_NAME, default_db_path};
pub use records::Batch;
