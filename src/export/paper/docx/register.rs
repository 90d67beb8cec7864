//! The register as a landscape table: title and period above, a header row Word repeats on
//! every page, rows kept whole where they fit, long cells wrapped.

use super::body::{self, Grid, Para};
use super::geometry::Geometry;
use crate::export::ExportError;
use crate::export::paper::{Face, RegisterPaper};

/// `word/document.xml` of the register, or why its columns make no table.
pub(super) fn document(paper: &RegisterPaper, g: &Geometry) -> Result<String, ExportError> {
    let columns = paper.headers.len();
    if columns == 0 {
        return Err(ExportError::PaperLayout("登记簿没有任何列".to_owned()));
    }
    if let Some((n, row)) = paper.rows.iter().enumerate().find(|(_, r)| r.len() > columns) {
        return Err(ExportError::PaperLayout(format!(
            "登记簿第 {} 行有 {} 格，而表头只有 {columns} 列",
            n + 1,
            row.len()
        )));
    }
    let widths = column_widths(&paper.widths, columns, g.text_w);

    let mut x = body::start_document();
    let title_style = Para { line: Some(g.line_for(g.title)), ..Para::aligned("center") };
    body::paragraph(
        &mut x,
        g,
        &title_style,
        &paper.title,
        Face::XiaoBiaoSong.official_name(),
        g.title,
    );
    let body_font = Face::FangSong.official_name();
    if !paper.period.trim().is_empty() {
        body::paragraph(&mut x, g, &Para::aligned("center"), &paper.period, body_font, g.body);
    }

    body::table_start(&mut x, g, &widths);
    let centred = Para::aligned("center");
    row_start(&mut x, true);
    for (header, &width) in paper.headers.iter().zip(&widths) {
        body::cell(&mut x, g, width, "center", &centred, header, Face::HeiTi.official_name());
    }
    x.close();
    for row in &paper.rows {
        row_start(&mut x, false);
        for (i, &width) in widths.iter().enumerate() {
            let text = row.get(i).map_or("", String::as_str);
            let style = if paper.headers[i] == "序号" { centred } else { Para::aligned("left") };
            body::cell(&mut x, g, width, "center", &style, text, body_font);
        }
        x.close();
    }
    x.close();

    body::closing_paragraph(&mut x);
    body::section(&mut x, g, Grid::Lines);
    Ok(x.finish())
}

/// Opens a row that is never split across pages when it fits on one; the header row is
/// repeated at the top of every page.
fn row_start(x: &mut super::xml::Xml, header: bool) {
    x.open("w:tr", &[]).open("w:trPr", &[]);
    x.empty("w:cantSplit", &[]);
    if header {
        x.empty("w:tblHeader", &[]);
    }
    x.close();
}

/// Relative widths scaled to `total` twips; the last column takes what rounding leaves.
/// Widths that do not match the columns, or are not positive numbers, give equal columns.
fn column_widths(relative: &[f32], columns: usize, total: i32) -> Vec<i32> {
    let usable = relative.len() == columns && relative.iter().all(|w| w.is_finite() && *w > 0.0);
    if !usable {
        log::warn!("register widths {relative:?} do not fit {columns} columns; using equal widths");
    }
    let weights: Vec<f64> =
        if usable { relative.iter().map(|&w| f64::from(w)).collect() } else { vec![1.0; columns] };
    let sum: f64 = weights.iter().sum();
    let mut widths: Vec<i32> =
        weights.iter().map(|w| super::geometry::round_twips(f64::from(total) * w / sum)).collect();
    let used: i32 = widths.iter().take(columns - 1).sum();
    if let Some(last) = widths.last_mut() {
        *last = total - used;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fill_the_text_block_exactly() {
        let widths = column_widths(&[1.0, 2.0, 1.0], 3, 1000);
        assert_eq!(widths, vec![250, 500, 250]);
        let odd = column_widths(&[1.0, 1.0, 1.0], 3, 1000);
        assert_eq!(odd.iter().sum::<i32>(), 1000);
    }

    #[test]
    fn widths_that_do_not_match_give_equal_columns() {
        assert_eq!(column_widths(&[1.0], 2, 1000), vec![500, 500]);
        assert_eq!(column_widths(&[1.0, f32::NAN], 2, 1000), vec![500, 500]);
        assert_eq!(column_widths(&[1.0, -1.0], 2, 1000), vec![500, 500]);
    }
}
