//! Reading a spreadsheet file into rows of cells: XLSX/XLS through calamine, CSV in UTF-8
//! (with or without BOM), UTF-16 with a BOM, or GBK, as Excel and WPS save them.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDateTime;
use encoding_rs::{Encoding, GBK, UTF_8};

use super::ImportError;
use super::value::serial_to_datetime;

/// Largest file read; an office's registers are far smaller.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most rows read from one sheet.
pub const MAX_ROWS: usize = 200_000;
/// Most columns looked at in one row.
pub const MAX_COLUMNS: usize = 200;

/// One cell as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell formatted as a date or time in Excel.
    Date(NaiveDateTime),
    Bool(bool),
}

/// One row with the number Excel shows beside it (1 for the first row).
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRow {
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// The first sheet of a workbook, or a whole CSV file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub rows: Vec<SheetRow>,
    /// What was read, e.g. “Excel 表格” or “CSV（GBK 编码）”, shown in the preview.
    pub source: String,
}

impl Sheet {
    /// The cell at `row` (index into `rows`) and `col`, or empty.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.cells.get(col)).unwrap_or(&Cell::Empty)
    }

    /// The widest row's number of cells.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }
}

/// Reads the file at `path`; see [`read_bytes`].
pub fn read_path(path: &Path) -> Result<Sheet, ImportError> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| ImportError::Open { path: name.clone(), detail: e.to_string() })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(name));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::Open { path: name.clone(), detail: e.to_string() })?;
    read_bytes(&bytes, &name)
}

/// Reads a workbook or a CSV file from its bytes; `name` is only used in messages.
pub fn read_bytes(bytes: &[u8], name: &str) -> Result<Sheet, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(name.to_owned()));
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if is_zip || is_ole {
        return read_workbook(bytes, name);
    }
    read_csv(bytes, name)
}

fn read_workbook(bytes: &[u8], name: &str) -> Result<Sheet, ImportError> {
    let unreadable = |detail: String| ImportError::BadWorkbook { path: name.to_owned(), detail };
    // calamine is a parser of untrusted input; should it ever panic on a strange file, the
    // clerk gets a message instead of a closed window.
    let parsed = std::panic::catch_unwind(|| {
        let mut book =
            calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        match book.worksheet_range_at(0) {
            Some(range) => range.map_err(|e| e.to_string()),
            None => Err("工作簿中没有工作表".to_owned()),
        }
    });
    let range = match parsed {
        Ok(Ok(range)) => range,
        Ok(Err(detail)) => return Err(unreadable(detail)),
        Err(_) => return Err(unreadable("文件结构异常".to_owned())),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        if i >= MAX_ROWS {
            return Err(ImportError::TooManyRows(name.to_owned()));
        }
        let lead = usize::try_from(first_col).unwrap_or(0).min(MAX_COLUMNS);
        let mut cells = vec![Cell::Empty; lead];
        cells.extend(row.iter().take(MAX_COLUMNS - lead).map(cell_of));
        trim_end(&mut cells);
        let number = first_row.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)) + 1;
        rows.push(SheetRow { number, cells });
    }
    Ok(Sheet { rows, source: "Excel 表格".to_owned() })
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        #[expect(clippy::cast_precision_loss, reason = "cell integers are far below 2^52")]
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => {
            serial_to_datetime(d.as_f64()).map_or(Cell::Number(d.as_f64()), Cell::Date)
        }
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

fn trim_end(cells: &mut Vec<Cell>) {
    while cells.last().is_some_and(|c| *c == Cell::Empty) {
        cells.pop();
    }
}

