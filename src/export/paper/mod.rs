//! Printed papers: the guidance record (附件1), the opinion letter (附件2) and the register
//! (附件3), laid out to GB/T 9704-2012 and written as PDF or DOCX.
//!
//! A paper is first described as a [`Paper`]: a page geometry and a list of [`Block`]s of
//! plain text. The PDF writer breaks lines and places every character itself; the DOCX writer
//! hands the same blocks to Word or WPS with the same page geometry and grid, so both
//! paginate alike. Nothing here knows about egui, the store or file dialogs.

mod compose;
pub mod docx;
pub mod fonts;
pub mod layout;
pub mod linebreak;
mod output;
mod pdf;

pub use compose::{guidance_paper, letter_paper, register_paper, typical_paper};
pub use docx::{paper_docx, register_docx};
pub use fonts::FontSet;
pub use layout::{LaidOut, LaidPage, Placed, Rule, lay_out, lay_out_register};
pub use output::{PaperFormat, file_safe, print_paper, print_register, write_batch};
pub use pdf::{MAX_PAGES, Printed, paper_pdf, papers_pdf, register_pdf};

/// Millimetres to PDF points (1/72 inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Page geometry in millimetres, and the character grid of the body text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSpec {
    pub width_mm: f32,
    pub height_mm: f32,
    /// From the top edge of the page to the top of the text block.
    pub top_mm: f32,
    /// From the left edge of the page to the left of the text block (the binding side).
    pub left_mm: f32,
    pub text_width_mm: f32,
    pub text_height_mm: f32,
    /// Body lines per page (22 in GB/T 9704).
    pub lines: u32,
    /// Body characters per line (28 in GB/T 9704).
    pub chars: u32,
    /// Body text size in points (16 pt, 三号).
    pub body_pt: f32,
    /// Title size in points (22 pt, 二号).
    pub title_pt: f32,
    /// Page number size in points (14 pt, 四号).
    pub folio_pt: f32,
    /// From the bottom of the text block to the baseline area of the page number.
    pub folio_gap_mm: f32,
}

impl PageSpec {
    /// A4 portrait as GB/T 9704-2012 sets it: text block 156 × 225 mm, 37 mm from the top and
    /// 28 mm from the left, 22 lines of 28 characters at 16 pt.
    pub const OFFICIAL: PageSpec = PageSpec {
        width_mm: 210.0,
        height_mm: 297.0,
        top_mm: 37.0,
        left_mm: 28.0,
        text_width_mm: 156.0,
        text_height_mm: 225.0,
        lines: 22,
        chars: 28,
        body_pt: 16.0,
        title_pt: 22.0,
        folio_pt: 14.0,
        folio_gap_mm: 7.0,
    };

    /// A4 landscape for the register: the same margins turned with the page, a smaller body
    /// so that eight columns fit (the grid is then a guide, not a rule).
    pub const REGISTER: PageSpec = PageSpec {
        width_mm: 297.0,
        height_mm: 210.0,
        top_mm: 28.0,
        left_mm: 28.0,
        text_width_mm: 241.0,
        text_height_mm: 150.0,
        lines: 22,
        chars: 40,
        body_pt: 10.5,
        title_pt: 18.0,
        folio_pt: 14.0,
        folio_gap_mm: 7.0,
    };

    /// Width of one character cell of the body grid.
    pub fn cell_mm(&self) -> f32 {
        self.text_width_mm / f32::from(u16::try_from(self.chars).unwrap_or(u16::MAX))
    }

    /// Distance between body lines.
    pub fn line_pitch_mm(&self) -> f32 {
        self.text_height_mm / f32::from(u16::try_from(self.lines).unwrap_or(u16::MAX))
    }
}

/// The typefaces of an official paper, by role. Which font file stands for each is decided
/// when writing: the official font when the PC has it, else a bundled free one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Face {
    /// `仿宋_GB2312`: body text.
    FangSong,
    /// 方正小标宋简体: titles.
    XiaoBiaoSong,
    /// 黑体: first-level headings (一、) and table headers.
    HeiTi,
    /// `楷体_GB2312`: second-level headings ((一)).
    KaiTi,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::FangSong, Face::XiaoBiaoSong, Face::HeiTi, Face::KaiTi];

    /// The font name offices have, as Word and WPS know it.
    pub fn official_name(self) -> &'static str {
        match self {
            Face::FangSong => "仿宋_GB2312",
            Face::XiaoBiaoSong => "方正小标宋简体",
            Face::HeiTi => "黑体",
            Face::KaiTi => "楷体_GB2312",
        }
    }
}

/// Horizontal placement of a line of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// One block of an official paper, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The title: 小标宋 22 pt, centred, may wrap to a second line.
    Title(String),
    /// The 文号 line under the title, body face, centred.
    Number(String),
    /// One empty body line.
    Blank,
    /// Body text in `face`. With `indent` the first line starts two characters in. Text that
    /// does not fit wraps onto further lines by the Chinese line-breaking rules.
    Paragraph { text: String, face: Face, align: Align, indent: bool },
    /// A two-column form, as attachment 1 has it: a label cell and a value cell per row,
    /// bordered on all sides. `label_chars` is the label column's width in body characters.
    Form { label_chars: u32, rows: Vec<FormRow> },
    /// The issuing unit and its seal, and the date under it: the unit's name centred over the
    /// date, the date ending four characters in from the right margin; the seal covers both.
    /// `date` is already written as 2026年12月3日.
    Signature { unit: String, date: Option<String> },
}

/// A row of a [`Block::Form`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormRow {
    pub label: String,
    pub value: String,
    /// The row is at least this many body lines high, so there is room to write by hand.
    pub min_lines: u32,
}

/// A whole portrait paper: one guidance record or one opinion letter.
#[derive(Clone, Debug, PartialEq)]
pub struct Paper {
    pub page: PageSpec,
    pub blocks: Vec<Block>,
    /// A name for the file, without extension: e.g. `行政指导文书_金岭指导书〔2026〕7号`.
    pub file_stem: String,
}

/// The register as a landscape table whose header row repeats on every page.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterPaper {
    pub page: PageSpec,
    /// e.g. `金岭回族镇人民政府行政指导事项登记簿`.
    pub title: String,
    /// e.g. `2026年` or `2026年1月1日至2026年3月31日`; may be empty.
    pub period: String,
    pub headers: Vec<String>,
    /// Relative column widths; they are scaled to the text block's width.
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<String>>,
    pub file_stem: String,
}
