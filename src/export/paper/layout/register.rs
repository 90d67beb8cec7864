//! The register laid out as a landscape table: title and period on the first page, the
//! header row on every page, each cell wrapped in its column, borders and page numbers.

use super::super::linebreak::{Line, break_lines};
use super::super::{Face, PageSpec, RegisterPaper};
use super::{
    BORDER_PT, EM_DESCENT, LaidOut, LaidPage, MM_PER_PT, Placed, Rule, fit, mm, number_pages, sane,
};

/// Space between a cell's border and its text, across and down.
const PAD_X_MM: f32 = 1.2;
const PAD_Y_MM: f32 = 0.8;

/// Lays the register out on as many landscape pages as its rows need.
pub fn lay_out_register(paper: &RegisterPaper) -> LaidOut {
    let spec = sane(&paper.page);
    let mut table = Table::new(spec, paper);
    table.heading(&paper.title, &paper.period);
    table.header_row();
    for row in &paper.rows {
        table.row(row);
    }
    let mut pages = table.pages;
    number_pages(&spec, &mut pages);
    let title = if paper.period.trim().is_empty() {
        paper.title.trim().to_owned()
    } else {
        format!("{}（{}）", paper.title.trim(), paper.period.trim())
    };
    LaidOut { title, pages }
}

struct Table {
    spec: PageSpec,
    /// Body em, which is also the width of a full-width character.
    em: f32,
    pitch: f32,
    /// Left edges of the columns, then the table's right edge.
    edges: Vec<f32>,
    /// Half cells of text per column.
    fits: Vec<u32>,
    headers: Vec<String>,
    pages: Vec<LaidPage>,
    /// From the page's top edge to the top of the next row.
    y: f32,
}

impl Table {
    fn new(spec: PageSpec, paper: &RegisterPaper) -> Self {
        let em = spec.body_pt * MM_PER_PT;
        let columns = paper.headers.len().max(1);
        let widths: Vec<f32> = (0..columns)
            .map(|i| paper.widths.get(i).copied().filter(|w| w.is_finite() && *w > 0.0))
            .map(|w| w.unwrap_or(1.0).min(1000.0))
            .collect();
        let total: f32 = widths.iter().sum();
        let mut edges = vec![spec.left_mm];
        for w in &widths {
            let last = edges.last().copied().unwrap_or(spec.left_mm);
            edges.push(last + w / total * spec.text_width_mm);
        }
        let fits = edges.windows(2).map(|e| fit(e[1] - e[0] - 2.0 * PAD_X_MM, em)).collect();
        let mut table = Table {
            spec,
            em,
            pitch: em * 1.45,
            edges,
            fits,
            headers: paper.headers.clone(),
            pages: Vec::new(),
            y: spec.top_mm,
        };
        table.new_page();
        table
    }

    fn bottom(&self) -> f32 {
        self.spec.top_mm + self.spec.text_height_mm
    }

    fn new_page(&mut self) {
        self.pages.push(LaidPage {
            width_mm: self.spec.width_mm,
            height_mm: self.spec.height_mm,
            items: Vec::new(),
            rules: Vec::new(),
        });
        self.y = self.spec.top_mm;
    }

