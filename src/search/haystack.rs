//! The searchable text of one record: every text field, folded, plus pinyin initials.

use std::collections::HashMap;

use crate::domain::fold::{fold, pinyin_initials};
use crate::domain::{CatalogueItem, Guidance, Officer, OpinionLetter, RecordId};

/// Officer and item names by id, to put names rather than ids into the index.
#[derive(Default)]
pub struct Names {
    officers: HashMap<RecordId, String>,
    items: HashMap<RecordId, String>,
}

impl Names {
    pub fn new(officers: &[Officer], catalogue: &[CatalogueItem]) -> Self {
        Self {
            officers: officers.iter().map(|o| (o.id, o.name.clone())).collect(),
            items: catalogue.iter().map(|i| (i.id, i.name.clone())).collect(),
        }
    }
}

/// Field separator inside a record's text, so a word never matches across two fields.
const FIELD: char = '\u{1}';

fn push_fields(out: &mut String, fields: &[&str]) {
    for f in fields.iter().filter(|f| !f.is_empty()) {
        out.push_str(&fold(f));
        out.push(FIELD);
    }
}

fn push_initials(out: &mut String, fields: &[&str]) {
    for f in fields {
        let initials = pinyin_initials(f);
        if !initials.is_empty() {
            out.push_str(&initials);
            out.push(FIELD);
        }
    }
}

pub(super) fn of_guidance(g: &Guidance, names: &Names) -> String {
    let d = &g.details;
    let number = g.number.to_string();
    let officers: Vec<&str> =
        d.officers.iter().filter_map(|id| names.officers.get(id).map(String::as_str)).collect();
    let item = d.item.and_then(|id| names.items.get(&id)).map_or("", String::as_str);
    let s = &d.subject;
    let mut out = String::with_capacity(256);
    push_fields(&mut out, &[&number, &s.name, &s.credit_code, &s.contact, &s.phone, &s.address]);
    push_fields(&mut out, &[&d.place, &d.content, &d.effect, item, d.method.label()]);
    push_fields(&mut out, &officers);
    if g.voided.is_some() {
        push_fields(&mut out, &["作废"]);
    }
    push_initials(&mut out, &[&s.name, &s.contact, &d.place, item]);
    push_initials(&mut out, &officers);
    out
}

pub(super) fn of_letter(l: &OpinionLetter) -> String {
    let d = &l.details;
    let number = l.number.to_string();
    let mut out = String::with_capacity(256);
    push_fields(&mut out, &[&number, &d.addressee, &d.problems, &d.opinion, &d.contact, &d.phone]);
    push_fields(&mut out, &[&d.delivery.method, &d.delivery.signer, &d.feedback]);
    if l.voided.is_some() {
        push_fields(&mut out, &["作废"]);
    }
    push_initials(&mut out, &[&d.addressee, &d.contact, &d.delivery.signer]);
    out
}
