//! The page of a [`PageSpec`] in Word's units: twentieths of a point (twips) for lengths,
//! half-points for font sizes, 4096ths of a point for the character grid.

use crate::export::ExportError;
use crate::export::paper::PageSpec;

/// Twips in one millimetre (1440 to the inch).
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// Twips in one point.
const TWIPS_PER_PT: f64 = 20.0;
/// The largest length we accept, in millimetres: a metre is far beyond any paper.
const MAX_MM: f64 = 1000.0;
/// The largest font size we accept, in points (Word's own limit is 1638).
const MAX_PT: f64 = 400.0;
/// A line box is this many times the font size before it snaps to the grid.
const LINE_HEIGHT: f64 = 1.3;

/// Every length a DOCX section needs, checked and converted once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Geometry {
    pub page_w: i32,
    pub page_h: i32,
    pub landscape: bool,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub left: i32,
    /// Width of the text block: the page less both side margins.
    pub text_w: i32,
    /// Distance between grid lines, rounded down so that `lines` lines fit.
    pub line_pitch: i32,
    /// Width of one body character cell.
    pub char_pitch: f64,
    /// `w:charSpace`: what the grid adds to (or takes from) the body size per character.
    pub char_space: i32,
    /// Character spacing of body runs, in twips: a body line then holds exactly `chars`
    /// characters without snapping to the grid. Never positive (a wide grid is a guide).
    pub tracking: i32,
    /// Font sizes in half-points.
    pub body: u32,
    pub title: u32,
    pub folio: u32,
    /// Height of the page-number line (its font size), in twips.
    pub folio_line: i32,
    /// `w:footer`: from the page's bottom edge to the bottom of the page-number line, so
    /// that the line starts `folio_gap_mm` under the text block.
    pub footer: i32,
}

impl Geometry {
    /// Converts and checks `spec`; a page that cannot be printed is an error, not a panic.
    pub(super) fn of(spec: &PageSpec) -> Result<Self, ExportError> {
        let mm = |name: &str, v: f32| -> Result<f64, ExportError> {
            let v = f64::from(v);
            if v.is_finite() && (0.0..=MAX_MM).contains(&v) {
                Ok(v)
            } else {
                Err(bad(format!("{name}为 {v} 毫米")))
            }
        };
        let pt = |name: &str, v: f32| -> Result<f64, ExportError> {
            let v = f64::from(v);
            if v.is_finite() && (1.0..=MAX_PT).contains(&v) {
                Ok(v)
            } else {
                Err(bad(format!("{name}为 {v} 磅")))
            }
        };
        let (width, height) = (mm("纸张宽度", spec.width_mm)?, mm("纸张高度", spec.height_mm)?);
        let (top, left) = (mm("上边距", spec.top_mm)?, mm("左边距", spec.left_mm)?);
        let (text_w, text_h) =
            (mm("版心宽度", spec.text_width_mm)?, mm("版心高度", spec.text_height_mm)?);
        let right = width - left - text_w;
        let bottom = height - top - text_h;
        if right < 0.0 || bottom < 0.0 || text_w < 10.0 || text_h < 10.0 {
            return Err(bad(format!(
                "版心 {text_w}×{text_h} 毫米放不进 {width}×{height} 毫米的纸"
            )));
        }
        if spec.lines == 0 || spec.chars == 0 || spec.lines > 200 || spec.chars > 200 {
            return Err(bad(format!("每页 {} 行、每行 {} 字", spec.lines, spec.chars)));
        }
        let (body, title, folio) = (
            pt("正文字号", spec.body_pt)?,
            pt("标题字号", spec.title_pt)?,
            pt("页码字号", spec.folio_pt)?,
        );
        let gap = mm("页码距版心", spec.folio_gap_mm)?;

        let page_w = twips(width);
        let page_h = twips(height);
        let (top, right, bottom, left) = (twips(top), twips(right), twips(bottom), twips(left));
        let text_w = page_w - left - right;
        let text_h = page_h - top - bottom;
        let line_pitch = text_h / to_i32(spec.lines);
        let char_pitch = f64::from(text_w) / f64::from(spec.chars);
        // Word sets the cell to the body size plus charSpace/4096 pt; round towards the
        // smaller cell so that all `chars` characters fit on the line.
        let char_space = round_down((char_pitch / TWIPS_PER_PT - body) * 4096.0);
        let tracking = round_down(char_pitch - body * TWIPS_PER_PT).min(0);
        let folio_line = twips_pt(folio);
        let footer = (bottom - twips(gap) - folio_line).max(0);

        Ok(Self {
            page_w,
            page_h,
            landscape: page_w > page_h,
            top,
            right,
            bottom,
            left,
            text_w,
            line_pitch,
            char_pitch,
            char_space,
            tracking,
            body: half_points(body),
            title: half_points(title),
            folio: half_points(folio),
            folio_line,
            footer,
        })
    }

