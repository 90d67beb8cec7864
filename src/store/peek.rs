//! Reading a ledger's schema version without changing a byte of its file.
//!
//! Even an open that saves nothing rewrites a redb file's header, and redb's own read-only
//! open trusts the file (a damaged byte can panic it). So the file is opened through a
//! backend that reads it but keeps every write in memory: redb checks every page and, after
//! an unclean exit, repairs, all in memory, and the file stays as it was.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Mutex;

use redb::{BackendError, Database, ReadableDatabase, ReadableTable, StorageBackend};

use super::tables::{META, SCHEMA_KEY};

/// What a look at an existing file found, without writing to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Peek {
    /// Written by a newer program, with this schema version.
    Newer(u64),
    /// Every page passed redb's integrity check and the schema, this one, is ours or older.
    Checked(u64),
    /// Missing, new, damaged or busy: the normal open, with its own check, deals with it.
    Unknown,
}

/// Opens the file through an overlay that keeps every write in memory, checks every page,
/// and reads the schema version; a version above `ours` is [`Peek::Newer`].
pub(super) fn peek(path: &Path, ours: u64) -> Peek {
    let Ok(file) = File::open(path) else { return Peek::Unknown };
    let Ok(backend) = Overlay::new(file) else { return Peek::Unknown };
    // Kept in a variable: dropping the database would end the read transaction with it.
    let Ok(db) = Database::builder().set_check_integrity_on_open(true).create_with_backend(backend)
    else {
        return Peek::Unknown;
    };
    let version = db
        .begin_read()
        .ok()
        .and_then(|txn| txn.open_table(META).ok()?.get(SCHEMA_KEY).ok()?.map(|v| v.value()));
    match version {
        Some(found) if found > ours => Peek::Newer(found),
        Some(found) => Peek::Checked(found),
        None => Peek::Unknown,
    }
}

const BLOCK_SIZE: usize = 4096;
const BLOCK: u64 = BLOCK_SIZE as u64;

/// A file read as it is, with writes kept in memory blocks over it.
#[derive(Debug)]
struct Overlay(Mutex<State>);

#[derive(Debug)]
struct State {
    file: File,
    len: u64,
    /// Bytes of the file from here on were cut off by `set_len` and read as zeros.
    file_limit: u64,
    blocks: BTreeMap<u64, Vec<u8>>,
}

impl Overlay {
    fn new(mut file: File) -> std::io::Result<Overlay> {
        let len = file.seek(SeekFrom::End(0))?;
        Ok(Overlay(Mutex::new(State { file, len, file_limit: len, blocks: BTreeMap::new() })))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Reads `out.len()` bytes of the file at `offset`; bytes at or past `limit` are zeros.
fn read_file(file: &mut File, limit: u64, offset: u64, out: &mut [u8]) -> std::io::Result<()> {
    out.fill(0);
    if offset >= limit {
        return Ok(());
    }
    let n = usize::try_from(limit - offset).map_or(out.len(), |n| n.min(out.len()));
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(&mut out[..n])
}

/// Splits `len` bytes from `offset` into (block, offset in block, offset in data, length).
fn pieces(offset: u64, len: usize) -> impl Iterator<Item = (u64, usize, usize, usize)> {
    let mut done = 0;
    std::iter::from_fn(move || {
        if done >= len {
            return None;
        }
        let pos = offset + done as u64;
        let within = usize::try_from(pos % BLOCK).unwrap_or(0);
        let take = (BLOCK_SIZE - within).min(len - done);
        let piece = (pos / BLOCK, within, done, take);
        done += take;
        Some(piece)
    })
}

impl StorageBackend for Overlay {
    fn len(&self) -> Result<u64, BackendError> {
        Ok(self.state().len)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), BackendError> {
        let state = &mut *self.state();
        for (block, within, at, take) in pieces(offset, out.len()) {
            let out = &mut out[at..at + take];
            if let Some(data) = state.blocks.get(&block) {
                out.copy_from_slice(&data[within..within + take]);
            } else {
                let pos = block * BLOCK + within as u64;
                read_file(&mut state.file, state.file_limit, pos, out).map_err(BackendError::Io)?;
            }
        }
        Ok(())
    }

    fn set_len(&self, len: u64) -> Result<(), BackendError> {
        let state = &mut *self.state();
        if len < state.len {
            state.file_limit = state.file_limit.min(len);
            state.blocks.retain(|block, _| block * BLOCK < len);
            if let Some(data) = state.blocks.get_mut(&(len / BLOCK)) {
                data[usize::try_from(len % BLOCK).unwrap_or(0)..].fill(0);
            }
        }
        state.len = len;
        Ok(())
    }

    fn sync_data(&self) -> Result<(), BackendError> {
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> Result<(), BackendError> {
        let state = &mut *self.state();
        for (block, within, at, take) in pieces(offset, data.len()) {
            let bytes = match state.blocks.entry(block) {
                Entry::Occupied(entry) => entry.into_mut(),
                Entry::Vacant(entry) => {
                    let mut bytes = vec![0; BLOCK_SIZE];
                    read_file(&mut state.file, state.file_limit, block * BLOCK, &mut bytes)
                        .map_err(BackendError::Io)?;
                    entry.insert(bytes)
                }
            };
            bytes[within..within + take].copy_from_slice(&data[at..at + take]);
        }
        state.len = state.len.max(offset + data.len() as u64);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_stay_in_memory_and_reads_see_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file");
        let original: Vec<u8> = (0..10_000_u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &original).unwrap();
        let overlay = Overlay::new(File::open(&path).unwrap()).unwrap();

        overlay.write(4090, &[0xAA; 20]).unwrap();
        let mut seen = vec![0; 40];
        overlay.read(4080, &mut seen).unwrap();
        assert_eq!(&seen[..10], &original[4080..4090]);
        assert_eq!(&seen[10..30], &[0xAA; 20]);
        assert_eq!(&seen[30..], &original[4110..4120]);

        // Cut short and grown again: what was cut reads as zeros, as in a real file.
        overlay.set_len(5000).unwrap();
        overlay.set_len(9000).unwrap();
        overlay.write(12_000, &[1, 2]).unwrap();
        assert_eq!(overlay.len().unwrap(), 12_002);
        let mut tail = vec![9; 7002];
        overlay.read(5000, &mut tail).unwrap();
        assert!(tail[..7000].iter().all(|&b| b == 0));
        assert_eq!(&tail[7000..], &[1, 2]);
        let mut head = vec![0; 4000];
        overlay.read(0, &mut head).unwrap();
        assert_eq!(head, original[..4000]);

        assert_eq!(std::fs::read(&path).unwrap(), original);
    }
}
