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
    /// A title or a skill level, one column of either (`职称/技能等级`, `职称或职业资格`).
    Either,
    /// `职务`: a title when professional (`专业技术职务`, `技术职务`), else a post in the hierarchy.
    Duty,
    /// `资格`: a title when professional (`专业技术资格`), else unsaid (a group decides).
    Qualification,
    /// `证书`: a certificate; its grade (`证书等级`) is a skill level, its date a credential's date.
    Certificate,
    /// A named lower level whose date a history column gives (`高级工取得时间`).
    History(HistoryLevel),
    Education,
    /// `学位`: a degree, which beside 学历 (`学历/学位`) is the education and alone is not.
    Degree,
    TechSchoolClass,
    Major,
    MajorRelated,
    Appraisal,
    Awards,
    /// `成绩`: a score, which is a competition's (`竞赛成绩`) and alone nothing.
    Score,
    Competitions,
    MasterStudio,
    Integrity,
}

/// The levels a history date column may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryLevel {
    SeniorWorker,
    Technician,
    SeniorTechnician,
    Principal,
    Chief,
    /// A level with no history column of its own (`中级工取得时间`): no rule counts years from it.
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
    /// `鉴定`: a skill assessment, whose grade (`鉴定等级`) is a skill level.
    Certified,
    /// `从事`: what the person works in; `从事专业` is a field of work, not the studied major.
    Engaged,
    /// `原`: a former one; `原单位` is not the employer (`原证书等级` is still the level held).
    Former,
    /// `是否`, `是否有`: a question, answered 是 or 否. Only an integrity header is read as one
    /// (`是否有弄虚作假行为`); `是否最高职称` is a flag about a credential, not the credential.
    Asking,
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
    ("身份证件号", Head(F::IdNumber)),
    ("社会保障号码", Head(F::IdNumber)),
    ("社会保障号", Head(F::IdNumber)),
    ("证件号码", Head(F::IdNumber)),
    ("证件号", Head(F::IdNumber)),
    ("单位", Head(F::Employer)),
    ("企业", Head(F::Employer)),
    ("公司", Head(F::Employer)),
    ("机构", Head(F::Employer)),
    ("组织", Head(F::Employer)),
    ("部门", Head(F::Department)),
    ("车间", Head(F::Department)),
    ("科室", Head(F::Department)),
    ("班组", Head(F::Department)),
    ("团队", Head(F::Department)),
    ("岗位", Head(F::Post)),
    ("职业", Head(F::Occupation)),
    ("工种", Head(F::Occupation)),
    ("技术技能工作", Head(F::Occupation)),
    ("专业工种", Head(F::Occupation)),
    ("技能等级", Head(F::Skill)),
    ("职业技能等级", Head(F::Skill)),
    ("职业资格", Head(F::Skill)),
    ("技术等级", Head(F::Skill)),
    ("职业等级", Head(F::Skill)),
    ("技能水平", Head(F::Skill)),
    ("技术工人", Head(F::Skill)),
    ("技术工", Head(F::Skill)),
    ("技能", Head(F::Skill)),
    ("职称", Head(F::Title)),
    ("任职资格", Head(F::Title)),
    ("专业资格", Head(F::Title)),
    ("职务", Head(F::Duty)),
    ("资格", Head(F::Qualification)),
    ("证书", Head(F::Certificate)),
    ("证", Head(F::Certificate)),
    // `持证等级`: the grade of the certificate held.
    ("持证", Head(F::Certificate)),
    ("高级工", Head(F::History(HistoryLevel::SeniorWorker))),
    ("技师", Head(F::History(HistoryLevel::Technician))),
    ("高级技师", Head(F::History(HistoryLevel::SeniorTechnician))),
    ("特级技师", Head(F::History(HistoryLevel::Principal))),
    ("首席技师", Head(F::History(HistoryLevel::Chief))),
    ("中级工", Head(F::History(HistoryLevel::Other))),
    ("初级工", Head(F::History(HistoryLevel::Other))),
    ("学历", Head(F::Education)),
    ("文化程度", Head(F::Education)),
    ("教育程度", Head(F::Education)),
    ("教育", Head(F::Education)),
    ("学位", Head(F::Degree)),
    ("技工院校班级", Head(F::TechSchoolClass)),
    ("技工院校", Head(F::TechSchoolClass)),
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
    ("授奖", Head(F::Awards)),
    ("奖惩", Head(F::Awards)),
    ("成绩", Head(F::Score)),
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
    // A record of the kind the veto is about, to be checked against it: read as the integrity column.
    ("不良记录", Head(F::Integrity)),
    ("违纪", Head(F::Integrity)),
    ("违法", Head(F::Integrity)),
    ("违法违纪", Head(F::Integrity)),
    ("违纪违法", Head(F::Integrity)),
    ("犯罪", Head(F::Integrity)),
    // Attributes.
    ("名称", S(Sd::Value)),
    ("结果", S(Sd::Value)),
    ("项目", S(Sd::Value)),
    ("全称", S(Sd::Value)),
    ("班级", S(Sd::Value)),
    ("学制", S(Sd::Value)),
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
    ("序列", S(Sd::Series)),
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
    // `考核年度`: the year of a one-row-per-year table, not a result (`年度考核` is one word).
    ("年度", S(Sd::Other)),
    // Qualifiers.
    ("现", Q(Qk::Plain)),
    ("现任", Q(Qk::Plain)),
    ("现有", Q(Qk::Plain)),
    ("目前", Q(Qk::Plain)),
    ("当前", Q(Qk::Plain)),
    ("已", Q(Qk::Plain)),
    ("原", Q(Qk::Former)),
    ("人事", Q(Qk::Plain)),
    ("国家", Q(Qk::Plain)),
    ("主要", Q(Qk::Plain)),
    ("就业", Q(Qk::Plain)),
    ("任职", Q(Qk::Plain)),
    ("现任职", Q(Qk::Plain)),
    ("学科", Q(Qk::Plain)),
    ("学习", Q(Qk::Plain)),
    ("毕业", Q(Qk::Plain)),
    ("科技", Q(Qk::Plain)),
    ("参加", Q(Qk::Plain)),
    ("有无", Q(Qk::Plain)),
    // A header asked as a question (`是否有弄虚作假行为`): its 是/否 answers it (normalize::integrity).
    ("是否", Q(Qk::Asking)),
    ("是否有", Q(Qk::Asking)),
    ("是否存在", Q(Qk::Asking)),
    ("有没有", Q(Qk::Asking)),
    ("存在", Q(Qk::Plain)),
    ("一级", Q(Qk::Plain)),
    ("二级", Q(Qk::Plain)),
    ("受", Q(Qk::Plain)),
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
    ("从事", Q(Qk::Engaged)),
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
    // `现具备未聘任的专业技术资格`: held, not appointed to — the qualification itself.
    ("未聘任", Q(Qk::Plain)),
    ("未聘", Q(Qk::Plain)),
    ("具备", Q(Qk::Plain)),
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
    ("签发", Q(Qk::Obtained)),
    ("曾获", Q(Qk::Plain)),
    ("受过", Q(Qk::Plain)),
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
    ("鉴定", Q(Qk::Certified)),
    ("授予", Q(Qk::Obtained)),
    ("颁奖", Q(Qk::Obtained)),
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
    ("行为", Filler),
    // `评审通过时间`: the day an assessment was passed.
    ("通过", Filler),
    // `何时何地受过何种奖励`: the form's question words.
    ("何时", Filler),
    ("何地", Filler),
    ("何种", Filler),
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
    pub certified: bool,
    pub engaged: bool,
    pub former: bool,
    /// Asked as a question ([`Qualifier::Asking`]).
    pub asking: bool,
    /// A joiner was read and nothing after it yet: what follows is an alternative of the column.
    after_joiner: bool,
    /// Two heads that name different fields (`技能等级及职称`): the column is neither.
    conflict: bool,
}

