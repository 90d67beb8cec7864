//! Opening the database and reading everything in one consistent snapshot.

use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use serde::de::DeserializeOwned;

use crate::domain::attachment::Attachment;
use crate::domain::course::Course;
use crate::domain::follow_up::FollowUp;
use crate::domain::review::ItemReview;
use crate::domain::typical::TypicalCase;
use crate::domain::warning::WarningCase;
use crate::domain::{
    Actor, CatalogueItem, Guidance, NoPenaltyEntry, Officer, OpinionLetter, Settings,
};

use super::audit::{self, Change, TxnNames};
use super::codec;
use super::error::{Result, StoreError};
use super::migrate::Plan;
use super::peek::Peek;
use super::read_only::Scratch;
use super::tables::{
    ATTACHMENTS, AUDIT, AUDIT_HEAD, AUDIT_INDEX, CATALOGUE, COURSES, FOLLOW_UPS, GUIDANCE,
    ITEM_REVIEWS, LETTERS, META, NO_PENALTY, NUMBERS, OFFICERS, PREFERENCES, SCHEMA_KEY, SEQUENCES,
    SETTINGS, SETTINGS_KEY, TYPICAL, WARNINGS,
};

/// The open ledger: one redb database file. One per process; a second open fails.
pub struct Ledger {
    // Declared before `read_only`, so the database closes before its private copy is removed.
    pub(super) db: Database,
    path: PathBuf,
    /// For a ledger opened read-only: the private copy `db` reads. Writes are refused.
    read_only: Option<Scratch>,
    /// Who is working: every change is recorded in the audit trail against this person.
    actor: Actor,
}

/// Everything in the ledger, read in one transaction.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub settings: Settings,
    pub officers: Vec<Officer>,
    pub catalogue: Vec<CatalogueItem>,
    pub guidance: Vec<Guidance>,
    pub letters: Vec<OpinionLetter>,
    pub typical: Vec<TypicalCase>,
    pub follow_ups: Vec<FollowUp>,
    pub courses: Vec<Course>,
    pub reviews: Vec<ItemReview>,
    pub attachments: Vec<Attachment>,
    pub warnings: Vec<WarningCase>,
    /// The no-penalty list (不罚清单), in id order.
    pub no_penalty: Vec<NoPenaltyEntry>,
}

impl Ledger {
    /// Opens the ledger at `path`, creating it with the default settings if it does not exist.
    pub fn open(path: &Path) -> Result<Ledger> {
        Ledger::open_with(path, Plan::current())
    }

