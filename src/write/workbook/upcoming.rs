//! 即将符合: who reaches a title or a level by years within the horizon after the evaluation date
//! (`--horizon`, 12 months unless told), sorted by that date — what an enterprise plans training
//! and applications by.
//!
//! Who is listed — decided here, as a bureau analyst reads "qualifies next": a route's `next` (the
//! day the years of the rule for the level or title held are reached, always after the evaluation
//! date) falls on or before the window's last day, and it would give the person something new: not
//! a title or level already held, nor one the route already gives now (eligible, to verify, or
//! held). A `next` on the day after the evaluation date is in; one a day past the window's last day
//! is out; none is listed for a vetoed person (the evaluator sets no `next`).
//!
//! The rows arrive in input order, the list is by date: each line is kept on disk (postcard, in a
//! temporary file) with only its date and place in memory, and the sheet is written, sorted, when
//! the run is done — a million-row roster with a large share qualifying soon stays within its memory.

use super::cell::{self, Value};
use super::list::{Column, Heading, Kind, List};
use super::print::Heights;
use super::style::Formats;
use super::Sheets;
use crate::model::{Clause, Status};
use crate::normalize::{Field, HeldTitle};
use crate::pipeline::{Run, Screened};
use crate::policy::Policy;
use crate::read::header::Key;
use chrono::{Datelike, Months, NaiveDate};
use rust_xlsxwriter::{Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Arc;

/// The sheet's name.
pub const SHEET: &str = "即将符合";

/// The days after the evaluation date that 即将符合 looks at: from the day after `as_of` to the
/// same day `months` months later, both included (a month-end clamps: 08-31 + 6 months is 02-28).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub as_of: NaiveDate,
    pub last: NaiveDate,
    pub months: u32,
}

impl Window {
    pub fn new(as_of: NaiveDate, months: u32) -> Window {
        let last = as_of.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
        Window { as_of, last, months }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        date > self.as_of && date <= self.last
    }

    /// Every calendar month the window touches, `(year, month)`, in order.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let Some(mut day) = self.as_of.succ_opt() else { return out };
        while day <= self.last {
            out.push((day.year(), day.month()));
            match day.with_day(1).and_then(|d| d.checked_add_months(Months::new(1))) {
                Some(next) => day = next,
                None => break,
            }
        }
        out
    }
}

/// The route a line is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Route {
    /// 技能→职称.
    Title,
    /// 职称→技能.
    Skill,
}

impl Route {
    pub fn label(self) -> &'static str {
        match self {
            Route::Title => "技能→职称",
            Route::Skill => "职称→技能",
        }
    }
}

/// One route's next step that falls in the window and gives something new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Soon {
    pub route: Route,
    pub date: NaiveDate,
    pub to: &'static str,
    pub clause: Clause,
    pub years: u32,
}

/// The steps of one row that 即将符合 lists: at most one per route.
pub fn of(r: &Screened, policy: &Policy, window: &Window) -> impl Iterator<Item = Soon> {
    let (d, p) = (&r.decision, &r.person);
    let open = |s: Status| matches!(s, Status::Eligible | Status::NeedsReview | Status::AlreadyHeld);
    let title = d.title.next.filter(|n| window.contains(n.date)).filter(|n| {
        let held = match p.title {
            Field::Value(HeldTitle::Titled(t)) => policy.scope.skill_to_title.covers(t) && t.grade() >= n.to.grade(),
            _ => false,
        };
        let given = open(d.title.status) && d.title.best.is_some_and(|b| b.grade() >= n.to.grade());
        !held && !given
    });
    let skill = d.skill.next.filter(|n| window.contains(n.date)).filter(|n| {
        let held = p.skill_level.value().is_some_and(|h| h >= n.to);
        let given = open(d.skill.status) && d.skill.level.is_some_and(|l| l >= n.to);
        !held && !given
    });
    let title =
        title.map(|n| Soon { route: Route::Title, date: n.date, to: n.to.name(), clause: n.clause, years: n.years });
    let skill =
        skill.map(|n| Soon { route: Route::Skill, date: n.date, to: n.to.name(), clause: n.clause, years: n.years });
    title.into_iter().chain(skill)
}

/// A cell of a kept line, owned (the row it came from is gone when the sheet is written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Kept {
    Blank,
    Text(String),
    Date(NaiveDate),
    Month(NaiveDate),
}

impl Kept {
    fn of(value: Value) -> Kept {
        match value {
            Value::Blank => Kept::Blank,
            Value::Date(d) => Kept::Date(d),
            Value::Month(d) => Kept::Month(d),
            Value::Text(s) => Kept::Text(s.into_owned()),
            Value::Wrapped(s) => Kept::Text(s),
            Value::Number(n) => Kept::Text(n.to_string()),
            Value::Bool(b) => Kept::Text(crate::write::text::yes_no(Some(b)).to_string()),
            Value::Status(s) => Kept::Text(s.label().to_string()),
        }
    }

