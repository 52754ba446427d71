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
use super::list::{self, Column, Heading, Kind, List};
use super::print::Heights;
use super::style::Formats;
use super::summary::Counts;
use super::upcoming::{self, Upcoming, Window};
use super::Sheets;
use crate::evaluate::Decision;
use crate::model::{Clause, SkillLevel, Status, Title};
use crate::pipeline::{Run, Screened};
use crate::policy::rules::{Grant, Outcome};
use crate::policy::{Policy, ReverseCondition};
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
    /// A title a rule as a condition gives otherwise than by applying (可直接申报, 直接认定): named
    /// by its kind, never as 破格申报.
    Ruled(Outcome, Title),
    /// 四: a skill level; `None` for 四（一）'s evaluation, which has no level.
    Skill(Option<SkillLevel>),
    /// `needs_review` on either route.
    Review,
}

impl Pathway {
    /// The route 三 list a decision puts the person on, if any.
    pub fn of_title(d: &Decision) -> Option<Pathway> {
        let best = d.title.best.filter(|_| d.title.status == Status::Eligible)?;
        Some(match d.title.outcome {
            Some(outcome) => Pathway::Ruled(outcome, best),
            None if d.title.regular == Some(best) => Pathway::Regular(best),
            None => Pathway::Exceptional(best),
        })
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
            Pathway::Ruled(o, t) => format!("{}{t}", o.action()),
            Pathway::Skill(Some(l)) => format!("可申报{l}"),
            Pathway::Skill(None) => "可申报职业技能评价".to_string(),
            Pathway::Review => "待核实".to_string(),
        }
    }

    /// What the list holds, for 汇总, citing the policy's clauses of the rules that lead there.
    pub fn description(self, policy: &Policy) -> String {
        match self {
            Pathway::Regular(t) => {
                let rules = policy.regular.iter().filter(|r| r.grants == t).map(|r| r.clause);
                format!("按取得技能等级年限可申报{t}（{}）", ids(rules))
            }
            Pathway::Exceptional(t) => {
                let tiers = policy.exceptional.tiers.iter().filter(|r| r.grants == t).map(|r| r.clause);
                format!("凭所获荣誉可破格申报{t}（{}）", ids(tiers))
            }
            Pathway::Ruled(o, t) => {
                let rules = policy.rules.iter().filter(|r| r.outcome == o && gives(r.grants, t)).map(|r| r.clause);
                format!("{}{t}（{}）", o.word(), ids(rules))
            }
            Pathway::Skill(Some(l)) => {
                let rules = policy.reverse.iter().filter(|r| r.grants == Some(l)).map(|r| r.clause);
                format!("专业技术人才可申报{l}职业技能评价（{}）", ids(rules))
            }
            Pathway::Skill(None) => {
                let clause = policy.evaluation_clause().map(|c| format!("（{c}）")).unwrap_or_default();
                format!("可申报与岗位相对应职业（工种）的职业技能评价{clause}")
            }
            Pathway::Review => "任一路径待核实，核实后才能确定".to_string(),
        }
    }

    fn columns(self) -> &'static [Column] {
        match self {
            Pathway::Regular(_) | Pathway::Exceptional(_) | Pathway::Ruled(..) => TITLE_LIST,
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
    /// 即将符合, made at its first line.
    upcoming: Option<Upcoming>,
    window: Window,
    /// Row heights of this writer's sheets, against one budget.
    heights: Heights,
}

/// What [`Lists`] leaves for the workbook: each list's sheets in the order of [`Pathway`], 数据问题's
/// sheets, and the counts of 汇总.
pub struct Written {
    pub lists: BTreeMap<Pathway, Vec<Worksheet>>,
    pub issues: Vec<Worksheet>,
    /// 即将符合's pages.
    pub upcoming: Vec<Worksheet>,
    pub counts: Counts,
}

