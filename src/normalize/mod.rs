//! Normalizing one roster row into a [`Person`]: the credentials, dates, appraisals and honours the
//! rules read, each either a value, blank, absent (no such column) or invalid — and for every cell
//! that could not be read, an [`Issue`] naming the column and the raw value.

pub mod appraisal;
pub mod award;
pub mod credential;
pub mod date;
pub mod id_number;
pub mod text;

use crate::model::{Education, SkillLevel, Title};
use crate::policy::Policy;
use crate::read::header::{Key, Layout};
use crate::read::{Cell, RawRow};
use appraisal::Appraisal;
use award::{AwardReading, Honour};
use chrono::NaiveDate;
use credential::{LevelReading, TitleReading};
use date::{DateSpan, Precision};
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

/// The kind of post (岗位类别), which decides the scope of 一.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Post {
    Skill,
    Professional,
    Management,
}

/// A title held: an engineering title, or one of another series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldTitle {
    Engineering(Title),
    OtherSeries,
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
    pub senior_worker_date: Field<DateSpan>,
    pub technician_date: Field<DateSpan>,
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
    pub issues: Vec<Issue>,
}

/// What normalizing needs besides the row.
pub struct Context<'a> {
    pub policy: &'a Policy,
    pub as_of: NaiveDate,
    /// The policy's award words, compiled once.
    pub lexicon: award::Lexicon,
}

impl<'a> Context<'a> {
    pub fn new(policy: &'a Policy, as_of: NaiveDate) -> Context<'a> {
        Context { policy, as_of, lexicon: award::Lexicon::new(policy) }
    }
}

const FIX_CELL: &str = "核对原始材料后更正该单元格，重新筛选";
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

    fn issue(&mut self, column: &str, cell: &Cell, problem: impl Into<Cow<'static, str>>, action: &'static str) {
        self.issues.push(Issue {
            column: column.to_string(),
            value: cell.text().into_owned(),
            problem: problem.into(),
            action,
        });
    }

