//! Guidance records and opinion letters of the demo, saved in date order.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use fastrand::Rng;

use crate::domain::RecordId;
use crate::domain::course::Step;
use crate::domain::{
    Acceptance, CatalogueItem, Delivery, GuidanceDraft, Initiative, Method, Officer,
    OpinionLetterDraft, SubjectKind, WrittenForm,
};
use crate::store::{Batch, StoreError};

use super::catalogue::{station_for, weight};
use super::course::{self, LetterFacts};
use super::names::pick;
use super::subjects::{Pool, Profile};
use super::{later, text};

/// How many records of each kind were saved.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub guidance: usize,
    pub letters: usize,
    pub refused: usize,
    pub voided: usize,
    /// Moves along the records' courses.
    pub moves: usize,
}

/// A letter waiting for its date to come round, so numbers follow dates.
struct PendingLetter {
    draft: OpinionLetterDraft,
    created: NaiveDateTime,
}

/// A move along a record's course waiting for its time, and who makes it.
struct PendingMove {
    record: RecordId,
    step: Step,
    by: String,
}

/// Makes up and saves records one after another; holds the state between chunks.
pub struct Generator<'a> {
    rng: Rng,
    /// When the demo is made: moves planned after it are not made.
    now: NaiveDateTime,
    today: NaiveDate,
    first_year: i32,
    officers: &'a [Officer],
    items: &'a [CatalogueItem],
    pool: &'a Pool,
    /// Letters not yet saved, by date and order of writing.
    pending: BTreeMap<(NaiveDate, u64), PendingLetter>,
    written: u64,
    /// Course moves not yet made, by time and order of planning.
    moves: BTreeMap<(NaiveDateTime, u64), PendingMove>,
    planned: u64,
    counts: Counts,
}

impl<'a> Generator<'a> {
    pub fn new(
        rng: Rng,
        now: NaiveDateTime,
        first_year: i32,
        officers: &'a [Officer],
        items: &'a [CatalogueItem],
        pool: &'a Pool,
    ) -> Self {
        Generator {
            rng,
            now,
            today: now.date(),
            first_year,
            officers,
            items,
            pool,
            pending: BTreeMap::new(),
            written: 0,
            moves: BTreeMap::new(),
            planned: 0,
            counts: Counts::default(),
        }
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Saves one record at each of `times` (sorted), with letters dated before each record
    /// and course moves made before it saved ahead of it; `last` saves the letters still
    /// waiting at the end, and the moves made by now.
    pub fn save(
        &mut self,
        batch: &mut Batch<'_>,
        times: &[NaiveDateTime],
        last: bool,
    ) -> Result<(), StoreError> {
        for &time in times {
            self.save_letters(batch, Some(time.date()))?;
            self.make_moves(batch, time)?;
            self.save_guidance(batch, time)?;
        }
        if last {
            self.save_letters(batch, None)?;
            self.make_moves(batch, self.now)?;
            self.moves.clear();
        }
        Ok(())
    }

    /// Makes the course moves planned before `until`.
    fn make_moves(
        &mut self,
        batch: &mut Batch<'_>,
        until: NaiveDateTime,
    ) -> Result<(), StoreError> {
        while let Some(entry) = self.moves.first_entry() {
            let at = entry.key().0;
            if at > until {
                break;
            }
            let m = entry.remove();
            batch.advance_course(m.record, m.step, at, &m.by)?;
            self.counts.moves += 1;
        }
        Ok(())
    }

    fn save_letters(
        &mut self,
        batch: &mut Batch<'_>,
        before: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        while let Some(entry) = self.pending.first_entry() {
            if before.is_some_and(|date| entry.key().0 >= date) {
                break;
            }
            let letter = entry.remove();
            batch.create_letter(&letter.draft, letter.created)?;
            self.counts.letters += 1;
        }
        Ok(())
    }

    fn save_guidance(
        &mut self,
        batch: &mut Batch<'_>,
        time: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let pool = self.pool;
        let profile = pool.pick(&mut self.rng);
        let early = time.year() - self.first_year < 2;
        let item = self.pick_item(profile, early);
        let officers = self.pick_officers(station_for(&item.domain), early);
        let problem = pick(&mut self.rng, text::problems(&item.name, &item.domain));
        let subject = &profile.subject;

        let initiative =
            if self.rng.u8(..100) < 15 { Initiative::OnApplication } else { Initiative::Proactive };
        let refused = item.method != Method::Example && self.rng.u8(..100) < 5;
        let recent = (self.today - time.date()).num_days() < 30;
        let effect = if refused {
            text::refusal(&mut self.rng)
        } else if self.rng.u8(..100) < if recent { 50 } else { 92 } {
            text::effect(&mut self.rng, item.method)
        } else {
            String::new()
        };
        let draft = GuidanceDraft {
            time,
            place: self.place(profile, initiative, &item.implementer),
            officers: officers.iter().map(|o| o.id).collect(),
            subject: subject.clone(),
            item: Some(item.id),
            method: item.method,
            content: text::content(
                &mut self.rng,
                item.method,
                &subject.name,
                &item.name,
                &item.basis,
                problem,
            ),
            effect,
            initiative,
            form: if self.rng.u8(..10) < 7 { WrittenForm::Written } else { WrittenForm::Oral },
            acceptance: if refused { Acceptance::Refused } else { Acceptance::Accepted },
        };

        let created = later(time, self.rng.u32(20..180));
        let saved = batch.create_guidance(&draft, created)?;
        self.counts.guidance += 1;
        if refused {
            self.counts.refused += 1;
        }
        if self.rng.u8(..100) == 0 {
            let reason = text::void_reason(&mut self.rng);
            batch.void_guidance(saved.id, reason, later(created, self.rng.u32(10..120)))?;
            self.counts.voided += 1;
            return Ok(());
        }
        let letter = (!refused && self.rng.u8(..100) < letter_chance(item.method)).then(|| {
            self.write_letter(&draft, saved.id, created, &item.basis, problem, officers[0])
        });
        let letter =
            letter.as_ref().map(|(created, delivery)| LetterFacts { created: *created, delivery });
        let moves = course::plan(&mut self.rng, &draft, created, letter, self.today);
        for (at, step) in moves {
            self.planned += 1;
            let by = officers[0].name.clone();
            self.moves.insert((at, self.planned), PendingMove { record: saved.id, step, by });
        }
        Ok(())
    }

    /// An in-force item of one of the subject's domains, weighted by method. Villagers get
    /// items not aimed at enterprises, businesses items aimed at them (farms get both).
    /// Deactivated items appear only in early years.
    fn pick_item(&mut self, profile: &Profile, early: bool) -> &'a CatalogueItem {
        let person = profile.subject.kind == SubjectKind::NaturalPerson;
        let farm = !person && profile.domains.contains(&"农业农村");
        let usable = |i: &&CatalogueItem| {
            (early || i.in_force()) && (farm || person != i.involves_enterprise)
        };
        let mut candidates: Vec<&CatalogueItem> = self
            .items
            .iter()
            .filter(usable)
            .filter(|i| profile.domains.contains(&i.domain.as_str()))
            .collect();
        if candidates.is_empty() {
            candidates = self.items.iter().filter(usable).collect();
        }
        let total: u32 = candidates.iter().map(|i| weight(i.method)).sum();
        let mut ticket = self.rng.u32(..total.max(1));
        for item in &candidates {
            let w = weight(item.method);
            if ticket < w {
                return item;
            }
            ticket -= w;
        }
        &self.items[0]
    }

