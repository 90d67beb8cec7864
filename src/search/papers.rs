//! Which printed papers a record or a period makes: names resolved from the ledger in memory,
//! handed to the paper composers.

use chrono::NaiveDate;

use crate::domain::{DocNumber, RecordId};
use crate::export::paper::{Paper, guidance_paper, letter_paper};

use super::DocRef;
use super::data::LedgerData;

/// The guidance record `id` as attachment 1.
pub fn guidance_paper_of(data: &LedgerData, id: RecordId) -> Option<Paper> {
    let g = data.guidance(id)?;
    let item = g.details.item.and_then(|i| data.item(i)).map_or("", |i| i.name.as_str());
    let officers = data.officer_names(&g.details.officers);
    Some(guidance_paper(g, &officers, item, &data.settings.unit_name))
}

/// The opinion letter `id` as attachment 2.
pub fn letter_paper_of(data: &LedgerData, id: RecordId) -> Option<Paper> {
    let l = data.letter(id)?;
    Some(letter_paper(l, &data.settings.unit_name))
}

/// The paper of a record or letter.
pub fn paper_of(data: &LedgerData, doc: DocRef) -> Option<Paper> {
    match doc {
        DocRef::Guidance(id) => guidance_paper_of(data, id),
        DocRef::Letter(id) => letter_paper_of(data, id),
    }
}

/// The record or letter that carries the printed number `text` (e.g. `金岭指导书〔2026〕1号`).
pub fn find_number(data: &LedgerData, text: &str) -> Option<DocRef> {
    let number = DocNumber::parse(text)?;
    if let Some(g) = data.guidance.iter().find(|g| g.number == number) {
        return Some(DocRef::Guidance(g.id));
    }
    data.letters.iter().find(|l| l.number == number).map(|l| DocRef::Letter(l.id))
}

/// Which documents a batch prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct BatchKinds {
    pub guidance: bool,
    pub letters: bool,
}

/// Every record and letter dated from `from` to `to` (both included), voided ones left out,
/// in date order: records first by their time, letters by their date.
pub fn documents_in(
    data: &LedgerData,
    from: NaiveDate,
    to: NaiveDate,
    kinds: BatchKinds,
) -> Vec<DocRef> {
    let mut docs: Vec<(NaiveDate, u8, RecordId, DocRef)> = Vec::new();
    if kinds.guidance {
        docs.extend(
            data.guidance
                .iter()
                .filter(|g| g.voided.is_none() && (from..=to).contains(&g.details.time.date()))
                .map(|g| (g.details.time.date(), 0, g.id, DocRef::Guidance(g.id))),
        );
    }
    if kinds.letters {
        docs.extend(
            data.letters
                .iter()
                .filter(|l| l.voided.is_none() && (from..=to).contains(&l.details.date))
                .map(|l| (l.details.date, 1, l.id, DocRef::Letter(l.id))),
        );
    }
    docs.sort_by_key(|(date, kind, id, _)| (*date, *kind, *id));
    docs.into_iter().map(|(_, _, _, doc)| doc).collect()
}