    /// Reads the column of `key` with `parse`; an `Err` becomes an issue and `Invalid`.
    fn field<T>(&mut self, key: Key, parse: impl FnOnce(&Cell) -> Result<Option<T>, &'static str>) -> Field<T> {
        let Some(col) = self.layout.column(key) else {
            return Field::Absent;
        };
        let cell = self.cell(col.index);
        if let Cell::Error(e) = cell {
            let header = &col.header;
            self.issue(header, cell, format!("单元格为错误值 {e}"), FIX_CELL);
            return Field::Invalid;
        }
        match parse(cell) {
            Ok(Some(v)) => Field::Value(v),
            Ok(None) => Field::Blank,
            Err(problem) => {
                let header = &col.header;
                self.issue(header, cell, problem, FIX_CELL);
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
        let field = self.field(key, |c| date::parse_date(c).map_err(|p| p.message()));
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
        // A date was read, so the column exists.
        if let Some(col) = self.layout.column(key) {
            let cell = self.cell(col.index);
            self.issue(&col.header, cell, problem, action);
        }
        result
    }
}

/// Reads one data row.
pub fn person(row: &RawRow, layout: &Layout, ctx: &Context) -> Person {
    let mut b = Builder { row, layout, issues: Vec::new() };
    let as_of = ctx.as_of;

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
    let skill_level = b.field(Key::SkillLevel, |c| match credential::skill_level(&c.text()) {
        LevelReading::None => Ok(None),
        LevelReading::Level(l) => Ok(Some(l)),
        LevelReading::Unrecognised => Err("无法识别的技能等级"),
    });
    let title = b.field(Key::Title, |c| match credential::title(&c.text()) {
        TitleReading::None => Ok(None),
        TitleReading::Engineering(t) => Ok(Some(HeldTitle::Engineering(t))),
        TitleReading::OtherSeries => Ok(Some(HeldTitle::OtherSeries)),
        TitleReading::Unrecognised => Err("无法识别的职称"),
    });
    let skill_date = b.date(Key::SkillDate, as_of);
    let senior_worker_date = b.date(Key::SeniorWorkerDate, as_of);
    let technician_date = b.date(Key::TechnicianDate, as_of);
    let title_date = b.date(Key::TitleDate, as_of);
    let occupation_start = b.date(Key::OccupationStart, as_of);

    let school_class = |s: &str| ctx.policy.tech_school.iter().find(|r| r.class.iter().any(|w| s.contains(w)));
    let mut tech_school = b.field(Key::TechSchoolClass, |c| {
        let text = c.text();
        let s = fold(&text);
        if is_none_word(&s) {
            return Ok(None);
        }
        school_class(&s)
            .map(|r| Some(r.counts_as))
            .ok_or("无法识别的技工院校班级类型（应为中级工班、高级工班、预备技师班或技师班）")
    });
    // Without a class column, a 学历 cell such as `技工院校高级工班` says the same.
    if matches!(tech_school, Field::Absent | Field::Blank) {
        if let Some(rule) = b.read_text(Key::Education, |e| school_class(&fold(e))).flatten() {
            tech_school = Field::Value(rule.counts_as);
        }
    }
    let major_related = b.field(Key::MajorRelated, |c| match &*fold(&c.text()) {
        "" => Ok(None),
        "是" | "对口" | "相关" | "一致" | "Y" | "y" | "yes" | "TRUE" | "true" | "√" => Ok(Some(true)),
        "否" | "不对口" | "不相关" | "不一致" | "N" | "n" | "no" | "FALSE" | "false" | "×" => {
            Ok(Some(false))
        }
        _ => Err("应为“是”或“否”"),
    });
    let integrity = b.field(Key::Integrity, |c| {
        let text = c.text();
        let s = fold(&text);
        Ok((!s.is_empty()).then(|| integrity(&s)))
    });
    if integrity == Field::Value(true) {
        let col = layout.column(Key::Integrity).map(|c| (&c.header, c.index));
        if let Some((header, index)) = col {
            let text = b.cell(index).text();
            let s = fold(&text);
            if !VETO_WORDS.iter().any(|w| s.contains(w)) {
                let cell = b.cell(index);
                b.issue(
                    header,
                    cell,
                    "诚信情况内容无法判断，按有弄虚作假记录处理（二（三））",
                    "核实是否确有弄虚作假记录",
                );
            }
        }
    }

    let (appraisals, appraisal_columns) = appraisals(&mut b, ctx);
    let (honours, near_misses) = honours(&mut b, ctx);

    Person {
        name,
        id_number,
        employer,
        post,
        skill_level,
        skill_date,
        senior_worker_date,
        technician_date,
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
        issues: b.issues,
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

/// Words that state a falsification record outright.
const VETO_WORDS: &[&str] = &["伪造", "弄虚作假", "剽窃", "抄袭", "造假", "虚假", "失信", "作假", "冒用"];

/// `true` when a non-empty cell records falsification, `false` when it states a clean record. A statement that begins by negating (`无弄虚作假行为`, `未发现…`,
/// `不存在…`) says there is no record, whatever words follow.
fn integrity(s: &str) -> bool {
    const CLEAN: &[&str] = &["良好", "正常", "守信", "诚信", "合格", "N", "n", "No", "no", "NO", "不存在"];
    const NEGATIONS: &[&str] = &["无", "未", "没有", "不存在", "从无", "从未", "并无"];
    let s = s.trim_end_matches(['。', '.', '，', ',', '；', ';', '！', '!']);
    !(s.is_empty() || is_none_word(s) || CLEAN.contains(&s) || NEGATIONS.iter().any(|n| s.starts_with(n)))
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
            b.issue(header, cell, problem, FIX_CELL);
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
        for reading in award::parse(&cell.text(), ctx.policy, &ctx.lexicon, col.key == Some(Key::MasterStudio)) {
            match reading {
                AwardReading::Honour(h) => {
                    if let Some(point) = h.open_point {
                        let header = &col.header;
                        b.issues.push(Issue {
                            column: header.clone(),
                            value: h.text.clone(),
                            problem: point.into(),
                            action: CHECK_CERT,
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
                    });
                    near.push((text, why));
                }
                AwardReading::Unrecognised { text, why } => {
                    let header = &col.header;
                    b.issues.push(Issue {
                        column: header.clone(),
                        value: text,
                        problem: format!("未识别的荣誉或奖项：{why}").into(),
                        action: "如属三（四）所列荣誉，请按文件名称填写",
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
    use crate::policy::ANSHAN_2020_33;
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
        let ctx = Context::new(&ANSHAN_2020_33, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
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
        for (name, post) in
            [("技能岗位", Post::Skill), ("专业技术岗位", Post::Professional), ("管理岗位", Post::Management)]
        {
            assert_eq!(post_type(name), Some(post), "{name}");
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
            ("", Field::Blank),
        ];
        for (text, expected) in cases {
            let p = one(&["姓名", "技能等级", "诚信情况"], vec![t("赵六"), t("技师"), t(text)]);
            assert_eq!(p.integrity, expected, "{text}");
            assert!(p.issues.is_empty());
        }
        let p = one(&["姓名", "技能等级", "诚信情况"], vec![t("赵六"), t("技师"), t("有")]);
        assert_eq!(p.integrity, Field::Value(true));
        assert_eq!(p.issues.len(), 1);
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
