//! Where the ledger lives when no `--db` is given.

use std::path::PathBuf;

/// File name of the ledger inside the data folder.
pub const DB_FILE_NAME: &str = "guidance-ledger.redb";

/// The platform's data folder for the ledger, e.g. `~/.local/share/guidance-ledger/` on
/// Linux or `%APPDATA%\guidance-ledger\data\` on Windows, with the file name appended.
pub fn default_db_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("cn", "jinling", "guidance-ledger")?;
    Some(dirs.data_dir().join(DB_FILE_NAME))
}
