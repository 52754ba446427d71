//! Skill levels and titles as rosters write them: `三级/高级工`, `国家职业资格二级（技师）`, `高工`,
//! `教授级高级工程师`, `会计师` ….

use super::text::{fold, is_none_word};
use crate::model::{SkillLevel, Title};
use crate::policy::{Policy, Titles};
use std::borrow::Cow;

/// What a skill-level cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelReading {
    None,
    Level(SkillLevel),
    /// Names two different levels (`二级/高级工`) or none we know.
    Unrecognised,
    /// Names something held that is not a level, or a level not yet held ([`not_held`]): why.
    NotHeld(&'static str),
}

/// What sits in a level or title column and is not a credential held, by the words that say
/// so, with why: a practising qualification (`一级建造师`, `注册安全工程师`), a post or job named
/// with 工程师 (`总工程师`, `销售工程师`), a school or its class (`技师学院`, `高级工班`), a
/// credential still to come (`工程师（在评）`, `技师（在考）`). Words of rosters, the same in every
/// city, so not a policy's: each would otherwise be read by the level or title inside it.
const NOT_HELD: &[(&str, &str)] = &[
    ("注册", PRACTISING),
    ("建造师", PRACTISING),
    ("造价工程师", PRACTISING),
    ("监理工程师", PRACTISING),
    ("执业", PRACTISING),
    ("安全教育", "安全教育培训合格不是技能等级或职称"),
    ("技师学院", SCHOOL),
    ("技工学校", SCHOOL),
    ("技校", SCHOOL),
    ("预备技师", SCHOOL),
    ("工班", SCHOOL),
    ("技师班", SCHOOL),
    ("总工程师", POST),
    ("主任工程师", POST),
    ("主管工程师", POST),
    ("首席工程师", POST),
    ("项目工程师", POST),
    ("现场工程师", POST),
    ("驻厂工程师", POST),
    ("销售工程师", POST),
    ("软件工程师", POST),
    ("（岗位）", POST),
    ("(岗位)", POST),
    ("内聘", "企业内部聘任的岗位名称，不是评审或认定取得的职称"),
    ("见习", "见习期、实习期的称谓不是职称"),
    ("实习", "见习期、实习期的称谓不是职称"),
    ("在评", PENDING),
    ("评审中", PENDING),
    ("拟评", PENDING),
    ("待评", PENDING),
    ("申报中", PENDING),
    ("在考", PENDING),
    ("待考", PENDING),
    ("考试中", PENDING),
];

const PRACTISING: &str =
    "注册类、执业类资格（如建造师、注册工程师）不是职称或技能等级；如按规定与职称对应，请填写对应的职称";
const SCHOOL: &str = "技工院校或其班级不是技能等级（班级请填在技工院校毕业班级列）";
const POST: &str = "是岗位或职务名称，不是评审或认定取得的职称";
const PENDING: &str = "尚未取得（在评、在考或申报中）：取得证书后再按取得的等级或职称申报";

/// Why a cell names something held that is not a credential ([`NOT_HELD`]), if it does. One scan
/// of the cell for all the words (every level and title cell not a bare word is asked).
fn not_held(s: &str) -> Option<&'static str> {
    static WORDS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| aho_corasick::AhoCorasick::new(NOT_HELD.iter().map(|(w, _)| w)).ok());
    match words {
        Some(words) => words.find(s).map(|m| NOT_HELD[m.pattern().as_usize()].1),
        None => NOT_HELD.iter().find(|(w, _)| s.contains(w)).map(|(_, why)| *why),
    }
}

/// `无职称`, `未评`, `未取得`, `无等级`: the cell says the person holds none.
fn says_none(s: &str) -> bool {
    is_none_word(s) || ["无", "未", "暂无", "没有"].iter().any(|w| s.starts_with(w))
}

