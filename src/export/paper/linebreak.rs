//! Chinese line breaking on a character grid.
//!
//! Widths are counted in half cells: a full-width character (汉字, full-width punctuation)
//! takes a whole cell of the grid, an ASCII or half-width character half of one. The rules
//! are the usual ones for Chinese (避头尾): no line begins with closing punctuation and none
//! ends with opening punctuation. A break that would do so pulls the character before it down
//! to the next line; when nothing can be pulled, up to two closing marks hang past the margin.

/// Closing marks that must not begin a line.
const CLOSING: &str = "，。、；：？！）」』》〉〕】］｝〗〙…—’”％‰·．｡､,.;:?!)]}%";

/// Opening marks that must not end a line.
const OPENING: &str = "（「『《〈〔【［｛〖〘‘“([{";

/// One line of broken text and its width in half cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub half_cells: u32,
}

/// The width of `ch` in half cells: 1 for ASCII and half-width forms, 2 for everything else.
pub fn half_cells(ch: char) -> u32 {
    if ch.is_ascii()
        || ('\u{FF61}'..='\u{FFDC}').contains(&ch)
        || ('\u{FFE8}'..='\u{FFEE}').contains(&ch)
    {
        1
    } else {
        2
    }
}

/// Whether `ch` may not begin a line.
pub fn is_closing(ch: char) -> bool {
    CLOSING.contains(ch)
}

/// Whether `ch` may not end a line.
pub fn is_opening(ch: char) -> bool {
    OPENING.contains(ch)
}

/// The width of `text` in half cells.
pub fn width(text: &str) -> u32 {
    text.chars().map(half_cells).sum()
}

/// Text as it is printed: `\r\n` and `\r` become `\n`, a tab a space, and other control
/// characters (which no font can draw) are dropped.
pub fn printable(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Breaks `text` into lines: the first at most `first` half cells wide, the others at most
/// `rest`. Each `\n` starts a new line; empty text gives one empty line. Control characters
/// other than `\n` are dropped (see [`printable`]).
pub fn break_lines(text: &str, first: u32, rest: u32) -> Vec<Line> {
    let text = printable(text);
    let first = first.max(2);
    let rest = rest.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let limit = if lines.is_empty() { first } else { rest };
        break_paragraph(paragraph, limit, rest, &mut lines);
    }
    lines
}

/// A piece that is never broken inside unless it is wider than a whole line: one character,
/// an ASCII word (a phone number, a credit code), or a doubled 「……」 or 「——」.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    width: u32,
}

impl Token<'_> {
    fn first(&self) -> char {
        self.text.chars().next().unwrap_or(' ')
    }

    fn last(&self) -> char {
        self.text.chars().next_back().unwrap_or(' ')
    }
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_alphanumeric() {
            ascii_word(rest)
        } else if (c == '…' || c == '—') && rest[c.len_utf8()..].starts_with(c) {
            2 * c.len_utf8()
        } else {
            c.len_utf8()
        };
        let (piece, tail) = rest.split_at(len);
        out.push(Token { text: piece, width: width(piece) });
        rest = tail;
    }
    out
}

/// The length of the ASCII word at the start of `text`: letters and digits, joined by the
/// marks inside times, phone numbers and amounts (9:30, 0951-5012345, 3.5, a/b).
fn ascii_word(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let b = bytes[end];
        let joins = matches!(b, b'-' | b':' | b'.' | b'/' | b'_')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
        if b.is_ascii_alphanumeric() || (joins && end > 0) {
            end += 1;
        } else {
            break;
        }
    }
    end.max(1)
}

/// Splits any token wider than `limit` into single characters, so that it can be broken.
fn fit_tokens(tokens: Vec<Token<'_>>, limit: u32) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        if token.width <= limit {
            out.push(token);
        } else {
            let mut rest = token.text;
            while let Some(c) = rest.chars().next() {
                let (piece, tail) = rest.split_at(c.len_utf8());
                out.push(Token { text: piece, width: half_cells(c) });
                rest = tail;
            }
        }
    }
    out
}

fn break_paragraph(text: &str, first: u32, rest: u32, lines: &mut Vec<Line>) {
    let tokens = fit_tokens(tokens(text), first.min(rest));
    if tokens.is_empty() {
        lines.push(Line { text: String::new(), half_cells: 0 });
        return;
    }
    let mut start = 0;
    let mut limit = first;
    while start < tokens.len() {
        let end = line_end(&tokens, start, limit);
        let line: String = tokens[start..end].iter().map(|t| t.text).collect();
        let half_cells = tokens[start..end].iter().map(|t| t.width).sum();
        lines.push(Line { text: line, half_cells });
        start = end;
        limit = rest;
    }
}

