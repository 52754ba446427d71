//! Rules as conditions (POLICY.md, "Rules as conditions"): what a document says that the fixed
//! kinds of rule cannot — several facts at once, years from other starts, two honours together,
//! an honour's role, a person's status, facts the roster vocabulary lacks, kinds of outcome, the
//! title of the person's own series, exclusions and a veto that lapses.
//!
//! A rule is a [`Condition`] — `all` / `any` / `not` / at-least-N over [`Leaf`]s — under its
//! clause, with an [`Outcome`] kind and what it [`Grant`]s. The evaluator
//! (`crate::evaluate::conditions`) is one small interpreter of these; the leaves are the only
//! place that knows the person's fields.

use crate::model::Post;
use crate::model::{Clause, SkillLevel, Title};

/// A fact a policy needs beyond the built-in roster vocabulary (`继续教育学时`, `人员身份`,
/// `是否聘任到特级技师岗位`), read from the columns its headers name; `template` offers it as a
/// column and a roster without it leaves every leaf on it unknown.
#[derive(Debug)]
pub struct FactDef {
    /// As the document and the messages say it.
    pub name: &'static str,
    pub kind: FactKind,
    /// Header texts that name it (a roster's column is matched like a `--map` header).
    pub headers: Vec<&'static str>,
    /// What a leaf on it is when the roster has no such column or the cell is empty (`if_missing`):
    /// unknown unless the document says otherwise (a status column left empty for ordinary
    /// employees is `unmet` for an exclusion; a fact checked elsewhere is `met`).
    pub if_missing: crate::model::Tri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// 是/否.
    YesNo,
    Number,
    Date,
    Text,
}

impl FactKind {
    pub fn word(self) -> &'static str {
        match self {
            FactKind::YesNo => "是否",
            FactKind::Number => "数值",
            FactKind::Date => "日期",
            FactKind::Text => "文字",
        }
    }
}

/// A condition over a person, three-valued like every fact.
#[derive(Debug)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// At least this many of the conditions (`同时获得两项`: 2 of a list of honours).
    AtLeast(usize, Vec<Condition>),
    Leaf(Leaf),
}

/// The facts a condition can test.
#[derive(Debug)]
pub enum Leaf {
    /// Holds this skill level or above.
    Level(SkillLevel),
    /// Holds this title or one above it in its series.
    Title(Title),
    /// Holds this honour of the policy's catalogue, in this role where one is named.
    Honour { honour: usize, role: Option<Role> },
    /// This many years have passed since a start (the later of several, where several are named).
    Years { years: u32, since: Vec<Since> },
    /// The post type is one of these.
    Post(Vec<Post>),
    /// The most recent this many annual appraisals all pass (the policy's pass words).
    Appraisals(usize),
    /// A declared fact tested against a value.
    Fact { fact: usize, test: FactTest },
}

/// A day years are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The day the person obtained this level (`None`: the level held).
    Level(Option<SkillLevel>),
    /// The day the person obtained the title held.
    Title,
    /// 从事本职业起始时间.
    OccupationStart,
    /// A declared date.
    Fact(usize),
}

#[derive(Debug)]
pub enum FactTest {
    /// A yes/no fact is this.
    Is(bool),
    /// A number is at least this.
    AtLeast(f64),
    /// A text holds one of these words.
    AnyOf(Vec<&'static str>),
    /// A date is less than this many years before the evaluation date.
    WithinYears(u32),
}

/// The part a person had in an honour of a contest: 选手 (the contestant) or 教练 / 技术指导专家.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Contestant,
    Coach,
}

impl Role {
    pub fn word(self) -> &'static str {
        match self {
            Role::Contestant => "选手",
            Role::Coach => "教练或技术指导专家",
        }
    }

    /// Words of an award text that name the role. A text that names no coach's role is the
    /// contestant's (people write their own medals; coaches and experts say what they were).
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Role::Contestant => &["选手", "获得者", "参赛"],
            Role::Coach => &["教练", "技术指导", "指导专家", "指导教师", "专家组"],
        }
    }
}

/// What a rule lets a person do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// 可申报: may apply, by the ordinary conditions.
    Apply,
    /// 可破格申报: may apply bypassing the ordinary conditions.
    Exceptional,
    /// 可直接申报: may apply directly for this title, without the lower ones.
    Direct,
    /// 直接认定: recognised outright, no application or review.
    Recognised,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Apply, Outcome::Exceptional, Outcome::Direct, Outcome::Recognised];

    /// As the document says it, before what it grants: `可直接申报正高级工程师`.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Apply => "可申报",
            Outcome::Exceptional => "可破格申报",
            Outcome::Direct => "可直接申报",
            Outcome::Recognised => "直接认定为",
        }
    }

    /// What it lets one do, after 可 / 暂不能 / 能否: `直接申报`.
    pub fn action(self) -> &'static str {
        match self {
            Outcome::Apply => "申报",
            Outcome::Exceptional => "破格申报",
            Outcome::Direct => "直接申报",
            Outcome::Recognised => "直接认定为",
        }
    }

    /// The JSONL's name.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Apply => "apply",
            Outcome::Exceptional => "exceptional",
            Outcome::Direct => "direct",
            Outcome::Recognised => "recognised",
        }
    }
}

/// What a rule grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Title(Title),
    /// The title of the person's own series at this grade (`可直接申报相应系列正高级职称`): the
    /// series the occupation belongs to, else the series of the title held, else the route's first.
    SeriesGrade(u8),
    Level(SkillLevel),
}

/// The two routes, as rules and exclusions name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteId {
    /// 技能→职称.
    SkillToTitle,
    /// 职称→技能.
    TitleToSkill,
}

impl RouteId {
    pub fn label(self) -> &'static str {
        match self {
            RouteId::SkillToTitle => "技能→职称路径",
            RouteId::TitleToSkill => "职称→技能路径",
        }
    }
}

/// A rule: when its condition holds, its outcome for what it grants.
#[derive(Debug)]
pub struct Rule {
    pub clause: Clause,
    pub route: RouteId,
    pub outcome: Outcome,
    pub grants: Grant,
    pub when: Condition,
}

/// A condition on whole routes: an exclusion (`[[exclude]]`: 公务员、已离退休人员不在适用范围 — when
/// it holds, the routes are not applicable) or a requirement (`[[require]]`: 每年继续教育不少于72学时
/// as a basic condition — when it fails, nothing the routes give is open). Unknown, either leaves
/// the routes at most 待核实.
#[derive(Debug)]
pub struct Gate {
    pub clause: Clause,
    pub routes: Vec<RouteId>,
    pub when: Condition,
}

/// A veto that lapses: a record found more than `years` years before the evaluation date (by the
/// declared date `since`) no longer vetoes.
#[derive(Debug)]
pub struct VetoLapse {
    pub years: u32,
    pub since: usize,
}
