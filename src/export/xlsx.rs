//! XLSX: one sheet with a merged title, a bordered header and bordered, wrapped data rows,
//! laid out to print on landscape A4.
//!
//! Every cell, headers included, is written as a string cell. A spreadsheet never evaluates
//! a string cell, so text such as `=1+2` stays text without the `'` prefix CSV needs.

use std::borrow::Cow;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{ExportError, Table};

/// Excel's limit on the length of a cell, in UTF-16 code units.
const MAX_CELL_UNITS: usize = 32_767;
/// Appended to a cell cut at Excel's limit.
const CUT_MARK: &str = "……（超出表格单元格长度上限，已截断）";
/// Paper size code of A4 in the XLSX page setup.
const PAPER_A4: u8 = 9;
/// Rows above the data: the title and the header.
const HEAD_ROWS: u32 = 2;

/// The table as the bytes of an `.xlsx` workbook.
///
/// # Errors
///
/// [`ExportError::Xlsx`] when the writer refuses the data, e.g. more rows than a sheet holds.
pub fn to_xlsx_bytes(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    // Level 3: files about a fifth larger than the default level 6, written much faster.
    workbook.set_zip_compression_level(3);
    // Constant memory streams each finished row to a temporary file, so 100,000 rows never
    // sit in memory as cells; without a usable temp folder, fall back to building in memory.
    if let Err(error) = workbook.add_worksheet_with_constant_memory() {
        log::warn!("XLSX constant memory mode unavailable, building in memory: {error}");
        workbook.add_worksheet();
    }
    let sheet = workbook.worksheet_from_index(0)?;
    sheet.set_name(sheet_name(&table.title))?;
    fill_sheet(sheet, table)?;
    Ok(workbook.save_to_buffer()?)
}

/// A short sheet name for the tab, from the table's title.
fn sheet_name(title: &str) -> &'static str {
    if title.contains("涉企平台") {
        "涉企平台"
    } else if title.contains("登记簿") {
        "登记簿"
    } else if title.contains("目录") {
        "事项目录"
    } else if title.contains("意见书") {
        "意见书台账"
    } else {
        "台账"
    }
}

/// Column widths, in characters of the default font, by header; long text gets more room.
const COLUMN_WIDTHS: [(f64, &[&str]); 9] = [
    (6.0, &["序号"]),
    (9.0, &["状态", "是否涉企", "签收人", "版本"]),
    (12.0, &["指导方式", "所属领域", "送达方式"]),
    (15.0, &["成文日期", "送达日期", "咨询电话", "联系电话", "指导人员", "指导联系人"]),
    (16.0, &["备案日期", "公布日期"]),
    (19.0, &["时间", "上传涉企平台日期"]),
    (22.0, &["指导对象", "指导事项", "事项名称", "收件对象", "适用对象", "实施主体", "备案号"]),
    (26.0, &["文号", "关联指导文书"]),
    (40.0, &["指导内容", "指导结果", "指导依据", "存在问题", "指导意见", "反馈", "公布网址"]),
];
/// Height of one line of text in the default font, in points.
const LINE_HEIGHT: f64 = 15.0;
/// Lines a row grows to at the most (Excel's limit is 409 points).
const MAX_LINES: usize = 20;
/// Width of a column whose header is not listed above.
const DEFAULT_WIDTH: f64 = 16.0;
/// Short values that read better centred.
const CENTRED: [&str; 3] = ["序号", "是否涉企", "状态"];

/// The width of the column under `header`.
fn column_width(header: &str) -> f64 {
    COLUMN_WIDTHS
        .iter()
        .find(|(_, headers)| headers.contains(&header))
        .map_or(DEFAULT_WIDTH, |&(width, _)| width)
}

/// The cell formats, built once and shared by reference by every cell.
struct Formats {
    title: Format,
    header: Format,
    text: Format,
    centered: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new().set_font_name("宋体").set_align(FormatAlign::VerticalCenter);
        let boxed = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
        Self {
            title: base.clone().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            header: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00D9_E1F2)),
            centered: boxed.clone().set_align(FormatAlign::Center),
            text: boxed.set_align(FormatAlign::Left),
        }
    }
}

