//! Writers from domain data to spreadsheet files: CSV and XLSX, always written atomically.
//!
//! A list is first turned into a [`Table`] (title, headers, rows of text), and the table is
//! then written in the chosen [`Format`]. Nothing here knows about egui or file dialogs; the
//! caller picks the path, and an error comes back as an [`ExportError`] whose message tells
//! the clerk, in Chinese, what went wrong and what to do.

mod atomic;
mod csv;
mod error;
pub mod paper;
pub mod platform;
mod table;
mod xlsx;

use std::path::Path;

pub use atomic::{write_atomically, write_bytes_atomically};
pub use csv::{guard_formula, to_csv_bytes};
pub use error::ExportError;
pub use table::{Table, catalogue_table, letters_table, register_table};
pub use xlsx::to_xlsx_bytes;

/// File formats a list can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Comma-separated text, UTF-8 with a byte-order mark so Excel and WPS read the 汉字.
    Csv,
    /// An Excel workbook with a titled, bordered, printable sheet.
    Xlsx,
}

impl Format {
    /// Every format, in the order offered to the clerk.
    pub const ALL: [Format; 2] = [Format::Xlsx, Format::Csv];

    /// File name extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The name shown to the clerk.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV 文本（.csv）",
            Format::Xlsx => "Excel 表格（.xlsx）",
        }
    }

    /// Reads `csv` or `xlsx` (any case, with or without a leading dot), e.g. from the CLI.
    #[must_use]
    pub fn parse(text: &str) -> Option<Format> {
        let text = text.trim();
        let text = text.strip_prefix('.').unwrap_or(text);
        Format::ALL.into_iter().find(|f| f.extension().eq_ignore_ascii_case(text))
    }
}

/// The lists that can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// 行政指导事项登记簿: the register of guidance records.
    Register,
    /// 行政指导事项目录: the published catalogue.
    Catalogue,
    /// 行政指导意见书台账: the opinion letters.
    Letters,
    /// The catalogue in the columns the enterprise-inspection platform takes.
    Platform,
}

impl ListKind {
    /// Every list, in the order of the app's tabs; the platform's list last.
    pub const ALL: [ListKind; 4] =
        [ListKind::Catalogue, ListKind::Register, ListKind::Letters, ListKind::Platform];

    /// The list's official Chinese title, used in sheet titles and file names.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            ListKind::Register => "行政指导事项登记簿",
            ListKind::Catalogue => "行政指导事项目录",
            ListKind::Letters => "行政指导意见书台账",
            ListKind::Platform => "行政指导事项目录（涉企平台）",
        }
    }
}

/// The file name offered for an export, e.g. `行政指导事项登记簿_2026.xlsx`.
#[must_use]
pub fn default_file_name(kind: ListKind, format: Format, year: i32) -> String {
    format!("{}_{year}.{}", kind.title(), format.extension())
}

/// Writes `table` to `path` in `format`, replacing the file only once it is complete.
///
/// # Errors
///
/// [`ExportError`] when the file cannot be written (see its variants). No partial file is
/// left behind, and an existing file at `path` is untouched.
pub fn write_table(table: &Table, format: Format, path: &Path) -> Result<(), ExportError> {
    match format {
        Format::Csv => write_atomically(path, |out| csv::write_csv(table, out)),
        Format::Xlsx => {
            let bytes = to_xlsx_bytes(table)?;
            write_bytes_atomically(path, &bytes)
        }
    }?;
    log::info!("exported {} rows to {}", table.rows.len(), path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_their_extension() {
        assert_eq!(Format::parse("csv"), Some(Format::Csv));
        assert_eq!(Format::parse(" XLSX "), Some(Format::Xlsx));
        assert_eq!(Format::parse(".xlsx"), Some(Format::Xlsx));
        assert_eq!(Format::parse("xls"), None);
        assert_eq!(Format::parse(""), None);
        for format in Format::ALL {
            assert_eq!(Format::parse(format.extension()), Some(format));
        }
    }

    #[test]
    fn default_names_carry_the_title_and_year() {
        assert_eq!(
            default_file_name(ListKind::Register, Format::Xlsx, 2026),
            "行政指导事项登记簿_2026.xlsx"
        );
        assert_eq!(
            default_file_name(ListKind::Letters, Format::Csv, 2027),
            "行政指导意见书台账_2027.csv"
        );
        assert_eq!(ListKind::Catalogue.title(), "行政指导事项目录");
    }
}
