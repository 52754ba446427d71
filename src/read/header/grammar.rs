//! Header texts read by their parts (ROSTER.md, "Header words as people write them").
//!
//! Rosters nobody here wrote name the same column in many ways — `技术职称`, `现任专业技术职务`,
//! `专业技术职务评定时间`, `职业等级`, `考生姓名`, a bare `等级` under `现有证书情况` — so a header is
//! not looked up in a closed list but read as a phrase of four kinds of parts:
//!
//! - **qualifiers**, which mostly add nothing (`现`, `现任`, `取得`, `考生`), but a few change what
//!   the phrase means: `专业技术` makes a `职务` a title, `申报`/`报考` make a level or title the one
//!   applied for (not held), `聘任` makes a date the appointment's (not the qualification's),
//!   `起始` makes an occupation's date the day the person started it;
//! - a **head** naming the fact (`姓名`, `职称`, `职务`, `资格`, `技能等级`, `工种`, `证书` …);
//! - an **attribute** saying which side of the fact the column holds: the value itself (`名称`), its
//!   grade (`等级`, `级别`), its date (`时间`, `日期`, `年月`), its kind (`类别`, `性质`), its series
//!   (`系列`), or something else the screening does not read (`专业`, `编号`, `发证机关`, `有效期`);
//! - the **group** above the leaf in a header block, which gives a head to a leaf that has none.
//!
//! The phrase is cut into the longest known words from the left; a text with any part not in the
//! vocabulary names nothing, so an unknown column is kept as it is rather than guessed.
//! [`Phrase::of`] does the cutting, [`Phrase::key`] and [`Phrase::under`] give the field.

use super::Key;

/// What a header's head names. Several heads may name one field; some need a qualifier or an
/// attribute to name one at all (`职务` alone is a post, not a title; `证书` alone is any certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Name,
    IdNumber,
    Employer,
    Department,
    /// `岗位`: the post itself (a job's name); only its kind (`岗位类别`) is a field.
    Post,
    Occupation,
    /// A skill level (`技能等级`, `职业资格`, `技术等级`, `职业等级`).
    Skill,
    /// An engineering or other title (`职称`, `专业技术职务`, `专业技术资格`, `任职资格`).
    Title,
    /// `职务`: a title when professional (`专业技术职务`, `技术职务`), else a post in the hierarchy.
    Duty,
    /// `资格`: a title when professional (`专业技术资格`), else unsaid (a group decides).
    Qualification,
    /// `证书`: a certificate; its grade (`证书等级`) is a skill level, its date a credential's date.
    Certificate,
    /// A named lower level whose date a history column gives (`高级工取得时间`).
    History(HistoryLevel),
    Education,
    TechSchoolClass,
    Major,
    MajorRelated,
    Appraisal,
    Awards,
    Competitions,
    MasterStudio,
    Integrity,
}

/// The levels a history date column may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryLevel {
    SeniorWorker,
    Technician,
    /// A level with no history column of its own (`高级技师取得时间`): read as nothing.
    Other,
}

/// Which side of the fact a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The fact's value as a name: `名称`, `称号`, `结果`, `情况`.
    Value,
    /// Its grade: `等级`, `级别`, `等次`, `档次`.
    Grade,
    /// Its date: `时间`, `日期`, `年月`.
    Date,
    /// Its kind: `类别`, `类型`, `性质`.
    Category,
    /// Its series: `系列`.
    Series,
    /// A field of study: `专业` (the title's 专业 is not the title; a bare `专业` is the major).
    Speciality,
    /// Anything else about the fact, never the fact: `编号`, `发证机关`, `有效期`, `拼音`, `说明` ….
    Other,
}

/// Qualifiers that change what the phrase means; the others are read and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// `现`, `取得`, `考生` …: adds nothing.
    Plain,
    /// `专业技术`, `专技`, `技术`: makes `职务`/`资格` a title.
    Professional,
    /// `申报`, `报考`, `拟`: what the person applies for, not what they hold.
    Applied,
    /// `聘任`, `聘用`: the appointment to a post, whose date is not the qualification's.
    Appointed,
    /// `起始`, `开始`: the day something started.
    Start,
    /// `评定`, `评审`: an assessment, which alone (`评定时间`) is a title's.
    Assessed,
    /// `取得`, `发证`, `取证`, `获得` …: obtaining a credential, whose date is a credential's.
    Obtained,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Head(Fact),
    Side(Side),
    Qualifier(Qualifier),
    /// `及`, `和`, `/`, `、`: alternatives in one column (`职称/专业技术职务`).
    Joiner,
    /// `情况`, `信息`: adds nothing (`技能等级情况` is about 技能等级).
    Filler,
}

