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

pub const SCHEMA_KEY: &str = "schema_version";
pub const SETTINGS_KEY: &str = "settings";
/// Small preferences of the window (e.g. the last export folder), text by name.
pub const PREFERENCES: TableDefinition<&str, &str> = TableDefinition::new("preferences");
