//! Demo data: a made-up but realistic ledger, for trying the product and for benchmarks.
//!
//! The same seed always gives the same ledger (for the same `today`). Records are saved
//! in date order, in chunks of [`CHUNK`] per transaction, so document numbers follow
//! dates and 100,000 records take seconds rather than an fsync each.

mod catalogue;
mod course;
mod names;
mod records;
mod review;
mod subjects;
mod text;
mod workflow;

#[cfg(test)]
mod tests;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use fastrand::Rng;

use crate::domain::Officer;
use crate::store::{Ledger, StoreError};

pub use subjects::REGION_CODE;
pub use workflow::WorkflowCounts;

/// Records saved per write transaction; progress is reported after each chunk.
pub const CHUNK: usize = 5_000;

/// Years of records before this one: a ledger filled in 2026 starts in 2022.
const PAST_YEARS: i32 = 4;

/// What [`fill`] added to the ledger.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub officers: usize,
    pub items: usize,
    pub guidance: usize,
    pub letters: usize,
    /// Guidance records whose subject refused.
    pub refused: usize,
    /// Guidance records voided after they were saved.
    pub voided: usize,
    /// Moves along the records' courses (实施 … 归档).
    pub moves: usize,
    pub first_year: i32,
    pub last_year: i32,
    /// The no-penalty list, visits and 劝导警示 registrations on the latest records.
    pub workflow: WorkflowCounts,
}

/// Adds officers, a catalogue and `records` guidance records (with letters for about one
/// in four) dated from January four years ago up to today, then the no-penalty list and
/// visits and 劝导警示 registrations on the latest records. `progress(done, records)` is
/// called after each chunk. Meant for an empty ledger; it adds to whatever is there.
///
/// # Errors
/// A store error stops the filling; chunks already committed stay in the ledger.
pub fn fill(
    ledger: &Ledger,
    records: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoSummary, StoreError> {
    fill_until(ledger, records, seed, chrono::Local::now().naive_local(), progress)
}

/// [`fill`] made at a fixed time `now`, so a test gets the same ledger on any day.
///
/// # Errors
/// As [`fill`].
pub fn fill_until(
    ledger: &Ledger,
    records: usize,
    seed: u64,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoSummary, StoreError> {
    let mut rng = Rng::with_seed(seed);
    let today = now.date();
    let first_year = today.year() - PAST_YEARS;

    let officers = save_officers(ledger, &mut rng)?;
    let reviewer = reviewer(&officers);
    // The judicial office's officer is also offered as its reviewer when the window starts.
    ledger.save_reviewers(std::slice::from_ref(&reviewer))?;
    let items = review::save_items(ledger, &catalogue::items(&mut rng), first_year - 1, &reviewer)?;
    let pool = subjects::Pool::new(&mut rng, records);
    let times = schedule(&mut rng, records, first_year, now);

    let mut generator = records::Generator::new(rng, now, first_year, &officers, &items, &pool);
    let mut done = 0;
    while done < records {
        let end = (done + CHUNK).min(records);
        let last = end == records;
        ledger.batch(|batch| generator.save(batch, &times[done..end], last))?;
        done = end;
        progress(done, records);
    }
    if records == 0 {
        progress(0, 0);
    }
    let mut rng = Rng::with_seed(seed ^ 0x0057_4f52_4b46_4c4f);
    let workflow = workflow::fill_workflow(ledger, &mut rng, now)?;
    review::save_new_drafts(ledger, "金岭回族镇消防站", &reviewer, now)?;

    let counts = generator.counts();
    log::info!(
        "生成演示数据：指导人员{}名，目录事项{}项，指导记录{}份，意见书{}份",
        officers.len(),
        items.len(),
        counts.guidance,
        counts.letters
    );
    Ok(DemoSummary {
        officers: officers.len(),
        items: items.len(),
        guidance: counts.guidance,
        letters: counts.letters,
        refused: counts.refused,
        voided: counts.voided,
        moves: counts.moves,
        first_year,
        last_year: today.year(),
        workflow,
    })
}

fn save_officers(ledger: &Ledger, rng: &mut Rng) -> Result<Vec<Officer>, StoreError> {
    catalogue::officers(rng).iter().map(|o| ledger.save_officer(o)).collect()
}

/// The judicial office's officer, who reviews the catalogue.
fn reviewer(officers: &[Officer]) -> String {
    officers.iter().find(|o| o.station == "司法所").map(|o| o.name.clone()).unwrap_or_default()
}

/// Times of `count` acts of guidance on working days from 1 January of `first_year` up to
/// `now` (today only once the office day is over), in office hours, sorted.
fn schedule(
    rng: &mut Rng,
    count: usize,
    first_year: i32,
    now: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    let Some(start) = NaiveDate::from_ymd_opt(first_year, 1, 1) else {
        return Vec::new();
    };
    let closing = NaiveTime::from_hms_opt(17, 30, 0).unwrap_or_default();
    let last = if now.time() >= closing { now.date() } else { now.date() - Duration::days(1) };
    let days: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    if days.is_empty() {
        return Vec::new();
    }
    let mut times: Vec<NaiveDateTime> = (0..count)
        .map(|_| {
            let day = days[rng.usize(..days.len())];
            // 8:30–11:30 or 14:00–17:30.
            let minutes = if rng.u8(..10) < 6 { rng.u32(510..690) } else { rng.u32(840..1050) };
            let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or_default();
            day.and_time(time)
        })
        .collect();
    times.sort_unstable();
    times
}

/// Adds minutes to a time.
fn later(time: NaiveDateTime, minutes: u32) -> NaiveDateTime {
    time + Duration::minutes(i64::from(minutes))
}