impl Phrase {
    /// The phrase `text` (folded) is, or `None` when some part of it is not in the vocabulary.
    ///
    /// At each place the longest word is taken that leaves a rest that can be cut too (`现任职称`
    /// is `现任` + `职称`, not `现任职` + an unknown `称`). A run of digits is a column's number
    /// (`获奖情况2`, `专业技术职务1级别`) and adds nothing.
    pub fn of(text: &str) -> Option<Phrase> {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        if n == 0 {
            return None;
        }
        // step[i]: the length and part of the word taken at i, when the text from i can be cut.
        let mut step: Vec<Option<(usize, Option<Part>)>> = vec![None; n + 1];
        step[n] = Some((0, None));
        for i in (0..n).rev() {
            let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && step[i + digits].is_some() {
                step[i] = Some((digits, None));
                continue;
            }
            step[i] = (1..=LONGEST.min(n - i)).rev().find_map(|len| {
                step[i + len]?;
                let word: String = chars[i..i + len].iter().collect();
                WORDS.iter().find(|(w, _)| *w == word).map(|(_, p)| (len, Some(*p)))
            });
        }
        let mut phrase = Phrase::default();
        let mut i = 0;
        while i < n {
            let (len, part) = step[i]?;
            if let Some(part) = part {
                phrase.add(part);
            }
            i += len;
        }
        Some(phrase)
    }

