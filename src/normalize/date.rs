//! Dates as rosters write them, and "满 N 年" counted against the evaluation date.
//!
//! A date is a [`DateSpan`]: the earliest and the latest day it can mean. A full date is one day;
//! a month-only date counts from the first of that month (RULES.md), so it is one day too; a
//! year-only date is the interval 1 January – 31 December, and a float cell such as `2019.1`
//! (January, or October with its trailing zero lost) spans both readings. A rule decided the same
//! way at both ends stands; otherwise it is unknown.

use crate::model::Tri;
use crate::read::Cell;
pub use crate::text::{iso, Iso};
use chrono::{Datelike, Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// Two readings (a float `2019.1`: January or October).
    Ambiguous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub lo: NaiveDate,
    pub hi: NaiveDate,
    pub precision: Precision,
}

impl DateSpan {
    pub fn day(d: NaiveDate) -> DateSpan {
        DateSpan { lo: d, hi: d, precision: Precision::Day }
    }

    fn month(y: i32, m: u32) -> Option<DateSpan> {
        let d = NaiveDate::from_ymd_opt(y, m, 1)?;
        Some(DateSpan { lo: d, hi: d, precision: Precision::Month })
    }

    fn year(y: i32) -> Option<DateSpan> {
        Some(DateSpan {
            lo: NaiveDate::from_ymd_opt(y, 1, 1)?,
            hi: NaiveDate::from_ymd_opt(y, 12, 31)?,
            precision: Precision::Year,
        })
    }

    /// Is `years` full years after this date reached on `as_of`? (RULES.md: `d + N years <= as-of`,
    /// the anniversary itself counts.)
    pub fn years_reached(&self, years: u32, as_of: NaiveDate) -> Tri {
        if anniversary(self.hi, years) <= as_of {
            Tri::Met
        } else if anniversary(self.lo, years) > as_of {
            Tri::Unmet
        } else {
            Tri::Unknown
        }
    }

    /// The day by which `years` are surely reached.
    pub fn reached_on(&self, years: u32) -> NaiveDate {
        anniversary(self.hi, years)
    }

    /// The later of two dates, as a span (each end the later of the two ends).
    pub fn later(self, other: DateSpan) -> DateSpan {
        let precision = if self.lo >= other.hi {
            self.precision
        } else if other.lo >= self.hi {
            other.precision
        } else {
            Precision::Ambiguous
        };
        DateSpan { lo: self.lo.max(other.lo), hi: self.hi.max(other.hi), precision }
    }
}

/// `d` plus `years` calendar years. A 29 February lands on 28 February in a common year:
/// 《民法典》第二百零二条 — "没有对应日的，月末日为期间的最后一日".
pub fn anniversary(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).unwrap_or(NaiveDate::MAX)
}

/// Why a cell is not a usable date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    Unparseable,
    Impossible,
    /// A date cell of a year no credential has: most likely a number such as `2019.03` typed or
    /// pasted into a date-formatted cell, which Excel shows as a day of 1905.
    OutOfRange,
}

impl DateProblem {
    pub fn message(&self) -> &'static str {
        match self {
            DateProblem::Unparseable => "无法识别的日期",
            DateProblem::Impossible => "不存在的日期",
            DateProblem::OutOfRange => {
                "日期的年份不在1950年至2100年之间（2019.03 这样的数字设为日期格式后显示为1905年）"
            }
        }
    }
}

/// Plausible years for a credential or a job start.
pub const YEARS: std::ops::RangeInclusive<i32> = 1950..=2100;

/// Reads a date cell. `Ok(None)` for an empty cell or a "none" word.
pub fn parse_date(cell: &Cell) -> Result<Option<DateSpan>, DateProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) if !YEARS.contains(&d.year()) => Err(DateProblem::OutOfRange),
        Cell::Date(d) => Ok(Some(DateSpan::day(*d))),
        Cell::Number(n) => parse_number(*n).map(Some),
        Cell::Text(s) => parse_text(s),
        Cell::Bool(_) | Cell::Error(_) => Err(DateProblem::Unparseable),
    }
}

