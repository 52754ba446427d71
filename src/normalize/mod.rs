//! Normalizing one roster row into a [`Person`]: the credentials, dates, appraisals and honours the
//! rules read, each either a value, blank, absent (no such column) or invalid — and for every cell
//! that could not be read, an [`Issue`] naming the column and the raw value.

pub mod appraisal;
pub mod award;
pub mod credential;
pub mod date;
pub mod id_number;
mod integrity;
pub mod text;

#[cfg(test)]
mod fuzz;

pub use crate::model::Post;
use crate::model::{Education, SkillLevel, Title};
use crate::policy::Policy;
use crate::read::header::{self, Key, Layout};
use crate::read::{Cell, RawRow};
use appraisal::Appraisal;
use award::{AwardReading, Honour};
use chrono::NaiveDate;
use credential::{LevelReading, SeriesReading, TitleReading};
use date::{DateSpan, Precision};
use integrity::integrity;
use serde::Serialize;
use std::borrow::Cow;
use text::{fold, is_none_word};

/// A fact read from the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<T> {
    /// The roster has no such column.
    Absent,
    /// The column exists; the cell is empty or says "none".
    Blank,
    Value(T),
    /// The cell holds something that could not be read (an issue was recorded).
    Invalid,
}

impl<T: Copy> Field<T> {
    pub fn value(&self) -> Option<T> {
        match self {
            Field::Value(v) => Some(*v),
            _ => None,
        }
    }
}

/// A declared fact's value ([`crate::policy::rules::FactKind`]).
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Yes(bool),
    Number(f64),
    Date(DateSpan),
    /// Folded.
    Text(String),
}

/// A title held: one of a series the policy names (which routes cover which series is the
/// policy's [`crate::policy::Route`]), or one of another series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldTitle {
    Titled(Title),
    OtherSeries,
    /// A grade written without its series (`中级` and no 职称系列): the title of that grade in the
    /// policy's first series if the series is that one, which is still to verify.
    SeriesUnknown(Title),
}

/// A data issue: never fatal, never silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub column: String,
    pub value: String,
    pub problem: Cow<'static, str>,
    /// What the user should do about it (workbook only).
    #[serde(skip)]
    pub action: &'static str,
    /// How much it matters (workbook and terminal only).
    #[serde(skip)]
    pub severity: Severity,
}

/// How much a data issue matters, as 数据问题 sorts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// 错误: the value cannot be used (a bad date or 身份证号, a duplicate, an error value).
    Error,
    /// 待核实: the value is read but vague or incomplete; it can change a route's result.
    Review,
    /// 提示: changes no decision (an honour the policy does not list, a cell too long for Excel).
    Note,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Review, Severity::Note];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Review => "待核实",
            Severity::Note => "提示",
        }
    }

    /// Whether it can touch a decision: what 汇总 counts.
    pub fn matters(self) -> bool {
        self != Severity::Note
    }
}

/// Everything the rules read about one person.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub id_number: Option<String>,
    pub employer: Option<String>,
    pub post: Field<Post>,
    pub skill_level: Field<SkillLevel>,
    pub skill_date: Field<DateSpan>,
    /// The dates of lower levels from history columns (`高级工取得时间`), each with the level its
    /// header names.
    pub history: [Option<(SkillLevel, Field<DateSpan>)>; HISTORY.len()],
    pub title: Field<HeldTitle>,
    pub title_date: Field<DateSpan>,
    pub tech_school: Field<Education>,
    pub major_related: Field<bool>,
    pub occupation_start: Field<DateSpan>,
    /// Whether the roster has any appraisal column.
    pub appraisal_columns: bool,
    pub appraisals: Vec<Appraisal>,
    pub honours: Vec<Honour>,
    /// Award texts that look like an honour of 三（四） but are not, with why.
    pub near_misses: Vec<(String, &'static str)>,
    /// `Value(true)`: a record of falsification or plagiarism (二（三）).
    pub integrity: Field<bool>,
    /// The facts the policy declares, in its order (empty for a policy that declares none).
    pub facts: Vec<Field<FactValue>>,
    /// The series the occupation belongs to, by the policy's occupation words.
    pub occupation_series: Option<u8>,
    pub issues: Vec<Issue>,
}

/// What normalizing needs besides the row.
pub struct Context<'a> {
    pub policy: &'a Policy,
    pub as_of: NaiveDate,
    /// The level each history column (`高级工取得时间`, `技师取得时间`) dates, as the policy reads
    /// the level its header names; `None` when the policy has no such level.
    history: [(Key, Option<SkillLevel>); HISTORY.len()],
    /// The column each declared fact is read from: its own, `Key::Fact(i)`, unless another
    /// policy's facts are read from the same rows ([`Context::facts_at`]).
    fact_columns: Vec<Key>,
}

impl<'a> Context<'a> {
    pub fn new(policy: &'a Policy, as_of: NaiveDate) -> Context<'a> {
        let history = HISTORY.map(|key| (key, history_level(key, policy)));
        let fact_columns = (0..policy.facts.len()).map(|i| Key::Fact(u8::try_from(i).unwrap_or(u8::MAX))).collect();
        Context { policy, as_of, history, fact_columns }
    }

    /// The same, its declared facts read from `columns` (one per fact, in the policy's order):
    /// under `compare`, the second policy's facts come after the first's, or share the column of
    /// a fact of the first with the same header ([`Policy::fact_columns_after`]).
    pub fn facts_at(mut self, columns: Vec<Key>) -> Context<'a> {
        self.fact_columns = columns;
        self
    }
}