    /// [`Ledger::open`], migrating an older file by `plan`.
    pub(super) fn open_with(path: &Path, plan: Plan) -> Result<Ledger> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        if !super::read_only::is_writable(path) {
            log::warn!("台账 {} 不可写，以只读方式打开", path.display());
            return Ledger::open_read_only_with(path, plan);
        }
        // A writable open rewrites the file's header even if nothing is saved; a file from a
        // newer program is refused before that, so it stays byte for byte as it was.
        let peek = super::peek::peek(path, plan.target);
        if let Peek::Newer(found) = peek {
            return Err(StoreError::TooNew { path: path.to_path_buf(), found });
        }
        // An older file is copied as it is before its migration, which then runs in the
        // opening transaction below.
        if let Peek::Checked(found) = peek
            && found < plan.target
        {
            super::migrate::keep_original(path, found)?;
        }
        // A plain redb open trusts the file and can panic on a byte damaged outside redb; the
        // check verifies every page's checksum and reports damage. The peek has just checked
        // the same bytes when it could; otherwise the open checks them itself.
        let check = !matches!(peek, Peek::Checked(_));
        let db = Database::builder().set_check_integrity_on_open(check).create(path);
        let db = db.map_err(|e| open_error(path, e))?;
        let ledger =
            Ledger { db, path: path.to_path_buf(), read_only: None, actor: Actor::default() };
        ledger.prepare(plan)?;
        Ok(ledger)
    }

    /// Opens the ledger at `path` for reading only: snapshot, search, export and backup work,
    /// every write returns [`StoreError::ReadOnly`]. The file is never opened for writing;
    /// a private copy is checked (and repaired, after an unclean exit) and read instead.
    pub fn open_read_only(path: &Path) -> Result<Ledger> {
        Ledger::open_read_only_with(path, Plan::current())
    }

    fn open_read_only_with(path: &Path, plan: Plan) -> Result<Ledger> {
        let scratch = Scratch::copy_of(path)?;
        let db = Database::builder().set_check_integrity_on_open(true).open(&scratch.0);
        let db = db.map_err(|e| open_error(path, e))?;
        let ledger = Ledger {
            db,
            path: path.to_path_buf(),
            read_only: Some(scratch),
            actor: Actor::default(),
        };
        // Only the private copy is prepared (tables, migration); the original is untouched.
        ledger.prepare(plan)?;
        log::info!("以只读方式打开台账 {}", path.display());
        Ok(ledger)
    }

    /// Opens the ledger whose bytes go through `backend` rather than straight to the file at
    /// `path` (which names it in messages and places its backups). For tests of disk trouble:
    /// a backend over the real file that fails the way a full or vanished disk does.
    #[doc(hidden)]
    pub fn open_on_backend(path: &Path, backend: impl redb::StorageBackend) -> Result<Ledger> {
        let db = Database::builder().create_with_backend(backend);
        let db = db.map_err(|e| open_error(path, e))?;
        let ledger =
            Ledger { db, path: path.to_path_buf(), read_only: None, actor: Actor::default() };
        ledger.prepare(Plan::current())?;
        Ok(ledger)
    }

    /// Says who is working from now on; every change is recorded against this person.
    pub fn set_actor(&mut self, actor: Actor) {
        log::info!("当前操作人员：{actor}");
        self.actor = actor;
    }

    /// Who is working; [`Actor::Unspecified`] until [`Ledger::set_actor`] is called.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Whether the ledger was opened read-only, so nothing can be saved.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Begins a write transaction, or says the ledger is read-only.
    pub(super) fn write(&self) -> Result<redb::WriteTransaction> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        Ok(self.db.begin_write()?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the tables and default settings of a new file, or checks the schema of an old
    /// one and migrates it by `plan`, all in one transaction.
    /// Writes directly: for a read-only ledger it prepares the private copy, never the file.
    fn prepare(&self, plan: Plan) -> Result<()> {
        let txn = self.db.begin_write()?;
        let mut migrate_from = None;
        {
            let mut meta = txn.open_table(META)?;
            let version = meta.get(SCHEMA_KEY)?.map(|v| v.value());
            match version {
                None => {
                    meta.insert(SCHEMA_KEY, plan.target)?;
                    let mut settings = txn.open_table(SETTINGS)?;
                    let bytes = encode_settings(&Settings::default())?;
                    settings.insert(SETTINGS_KEY, bytes.as_slice())?;
                    log::info!("新建台账数据库 {}", self.path.display());
                }
                Some(v) if v > plan.target => {
                    return Err(StoreError::TooNew { path: self.path.clone(), found: v });
                }
                Some(v) if v < plan.target => migrate_from = Some(v),
                Some(_) => {}
            }
            for table in [OFFICERS, CATALOGUE, GUIDANCE, LETTERS, NO_PENALTY] {
                txn.open_table(table)?;
            }
            txn.open_table(SEQUENCES)?;
            txn.open_table(NUMBERS)?;
            txn.open_table(PREFERENCES)?;
            txn.open_table(AUDIT)?;
            txn.open_table(AUDIT_HEAD)?;
            txn.open_table(AUDIT_INDEX)?;
            txn.open_table(TYPICAL)?;
            txn.open_table(FOLLOW_UPS)?;
            txn.open_table(COURSES)?;
            txn.open_table(ITEM_REVIEWS)?;
            txn.open_table(ATTACHMENTS)?;
            txn.open_table(WARNINGS)?;
        }
        // The tables of the old file exist now; the steps run before anything is committed.
        if let Some(found) = migrate_from {
            plan.run(&txn, &self.path, found)?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Reads the whole ledger in one short read transaction.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let txn = self.db.begin_read()?;
        let settings = settings_in(&txn.open_table(SETTINGS)?)?;
        Ok(Snapshot {
            settings,
            officers: load_all(&txn, OFFICERS, "指导人员")?,
            catalogue: load_all(&txn, CATALOGUE, "目录事项")?,
            guidance: load_all(&txn, GUIDANCE, "指导记录")?,
            letters: load_all(&txn, LETTERS, "意见书")?,
            typical: load_all(&txn, TYPICAL, "典型案例")?,
            follow_ups: load_all(&txn, FOLLOW_UPS, "回访")?,
            courses: load_all(&txn, COURSES, "办理过程")?,
            reviews: load_all(&txn, ITEM_REVIEWS, "事项审查记录")?,
            attachments: load_all(&txn, ATTACHMENTS, "附件")?,
            warnings: load_all(&txn, WARNINGS, "不罚清单登记")?,
            no_penalty: load_all(&txn, NO_PENALTY, "不罚清单条目")?,
        })
    }

    pub fn settings(&self) -> Result<Settings> {
        let txn = self.db.begin_read()?;
        settings_in(&txn.open_table(SETTINGS)?)
    }

    /// Replaces the settings after checking them.
    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        let errors = settings.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let bytes = encode_settings(settings)?;
        let txn = self.write()?;
        let before = settings_in(&txn.open_table(SETTINGS)?)?;
        txn.open_table(SETTINGS)?.insert(SETTINGS_KEY, bytes.as_slice())?;
        let change = Change::updated(&before, settings, &TxnNames::new(&txn), clock());
        audit::append(&txn, &self.actor, change)?;
        txn.commit()?;
        log::info!("保存设置：单位 {}，文号前缀 {}", settings.unit_name, settings.guidance_prefix);
        Ok(())
    }

    /// A preference of the window, such as the last export folder.
    pub fn preference(&self, key: &str) -> Result<Option<String>> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(PREFERENCES)?;
        Ok(table.get(key)?.map(|v| v.value().to_string()))
    }

    pub fn set_preference(&self, key: &str, value: &str) -> Result<()> {
        let txn = self.write()?;
        txn.open_table(PREFERENCES)?.insert(key, value)?;
        txn.commit()?;
        Ok(())
    }

    /// Reads one record by id.
    pub(super) fn load_one<T: DeserializeOwned>(
        &self,
        def: TableDefinition<u64, &[u8]>,
        id: u64,
        what: &'static str,
    ) -> Result<T> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(def)?;
        let Some(bytes) = table.get(id)? else {
            return Err(StoreError::NotFound { what, id });
        };
        codec::decode(bytes.value()).map_err(|source| StoreError::Decode { what, id, source })
    }
}