use Fact as F;
use Part::{Filler, Head, Joiner, Qualifier as Q, Side as S};
use Qualifier as Qk;
use Side as Sd;

/// The vocabulary, folded (no spaces, brackets removed). Longer words are tried first, so
/// `发证单位` is an attribute and never `发证` + an employer, and `技能大赛` is a competition and
/// never `技能` + something.
const WORDS: &[(&str, Part)] = &[
    // Heads.
    ("姓名", Head(F::Name)),
    ("名字", Head(F::Name)),
    ("身份证号码", Head(F::IdNumber)),
    ("身份证号", Head(F::IdNumber)),
    ("身份证", Head(F::IdNumber)),
    ("公民身份号码", Head(F::IdNumber)),
    ("公民身份证号码", Head(F::IdNumber)),
    ("身份证件号码", Head(F::IdNumber)),
    ("证件号码", Head(F::IdNumber)),
    ("证件号", Head(F::IdNumber)),
    ("单位", Head(F::Employer)),
    ("企业", Head(F::Employer)),
    ("公司", Head(F::Employer)),
    ("部门", Head(F::Department)),
    ("车间", Head(F::Department)),
    ("科室", Head(F::Department)),
    ("班组", Head(F::Department)),
    ("岗位", Head(F::Post)),
    ("职业", Head(F::Occupation)),
    ("工种", Head(F::Occupation)),
    ("技术技能工作", Head(F::Occupation)),
    ("技能等级", Head(F::Skill)),
    ("职业技能等级", Head(F::Skill)),
    ("职业资格", Head(F::Skill)),
    ("技术等级", Head(F::Skill)),
    ("职业等级", Head(F::Skill)),
    ("技能水平", Head(F::Skill)),
    ("技能", Head(F::Skill)),
    ("职称", Head(F::Title)),
    ("任职资格", Head(F::Title)),
    ("职务", Head(F::Duty)),
    ("资格", Head(F::Qualification)),
    ("证书", Head(F::Certificate)),
    ("证", Head(F::Certificate)),
    ("高级工", Head(F::History(HistoryLevel::SeniorWorker))),
    ("技师", Head(F::History(HistoryLevel::Technician))),
    ("高级技师", Head(F::History(HistoryLevel::Other))),
    ("特级技师", Head(F::History(HistoryLevel::Other))),
    ("首席技师", Head(F::History(HistoryLevel::Other))),
    ("中级工", Head(F::History(HistoryLevel::Other))),
    ("初级工", Head(F::History(HistoryLevel::Other))),
    ("学历", Head(F::Education)),
    ("文化程度", Head(F::Education)),
    ("技工院校班级", Head(F::TechSchoolClass)),
    ("技工院校学制", Head(F::TechSchoolClass)),
    ("毕业班级类型", Head(F::TechSchoolClass)),
    ("所学专业", Head(F::Major)),
    ("是否对口", Head(F::MajorRelated)),
    ("专业对口", Head(F::MajorRelated)),
    ("专业是否对口", Head(F::MajorRelated)),
    ("所学专业是否对口", Head(F::MajorRelated)),
    ("考核", Head(F::Appraisal)),
    ("年度考核", Head(F::Appraisal)),
    ("考评", Head(F::Appraisal)),
    ("荣誉", Head(F::Awards)),
    ("称号", Head(F::Awards)),
    ("获奖", Head(F::Awards)),
    ("表彰", Head(F::Awards)),
    ("奖励", Head(F::Awards)),
    ("奖项", Head(F::Awards)),
    ("竞赛", Head(F::Competitions)),
    ("大赛", Head(F::Competitions)),
    ("比赛", Head(F::Competitions)),
    ("技能竞赛", Head(F::Competitions)),
    ("技能大赛", Head(F::Competitions)),
    ("职业技能竞赛", Head(F::Competitions)),
    ("职业技能大赛", Head(F::Competitions)),
    ("技能大师工作室", Head(F::MasterStudio)),
    ("技能大师工作站", Head(F::MasterStudio)),
    ("大师工作室", Head(F::MasterStudio)),
    ("大师工作站", Head(F::MasterStudio)),
    ("工作室", Head(F::MasterStudio)),
    ("工作站", Head(F::MasterStudio)),
    ("诚信", Head(F::Integrity)),
    ("失信", Head(F::Integrity)),
    ("弄虚作假", Head(F::Integrity)),
    // Attributes.
    ("名称", S(Sd::Value)),
    ("结果", S(Sd::Value)),
    ("成绩", S(Sd::Value)),
    ("名次", S(Sd::Value)),
    ("记录", S(Sd::Value)),
    ("等级", S(Sd::Grade)),
    ("级别", S(Sd::Grade)),
    ("等次", S(Sd::Grade)),
    ("档次", S(Sd::Grade)),
    ("层次", S(Sd::Grade)),
    ("级", S(Sd::Grade)),
    ("时间", S(Sd::Date)),
    ("日期", S(Sd::Date)),
    ("年月", S(Sd::Date)),
    ("年月日", S(Sd::Date)),
    ("类别", S(Sd::Category)),
    ("类型", S(Sd::Category)),
    ("性质", S(Sd::Category)),
    ("系列", S(Sd::Series)),
    ("专业", S(Sd::Speciality)),
    ("编号", S(Sd::Other)),
    ("证号", S(Sd::Other)),
    ("号码", S(Sd::Other)),
    ("号", S(Sd::Other)),
    ("发证机关", S(Sd::Other)),
    ("发证单位", S(Sd::Other)),
    ("发证机构", S(Sd::Other)),
    ("颁证机关", S(Sd::Other)),
    ("颁证单位", S(Sd::Other)),
    ("认定机构", S(Sd::Other)),
    ("评审机构", S(Sd::Other)),
    ("鉴定机构", S(Sd::Other)),
    ("审批机关", S(Sd::Other)),
    ("授予单位", S(Sd::Other)),
    ("有效期", S(Sd::Other)),
    ("有效期限", S(Sd::Other)),
    ("拼音", S(Sd::Other)),
    ("年限", S(Sd::Other)),
    ("说明", S(Sd::Other)),
    ("备注", S(Sd::Other)),
    ("代码", S(Sd::Other)),
    ("地址", S(Sd::Other)),
    ("电话", S(Sd::Other)),
    ("照片", S(Sd::Other)),
    ("扫描件", S(Sd::Other)),
    ("附件", S(Sd::Other)),
    ("文号", S(Sd::Other)),
    ("批文", S(Sd::Other)),
    ("数量", S(Sd::Other)),
    ("人数", S(Sd::Other)),
    ("次数", S(Sd::Other)),
    ("层级", S(Sd::Other)),
    // Qualifiers.
    ("现", Q(Qk::Plain)),
    ("现任", Q(Qk::Plain)),
    ("现有", Q(Qk::Plain)),
    ("目前", Q(Qk::Plain)),
    ("当前", Q(Qk::Plain)),
    ("已", Q(Qk::Plain)),
    ("原", Q(Qk::Plain)),
    ("最高", Q(Qk::Plain)),
    ("最终", Q(Qk::Plain)),
    ("本人", Q(Qk::Plain)),
    ("个人", Q(Qk::Plain)),
    ("所在", Q(Qk::Plain)),
    ("所属", Q(Qk::Plain)),
    ("所获", Q(Qk::Plain)),
    ("所持", Q(Qk::Plain)),
    ("持有", Q(Qk::Plain)),
    ("工作", Q(Qk::Plain)),
    ("用人", Q(Qk::Plain)),
    ("从事", Q(Qk::Plain)),
    ("本", Q(Qk::Plain)),
    ("工人", Q(Qk::Plain)),
    ("考生", Q(Qk::Plain)),
    ("职工", Q(Qk::Plain)),
    ("员工", Q(Qk::Plain)),
    ("学员", Q(Qk::Plain)),
    ("人员", Q(Qk::Plain)),
    ("申报人", Q(Qk::Plain)),
    ("申请人", Q(Qk::Plain)),
    ("近三年", Q(Qk::Plain)),
    ("近3年", Q(Qk::Plain)),
    ("近三个年度", Q(Qk::Plain)),
    ("年度", Q(Qk::Plain)),
    ("历年", Q(Qk::Plain)),
    ("省级以上", Q(Qk::Plain)),
    ("专业技术", Q(Qk::Professional)),
    ("专技", Q(Qk::Professional)),
    ("技术", Q(Qk::Professional)),
    ("申报", Q(Qk::Applied)),
    ("报考", Q(Qk::Applied)),
    ("拟申报", Q(Qk::Applied)),
    ("拟", Q(Qk::Applied)),
    ("申请", Q(Qk::Applied)),
    ("聘任", Q(Qk::Appointed)),
    ("聘用", Q(Qk::Appointed)),
    ("受聘", Q(Qk::Appointed)),
    ("现聘", Q(Qk::Appointed)),
    ("起始", Q(Qk::Start)),
    ("开始", Q(Qk::Start)),
    ("起", Q(Qk::Start)),
    ("评定", Q(Qk::Assessed)),
    ("评审", Q(Qk::Assessed)),
    ("取得", Q(Qk::Obtained)),
    ("获得", Q(Qk::Obtained)),
    ("获取", Q(Qk::Obtained)),
    ("考取", Q(Qk::Obtained)),
    ("认定", Q(Qk::Obtained)),
    ("发证", Q(Qk::Obtained)),
    ("取证", Q(Qk::Obtained)),
    ("获证", Q(Qk::Obtained)),
    ("颁证", Q(Qk::Obtained)),
    ("颁发", Q(Qk::Obtained)),
    ("核发", Q(Qk::Obtained)),
    ("批准", Q(Qk::Obtained)),
    ("鉴定", Q(Qk::Obtained)),
    ("授予", Q(Qk::Obtained)),
    // Joiners and fillers.
    ("及", Joiner),
    ("和", Joiner),
    ("与", Joiner),
    ("或", Joiner),
    ("/", Joiner),
    ("、", Joiner),
    ("情况", Filler),
    ("基本情况", Filler),
    ("信息", Filler),
    ("状况", Filler),
    ("的", Filler),
    ("-", Filler),
    ("_", Filler),
    ("·", Filler),
    (".", Filler),
];

