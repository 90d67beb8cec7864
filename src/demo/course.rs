//! The course of each demo record: the moves a handler makes after registering it, each at
//! its own time. Moves still in the future when the demo is made are left undone, so old
//! records are archived and the latest ones are still being carried out.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use fastrand::Rng;

use crate::domain::course::{Outcome, Stage, Step};
use crate::domain::{Acceptance, Delivery, GuidanceDraft, Initiative, WrittenForm};

use super::later;

/// A record's letter, as far as its course needs it.
pub struct LetterFacts<'a> {
    pub created: NaiveDateTime,
    pub delivery: &'a Delivery,
}

/// The moves of one record registered at `created`, in order, each after the one before.
pub fn plan(
    rng: &mut Rng,
    draft: &GuidanceDraft,
    created: NaiveDateTime,
    letter: Option<LetterFacts<'_>>,
    today: NaiveDate,
) -> Vec<(NaiveDateTime, Step)> {
    let mut moves = Moves { at: created, list: Vec::new() };
    let day = draft.time.date();
    if draft.initiative == Initiative::OnApplication {
        let received = day.checked_sub_days(Days::new(rng.u64(0..3))).unwrap_or(day);
        moves.push(1, Step::Applied(received));
        // A few of the latest applications are still waiting for an answer.
        if (today - day).num_days() < 8 && rng.u8(..100) < 40 {
            return moves.list;
        }
        moves.push(2, Step::Decide { accept: true, date: day });
    }
    if draft.acceptance == Acceptance::Refused {
        let refusal = "对象表示不接受指导意见，已告知其可自主决定".to_owned();
        moves.push(3, Step::End { outcome: Outcome::Refused, date: day, note: refusal });
        moves.push_on(archive_day(rng, day), Step::Advance { to: Stage::Archived, note: note() });
        return moves.list;
    }
    moves.push(3, Step::Advance { to: Stage::Implemented, note: note() });
    let mut delivered = false;
    if let Some(letter) = letter.filter(|_| draft.form == WrittenForm::Written) {
        moves.at = moves.at.max(letter.created);
        moves.push(5, Step::Advance { to: Stage::Issued, note: note() });
        // A letter not yet delivered holds the course at 出具文书.
        let Some(date) = letter.delivery.date else { return moves.list };
        moves.push_on(date, Step::Deliver(letter.delivery.clone()));
        delivered = true;
    }
    let evaluated = !draft.effect.trim().is_empty();
    // An evaluation follows a delivery or some tracking.
    if rng.u8(..100) < 50 || (evaluated && !delivered) {
        moves.push_on(day + Days::new(rng.u64(3..10)), track());
    }
    if evaluated {
        moves.push_on(day + Days::new(rng.u64(10..25)), Step::Evaluate(draft.effect.clone()));
    }
    let concluded = moves.at.date() + Days::new(rng.u64(1..5));
    moves.push_on(concluded, Step::Advance { to: Stage::Concluded, note: note() });
    moves.push_on(archive_day(rng, concluded), Step::Advance { to: Stage::Archived, note: note() });
    moves.list
}

/// The office archives the records concluded in a quarter early in the next one.
fn archive_day(rng: &mut Rng, concluded: NaiveDate) -> NaiveDate {
    let quarter_start = (concluded.month0() / 3 + 1) * 3 + 1;
    let (year, month) = if quarter_start > 12 {
        (concluded.year() + 1, 1)
    } else {
        (concluded.year(), quarter_start)
    };
    let start = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(concluded);
    start.checked_add_days(Days::new(rng.u64(3..15))).unwrap_or(start)
}

fn track() -> Step {
    Step::Advance { to: Stage::Tracking, note: "电话了解整改进展".into() }
}

fn note() -> String {
    String::new()
}

/// Moves being planned, each at least a few minutes after the one before.
struct Moves {
    at: NaiveDateTime,
    list: Vec<(NaiveDateTime, Step)>,
}

impl Moves {
    /// A move `minutes` after the last one.
    fn push(&mut self, minutes: u32, step: Step) {
        self.at = later(self.at, minutes);
        self.list.push((self.at, step));
    }

    /// A move in the afternoon of `day`, or just after the last one if that is later.
    fn push_on(&mut self, day: NaiveDate, step: Step) {
        let afternoon = day.and_time(NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default());
        self.at = afternoon.max(later(self.at, 5));
        self.list.push((self.at, step));
    }
}
