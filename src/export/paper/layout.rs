//! A [`Paper`] laid out into pages: every run of text and every table rule placed in
//! millimetres, so that the PDF writer and the app's preview draw the same lines.
//!
//! Body text sits on the grid of the [`PageSpec`]: line `i` of a page fills the band from
//! `top + i·pitch` to `top + (i+1)·pitch`, its em box centred in the band. Characters take
//! whole cells (half cells for ASCII), so a line's width never depends on the font.

mod form;
mod register;

use super::linebreak::{Line, break_lines, width};
use super::{Align, Block, Face, PageSpec, Paper};

pub use register::lay_out_register;

/// Millimetres per point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Of a CJK em box, the part below the baseline (Noto and the GB 2312 fonts all put the
/// ideographic bottom near 0.12 em).
pub const EM_DESCENT: f32 = 0.12;

/// A paper laid out into pages.
#[derive(Clone, Debug, PartialEq)]
pub struct LaidOut {
    /// The document title, for the PDF's metadata.
    pub title: String,
    pub pages: Vec<LaidPage>,
}

/// One page: its size, its text and its rules.
#[derive(Clone, Debug, PartialEq)]
pub struct LaidPage {
    pub width_mm: f32,
    pub height_mm: f32,
    pub items: Vec<Placed>,
    pub rules: Vec<Rule>,
}

/// A run of text on one baseline. Each character fills a slot of `cell_mm` (half of it for
/// ASCII and half-width forms), left to right from `x_mm`.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// From the left edge of the page to the left of the first slot.
    pub x_mm: f32,
    /// From the top edge of the page to the baseline.
    pub baseline_mm: f32,
    pub text: String,
    pub face: Face,
    pub size_pt: f32,
    /// Width of a full-width slot.
    pub cell_mm: f32,
}

impl Placed {
    /// Each character with the left edge and the width of its slot, in millimetres.
    pub fn slots(&self) -> impl Iterator<Item = (char, f32, f32)> + '_ {
        let mut x = self.x_mm;
        self.text.chars().map(move |c| {
            let w = self.cell_mm * half(c);
            let slot = (c, x, w);
            x += w;
            slot
        })
    }

    /// The width of the whole run.
    pub fn width_mm(&self) -> f32 {
        self.slots().map(|s| s.2).sum()
    }
}

/// A straight line (a table border), from one point to another, `width_pt` thick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub x1_mm: f32,
    pub y1_mm: f32,
    pub x2_mm: f32,
    pub y2_mm: f32,
    pub width_pt: f32,
}

/// Table borders: a little heavier than a hairline, as printed forms have them.
const BORDER_PT: f32 = 0.75;

/// The fraction of a cell that `c` takes: 1 or 0.5.
fn half(c: char) -> f32 {
    if super::linebreak::half_cells(c) == 1 { 0.5 } else { 1.0 }
}

/// Half cells as a width in millimetres.
fn mm(half_cells: u32, cell_mm: f32) -> f32 {
    f32::from(u16::try_from(half_cells).unwrap_or(u16::MAX)) * cell_mm / 2.0
}

/// How many half cells of `cell_mm` fit in `width_mm` (at least 2: one character).
fn fit(width_mm: f32, cell_mm: f32) -> u32 {
    let n = (width_mm / cell_mm * 2.0).floor();
    if n.is_finite() && n >= 2.0 {
        // Truncation is intended; the value is a small positive count.
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked")]
        let n = n.min(10_000.0) as u32;
        n
    } else {
        2
    }
}

fn to_f32(n: u32) -> f32 {
    f32::from(u16::try_from(n).unwrap_or(u16::MAX))
}

/// A page geometry safe to compute with: nonsense values are replaced by the official ones.
fn sane(spec: &PageSpec) -> PageSpec {
    let o = PageSpec::OFFICIAL;
    let pick = |v: f32, d: f32| if v.is_finite() && v > 0.0 && v < 10_000.0 { v } else { d };
    PageSpec {
        width_mm: pick(spec.width_mm, o.width_mm),
        height_mm: pick(spec.height_mm, o.height_mm),
        top_mm: pick(spec.top_mm, o.top_mm),
        left_mm: pick(spec.left_mm, o.left_mm),
        text_width_mm: pick(spec.text_width_mm, o.text_width_mm),
        text_height_mm: pick(spec.text_height_mm, o.text_height_mm),
        lines: if (1..=500).contains(&spec.lines) { spec.lines } else { o.lines },
        chars: if (1..=500).contains(&spec.chars) { spec.chars } else { o.chars },
        body_pt: pick(spec.body_pt, o.body_pt),
        title_pt: pick(spec.title_pt, o.title_pt),
        folio_pt: pick(spec.folio_pt, o.folio_pt),
        folio_gap_mm: pick(spec.folio_gap_mm, o.folio_gap_mm),
    }
}

