//! The register as the clerk sees it: rows built from guidance records, filtered and sorted.

use std::collections::{HashMap, HashSet};

use crate::domain::{
    CatalogueItem, Guidance, Officer, RecordId, RegisterFilter, RegisterRow, RegisterSort,
};

use super::{DocRef, SearchIndex};

/// One register row per guidance record, in the order given.
pub fn build_rows(
    guidance: &[Guidance],
    catalogue: &[CatalogueItem],
    officers: &[Officer],
) -> Vec<RegisterRow> {
    let items: HashMap<RecordId, CatalogueItem> =
        catalogue.iter().map(|i| (i.id, i.clone())).collect();
    let officers: HashMap<RecordId, Officer> = officers.iter().map(|o| (o.id, o.clone())).collect();
    guidance.iter().map(|g| RegisterRow::from_guidance(g, &items, &officers)).collect()
}

/// Positions in `rows` of the rows that pass `filter` (its text through `index`), sorted.
pub fn view(
    rows: &[RegisterRow],
    filter: &RegisterFilter,
    sort: RegisterSort,
    index: &SearchIndex,
) -> Vec<usize> {
    let text_hits: Option<HashSet<RecordId>> = if filter.text.trim().is_empty() {
        None
    } else {
        Some(
            index
                .search(&filter.text)
                .into_iter()
                .filter_map(|d| match d {
                    DocRef::Guidance(id) => Some(id),
                    DocRef::Letter(_) => None,
                })
                .collect(),
        )
    };
    let mut positions: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| filter.matches(r))
        .filter(|(_, r)| text_hits.as_ref().is_none_or(|hits| hits.contains(&r.id)))
        .map(|(i, _)| i)
        .collect();
    positions.sort_by(|&a, &b| sort.compare(&rows[a], &rows[b]));
    positions
}