/// The history columns: the date a lower level was obtained, for a person who now holds a higher one.
pub const HISTORY: [Key; 5] = [
    Key::SeniorWorkerDate,
    Key::TechnicianDate,
    Key::SeniorTechnicianDate,
    Key::PrincipalTechnicianDate,
    Key::ChiefTechnicianDate,
];

/// The level a history column (`高级工取得时间`) dates, as the policy reads the level its header
/// names; `None` when the policy has no such level (the column then dates nothing).
pub fn history_level(key: Key, policy: &Policy) -> Option<SkillLevel> {
    match credential::skill_level(key.label(), policy) {
        LevelReading::Level(l) => Some(l),
        _ => None,
    }
}

const FIX_CELL: &str = "核对原始材料后更正该单元格，再重新检查或筛选";
const CHECK_CERT: &str = "以证书和表彰文件为准核实";

struct Builder<'a> {
    row: &'a RawRow,
    layout: &'a Layout,
    issues: Vec<Issue>,
}

impl<'a> Builder<'a> {
    fn cell(&self, index: usize) -> &'a Cell {
        self.row.cells.get(index).unwrap_or(&Cell::Empty)
    }

    /// An issue that makes the value unusable ([`Severity::Error`]).
    fn issue(&mut self, column: &str, cell: &Cell, problem: impl Into<Cow<'static, str>>, action: &'static str) {
        self.issue_as(Severity::Error, column, cell, problem, action);
    }

    fn issue_as(
        &mut self,
        severity: Severity,
        column: &str,
        cell: &Cell,
        problem: impl Into<Cow<'static, str>>,
        action: &'static str,
    ) {
        self.issues.push(Issue {
            column: column.to_string(),
            value: cell.text().into_owned(),
            problem: problem.into(),
            action,
            severity,
        });
    }

    /// Reads the column of `key` with `parse`; an `Err` becomes an issue and `Invalid`.
    fn field<T, E: Into<Cow<'static, str>>>(
        &mut self,
        key: Key,
        parse: impl FnOnce(&Cell) -> Result<Option<T>, E>,
    ) -> Field<T> {
        self.field_as(Severity::Error, key, parse)
    }

    /// [`Builder::field`], its issues of `severity`.
    fn field_as<T, E: Into<Cow<'static, str>>>(
        &mut self,
        severity: Severity,
        key: Key,
        parse: impl FnOnce(&Cell) -> Result<Option<T>, E>,
    ) -> Field<T> {
        let Some(col) = self.layout.column(key) else {
            return Field::Absent;
        };
        let cell = self.cell(col.index);
        if let Cell::Error(e) = cell {
            let header = &col.header;
            self.issue_as(severity, header, cell, format!("单元格为错误值 {e}"), FIX_CELL);
            return Field::Invalid;
        }
        match parse(cell) {
            Ok(Some(v)) => Field::Value(v),
            Ok(None) => Field::Blank,
            Err(problem) => {
                let header = &col.header;
                self.issue_as(severity, header, cell, problem, FIX_CELL);
                Field::Invalid
            }
        }
    }

    /// A free-text field (姓名, 单位); an error value is an issue, not a name.
    fn text(&mut self, key: Key) -> Option<String> {
        self.read_text(key, str::to_string)
    }

    /// `read` applied to the trimmed text of a non-empty cell, without copying it.
    fn read_text<R>(&mut self, key: Key, read: impl FnOnce(&str) -> R) -> Option<R> {
        let col = self.layout.column(key)?;
        let cell = self.cell(col.index);
        if let Cell::Error(e) = cell {
            self.issue(&col.header, cell, format!("单元格为错误值 {e}"), FIX_CELL);
            return None;
        }
        let text = cell.text();
        let t = text.trim();
        (!t.is_empty()).then(|| read(t))
    }

    fn date(&mut self, key: Key, as_of: NaiveDate) -> Field<DateSpan> {
        // Most history columns are absent: settled by one lookup.
        let Some(col) = self.layout.column(key) else { return Field::Absent };
        let field = self.field(key, |c| date::parse_date(c).map_err(|p| p.message()));
        self.dated(field, &col.header, self.cell(col.index), as_of)
    }

    /// A date read from the cell `cell` of column `header`, checked against the evaluation date:
    /// a future date is refused, a vague one kept with an issue.
    fn dated(&mut self, field: Field<DateSpan>, header: &str, cell: &Cell, as_of: NaiveDate) -> Field<DateSpan> {
        let Field::Value(span) = field else {
            return field;
        };
        // (problem, action, what the date is worth): a future date is refused, a vague one kept.
        let (problem, action, result): (Cow<'static, str>, _, _) = if span.lo > as_of {
            (format!("日期晚于评价日期 {}", date::iso(as_of)).into(), FIX_CELL, Field::Invalid)
        } else {
            match span.precision {
                Precision::Year => {
                    ("日期只有年份，按当年1月1日至12月31日判断，结论不同时待核实".into(), "补充到月或日", field)
                }
                Precision::Ambiguous => {
                    ("数值单元格丢失末尾的0，可能是1月也可能是10月".into(), "改为文本格式的日期，如2019.10", field)
                }
                Precision::Day | Precision::Month => return field,
            }
        };
        // A refused date cannot be used; a vague one is kept and may leave a route to verify.
        let severity = if result == Field::Invalid { Severity::Error } else { Severity::Review };
        self.issue_as(severity, header, cell, problem, action);
        result
    }

    /// A level or title and its date from a combined column (`技师 2019.05`, `工程师/2017.12`),
    /// each only where the roster has no column of its own for it (`need`). A cell that cannot be
    /// split into both is an issue, and the part missing is unknown.
    fn combined<T>(
        &mut self,
        key: Key,
        need: (bool, bool),
        read: impl FnOnce(&str) -> Result<Option<T>, &'static str>,
        as_of: NaiveDate,
    ) -> (Field<T>, Field<DateSpan>) {
        let col = match self.layout.column(key) {
            Some(col) if need.0 || need.1 => col,
            _ => return (Field::Absent, Field::Absent),
        };
        let cell = self.cell(col.index);
        let header = col.header.as_str();
        if let Cell::Error(e) = cell {
            self.issue(header, cell, format!("单元格为错误值 {e}"), FIX_CELL);
            return (Field::Invalid, Field::Invalid);
        }
        if let Cell::Date(_) = cell {
            self.issue(header, cell, "该列应同时写明等级（职称）和取得时间，此处只有日期", FIX_CELL);
            return (Field::Invalid, Field::Invalid);
        }
        let text = cell.text();
        let (what, when) = credential::split_dated(&text);
        let what = match read(&what) {
            Ok(Some(v)) => Field::Value(v),
            Ok(None) if when.is_none() => return (Field::Blank, Field::Blank),
            Ok(None) => {
                if need.0 {
                    self.issue(header, cell, "只有取得时间，无法分出等级或职称", FIX_CELL);
                }
                Field::Invalid
            }
            Err(problem) => {
                if need.0 {
                    self.issue(header, cell, problem, FIX_CELL);
                }
                Field::Invalid
            }
        };
        let when = match when {
            None => {
                if need.1 && !matches!(what, Field::Invalid) {
                    self.issue(header, cell, "未写取得时间，无法分出日期", "在该列补写取得时间，如“技师 2019.05”");
                }
                Field::Invalid
            }
            Some(when) => {
                let parsed = date::parse_date(&Cell::Text(when.as_str().into()));
                let field = match parsed {
                    Ok(Some(span)) => Field::Value(span),
                    Ok(None) => Field::Blank,
                    Err(p) => {
                        if need.1 {
                            self.issue(header, cell, p.message(), FIX_CELL);
                        }
                        Field::Invalid
                    }
                };
                if need.1 {
                    self.dated(field, header, cell, as_of)
                } else {
                    field
                }
            }
        };
        (if need.0 { what } else { Field::Absent }, if need.1 { when } else { Field::Absent })
    }
}