    fn value(&self) -> Value<'_> {
        match self {
            Kept::Blank => Value::Blank,
            Kept::Text(s) => Value::text(s.as_str()),
            Kept::Date(d) => Value::Date(*d),
            Kept::Month(d) => Value::Month(*d),
        }
    }
}

/// One line of 即将符合, as kept until the sheet is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    date: NaiveDate,
    route: Route,
    to: String,
    clause: String,
    years: u32,
    /// The route's conclusion on the evaluation date, as [`Status::ALL`] places it.
    status: u8,
    name: String,
    id: Kept,
    employer: String,
    department: Kept,
    /// The level (route 三) or title (route 四) held, and its date, as the roster writes them.
    held: Kept,
    held_date: Kept,
    source: u32,
    row: u32,
}

impl Line {
    fn new(run: &Run, r: &Screened, soon: &Soon) -> Line {
        let (held, held_date, status) = match soon.route {
            Route::Title => (
                cell::raw(run, r, Key::SkillLevel),
                cell::date(run, r, Key::SkillDate, r.person.skill_date),
                r.decision.title.status,
            ),
            Route::Skill => (
                cell::raw(run, r, Key::Title),
                cell::date(run, r, Key::TitleDate, r.person.title_date),
                r.decision.skill.status,
            ),
        };
        Line {
            date: soon.date,
            route: soon.route,
            to: soon.to.to_string(),
            clause: soon.clause.name().to_string(),
            years: soon.years,
            status: u8::try_from(Status::ALL.iter().position(|s| *s == status).unwrap_or(0)).unwrap_or(0),
            name: r.person.name.to_string(),
            id: Kept::of(cell::id(run, r)),
            employer: r.person.employer.as_deref().unwrap_or_default().to_string(),
            department: Kept::of(cell::raw(run, r, Key::Department)),
            held: Kept::of(held),
            held_date: Kept::of(held_date),
            source: u32::try_from(r.source).unwrap_or(u32::MAX),
            row: r.row,
        }
    }

    /// What the date means and what is still asked then.
    fn about(&self, policy: &Policy) -> String {
        let since = match self.route {
            Route::Title => "取得现有技能等级",
            Route::Skill => "取得现有职称后从事本职业",
        };
        let mut s = format!("{since}满{}年之日，届时可按{}申报{}", self.years, self.clause, self.to);
        if self.route == Route::Title {
            let basic = &policy.appraisal;
            s.push_str(&format!("；届时仍须符合基本条件（近{}年年度考核合格等，{}）", basic.years, basic.clause));
        }
        s
    }
}

const COLUMNS: &[Column<Line>] = &[
    Column { header: "满足日期", width: 12.0, value: |_, l| Value::Date(l.date), kind: Kind::Date },
    Column { header: "路径", width: 11.0, value: |_, l| Value::text(l.route.label()), kind: Kind::Plain },
    Column { header: "届时可申报", width: 14.0, value: |_, l| Value::text(l.to.as_str()), kind: Kind::Plain },
    Column { header: "依据条款", width: 10.0, value: |_, l| Value::text(l.clause.as_str()), kind: Kind::Plain },
    Column { header: "姓名", width: 10.0, value: |_, l| Value::text(l.name.as_str()), kind: Kind::Plain },
    Column { header: "身份证号", width: 21.0, value: |_, l| l.id.value(), kind: Kind::Plain },
    Column { header: "单位", width: 26.0, value: |_, l| Value::text(l.employer.as_str()), kind: Kind::Plain },
    Column { header: "部门", width: 14.0, value: |_, l| l.department.value(), kind: Kind::Plain },
    Column { header: "现有等级或职称", width: 14.0, value: |_, l| l.held.value(), kind: Kind::Plain },
    Column { header: "取得时间", width: 12.0, value: |_, l| l.held_date.value(), kind: Kind::Date },
    Column {
        header: "该路径现结论",
        width: 10.0,
        value: |_, l| Value::Status(Status::ALL[usize::from(l.status).min(Status::ALL.len() - 1)]),
        kind: Kind::Status,
    },
    Column {
        header: "说明",
        width: 48.0,
        value: |run, l| Value::wrapped(l.about(run.config.policy)),
        kind: Kind::Wrapped,
    },
    Column {
        header: "来源文件",
        width: 24.0,
        value: |run, l| Value::text(run.files[run.sources[l.source as usize].file].display.as_str()),
        kind: Kind::Plain,
    },
    Column {
        header: "来源工作表",
        width: 12.0,
        value: |run, l| Value::text(run.sources[l.source as usize].sheet.as_str()),
        kind: Kind::Plain,
    },
    Column { header: "来源行号", width: 9.0, value: |_, l| Value::Number(f64::from(l.row)), kind: Kind::Plain },
];