/// A number in a date column: an Excel serial, `20190315`, `201903`, `2019`, or `2019.03`.
fn parse_number(n: f64) -> Result<DateSpan, DateProblem> {
    if !n.is_finite() || n <= 0.0 {
        return Err(DateProblem::Unparseable);
    }
    if n.fract() == 0.0 {
        let i = n as i64;
        return match i {
            19_000_101..=21_001_231 | 190_001..=210_012 => parse_text(&i.to_string())?.ok_or(DateProblem::Unparseable),
            1950..=2100 => DateSpan::year(i as i32).ok_or(DateProblem::Impossible),
            1..=2_958_465 => serial(i),
            _ => Err(DateProblem::Unparseable),
        };
    }
    let year = n.trunc() as i32;
    if YEARS.contains(&year) {
        // `2019.03` typed into a number cell: the shortest decimal form is what the user typed,
        // except that a trailing zero is gone — `2019.1` may have been `2019.10`.
        let text = format!("{n}");
        let frac = text.split('.').nth(1).unwrap_or("");
        return match frac {
            "1" => Ok(DateSpan {
                lo: NaiveDate::from_ymd_opt(year, 1, 1).ok_or(DateProblem::Impossible)?,
                hi: NaiveDate::from_ymd_opt(year, 10, 1).ok_or(DateProblem::Impossible)?,
                precision: Precision::Ambiguous,
            }),
            _ => parse_text(&text)?.ok_or(DateProblem::Unparseable),
        };
    }
    // A serial with a time of day.
    excel_serial(n.trunc() as i64).map(DateSpan::day).ok_or(DateProblem::Unparseable)
}

/// A whole number read as an Excel serial: a day of a plausible year ([`YEARS`]), and not one
/// that reads as a year and a month typed without a separator (`20245`, `2024 5` for 2024-05,
/// which as serials are days of 1955: no credential of a working person is that old).
fn serial(i: i64) -> Result<DateSpan, DateProblem> {
    let year_and_month = i >= 10_000 && YEARS.contains(&((i / 10) as i32)) && i % 10 != 0;
    if year_and_month {
        return Err(DateProblem::Unparseable);
    }
    let day = excel_serial(i).ok_or(DateProblem::Impossible)?;
    if !YEARS.contains(&day.year()) {
        return Err(DateProblem::OutOfRange);
    }
    Ok(DateSpan::day(day))
}

/// Excel's 1900 date system (serial 61 = 1900-03-01; the phantom 1900-02-29 is serial 60).
fn excel_serial(serial: i64) -> Option<NaiveDate> {
    if !(61..=2_958_465).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

fn parse_text(raw: &str) -> Result<Option<DateSpan>, DateProblem> {
    // Drop a time of day: `2019-03-15 00:00:00`, `2019-03-15T08:00`.
    let raw = match raw.trim().find(':') {
        Some(colon) => raw.trim()[..colon].rsplit_once([' ', 'T']).map_or(raw, |(day, _)| day),
        None => raw,
    };
    let s = super::text::fold(raw);
    if super::text::is_none_word(&s) {
        return Ok(None);
    }
    // A note after the date (`2019.05（补证）`, `2019年5月（换证）`) says how the certificate was
    // issued, not when: the date is before it.
    let s = match s.find(['(', '（']) {
        Some(at) if at > 0 => s[..at].trim_end(),
        _ => &s,
    };
    // `2019年度`, `2019年底`, `2019年初`: the year alone.
    let s = if s.ends_with(['度', '底', '初']) {
        s.strip_suffix("年度").or_else(|| s.strip_suffix("年底")).or_else(|| s.strip_suffix("年初")).unwrap_or(s)
    } else {
        s
    };
    let s = s.trim_end_matches('份');
    let s = s.strip_suffix('日').or_else(|| s.strip_suffix('号')).unwrap_or(s);
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            8 => ymd(num(&s[..4]), num(&s[4..6]), num(&s[6..])),
            6 => ym(num(&s[..4]), num(&s[4..])),
            4 => year(num(s)),
            5 => serial(i64::from(num(s))).map(Some),
            _ => Err(DateProblem::Unparseable),
        };
    }
    // Year, month and day: up to three runs of at most four digits between separators.
    let mut n = [0u32; 3];
    let mut count = 0;
    for part in s.split(['-', '/', '.', '。', ',', '、', '年', '月', '\\']).filter(|p| !p.is_empty()) {
        let digits = part.bytes().all(|b| b.is_ascii_digit()) && part.len() <= 4;
        if count == n.len() || !digits || (count == 0 && part.len() != 4) {
            return Err(DateProblem::Unparseable);
        }
        n[count] = num(part);
        count += 1;
    }
    match count {
        0 => Err(DateProblem::Unparseable),
        1 => year(n[0]),
        2 => ym(n[0], n[1]),
        _ => ymd(n[0], n[1], n[2]),
    }
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn year(y: u32) -> Result<Option<DateSpan>, DateProblem> {
    let y = y as i32;
    if !YEARS.contains(&y) {
        return Err(DateProblem::Impossible);
    }
    DateSpan::year(y).map(Some).ok_or(DateProblem::Impossible)
}