/// A column of either credential (`职称/技能等级`): each cell is the level or the title it reads
/// as, and the other is blank.
fn either(b: &mut Builder, policy: &Policy) -> (Field<SkillLevel>, Field<TitleReading>) {
    enum Either {
        Level(SkillLevel),
        Title(TitleReading),
    }
    let read = b.field(Key::TitleOrLevel, |c| {
        let text = c.text();
        if let Ok(level) = read_level(&text, policy) {
            return Ok(level.map(Either::Level));
        }
        match credential::title(&text, &policy.titles) {
            TitleReading::None => Ok(None),
            TitleReading::Unrecognised => Err("无法识别的职称或技能等级"),
            TitleReading::NotHeld(why) => Err(why),
            t => Ok(Some(Either::Title(t))),
        }
    });
    match read {
        Field::Value(Either::Level(l)) => (Field::Value(l), Field::Blank),
        Field::Value(Either::Title(t)) => (Field::Blank, Field::Value(t)),
        Field::Absent => (Field::Absent, Field::Absent),
        Field::Blank => (Field::Blank, Field::Blank),
        Field::Invalid => (Field::Invalid, Field::Invalid),
    }
}

fn read_level(c: &str, policy: &Policy) -> Result<Option<SkillLevel>, &'static str> {
    match credential::skill_level(c, policy) {
        LevelReading::None => Ok(None),
        LevelReading::Level(l) => Ok(Some(l)),
        LevelReading::Unrecognised => Err("无法识别的技能等级"),
        LevelReading::NotHeld(why) => Err(why),
    }
}

/// A 职称 cell, before its series is known.
fn read_title(c: &str, policy: &Policy) -> Result<Option<TitleReading>, &'static str> {
    match credential::title(c, &policy.titles) {
        TitleReading::None => Ok(None),
        TitleReading::Unrecognised => Err("无法识别的职称"),
        TitleReading::NotHeld(why) => Err(why),
        reading => Ok(Some(reading)),
    }
}

