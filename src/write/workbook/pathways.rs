//! The lists a bureau hands on: one sheet per pathway and level that someone reached, and 待核实.
//!
//! Who is listed where — the rule, from the decision alone:
//! - **Route 三, by `best`**, when its status is `eligible`: on **可申报{best}** when the regular route
//!   (三（二）2) reaches `best` (`regular == best`), on **破格申报{best}** when only the exceptional
//!   route (三（四）) does (`regular` lower or none). Where both reach the same title the regular one
//!   names the sheet: the exceptional route is not needed, and the 破格依据 column still shows the
//!   honour. (`regular` is the highest title the regular route does not rule out; in the rare row
//!   where it is only possible while an honour makes the same title certain, the person is listed on
//!   可申报{best}, with both reasons.)
//! - **Route 四, by `level`**, when its status is `eligible`: on **可申报{level}**; a 技术员 under 四（一）,
//!   for whom the document sets no level, on **可申报职业技能评价**.
//! - **待核实**: everyone with `needs_review` on either route, whatever the other route says.
//!
//! `already_held`, `not_eligible` and `not_applicable` are listed nowhere here (筛选结果 has them). A
//! person may be on one sheet per route and on 待核实. Sheets come in the order of [`Pathway`] — route
//! 三 regular then exceptional, each by rising title; route 四 by rising level; 待核实 last — and only
//! the sheets someone reached are written.

use super::cell::{self, SkillOffer, Value};
use super::issues::Issues;
use super::list::{self, Column, Kind, List};
use super::style::Formats;
use super::summary::Counts;
use super::Sheets;
use crate::evaluate::Decision;
use crate::model::{Clause, SkillLevel, Status, Title};
use crate::pipeline::{Run, Screened};
use crate::read::header::Key;
use crate::write::text;
use crate::write::WriteError;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A list of people who can apply by one pathway at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pathway {
    /// 三（二）2: by the years since the skill level.
    Regular(Title),
    /// 三（四）: a title that only an honour reaches.
    Exceptional(Title),
    /// 四: a skill level; `None` for 四（一）'s evaluation, which has no level.
    Skill(Option<SkillLevel>),
    /// `needs_review` on either route.
    Review,
}

impl Pathway {
    /// The route 三 list a decision puts the person on, if any.
    pub fn of_title(d: &Decision) -> Option<Pathway> {
        let best = d.title.best.filter(|_| d.title.status == Status::Eligible)?;
        Some(if d.title.regular == Some(best) { Pathway::Regular(best) } else { Pathway::Exceptional(best) })
    }

    /// The route 四 list a decision puts the person on, if any.
    pub fn of_skill(d: &Decision) -> Option<Pathway> {
        if d.skill.status != Status::Eligible {
            return None;
        }
        match SkillOffer::of(d) {
            SkillOffer::Level(l) => Some(Pathway::Skill(Some(l))),
            SkillOffer::Evaluation => Some(Pathway::Skill(None)),
            SkillOffer::Nothing => None,
        }
    }

    /// Every list a decision puts the person on.
    pub fn of(d: &Decision) -> impl Iterator<Item = Pathway> {
        let review =
            (d.title.status == Status::NeedsReview || d.skill.status == Status::NeedsReview).then_some(Pathway::Review);
        [Pathway::of_title(d), Pathway::of_skill(d), review].into_iter().flatten()
    }

    /// The sheet's name (at most 10 characters, so a continuation `(n)` stays within Excel's 31).
    pub fn sheet_name(self) -> String {
        match self {
            Pathway::Regular(t) => format!("可申报{t}"),
            Pathway::Exceptional(t) => format!("破格申报{t}"),
            Pathway::Skill(Some(l)) => format!("可申报{l}"),
            Pathway::Skill(None) => "可申报职业技能评价".to_string(),
            Pathway::Review => "待核实".to_string(),
        }
    }

    /// What the list holds, for 汇总.
    pub fn description(self) -> String {
        match self {
            Pathway::Regular(t) => format!("按取得技能等级年限可申报{t}（三（二）2）"),
            Pathway::Exceptional(t) => format!("凭所获荣誉可破格申报{t}（三（四））"),
            Pathway::Skill(Some(l)) => format!("工程技术人才可申报{l}职业技能评价（四）"),
            Pathway::Skill(None) => "技术员可申报与岗位相对应职业（工种）的职业技能评价（四（一））".to_string(),
            Pathway::Review => "任一路径待核实，核实后才能确定".to_string(),
        }
    }

    fn columns(self) -> &'static [Column] {
        match self {
            Pathway::Regular(_) | Pathway::Exceptional(_) => TITLE_LIST,
            Pathway::Skill(_) => SKILL_LIST,
            Pathway::Review => REVIEW_LIST,
        }
    }
}

/// Writes every list a person is on, 数据问题, and the counts of 汇总, as the batches come.
pub struct Lists<'a> {
    run: &'a Run,
    sheets: Arc<Sheets>,
    max_rows: u32,
    f: Formats,
    lists: BTreeMap<Pathway, List>,
    issues: Issues,
    counts: Counts,
}

/// What [`Lists`] leaves for the workbook: each list's sheets in the order of [`Pathway`], 数据问题's
/// sheets, and the counts of 汇总.
pub struct Written {
    pub lists: BTreeMap<Pathway, Vec<Worksheet>>,
    pub issues: Vec<Worksheet>,
    pub counts: Counts,
}