/// The page number, "— n —", 7 mm under the text block: odd pages one character in from the
/// right edge of the block, even pages one character in from the left (GB/T 9704 7.5).
fn folio(spec: &PageSpec, number: usize) -> Placed {
    let cell = spec.folio_pt * MM_PER_PT;
    let text = format!("— {number} —");
    let w = mm(width(&text), cell);
    let x = if number % 2 == 1 {
        spec.left_mm + spec.text_width_mm - cell - w
    } else {
        spec.left_mm + cell
    };
    let top = spec.top_mm + spec.text_height_mm + spec.folio_gap_mm;
    Placed {
        x_mm: x,
        baseline_mm: top + cell * (1.0 - EM_DESCENT),
        text,
        face: Face::FangSong,
        size_pt: spec.folio_pt,
        cell_mm: cell,
    }
}

/// Adds the page numbers to every page.
fn number_pages(spec: &PageSpec, pages: &mut [LaidPage]) {
    for (i, page) in pages.iter_mut().enumerate() {
        page.items.push(folio(spec, i + 1));
    }
}

/// Lays `paper` out on the grid of its page.
pub fn lay_out(paper: &Paper) -> LaidOut {
    let spec = sane(&paper.page);
    let mut grid = Grid::new(spec);
    for block in &paper.blocks {
        grid.block(block);
    }
    let mut pages = grid.pages;
    number_pages(&spec, &mut pages);
    let title = paper
        .blocks
        .iter()
        .find_map(|b| if let Block::Title(t) = b { Some(t.trim().to_owned()) } else { None })
        .unwrap_or_else(|| paper.file_stem.clone());
    LaidOut { title, pages }
}

/// The body grid being filled, line by line.
struct Grid {
    spec: PageSpec,
    cell: f32,
    pitch: f32,
    pages: Vec<LaidPage>,
    /// The next free line on the last page.
    line: u32,
    /// How many of the lines just above `line` were left blank by [`Block::Blank`].
    blank_run: u32,
}

impl Grid {
    fn new(spec: PageSpec) -> Self {
        let page = LaidPage {
            width_mm: spec.width_mm,
            height_mm: spec.height_mm,
            items: Vec::new(),
            rules: Vec::new(),
        };
        Grid {
            cell: spec.cell_mm(),
            pitch: spec.line_pitch_mm(),
            spec,
            pages: vec![page],
            line: 0,
            blank_run: 0,
        }
    }

    fn page(&mut self) -> &mut LaidPage {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(LaidPage {
            width_mm: self.spec.width_mm,
            height_mm: self.spec.height_mm,
            items: Vec::new(),
            rules: Vec::new(),
        });
        self.line = 0;
        self.blank_run = 0;
    }

    /// Starts a new page unless `n` more lines fit on this one.
    fn need(&mut self, n: u32) {
        if self.line + n.min(self.spec.lines) > self.spec.lines {
            self.new_page();
        }
    }

    fn line_top(&self, line: u32) -> f32 {
        self.spec.top_mm + to_f32(line) * self.pitch
    }

    /// The baseline of `line` for text of `size_pt`: its em box centred in the line's band.
    fn baseline(&self, line: u32, size_pt: f32) -> f32 {
        let em = size_pt * MM_PER_PT;
        self.line_top(line + 1) - (self.pitch - em) / 2.0 - EM_DESCENT * em
    }

