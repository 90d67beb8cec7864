//! Dates as Chinese official papers write them: 2026年12月3日.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// `2026年12月3日`: full year, no zero padding.
pub fn format_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `2026年12月3日 9:05`.
pub fn format_date_time(time: NaiveDateTime) -> String {
    format!("{} {}:{:02}", format_date(time.date()), time.hour(), time.minute())
}

/// Reads a date typed by a clerk: `2026-12-3`, `2026/12/03`, `2026.12.3` or `2026年12月3日`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let cleaned: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '－' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let mut parts = cleaned.trim().split('-');
    let year = parts.next()?.trim().parse().ok()?;
    let month = parts.next()?.trim().parse().ok()?;
    let day = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Reads `9:05` or `09:05`.
pub fn parse_time(text: &str) -> Option<chrono::NaiveTime> {
    let cleaned = text.trim().replace('：', ":");
    let (h, m) = cleaned.split_once(':')?;
    chrono::NaiveTime::from_hms_opt(h.trim().parse().ok()?, m.trim().parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_without_padding() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(format_date(d), "2026年12月3日");
        let d = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        assert_eq!(format_date(d), "2027年1月15日");
    }

    #[test]
    fn typed_dates_are_read_in_common_forms() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 7);
        for text in ["2026-3-7", "2026/03/07", "2026.3.7", "2026年3月7日", " 2026-03-07 "] {
            assert_eq!(parse_date(text), want, "{text}");
        }
        assert_eq!(parse_date("2026-2-30"), None);
        assert_eq!(parse_date("明天"), None);
        assert_eq!(parse_time("9：05"), chrono::NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("25:00"), None);
    }
}