/// The lines of 即将符合 as they come, kept on disk until [`Upcoming::finish`] writes them sorted.
pub struct Upcoming {
    window: Window,
    file: BufWriter<std::fs::File>,
    /// Per line: its date, its place in input order, and where its bytes are.
    index: Vec<(NaiveDate, u32, u64, u32)>,
    offset: u64,
    bytes: Vec<u8>,
}

fn postcard_error(e: postcard::Error) -> io::Error {
    io::Error::other(e)
}

impl Upcoming {
    /// Lines kept in a temporary file in `dir` (the system's temporary folder when `None`).
    pub fn new(window: Window, dir: Option<&std::path::Path>) -> io::Result<Upcoming> {
        let file = match dir {
            Some(dir) => tempfile::tempfile_in(dir)?,
            None => tempfile::tempfile()?,
        };
        Ok(Upcoming { window, file: BufWriter::new(file), index: Vec::new(), offset: 0, bytes: Vec::new() })
    }

    /// Keeps the line of `soon`, a step of row `r`.
    pub fn take(&mut self, run: &Run, r: &Screened, soon: &Soon) -> io::Result<()> {
        let line = Line::new(run, r, soon);
        self.bytes.clear();
        let bytes = postcard::to_extend(&line, std::mem::take(&mut self.bytes)).map_err(postcard_error)?;
        self.file.write_all(&bytes)?;
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        let seq = u32::try_from(self.index.len()).unwrap_or(u32::MAX);
        self.index.push((line.date, seq, self.offset, len));
        self.offset += u64::from(len);
        self.bytes = bytes;
        Ok(())
    }

    /// Writes the sheet, by date and then input order; returns its pages.
    pub fn finish(
        self,
        run: &Run,
        sheets: Arc<Sheets>,
        max_rows: u32,
        heights: Heights,
        f: &Formats,
    ) -> Result<Vec<Worksheet>, XlsxError> {
        let Upcoming { window, file, mut index, .. } = self;
        let io = |e: io::Error| XlsxError::IoError(e);
        let mut file = file.into_inner().map_err(|e| io(e.into_error()))?;
        index.sort_unstable();
        let about = format!(
            "评价日期后{}个月内（{}至{}）满足年限、届时可申报的人员，按日期排列；届时须仍符合其他条件",
            window.months,
            crate::normalize::date::iso(window.as_of.succ_opt().unwrap_or(window.as_of)),
            crate::normalize::date::iso(window.last)
        );
        let heading = Heading { name: SHEET.to_string(), about };
        let mut list: List<Line> = List::new(sheets, heading, COLUMNS, max_rows, heights);
        let mut bytes = Vec::new();
        for (_, _, offset, len) in index {
            bytes.resize(len as usize, 0);
            file.seek(SeekFrom::Start(offset)).map_err(io)?;
            file.read_exact(&mut bytes).map_err(io)?;
            let line: Line = postcard::from_bytes(&bytes).map_err(|e| io(postcard_error(e)))?;
            list.line(run, &line, f)?;
        }
        list.finish(run, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_window_runs_from_the_day_after_the_evaluation_to_its_last_day_included() {
        let w = Window::new(day(2025, 12, 31), 12);
        assert_eq!(w.last, day(2026, 12, 31));
        for (date, inside) in [
            (day(2025, 12, 31), false),
            (day(2026, 1, 1), true),
            (day(2026, 12, 31), true),
            (day(2027, 1, 1), false),
            (day(2024, 5, 1), false),
        ] {
            assert_eq!(w.contains(date), inside, "{date}");
        }
        assert_eq!(w.months().len(), 12);
        assert_eq!(w.months()[0], (2026, 1));
        // Mid-month: thirteen calendar months are touched; a month end clamps.
        let w = Window::new(day(2025, 6, 15), 12);
        assert_eq!((w.months().len(), w.months()[0], w.months()[12]), (13, (2025, 6), (2026, 6)));
        assert_eq!(Window::new(day(2025, 8, 31), 6).last, day(2026, 2, 28));
    }

    #[test]
    fn a_kept_line_comes_back_as_it_went() {
        let line = Line {
            date: day(2026, 5, 20),
            route: Route::Title,
            to: "工程师".into(),
            clause: "三（二）2".into(),
            years: 3,
            status: 2,
            name: "张三".into(),
            id: Kept::Text("210302199001011234".into()),
            employer: "鞍钢".into(),
            department: Kept::Blank,
            held: Kept::Text("技师".into()),
            held_date: Kept::Month(day(2023, 5, 1)),
            source: 1,
            row: 7,
        };
        let bytes = postcard::to_allocvec(&line).unwrap();
        assert_eq!(postcard::from_bytes::<Line>(&bytes).unwrap(), line);
    }
}
