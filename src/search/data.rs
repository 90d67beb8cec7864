//! The whole ledger in memory, as the window and the CLI read it: records, register rows
//! and the search index, kept in step with every change.

use std::collections::HashMap;

use crate::domain::attachment::{Attachment, Owner};
use crate::domain::course::{Course, Stage};
use crate::domain::follow_up::FollowUp;
use crate::domain::review::ItemReview;
use crate::domain::typical::TypicalCase;
use crate::domain::warning::{ViolationWindow, WarningCase};
use crate::domain::{
    CatalogueItem, Guidance, NoPenaltyEntry, Officer, OpinionLetter, RecordId, RegisterRow,
    Settings,
};
use crate::store::{Ledger, Result, Snapshot};

use super::register::build_rows;
use super::{Names, SearchIndex};

/// Everything loaded from the store, with derived views.
pub struct LedgerData {
    pub settings: Settings,
    pub officers: Vec<Officer>,
    pub catalogue: Vec<CatalogueItem>,
    /// Guidance records in id order; `rows[i]` is the register row of `guidance[i]`.
    pub guidance: Vec<Guidance>,
    pub rows: Vec<RegisterRow>,
    pub letters: Vec<OpinionLetter>,
    /// Typical cases by the id of their guidance record.
    pub typical: HashMap<RecordId, TypicalCase>,
    /// Courses by guidance record id; a record without one is at 登记.
    pub courses: HashMap<RecordId, Course>,
    /// Reviews by catalogue item id; an item without one was entered as published.
    pub reviews: HashMap<RecordId, ItemReview>,
    /// The no-penalty part of 劝导警示 records, by record id.
    pub warnings: HashMap<RecordId, WarningCase>,
    /// Which earlier violations make one not a first (a preference, set by the window).
    pub violation_window: ViolationWindow,
    /// Attachments in id order.
    pub attachments: Vec<Attachment>,
    /// Follow-up visits in id order.
    pub follow_ups: Vec<FollowUp>,
    /// The no-penalty list (不罚清单), in id order.
    pub no_penalty: Vec<NoPenaltyEntry>,
    pub index: SearchIndex,
    guidance_pos: HashMap<RecordId, usize>,
    letter_pos: HashMap<RecordId, usize>,
    /// Changes whenever anything changes, so cached views know to recompute.
    pub generation: u64,
    /// The ledger was opened read-only: forms offer no Save.
    pub read_only: bool,
}

impl LedgerData {
    /// Reads the ledger and builds the register and the index.
    pub fn load(ledger: &Ledger) -> Result<Self> {
        let mut data = Self::from_snapshot(ledger.snapshot()?);
        data.violation_window = ledger.violation_window()?;
        Ok(data)
    }

    pub fn from_snapshot(snapshot: Snapshot) -> Self {
        let Snapshot {
            settings,
            officers,
            catalogue,
            guidance,
            letters,
            typical,
            follow_ups,
            courses,
            reviews,
            attachments,
            warnings,
            no_penalty,
        } = snapshot;
        // The register rows and the index are independent: build them side by side.
        let (rows, index) = std::thread::scope(|scope| {
            let rows = scope.spawn(|| build_rows(&guidance, &catalogue, &officers));
            let index = SearchIndex::build(&guidance, &letters, &officers, &catalogue);
            let rows = rows.join().unwrap_or_else(|_| build_rows(&guidance, &catalogue, &officers));
            (rows, index)
        });
        let guidance_pos = guidance.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
        let letter_pos = letters.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        Self {
            settings,
            officers,
            catalogue,
            guidance,
            rows,
            letters,
            typical: typical.into_iter().map(|c| (c.guidance, c)).collect(),
            follow_ups,
            courses: courses.into_iter().map(|c| (c.guidance, c)).collect(),
            reviews: reviews.into_iter().map(|r| (r.item, r)).collect(),
            attachments,
            warnings: warnings.into_iter().map(|w| (w.guidance, w)).collect(),
            violation_window: ViolationWindow::default(),
            no_penalty,
            index,
            guidance_pos,
            letter_pos,
            generation: 0,
            read_only: false,
        }
    }

    pub fn guidance(&self, id: RecordId) -> Option<&Guidance> {
        self.guidance_pos.get(&id).map(|&i| &self.guidance[i])
    }

    pub fn letter(&self, id: RecordId) -> Option<&OpinionLetter> {
        self.letter_pos.get(&id).map(|&i| &self.letters[i])
    }

    pub fn officer(&self, id: RecordId) -> Option<&Officer> {
        self.officers.iter().find(|o| o.id == id)
    }

    pub fn item(&self, id: RecordId) -> Option<&CatalogueItem> {
        self.catalogue.iter().find(|i| i.id == id)
    }

