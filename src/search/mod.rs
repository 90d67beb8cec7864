//! Quick lookup: an in-memory index over every text field of guidance records and letters.
//!
//! All records' folded text lives in one string, so a query is one SIMD substring scan
//! instead of 100,000 small ones. Changed records are appended and the old text marked
//! dead; the string is rebuilt when too much of it is dead.

pub mod data;
mod haystack;
pub mod register;

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
    pub fn build(
        guidance: &[Guidance],
        letters: &[OpinionLetter],
        officers: &[Officer],
        catalogue: &[CatalogueItem],
    ) -> Self {
        let names = Names::new(officers, catalogue);
        let mut index =
            SearchIndex { blob: String::with_capacity(guidance.len() * 256), ..Default::default() };
        for g in guidance {
            index.push(DocRef::Guidance(g.id), &haystack::of_guidance(g, &names));
        }
        for l in letters {
            index.push(DocRef::Letter(l.id), &haystack::of_letter(l));
        }
        index
    }

    pub fn upsert_guidance(&mut self, g: &Guidance, names: &Names) {
        self.replace(DocRef::Guidance(g.id), &haystack::of_guidance(g, names));
    }

    pub fn upsert_letter(&mut self, l: &OpinionLetter) {
        self.replace(DocRef::Letter(l.id), &haystack::of_letter(l));
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

    fn push(&mut self, doc: DocRef, text: &str) {
        let start = self.blob.len();
        self.blob.push_str(text);
        let end = self.blob.len();
        self.blob.push(SEPARATOR);
        self.by_doc.insert(doc, self.entries.len());
        self.entries.push(Entry { doc, start, end, alive: true });
    }

    fn replace(&mut self, doc: DocRef, text: &str) {
        if let Some(&old) = self.by_doc.get(&doc) {
            self.entries[old].alive = false;
            self.dead += 1;
        }
        self.push(doc, text);
        if self.dead > 1024 && self.dead * 2 > self.entries.len() {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let old = std::mem::take(self);
        self.blob.reserve(old.blob.len());
        for e in old.entries.iter().filter(|e| e.alive) {
            self.push(e.doc, &old.blob[e.start..e.end]);
        }
    }
}

#[cfg(test)]
mod tests;
