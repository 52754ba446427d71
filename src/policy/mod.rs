//! The policy as data: every number, ladder, word list and clause the rules use, each rule with
//! the clause it comes from, loaded from a policy file (`policies/*.toml`).
//!
//! The evaluator ([`crate::evaluate`]) and the normalizers are generic over a [`Policy`]; nothing
//! outside this module names a level, a title, an honour, a region or a clause of a particular
//! document. 鞍人社〔2020〕33号 is embedded in the binary as the default ([`Policy::embedded`]);
//! `--policy FILE` loads another ([`Policy::from_file`]).
//!
//! A policy is loaded once per run and lives for the whole process: its names are `&'static str`
//! and the values the rules pass around ([`SkillLevel`], [`Title`], [`Clause`]) are references into
//! it, so a decision copies a pointer where it would otherwise copy or look up a string.

mod file;
pub mod lexicon;
mod load;
pub mod rules;

pub use load::{line_of, read_text, syntax, PolicyError, Problem};

use crate::model::Post;
use crate::model::{Clause, ClauseDef, Education, Rung, SkillLevel, Title};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// 鞍人社〔2020〕33号, the default policy.
pub const EMBEDDED_TEXT: &str = include_str!("../../policies/anshan-2020-33.toml");
/// What the embedded policy is called where a file name would be shown.
pub const EMBEDDED_NAME: &str = "policies/anshan-2020-33.toml";

/// The whole policy.
#[derive(Debug)]
pub struct Policy {
    pub document: Document,
    pub source: Source,
    /// Every clause the policy cites, in the document's order.
    pub clauses: &'static [ClauseDef],
    pub skill: SkillLadder,
    pub titles: Titles,
    /// 一: who each route is for.
    pub scope: Scope,
    /// The one-vote veto (二（三） of 33号).
    pub veto: Clause,
    /// The lowest skill level that makes a 高技能人才 (三（一）).
    pub high_skill_floor: LevelFloor,
    /// The annual appraisals (三（一）).
    pub appraisal: AppraisalRule,
    /// 技工院校 classes and the schooling they count as (三（二）1).
    pub tech_school: Vec<SchoolRule>,
    /// Years after a skill level → title (三（二）2).
    pub regular: Vec<RegularRule>,
    /// Honours that open the exceptional route (三（四）).
    pub exceptional: Exceptional,
    /// The words that place an award: reach, studio, role, contest, placing.
    pub awards: AwardWords,
    /// A diploma in the occupation's major exempts from the theory exam (四).
    pub theory_exempt: Clause,
    /// Title → skill level (四（一）–（四）).
    pub reverse: Vec<ReverseRule>,
    /// Years a title holder must hold a skill level before promotion (四（五）).
    pub promotion: PromotionRule,
    /// Experience counts continuously (五（一）).
    pub continuous: Clause,
    /// Skill level ↔ title treatment (五（二）).
    pub treatment: Vec<TreatmentRule>,
    /// Conditions left to people (shown in 政策依据).
    pub committee_checks: Vec<CommitteeCheck>,
    /// Facts beyond the roster vocabulary ([`rules::FactDef`]), in the file's order.
    pub facts: Vec<rules::FactDef>,
    /// Rules as conditions, in the file's order.
    pub rules: Vec<rules::Rule>,
    pub exclusions: Vec<rules::Gate>,
    pub requirements: Vec<rules::Gate>,
    /// When the veto lapses; `None`: a record vetoes for good.
    pub veto_lapse: Option<rules::VetoLapse>,
    /// What `policy check` points out without refusing the file: rules that repeat or shadow others.
    pub warnings: Vec<Problem>,
    /// The award rules' words, compiled once.
    pub lexicon: lexicon::Lexicon,
}

/// The document's identity and dates.
#[derive(Debug)]
pub struct Document {
    pub number: &'static str,
    pub name: &'static str,
    pub issuer: &'static str,
    pub issued: NaiveDate,
    pub applies_from: Option<NaiveDate>,
    pub applies_until: Option<NaiveDate>,
    /// Said of the file, shown with its identity (a test policy says it is not a real document).
    pub note: Option<&'static str>,
}

/// Where the policy came from.
#[derive(Debug)]
pub struct Source {
    /// The file as read: `policy show` prints it, `--policy` reads it back unchanged.
    pub text: &'static str,
    /// `None` for the embedded policy.
    pub path: Option<PathBuf>,
    pub sha256: String,
}

impl Source {
    /// How the workbook and the terminal name the policy's source.
    pub fn describe(&self) -> String {
        match &self.path {
            None => format!("程序内置（{EMBEDDED_NAME}）"),
            Some(p) => format!("--policy {}（SHA-256 {}）", p.display(), self.sha256),
        }
    }
}

