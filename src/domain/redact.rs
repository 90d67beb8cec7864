//! Masking private data before a case is published (典型案例): the names of natural persons,
//! phone numbers, ID numbers and 统一社会信用代码.
//!
//! Names cannot be told from other words by their look, so the caller names the people a text
//! is about (the subject, contact persons, signers); numbers are found by their shape. What is
//! masked keeps its length and its first characters, so a reader still sees what kind of thing
//! stood there: 张三 → 张＊, 13812345678 → 138＊＊＊＊5678.

/// The character put in place of a hidden one.
pub const MASK: char = '＊';

/// Two-character surnames, kept whole when a name is masked.
const COMPOUND_SURNAMES: [&str; 20] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "令狐", "轩辕", "端木", "西门", "南宫", "独孤", "申屠",
];

/// A person's name with everything after the surname masked: 张三 → 张＊, 欧阳娜娜 → 欧阳＊＊.
/// A one-character name is masked whole.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let count = name.chars().count();
    let surname = COMPOUND_SURNAMES
        .iter()
        .find(|s| name.starts_with(**s) && count > 2)
        .map_or(1, |s| s.chars().count());
    let keep = if count <= 1 { 0 } else { surname };
    name.chars().enumerate().map(|(i, c)| if i < keep { c } else { MASK }).collect()
}

/// `text` with the given persons' names and every phone number, ID number and credit code
/// masked. Names shorter than two characters are left alone (a single character would mask
/// ordinary words).
pub fn redact(text: &str, names: &[&str]) -> String {
    let mut names: Vec<&str> =
        names.iter().map(|n| n.trim()).filter(|n| n.chars().count() >= 2).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let mut out = text.to_owned();
    for name in names {
        out = out.replace(name, &mask_name(name));
    }
    mask_numbers(&out)
}

/// Masks phone numbers, ID numbers and credit codes: runs of ASCII letters, digits and
/// hyphens whose shape is one of those.
fn mask_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || (c == '-' && !run.is_empty()) {
            run.push(c);
        } else {
            out.push_str(&mask_run(&run));
            run.clear();
            out.push(c);
        }
    }
    out.push_str(&mask_run(&run));
    out
}

/// What a run of letters, digits and hyphens is, by its shape.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// 居民身份证号码: 18 characters (17 digits and a digit or X), or the old 15 digits.
    IdNumber,
    /// 统一社会信用代码: 18 characters of its alphabet (any case).
    CreditCode,
    /// 手机号码: 11 digits starting 13–19.
    Mobile,
    /// 固定电话: 7 or 8 digits, maybe after an area code starting with 0.
    Landline,
    Other,
}

fn shape(run: &str) -> Shape {
    let plain: String = run.chars().filter(|&c| c != '-').collect();
    let digits = plain.chars().filter(char::is_ascii_digit).count();
    let len = plain.chars().count();
    let all_digits = digits == len;
    let id_like = len == 18
        && plain[..17].chars().all(|c| c.is_ascii_digit())
        && plain.ends_with(|c: char| c.is_ascii_digit() || c == 'X' || c == 'x');
    if !run.contains('-') && (id_like || (len == 15 && all_digits)) {
        Shape::IdNumber
    } else if !run.contains('-')
        && len == 18
        && plain.bytes().all(|b| super::credit_code::ALPHABET.contains(&b.to_ascii_uppercase()))
    {
        Shape::CreditCode
    } else if all_digits && len == 11 && plain.starts_with('1') && plain.as_bytes()[1] >= b'3' {
        Shape::Mobile
    } else if all_digits
        && ((7..=8).contains(&len) || (plain.starts_with('0') && (10..=12).contains(&len)))
    {
        Shape::Landline
    } else {
        Shape::Other
    }
}

/// The run with the hidden positions masked; hyphens stay where they were.
fn mask_run(run: &str) -> String {
    let plain_len = run.chars().filter(|&c| c != '-').count();
    // (characters kept at the start, characters kept at the end), counted without hyphens.
    let (head, tail) = match shape(run) {
        Shape::IdNumber | Shape::CreditCode => (4, 4),
        Shape::Mobile => (3, 4),
        Shape::Landline => {
            let area = if run.starts_with('0') {
                run.find('-').unwrap_or(plain_len.saturating_sub(8))
            } else {
                0
            };
            (area, 2)
        }
        Shape::Other => return run.to_owned(),
    };
    let mut seen = 0;
    run.chars()
        .map(|c| {
            if c == '-' {
                return c;
            }
            seen += 1;
            if seen <= head || seen > plain_len - tail { c } else { MASK }
        })
        .collect()
}

#[cfg(test)]
mod tests;
