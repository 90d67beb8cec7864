//! Runs of text: the font by its official name for every script, the size, and the clerk's
//! line breaks and tabs turned into Word's own elements.

use super::xml::{Xml, printable};

/// Writes `w:rPr` for text in `font` at `half_pt`. The same name goes to the East Asian,
/// Latin and complex-script slots, so digits and Latin letters match the 汉字 around them;
/// the East Asian hint makes quotes and dashes take the Chinese font as well. `tracking`
/// (twips, usually 0) narrows each character so a body line holds its 28.
pub(super) fn props(x: &mut Xml, font: &str, half_pt: u32, tracking: i32) {
    x.open("w:rPr", &[]);
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", &font),
            ("w:hAnsi", &font),
            ("w:eastAsia", &font),
            ("w:cs", &font),
            ("w:hint", &"eastAsia"),
        ],
    );
    if tracking != 0 {
        x.empty("w:spacing", &[("w:val", &tracking)]);
    }
    x.empty("w:sz", &[("w:val", &half_pt)]);
    x.empty("w:szCs", &[("w:val", &half_pt)]);
    x.close();
}

/// Writes `text` as one run: `\n` (or a Unicode line separator) becomes a line break, a tab a
/// tab, and characters no document may hold are left out.
pub(super) fn text(x: &mut Xml, text: &str, font: &str, half_pt: u32, tracking: i32) {
    x.open("w:r", &[]);
    props(x, font, half_pt, tracking);
    let mut piece = String::new();
    for c in text.chars() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                flush(x, &mut piece);
                x.empty("w:br", &[]);
            }
            '\t' => {
                flush(x, &mut piece);
                x.empty("w:tab", &[]);
            }
            // "\r\n" from a Windows clipboard is one break, not two.
            '\r' => {}
            c if printable(c) => piece.push(c),
            _ => {}
        }
    }
    flush(x, &mut piece);
    x.close();
}

fn flush(x: &mut Xml, piece: &mut String) {
    if !piece.is_empty() {
        x.leaf("w:t", &[("xml:space", &"preserve")], piece);
        piece.clear();
    }
}

/// The width of a line of text in body characters: 汉字 and full-width forms take a whole
/// cell, digits and Latin letters half of one. Used only to centre the unit over the date.
pub(super) fn ems(text: &str) -> f64 {
    text.chars()
        .filter(|&c| printable(c) && c != '\n')
        .map(|c| {
            let half_width =
                ('\u{FF61}'..='\u{FFDC}').contains(&c) || ('\u{FFE8}'..='\u{FFEE}').contains(&c);
            if u32::from(c) >= 0x1100 && !half_width { 1.0 } else { 0.5 }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_of(s: &str) -> String {
        let mut x = Xml::new();
        text(&mut x, s, "仿宋_GB2312", 32, -5);
        x.finish()
    }

    #[test]
    fn line_breaks_and_tabs_become_elements() {
        let run = run_of("甲\r\n乙\t丙\u{1}");
        assert!(run.contains("<w:t xml:space=\"preserve\">甲</w:t><w:br/>"), "{run}");
        assert!(run.contains("<w:tab/><w:t xml:space=\"preserve\">丙</w:t></w:r>"), "{run}");
        assert!(run.contains("w:eastAsia=\"仿宋_GB2312\""));
        assert!(run.contains("<w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/>"), "{run}");
    }

    #[test]
    fn an_empty_run_still_carries_its_font() {
        let run = run_of("");
        assert!(run.contains("<w:rPr>") && !run.contains("<w:t"), "{run}");
    }

    #[test]
    fn dates_are_measured_in_cells() {
        assert!((ems("2026年12月3日") - 6.5).abs() < 1e-9);
        assert!((ems("金岭回族镇人民政府（公章）") - 13.0).abs() < 1e-9);
        assert!((ems("𠮷a") - 1.5).abs() < 1e-9);
    }
}
