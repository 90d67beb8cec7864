//! The body of a portrait paper: its blocks as paragraphs and tables, and the section that
//! sets the page, the margins, the grid and the footers.

use super::geometry::Geometry;
use super::parts::{CELL_SIDE, EVEN_FOOTER_ID, ODD_FOOTER_ID, cell_margins};
use super::run;
use super::xml::{NS_R, NS_W, Xml};
use crate::export::paper::{Align, Block, Face, FormRow, Paper};

/// Characters between the end of the date and the right margin (GB/T 9704: 右空四字).
const DATE_RIGHT_CHARS: f64 = 4.0;
/// The first line of an indented paragraph starts two characters in.
const INDENT_CHARS: f64 = 2.0;

/// How a paragraph sits: alignment, indents in body characters, and its exact line height.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Para {
    pub jc: Option<&'static str>,
    pub first_line_chars: f64,
    pub right_chars: f64,
    /// An exact line height other than the grid's.
    pub line: Option<i32>,
}

impl Para {
    pub(super) fn aligned(jc: &'static str) -> Self {
        Self { jc: Some(jc), ..Self::default() }
    }
}

/// Which grid the section has: characters and lines for official papers, lines only where
/// the grid is a guide (the register's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Grid {
    LinesAndChars,
    Lines,
}

/// `word/document.xml` of a portrait paper.
pub(super) fn document(paper: &Paper, g: &Geometry) -> String {
    let mut x = start_document();
    let mut last_was_table = true;
    for block in &paper.blocks {
        last_was_table = write_block(&mut x, g, block);
    }
    if last_was_table {
        closing_paragraph(&mut x);
    }
    section(&mut x, g, Grid::LinesAndChars);
    x.finish()
}

/// Opens `w:document` and `w:body`.
pub(super) fn start_document() -> Xml {
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", &NS_W), ("xmlns:r", &NS_R)]);
    x.open("w:body", &[]);
    x
}

/// Writes one block; says whether it was a table.
fn write_block(x: &mut Xml, g: &Geometry, block: &Block) -> bool {
    let body_font = Face::FangSong.official_name();
    match block {
        Block::Title(text) => {
            let style = Para { line: Some(g.line_for(g.title)), ..Para::aligned("center") };
            paragraph(x, g, &style, text, Face::XiaoBiaoSong.official_name(), g.title);
        }
        Block::Number(text) => {
            paragraph(x, g, &Para::aligned("center"), text, body_font, g.body);
        }
        Block::Blank => paragraph(x, g, &Para::default(), "", body_font, g.body),
        Block::Paragraph { text, face, align, indent } => {
            let jc = match align {
                Align::Left => "both",
                Align::Centre => "center",
                Align::Right => "right",
            };
            let first_line_chars = if *indent { INDENT_CHARS } else { 0.0 };
            let style = Para { first_line_chars, ..Para::aligned(jc) };
            paragraph(x, g, &style, text, face.official_name(), g.body);
        }
        Block::Form { label_chars, rows } => {
            if rows.is_empty() {
                return false;
            }
            form(x, g, *label_chars, rows);
            return true;
        }
        Block::Signature { unit, date } => signature(x, g, unit, date.as_deref()),
    }
    false
}

/// `text` as paragraphs of one run each, one per line of the clerk's text: a justified line
/// that ended in a manual break would be spread across the whole width.
pub(super) fn paragraph(
    x: &mut Xml,
    g: &Geometry,
    style: &Para,
    text: &str,
    font: &str,
    size: u32,
) {
    let tracking = if size == g.body { g.tracking } else { 0 };
    for line in text.split(['\n', '\u{2028}', '\u{2029}']) {
        one_paragraph(x, g, style, line, (font, size, tracking));
    }
}

fn one_paragraph(x: &mut Xml, g: &Geometry, style: &Para, text: &str, run: (&str, u32, i32)) {
    let (font, size, tracking) = run;
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    if let Some(line) = style.line {
        x.empty("w:spacing", &[("w:line", &line), ("w:lineRule", &"exact")]);
    }
    indent(x, g, style);
    if let Some(jc) = style.jc {
        x.empty("w:jc", &[("w:val", &jc)]);
    }
    // The paragraph mark takes the run's font, so an empty line is as high as a full one.
    run::props(x, font, size, tracking);
    x.close();
    if !text.is_empty() {
        run::text(x, text, font, size, tracking);
    }
    x.close();
}

/// `w:ind` in characters (which Word and WPS follow) and in twips (for readers that do not).
fn indent(x: &mut Xml, g: &Geometry, style: &Para) {
    let first = style.first_line_chars;
    let right = style.right_chars;
    if first <= 0.0 && right <= 0.0 {
        return;
    }
    let first_twips = g.chars(first);
    let first_hundredths = hundredths(first);
    let right_twips = g.chars(right);
    let right_hundredths = hundredths(right);
    let mut attrs: Vec<super::xml::Attr<'_>> = Vec::new();
    if first > 0.0 {
        attrs.push(("w:firstLine", &first_twips));
        attrs.push(("w:firstLineChars", &first_hundredths));
    }
    if right > 0.0 {
        attrs.push(("w:right", &right_twips));
        attrs.push(("w:rightChars", &right_hundredths));
    }
    x.empty("w:ind", &attrs);
}

#[allow(clippy::cast_possible_truncation, reason = "indents of a few characters")]
fn hundredths(chars: f64) -> i32 {
    (chars * 100.0).round() as i32
}

