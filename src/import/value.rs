//! Cell values as the ledger reads them: text cleaned of spreadsheet quirks, and dates in
//! the forms Chinese offices type them or as Excel serial numbers.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::sheet::Cell;

/// Earliest and latest years a date in an old register may have.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

/// The text of a cell as the clerk saw it: numbers without a trailing `.0`, dates written
/// out, and the `'` our CSV export puts before a formula-like cell taken off again.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => unguard(t.trim()).to_owned(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) if d.time() == NaiveTime::MIN => crate::domain::format_date(d.date()),
        Cell::Date(d) => crate::domain::format_date_time(*d),
        Cell::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
    }
}

/// Takes off the `'` that guards a cell starting with `=`, `+`, `-` or `@`.
fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        #[expect(clippy::cast_possible_truncation, reason = "checked whole and in range")]
        let whole = n as i64;
        whole.to_string()
    } else {
        n.to_string()
    }
}

/// Why a cell's text cannot be stored, if it holds control characters (binary junk).
pub fn junk_reason(text: &str) -> Option<String> {
    let bad = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))?;
    Some(format!("含有不可见的控制字符（U+{:04X}），可能是损坏的数据", u32::from(bad)))
}

/// An Excel serial date (days since 1899-12-30, with the 1900 leap-year quirk) as a time.
pub fn serial_to_datetime(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    #[expect(clippy::cast_possible_truncation, reason = "range checked above")]
    let minutes = (serial * 1440.0).round() as i64;
    // Excel counts a 29 February 1900 that never was; serials before it are one day off.
    let minutes = if serial < 61.0 { minutes + 1440 } else { minutes };
    epoch.checked_add_signed(Duration::minutes(minutes))
}

/// Reads a date with an optional time from a cell: a date cell, an Excel serial number,
/// or text such as `2026年3月5日`, `2026-3-5 9:30`, `2026/03/05`, `2026.3.5`, `20260305`.
pub fn parse_cell_datetime(cell: &Cell) -> Result<NaiveDateTime, String> {
    let time = match cell {
        Cell::Empty => return Err("时间为空".to_owned()),
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => number_datetime(*n),
        Cell::Text(t) => parse_datetime_text(t),
        Cell::Bool(_) => None,
    };
    let text = cell_text(cell);
    let time =
        time.ok_or_else(|| format!("无法识别的日期“{}”，请写成如 2026年3月5日", short(&text)))?;
    if YEARS.contains(&time.year()) {
        Ok(time)
    } else {
        Err(format!("日期“{}”的年份不在{}—{}年之间", short(&text), YEARS.start(), YEARS.end()))
    }
}

fn number_datetime(n: f64) -> Option<NaiveDateTime> {
    if n.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(&n) {
        return parse_datetime_text(&number_text(n));
    }
    if n < 100_000.0 { serial_to_datetime(n) } else { None }
}

/// Reads a date and optional time written as text.
pub fn parse_datetime_text(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().replace(['\u{3000}', '\u{a0}'], " ");
    // Split the date from the time: at a space, a `T`, or just after 日.
    let text = text.replacen('日', "日 ", 1).replacen('T', " ", 1);
    let mut parts = text.split_whitespace();
    let date_part = parts.next()?;
    let time_part: String = parts.collect::<Vec<_>>().join("");
    let date = parse_date_part(date_part)?;
    let time = if time_part.is_empty() { NaiveTime::MIN } else { parse_time_part(&time_part)? };
    Some(date.and_time(time))
}

fn parse_date_part(text: &str) -> Option<NaiveDate> {
    let text = text.trim_end_matches('日');
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let (y, rest) = text.split_at(4);
        let (m, d) = rest.split_at(2);
        return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    if text.chars().all(|c| c.is_ascii_digit()) && (1..=6).contains(&text.len()) {
        return serial_to_datetime(text.parse().ok()?).map(|t| t.date());
    }
    crate::domain::date::parse_date(text)
}

/// `9:05`, `09:05:00`, `9时5分`, `9时`, `9点30`.
fn parse_time_part(text: &str) -> Option<NaiveTime> {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            '时' | '点' | '：' => ':',
            '分' | '秒' => ' ',
            c => c,
        })
        .collect();
    let mut parts = cleaned.trim().trim_end_matches(':').split(':');
    let hour: u32 = parts.next()?.trim().parse().ok()?;
    let minute: u32 = match parts.next().map(str::trim) {
        None | Some("") => 0,
        Some(m) => m.split_whitespace().next()?.parse().ok()?,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// The start of a long text, for messages.
pub fn short(text: &str) -> String {
    const MAX: usize = 24;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn text_dates_in_common_chinese_forms() {
        let day = at(2026, 3, 5, 0, 0);
        for text in
            ["2026年3月5日", "2026-3-5", "2026/03/05", "2026.3.5", "20260305", " 2026-03-05 "]
        {
            assert_eq!(parse_datetime_text(text), Some(day), "{text}");
        }
        let when = at(2026, 3, 5, 9, 5);
        for text in [
            "2026年3月5日 9:05",
            "2026年3月5日9:05",
            "2026-03-05 09:05:00",
            "2026-03-05T09:05:00",
            "2026/3/5 9时5分",
            "2026.3.5 9：05",
        ] {
            assert_eq!(parse_datetime_text(text), Some(when), "{text}");
        }
        for bad in ["2026-2-30", "明天", "", "2026年13月1日", "2026-3-5 25:00"] {
            assert_eq!(parse_datetime_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn serial_numbers_and_date_cells() {
        assert_eq!(serial_to_datetime(46_086.0), Some(at(2026, 3, 5, 0, 0)));
        assert_eq!(serial_to_datetime(46_086.375), Some(at(2026, 3, 5, 9, 0)));
        assert_eq!(serial_to_datetime(1.0), Some(at(1900, 1, 1, 0, 0)));
        assert_eq!(parse_cell_datetime(&Cell::Number(46_086.0)), Ok(at(2026, 3, 5, 0, 0)));
        assert_eq!(parse_cell_datetime(&Cell::Number(20_260_305.0)), Ok(at(2026, 3, 5, 0, 0)));
        assert_eq!(parse_cell_datetime(&Cell::Text("46086".into())), Ok(at(2026, 3, 5, 0, 0)));
        let old = parse_cell_datetime(&Cell::Number(100.0)).unwrap_err();
        assert!(old.contains("年份不在"), "{old}");
        assert!(parse_cell_datetime(&Cell::Number(f64::NAN)).is_err());
        assert!(parse_cell_datetime(&Cell::Empty).unwrap_err().contains("为空"));
    }

    #[test]
    fn cells_read_as_the_clerk_saw_them() {
        assert_eq!(cell_text(&Cell::Number(13_812_345_678.0)), "13812345678");
        assert_eq!(cell_text(&Cell::Number(1.5)), "1.5");
        assert_eq!(cell_text(&Cell::Text("'=SUM(A1)".into())), "=SUM(A1)");
        assert_eq!(cell_text(&Cell::Text("'引号".into())), "'引号");
        assert_eq!(cell_text(&Cell::Date(at(2026, 3, 5, 0, 0))), "2026年3月5日");
        assert!(junk_reason("正常\n文字").is_none());
        assert!(junk_reason("坏\u{1}字").unwrap().contains("U+0001"));
    }
}