/// The longest word of [`WORDS`] in characters, to bound the search at each place.
const LONGEST: usize = 8;

/// A header text cut into its parts and gathered: the fact it is about (if it names one), the side
/// of it, and the qualifiers that change the meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Phrase {
    pub fact: Option<Fact>,
    pub side: Option<Side>,
    pub professional: bool,
    pub applied: bool,
    pub appointed: bool,
    pub start: bool,
    pub assessed: bool,
    pub obtained: bool,
    /// Two heads that name different fields (`技能等级及职称`): the column is neither.
    conflict: bool,
}

impl Phrase {
    /// The phrase `text` (folded) is, or `None` when some part of it is not in the vocabulary.
    pub fn of(text: &str) -> Option<Phrase> {
        let chars: Vec<char> = text.chars().collect();
        if chars.is_empty() {
            return None;
        }
        let mut phrase = Phrase::default();
        let mut i = 0;
        while i < chars.len() {
            let (len, part) = (1..=LONGEST.min(chars.len() - i))
                .rev()
                .find_map(|n| {
                    let word: String = chars[i..i + n].iter().collect();
                    WORDS.iter().find(|(w, _)| *w == word).map(|(_, p)| (n, *p))
                })?;
            phrase.add(part);
            i += len;
        }
        Some(phrase)
    }

