//! `guidance-ledger export`: a list to a CSV or XLSX file.

use std::collections::HashMap;
use std::path::Path;

use chrono::Datelike;

use crate::domain::{OpinionLetter, RegisterFilter, RegisterRow, RegisterSort};
use crate::export::platform::{
    PLATFORM_LAYOUT_KEY, PlatformLayout, platform_items, platform_table,
};
use crate::export::{Format, ListKind, Table, catalogue_table, letters_table, register_table};
use crate::search::SearchIndex;
use crate::search::register::{build_rows, view};

use super::{CliError, open_existing};

/// Exports `list` (register, catalogue, letters, or the catalogue for the platform in the
/// columns last chosen in the window) of the ledger at `db` to `out`, of one
/// `year` if given. The format is `format`, or else the extension of `out`. Returns the
/// number of data rows written.
///
/// # Errors
/// A bad list, format or year, a missing ledger (never created here), or what the store or
/// the file writer reports.
pub fn export(
    db: &Path,
    list: &str,
    format: Option<&str>,
    out: &Path,
    year: Option<&str>,
) -> Result<usize, CliError> {
    let kind = parse_list(list)?;
    let format = match format {
        Some(text) => Format::parse(text).ok_or_else(|| CliError::UnknownFormat(text.into()))?,
        None => out
            .extension()
            .and_then(|e| Format::parse(&e.to_string_lossy()))
            .ok_or_else(|| CliError::NoFormat(out.to_path_buf()))?,
    };
    let year = year.map(parse_year).transpose()?;
    if matches!(kind, ListKind::Catalogue | ListKind::Platform) && year.is_some() {
        return Err(CliError::YearNotApplicable);
    }

    let ledger = open_existing(db)?;
    let snapshot = ledger.snapshot()?;
    let unit = snapshot.settings.unit_name.trim();
    let period = year.map(|y| format!("{y}年"));
    let table = match kind {
        ListKind::Register => {
            let rows = build_rows(&snapshot.guidance, &snapshot.catalogue, &snapshot.officers);
            let filter = RegisterFilter { year, ..Default::default() };
            let positions = view(&rows, &filter, RegisterSort::default(), &SearchIndex::default());
            let shown: Vec<&RegisterRow> = positions.iter().map(|&i| &rows[i]).collect();
            register_table(&shown, unit, &filter.period_label())
        }
        ListKind::Catalogue => titled(catalogue_table(&snapshot.catalogue), unit, None),
        ListKind::Platform => {
            let layout = ledger
                .preference(PLATFORM_LAYOUT_KEY)?
                .map_or_else(PlatformLayout::default, |text| PlatformLayout::from_text(&text));
            if let Some(problem) = layout.problem() {
                return Err(CliError::Layout(problem));
            }
            let reviews: HashMap<_, _> =
                snapshot.reviews.into_iter().map(|r| (r.item, r)).collect();
            let items = platform_items(&snapshot.catalogue, &reviews, &layout);
            titled(platform_table(&items, &reviews, &layout), unit, None)
        }
        ListKind::Letters => {
            let numbers: HashMap<u64, String> =
                snapshot.guidance.iter().map(|g| (g.id, g.number.to_string())).collect();
            let letters: Vec<OpinionLetter> = snapshot
                .letters
                .into_iter()
                .filter(|l| year.is_none_or(|y| l.details.date.year() == y))
                .collect();
            let table = letters_table(&letters, &|id| numbers.get(&id).cloned());
            titled(table, unit, period.as_deref())
        }
    };
    crate::export::write_table(&table, format, out)?;
    Ok(table.rows.len())
}

/// Puts the unit's name before a list's title and the period after it, as the register has.
fn titled(mut table: Table, unit: &str, period: Option<&str>) -> Table {
    table.title = match period {
        Some(period) => format!("{unit}{}（{period}）", table.title),
        None => format!("{unit}{}", table.title),
    };
    table
}

fn parse_list(text: &str) -> Result<ListKind, CliError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "register" | "登记簿" => Ok(ListKind::Register),
        "catalogue" | "catalog" | "目录" => Ok(ListKind::Catalogue),
        "letters" | "意见书" => Ok(ListKind::Letters),
        "platform" | "涉企平台" => Ok(ListKind::Platform),
        _ => Err(CliError::UnknownList(text.into())),
    }
}

/// A four-digit year such as 2025.
pub(super) fn parse_year(text: &str) -> Result<i32, CliError> {
    let trimmed = text.trim();
    match trimmed.parse::<i32>() {
        Ok(year) if trimmed.len() == 4 && (1000..=9999).contains(&year) => Ok(year),
        _ => Err(CliError::BadYear(text.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_years_are_read_strictly() {
        assert_eq!(parse_list("Register").unwrap(), ListKind::Register);
        assert_eq!(parse_list("letters").unwrap(), ListKind::Letters);
        assert!(matches!(parse_list("cases"), Err(CliError::UnknownList(_))));
        assert_eq!(parse_year("2025").unwrap(), 2025);
        for bad in ["25", "二〇二五", "+2025", "2025-1", ""] {
            assert!(matches!(parse_year(bad), Err(CliError::BadYear(_))), "{bad}");
        }
    }
}
