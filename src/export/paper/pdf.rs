//! Laid-out pages written as PDF with krilla, which embeds subsets of the fonts used, with
//! the maps that let a reader copy or search the text.

use std::collections::{BTreeSet, HashMap};

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::fonts::{FontData, FontId, FontSet};
use super::layout::{LaidOut, LaidPage, Placed, lay_out, lay_out_register};
use super::{Face, PT_PER_MM, Paper, RegisterPaper};
use crate::export::ExportError;

/// No printout is longer; a paper that would be is refused rather than written.
pub const MAX_PAGES: usize = 5000;

/// A finished PDF and what the clerk should be told about it, in Chinese: fonts that stood
/// in for official ones, and characters no font could print.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// One guidance record or opinion letter as a PDF.
pub fn paper_pdf(paper: &Paper, fonts: &FontSet) -> Result<Printed, ExportError> {
    let laid = lay_out(paper);
    let mut writer = Writer::new(fonts, &laid.title);
    writer.add(&laid)?;
    writer.finish()
}

/// Many papers in one PDF, each numbered from page 1. `progress` is told how many papers
/// are done after each one; when it returns `false` the export stops with
/// [`ExportError::Cancelled`].
pub fn papers_pdf(
    papers: &[Paper],
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Printed, ExportError> {
    let title = papers.first().map_or_else(String::new, |p| p.file_stem.clone());
    let mut writer = Writer::new(fonts, &title);
    for (i, paper) in papers.iter().enumerate() {
        writer.add(&lay_out(paper))?;
        if !progress(i + 1) {
            return Err(ExportError::Cancelled);
        }
    }
    writer.finish()
}

/// The register as a landscape PDF.
pub fn register_pdf(paper: &RegisterPaper, fonts: &FontSet) -> Result<Printed, ExportError> {
    let laid = lay_out_register(paper);
    let mut writer = Writer::new(fonts, &laid.title);
    writer.add(&laid)?;
    writer.finish()
}

/// A PDF being written, and what has been learnt about fonts on the way.
struct Writer<'f> {
    fonts: &'f FontSet,
    doc: Document,
    pages: usize,
    krilla_fonts: HashMap<FontId, Option<Font>>,
    faces: BTreeSet<FaceKey>,
    missing: Vec<char>,
}

/// [`Face`] in a sortable form, so that notes come in a fixed order.
type FaceKey = usize;

impl<'f> Writer<'f> {
    fn new(fonts: &'f FontSet, title: &str) -> Self {
        let mut doc = Document::new();
        let metadata = Metadata::new()
            .title(title.to_owned())
            .language("zh-CN".to_owned())
            .creator("行政指导台账".to_owned());
        doc.set_metadata(metadata);
        Writer {
            fonts,
            doc,
            pages: 0,
            krilla_fonts: HashMap::new(),
            faces: BTreeSet::new(),
            missing: Vec::new(),
        }
    }

    fn add(&mut self, laid: &LaidOut) -> Result<(), ExportError> {
        for page in &laid.pages {
            self.pages += 1;
            if self.pages > MAX_PAGES {
                return Err(ExportError::TooLong { max_pages: MAX_PAGES });
            }
            self.page(page)?;
        }
        Ok(())
    }

    fn page(&mut self, page: &LaidPage) -> Result<(), ExportError> {
        let (w, h) = (page.width_mm * PT_PER_MM, page.height_mm * PT_PER_MM);
        let settings = PageSettings::from_wh(w, h)
            .ok_or_else(|| ExportError::Pdf(format!("页面尺寸无效：{w}×{h}")))?;
        let mut runs = Vec::new();
        for item in &page.items {
            runs.extend(self.runs(item));
        }

        let mut pdf_page = self.doc.start_page_with(settings);
        let mut surface = pdf_page.surface();
        surface.set_fill(None);
        for rule in &page.rules {
            let mut path = PathBuilder::new();
            path.move_to(rule.x1_mm * PT_PER_MM, rule.y1_mm * PT_PER_MM);
            path.line_to(rule.x2_mm * PT_PER_MM, rule.y2_mm * PT_PER_MM);
            if let Some(path) = path.finish() {
                surface.set_stroke(Some(Stroke { width: rule.width_pt, ..Stroke::default() }));
                surface.draw_path(&path);
            }
        }
        surface.set_stroke(None);
        surface.set_fill(Some(Fill::default()));
        for run in runs {
            let start = Point::from_xy(run.x_pt, run.baseline_pt);
            if let Some(squeeze) = run.squeeze {
                let t =
                    Transform::from_row(squeeze, 0.0, 0.0, 1.0, run.x_pt * (1.0 - squeeze), 0.0);
                surface.push_transform(&t);
                surface.draw_glyphs(start, &run.glyphs, run.font, &run.text, run.size_pt, false);
                surface.pop();
            } else {
                surface.draw_glyphs(start, &run.glyphs, run.font, &run.text, run.size_pt, false);
            }
        }
        surface.finish();
        pdf_page.finish();
        Ok(())
    }

    /// The krilla font for `id`, parsed once per document.
    fn krilla_font(&mut self, id: FontId) -> Option<Font> {
        let fonts = self.fonts;
        self.krilla_fonts
            .entry(id)
            .or_insert_with(|| {
                let bytes = fonts.bytes(id)?;
                let data: krilla::Data = match bytes.data {
                    FontData::Static(b) => b.into(),
                    FontData::Shared(b) => b.into(),
                };
                Font::new(data, bytes.index)
            })
            .clone()
    }