/// The unit's name centred over the date, the date ending four characters from the right.
fn signature(x: &mut Xml, g: &Geometry, unit: &str, date: Option<&str>) {
    let font = Face::FangSong.official_name();
    let date_width = date.map_or(0.0, run::ems);
    let unit_right = if date.is_some() {
        (DATE_RIGHT_CHARS + (date_width - run::ems(unit)) / 2.0).max(0.0)
    } else {
        DATE_RIGHT_CHARS
    };
    let unit_style = Para { right_chars: unit_right, ..Para::aligned("right") };
    paragraph(x, g, &unit_style, unit, font, g.body);
    if let Some(date) = date {
        let date_style = Para { right_chars: DATE_RIGHT_CHARS, ..Para::aligned("right") };
        paragraph(x, g, &date_style, date, font, g.body);
    }
}

/// Attachment 1's form: a label column `label_chars` characters wide and a value column
/// filling the rest, single borders on every cell, each row at least `min_lines` lines high.
fn form(x: &mut Xml, g: &Geometry, label_chars: u32, rows: &[FormRow]) {
    let font = Face::FangSong.official_name();
    let label_chars = f64::from(label_chars.clamp(1, 20));
    let label_w = (g.chars(label_chars) + 2 * CELL_SIDE).min(g.text_w / 2);
    let value_w = g.text_w - label_w;
    table_start(x, g, &[label_w, value_w]);
    for row in rows {
        x.open("w:tr", &[]).open("w:trPr", &[]);
        let height =
            g.line_pitch.saturating_mul(i32::try_from(row.min_lines.clamp(1, 40)).unwrap_or(1));
        x.empty("w:trHeight", &[("w:val", &height), ("w:hRule", &"atLeast")]);
        x.close();
        cell(x, g, label_w, "center", &Para::aligned("center"), &row.label, font);
        let v_align = if row.min_lines > 1 { "top" } else { "center" };
        // Left, not justified: a line before a long unbreakable number would be spread out.
        cell(x, g, value_w, v_align, &Para::aligned("left"), &row.value, font);
        x.close();
    }
    x.close();
}

/// Opens a fixed-layout table as wide as the text block, bordered, with these columns.
pub(super) fn table_start(x: &mut Xml, g: &Geometry, columns: &[i32]) {
    x.open("w:tbl", &[]).open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &g.text_w), ("w:type", &"dxa")]);
    x.empty("w:jc", &[("w:val", &"center")]);
    x.empty("w:tblInd", &[("w:w", &0), ("w:type", &"dxa")]);
    x.open("w:tblBorders", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        x.empty(
            side,
            &[("w:val", &"single"), ("w:sz", &4), ("w:space", &0), ("w:color", &"000000")],
        );
    }
    x.close();
    x.empty("w:tblLayout", &[("w:type", &"fixed")]);
    cell_margins(x);
    x.empty("w:tblLook", &[("w:val", &"0000")]);
    x.close();
    x.open("w:tblGrid", &[]);
    for width in columns {
        x.empty("w:gridCol", &[("w:w", width)]);
    }
    x.close();
}

/// One cell holding one paragraph of `text`, its line breaks kept.
pub(super) fn cell(
    x: &mut Xml,
    g: &Geometry,
    width: i32,
    v_align: &str,
    style: &Para,
    text: &str,
    font: &str,
) {
    x.open("w:tc", &[]).open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &width), ("w:type", &"dxa")]);
    x.empty("w:vAlign", &[("w:val", &v_align)]);
    x.close();
    paragraph(x, g, style, text, font, g.body);
    x.close();
}

/// A paragraph of the smallest height after a closing table: Word needs one there, and it
/// must not push an empty page.
pub(super) fn closing_paragraph(x: &mut Xml) {
    x.open("w:p", &[]).open("w:pPr", &[]);
    x.empty("w:snapToGrid", &[("w:val", &0)]);
    x.empty("w:spacing", &[("w:line", &20), ("w:lineRule", &"exact")]);
    x.open("w:rPr", &[]);
    x.empty("w:sz", &[("w:val", &2)]);
    x.empty("w:szCs", &[("w:val", &2)]);
    x.close().close().close();
}

/// The section: footers for odd and even pages, page size, margins and the grid.
pub(super) fn section(x: &mut Xml, g: &Geometry, grid: Grid) {
    x.open("w:sectPr", &[]);
    x.empty("w:footerReference", &[("w:type", &"default"), ("r:id", &ODD_FOOTER_ID)]);
    x.empty("w:footerReference", &[("w:type", &"even"), ("r:id", &EVEN_FOOTER_ID)]);
    if g.landscape {
        x.empty("w:pgSz", &[("w:w", &g.page_w), ("w:h", &g.page_h), ("w:orient", &"landscape")]);
    } else {
        x.empty("w:pgSz", &[("w:w", &g.page_w), ("w:h", &g.page_h)]);
    }
    let header = (g.top / 2).min(851);
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &g.top),
            ("w:right", &g.right),
            ("w:bottom", &g.bottom),
            ("w:left", &g.left),
            ("w:header", &header),
            ("w:footer", &g.footer),
            ("w:gutter", &0),
        ],
    );
    x.empty("w:cols", &[("w:space", &425)]);
    match grid {
        Grid::LinesAndChars => x.empty(
            "w:docGrid",
            &[
                ("w:type", &"linesAndChars"),
                ("w:linePitch", &g.line_pitch),
                ("w:charSpace", &g.char_space),
            ],
        ),
        Grid::Lines => {
            x.empty("w:docGrid", &[("w:type", &"lines"), ("w:linePitch", &g.line_pitch)])
        }
    };
    x.close();
}