/// Roman and financial numerals of a grade (`Ⅱ级`, `II级`, `贰级`) as the policy's words write them
/// (`二级`).
fn numerals(s: &str) -> Cow<'_, str> {
    const MARKS: [char; 12] = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', '壹', '贰', '叁', '肆', '伍', 'I', 'V'];
    if !s.contains(MARKS) {
        return Cow::Borrowed(s);
    }
    let mut out = s.to_string();
    for (from, to) in [
        ("Ⅰ", "一"),
        ("Ⅱ", "二"),
        ("Ⅲ", "三"),
        ("Ⅳ", "四"),
        ("Ⅴ", "五"),
        ("壹", "一"),
        ("贰", "二"),
        ("叁", "三"),
        ("肆", "四"),
        ("伍", "五"),
    ] {
        out = out.replace(from, to);
    }
    // Latin letters only before 级, longest first (`III级` before `II级`).
    for (from, to) in [("III级", "三级"), ("IV级", "四级"), ("II级", "二级"), ("V级", "五级"), ("I级", "一级")]
    {
        out = out.replace(from, to);
    }
    Cow::Owned(out)
}

/// Reads a level with the policy's words ([`crate::policy::SkillLadder::words`], longest first).
pub fn skill_level(raw: &str, policy: &Policy) -> LevelReading {
    let ladder = &policy.skill;
    let mut s = fold(raw);
    if let Cow::Owned(n) = numerals(&s) {
        s = Cow::Owned(n);
    }
    // Most cells are one of the words; none of them contains an earlier, different one.
    if let Some((_, level)) = ladder.words.iter().find(|(w, _)| *w == s) {
        return LevelReading::Level(*level);
    }
    if says_none(&s) {
        return LevelReading::None;
    }
    if let Some(why) = not_held(&s) {
        return LevelReading::NotHeld(why);
    }
    if ladder.not_levels.iter().any(|w| s.contains(w)) {
        return LevelReading::Unrecognised;
    }
    // A title typed into the level column (`高级工程师` contains `高级工`).
    if policy.titles.words.iter().any(|(w, _)| s.contains(w)) {
        return LevelReading::Unrecognised;
    }
    let mut found: Option<SkillLevel> = None;
    for (word, level) in &ladder.words {
        if s.contains(word) {
            s = Cow::Owned(s.replace(word, "|"));
            match found {
                Some(f) if f != *level => return LevelReading::Unrecognised,
                _ => found = Some(*level),
            }
        }
    }
    found.map_or(LevelReading::Unrecognised, LevelReading::Level)
}

/// What a title cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleReading {
    None,
    /// A title of a series the policy names (工程师, 高工 …).
    Titled(Title),
    /// A title of another series (会计师, 经济师 …): recognised, and not one the policy names.
    OtherSeries,
    /// A grade without its series (`中级`, `副高级`): the title of that grade in the series a
    /// 职称系列 column names.
    Grade(u8),
    /// A grade word that does not say which grade (`初级`: 员级 or 助理级); an index into
    /// [`Titles::ambiguous`].
    AmbiguousGrade(usize),
    Unrecognised,
    /// Names something that is not a title held, or a title not yet held ([`not_held`]): why.
    NotHeld(&'static str),
}

/// What a 职称系列 cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesReading {
    /// One of the policy's series (an index into [`Titles::series`]).
    Listed(u8),
    Other,
}

/// The series a 职称系列 cell names; `None` for an empty cell, `Err` (why) for one we cannot read.
pub fn series(raw: &str, titles: &Titles) -> Result<Option<SeriesReading>, String> {
    let s = fold(raw);
    if is_none_word(&s) {
        return Ok(None);
    }
    if let Some(i) = titles.series.iter().position(|x| x.words.iter().any(|w| s.contains(w))) {
        return Ok(Some(SeriesReading::Listed(i as u8)));
    }
    if titles.other_series_words.iter().any(|w| s.contains(w)) {
        return Ok(Some(SeriesReading::Other));
    }
    // The policy's series, then a couple of the others, as examples.
    let names: Vec<&str> =
        titles.series.iter().map(|s| s.name).chain(titles.other_series_words.iter().copied().take(2)).collect();
    Err(format!("无法识别的职称系列（应为{}等）", names.join("、")))
}