    fn add(&mut self, part: Part) {
        let after_joiner = std::mem::take(&mut self.after_joiner);
        match part {
            Head(f) => self.fact = Some(self.fact.map_or(f, |g| self.joined(g, f))),
            // `技术职称或等级`: an attribute alone as the alternative is another fact's.
            S(_) if after_joiner && self.fact.is_some() => self.conflict = true,
            // An attribute that is not the fact's own (`编号`, `发证机关`) settles the column; a
            // `名称` after another attribute (`系列名称`, `等级名称`) leaves it as it was.
            S(Sd::Value) if self.side.is_some() => {}
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
                Qk::Certified => self.certified = true,
                Qk::Engaged => self.engaged = true,
                Qk::Former => self.former = true,
                Qk::Asking => self.asking = true,
            },
            Joiner => self.after_joiner = true,
            Filler => {}
        }
    }

    /// Two heads in one phrase: the same fact, a certificate of a fact (`职称证书`), a weaker head
    /// beside a stronger one (`职称和职务`, `技能竞赛获奖`); any other pair names nothing.
    fn joined(&mut self, a: Fact, b: Fact) -> Fact {
        match (a, b) {
            _ if a == b => a,
            (f, F::Certificate) | (F::Certificate, f) => f,
            (F::Title, F::Duty | F::Qualification) | (F::Duty | F::Qualification, F::Title) => F::Title,
            (F::Title, F::Skill) | (F::Skill, F::Title) | (F::Either, F::Title | F::Skill) => F::Either,
            (F::Skill, F::Qualification) | (F::Qualification, F::Skill) => F::Skill,
            (F::Occupation, F::Skill) | (F::Skill, F::Occupation) => F::Skill,
            (F::Post, F::Occupation) | (F::Occupation, F::Post) => F::Occupation,
            // `所学专业与从事职业是否对口`: whatever it compares, the column is the answer.
            (_, F::MajorRelated) | (F::MajorRelated, _) => {
                self.conflict = false;
                F::MajorRelated
            }
            (F::Competitions, F::Awards | F::Score) | (F::Awards | F::Score, F::Competitions) => F::Competitions,
            (F::Awards, F::Score) | (F::Score, F::Awards) => F::Awards,
            (F::Occupation, F::Qualification) => F::Skill,
            (F::Education, F::Major) | (F::Major, F::Education) => F::Major,
            (F::Education, F::Degree) | (F::Degree, F::Education) => F::Education,
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
        // A question is a yes/no flag about its fact, unless the fact is the integrity record it asks about.
        if self.asking && self.fact() != Some(F::Integrity) {
            return None;
        }
        match self.fact() {
            Some(f) => field(f, self.side, self),
            // No head: only a few attributes mean something alone.
            None if self.conflict => None,
            None => match self.side {
                Some(Sd::Speciality) if !self.any_qualifier() => Some(Key::Major),
                // Only titles come in series (`系列`, `序列`).
                Some(Sd::Series) if !self.applied => Some(Key::TitleSeries),
                // `鉴定等级`: the grade of a skill assessment.
                Some(Sd::Grade) if self.certified && !self.applied => Some(Key::SkillLevel),
                _ => None,
            },
        }
    }

    /// A credential's date with no head (`取得时间`, `发证日期`, `获取时间`, `证书取得时间`): whose
    /// it is, the column to its left or the group above says.
    /// An assessment's date (`评定时间`) is one too: beside a title it is the title's (ROSTER.md
    /// lists it so), beside a level the level's.
    pub fn is_generic_date(&self) -> bool {
        self.side == Some(Sd::Date)
            && (self.obtained || self.assessed || self.certified)
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

    /// Read in full and not a field by design: another attribute of a credential (`职称证书编号`,
    /// `发证机关`, `职称专业`), or a credential applied for, appointed to, started or left
    /// (`申报等级`, `聘任职称级别`, `原单位`). Such a kept column needs no word to the user.
    pub fn declined(&self) -> bool {
        !self.conflict
            && (matches!(self.side, Some(Sd::Other | Sd::Speciality))
                || self.fact == Some(F::History(HistoryLevel::Other))
                || self.applied
                || self.appointed
                || self.start
                || self.former)
    }

    fn any_qualifier(&self) -> bool {
        self.professional
            || self.applied
            || self.appointed
            || self.start
            || self.assessed
            || self.obtained
            || self.engaged
            || self.former
    }
}

/// The field of a fact's side, with the qualifiers that change it.
///
/// A credential's value is the one held: not the one applied for (`申报等级`) nor the post one is
/// appointed to (`聘任职称级别`, which can differ from the qualification). Its date is the day it
/// was obtained: not the appointment's (`聘任时间`) nor a tenure's start (`现任专业技术职务开始时间`).
fn field(fact: Fact, side: Option<Side>, q: &Phrase) -> Option<Key> {
    let value = matches!(side, None | Some(Sd::Value));
    let held = !q.applied && !q.appointed;
    let date = side == Some(Sd::Date) && !q.appointed && !q.start;
    match fact {
        F::Name if value => Some(Key::Name),
        F::IdNumber if value => Some(Key::IdNumber),
        // `原单位`, `发证单位`, `评定单位`: another body than the employer.
        F::Employer if value && !q.former && !q.obtained && !q.assessed => Some(Key::Employer),
        F::Department if value => Some(Key::Department),
        F::Post if side == Some(Sd::Category) => Some(Key::PostType),
        F::Occupation if value && !q.start => Some(Key::Occupation),
        F::Occupation if side == Some(Sd::Date) && q.start => Some(Key::OccupationStart),
        F::Occupation | F::Skill | F::Certificate if side == Some(Sd::Grade) && held => Some(Key::SkillLevel),
        F::Skill if value && held => Some(Key::SkillLevel),
        F::Skill if date => Some(Key::SkillDate),
        F::Title if (value || side == Some(Sd::Grade)) && held => Some(Key::Title),
        F::Title if date => Some(Key::TitleDate),
        F::Either if (value || side == Some(Sd::Grade)) && held => Some(Key::TitleOrLevel),
        F::Either if date => Some(Key::TitleOrLevelDate),
        F::Title if matches!(side, Some(Sd::Series | Sd::Category)) && !q.applied => Some(Key::TitleSeries),
        F::History(HistoryLevel::SeniorWorker) if date => Some(Key::SeniorWorkerDate),
        F::History(HistoryLevel::Technician) if date => Some(Key::TechnicianDate),
        F::History(HistoryLevel::SeniorTechnician) if date => Some(Key::SeniorTechnicianDate),
        F::History(HistoryLevel::Principal) if date => Some(Key::PrincipalTechnicianDate),
        F::History(HistoryLevel::Chief) if date => Some(Key::ChiefTechnicianDate),
        F::Education if value || side == Some(Sd::Grade) => Some(Key::Education),
        F::Education if side == Some(Sd::Speciality) && !q.engaged => Some(Key::Major),
        F::TechSchoolClass if value || side == Some(Sd::Category) => Some(Key::TechSchoolClass),
        F::Major if value => Some(Key::Major),
        F::MajorRelated if value => Some(Key::MajorRelated),
        F::Appraisal if value || side == Some(Sd::Grade) => Some(Key::Appraisal),
        // An honour's or a competition's grade alone (`奖项等级`, `获奖级别`) is not the honour.
        F::Awards if value => Some(Key::Awards),
        F::Competitions if value => Some(Key::Competitions),
        F::MasterStudio if value => Some(Key::MasterStudio),
        F::Integrity if value => Some(Key::Integrity),
        _ => None,
    }
}

/// The fact a group heading is about (`技能等级情况` → skill, `现有证书情况` → certificate), with
/// any side it gives (`近三年年度考核` has none).
pub fn group_fact(p: &Phrase) -> Option<Fact> {
    if p.conflict || p.applied || matches!(p.side, Some(Sd::Other | Sd::Speciality)) {
        return None;
    }
    // `专业技术情况`, `专业技术人员`: a group about the professional title.
    p.fact().or(p.professional.then_some(F::Title))
}

/// Words that show a header is about a credential, an honour, an appraisal or integrity: a kept
/// column whose header holds one is said, never dropped in silence (ROSTER.md, "Never silent").
const ABOUT_CREDENTIALS: &[&str] = &[
    "职称",
    "职务",
    "资格",
    "等级",
    "级别",
    "技能",
    "技师",
    "高级工",
    "工程师",
    "证书",
    "荣誉",
    "奖",
    "竞赛",
    "大赛",
    "考核",
    "诚信",
    "失信",
    "工作室",
    "工作站",
];

/// Does this folded header text name a credential, an honour, an appraisal or integrity?
pub fn about_credentials(text: &str) -> bool {
    ABOUT_CREDENTIALS.iter().any(|w| text.contains(w))
}

/// The field a header the grammar cannot read in full most likely holds, for the `--map` the
/// program suggests: the first head found anywhere in it (`卫计类专业技术职称` → a title), its date
/// when it says one.
pub fn likely_key(text: &str) -> Option<Key> {
    let chars: Vec<char> = text.chars().collect();
    let head = (0..chars.len()).find_map(|i| {
        (1..=LONGEST.min(chars.len() - i)).rev().find_map(|len| {
            let word: String = chars[i..i + len].iter().collect();
            WORDS.iter().find_map(|(w, p)| match p {
                Head(f) if *w == word => Some(*f),
                _ => None,
            })
        })
    })?;
    let dated = ["时间", "日期", "年月"].iter().any(|w| text.contains(w));
    let side = if dated { Sd::Date } else { Sd::Value };
    let phrase = Phrase { professional: true, obtained: true, ..Phrase::default() };
    let head = if head == F::Certificate { F::Skill } else { head };
    field(head, Some(side), &phrase).or_else(|| field(head, Some(Sd::Grade), &phrase))
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
            ("技能等级及职称", Some(Key::TitleOrLevel)),
            ("评定时间", None),
            ("职称/职务", Some(Key::Title)),
            ("技术职称或等级", None),
            ("现任职称", Some(Key::Title)),
            ("聘任职称级别", None),
            ("原单位名称", None),
            ("评定单位", None),
            ("获奖情况2", Some(Key::Awards)),
            ("奖项等级", None),
            ("考核年度", None),
            ("从事专业", None),
            ("鉴定等级", Some(Key::SkillLevel)),
            ("职称序列", Some(Key::TitleSeries)),
            ("现任专业技术职务开始时间", None),
            ("岗位工种", Some(Key::Occupation)),
            ("参加技能竞赛情况", Some(Key::Competitions)),
            ("参加工作时间", None),
            ("有无弄虚作假行为", Some(Key::Integrity)),
            ("是否有弄虚作假行为", Some(Key::Integrity)),
            ("持证等级", Some(Key::SkillLevel)),
            ("现具备未聘任的专业技术资格名称", Some(Key::Title)),
            ("曾获荣誉", Some(Key::Awards)),
            ("何时何地受过何种奖励", Some(Key::Awards)),
            ("是否存在弄虚作假", Some(Key::Integrity)),
            ("有无不良记录", Some(Key::Integrity)),
            ("有无违纪违法", Some(Key::Integrity)),
            ("所学专业与从事职业是否对口", Some(Key::MajorRelated)),
            ("技工院校毕业班级", Some(Key::TechSchoolClass)),
            ("单位全称", Some(Key::Employer)),
            ("技师证书取得时间", Some(Key::TechnicianDate)),
            ("取得专业技术资格时间", Some(Key::TitleDate)),
            ("职称证书取得时间", Some(Key::TitleDate)),
            ("高级技师取得时间", Some(Key::SeniorTechnicianDate)),
            ("特级技师证书取得时间", Some(Key::PrincipalTechnicianDate)),
            ("中级工取得时间", None),
            ("高级工取得时间", Some(Key::SeniorWorkerDate)),
            ("从事本工种起始时间", Some(Key::OccupationStart)),
            ("学历专业", Some(Key::Major)),
            ("专业", Some(Key::Major)),
        ];
        for (text, key) in cases {
            assert_eq!(Phrase::of(text).and_then(|p| p.key()), *key, "{text}");
        }
        for text in ["获取时间", "取证时间", "证书取得时间", "发证日期", "评定时间", "评审通过时间", "资格证书签发日期"]
        {
            assert!(Phrase::of(text).is_some_and(|p| p.is_generic_date()), "{text}");
        }
        for text in ["出生日期", "聘任时间", "时间", "成绩认定日期"] {
            assert!(!Phrase::of(text).is_some_and(|p| p.is_generic_date()), "{text}");
        }
    }

    #[test]
    fn a_header_not_read_in_full_is_said_with_its_likely_field() {
        assert_eq!(likely_key("卫计类专业技术职称"), Some(Key::Title));
        assert_eq!(likely_key("您拥有的最高技能等级证书"), Some(Key::SkillLevel));
        assert_eq!(likely_key("卫计类职称取得时间"), Some(Key::TitleDate));
        assert_eq!(likely_key("有无犯罪记录失信记录"), Some(Key::Integrity));
        assert!(about_credentials("卫计类专业技术职称"));
        assert!(!about_credentials("联系电话"));
    }

    #[test]
    fn a_leaf_under_its_group() {
        let under = |group: &str, leaf: &str| Phrase::of(leaf)?.under(group_fact(&Phrase::of(group)?)?);
        assert_eq!(under("现有证书情况", "等级"), Some(Key::SkillLevel));
        assert_eq!(under("现有证书情况", "取证时间"), Some(Key::SkillDate));
        assert_eq!(under("现有证书情况", "名称"), None);
        assert_eq!(under("职称情况", "专业"), None);
        assert_eq!(under("专业技术职务", "名称"), Some(Key::Title));
        assert_eq!(under("专业技术职务", "聘任时间"), None);
    }
}