fn ym(y: u32, m: u32) -> Result<Option<DateSpan>, DateProblem> {
    if !YEARS.contains(&(y as i32)) {
        return Err(DateProblem::Impossible);
    }
    DateSpan::month(y as i32, m).map(Some).ok_or(DateProblem::Impossible)
}

fn ymd(y: u32, m: u32, d: u32) -> Result<Option<DateSpan>, DateProblem> {
    if !YEARS.contains(&(y as i32)) {
        return Err(DateProblem::Impossible);
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).map(|d| Some(DateSpan::day(d))).ok_or(DateProblem::Impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn text(s: &str) -> Result<Option<DateSpan>, DateProblem> {
        parse_date(&Cell::Text(s.into()))
    }

    #[test]
    fn parses_every_roster_form() {
        let day = |y, m, dd| Ok(Some(DateSpan::day(d(y, m, dd))));
        let month = |y, m| Ok(Some(DateSpan { lo: d(y, m, 1), hi: d(y, m, 1), precision: Precision::Month }));
        let year = |y| Ok(Some(DateSpan { lo: d(y, 1, 1), hi: d(y, 12, 31), precision: Precision::Year }));
        let cases: &[(&str, Result<Option<DateSpan>, DateProblem>)] = &[
            ("2019-03-15", day(2019, 3, 15)),
            ("2019/3/15", day(2019, 3, 15)),
            ("2019.3.15", day(2019, 3, 15)),
            ("2019年3月15日", day(2019, 3, 15)),
            ("20190315", day(2019, 3, 15)),
            ("２０１９年３月１５日", day(2019, 3, 15)),
            ("2019-03-15 00:00:00", day(2019, 3, 15)),
            (" 2019.3 ", month(2019, 3)),
            ("2019.03", month(2019, 3)),
            ("2019年3月", month(2019, 3)),
            ("２０１９年３月", month(2019, 3)),
            ("2023年12月份", month(2023, 12)),
            ("2023。12", month(2023, 12)),
            ("201903", month(2019, 3)),
            ("2019-3", month(2019, 3)),
            ("2019年", year(2019)),
            ("2019", year(2019)),
            ("43539", day(2019, 3, 15)),
            ("", Ok(None)),
            ("无", Ok(None)),
            ("2019-13-45", Err(DateProblem::Impossible)),
            ("2019-02-29", Err(DateProblem::Impossible)),
            ("1850年", Err(DateProblem::Impossible)),
            ("去年三月", Err(DateProblem::Unparseable)),
            ("19-3-15", Err(DateProblem::Unparseable)),
        ];
        for (input, expected) in cases {
            assert_eq!(&text(input), expected, "{input}");
        }
    }

    #[test]
    fn parses_number_and_date_cells() {
        assert_eq!(parse_date(&Cell::Number(43539.0)), Ok(Some(DateSpan::day(d(2019, 3, 15)))));
        assert_eq!(parse_date(&Cell::Number(43539.75)), Ok(Some(DateSpan::day(d(2019, 3, 15)))));
        assert_eq!(parse_date(&Cell::Number(20190315.0)), Ok(Some(DateSpan::day(d(2019, 3, 15)))));
        assert_eq!(parse_date(&Cell::Number(2019.03)).unwrap().unwrap().lo, d(2019, 3, 1));
        assert_eq!(parse_date(&Cell::Number(2019.12)).unwrap().unwrap().lo, d(2019, 12, 1));
        let ambiguous = parse_date(&Cell::Number(2019.1)).unwrap().unwrap();
        assert_eq!(
            (ambiguous.lo, ambiguous.hi, ambiguous.precision),
            (d(2019, 1, 1), d(2019, 10, 1), Precision::Ambiguous)
        );
        assert_eq!(parse_date(&Cell::Date(d(2020, 2, 29))), Ok(Some(DateSpan::day(d(2020, 2, 29)))));
        // 2019.03 in a date-formatted cell is serial 2019.03, 1905-07-11: never a credential's date.
        assert_eq!(parse_date(&Cell::Date(d(1905, 7, 11))), Err(DateProblem::OutOfRange));
        assert_eq!(parse_date(&Cell::Date(d(1950, 1, 1))), Ok(Some(DateSpan::day(d(1950, 1, 1)))));
        assert_eq!(parse_date(&Cell::Error("#N/A".into())), Err(DateProblem::Unparseable));
    }

    /// Numbers that are not serials of a credential's day: a year and month typed without a
    /// separator, and serials of days before 1950.
    #[test]
    fn a_year_and_month_run_together_or_a_small_number_is_no_serial() {
        for cell in
            [Cell::Text("20245".into()), Cell::Text("2024 5".into()), Cell::Number(20245.0), Cell::Number(19856.0)]
        {
            assert_eq!(parse_date(&cell), Err(DateProblem::Unparseable), "{cell:?}");
        }
        for cell in [Cell::Number(201.0), Cell::Number(1905.0), Cell::Text("00201".into())] {
            assert_eq!(parse_date(&cell), Err(DateProblem::OutOfRange), "{cell:?}");
        }
        assert_eq!(parse_date(&Cell::Text("43586".into())), Ok(Some(DateSpan::day(d(2019, 5, 1)))));
    }

    #[test]
    fn notes_year_words_and_other_separators() {
        let may = Ok(Some(DateSpan::month(2019, 5).unwrap()));
        for input in ["2019,05", "2019、05", "2019.05（补证）", "2019年5月（换证）", "2019年5月(补发)"] {
            assert_eq!(text(input), may, "{input}");
        }
        let year = Ok(Some(DateSpan::year(2019).unwrap()));
        for input in ["2019年度", "2019年底", "2019年初"] {
            assert_eq!(text(input), year, "{input}");
        }
        assert_eq!(text("（2019.05）"), Err(DateProblem::Unparseable));
    }

    #[test]
    fn years_reached_counts_the_anniversary_itself() {
        let as_of = d(2025, 12, 31);
        let cases = [
            (DateSpan::day(d(2023, 12, 31)), 2, Tri::Met),
            (DateSpan::day(d(2024, 1, 1)), 2, Tri::Unmet),
            (DateSpan::day(d(2022, 12, 31)), 3, Tri::Met),
            (DateSpan::day(d(2023, 1, 1)), 3, Tri::Unmet),
            // Month-only counts from the first of the month.
            (text("2023年12月").unwrap().unwrap(), 2, Tri::Met),
            (text("2024.01").unwrap().unwrap(), 2, Tri::Unmet),
            // Year-only: the same decision at both ends stands, otherwise unknown.
            (text("2023年").unwrap().unwrap(), 2, Tri::Met),
            (text("2024年").unwrap().unwrap(), 2, Tri::Unmet),
            (text("2022年").unwrap().unwrap(), 4, Tri::Unmet),
            (text("2021年").unwrap().unwrap(), 4, Tri::Met),
        ];
        for (span, years, expected) in cases {
            assert_eq!(span.years_reached(years, as_of), expected, "{span:?} + {years}");
        }
        let straddles = text("2023年").unwrap().unwrap();
        assert_eq!(straddles.years_reached(2, d(2025, 6, 30)), Tri::Unknown);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso(d(2019, 3, 5)), "2019-03-05");
        assert_eq!(iso(d(1950, 12, 31)), "1950-12-31");
        assert_eq!(format!("（{}满）", Iso(d(2020, 2, 29))), "（2020-02-29满）");
        assert_eq!(iso(NaiveDate::MAX), format!("{:04}-12-31", NaiveDate::MAX.year()));
    }

    #[test]
    fn leap_day_anniversary_is_28_february_in_a_common_year() {
        let leap = DateSpan::day(d(2020, 2, 29));
        assert_eq!(anniversary(d(2020, 2, 29), 1), d(2021, 2, 28));
        assert_eq!(anniversary(d(2020, 2, 29), 4), d(2024, 2, 29));
        assert_eq!(leap.years_reached(3, d(2023, 2, 27)), Tri::Unmet);
        assert_eq!(leap.years_reached(3, d(2023, 2, 28)), Tri::Met);
        assert_eq!(leap.years_reached(4, d(2024, 2, 28)), Tri::Unmet);
        assert_eq!(leap.years_reached(4, d(2024, 2, 29)), Tri::Met);
    }
}