/// Reads one data row.
pub fn person(row: &RawRow, layout: &Layout, ctx: &Context) -> Person {
    let mut b = Builder { row, layout, issues: Vec::new() };
    let (as_of, policy) = (ctx.as_of, ctx.policy);

    let name = b.text(Key::Name).unwrap_or_default();
    // An error value was reported by `text` already; only a truly empty cell is "姓名为空".
    if name.is_empty() {
        if let Some(col) = layout.column(Key::Name).filter(|c| b.cell(c.index).is_empty()) {
            let header = &col.header;
            b.issue(header, &Cell::Empty, "姓名为空", "补充姓名");
        }
    }
    let id_number = id(&mut b);
    let employer = b.text(Key::Employer);

    let post = b.field(Key::PostType, |c| {
        let text = c.text();
        let s = fold(&text);
        if is_none_word(&s) {
            return Ok(None);
        }
        post_type(&s).map(Some).ok_or("无法识别的岗位类别（应为技能岗位、专业技术岗位或管理岗位）")
    });
    let need = |what: Key, when: Key| (!layout.has(what), !layout.has(when));
    let (combined_level, combined_skill_date) =
        b.combined(Key::SkillLevelAndDate, need(Key::SkillLevel, Key::SkillDate), |c| read_level(c, policy), as_of);
    let (combined_title, combined_title_date) =
        b.combined(Key::TitleAndDate, need(Key::Title, Key::TitleDate), |c| read_title(c, policy), as_of);
    let skill_level = match combined_level {
        Field::Absent => b.field(Key::SkillLevel, |c| read_level(&c.text(), policy)),
        combined => combined,
    };
    let title = match combined_title {
        Field::Absent => b.field(Key::Title, |c| read_title(&c.text(), policy)),
        combined => combined,
    };
    let (skill_level, title) = match (skill_level, title) {
        (Field::Absent, Field::Absent) => either(&mut b, policy),
        read => read,
    };
    let title = held_title(&mut b, title, policy);
    let skill_date = match combined_skill_date {
        Field::Absent => b.date(Key::SkillDate, as_of),
        combined => combined,
    };
    let history =
        ctx.history.map(|(key, level)| Some((level?, b.date(key, as_of))).filter(|(_, d)| *d != Field::Absent));
    let title_date = match combined_title_date {
        Field::Absent => b.date(Key::TitleDate, as_of),
        combined => combined,
    };
    // The date beside a column of either credential is the date of the one the cell holds.
    let (skill_date, title_date) = match b.date(Key::TitleOrLevelDate, as_of) {
        Field::Absent => (skill_date, title_date),
        date if matches!(skill_level, Field::Value(_)) && skill_date == Field::Absent => (date, title_date),
        date if title_date == Field::Absent => (skill_date, date),
        _ => (skill_date, title_date),
    };
    let occupation_start = b.date(Key::OccupationStart, as_of);

    let school_class = |s: &str| policy.tech_school.iter().find(|r| r.class.iter().any(|w| s.contains(w)));
    let mut tech_school = b.field(Key::TechSchoolClass, |c| {
        let text = c.text();
        let s = fold(&text);
        if is_none_word(&s) {
            return Ok(None);
        }
        school_class(&s)
            .map(|r| Some(r.counts_as))
            .ok_or_else(|| format!("无法识别的技工院校班级类型（应为{}）", school_classes(policy)))
    });
    // Without a class column, a 学历 cell such as `技工院校高级工班` says the same.
    if matches!(tech_school, Field::Absent | Field::Blank) {
        if let Some(rule) = b.read_text(Key::Education, |e| school_class(&fold(e))).flatten() {
            tech_school = Field::Value(rule.counts_as);
        }
    }
    let major_related = b.field(Key::MajorRelated, |c| yes_no(&fold(&c.text())));
    // An integrity cell that says neither is not an error to fix but a fact to check: the routes
    // it would close wait for it.
    let header = layout.column(Key::Integrity).map_or("", |c| c.header.as_str());
    let integrity = b.field_as(Severity::Review, Key::Integrity, |c| {
        let text = c.text();
        let s = fold(&text);
        if s.is_empty() {
            return Ok(None);
        }
        integrity(&s)
            .or_else(|| integrity::answered(&s, header))
            .map(Some)
            .ok_or_else(|| format!("诚信情况无法判断有无弄虚作假记录，相关路径待核实（{}）", policy.veto))
    });

    let facts = facts(&mut b, policy, &ctx.fact_columns, as_of);
    // Only a policy whose series name occupations asks which series the occupation is of.
    let occupation_series = if policy.titles.series.iter().any(|s| !s.occupations.is_empty()) {
        b.read_text(Key::Occupation, |o| {
            let o = fold(o);
            policy.titles.series.iter().position(|s| s.occupations.iter().any(|w| o.contains(w)))
        })
        .flatten()
        .and_then(|i| u8::try_from(i).ok())
    } else {
        None
    };

    too_long(&mut b);
    let (appraisals, appraisal_columns) = appraisals(&mut b, ctx);
    let (honours, near_misses) = honours(&mut b, ctx);

    Person {
        name,
        id_number,
        employer,
        post,
        skill_level,
        skill_date,
        history,
        title,
        title_date,
        tech_school,
        major_related,
        occupation_start,
        appraisal_columns,
        appraisals,
        honours,
        near_misses,
        integrity,
        facts,
        occupation_series,
        issues: b.issues,
    }
}