/// The time an entry is recorded at, for changes whose caller gives none.
pub(super) fn clock() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Says what a failed open means: open elsewhere, damaged, or an I/O problem.
fn open_error(path: &Path, e: redb::DatabaseError) -> StoreError {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => StoreError::AlreadyOpen(path.to_path_buf()),
        // "Not a redb database" and a file cut short come as I/O errors, but are damage.
        redb::DatabaseError::Storage(redb::StorageError::Io(source))
            if !matches!(
                source.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            ) =>
        {
            StoreError::Io { path: path.to_path_buf(), source }
        }
        other => StoreError::Corrupt { path: path.to_path_buf(), detail: other.to_string() },
    }
}

/// The settings stored in `table`, or the defaults of a ledger that never saved any.
pub(super) fn settings_in(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
) -> Result<Settings> {
    match table.get(SETTINGS_KEY)? {
        Some(v) => codec::decode(v.value()).map_err(|source| StoreError::Decode {
            what: "设置",
            id: 0,
            source,
        }),
        None => Ok(Settings::default()),
    }
}

fn encode_settings(settings: &Settings) -> Result<Vec<u8>> {
    codec::encode(settings).map_err(|source| StoreError::Decode { what: "设置", id: 0, source })
}

/// Decodes every value of a table, in key order. A large table is decoded in two halves
/// on two threads, both reading the same transaction.
pub(super) fn load_all<T: DeserializeOwned + Send>(
    txn: &redb::ReadTransaction,
    def: TableDefinition<u64, &[u8]>,
    what: &'static str,
) -> Result<Vec<T>> {
    let table = txn.open_table(def)?;
    let len = usize::try_from(table.len()?).unwrap_or(0);
    let last = table.last()?.map_or(0, |(k, _)| k.value());
    if len < 20_000 {
        return decode_range(&table, 0, None, what);
    }
    let middle = last / 2;
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| decode_range(&table, middle, None, what));
        (decode_range(&table, 0, Some(middle), what), second.join())
    });
    let mut records = first?;
    match second {
        Ok(rest) => records.extend(rest?),
        // The helper thread cannot panic short of running out of memory; read it here then.
        Err(_) => return decode_range(&table, 0, None, what),
    }
    Ok(records)
}

/// Decodes the records with keys from `start` up to (not including) `end`.
fn decode_range<T: DeserializeOwned>(
    table: &redb::ReadOnlyTable<u64, &[u8]>,
    start: u64,
    end: Option<u64>,
    what: &'static str,
) -> Result<Vec<T>> {
    let range = match end {
        Some(end) => table.range(start..end)?,
        None => table.range(start..)?,
    };
    let mut out = Vec::new();
    for entry in range {
        let (key, value) = entry?;
        let record = codec::decode(value.value()).map_err(|source| StoreError::Decode {
            what,
            id: key.value(),
            source,
        })?;
        out.push(record);
    }
    Ok(out)
}

/// The id a new record in this table gets: one past the largest.
pub(super) fn next_id(table: &redb::Table<u64, &[u8]>) -> Result<u64> {
    Ok(table.last()?.map_or(1, |(k, _)| k.value() + 1))
}