    /// Places one line of text on the current grid line, advancing to the next.
    fn put(&mut self, text: &str, x: f32, face: Face, size_pt: f32, cell: f32) {
        self.need(1);
        let item = Placed {
            x_mm: x,
            baseline_mm: self.baseline(self.line, size_pt),
            text: text.to_owned(),
            face,
            size_pt,
            cell_mm: cell,
        };
        if !item.text.is_empty() {
            self.page().items.push(item);
        }
        self.line += 1;
        self.blank_run = 0;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(text) => self.title(text),
            Block::Number(text) => self.lines(text, Face::FangSong, Align::Centre, false),
            Block::Blank => {
                if self.line > 0 {
                    self.line += 1;
                    self.blank_run += 1;
                }
            }
            Block::Paragraph { text, face, align, indent } => {
                self.lines(text, *face, *align, *indent);
            }
            Block::Form { label_chars, rows } => self.form(*label_chars, rows),
            Block::Signature { unit, date } => self.signature(unit, date.as_deref()),
        }
    }

    fn title(&mut self, text: &str) {
        let size = self.spec.title_pt;
        let cell = size * MM_PER_PT;
        let per_line = fit(self.spec.text_width_mm, cell);
        let lines = break_lines(text.trim(), per_line, per_line);
        self.need(u32::try_from(lines.len()).unwrap_or(u32::MAX));
        for line in lines {
            let x = self.spec.left_mm + (self.spec.text_width_mm - mm(line.half_cells, cell)) / 2.0;
            self.put(&line.text, x, Face::XiaoBiaoSong, size, cell);
        }
    }

    /// Body text in `face`, wrapped to the block's width.
    fn lines(&mut self, text: &str, face: Face, align: Align, indent: bool) {
        let full = self.spec.chars * 2;
        let first = if indent { full.saturating_sub(4) } else { full };
        for (i, line) in break_lines(text, first, full).iter().enumerate() {
            let lead = if indent && i == 0 { 2.0 * self.cell } else { 0.0 };
            let x = self.aligned(line, align, lead);
            self.put(&line.text, x, face, self.spec.body_pt, self.cell);
        }
    }

    fn aligned(&self, line: &Line, align: Align, lead: f32) -> f32 {
        let w = mm(line.half_cells, self.cell);
        let left = self.spec.left_mm;
        match align {
            Align::Left => left + lead,
            Align::Centre => left + (self.spec.text_width_mm - w) / 2.0,
            Align::Right => (left + self.spec.text_width_mm - w).max(left),
        }
    }

    /// The unit centred over the date, the date ending four characters in from the right.
    fn signature(&mut self, unit: &str, date: Option<&str>) {
        let full = self.spec.chars * 2;
        let right = self.spec.left_mm + self.spec.text_width_mm - 4.0 * self.cell;
        let date = date.map(|d| super::linebreak::printable(d).replace('\n', ""));
        let date = date.as_deref().map(str::trim);
        let date_w = date.map_or(0.0, |d| mm(width(d), self.cell));
        let centre = if date.is_some() { right - date_w / 2.0 } else { f32::NAN };
        let unit_lines = break_lines(unit.trim(), full, full);
        let total = u32::try_from(unit_lines.len() + usize::from(date.is_some())).unwrap_or(1);
        self.keep_with_text(total);
        self.need(total);
        for line in &unit_lines {
            let w = mm(line.half_cells, self.cell);
            let x = if centre.is_nan() { right - w } else { centre - w / 2.0 };
            let max_x = self.spec.left_mm + self.spec.text_width_mm - w;
            let x = x.min(max_x).max(self.spec.left_mm);
            self.put(&line.text, x, Face::FangSong, self.spec.body_pt, self.cell);
        }
        if let Some(date) = date {
            let x = (right - date_w).max(self.spec.left_mm);
            self.put(date, x, Face::FangSong, self.spec.body_pt, self.cell);
        }
    }

    /// Makes room for `n` lines of signature on this page, so that it never stands on a page
    /// of its own: first by closing up the blank lines above it, else by taking the last two
    /// lines of text along to the next page.
    fn keep_with_text(&mut self, n: u32) {
        let lines = self.spec.lines;
        if self.line + n <= lines || n > lines.saturating_sub(2) {
            return;
        }
        let closed = self.blank_run.min(self.line + n - lines);
        self.line -= closed;
        self.blank_run -= closed;
        if self.line + n <= lines || self.line < 3 {
            return;
        }
        let from = self.line - 2;
        let cut = self.line_top(from);
        let page = self.page();
        if page.rules.iter().any(|r| r.y2_mm > cut + 0.01) {
            return;
        }
        let (moved, kept): (Vec<Placed>, Vec<Placed>) =
            page.items.drain(..).partition(|p| p.baseline_mm > cut);
        page.items = kept;
        let shift = cut - self.spec.top_mm;
        self.new_page();
        for mut item in moved {
            item.baseline_mm -= shift;
            self.page().items.push(item);
        }
        self.line = 2;
    }

    /// Places body text on a given line of the current page without moving on.
    fn put_at(&mut self, line: u32, text: &str, x: f32, face: Face) {
        if text.is_empty() {
            return;
        }
        let item = Placed {
            x_mm: x,
            baseline_mm: self.baseline(line, self.spec.body_pt),
            text: text.to_owned(),
            face,
            size_pt: self.spec.body_pt,
            cell_mm: self.cell,
        };
        self.page().items.push(item);
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