/// Decodes text: a BOM decides; else valid UTF-8 is UTF-8, and anything else is GBK.
fn decode_text(bytes: &[u8], name: &str) -> Result<(String, &'static str), ImportError> {
    let not_sheet = || ImportError::NotASheet(name.to_owned());
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .ok_or_else(not_sheet)?;
        let label = if encoding == UTF_8 { "UTF-8" } else { "UTF-16" };
        return Ok((text.into_owned(), label));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8"));
    }
    let text =
        GBK.decode_without_bom_handling_and_without_replacement(bytes).ok_or_else(not_sheet)?;
    Ok((text.into_owned(), "GBK"))
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Sheet, ImportError> {
    let (text, encoding) = decode_text(bytes, name)?;
    // Text files of a spreadsheet hold no NULs and few control characters; binary does.
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    if text.contains('\0') || controls.count() * 50 > text.chars().count().max(1) {
        return Err(ImportError::NotASheet(name.to_owned()));
    }
    let delimiter = guess_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Excel counts a quoted line break as part of its row; csv counts it as a line.
    let mut extra_lines: u64 = 0;
    for record in reader.records() {
        let record = record
            .map_err(|e| ImportError::BadCsv { path: name.to_owned(), detail: e.to_string() })?;
        if rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows(name.to_owned()));
        }
        let line = record.position().map_or(0, csv::Position::line);
        let number = u32::try_from(line.saturating_sub(extra_lines)).unwrap_or(u32::MAX);
        let mut cells: Vec<Cell> = record
            .iter()
            .take(MAX_COLUMNS)
            .map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f.to_owned()) })
            .collect();
        extra_lines += record.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
        trim_end(&mut cells);
        rows.push(SheetRow { number, cells });
    }
    let delimiter_name = if delimiter == b'\t' { "制表符分隔" } else { "CSV" };
    Ok(Sheet { rows, source: format!("{delimiter_name}文本（{encoding} 编码）") })
}

/// Comma, unless the first lines have tabs (or semicolons) and no commas.
fn guess_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect();
    let count = |c: char| head.matches(c).count();
    if count(',') + count('，') > 0 {
        b','
    } else if count('\t') > 0 {
        b'\t'
    } else if count(';') > 0 {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => t.clone(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn csv_in_each_encoding_reads_the_same() {
        let text = "序号,指导对象\r\n1,金岭镇王记饭店\r\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(text.as_bytes());
        let (gbk, _, _) = GBK.encode(text);
        let mut utf16_bom = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            utf16_bom.extend(unit.to_le_bytes());
        }
        let want = vec![
            vec!["序号".to_string(), "指导对象".into()],
            vec!["1".into(), "金岭镇王记饭店".into()],
        ];
        for (bytes, source) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            (bom, "UTF-8"),
            (gbk.into_owned(), "GBK"),
            (utf16_bom, "UTF-16"),
        ] {
            let sheet = read_bytes(&bytes, "t.csv").unwrap();
            assert_eq!(texts(&sheet), want, "{source}");
            assert!(sheet.source.contains(source), "{}", sheet.source);
        }
    }

    #[test]
    fn row_numbers_are_as_excel_shows_them_even_with_line_breaks_in_cells() {
        let text = "标题\n序号,内容\n1,\"第一行\n第二行\"\n2,乙\n";
        let sheet = read_bytes(text.as_bytes(), "t.csv").unwrap();
        let numbers: Vec<u32> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
    }

    #[test]
    fn binary_junk_is_not_a_sheet() {
        let junk: Vec<u8> = (0..=255u8).cycle().take(4000).collect();
        assert!(matches!(read_bytes(&junk, "x.csv"), Err(ImportError::NotASheet(_))));
        let zip = b"PK\x03\x04 not really a zip".to_vec();
        assert!(matches!(read_bytes(&zip, "x.xlsx"), Err(ImportError::BadWorkbook { .. })));
    }

    #[test]
    fn tab_separated_text_is_split_on_tabs() {
        let sheet = read_bytes("序号\t指导对象\n1\t甲\n".as_bytes(), "t.txt").unwrap();
        assert_eq!(texts(&sheet)[1], ["1", "甲"]);
    }
}