fn fill_sheet(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let columns = table.headers.len().max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    let last_col = u16::try_from(columns.max(1) - 1).map_err(|_| XlsxError::RowColumnLimitError)?;

    for (col, header) in (0..=last_col).zip(&table.headers) {
        sheet.set_column_width(col, column_width(header))?;
    }

    // Title, merged across the table.
    sheet.set_row_height(0, 32)?;
    if last_col == 0 {
        sheet.write_string_with_format(0, 0, fit(&table.title), &formats.title)?;
    } else {
        sheet.merge_range(0, 0, 0, last_col, &fit(&table.title), &formats.title)?;
    }

    // Header row.
    for (col, header) in (0..=last_col).zip(&table.headers) {
        sheet.write_string_with_format(1, col, fit(header), &formats.header)?;
    }

    // Data: every cell a string, bordered and wrapped.
    let cell_formats: Vec<&Format> = (0..=usize::from(last_col))
        .map(|col| match table.headers.get(col) {
            Some(header) if CENTRED.contains(&header.as_str()) => &formats.centered,
            _ => &formats.text,
        })
        .collect();
    let widths: Vec<f64> = (0..=usize::from(last_col))
        .map(|col| table.headers.get(col).map_or(DEFAULT_WIDTH, |h| column_width(h)))
        .collect();
    let mut last_row = HEAD_ROWS - 1;
    for (row, cells) in (HEAD_ROWS..).zip(&table.rows) {
        // Neither Excel nor LibreOffice grows a row for wrapped text when opening a file, so
        // the row is made tall enough for its longest cell here.
        let lines = row_lines(cells, &widths);
        if lines > 1 {
            #[allow(clippy::cast_precision_loss, reason = "at most MAX_LINES")]
            sheet.set_row_height(row, LINE_HEIGHT * lines as f64)?;
        }
        for ((col, cell), format) in (0..).zip(cells).zip(&cell_formats) {
            sheet.write_string_with_format(row, col, fit(cell), format)?;
        }
        last_row = row;
    }

    // Screen and print layout.
    sheet.set_freeze_panes(HEAD_ROWS, 0)?;
    sheet.autofilter(HEAD_ROWS - 1, 0, last_row, last_col)?;
    sheet.set_repeat_rows(HEAD_ROWS - 1, HEAD_ROWS - 1)?;
    sheet
        .set_landscape()
        .set_paper_size(PAPER_A4)
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// How many lines the longest cell of a row wraps to in columns of `widths` characters; a
/// Chinese character takes the room of two Latin ones.
fn row_lines(cells: &[String], widths: &[f64]) -> usize {
    cells
        .iter()
        .zip(widths)
        .map(|(cell, &width)| {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "column widths are small positive numbers"
            )]
            let room = (width.floor() as usize).max(2);
            cell.split('\n')
                .map(|line| {
                    let units: usize = line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
                    units.div_ceil(room).max(1)
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_LINES)
}

/// Cuts a cell that would pass Excel's length limit, saying so at its end.
fn fit(cell: &str) -> Cow<'_, str> {
    // Most cells are short: a UTF-16 length never exceeds the UTF-8 length.
    if cell.len() <= MAX_CELL_UNITS || cell.encode_utf16().count() <= MAX_CELL_UNITS {
        return Cow::Borrowed(cell);
    }
    let budget = MAX_CELL_UNITS - CUT_MARK.encode_utf16().count();
    let mut units = 0;
    let end = cell
        .char_indices()
        .find(|&(_, c)| {
            units += c.len_utf16();
            units > budget
        })
        .map_or(cell.len(), |(i, _)| i);
    log::warn!("a cell of {} bytes was cut to fit an XLSX cell", cell.len());
    Cow::Owned(format!("{}{CUT_MARK}", &cell[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_as_tall_as_its_longest_wrapped_cell() {
        let widths = [6.0, 40.0];
        let short = ["1".to_owned(), "对象当场整改完毕".to_owned()];
        assert_eq!(row_lines(&short, &widths), 1);
        // 40 units of room: 40 Chinese characters take 80 units, two lines; one more, three.
        let long = ["2".to_owned(), "整".repeat(40)];
        assert_eq!(row_lines(&long, &widths), 2);
        let longer = ["2".to_owned(), "整".repeat(41)];
        assert_eq!(row_lines(&longer, &widths), 3);
        let time = ["2".to_owned(), "2026年1月14日 10:45".to_owned()];
        assert_eq!(row_lines(&time, &[6.0, 19.0]), 1, "19 units in a column 19 wide");
        let broken = ["3".to_owned(), "第一行\n第二行\n第三行\n第四行".to_owned()];
        assert_eq!(row_lines(&broken, &widths), 4);
        let huge = ["4".to_owned(), "长".repeat(10_000)];
        assert_eq!(row_lines(&huge, &widths), MAX_LINES);
    }

    #[test]
    fn sheets_get_short_chinese_names() {
        assert_eq!(sheet_name("金岭回族镇人民政府行政指导事项登记簿（2026年）"), "登记簿");
        assert_eq!(sheet_name("行政指导事项目录"), "事项目录");
        assert_eq!(sheet_name("行政指导意见书台账"), "意见书台账");
        assert_eq!(sheet_name(""), "台账");
    }

    #[test]
    fn long_text_columns_are_widest() {
        assert!(column_width("指导结果") > column_width("指导对象"));
        assert!(column_width("序号") < column_width("时间"));
        assert!((column_width("未知列") - DEFAULT_WIDTH).abs() < f64::EPSILON);
    }

    #[test]
    fn long_cells_are_cut_at_the_excel_limit() {
        let short = "金岭".repeat(100);
        assert!(matches!(fit(&short), Cow::Borrowed(_)));
        let long = "𠮷".repeat(20_000);
        let cut = fit(&long);
        assert!(cut.encode_utf16().count() <= MAX_CELL_UNITS);
        assert!(cut.ends_with(CUT_MARK));
        assert!(cut.starts_with("𠮷𠮷"));
    }

    #[test]
    fn an_empty_table_still_makes_a_workbook() -> Result<(), ExportError> {
        let bytes = to_xlsx_bytes(&Table::default())?;
        assert!(bytes.starts_with(b"PK"));
        Ok(())
    }
}