/// Reads a title cell. A cell of several titles (`助理工程师、工程师`, `高级工程师/注册安全工程师`)
/// is the highest title among them; an item that is not a title held is left aside when another is one.
pub fn title(raw: &str, titles: &Titles) -> TitleReading {
    let s = fold(raw);
    const LIST: [char; 6] = ['、', ',', '，', ';', '；', '/'];
    if !s.contains(LIST) {
        return one_title(&s, titles);
    }
    let items: Vec<&str> = s.split(LIST).filter(|i| !i.is_empty()).collect();
    if items.len() < 2 {
        return one_title(&s, titles);
    }
    let readings: Vec<TitleReading> = items.iter().map(|i| one_title(i, titles)).collect();
    let highest = readings
        .iter()
        .filter_map(|r| match r {
            TitleReading::Titled(t) => Some(*t),
            _ => None,
        })
        .max();
    match highest {
        Some(t) => TitleReading::Titled(t),
        None => readings
            .iter()
            .copied()
            .find(|r| !matches!(r, TitleReading::None | TitleReading::NotHeld(_)))
            .unwrap_or(readings[0]),
    }
}

/// Says a title and a grade that differ (`工程师（助理级）`, `助理级工程师`): which is held, the
/// certificate says.
const GRADE_DIFFERS: &str = "职称名称与所写的等级不一致（如“工程师（助理级）”），请按证书核实后填写";

fn one_title(s: &str, titles: &Titles) -> TitleReading {
    if says_none(s) {
        return TitleReading::None;
    }
    let grade = s.trim_end_matches("职称").trim_end_matches("专业技术职务").trim_end_matches("职称资格");
    if let Some((_, g)) = titles.grade_words.iter().find(|(w, _)| *w == grade) {
        return TitleReading::Grade(*g);
    }
    if let Some(i) = titles.ambiguous.iter().position(|(w, _)| *w == grade) {
        return TitleReading::AmbiguousGrade(i);
    }
    if let Some(why) = not_held(s) {
        return TitleReading::NotHeld(why);
    }
    if let Some((w, t)) = titles.words.iter().find(|(w, _)| s.contains(w)) {
        // A name that states its grade (`高级工程师`, the alias `工程师(正高级)`) is taken as it
        // says; a bare name (`工程师`) must agree with a grade written beside it.
        // (Most cells are the name alone: nothing beside it to agree with.)
        if s.len() > w.len() && !w.contains('(') && !titles.grade_words.iter().any(|(g, _)| w.contains(g)) {
            let rest = s.replacen(w, "", 1);
            let differs = titles.grade_words.iter().any(|(g, grade)| rest.contains(g) && *grade != t.grade())
                || titles.ambiguous.iter().any(|(g, grades)| rest.contains(g) && !grades.contains(&t.grade()));
            if differs {
                return TitleReading::NotHeld(GRADE_DIFFERS);
            }
        }
        return TitleReading::Titled(*t);
    }
    if titles.other_title_words.iter().any(|w| s.contains(w)) {
        return TitleReading::OtherSeries;
    }
    // A series and a grade in one cell (`工程系列中级`, `经济（中级）`).
    if let Some((_, grade)) = titles.grade_words.iter().filter(|(w, _)| s.contains(w)).max_by_key(|(w, _)| w.len()) {
        if let Some(series) = titles.series.iter().position(|x| x.words.iter().any(|w| s.contains(w))) {
            if let Some(t) = u8::try_from(series).ok().and_then(|i| titles.of_grade(i, *grade)) {
                return TitleReading::Titled(t);
            }
        }
        if titles.other_series_words.iter().any(|w| s.contains(w)) {
            return TitleReading::OtherSeries;
        }
    }
    TitleReading::Unrecognised
}