impl<'a> Lists<'a> {
    pub(super) fn new(run: &'a Run, sheets: Arc<Sheets>, max_rows: u32) -> Lists<'a> {
        Lists {
            run,
            issues: Issues::new(Arc::clone(&sheets), max_rows),
            sheets,
            max_rows,
            f: Formats::new(),
            lists: BTreeMap::new(),
            counts: Counts::default(),
        }
    }

    pub fn take(&mut self, batch: &[Screened]) -> Result<(), WriteError> {
        self.write(batch).map_err(|e| self.sheets.fail(e))
    }

    fn write(&mut self, batch: &[Screened]) -> Result<(), XlsxError> {
        for r in batch {
            self.counts.add(r);
            for pathway in Pathway::of(&r.decision) {
                let list = self.lists.entry(pathway).or_insert_with(|| {
                    List::new(Arc::clone(&self.sheets), &pathway.sheet_name(), pathway.columns(), self.max_rows)
                });
                list.line(self.run, r, &self.f)?;
            }
            self.issues.take(self.run, r, &self.f)?;
        }
        Ok(())
    }

    pub(super) fn finish(self) -> Result<Written, XlsxError> {
        let Lists { run, f, lists, issues, mut counts, .. } = self;
        let mut sheets = BTreeMap::new();
        for (pathway, list) in lists {
            counts.lists.insert(pathway, list.len());
            sheets.insert(pathway, list.finish(&f)?);
        }
        Ok(Written { lists: sheets, issues: issues.finish(run, &f)?, counts })
    }
}

/// Route 三: the title, how it is reached, and the credentials behind it.
const TITLE_LIST: &[Column] = &[
    list::NAME,
    list::ID,
    list::EMPLOYER,
    list::DEPARTMENT,
    list::OCCUPATION,
    list::SKILL_LEVEL,
    list::SKILL_DATE,
    Column { header: "现有职称", ..list::TITLE },
    Column { header: "现有职称取得时间", ..list::TITLE_DATE },
    list::BEST_TITLE,
    list::REGULAR_TITLE,
    list::EXCEPTIONAL_TITLE,
    list::BASIS,
    list::EDUCATION,
    list::REASONS,
    list::CLAUSES,
    Column {
        header: "核验事项",
        width: 50.0,
        value: |_, r| Value::lines(&title_checks(&r.decision)),
        kind: Kind::Wrapped,
    },
    list::SOURCE_FILE,
    list::SOURCE_SHEET,
    list::SOURCE_ROW,
];

/// Route 四: the title held, the years in the occupation, and the level it opens.
const SKILL_LIST: &[Column] = &[
    list::NAME,
    list::ID,
    list::EMPLOYER,
    list::DEPARTMENT,
    list::OCCUPATION,
    list::TITLE,
    list::TITLE_DATE,
    Column {
        header: "从事本职业起始时间",
        width: 12.0,
        value: |run, r| cell::date(run, r, Key::OccupationStart, r.person.occupation_start),
        kind: Kind::Date,
    },
    Column { header: "现有技能等级", ..list::SKILL_LEVEL },
    Column { header: "现有技能等级取得时间", ..list::SKILL_DATE },
    list::SKILL_OFFER,
    list::THEORY_EXEMPT,
    list::PROMOTION,
    list::REASONS,
    list::CLAUSES,
    Column {
        header: "核验事项",
        width: 50.0,
        value: |_, r| Value::lines(&skill_checks(&r.decision)),
        kind: Kind::Wrapped,
    },
    list::SOURCE_FILE,
    list::SOURCE_SHEET,
    list::SOURCE_ROW,
];

/// 待核实: both routes side by side, what each would give, and exactly what to verify.
const REVIEW_LIST: &[Column] = &[
    list::NAME,
    list::ID,
    list::EMPLOYER,
    list::DEPARTMENT,
    list::SKILL_LEVEL,
    list::SKILL_DATE,
    list::TITLE,
    list::TITLE_DATE,
    list::TITLE_STATUS,
    Column { header: "核实后可申报职称", ..list::BEST_TITLE },
    list::SKILL_STATUS,
    Column { header: "核实后可申报技能等级", ..list::SKILL_OFFER },
    Column {
        header: "待核实事项",
        width: 60.0,
        value: |_, r| Value::lines(&r.decision.trace.verify),
        kind: Kind::Wrapped,
    },
    list::ISSUES,
    list::CLAUSES,
    list::SOURCE_FILE,
    list::SOURCE_SHEET,
    list::SOURCE_ROW,
];

/// What an evaluator checks before passing a route 三 application on: the credentials the
/// decision rests on, then whatever is still open.
fn title_checks(d: &Decision) -> Vec<String> {
    let mut checks = Vec::new();
    match Pathway::of_title(d) {
        Some(Pathway::Exceptional(_)) => {
            let honours: Vec<&str> = d.title.exceptional_basis.iter().map(|b| b.award.as_str()).collect();
            checks.push(format!("荣誉证书和表彰文件：{}（三（四），以证书和表彰文件为准）", honours.join("、")));
        }
        _ => checks.push("技能等级证书及取得时间（三（二）2）".to_string()),
    }
    checks.push("近三年年度考核结果（三（一））".to_string());
    checks.extend(text::open_points(d));
    checks
}

/// What an evaluator checks before passing a route 四 application on.
fn skill_checks(d: &Decision) -> Vec<String> {
    let mut checks = vec!["工程系列职称证书及取得时间（四）".to_string()];
    if d.trace.clauses.iter().any(|c| matches!(c, Clause::Reverse3a | Clause::Reverse4a)) {
        checks.push("从事本职业（工种）年限的单位证明（五（一））".to_string());
    }
    checks.extend(text::open_points(d));
    checks
}