    /// Names of a record's officers joined by 、.
    pub fn officer_names(&self, ids: &[RecordId]) -> String {
        let names: Vec<&str> =
            ids.iter().map(|id| self.officer(*id).map_or("（未知人员）", |o| &o.name)).collect();
        names.join("、")
    }

    /// Adds or replaces a guidance record and its row and index entry.
    pub fn put_guidance(&mut self, g: Guidance) {
        let names = Names::new(&self.officers, &self.catalogue);
        self.index.upsert_guidance(&g, &names);
        let row = build_rows(std::slice::from_ref(&g), &self.catalogue, &self.officers);
        let row = row.into_iter().next();
        if let Some(&i) = self.guidance_pos.get(&g.id) {
            self.guidance[i] = g;
            if let Some(row) = row {
                self.rows[i] = row;
            }
        } else {
            self.guidance_pos.insert(g.id, self.guidance.len());
            self.guidance.push(g);
            self.rows.extend(row);
        }
        self.generation += 1;
    }

    pub fn put_letter(&mut self, l: OpinionLetter) {
        self.index.upsert_letter(&l);
        if let Some(&i) = self.letter_pos.get(&l.id) {
            self.letters[i] = l;
        } else {
            self.letter_pos.insert(l.id, self.letters.len());
            self.letters.push(l);
        }
        self.generation += 1;
    }

    /// Officer and item names appear in rows and the index: rebuild both.
    pub fn put_officer(&mut self, o: Officer) {
        match self.officers.iter_mut().find(|x| x.id == o.id) {
            Some(x) => *x = o,
            None => self.officers.push(o),
        }
        self.rebuild();
    }

    pub fn remove_officer(&mut self, id: RecordId) {
        self.officers.retain(|o| o.id != id);
        self.generation += 1;
    }

    pub fn put_item(&mut self, item: CatalogueItem) {
        match self.catalogue.iter_mut().find(|x| x.id == item.id) {
            Some(x) => *x = item,
            None => self.catalogue.push(item),
        }
        self.rebuild();
    }

    /// Marks a record typical with `case`'s text, or replaces the text.
    pub fn put_typical(&mut self, case: TypicalCase) {
        self.typical.insert(case.guidance, case);
        self.generation += 1;
    }

    pub fn remove_typical(&mut self, guidance: RecordId) {
        self.typical.remove(&guidance);
        self.generation += 1;
    }

    /// Whether guidance may be given under `item` now: by its review, or, for an item
    /// entered as published, by its status.
    pub fn item_in_force(&self, item: &CatalogueItem) -> bool {
        item.in_force() && self.reviews.get(&item.id).is_none_or(ItemReview::in_force)
    }

    pub fn put_warning(&mut self, case: WarningCase) {
        self.warnings.insert(case.guidance, case);
        self.generation += 1;
    }

    pub fn put_attachment(&mut self, attachment: Attachment) {
        self.attachments.push(attachment);
        self.generation += 1;
    }

    /// The attachments of one record, oldest first.
    pub fn attachments_of(&self, owner: Owner) -> impl Iterator<Item = &Attachment> {
        self.attachments.iter().filter(move |a| a.owner == owner)
    }

    pub fn put_review(&mut self, review: ItemReview) {
        self.reviews.insert(review.item, review);
        self.generation += 1;
    }

    /// The course of record `id`; a record never moved on is at 登记.
    pub fn course(&self, id: RecordId) -> Course {
        self.courses.get(&id).cloned().unwrap_or_else(|| Course::new(id))
    }

    /// Where record `id` stands, without copying its course.
    pub fn stage(&self, id: RecordId) -> Stage {
        self.courses.get(&id).map_or(Stage::Registered, |c| c.stage)
    }

    pub fn put_course(&mut self, course: Course) {
        self.courses.insert(course.guidance, course);
        self.generation += 1;
    }

    /// A follow-up visit planned or changed.
    pub fn put_follow_up(&mut self, follow_up: FollowUp) {
        match self.follow_ups.iter_mut().find(|f| f.id == follow_up.id) {
            Some(f) => *f = follow_up,
            None => self.follow_ups.push(follow_up),
        }
        self.generation += 1;
    }

    /// Adds or replaces a no-penalty entry.
    pub fn put_no_penalty(&mut self, entry: NoPenaltyEntry) {
        match self.no_penalty.iter_mut().find(|x| x.id == entry.id) {
            Some(x) => *x = entry,
            None => self.no_penalty.push(entry),
        }
        self.generation += 1;
    }

    /// The follow-ups of one guidance record, planned first.
    pub fn follow_ups_of(&self, guidance: RecordId) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.iter().filter(move |f| f.guidance == guidance)
    }

    fn rebuild(&mut self) {
        self.rows = build_rows(&self.guidance, &self.catalogue, &self.officers);
        self.index =
            SearchIndex::build(&self.guidance, &self.letters, &self.officers, &self.catalogue);
        self.generation += 1;
    }
}