    /// A placed line split into runs of one font each. Characters no font has are left out
    /// (their slots stay blank) and remembered for the notes.
    fn runs(&mut self, item: &Placed) -> Vec<Run> {
        if let Some(i) = Face::ALL.iter().position(|&f| f == item.face) {
            self.faces.insert(i);
        }
        let mut runs: Vec<Run> = Vec::new();
        let mut open: Option<(FontId, Vec<Slot>)> = None;
        for slot in item.slots() {
            let ch = slot.0;
            if ch.is_whitespace() {
                // Spaces print as nothing: close the run so the next one starts at its slot.
                if let Some((id, slots)) = open.take() {
                    runs.extend(self.run(id, &slots, item));
                }
                continue;
            }
            let Some(id) = self.fonts.font_for(item.face, ch) else {
                if !self.missing.contains(&ch) {
                    self.missing.push(ch);
                }
                if let Some((id, slots)) = open.take() {
                    runs.extend(self.run(id, &slots, item));
                }
                continue;
            };
            match &mut open {
                Some((open_id, slots)) if *open_id == id => slots.push(slot),
                _ => {
                    if let Some((id, slots)) = open.take() {
                        runs.extend(self.run(id, &slots, item));
                    }
                    open = Some((id, vec![slot]));
                }
            }
        }
        if let Some((id, slots)) = open.take() {
            runs.extend(self.run(id, &slots, item));
        }
        runs
    }

    /// Glyphs for the characters of `slots`, each centred in its slot. A glyph wider than its
    /// slot (a capital M among half-width digits) gets a run of its own, squeezed to fit.
    fn run(&mut self, id: FontId, slots: &[Slot], item: &Placed) -> Vec<Run> {
        let Some(font) = self.krilla_font(id) else { return Vec::new() };
        let Some(bytes) = self.fonts.bytes(id) else { return Vec::new() };
        let Some(parsed) = bytes.font() else { return Vec::new() };
        let charmap = parsed.charmap();
        let metrics = parsed.glyph_metrics(Size::unscaled(), LocationRef::default());
        let upem =
            f32::from(parsed.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
        let size = item.size_pt;

        let mut out = Vec::new();
        let mut current = Run::new(font.clone(), item, slots.first().map_or(0.0, |s| s.1));
        for &(ch, x_mm, w_mm) in slots {
            let Some(gid) = charmap.map(ch) else {
                if !current.glyphs.is_empty() {
                    out.push(current);
                }
                current = Run::new(font.clone(), item, x_mm + w_mm);
                continue;
            };
            let natural = metrics.advance_width(gid).unwrap_or(upem) / upem;
            let slot = w_mm * PT_PER_MM / size;
            let glyph = |offset: f32, advance: f32, range| KrillaGlyph {
                glyph_id: GlyphId::new(gid.to_u32()),
                text_range: range,
                x_advance: advance,
                x_offset: offset,
                y_offset: 0.0,
                y_advance: 0.0,
                location: None,
            };
            if natural > slot * 1.02 {
                if !current.glyphs.is_empty() {
                    out.push(current);
                }
                let mut alone = Run::new(font.clone(), item, x_mm);
                alone.text.push(ch);
                alone.glyphs.push(glyph(0.0, natural, 0..ch.len_utf8()));
                alone.squeeze = Some(slot / natural);
                out.push(alone);
                current = Run::new(font.clone(), item, x_mm + w_mm);
                continue;
            }
            let start = current.text.len();
            current.text.push(ch);
            current.glyphs.push(glyph((slot - natural) / 2.0, slot, start..current.text.len()));
        }
        if !current.glyphs.is_empty() {
            out.push(current);
        }
        out
    }

    fn finish(self) -> Result<Printed, ExportError> {
        let mut notes: Vec<String> = self
            .faces
            .iter()
            .filter_map(|&i| Face::ALL.get(i))
            .filter_map(|&face| self.fonts.fallback_note(face))
            .collect();
        notes.dedup();
        if !self.missing.is_empty() {
            let chars: String = self.missing.iter().collect();
            notes.push(format!(
                "以下字符无法打印：{chars}（本机没有含这些字的字体，打印后请手写补上）"
            ));
        }
        let bytes = self.doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
        Ok(Printed { bytes, notes })
    }
}

/// A character, the left edge of its slot and the slot's width, in millimetres.
type Slot = (char, f32, f32);

/// Glyphs of one font on one baseline, ready for krilla.
struct Run {
    font: Font,
    x_pt: f32,
    baseline_pt: f32,
    size_pt: f32,
    text: String,
    glyphs: Vec<KrillaGlyph>,
    /// Horizontal scale for a glyph squeezed into a narrower slot.
    squeeze: Option<f32>,
}

impl Run {
    fn new(font: Font, item: &Placed, x_mm: f32) -> Self {
        Run {
            font,
            x_pt: x_mm * PT_PER_MM,
            baseline_pt: item.baseline_mm * PT_PER_MM,
            size_pt: item.size_pt,
            text: String::new(),
            glyphs: Vec::new(),
            squeeze: None,
        }
    }
}
