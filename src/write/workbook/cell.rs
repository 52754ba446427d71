//! One output cell: what it holds and how it is written. Text is cut to what Excel takes, dates
//! become real Excel dates, a status carries its colour, and a 身份证号 is masked wherever it shows
//! when `--mask-id` is on.

use super::style::{clip, Formats};
use crate::evaluate::Decision;
use crate::model::{SkillLevel, Status, Title};
use crate::normalize::date::{DateSpan, Precision};
use crate::normalize::{id_number, Field, Issue};
use crate::pipeline::{Run, Screened};
use crate::read::header::Key;
use crate::read::Cell;
use chrono::NaiveDate;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::borrow::Cow;
use std::fmt::Write;

/// What one cell holds.
pub enum Value<'a> {
    Blank,
    Text(Cow<'a, str>),
    /// Text that may run long or over several lines (reasons, issues): wrapped.
    Wrapped(String),
    Number(f64),
    Bool(bool),
    Date(NaiveDate),
    /// A date the roster gives to the month only, shown as `yyyy-mm`.
    Month(NaiveDate),
    Status(Status),
}

impl<'a> Value<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Value<'a> {
        let s = s.into();
        if s.is_empty() {
            Value::Blank
        } else {
            Value::Text(s)
        }
    }

    /// Text that may run long: wrapped.
    pub fn wrapped(s: String) -> Value<'a> {
        if s.is_empty() {
            Value::Blank
        } else {
            Value::Wrapped(s)
        }
    }

    /// One line each.
    pub fn lines<S: AsRef<str>>(lines: &[S]) -> Value<'a> {
        let lines: Vec<&str> = lines.iter().map(AsRef::as_ref).collect();
        Value::wrapped(lines.join("\n"))
    }

    pub fn name(name: Option<&'static str>) -> Value<'a> {
        name.map_or(Value::Blank, |n| Value::Text(Cow::Borrowed(n)))
    }
}

/// Writes `value` at (`row`, `col`); a blank writes nothing.
pub fn put(sheet: &mut Worksheet, row: u32, col: u16, value: &Value, f: &Formats) -> Result<(), XlsxError> {
    match value {
        Value::Blank => {}
        Value::Text(s) => {
            sheet.write_string(row, col, clip(s))?;
        }
        Value::Wrapped(s) => {
            sheet.write_string_with_format(row, col, clip(s), &f.wrap)?;
        }
        Value::Number(n) => {
            sheet.write_number(row, col, *n)?;
        }
        Value::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
        }
        Value::Date(d) => {
            sheet.write_datetime_with_format(row, col, d, &f.date)?;
        }
        Value::Month(d) => {
            sheet.write_datetime_with_format(row, col, d, &f.month)?;
        }
        Value::Status(s) => {
            sheet.write_string_with_format(row, col, s.label(), f.status(*s))?;
        }
    }
    Ok(())
}

/// A column index as Excel takes it; a roster wider than a sheet is Excel's limit error.
pub fn col(index: usize) -> Result<u16, XlsxError> {
    u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The roster's own cell of `key` in row `r`, as written there (a date cell stays a date).
pub fn raw<'a>(run: &'a Run, r: &'a Screened, key: Key) -> Value<'a> {
    // A roster that writes the level or title together with its date shows that cell for either.
    let combined = match key {
        Key::SkillLevel | Key::SkillDate => Some(Key::SkillLevelAndDate),
        Key::Title | Key::TitleDate => Some(Key::TitleAndDate),
        _ => None,
    };
    let layout = run.sources[r.source].layout.as_ref();
    let column = layout.and_then(|l| l.column(key).or_else(|| l.column(combined?)));
    let cell = column.and_then(|c| r.cells.get(c.index));
    // A grade written without its series (`中级`) shows with the series (`工程 中级`).
    let series = layout.and_then(|l| l.column(Key::TitleSeries)).and_then(|c| r.cells.get(c.index));
    if let (Key::Title, Some(Cell::Text(title)), Some(series)) = (key, cell, series.filter(|s| !s.is_empty())) {
        return Value::text(format!("{} {}", series.text().trim(), title.trim()));
    }
    match cell {
        None | Some(Cell::Empty) => Value::Blank,
        Some(Cell::Date(d)) => Value::Date(*d),
        Some(Cell::Text(s)) => Value::text(s.trim()),
        Some(cell) => Value::text(cell.text()),
    }
}

/// A date the rules read: a real Excel date when it is known to the day or the month, otherwise
/// (year only, ambiguous, unreadable) the roster's own text, so nothing is made up.
pub fn date<'a>(run: &'a Run, r: &'a Screened, key: Key, field: Field<DateSpan>) -> Value<'a> {
    match field.value() {
        Some(DateSpan { lo, precision: Precision::Day, .. }) => Value::Date(lo),
        Some(DateSpan { lo, precision: Precision::Month, .. }) => Value::Month(lo),
        _ => raw(run, r, key),
    }
}

/// The person's 身份证号, masked under `--mask-id`.
pub fn id<'a>(run: &'a Run, r: &'a Screened) -> Value<'a> {
    match &r.person.id_number {
        Some(id) if run.config.mask_id => Value::text(id_number::mask(id)),
        Some(id) => Value::text(id.as_str()),
        None => Value::Blank,
    }
}

pub fn employer<'a>(_: &'a Run, r: &'a Screened) -> Value<'a> {
    Value::text(r.person.employer.as_deref().unwrap_or_default())
}

/// An issue's raw value, masked when it is the 身份证号 column and `--mask-id` is on.
pub fn issue_value<'a>(run: &Run, source: usize, issue: &'a Issue) -> Cow<'a, str> {
    let layout = run.sources[source].layout.as_ref();
    let is_id = layout.and_then(|l| l.column(Key::IdNumber)).is_some_and(|c| c.header == issue.column);
    if is_id && run.config.mask_id {
        Cow::Owned(id_number::mask(&issue.value))
    } else {
        Cow::Borrowed(&issue.value)
    }
}

/// A row's data issues, one a line: `列：问题（原始值）`.
pub fn issues(run: &Run, r: &Screened) -> Value<'static> {
    let mut out = String::new();
    for (k, i) in r.person.issues.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let _ = write!(out, "{}：{}（{}）", i.column, i.problem, issue_value(run, r.source, i));
    }
    Value::wrapped(out)
}

pub fn file<'a>(run: &'a Run, r: &Screened) -> Value<'a> {
    Value::text(run.files[run.sources[r.source].file].display.as_str())
}

pub fn sheet<'a>(run: &'a Run, r: &Screened) -> Value<'a> {
    Value::text(run.sources[r.source].sheet.as_str())
}

pub fn title(t: Option<Title>) -> Value<'static> {
    Value::name(t.map(Title::name))
}

/// What route 四 offers a person, as a row of 汇总 and a cell of the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkillOffer {
    /// 四（一）: a 技术员's skill evaluation of the post's occupation; the document sets no level.
    Evaluation,
    Level(SkillLevel),
    Nothing,
}

impl SkillOffer {
    /// A decision without a level offers the occupation's evaluation exactly when a rule that
    /// sets no level (四（一）) applies to the title held.
    pub fn of(d: &Decision) -> SkillOffer {
        match d.skill.level {
            Some(l) => SkillOffer::Level(l),
            None if d.skill.evaluation => SkillOffer::Evaluation,
            None => SkillOffer::Nothing,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SkillOffer::Evaluation => "相应职业技能评价",
            SkillOffer::Level(l) => l.name(),
            SkillOffer::Nothing => "",
        }
    }
}
