//! The searchable text of one record: every text field, folded, plus pinyin initials.

use std::collections::HashMap;

use crate::domain::fold::{fold_into, pinyin_initials_into};
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
        fold_into(out, f);
        out.push(FIELD);
    }
}

fn push_initials(out: &mut String, fields: &[&str]) {
    for f in fields {
        let before = out.len();
        pinyin_initials_into(out, f);
        if out.len() > before {
            out.push(FIELD);
        }
    }
}

/// Appends the searchable text of a guidance record to `out`.
pub(super) fn write_guidance(out: &mut String, g: &Guidance, names: &Names) {
    let d = &g.details;
    let number = g.number.to_string();
    let mut officers: [&str; 4] = [""; 4];
    for (slot, id) in officers.iter_mut().zip(&d.officers) {
        *slot = names.officers.get(id).map_or("", String::as_str);
    }
    let item = d.item.and_then(|id| names.items.get(&id)).map_or("", String::as_str);
    let s = &d.subject;
    push_fields(out, &[&number, &s.name, &s.credit_code, &s.contact, &s.phone, &s.address]);
    push_fields(out, &[&d.place, &d.content, &d.effect, item, d.method.label()]);
    push_fields(out, &officers);
    // More than four officers on one visit is rare; index them all the same.
    for id in d.officers.iter().skip(officers.len()) {
        push_fields(out, &[names.officers.get(id).map_or("", String::as_str)]);
    }
    if g.voided.is_some() {
        push_fields(out, &["作废"]);
    }
    push_initials(out, &[&s.name, &s.contact, &d.place, item]);
    push_initials(out, &officers);
}

/// Appends the searchable text of an opinion letter to `out`.
pub(super) fn write_letter(out: &mut String, l: &OpinionLetter) {
    let d = &l.details;
    let number = l.number.to_string();
    push_fields(out, &[&number, &d.addressee, &d.problems, &d.opinion, &d.contact, &d.phone]);
    push_fields(out, &[&d.delivery.method, &d.delivery.signer, &d.feedback]);
    if l.voided.is_some() {
        push_fields(out, &["作废"]);
    }
    push_initials(out, &[&d.addressee, &d.contact, &d.delivery.signer]);
}
