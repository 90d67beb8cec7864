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
    fold_into(&mut out, text);
    out
}

/// Appends the folded form of `text` to `out`; the index is built with this, without
/// a string per field.
pub fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in text.chars() {
        let c = half_width(c);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if u32::from(c) < 0x2000 {
            // Latin, Greek and Cyrillic letters have case; CJK and punctuation do not.
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

/// The pinyin initials of the Chinese characters in `text`, other characters dropped:
/// `金岭镇` gives `jlz`. Used so a clerk can search without switching input method.
pub fn pinyin_initials(text: &str) -> String {
    let mut out = String::new();
    pinyin_initials_into(&mut out, text);
    out
}

/// Appends the pinyin initials of `text` to `out`.
pub fn pinyin_initials_into(out: &mut String, text: &str) {
    for c in text.chars().filter(|c| u32::from(*c) >= 0x3400) {
        if let Some(p) = c.to_pinyin() {
            out.push_str(p.first_letter());
        }
    }
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

    #[test]
    fn folding_in_place_matches_folding_a_copy() {
        for text in ["Ｍａ Guoqiang", "ÄÖÜ straße", "金岭指导书〔2026〕7号", "ΑΒΓ", ""]
        {
            let mut out = String::from("x");
            fold_into(&mut out, text);
            assert_eq!(out, format!("x{}", fold(text)));
        }
        assert_eq!(fold("ÄÖ"), "äö");
    }
}
