//! CSV: UTF-8 with a byte-order mark, header row first, no title line.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Table;

/// The UTF-8 byte-order mark; without it Excel and WPS read the file as GBK and garble 汉字.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Makes a cell safe from formula injection when a spreadsheet opens the CSV.
///
/// A cell starting with `=`, `+`, `-`, `@`, tab or carriage return (the OWASP list) gets a
/// leading `'`, so the spreadsheet shows it as text and never evaluates it.
#[must_use]
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The table as CSV bytes: BOM, header row, then the data rows, lines ending in CRLF.
#[must_use]
pub fn to_csv_bytes(table: &Table) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail, and `flexible` turns off the row length check, so
    // an error here would be a bug in the csv crate; it is logged, not hidden.
    if let Err(error) = write_csv(table, &mut bytes) {
        log::error!("CSV encoding failed: {error}");
    }
    bytes
}

/// Streams the table as CSV into `out`.
pub(super) fn write_csv(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(BOM)?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out);
    for row in std::iter::once(&table.headers).chain(&table.rows) {
        for cell in row {
            writer.write_field(guard_formula(cell).as_bytes())?;
        }
        // An empty record ends the line the fields above started.
        writer.write_record(None::<&[u8]>)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted_and_others_kept() {
        for cell in ["=1+2", "+86 123", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard_formula(cell), format!("'{cell}"));
        }
        for cell in ["1+2", "金岭=镇", "", "'已有引号", "a-b"] {
            assert!(matches!(guard_formula(cell), Cow::Borrowed(c) if c == cell));
        }
    }

    #[test]
    fn bytes_start_with_bom_and_quote_commas_and_newlines() {
        let table = Table {
            title: "不写入CSV".into(),
            headers: vec!["序号".into(), "内容".into()],
            rows: vec![vec!["1".into(), "甲，乙, \"丙\"\n丁".into()]],
        };
        let bytes = to_csv_bytes(&table);
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8_lossy(&bytes[BOM.len()..]).into_owned();
        assert_eq!(text, "序号,内容\r\n1,\"甲，乙, \"\"丙\"\"\n丁\"\r\n");
    }
}
