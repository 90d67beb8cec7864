//! The redb database behind the ledger: tables, codec, numbering and migrations.

mod codec;
mod error;
mod ledger;
mod numbering;
mod people;
mod records;
mod tables;

pub use codec::{CodecError, SCHEMA_VERSION, decode, encode};
pub use error::{Result, StoreError};
pub use ledger::{Ledger, Snapshot};
