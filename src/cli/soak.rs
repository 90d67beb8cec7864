//! `guidance-ledger soak` (hidden): saves numbered documents in a loop, printing each one
//! after its commit, for the crash test that kills this process at random moments.

use std::io::Write;
use std::path::Path;

use chrono::{Local, NaiveDate, NaiveDateTime};

use crate::domain::{CatalogueItem, GuidanceDraft, Officer, OpinionLetterDraft, Subject};
use crate::store::Ledger;

use super::CliError;

/// Saves `count` documents into the ledger at `db` (created if missing), one transaction
/// each: every 5th an opinion letter, the rest guidance records; every 3rd dated 2025, the
/// rest 2026. After each commit prints `G` or `L`, the id and the number, tab-separated,
/// and flushes, so a line on stdout means the document is on disk.
///
/// # Errors
/// The store's error, or [`CliError::Output`] when stdout is gone.
pub fn soak(db: &Path, count: u64) -> Result<(), CliError> {
    let mut ledger = Ledger::open(db)?;
    ledger.set_actor(crate::domain::Actor::CommandLine);
    let (officer, item) = staff(&ledger)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for i in 0..count {
        let year = if i % 3 == 0 { 2025 } else { 2026 };
        let month = u32::try_from(i % 12).unwrap_or(0) + 1;
        let date = NaiveDate::from_ymd_opt(year, month, 10).unwrap_or_default();
        let now = Local::now().naive_local();
        let line = if i % 5 == 4 {
            let letter = ledger.create_letter(&letter_draft(date), now)?;
            format!("L\t{}\t{}", letter.id, letter.number)
        } else {
            let time = date.and_hms_opt(9, 30, 0).unwrap_or(NaiveDateTime::MIN);
            let guidance = ledger.create_guidance(&guidance_draft(&officer, &item, time), now)?;
            format!("G\t{}\t{}", guidance.id, guidance.number)
        };
        writeln!(out, "{line}").and_then(|()| out.flush()).map_err(CliError::Output)?;
    }
    Ok(())
}

/// The first officer and catalogue item, saved now if a previous run was killed before.
fn staff(ledger: &Ledger) -> Result<(Officer, CatalogueItem), CliError> {
    let officer = match ledger.officers()?.into_iter().next() {
        Some(officer) => officer,
        None => ledger.save_officer(&Officer {
            name: "王建国".into(),
            active: true,
            ..Default::default()
        })?,
    };
    let item = match ledger.catalogue()?.into_iter().next() {
        Some(item) => item,
        None => ledger.save_item(&CatalogueItem {
            name: "安全生产隐患提示".into(),
            domain: "安全生产".into(),
            basis: "《中华人民共和国安全生产法》第四条".into(),
            ..Default::default()
        })?,
    };
    Ok((officer, item))
}

fn guidance_draft(officer: &Officer, item: &CatalogueItem, time: NaiveDateTime) -> GuidanceDraft {
    let mut draft = GuidanceDraft::new(time);
    draft.place = "金岭回族镇某某村".into();
    draft.officers = vec![officer.id];
    draft.subject = Subject {
        kind: crate::domain::SubjectKind::NaturalPerson,
        name: "张三".into(),
        ..Default::default()
    };
    draft.item = Some(item.id);
    draft.content = "提醒液化气罐不得存放在地下室。".into();
    draft
}

fn letter_draft(date: NaiveDate) -> OpinionLetterDraft {
    let mut draft = OpinionLetterDraft::new(date, "金岭回族镇司法所", "0533-1234567");
    draft.addressee = "某某食品店".into();
    draft.problems = "进货台账不全。".into();
    draft.opinion = "建议七日内补齐进货台账。".into();
    draft
}