/// Where the line that starts at `start` ends (exclusive), given `limit` half cells.
fn line_end(tokens: &[Token<'_>], start: usize, limit: u32) -> usize {
    let mut used = 0;
    let mut end = start;
    while end < tokens.len() && used + tokens[end].width <= limit {
        used += tokens[end].width;
        end += 1;
    }
    if end == tokens.len() {
        return end;
    }
    if end == start {
        // A token wider than the line (only possible for a narrow cell): take it anyway.
        return start + 1;
    }

    let bad = |at: usize| is_closing(tokens[at].first()) || is_opening(tokens[at - 1].last());
    let mut pulled = end;
    while pulled > start + 1 && bad(pulled) {
        pulled -= 1;
    }
    if !bad(pulled) {
        return pulled;
    }

    // Nothing can be pulled down: let up to two closing marks (say 。」) hang past the margin.
    let (mut hung, mut over) = (end, 0);
    while hung < tokens.len() && is_closing(tokens[hung].first()) {
        over += tokens[hung].width;
        if over > 4 {
            break;
        }
        hung += 1;
        if hung == tokens.len() || !bad(hung) {
            return hung;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_comma_at_the_start_pulls_the_character_before_it_down() {
        // Width 4 cells: "一二三四" fills the line, so "，" would begin the next one.
        let lines = break_lines("一二三四，五六", 8, 8);
        assert_eq!(texts(&lines), ["一二三", "四，五六"]);
    }

    #[test]
    fn an_opening_bracket_never_ends_a_line() {
        let lines = break_lines("一二三（四）五", 8, 8);
        assert_eq!(texts(&lines), ["一二三", "（四）五"]);
    }

    #[test]
    fn an_ascii_word_stays_whole_when_it_fits() {
        let lines = break_lines("电话13800138000", 14, 14);
        assert_eq!(texts(&lines), ["电话", "13800138000"]);
        let time = break_lines("2026年3月5日 9:30。", 16, 16);
        assert_eq!(texts(&time), ["2026年3月5日 ", "9:30。"]);
        let long = break_lines("12345678901234567890", 8, 8);
        assert_eq!(texts(&long), ["12345678", "90123456", "7890"]);
    }

    #[test]
    fn newlines_start_lines_and_controls_vanish() {
        let lines = break_lines("甲\n\n乙\u{7}\t丙\r\n丁", 8, 8);
        assert_eq!(texts(&lines), ["甲", "", "乙 丙", "丁"]);
        assert_eq!(texts(&break_lines("", 8, 8)), [""]);
    }

    #[test]
    fn a_line_of_only_closing_marks_hangs_one() {
        let lines = break_lines("。。。", 4, 4);
        assert_eq!(texts(&lines), ["。。。"]);
    }

    #[test]
    fn the_first_line_may_be_narrower() {
        let lines = break_lines("一二三四五六", 4, 8);
        assert_eq!(texts(&lines), ["一二", "三四五六"]);
    }

    /// Random paragraphs full of punctuation, ASCII words and doubled marks, every rule
    /// checked on every line.
    #[test]
    fn generated_paragraphs_keep_every_rule() {
        let pieces: Vec<&str> =
            "指|导|意|见|企|业|经|营|规|范|金|岭|镇|，|。|、|；|：|？|！|（|）|「|」|\
             《|》|〔|〕|【|】|……|——|“|”|13800138000|91640100MA76XQ|(|)|,|.| |a|2026|年|\n|\
             9:30|0951-5012345|3.5|-"
                .split('|')
                .collect();
        let mut rng = fastrand::Rng::with_seed(9704);
        for round in 0..3000 {
            let len = rng.usize(0..160);
            let text: String = (0..len).map(|_| pieces[rng.usize(..pieces.len())]).collect();
            // The narrowest text column in use is a form label of six characters.
            let first = rng.u32(12..=56);
            let rest = rng.u32(12..=56);
            let lines = break_lines(&text, first, rest);

            let hard = hard_breaks(&lines, &text).unwrap_or_else(|| {
                panic!("round {round}: characters lost or reordered in {lines:?} from {text:?}")
            });
            for (i, line) in lines.iter().enumerate() {
                let limit = if i == 0 { first } else { rest };
                assert_eq!(line.half_cells, width(&line.text));
                let hanging: u32 =
                    line.text.chars().rev().take_while(|&c| is_closing(c)).map(half_cells).sum();
                let slack = hanging.min(4);
                assert!(line.half_cells <= limit + slack, "round {round}: {line:?} over {limit}");
                if i + 1 < lines.len() && !hard[i] {
                    let next = &lines[i + 1].text;
                    // A run of three or more closing marks cannot be mended by pulling one
                    // character or hanging two; nothing else may begin a line with one.
                    let run = next.chars().take_while(|&c| is_closing(c)).count();
                    let only_marks = line.text.chars().all(is_closing);
                    assert!(
                        run == 0 || only_marks || run >= 3,
                        "round {round}: {next:?} begins with closing punctuation after {line:?}"
                    );
                    assert!(
                        !line.text.chars().next_back().is_some_and(is_opening)
                            || line.text.chars().all(is_opening),
                        "round {round}: {line:?} ends with opening punctuation"
                    );
                }
            }
        }
    }

    /// Matches the lines against the text they came from; for each line, whether the text's
    /// own newline follows it. `None` when a character was lost, added or moved.
    fn hard_breaks(lines: &[Line], text: &str) -> Option<Vec<bool>> {
        let mut rest = text;
        let mut hard = Vec::new();
        for line in lines {
            rest = rest.strip_prefix(line.text.as_str())?;
            let newline = rest.starts_with('\n');
            if newline {
                rest = &rest[1..];
            }
            hard.push(newline);
        }
        rest.is_empty().then_some(hard)
    }
}