    fn add(&mut self, part: Part) {
        match part {
            Head(f) => self.fact = Some(self.fact.map_or(f, |g| self.joined(g, f))),
            // An attribute that is not the fact's own (`编号`, `发证机关`) settles the column.
            S(s) if self.side != Some(Sd::Other) => self.side = Some(s),
            S(_) => {}
            Q(q) => match q {
                Qk::Plain => {}
                Qk::Professional => self.professional = true,
                Qk::Applied => self.applied = true,
                Qk::Appointed => self.appointed = true,
                Qk::Start => self.start = true,
                Qk::Assessed => self.assessed = true,
                Qk::Obtained => self.obtained = true,
            },
            Joiner | Filler => {}
        }
    }

    /// Two heads in one phrase: the same fact, a certificate of a fact (`职称证书`), a weaker head
    /// beside a stronger one (`职称和职务`, `技能竞赛获奖`); any other pair names nothing.
    fn joined(&mut self, a: Fact, b: Fact) -> Fact {
        match (a, b) {
            _ if a == b => a,
            (f, F::Certificate) | (F::Certificate, f) => f,
            (F::Title, F::Duty | F::Qualification) | (F::Duty | F::Qualification, F::Title) => F::Title,
            (F::Skill, F::Qualification) | (F::Qualification, F::Skill) => F::Skill,
            (F::Occupation, F::Skill) | (F::Skill, F::Occupation) => F::Skill,
            (F::Competitions, F::Awards) | (F::Awards, F::Competitions) => F::Competitions,
            (F::Skill, F::Competitions) => F::Competitions,
            (F::Awards, F::Integrity) | (F::Integrity, F::Awards) => F::Integrity,
            _ => {
                self.conflict = true;
                a
            }
        }
    }