    fn page(&mut self) -> &mut LaidPage {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The title in 小标宋 and the period under it, centred over the table.
    fn heading(&mut self, title: &str, period: &str) {
        let size = self.spec.title_pt;
        let cell = size * MM_PER_PT;
        let per_line = fit(self.spec.text_width_mm, cell);
        for line in break_lines(title.trim(), per_line, per_line) {
            self.centred(&line, Face::XiaoBiaoSong, size, cell * 1.5);
        }
        if !period.trim().is_empty() {
            let per_line = fit(self.spec.text_width_mm, self.em);
            for line in break_lines(period.trim(), per_line, per_line) {
                self.centred(&line, Face::KaiTi, self.spec.body_pt, self.pitch);
            }
        }
        self.y += self.pitch / 2.0;
    }

    fn centred(&mut self, line: &Line, face: Face, size_pt: f32, height: f32) {
        let cell = size_pt * MM_PER_PT;
        let w = mm(line.half_cells, cell);
        let item = Placed {
            x_mm: self.spec.left_mm + (self.spec.text_width_mm - w) / 2.0,
            baseline_mm: self.y + (height - cell) / 2.0 + cell * (1.0 - EM_DESCENT),
            text: line.text.clone(),
            face,
            size_pt,
            cell_mm: cell,
        };
        self.page().items.push(item);
        self.y += height;
    }

    fn header_row(&mut self) {
        let cells: Vec<Vec<Line>> = (0..self.fits.len())
            .map(|i| {
                let text = self.headers.get(i).map_or("", String::as_str);
                break_lines(text.trim(), self.fits[i], self.fits[i])
            })
            .collect();
        let n = cells.iter().map(Vec::len).max().unwrap_or(1);
        self.place(&cells, 0, n, Face::HeiTi, true);
    }

    fn row(&mut self, row: &[String]) {
        let cells: Vec<Vec<Line>> = (0..self.fits.len())
            .map(|i| {
                let text = row.get(i).map_or("", String::as_str);
                break_lines(text.trim(), self.fits[i], self.fits[i])
            })
            .collect();
        let n = cells.iter().map(Vec::len).max().unwrap_or(1);
        let mut done = 0;
        while done < n {
            let room = self.room();
            if !self.just_headed() && (room == 0 || (done == 0 && room < n)) {
                self.new_page();
                self.header_row();
                continue;
            }
            let take = room.max(1).min(n - done);
            self.place(&cells, done, take, Face::FangSong, false);
            done += take;
        }
    }

    /// How many more text lines fit on this page in a row.
    fn room(&self) -> usize {
        let free = (self.bottom() - self.y - 2.0 * PAD_Y_MM) / self.pitch;
        if free.is_finite() && free >= 1.0 {
            // A small positive count of lines.
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked")]
            let free = free.floor().min(10_000.0) as usize;
            free
        } else {
            0
        }
    }

    /// Whether only the header row stands on this page so far (a row taller than a page
    /// must then be split rather than moved on for ever).
    fn just_headed(&self) -> bool {
        let header_lines = self.pages.last().map_or(0, |p| p.rules.len());
        header_lines == self.fits.len() + 3
    }

    /// Lines `from .. from + take` of each cell, as one row with its borders.
    fn place(&mut self, cells: &[Vec<Line>], from: usize, take: usize, face: Face, header: bool) {
        let top = self.y;
        let height = to_f32(take) * self.pitch + 2.0 * PAD_Y_MM;
        let mut items = Vec::new();
        for (c, lines) in cells.iter().enumerate() {
            let (x0, x1) = (self.edges[c], self.edges[c + 1]);
            let centre = header || c == 0;
            let shown = lines.iter().skip(from).take(take);
            // Headers also sit in the middle of their row, however many lines it has.
            let offset = if header { (take - lines.len().min(take)) / 2 } else { 0 };
            for (j, line) in shown.enumerate() {
                if line.text.is_empty() {
                    continue;
                }
                let w = mm(line.half_cells, self.em);
                let x = if centre { (x0 + x1 - w) / 2.0 } else { x0 + PAD_X_MM };
                let band = top + PAD_Y_MM + to_f32(j + offset) * self.pitch;
                items.push(Placed {
                    x_mm: x,
                    baseline_mm: band + (self.pitch - self.em) / 2.0 + self.em * (1.0 - EM_DESCENT),
                    text: line.text.clone(),
                    face,
                    size_pt: self.spec.body_pt,
                    cell_mm: self.em,
                });
            }
        }
        let (left, right) = (self.edges[0], self.edges[self.edges.len() - 1]);
        let bottom = top + height;
        let mut rules = vec![border(left, top, right, top), border(left, bottom, right, bottom)];
        rules.extend(self.edges.iter().map(|&x| border(x, top, x, bottom)));
        let page = self.page();
        page.items.extend(items);
        page.rules.extend(rules);
        self.y = bottom;
    }
}

fn border(x1: f32, y1: f32, x2: f32, y2: f32) -> Rule {
    Rule { x1_mm: x1, y1_mm: y1, x2_mm: x2, y2_mm: y2, width_pt: BORDER_PT }
}

fn to_f32(n: usize) -> f32 {
    f32::from(u16::try_from(n).unwrap_or(u16::MAX))
}