/// Splits a combined cell (`技师 2019.05`, `高级工（2018年3月）`, `工程师/2017.12`, `2019.05技师`)
/// into the credential's words and its date's text: the date is the longest run of digits and
/// date marks (`.` `-` `/` 年 月 日) that holds a four-digit year.
pub fn split_dated(raw: &str) -> (String, Option<String>) {
    let s = fold(raw);
    let is_date_char = |c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | '年' | '月' | '日' | '号');
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_date_char(chars[i].1) {
            i += 1;
        }
        let (from, to) = (chars[start].0, chars.get(i).map_or(s.len(), |c| c.0));
        let run = s[from..to].trim_end_matches(['.', '-', '/']);
        let to = from + run.len();
        let has_year = run.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
        if has_year && best.is_none_or(|(f, t)| t - f < to - from) {
            best = Some((from, to));
        }
    }
    let Some((from, to)) = best else {
        return (s.into_owned(), None);
    };
    let joiners: &[char] = &['/', '(', ')', '[', ']', ',', '，', ':', '、', ';', '；', '-'];
    let what = format!("{}{}", &s[..from], &s[to..]);
    let what = what.trim_matches(joiners);
    (what.to_string(), Some(s[from..to].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> &'static Policy {
        Policy::embedded()
    }

    fn level(name: &str) -> LevelReading {
        let rung = policy().skill.levels.iter().find(|r| r.name == name).expect(name);
        LevelReading::Level(SkillLevel(rung))
    }

    fn titled(name: &str) -> Title {
        *policy().titles.words.iter().find(|(w, _)| *w == name).map(|(_, t)| t).expect(name)
    }

    fn grade(name: &str) -> TitleReading {
        TitleReading::Grade(policy().titles.grades.iter().position(|g| *g == name).expect(name) as u8)
    }

    /// The shortcut for a cell that is exactly one word agrees with the full reading.
    #[test]
    fn a_level_word_alone_reads_the_same_either_way() {
        for (word, level) in &policy().skill.words {
            assert_eq!(skill_level(word, policy()), LevelReading::Level(*level), "{word}");
            assert_eq!(skill_level(&format!("({word})"), policy()), LevelReading::Level(*level), "({word})");
        }
    }

    #[test]
    fn skill_level_forms() {
        let cases = [
            ("高级工", level("高级工")),
            ("三级/高级工", level("高级工")),
            ("三级（高级工）", level("高级工")),
            ("国家职业资格二级（技师）", level("技师")),
            ("技师", level("技师")),
            ("高级", level("高级工")),
            ("中级", level("中级工")),
            ("高级技师（一级）", level("高级技师")),
            ("一级/高级技师", level("高级技师")),
            ("特级技师", level("高级技师")),
            ("首席技师", level("高级技师")),
            ("职业资格三级", level("高级工")),
            ("５级", level("初级工")),
            ("初级工", level("初级工")),
            ("中级工（四级）", level("中级工")),
            ("", LevelReading::None),
            ("无", LevelReading::None),
            ("二级/高级工", LevelReading::Unrecognised),
            ("五星工匠", LevelReading::Unrecognised),
            ("高级工程师", LevelReading::Unrecognised),
            ("未取得", LevelReading::None),
            ("学徒工", level("学徒工")),
            ("工匠技师", LevelReading::Unrecognised),
            ("无等级", LevelReading::None),
        ];
        for (input, expected) in cases {
            assert_eq!(skill_level(input, policy()), expected, "{input}");
        }
    }

    #[test]
    fn combined_cells_split_into_credential_and_date() {
        let cases = [
            ("技师 2019.05", ("技师", Some("2019.05"))),
            ("高级工（2018年3月）", ("高级工", Some("2018年3月"))),
            ("工程师/2017.12", ("工程师", Some("2017.12"))),
            ("2019.05技师", ("技师", Some("2019.05"))),
            ("高级技师2020-06", ("高级技师", Some("2020-06"))),
            ("三级/2018.3", ("三级", Some("2018.3"))),
            ("3级 2018年", ("3级", Some("2018年"))),
            ("技师", ("技师", None)),
            ("见附件", ("见附件", None)),
            ("", ("", None)),
        ];
        for (input, (what, when)) in cases {
            assert_eq!(split_dated(input), (what.to_string(), when.map(str::to_string)), "{input}");
        }
    }

    #[test]
    fn title_forms() {
        use TitleReading::*;
        let t = |name| Titled(titled(name));
        let cases = [
            ("工程师", t("工程师")),
            ("中级工程师", t("工程师")),
            ("机械工程师", t("工程师")),
            ("高级工程师", t("高级工程师")),
            ("高工", t("高级工程师")),
            ("助工", t("助理工程师")),
            ("助理工程师", t("助理工程师")),
            ("教授级高级工程师", t("正高级工程师")),
            ("正高级工程师", t("正高级工程师")),
            ("技术员", t("技术员")),
            ("会计师", OtherSeries),
            ("高级经济师", OtherSeries),
            ("讲师", OtherSeries),
            ("政工师", OtherSeries),
            ("馆员", OtherSeries),
            ("统计师", OtherSeries),
            ("研究员级高级工程师", t("正高级工程师")),
            ("高级工程师（正高级）", t("正高级工程师")),
            ("中级", grade("中级")),
            ("副高级", grade("副高级")),
            ("正高级", grade("正高级")),
            ("中级职称", grade("中级")),
            ("员级", grade("员级")),
            ("助理级", grade("助理级")),
            ("高级", grade("副高级")),
            ("初级", AmbiguousGrade(0)),
            ("无职称", None),
            ("未评", None),
            ("", None),
            ("大拿", Unrecognised),
        ];
        for (input, expected) in cases {
            assert_eq!(title(input, &policy().titles), expected, "{input}");
        }
    }

    /// What is not a credential held is said so, whatever level or title word it contains.
    #[test]
    fn practising_qualifications_posts_schools_and_pending_ones_are_not_held() {
        for text in [
            "一级建造师",
            "二级建造师",
            "三级安全教育合格",
            "预备技师",
            "预备技师班毕业",
            "技师学院毕业",
            "高级工班",
            "高级技校",
            "技师（在评）",
            "高级工（在考）",
        ] {
            assert!(matches!(skill_level(text, policy()), LevelReading::NotHeld(_)), "{text}");
        }
        let titles = &policy().titles;
        for text in [
            "注册安全工程师",
            "中级注册安全工程师",
            "一级造价工程师",
            "注册监理工程师",
            "总工程师",
            "副总工程师",
            "主任工程师",
            "销售工程师",
            "软件工程师",
            "工艺工程师（岗位）",
            "工程师（企业内聘）",
            "见习工程师",
            "高级工程师（在评）",
            "工程师（评审中）",
            "拟评工程师",
        ] {
            assert!(matches!(title(text, titles), TitleReading::NotHeld(_)), "{text}");
        }
        // A bare name and another grade beside it: which is held, the certificate says.
        for text in ["工程师（高级）", "工程师（副高）", "工程师（初级）", "工程师（助理级）", "助理级工程师"]
        {
            assert_eq!(title(text, titles), TitleReading::NotHeld(GRADE_DIFFERS), "{text}");
        }
        assert!(matches!(title("工程师（中级）", titles), TitleReading::Titled(t) if t.name() == "工程师"));
        // Several titles: the highest; what is not a title held is left aside.
        for (text, want) in [
            ("助理工程师、工程师", "工程师"),
            ("高级工程师、注册安全工程师", "高级工程师"),
            ("中级工程师/注册安全工程师", "工程师"),
        ] {
            assert!(matches!(title(text, titles), TitleReading::Titled(t) if t.name() == want), "{text}");
        }
        // A series and a grade in one cell.
        assert!(matches!(title("工程系列中级", titles), TitleReading::Titled(t) if t.name() == "工程师"));
        assert!(matches!(title("工程技术正高级", titles), TitleReading::Titled(t) if t.name() == "正高级工程师"));
        assert_eq!(title("经济（中级）", titles), TitleReading::OtherSeries);
        // Roman and financial numerals of a grade.
        for (text, want) in [("Ⅱ级", "技师"), ("II级", "技师"), ("贰级", "技师"), ("Ⅲ级", "高级工"), ("叁级", "高级工")]
        {
            assert!(matches!(skill_level(text, policy()), LevelReading::Level(l) if l.name() == want), "{text}");
        }
        // The titles and levels themselves are still read.
        assert!(matches!(title("高级工程师", titles), TitleReading::Titled(_)));
        assert!(matches!(title("机械工程师", titles), TitleReading::Titled(_)));
        assert!(matches!(skill_level("高级技师", policy()), LevelReading::Level(_)));
    }

    #[test]
    fn series_forms() {
        let titles = &policy().titles;
        assert_eq!(series("工程技术", titles), Ok(Some(SeriesReading::Listed(0))));
        assert_eq!(series("会计", titles), Ok(Some(SeriesReading::Other)));
        assert_eq!(series("", titles), Ok(None));
        assert!(series("其他", titles).is_err());
    }
}