    /// The fact after its qualifiers: `专业技术职务` is a title, `职务` alone is not.
    fn fact(&self) -> Option<Fact> {
        match self.fact? {
            _ if self.conflict => None,
            F::Duty | F::Qualification if self.professional => Some(F::Title),
            // Only titles come in series (`资格系列`).
            F::Qualification if self.side == Some(Sd::Series) => Some(F::Title),
            f => Some(f),
        }
    }

    /// The field this phrase names on its own (no group above it), if any.
    pub fn key(&self) -> Option<Key> {
        match self.fact() {
            Some(f) => field(f, self.side, self),
            // No head: only a few attributes mean something alone.
            None if self.conflict => None,
            None => match self.side {
                Some(Sd::Speciality) if !self.any_qualifier() => Some(Key::Major),
                Some(Sd::Date) if self.assessed && !self.obtained => Some(Key::TitleDate),
                _ => None,
            },
        }
    }

    /// A credential's date with no head (`取得时间`, `发证日期`, `获取时间`, `证书取得时间`): whose
    /// it is, the column to its left or the group above says.
    pub fn is_generic_date(&self) -> bool {
        self.side == Some(Sd::Date)
            && self.obtained
            && !self.appointed
            && !self.conflict
            && matches!(self.fact, None | Some(F::Certificate | F::Qualification))
    }

    /// A date and nothing it is the date of (`时间`, `取得时间`, `评定时间`, `取得资格时间`): a group
    /// above or a combined header says whose.
    pub fn names_a_date_only(&self) -> bool {
        let headless = match self.fact {
            None | Some(F::Certificate) => true,
            Some(F::Duty | F::Qualification) => !self.professional,
            Some(_) => false,
        };
        self.side == Some(Sd::Date) && headless && !self.conflict
    }

    /// What this phrase (a leaf with no head of its own, or a certificate's) means under a group
    /// about `group`: `现有证书情况 › 等级` is a skill level, `职称情况 › 取得时间` the title's date.
    pub fn under(&self, group: Fact) -> Option<Key> {
        if self.conflict || !matches!(self.fact(), None | Some(F::Certificate | F::Duty | F::Qualification)) {
            return None;
        }
        // A leaf that is only its group's attribute names the group's field; a certificate group's
        // grade and date are a skill level's (a `名称` of any certificate says nothing).
        let group = match (group, self.side) {
            (F::Certificate, Some(Sd::Grade | Sd::Date)) => F::Skill,
            (F::Duty | F::Qualification, _) => F::Title,
            (g, _) => g,
        };
        field(group, self.side.or(Some(Sd::Value)), self)
    }

    fn any_qualifier(&self) -> bool {
        self.professional || self.applied || self.appointed || self.start || self.assessed || self.obtained
    }
}

/// The field of a fact's side, with the qualifiers that change it.
fn field(fact: Fact, side: Option<Side>, q: &Phrase) -> Option<Key> {
    let value = matches!(side, None | Some(Sd::Value));
    let date = side == Some(Sd::Date) && !q.appointed;
    match fact {
        F::Name if value => Some(Key::Name),
        F::IdNumber if value => Some(Key::IdNumber),
        F::Employer if value => Some(Key::Employer),
        F::Department if value => Some(Key::Department),
        F::Post if side == Some(Sd::Category) => Some(Key::PostType),
        F::Occupation if (value || side == Some(Sd::Category)) && !q.start => Some(Key::Occupation),
        F::Occupation if side == Some(Sd::Date) && q.start => Some(Key::OccupationStart),
        F::Occupation | F::Skill | F::Certificate if side == Some(Sd::Grade) && !q.applied => Some(Key::SkillLevel),
        F::Skill if value && !q.applied => Some(Key::SkillLevel),
        F::Skill if date => Some(Key::SkillDate),
        F::Title if (value || side == Some(Sd::Grade)) && !q.applied => Some(Key::Title),
        F::Title if date => Some(Key::TitleDate),
        F::Title if side == Some(Sd::Series) => Some(Key::TitleSeries),
        F::History(HistoryLevel::SeniorWorker) if date => Some(Key::SeniorWorkerDate),
        F::History(HistoryLevel::Technician) if date => Some(Key::TechnicianDate),
        F::Education if value || side == Some(Sd::Grade) => Some(Key::Education),
        F::Education if side == Some(Sd::Speciality) => Some(Key::Major),
        F::TechSchoolClass if value || side == Some(Sd::Category) => Some(Key::TechSchoolClass),
        F::Major if value => Some(Key::Major),
        F::MajorRelated if value => Some(Key::MajorRelated),
        F::Appraisal if value || side == Some(Sd::Grade) => Some(Key::Appraisal),
        F::Awards if value || side == Some(Sd::Grade) => Some(Key::Awards),
        F::Competitions if value || side == Some(Sd::Grade) => Some(Key::Competitions),
        F::MasterStudio if value || side == Some(Sd::Grade) => Some(Key::MasterStudio),
        F::Integrity if value => Some(Key::Integrity),
        _ => None,
    }
}

