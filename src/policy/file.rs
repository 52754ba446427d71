//! The policy file as written: TOML tables and arrays, every name kept with its place in the file
//! ([`Spanned`]) so that a name no vocabulary has is reported with its line.
//!
//! TOML rather than YAML: it has comments, keeps strings strings (YAML 1.1 reads `否`-like words,
//! `no` and dates as other types, a trap in a file of Chinese words), is what Cargo's own files
//! are, and its reader gives the byte span of every value.

use serde::Deserialize;
use toml::Spanned;

pub type Name = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub document: Document,
    #[serde(rename = "clause")]
    pub clauses: Spanned<Vec<ClauseText>>,
    pub skill: Skill,
    pub title: Title,
    pub scope: Scope,
    pub veto: Veto,
    pub basic: Basic,
    #[serde(default)]
    pub education: Vec<Education>,
    pub regular: Spanned<Vec<Regular>>,
    pub exceptional: Exceptional,
    pub awards: Awards,
    pub theory_exempt: ClauseOnly,
    pub reverse: Spanned<Vec<Reverse>>,
    pub promotion: Promotion,
    pub continuous: ClauseOnly,
    #[serde(default)]
    pub treatment: Vec<Treatment>,
    #[serde(default)]
    pub committee: Vec<Committee>,
    /// Facts beyond the roster vocabulary, rules as conditions and exclusions (format 2).
    #[serde(default, rename = "fact")]
    pub facts: Vec<Fact>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
    #[serde(default, rename = "exclude")]
    pub exclusions: Vec<Exclude>,
    #[serde(default, rename = "require")]
    pub requirements: Vec<Exclude>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Veto {
    pub clause: Name,
    /// A record found this many years before the evaluation date no longer vetoes …
    pub lapses_after_years: Option<Spanned<u32>>,
    /// … counted from this declared date fact.
    pub lapse_since: Option<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub name: Name,
    pub kind: Name,
    pub headers: Spanned<Vec<Name>>,
    pub if_missing: Option<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub clause: Name,
    pub route: Name,
    pub outcome: Option<Name>,
    pub grants: Option<Name>,
    pub grants_grade: Option<Name>,
    pub when: Spanned<toml::Value>,
}

/// An `[[exclude]]` or a `[[require]]`: a condition on whole routes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclude {
    pub clause: Name,
    pub routes: Option<Vec<Name>>,
    pub when: Spanned<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub number: Name,
    pub name: Name,
    pub issuer: Name,
    pub issued: Name,
    pub applies_from: Option<Name>,
    pub applies_until: Option<Name>,
    pub note: Option<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseText {
    pub id: Name,
    pub text: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub levels: Spanned<Vec<Level>>,
    #[serde(default)]
    pub counts_as: Vec<CountsAs>,
    #[serde(default)]
    pub not_levels: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub name: Name,
    #[serde(default)]
    pub aliases: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountsAs {
    pub name: Name,
    pub level: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    pub grades: Spanned<Vec<Name>>,
    #[serde(default)]
    pub grade_aliases: Vec<GradeAlias>,
    #[serde(default)]
    pub ambiguous: Vec<Ambiguous>,
    pub series: Spanned<Vec<Series>>,
    pub others: Option<Others>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeAlias {
    pub word: Name,
    pub grade: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ambiguous {
    pub word: Name,
    pub grades: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: Name,
    pub words: Spanned<Vec<Name>>,
    pub titles: Spanned<Vec<TitleName>>,
    /// Occupation words of this series (`工艺美术`): a rule granting "相应系列" gives a person in
    /// such an occupation this series' title.
    #[serde(default)]
    pub occupations: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleName {
    pub name: Name,
    pub grade: Name,
    #[serde(default)]
    pub aliases: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Others {
    #[serde(default)]
    pub words: Vec<Name>,
    #[serde(default)]
    pub title_words: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub clause: Name,
    pub skill_to_title: Route,
    pub title_to_skill: Route,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub posts: Spanned<Vec<Name>>,
    pub series: Spanned<Vec<Name>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseOnly {
    pub clause: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basic {
    pub clause: Name,
    pub lowest_level: Name,
    pub appraisal_years: Spanned<u32>,
    pub pass: Spanned<Vec<Name>>,
    pub fail: Spanned<Vec<Name>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    pub clause: Name,
    pub class: Spanned<Vec<Name>>,
    pub counts_as: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regular {
    pub clause: Name,
    pub level: Name,
    pub years: u32,
    pub grants: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exceptional {
    pub clause: Name,
    pub issuers: Name,
    #[serde(default, rename = "honour")]
    pub honours: Vec<Honour>,
    #[serde(default, rename = "tier")]
    pub tiers: Vec<Tier>,
    #[serde(default, rename = "near_miss")]
    pub near_misses: Vec<NearMiss>,
}

/// Alternatives, each a set of words that must all appear.
pub type Alternatives = Vec<Vec<Name>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Honour {
    pub name: Name,
    pub certain: Option<Spanned<Alternatives>>,
    pub unsure: Option<Spanned<Alternatives>>,
    pub studio_lead: Option<Name>,
    pub podium: Option<Spanned<Vec<Name>>>,
    /// What to verify when a text matches `unsure` (default: the issuer is not stated).
    pub unsure_note: Option<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub clause: Name,
    pub grants: Name,
    pub any: Spanned<Vec<Name>>,
    pub level: Option<Name>,
    pub years: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearMiss {
    pub words: Spanned<Alternatives>,
    pub why: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Awards {
    pub placing: Name,
    pub placing_detail: Name,
    pub reach: Vec<ReachWord>,
    pub studio: Vec<Name>,
    pub leads: Vec<Name>,
    pub contest: Vec<Name>,
    pub top: Vec<Name>,
    #[serde(default)]
    pub not_top: Vec<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReachWord {
    pub word: Name,
    pub reach: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reverse {
    pub clause: Name,
    pub title: Name,
    pub up_to: Option<Name>,
    pub years: Option<u32>,
    pub grants: Option<Name>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    pub clause: Name,
    pub years: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    pub clause: Name,
    pub level: Name,
    pub treated_as: Name,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    pub clauses: Spanned<Vec<Name>>,
    pub text: Name,
}
