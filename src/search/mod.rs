//! Quick lookup: an in-memory index over every text field of guidance records and letters.
//!
//! All records' folded text lives in one string, so a query is one SIMD substring scan
//! instead of 100,000 small ones. Changed records are appended and the old text marked
//! dead; the string is rebuilt when too much of it is dead.

pub mod data;
mod haystack;
pub mod papers;
pub mod register;
pub mod todo;

use std::collections::HashMap;

use memchr::memmem;

use crate::domain::fold::fold;
use crate::domain::{CatalogueItem, Guidance, Officer, OpinionLetter, RecordId};

pub use haystack::Names;

/// A document found by a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocRef {
    Guidance(RecordId),
    Letter(RecordId),
}

#[derive(Clone, Debug)]
struct Entry {
    doc: DocRef,
    start: usize,
    end: usize,
    alive: bool,
}

/// The index. Build it once from a snapshot, then keep it current with `upsert_*`.
#[derive(Default)]
pub struct SearchIndex {
    blob: String,
    entries: Vec<Entry>,
    by_doc: HashMap<DocRef, usize>,
    dead: usize,
}

/// Separates records in the blob; folded text never contains it.
const SEPARATOR: char = '\u{0}';

impl SearchIndex {
    /// Builds the index; on a large ledger the two halves are folded on two threads.
    pub fn build(
        guidance: &[Guidance],
        letters: &[OpinionLetter],
        officers: &[Officer],
        catalogue: &[CatalogueItem],
    ) -> Self {
        let names = Names::new(officers, catalogue);
        let (first, second) = guidance.split_at(guidance.len() / 2);
        let (mut index, rest) = if guidance.len() < 20_000 {
            (Self::part(guidance, letters, &names), None)
        } else {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| Self::part(second, letters, &names));
                let index = Self::part(first, &[], &names);
                (index, other.join().ok())
            })
        };
        match rest {
            Some(rest) => index.append(rest),
            None if guidance.len() >= 20_000 => {
                // The helper thread failed (it cannot, short of running out of memory):
                // fold the second half here rather than lose it.
                index.append(Self::part(second, letters, &names));
            }
            None => {}
        }
        index.by_doc = index.entries.iter().enumerate().map(|(i, e)| (e.doc, i)).collect();
        index
    }

    /// Index of a run of records, without the lookup by document.
    fn part(guidance: &[Guidance], letters: &[OpinionLetter], names: &Names) -> Self {
        let mut index = SearchIndex {
            blob: String::with_capacity((guidance.len() + letters.len()) * 400),
            entries: Vec::with_capacity(guidance.len() + letters.len()),
            ..Default::default()
        };
        for g in guidance {
            index.push_with(DocRef::Guidance(g.id), |out| haystack::write_guidance(out, g, names));
        }
        for l in letters {
            index.push_with(DocRef::Letter(l.id), |out| haystack::write_letter(out, l));
        }
        index
    }

    fn append(&mut self, other: SearchIndex) {
        let offset = self.blob.len();
        self.blob.push_str(&other.blob);
        self.entries.extend(other.entries.into_iter().map(|e| Entry {
            start: e.start + offset,
            end: e.end + offset,
            ..e
        }));
    }

    pub fn upsert_guidance(&mut self, g: &Guidance, names: &Names) {
        self.replace(DocRef::Guidance(g.id), |out| haystack::write_guidance(out, g, names));
    }

    pub fn upsert_letter(&mut self, l: &OpinionLetter) {
        self.replace(DocRef::Letter(l.id), |out| haystack::write_letter(out, l));
    }

    /// Number of records indexed.
    pub fn len(&self) -> usize {
        self.by_doc.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_doc.is_empty()
    }

    /// Documents whose text contains every word of `query` (split at spaces), in the order
    /// they were indexed. Words match case- and width-insensitively, and pinyin initials
    /// of names, places and items match too (`jlz` finds 金岭镇).
    pub fn search(&self, query: &str) -> Vec<DocRef> {
        let folded = fold(query);
        let mut words: Vec<&str> = folded.split_whitespace().collect();
        if words.is_empty() {
            return self.entries.iter().filter(|e| e.alive).map(|e| e.doc).collect();
        }
        // Scan the blob for the longest word; check the others only on its hits.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let finder = memmem::Finder::new(words[0].as_bytes());
        let mut hits = Vec::new();
        let mut pos = 0;
        let bytes = self.blob.as_bytes();
        while let Some(found) = finder.find(&bytes[pos..]) {
            let at = pos + found;
            let index = self.entries.partition_point(|e| e.end <= at);
            let Some(entry) = self.entries.get(index) else { break };
            let text = &self.blob[entry.start..entry.end];
            if entry.alive && words[1..].iter().all(|w| text.contains(w)) {
                hits.push(entry.doc);
            }
            pos = entry.end.max(at + 1);
        }
        hits
    }

    fn push_with(&mut self, doc: DocRef, write: impl FnOnce(&mut String)) {
        let start = self.blob.len();
        write(&mut self.blob);
        let end = self.blob.len();
        self.blob.push(SEPARATOR);
        self.by_doc.insert(doc, self.entries.len());
        self.entries.push(Entry { doc, start, end, alive: true });
    }

    fn replace(&mut self, doc: DocRef, write: impl FnOnce(&mut String)) {
        if let Some(&old) = self.by_doc.get(&doc) {
            self.entries[old].alive = false;
            self.dead += 1;
        }
        self.push_with(doc, write);
        if self.dead > 1024 && self.dead * 2 > self.entries.len() {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let old = std::mem::take(self);
        self.blob.reserve(old.blob.len());
        for e in old.entries.iter().filter(|e| e.alive) {
            self.push_with(e.doc, |out| out.push_str(&old.blob[e.start..e.end]));
        }
    }
}

#[cfg(test)]
mod tests;