#[derive(Debug)]
pub struct SkillLadder {
    /// Low to high.
    pub levels: &'static [Rung],
    /// Every word that names a level (names, aliases, levels counted as another), longest first:
    /// a matched word is cut out of the text before shorter ones are tried, so `高级技师` is never
    /// also read as `技师` or `高级`.
    pub words: Vec<(&'static str, SkillLevel)>,
    /// Words that look like a level but are none: read as unrecognised.
    pub not_levels: Vec<&'static str>,
}

impl SkillLadder {
    /// The next rung, `None` at the top.
    pub fn next(&self, level: SkillLevel) -> Option<SkillLevel> {
        self.levels.get(usize::from(level.rank()) + 1).map(SkillLevel)
    }
}

#[derive(Debug)]
pub struct Titles {
    /// The grades of every series, low to high.
    pub grades: Vec<&'static str>,
    /// Series whose titles the policy names.
    pub series: Vec<Series>,
    /// Every title name and alias, longest first.
    pub words: Vec<(&'static str, Title)>,
    /// Grades as rosters write them alone, with the grade each is.
    pub grade_words: Vec<(&'static str, u8)>,
    /// Grade words that do not say which of these grades they are (`初级`).
    pub ambiguous: Vec<(&'static str, Vec<u8>)>,
    /// Series the document does not cover: words of a 职称系列 cell, and endings of their titles.
    pub other_series_words: Vec<&'static str>,
    pub other_title_words: Vec<&'static str>,
}

#[derive(Debug)]
pub struct Series {
    pub name: &'static str,
    /// How a 职称系列 cell names it.
    pub words: Vec<&'static str>,
    /// Occupation words of the series: "相应系列" for a person in one of them is this series.
    pub occupations: Vec<&'static str>,
    /// By grade; a grade the series has no title of is absent.
    pub titles: Vec<Title>,
}

impl Titles {
    /// The title of `grade` in `series`.
    pub fn of_grade(&self, series: u8, grade: u8) -> Option<Title> {
        self.series.get(usize::from(series))?.titles.iter().copied().find(|t| t.grade() == grade)
    }

    /// The title of `grade` in the first series that has one: what a grade written alone is if
    /// its series turns out to be the document's.
    pub fn first_of_grade(&self, grade: u8) -> Option<Title> {
        (0..self.series.len() as u8).find_map(|s| self.of_grade(s, grade))
    }
}

/// Who a route is for: post types and title series.
#[derive(Debug)]
pub struct Route {
    pub posts: Vec<Post>,
    /// Indexes into [`Titles::series`].
    pub series: Vec<u8>,
    /// The series' names, as messages say them (`工程`, `工程、工艺美术`).
    pub series_names: &'static str,
}

impl Route {
    pub fn covers(&self, title: Title) -> bool {
        self.series.contains(&title.series())
    }
}

#[derive(Debug)]
pub struct Scope {
    pub clause: Clause,
    pub skill_to_title: Route,
    pub title_to_skill: Route,
}

#[derive(Debug)]
pub struct LevelFloor {
    pub clause: Clause,
    pub level: SkillLevel,
}

#[derive(Debug)]
pub struct AppraisalRule {
    pub clause: Clause,
    /// How many of the most recent appraisals must pass.
    pub years: usize,
    /// Grades that pass; longest words are matched first so 基本合格 is never read as 合格.
    pub pass: Vec<&'static str>,
    pub fail: Vec<&'static str>,
}

#[derive(Debug)]
pub struct SchoolRule {
    pub clause: Clause,
    /// Words of the class type, any of which identifies it.
    pub class: Vec<&'static str>,
    pub counts_as: Education,
}

#[derive(Debug)]
pub struct RegularRule {
    pub clause: Clause,
    pub level: SkillLevel,
    pub years: u32,
    pub grants: Title,
}

/// Where an honour was given. Ordered low to high so "省级以上" is `>= Provincial`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reach {
    Enterprise,
    City,
    Provincial,
    National,
    World,
}

impl Reach {
    pub const ALL: [Reach; 5] = [Reach::Enterprise, Reach::City, Reach::Provincial, Reach::National, Reach::World];

    /// The word a policy file uses for it.
    pub fn word(self) -> &'static str {
        match self {
            Reach::Enterprise => "企业",
            Reach::City => "市",
            Reach::Provincial => "省",
            Reach::National => "国家",
            Reach::World => "世界",
        }
    }

    /// As a level of contest or studio is spoken of (`市级`, `世界`).
    pub fn level_name(self) -> &'static str {
        match self {
            Reach::Enterprise => "企业级",
            Reach::City => "市级",
            Reach::Provincial => "省级",
            Reach::National => "国家级",
            Reach::World => "世界",
        }
    }
}

/// How an honour is recognised in free text.
#[derive(Debug)]
pub enum Matcher {
    /// A named honour: matches when, for some alternative, all its words appear. `certain` names
    /// the honour with its issuer; `unsure` is the same honour with the issuer left out (to verify).
    Named { certain: Vec<Vec<&'static str>>, unsure: Vec<Vec<&'static str>> },
    /// The leading role (领创人/领办人/带头人) of a 技能大师工作室/工作站 of exactly this reach.
    StudioLead(Reach),
    /// A top-three placing (contestant or coach) in a 技能大赛 whose reach is one of these.
    Podium(Vec<Reach>),
}

#[derive(Debug)]
pub struct HonourRule {
    /// The honour as the policy names it.
    pub label: &'static str,
    pub matcher: Matcher,
    /// The tiers that list it, highest title first.
    pub tiers: Vec<usize>,
    /// What to verify when only an `unsure` form names it (`未写明是金牌还是银牌`); by default,
    /// that the issuer is not stated ([`AwardWording::issuer_unstated`]).
    pub unsure_note: Option<&'static str>,
}

/// An exceptional tier: holding any of its honours — and, where it says so, a level held some
/// years — opens its title.
#[derive(Debug)]
pub struct Tier {
    pub clause: Clause,
    pub grants: Title,
    /// Indexes into [`Exceptional::honours`].
    pub any: Vec<usize>,
    /// Also required: at least this level …
    pub level: Option<SkillLevel>,
    /// … held this many years.
    pub years: Option<u32>,
}

#[derive(Debug)]
pub struct NearMiss {
    /// Alternatives, each a set of words that must all appear.
    pub words: Vec<Vec<&'static str>>,
    pub why: &'static str,
}

#[derive(Debug)]
pub struct Exceptional {
    /// The section as a whole (三（四）), for what is said about an award outside its tiers.
    pub clause: Clause,
    pub honours: Vec<HonourRule>,
    pub tiers: Vec<Tier>,
    pub near_misses: Vec<NearMiss>,
    /// What the program says about award texts, with this policy's clause ids and issuers.
    pub wording: AwardWording,
}

impl Exceptional {
    /// The best title an honour can open (its first tier's).
    pub fn best_grant(&self, honour: usize) -> Option<Title> {
        self.honours[honour].tiers.first().map(|&t| self.tiers[t].grants)
    }
}

/// The program's phrases about award texts, filled in once with the policy's clause id of the
/// exceptional route, its issuers and its reaches.
#[derive(Debug)]
pub struct AwardWording {
    pub not_listed: &'static str,
    pub enterprise_studio: &'static str,
    pub studio_reach_not_listed: &'static str,
    pub enterprise_contest: &'static str,
    pub contest_reach_not_listed: &'static str,
    pub issuer_unstated: &'static str,
    pub contest_reach_unstated: &'static str,
    /// A contest item with a placing below the ones that count.
    pub not_placed: &'static str,
    /// A contest item whose placing is not one of the policy's words (一等奖, 优胜奖).
    pub placing_unclear: &'static str,
    /// The action of an unrecognised award's data issue.
    pub write_as_named: &'static str,
}

#[derive(Debug)]
pub struct AwardWords {
    /// The placings that count, as the document names them (`前三名`), and as medals (`金、银、铜牌`).
    pub placing: &'static str,
    pub placing_detail: &'static str,
    /// The reach an item names, most specific first.
    pub reach: Vec<(&'static str, Reach)>,
    pub studio: Vec<&'static str>,
    pub leads: Vec<&'static str>,
    pub contest: Vec<&'static str>,
    pub top: Vec<&'static str>,
    pub not_top: Vec<&'static str>,
}

/// What a title holder's condition is in a title → skill rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReverseCondition {
    /// Holding the title on a skill post is enough.
    Holds,
    /// This many years in the occupation after the title.
    YearsAfter(u32),
}

#[derive(Debug)]
pub struct ReverseRule {
    pub clause: Clause,
    /// The series of the titles the rule names: a row for 工程师 is not one for another series'
    /// title of the same grade.
    pub series: u8,
    /// The grades of the titles the rule is written for (四（三）1 is for 助理工程师 only).
    pub grades: std::ops::RangeInclusive<u8>,
    pub condition: ReverseCondition,
    /// `None`: the skill evaluation of the post's occupation, with no level set (四（一）).
    pub grants: Option<SkillLevel>,
}

impl ReverseRule {
    fn of_grade(&self, title: Title) -> bool {
        self.grades.contains(&title.grade())
    }
}

#[derive(Debug)]
pub struct PromotionRule {
    pub clause: Clause,
    pub years: u32,
}

#[derive(Debug)]
pub struct TreatmentRule {
    pub clause: Clause,
    pub level: SkillLevel,
    pub treated_as: Title,
}

#[derive(Debug)]
pub struct CommitteeCheck {
    /// The clause ids, as the document numbers them (`四（三）、四（四）`).
    pub clauses: &'static str,
    pub text: &'static str,
}

impl Policy {
    /// 鞍人社〔2020〕33号, parsed once.
    pub fn embedded() -> &'static Policy {
        static EMBEDDED: OnceLock<&'static Policy> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            load::parse(EMBEDDED_TEXT, None)
                .unwrap_or_else(|e| panic!("the embedded policy is checked by the tests and cannot be invalid: {e}"))
        })
    }

    /// Reads and checks a policy file. The policy lives until the process ends.
    pub fn from_file(path: &Path) -> Result<&'static Policy, PolicyError> {
        let text = load::read(path)?;
        load::parse(text, Some(path.to_path_buf()))
    }

    /// Checks policy text as if read from `path` (the tests' bad-file corpus goes through here).
    pub fn from_text(text: &str, path: &Path) -> Result<&'static Policy, PolicyError> {
        load::parse(load::leak(text.to_string()), Some(path.to_path_buf()))
    }

    /// The title → skill rows for a holder of `title`: the rows written for its series; for a
    /// series in scope with no rows of its own, the rows of its grade (a document that writes
    /// "取得中级职称…" once, as the rows of one series). Never both, so no row is said twice.
    pub fn reverse_for(&self, title: Title) -> impl Iterator<Item = &ReverseRule> {
        let own = self.reverse.iter().any(|r| r.series == title.series());
        self.reverse.iter().filter(move |r| r.of_grade(title) && (!own || r.series == title.series()))
    }

    /// The headers of the declared facts, as `--map` pairs (after the user's, which come first).
    pub fn fact_maps(&self) -> impl Iterator<Item = (String, crate::read::header::Key)> + '_ {
        self.facts.iter().enumerate().flat_map(|(i, f)| {
            let key = crate::read::header::Key::Fact(u8::try_from(i).unwrap_or(u8::MAX));
            f.headers.iter().map(move |h| (crate::read::header::Forms::full_of(h), key))
        })
    }

    /// Where this policy's declared facts are read when `first`'s are read from the same rows
    /// (`compare`): a fact with a header of one of `first`'s facts shares that fact's column; the
    /// others get columns of their own after `first`'s.
    pub fn fact_columns_after(&self, first: &Policy) -> Vec<crate::read::header::Key> {
        use crate::read::header::Key;
        let key = |i: usize| Key::Fact(u8::try_from(i).unwrap_or(u8::MAX));
        let mut next = first.facts.len();
        self.facts
            .iter()
            .map(|f| match first.facts.iter().position(|g| g.headers.iter().any(|h| f.headers.contains(h))) {
                Some(shared) => key(shared),
                None => {
                    next += 1;
                    key(next - 1)
                }
            })
            .collect()
    }

    /// The `--map` pairs that read this policy's facts from `columns` ([`Policy::fact_columns_after`]).
    pub fn fact_maps_at<'a>(
        &'a self,
        columns: &'a [crate::read::header::Key],
    ) -> impl Iterator<Item = (String, crate::read::header::Key)> + 'a {
        self.facts
            .iter()
            .zip(columns)
            .flat_map(|(f, &key)| f.headers.iter().map(move |h| (crate::read::header::Forms::full_of(h), key)))
    }

    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<Clause> {
        self.clauses.iter().find(|c| c.id == id).map(Clause)
    }

    /// Does `as_of` fall inside the dates the policy applies?
    pub fn applies_on(&self, as_of: NaiveDate) -> bool {
        self.document.applies_from.is_none_or(|from| as_of >= from)
            && self.document.applies_until.is_none_or(|until| as_of <= until)
    }

    /// The titles route 三 can give, low to high.
    pub fn titles_granted(&self) -> Vec<Title> {
        let mut titles: Vec<Title> =
            self.regular.iter().map(|r| r.grants).chain(self.exceptional.tiers.iter().map(|t| t.grants)).collect();
        titles.sort();
        titles.dedup();
        titles
    }

    /// The levels route 四 can give, low to high.
    pub fn levels_granted(&self) -> Vec<SkillLevel> {
        let mut levels: Vec<SkillLevel> = self.reverse.iter().filter_map(|r| r.grants).collect();
        levels.sort();
        levels.dedup();
        levels
    }

    /// The clause of the title → skill rule that sets no level (四（一）), if the policy has one.
    pub fn evaluation_clause(&self) -> Option<Clause> {
        self.reverse.iter().find(|r| r.grants.is_none()).map(|r| r.clause)
    }
}

#[cfg(test)]
pub(crate) mod anshan;
#[cfg(test)]
mod tests;
