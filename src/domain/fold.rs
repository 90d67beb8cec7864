//! Text folding for search: case, full-width forms and pinyin initials.

use pinyin::ToPinyin;

/// Maps a full-width ASCII variant (Ａ, １, ＠) and the ideographic space to its ASCII form.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// Folds text so that a query matches regardless of case and width.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(half_width) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The pinyin initials of the Chinese characters in `text`, other characters dropped:
/// `金岭镇` gives `jlz`. Used so a clerk can search without switching input method.
pub fn pinyin_initials(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if let Some(p) = c.to_pinyin() {
            out.push_str(p.first_letter());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_width() {
        assert_eq!(fold("ＡＢＣ　Def１２"), "abc def12");
        assert_eq!(fold("金岭指导书〔2026〕7号"), "金岭指导书〔2026〕7号");
    }

    #[test]
    fn initials_of_a_town() {
        assert_eq!(pinyin_initials("金岭镇"), "jlz");
        assert_eq!(pinyin_initials("张三食品店A"), "zsspd");
    }
}
