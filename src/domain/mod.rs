//! Plain types of the guidance ledger and the rules that govern them.
//!
//! Nothing here does I/O or knows about egui or redb.

pub mod actor;
pub mod attachment;
pub mod audit;
pub mod audit_fields;
pub mod catalogue;
pub mod course;
pub mod credit_code;
pub mod date;
pub mod fold;
pub mod follow_up;
pub mod guidance;
pub mod letter;
pub mod method;
pub mod no_penalty;
pub mod number;
pub mod officer;
pub mod redact;
pub mod register;
pub mod review;
pub mod settings;
pub mod subject;
pub mod typical;
pub mod validation;
pub mod warning;

pub use actor::Actor;
pub use audit::{Action, AuditEntry, FieldChange, RecordKind};
pub use audit_fields::{Audited, NameLookup};
pub use catalogue::{CatalogueItem, ItemStatus};
pub use date::{format_date, format_date_time};
pub use guidance::{Acceptance, Guidance, GuidanceDraft, Initiative, WrittenForm};
pub use letter::{Delivery, OpinionLetter, OpinionLetterDraft};
pub use method::Method;
pub use no_penalty::NoPenaltyEntry;
pub use number::{DocKind, DocNumber};
pub use officer::Officer;
pub use register::{RegisterFilter, RegisterRow, RegisterSort, SortColumn};
pub use settings::Settings;
pub use subject::{Subject, SubjectKind};
pub use validation::{Field, FieldError};

/// Row key of a record in the store; also its stable identity in the UI.
pub type RecordId = u64;

/// A voided document keeps its number; this says why and when it was voided.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Voided {
    pub reason: String,
    pub at: chrono::NaiveDateTime,
}