/// A yes/no cell: `是`, `否` and the words rosters use for them (`对口`, `√`, `N` …).
fn yes_no(s: &str) -> Result<Option<bool>, &'static str> {
    match s {
        "" => Ok(None),
        "是" | "对口" | "相关" | "一致" | "有" | "已聘" | "Y" | "y" | "yes" | "TRUE" | "true" | "√" => {
            Ok(Some(true))
        }
        "否" | "不对口" | "不相关" | "不一致" | "无" | "未聘" | "N" | "n" | "no" | "FALSE" | "false" | "×" => {
            Ok(Some(false))
        }
        _ => Err("应为“是”或“否”"),
    }
}

/// The facts the policy declares ([`crate::policy::rules::FactDef`]), each read by its kind.
fn facts(b: &mut Builder, policy: &Policy, columns: &[Key], as_of: NaiveDate) -> Vec<Field<FactValue>> {
    use crate::policy::rules::FactKind;
    let mut out = Vec::with_capacity(policy.facts.len());
    for (f, &key) in policy.facts.iter().zip(columns) {
        let field = match f.kind {
            FactKind::YesNo => b.field(key, |c| yes_no(&fold(&c.text())).map(|v| v.map(FactValue::Yes))),
            FactKind::Number => b.field(key, |c| number(c).map(|v| v.map(FactValue::Number))),
            FactKind::Text => b.field(key, |c| {
                let text = fold(&c.text()).into_owned();
                Ok::<_, &'static str>((!is_none_word(&text)).then_some(FactValue::Text(text)))
            }),
            FactKind::Date => match b.date(key, as_of) {
                Field::Value(d) => Field::Value(FactValue::Date(d)),
                Field::Absent => Field::Absent,
                Field::Blank => Field::Blank,
                Field::Invalid => Field::Invalid,
            },
        };
        out.push(field);
    }
    out
}

/// A number cell: a number, or text such as `96`, `96学时`, `96.5小时`.
fn number(c: &Cell) -> Result<Option<f64>, &'static str> {
    match c {
        Cell::Number(n) => Ok(Some(*n)),
        _ => {
            let text = fold(&c.text()).into_owned();
            if is_none_word(&text) {
                return Ok(None);
            }
            let digits = text.trim_end_matches(|ch: char| !ch.is_ascii_digit());
            digits.parse::<f64>().map(Some).map_err(|_| "应为数字")
        }
    }
}

/// The class words of the policy's 技工院校 rules, as a list a person reads (`中级工班、高级工班或技师班`).
fn school_classes(policy: &Policy) -> String {
    let words: Vec<&str> = policy.tech_school.iter().flat_map(|r| r.class.iter().copied()).collect();
    match words.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{}或{last}", rest.join("、")),
        None => String::new(),
    }
}

/// Excel's characters per cell, in UTF-16 units as Excel counts them.
const EXCEL_MAX_CHARS: usize = 32_767;

/// A cell longer than Excel holds is written cut in the workbook (`write::workbook::style::clip`):
/// said once per cell, with its start.
fn too_long(b: &mut Builder) {
    for (i, cell) in b.row.cells.iter().enumerate() {
        // A text of fewer bytes than the limit has fewer UTF-16 units too: most cells stop here.
        let Cell::Text(s) = cell else { continue };
        if s.len() <= EXCEL_MAX_CHARS || s.encode_utf16().count() <= EXCEL_MAX_CHARS {
            continue;
        }
        // Named as every other issue names its column: by its header, or its letter when it has none.
        let column = match b.layout.columns.get(i) {
            Some(c) if !c.header.is_empty() => c.header.clone(),
            _ => header::column_letters(i),
        };
        let start: String = s.chars().take(30).collect();
        b.issues.push(Issue {
            column,
            value: format!("{start}…"),
            problem: format!(
                "单元格超过 Excel 的{EXCEL_MAX_CHARS}个字符，工作簿中只写入前{EXCEL_MAX_CHARS}个（JSONL 不受影响）"
            )
            .into(),
            action: "如需完整内容，请查看原表",
            severity: Severity::Note,
        });
    }
}

/// A 身份证号 cell as compared and reported: folded (full-width digits, spaces) and upper-case.
pub fn id_text(cell: &Cell) -> String {
    fold(&cell.text()).to_ascii_uppercase()
}

fn id(b: &mut Builder) -> Option<String> {
    let col = b.layout.column(Key::IdNumber)?;
    let cell = b.cell(col.index);
    let header = &col.header;
    let id = id_text(cell);
    if id.is_empty() {
        return None;
    }
    if let Cell::Number(n) = cell {
        if *n >= 1e15 {
            b.issue(header, cell, "身份证号以数值存储，超过15位的数字已丢失精度", "将该列设为文本格式后重新录入");
            return Some(id);
        }
    }
    // A CSV saved from a sheet that showed the number as Excel does (`2.10303E+17`): the digits
    // past the sixth are gone from the file itself.
    if id_number::is_scientific(&id) {
        b.issue(
            header,
            cell,
            "身份证号是科学计数法（Excel 把它当成了数字），后面的位数已丢失",
            "在原表中将该列设为文本格式并重新录入后再导出",
        );
        return Some(id);
    }
    if let Some(problem) = id_number::problem(&id) {
        b.issue(header, cell, problem, "核对身份证原件");
    }
    Some(id)
}