    /// `n` body characters as twips, for indents and column widths.
    pub(super) fn chars(&self, n: f64) -> i32 {
        round(self.char_pitch * n)
    }

    /// An exact line height for text of `half_pt`: as many whole grid lines as its line box
    /// needs, so that the text after it stays on the grid.
    pub(super) fn line_for(&self, half_pt: u32) -> i32 {
        let needed = f64::from(half_pt) / 2.0 * LINE_HEIGHT * TWIPS_PER_PT;
        let pitch = f64::from(self.line_pitch.max(1));
        let lines = round_up(needed / pitch).max(1);
        lines.saturating_mul(self.line_pitch)
    }
}

fn bad(reason: String) -> ExportError {
    ExportError::PaperLayout(reason)
}

/// Millimetres to twips, to the nearest twip.
pub(super) fn twips(mm: f64) -> i32 {
    round(mm * TWIPS_PER_MM)
}

fn twips_pt(pt: f64) -> i32 {
    round(pt * TWIPS_PER_PT)
}

fn half_points(pt: f64) -> u32 {
    u32::try_from(round(pt * 2.0)).unwrap_or(2)
}

fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A length computed in twips, rounded to the nearest (register column widths).
pub(super) fn round_twips(v: f64) -> i32 {
    if v.is_finite() { round(v.clamp(0.0, 1.0e8)) } else { 0 }
}

// The values reaching these three are checked above to be finite and far inside i32.
#[allow(clippy::cast_possible_truncation, reason = "finite values far inside i32, checked")]
fn round(v: f64) -> i32 {
    v.round() as i32
}

#[allow(clippy::cast_possible_truncation, reason = "finite values far inside i32, checked")]
fn round_down(v: f64) -> i32 {
    v.floor() as i32
}

#[allow(clippy::cast_possible_truncation, reason = "finite values far inside i32, checked")]
fn round_up(v: f64) -> i32 {
    v.ceil() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_page_has_the_margins_and_grid_of_gb_t_9704() {
        let g = Geometry::of(&PageSpec::OFFICIAL).expect("official page");
        assert_eq!((g.page_w, g.page_h, g.landscape), (11906, 16838, false));
        // 37, 26, 35 and 28 mm.
        assert_eq!((g.top, g.right, g.bottom, g.left), (2098, 1474, 1984, 1587));
        assert_eq!(g.text_w, 8845);
        assert_eq!(g.line_pitch, 579);
        assert_eq!(g.char_space, -842);
        assert_eq!(g.tracking, -5);
        assert!(28 * (320 + g.tracking) <= g.text_w && 29 * (320 + g.tracking) > g.text_w);
        assert_eq!((g.body, g.title, g.folio), (32, 44, 28));

        // Word's arithmetic: 22 lines and 28 cells fit, a 23rd or 29th does not.
        let text_h = g.page_h - g.top - g.bottom;
        assert_eq!(text_h / g.line_pitch, 22);
        let cell = 16.0 + f64::from(g.char_space) / 4096.0;
        let cells = f64::from(g.text_w) / (cell * 20.0);
        assert!((28.0..29.0).contains(&cells), "cell {cell} pt gives {cells} cells");

        // The page number's line starts 7 mm under the text block.
        let under_block = g.bottom - g.footer - g.folio_line;
        assert_eq!(under_block, twips(7.0));
    }

    #[test]
    fn the_register_is_landscape() {
        let g = Geometry::of(&PageSpec::REGISTER).expect("register page");
        assert_eq!((g.page_w, g.page_h, g.landscape), (16838, 11906, true));
        assert_eq!(g.page_w - g.left - g.right, g.text_w);
        // Each margin is rounded on its own, so the block may be a twip wider than 241 mm.
        assert!((g.text_w - twips(241.0)).abs() <= 1, "{}", g.text_w);
        assert_eq!(g.tracking, 0, "the register's wide grid does not stretch its text");
    }

    #[test]
    fn a_title_takes_whole_grid_lines() {
        let g = Geometry::of(&PageSpec::OFFICIAL).expect("official page");
        assert_eq!(g.line_for(g.body), g.line_pitch);
        assert_eq!(g.line_for(g.title), g.line_pitch);
        assert_eq!(g.line_for(60), 2 * g.line_pitch);
        assert_eq!(g.chars(2.0), 632);
    }

    #[test]
    fn impossible_pages_are_refused_with_a_reason() {
        let mut wide = PageSpec::OFFICIAL;
        wide.text_width_mm = 300.0;
        let err = Geometry::of(&wide).expect_err("too wide");
        assert!(err.to_string().contains("放不进"), "{err}");

        let mut nan = PageSpec::OFFICIAL;
        nan.body_pt = f32::NAN;
        assert!(Geometry::of(&nan).is_err());

        let mut no_lines = PageSpec::OFFICIAL;
        no_lines.lines = 0;
        assert!(Geometry::of(&no_lines).is_err());
    }
}