/// The fact a group heading is about (`技能等级情况` → skill, `现有证书情况` → certificate), with
/// any side it gives (`近三年年度考核` has none).
pub fn group_fact(text: &str) -> Option<Fact> {
    let p = Phrase::of(text)?;
    if p.conflict || p.applied || matches!(p.side, Some(Sd::Other | Sd::Speciality)) {
        return None;
    }
    // `专业技术情况`, `专业技术人员`: a group about the professional title.
    p.fact().or(p.professional.then_some(F::Title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_within_the_longest() {
        for (w, _) in WORDS {
            assert!(w.chars().count() <= LONGEST, "{w}");
        }
        let mut seen = std::collections::HashSet::new();
        for (w, _) in WORDS {
            assert!(seen.insert(*w), "{w} twice");
        }
    }

    #[test]
    fn phrases_by_their_parts() {
        let cases: &[(&str, Option<Key>)] = &[
            ("技术职称", Some(Key::Title)),
            ("职称等级", Some(Key::Title)),
            ("现任专业技术职务", Some(Key::Title)),
            ("专业技术职务评定时间", Some(Key::TitleDate)),
            ("专业技术资格评定时间", Some(Key::TitleDate)),
            ("职业等级", Some(Key::SkillLevel)),
            ("技术等级", Some(Key::SkillLevel)),
            ("工人技术等级", Some(Key::SkillLevel)),
            ("考生姓名", Some(Key::Name)),
            ("职工姓名", Some(Key::Name)),
            ("职称专业", None),
            ("职称证书编号", None),
            ("职业资格证书编号", None),
            ("发证机关", None),
            ("发证单位", None),
            ("职务", None),
            ("行政职务", None),
            ("申报等级", None),
            ("申报职称", None),
            ("专业技术职务聘任时间", None),
            ("姓名拼音", None),
            ("岗位", None),
            ("岗位类别", Some(Key::PostType)),
            ("参加工作时间", None),
            ("技能等级及职称", None),
            ("评定时间", Some(Key::TitleDate)),
            ("高级技师取得时间", None),
            ("高级工取得时间", Some(Key::SeniorWorkerDate)),
            ("从事本工种起始时间", Some(Key::OccupationStart)),
            ("学历专业", Some(Key::Major)),
            ("专业", Some(Key::Major)),
        ];
        for (text, key) in cases {
            assert_eq!(Phrase::of(text).and_then(|p| p.key()), *key, "{text}");
        }
        for text in ["获取时间", "取证时间", "证书取得时间", "发证日期"] {
            assert!(Phrase::of(text).is_some_and(|p| p.is_generic_date()), "{text}");
        }
        for text in ["出生日期", "聘任时间", "时间", "评定时间"] {
            assert!(!Phrase::of(text).is_some_and(|p| p.is_generic_date()), "{text}");
        }
    }

    #[test]
    fn a_leaf_under_its_group() {
        let under = |group: &str, leaf: &str| Phrase::of(leaf)?.under(group_fact(group)?);
        assert_eq!(under("现有证书情况", "等级"), Some(Key::SkillLevel));
        assert_eq!(under("现有证书情况", "取证时间"), Some(Key::SkillDate));
        assert_eq!(under("现有证书情况", "名称"), None);
        assert_eq!(under("职称情况", "专业"), None);
        assert_eq!(under("专业技术职务", "名称"), Some(Key::Title));
        assert_eq!(under("专业技术职务", "聘任时间"), None);
    }
}