    /// One officer of the item's station, and in most cases a second from anywhere.
    fn pick_officers(&mut self, station: &str, early: bool) -> Vec<&'a Officer> {
        let usable: Vec<&Officer> = self.officers.iter().filter(|o| early || o.active).collect();
        let own: Vec<&Officer> = usable.iter().copied().filter(|o| o.station == station).collect();
        let first =
            if own.is_empty() { pick(&mut self.rng, &usable) } else { pick(&mut self.rng, &own) };
        let mut chosen = vec![first];
        if self.rng.u8(..10) < 6 {
            let others: Vec<&Officer> = if own.len() > 1 && self.rng.bool() { own } else { usable }
                .into_iter()
                .filter(|o| o.id != first.id)
                .collect();
            if !others.is_empty() {
                chosen.push(pick(&mut self.rng, &others));
            }
        }
        chosen
    }

    fn place(&mut self, profile: &Profile, initiative: Initiative, implementer: &str) -> String {
        let subject = &profile.subject;
        match (initiative, self.rng.u8(..10)) {
            (Initiative::OnApplication, 0..5) => "金岭回族镇司法所".into(),
            (Initiative::OnApplication, _) => implementer.to_string(),
            (_, 0) => "金岭回族镇便民服务中心".into(),
            _ if subject.kind == SubjectKind::NaturalPerson => subject
                .address
                .split_once('村')
                .map_or_else(|| subject.address.clone(), |(village, _)| format!("{village}村")),
            _ => subject.address.clone(),
        }
    }

    /// Makes the opinion letter of a record; it waits in `pending` until its date. Returns
    /// when it is written and how it is delivered.
    fn write_letter(
        &mut self,
        guidance: &GuidanceDraft,
        id: u64,
        created: NaiveDateTime,
        basis: &str,
        problem: &str,
        officer: &Officer,
    ) -> (NaiveDateTime, Delivery) {
        let days = Duration::days(i64::from(self.rng.u8(..3)));
        let date = (guidance.time.date() + days).min(self.today);
        let subject = &guidance.subject;
        let delivered = (self.today - date).num_days() > 3 || self.rng.bool();
        let delivery = if delivered && self.rng.u8(..100) < 95 {
            let method = match self.rng.u8(..20) {
                0..15 => "直接送达",
                15..17 => "邮寄送达",
                17 => "留置送达",
                _ => "电子送达",
            };
            let after = Duration::days(i64::from(self.rng.u8(..4)));
            let signer =
                if method == "留置送达" { String::new() } else { subject.contact.clone() };
            Delivery { method: method.into(), date: Some((date + after).min(self.today)), signer }
        } else {
            Delivery::default()
        };
        let feedback =
            if delivery.date.is_some() { text::feedback(&mut self.rng) } else { String::new() };
        let draft = OpinionLetterDraft {
            addressee: subject.name.clone(),
            problems: format!("经检查，你（单位）{problem}。"),
            opinion: text::opinion(&mut self.rng, basis),
            contact: officer.name.clone(),
            phone: officer.phone.clone(),
            date,
            guidance: Some(id),
            delivery,
            feedback,
        };
        let created = if date == guidance.time.date() {
            later(created, self.rng.u32(10..90))
        } else {
            let minutes = self.rng.u32(510..1050);
            let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or_default();
            date.and_time(time)
        };
        self.written += 1;
        let facts = (created, draft.delivery.clone());
        self.pending.insert((date, self.written), PendingLetter { draft, created });
        facts
    }
}

/// Percent of records of a method that get an opinion letter: letters name problems.
fn letter_chance(method: Method) -> u8 {
    match method {
        Method::Warning => 48,
        Method::Reminder => 35,
        Method::Advice => 20,
        Method::Revisit => 8,
        Method::Policy => 2,
        Method::Example => 0,
    }
}