impl<'a> Lists<'a> {
    pub(super) fn new(run: &'a Run, sheets: Arc<Sheets>, max_rows: u32) -> Lists<'a> {
        let heights = Heights::for_rows(run.rows_to_screen());
        let window = Window::new(run.config.as_of, run.config.horizon);
        Lists {
            run,
            issues: Issues::new(Arc::clone(&sheets), max_rows, heights.clone()),
            heights,
            sheets,
            max_rows,
            f: Formats::new(),
            lists: BTreeMap::new(),
            counts: Counts::new(run.config.policy, &window),
            upcoming: None,
            window,
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
                    let title =
                        Heading { name: pathway.sheet_name(), about: pathway.description(self.run.config.policy) };
                    List::new(Arc::clone(&self.sheets), title, pathway.columns(), self.max_rows, self.heights.clone())
                });
                list.line(self.run, r, &self.f)?;
            }
            self.issues.take(self.run, r.source, r.row, &r.person, &self.f)?;
            for soon in upcoming::of(r, self.run.config.policy, &self.window) {
                self.counts.soon(&soon);
                let upcoming = match &mut self.upcoming {
                    Some(u) => u,
                    None => self.upcoming.insert(
                        Upcoming::new(self.window, self.run.config.spill_dir.as_deref()).map_err(XlsxError::IoError)?,
                    ),
                };
                upcoming.take(self.run, r, &soon).map_err(XlsxError::IoError)?;
            }
        }
        Ok(())
    }

    pub(super) fn finish(self) -> Result<Written, XlsxError> {
        let Lists { run, sheets: book, max_rows, f, lists, issues, mut counts, upcoming, window, heights } = self;
        let mut sheets = BTreeMap::new();
        for (pathway, list) in lists {
            counts.lists.insert(pathway, list.len());
            sheets.insert(pathway, list.finish(run, &f)?);
        }
        // An empty 即将符合 is still written: "nobody within the window" is an answer too.
        let upcoming = match upcoming {
            Some(u) => u,
            None => Upcoming::new(window, run.config.spill_dir.as_deref()).map_err(XlsxError::IoError)?,
        };
        let upcoming = upcoming.finish(run, book, max_rows, heights, &f)?;
        Ok(Written { lists: sheets, issues: issues.finish(run, &f)?, upcoming, counts })
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
        value: |run, r| Value::lines(&title_checks(&r.decision, run.config.policy)),
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
        value: |run, r| Value::lines(&skill_checks(&r.decision, run.config.policy)),
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
fn title_checks(d: &Decision, policy: &Policy) -> Vec<String> {
    let mut checks = Vec::new();
    match Pathway::of_title(d) {
        Some(Pathway::Ruled(o, t)) => {
            // The rules that give this title by this kind, and were read for the person.
            let rules = policy
                .rules
                .iter()
                .filter(|r| r.outcome == o && gives(r.grants, t) && d.trace.clauses.contains(r.clause));
            checks.push(format!("{t}所依据条件的证明材料（{}）", ids(rules.map(|r| r.clause))));
        }
        Some(Pathway::Exceptional(_)) => {
            let honours: Vec<&str> = d.title.exceptional_basis.iter().map(|b| b.award.as_str()).collect();
            let clause = policy.exceptional.clause;
            checks.push(format!("荣誉证书和表彰文件：{}（{clause}，以证书和表彰文件为准）", honours.join("、")));
        }
        _ => {
            let rules = policy.regular.iter().filter(|r| Some(r.grants) == d.title.best).map(|r| r.clause);
            checks.push(format!("技能等级证书及取得时间（{}）", ids(rules)));
        }
    }
    let basic = &policy.appraisal;
    checks.push(format!("近{}年年度考核结果（{}）", basic.years, basic.clause));
    checks.extend(text::open_points(d));
    checks
}

/// What an evaluator checks before passing a route 四 application on.
fn skill_checks(d: &Decision, policy: &Policy) -> Vec<String> {
    let cited = |c: &Clause| d.trace.clauses.contains(*c);
    let rules: Vec<Clause> = policy.reverse.iter().map(|r| r.clause).filter(cited).collect();
    let series = policy.scope.title_to_skill.series_names;
    let mut checks = vec![format!("{series}系列职称证书及取得时间（{}）", ids(rules))];
    let by_years = policy.reverse.iter().filter(|r| matches!(r.condition, ReverseCondition::YearsAfter(_)));
    if by_years.map(|r| r.clause).any(|c| cited(&c)) {
        checks.push(format!("从事本职业（工种）年限的单位证明（{}）", policy.continuous));
    }
    checks.extend(text::open_points(d));
    checks
}

/// Does a rule's grant give this title (its own, or the title of its grade in some series)?
fn gives(g: Grant, t: Title) -> bool {
    match g {
        Grant::Title(x) => x == t,
        Grant::SeriesGrade(grade) => grade == t.grade(),
        Grant::Level(_) => false,
    }
}

/// Clause ids as the document lists them: `四（三）1、四（三）2`, each once.
fn ids(clauses: impl IntoIterator<Item = Clause>) -> String {
    let mut list: Vec<Clause> = clauses.into_iter().collect();
    list.sort();
    list.dedup();
    list.iter().map(|c| c.name()).collect::<Vec<_>>().join("、")
}