fn post_type(s: &str) -> Option<Post> {
    const WORDS: &[(&str, Post)] = &[
        ("管理", Post::Management),
        ("行政", Post::Management),
        ("专业技术", Post::Professional),
        ("专技", Post::Professional),
        ("技术岗", Post::Professional),
        ("技能", Post::Skill),
        ("生产", Post::Skill),
        ("操作", Post::Skill),
        ("工勤", Post::Skill),
        ("一线", Post::Skill),
        ("工人", Post::Skill),
    ];
    WORDS.iter().find(|(w, _)| s.contains(w)).map(|(_, p)| *p)
}

/// The title held, from the 职称 cell and, where the roster has one, the 职称系列 column: a grade
/// alone (`中级`) is a title of one of the policy's series only when the series column says which.
fn held_title(b: &mut Builder, title: Field<TitleReading>, policy: &Policy) -> Field<HeldTitle> {
    let titles = &policy.titles;
    let series = b.field(Key::TitleSeries, |c| credential::series(&c.text(), titles));
    let noted = |b: &mut Builder, severity: Severity, problem: Cow<'static, str>| {
        if let Some(col) = b.layout.column(Key::Title).or_else(|| b.layout.column(Key::TitleAndDate)) {
            let cell = b.cell(col.index);
            b.issue_as(severity, &col.header, cell, problem, "在职称列写明完整的职称名称，或在职称系列列写明系列");
        }
    };
    let problem = |b: &mut Builder, problem: Cow<'static, str>| {
        noted(b, Severity::Error, problem);
        Field::Invalid
    };
    let unknown_series =
        |g: u8| titles.first_of_grade(g).map_or(Field::Invalid, |t| Field::Value(HeldTitle::SeriesUnknown(t)));
    match (title, series) {
        (Field::Value(TitleReading::Grade(g)), Field::Value(SeriesReading::Listed(s))) => match titles.of_grade(s, g) {
            Some(t) => Field::Value(HeldTitle::Titled(t)),
            None => {
                let what =
                    format!("{}系列没有{}职称", titles.series[usize::from(s)].name, titles.grades[usize::from(g)]);
                problem(b, what.into())
            }
        },
        (
            Field::Value(TitleReading::Grade(_) | TitleReading::AmbiguousGrade(_)),
            Field::Value(SeriesReading::Other),
        ) => Field::Value(HeldTitle::OtherSeries),
        (Field::Value(TitleReading::Grade(g)), Field::Invalid) => unknown_series(g),
        (Field::Value(TitleReading::AmbiguousGrade(_)), Field::Invalid) => Field::Invalid,
        (Field::Value(TitleReading::Grade(g)), _) => {
            let names: Vec<&str> = titles.series.iter().map(|s| s.name).collect();
            let what = format!("职称只写了级别，未写明职称系列，无法判断是否为{}系列职称", names.join("或"));
            noted(b, Severity::Review, what.into());
            unknown_series(g)
        }
        (Field::Value(TitleReading::AmbiguousGrade(i)), _) => {
            let (word, grades) = &titles.ambiguous[i];
            let parts: Vec<String> = grades
                .iter()
                .map(|&g| {
                    let name = titles.grades[usize::from(g)];
                    titles.first_of_grade(g).map_or(name.to_string(), |t| format!("{name}（{t}）"))
                })
                .collect();
            problem(b, format!("“{word}”职称分{}，未写明是哪一级", parts.join("和")).into())
        }
        (Field::Value(TitleReading::Titled(t)), Field::Value(SeriesReading::Listed(s))) if t.series() != s => {
            problem(b, "职称与职称系列不一致".into())
        }
        (Field::Value(TitleReading::Titled(_)), Field::Value(SeriesReading::Other))
        | (Field::Value(TitleReading::OtherSeries), Field::Value(SeriesReading::Listed(_))) => {
            problem(b, "职称与职称系列不一致".into())
        }
        (Field::Value(TitleReading::Titled(t)), _) => Field::Value(HeldTitle::Titled(t)),
        (Field::Value(_), _) => Field::Value(HeldTitle::OtherSeries),
        (Field::Absent, _) => Field::Absent,
        (Field::Blank, _) => Field::Blank,
        (Field::Invalid, _) => Field::Invalid,
    }
}

fn appraisals(b: &mut Builder, ctx: &Context) -> (Vec<Appraisal>, bool) {
    let mut out = Vec::new();
    let mut any = false;
    for col in &b.layout.columns {
        let year = match col.key {
            Some(Key::Appraisal) => None,
            Some(Key::AppraisalYear(y)) => Some(y),
            _ => continue,
        };
        any = true;
        let cell = b.cell(col.index);
        let (mut found, unknown) = appraisal::parse(&cell.text(), year, &ctx.policy.appraisal);
        if unknown || matches!(cell, Cell::Error(_)) {
            let header = &col.header;
            b.issue(header, cell, "无法识别的考核结果（应为优秀、良好、合格、称职、基本合格、不合格等）", FIX_CELL);
        }
        if let Some(late) = found.iter().find(|a| a.year.is_some_and(|y| y > ctx.as_of.year_ce().1 as i32)) {
            let header = &col.header;
            let problem = format!("{}年的考核晚于评价日期所在年份，不计入", late.year.unwrap_or_default());
            b.issue_as(Severity::Note, header, cell, problem, FIX_CELL);
        }
        if out.is_empty() {
            out = found;
        } else {
            out.append(&mut found);
        }
    }
    (out, any)
}

