//! Table definitions. Values are codec bytes; keys are record ids or names.

use redb::TableDefinition;

/// `schema_version` and other single numbers about the file itself.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// The one `Settings` value, under the key `settings`.
pub const SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("settings");
pub const OFFICERS: TableDefinition<u64, &[u8]> = TableDefinition::new("officers");
pub const CATALOGUE: TableDefinition<u64, &[u8]> = TableDefinition::new("catalogue");
pub const GUIDANCE: TableDefinition<u64, &[u8]> = TableDefinition::new("guidance");
pub const LETTERS: TableDefinition<u64, &[u8]> = TableDefinition::new("letters");
/// The no-penalty list (不罚清单), by entry id.
pub const NO_PENALTY: TableDefinition<u64, &[u8]> = TableDefinition::new("no_penalty");
/// Last number given in a sequence, keyed `series/year` (e.g. `guidance/2026`).
pub const SEQUENCES: TableDefinition<&str, u32> = TableDefinition::new("sequences");
/// Every number ever given, as printed, to the kind (0 guidance, 1 letter) and id that holds it.
pub const NUMBERS: TableDefinition<&str, (u8, u64)> = TableDefinition::new("numbers");

/// Typical cases (典型案例), keyed by the id of the guidance record they tell of.
pub const TYPICAL: TableDefinition<u64, &[u8]> = TableDefinition::new("typical_cases");

/// Follow-up visits (回访), by their own id; each names its guidance record.
pub const FOLLOW_UPS: TableDefinition<u64, &[u8]> = TableDefinition::new("follow_ups");

/// The course (办理过程) of each guidance record, keyed by the record's id.
pub const COURSES: TableDefinition<u64, &[u8]> = TableDefinition::new("courses");

/// The legality review of catalogue items (合法性审查、备案、公布, versions), by item id.
/// An item without one was entered as already published.
pub const ITEM_REVIEWS: TableDefinition<u64, &[u8]> = TableDefinition::new("item_reviews");

/// Attachments (附件): what each file is, whose it is, and its SHA-256. The files themselves
/// are in the `附件` folder beside the ledger.
pub const ATTACHMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("attachments");

/// The no-penalty part of 劝导警示 records (list entry, commitment, re-check), by record id.
pub const WARNINGS: TableDefinition<u64, &[u8]> = TableDefinition::new("warning_cases");

pub const SCHEMA_KEY: &str = "schema_version";
pub const SETTINGS_KEY: &str = "settings";
/// Small preferences of the window (e.g. the last export folder), text by name.
pub const PREFERENCES: TableDefinition<&str, &str> = TableDefinition::new("preferences");
/// The audit trail (修改记录): codec bytes of one `AuditEntry` per sequence number, from 1.
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
/// The trail's head under the key `head`: how many entries there are and the last one's hash.
pub const AUDIT_HEAD: TableDefinition<&str, &[u8]> = TableDefinition::new("audit_head");
/// The entries of each record: (kind code, record id, sequence number).
pub const AUDIT_INDEX: TableDefinition<(u8, u64, u64), ()> = TableDefinition::new("audit_index");