fn honours(b: &mut Builder, ctx: &Context) -> (Vec<Honour>, Vec<(String, &'static str)>) {
    let mut honours = Vec::new();
    let mut near = Vec::new();
    for col in &b.layout.columns {
        if !matches!(col.key, Some(Key::Awards | Key::Competitions | Key::MasterStudio)) {
            continue;
        }
        let cell = b.cell(col.index);
        for reading in award::parse(&cell.text(), ctx.policy, &ctx.policy.lexicon, col.key == Some(Key::MasterStudio)) {
            match reading {
                AwardReading::Honour(h) => {
                    if let Some(point) = h.open_point {
                        let header = &col.header;
                        b.issues.push(Issue {
                            column: header.clone(),
                            value: h.text.clone(),
                            problem: point.into(),
                            action: CHECK_CERT,
                            severity: Severity::Review,
                        });
                    }
                    honours.push(h);
                }
                AwardReading::NearMiss { text, why } => {
                    let header = &col.header;
                    b.issues.push(Issue {
                        column: header.clone(),
                        value: text.clone(),
                        problem: format!("不作为破格依据：{why}").into(),
                        action: "无需处理；如证书另有所列荣誉请补充",
                        severity: Severity::Note,
                    });
                    near.push((text, why));
                }
                AwardReading::Unrecognised { text, why } => {
                    let header = &col.header;
                    b.issues.push(Issue {
                        column: header.clone(),
                        value: text,
                        problem: format!("未识别的荣誉或奖项：{why}").into(),
                        action: ctx.policy.exceptional.wording.write_as_named,
                        severity: Severity::Note,
                    });
                }
            }
        }
    }
    (honours, near)
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::anshan::{level, title};
    use crate::policy::Policy;
    use crate::read::header::{locate, Key};
    use crate::read::RawSheet;

    fn one(headers: &[&str], values: Vec<Cell>) -> Person {
        let sheet = RawSheet {
            sheet: "s".into(),
            merged: Vec::new(),
            rows: vec![
                RawRow { number: 1, cells: headers.iter().map(|h| Cell::Text((*h).into())).collect() },
                RawRow { number: 2, cells: values },
            ],
        };
        let layout = locate(&sheet, &[]).unwrap();
        let ctx = Context::new(Policy::embedded(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        person(&sheet.rows[1], &layout, &ctx)
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn bad_cells_become_issues_not_errors() {
        let p = one(
            &["姓名", "身份证号", "技能等级", "技能等级取得时间", "职称"],
            vec![t("张三"), t("210302198507120018"), t("五星工匠"), t("2019-13-45"), Cell::Error("#N/A".into())],
        );
        assert_eq!(p.skill_level, Field::Invalid);
        assert_eq!(p.skill_date, Field::Invalid);
        assert_eq!(p.title, Field::Invalid);
        let problems: Vec<&str> = p.issues.iter().map(|i| &*i.problem).collect();
        assert_eq!(
            problems,
            ["身份证号校验码错误（GB 11643）", "无法识别的技能等级", "单元格为错误值 #N/A", "不存在的日期"]
        );
        assert_eq!(p.issues[3].column, "技能等级取得时间");
        assert_eq!(p.issues[3].value, "2019-13-45");
    }

    #[test]
    fn id_stored_as_number_loses_digits() {
        let p = one(&["姓名", "身份证号", "技能等级"], vec![t("李四"), Cell::Number(210302198507120015.0), t("技师")]);
        assert!(p.issues[0].problem.contains("精度"), "{:?}", p.issues);
    }

    #[test]
    fn future_and_year_only_dates_are_issues() {
        let p = one(&["姓名", "技能等级", "取得时间"], vec![t("王五"), t("技师"), t("2026-03-01")]);
        assert_eq!(p.skill_date, Field::Invalid);
        assert!(p.issues[0].problem.contains("晚于评价日期"));
        let p = one(&["姓名", "技能等级", "取得时间"], vec![t("王五"), t("技师"), t("2022年")]);
        assert!(matches!(p.skill_date, Field::Value(DateSpan { precision: Precision::Year, .. })));
        assert!(p.issues[0].problem.contains("只有年份"));
    }

    #[test]
    fn an_error_value_in_the_name_is_one_issue() {
        let p = one(&["姓名", "技能等级", "职称"], vec![Cell::Error("#N/A".into()), t("技师"), t("")]);
        let problems: Vec<&str> = p.issues.iter().map(|i| &*i.problem).collect();
        assert_eq!(problems, ["单元格为错误值 #N/A"]);
        let p = one(&["姓名", "技能等级", "职称"], vec![Cell::Empty, t("技师"), t("")]);
        assert_eq!(p.issues[0].problem, "姓名为空");
    }

    #[test]
    fn post_types() {
        for post in Post::ALL {
            assert_eq!(post_type(post.name()), Some(post), "{}", post.name());
        }
        assert_eq!(post_type("生产一线"), Some(Post::Skill));
        assert_eq!(post_type("行政管理"), Some(Post::Management));
        assert_eq!(post_type("后勤"), None);
    }

    #[test]
    fn integrity_words() {
        let cases = [
            ("无", Field::Value(false)),
            ("良好", Field::Value(false)),
            ("2021年伪造业绩材料", Field::Value(true)),
            ("无弄虚作假行为", Field::Value(false)),
            ("未发现弄虚作假", Field::Value(false)),
            ("无不良诚信记录。", Field::Value(false)),
            ("不存在", Field::Value(false)),
            ("N", Field::Value(false)),
            ("无。", Field::Value(false)),
            ("经核查无伪造、剽窃行为", Field::Value(false)),
            ("未如实填报工作经历", Field::Value(true)),
            ("非法伪造学历证书", Field::Value(true)),
            ("", Field::Blank),
        ];
        for (text, expected) in cases {
            let p = one(&["姓名", "技能等级", "诚信情况"], vec![t("赵六"), t("技师"), t(text)]);
            assert_eq!(p.integrity, expected, "{text}");
            assert!(p.issues.is_empty());
        }
        let p = one(&["姓名", "技能等级", "诚信情况"], vec![t("赵六"), t("技师"), t("2021年伪造业绩材料")]);
        assert!(p.issues.is_empty());
        // Neither clean nor a record: unknown, one issue, never a veto (RULES.md 二（三）).
        let unknowns =
            [t("有"), t("是"), t("待查"), t("见附件"), t("详见档案"), t("涉嫌伪造学历"), Cell::Error("#N/A".into())];
        for unknown in unknowns {
            let p = one(&["姓名", "技能等级", "诚信情况"], vec![t("赵六"), t("技师"), unknown.clone()]);
            assert_eq!(p.integrity, Field::Invalid, "{unknown:?}");
            assert_eq!(p.issues.len(), 1, "{unknown:?}");
            assert_eq!(p.issues[0].severity, Severity::Review, "a fact to check, not a value to fix: {unknown:?}");
        }
    }

    #[test]
    fn combined_columns_give_the_level_or_title_and_its_date() {
        let headers = ["姓名", "技能等级及取得时间", "职称及取得时间"];
        let p = one(&headers, vec![t("张三"), t("技师 2019.05"), t("工程师/2017.12")]);
        assert_eq!(p.skill_level, Field::Value(level::Technician));
        assert_eq!(p.skill_date.value().map(|d| d.lo), NaiveDate::from_ymd_opt(2019, 5, 1));
        assert_eq!(p.title, Field::Value(HeldTitle::Titled(title::Engineer)));
        assert_eq!(p.title_date.value().map(|d| d.lo), NaiveDate::from_ymd_opt(2017, 12, 1));
        assert!(p.issues.is_empty(), "{:?}", p.issues);
        // A cell that cannot be split: the part it lacks is unknown, with an issue.
        let p = one(&headers, vec![t("张三"), t("技师"), t("见附件")]);
        assert_eq!((p.skill_level, p.skill_date), (Field::Value(level::Technician), Field::Invalid));
        assert_eq!(p.title, Field::Invalid);
        assert_eq!(p.issues.len(), 2, "{:?}", p.issues);
        let p = one(&headers, vec![t("张三"), t(""), t("")]);
        assert_eq!((p.skill_level, p.skill_date, p.title), (Field::Blank, Field::Blank, Field::Blank));
    }

    #[test]
    fn a_title_series_column_completes_a_grade() {
        use title::*;
        let headers = ["姓名", "技能等级", "职称系列", "职称"];
        let held = |series: &str, title: &str| {
            let p = one(&headers, vec![t("李四"), t("技师"), t(series), t(title)]);
            (p.title, p.issues.len())
        };
        assert_eq!(held("工程", "中级"), (Field::Value(HeldTitle::Titled(Engineer)), 0));
        assert_eq!(held("工程技术", "副高级"), (Field::Value(HeldTitle::Titled(Senior)), 0));
        assert_eq!(held("工程", "助理级"), (Field::Value(HeldTitle::Titled(Assistant)), 0));
        assert_eq!(held("经济", "中级"), (Field::Value(HeldTitle::OtherSeries), 0));
        assert_eq!(held("", "中级"), (Field::Value(HeldTitle::SeriesUnknown(Engineer)), 1));
        assert_eq!(held("工程", "初级"), (Field::Invalid, 1));
        assert_eq!(held("会计", "工程师"), (Field::Invalid, 1));
        assert_eq!(held("", "工程师"), (Field::Value(HeldTitle::Titled(Engineer)), 0));
        // Without a series column a grade alone is not a title either.
        let p = one(&["姓名", "技能等级", "职称"], vec![t("李四"), t("技师"), t("正高级")]);
        assert_eq!((p.title, p.issues.len()), (Field::Value(HeldTitle::SeriesUnknown(Professor)), 1));
    }

    #[test]
    fn appraisals_from_year_columns_and_one_cell() {
        let p = one(
            &["姓名", "技能等级", "2024年度考核", "2025年度考核"],
            vec![t("孙七"), t("技师"), t("合格"), t("优秀")],
        );
        assert_eq!(p.appraisals.iter().map(|a| a.year).collect::<Vec<_>>(), [Some(2024), Some(2025)]);
        let p =
            one(&["姓名", "技能等级", "近三年年度考核"], vec![t("孙七"), t("技师"), t("2023合格、2024合格、2025合格")]);
        assert_eq!(p.appraisals.len(), 3);
        assert!(p.appraisal_columns);
        let _ = Key::Name;
    }
}
