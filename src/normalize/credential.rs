//! Skill levels and titles as rosters write them: `三级/高级工`, `国家职业资格二级（技师）`, `高工`,
//! `教授级高级工程师`, `会计师` ….

use super::text::{fold, is_none_word};
use crate::model::{SkillLevel, Title};
use crate::policy::{Policy, Titles};

/// What a skill-level cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelReading {
    None,
    Level(SkillLevel),
    /// Names two different levels (`二级/高级工`) or none we know.
    Unrecognised,
}

/// `无职称`, `未评`, `未取得`, `无等级`: the cell says the person holds none.
fn says_none(s: &str) -> bool {
    is_none_word(s) || ["无", "未", "暂无", "没有"].iter().any(|w| s.starts_with(w))
}

/// Reads a level with the policy's words ([`crate::policy::SkillLadder::words`], longest first).
pub fn skill_level(raw: &str, policy: &Policy) -> LevelReading {
    let ladder = &policy.skill;
    let mut s = fold(raw);
    // Most cells are one of the words; none of them contains an earlier, different one.
    if let Some((_, level)) = ladder.words.iter().find(|(w, _)| *w == s) {
        return LevelReading::Level(*level);
    }
    if says_none(&s) {
        return LevelReading::None;
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
            s = s.replace(word, "|").into();
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

pub fn title(raw: &str, titles: &Titles) -> TitleReading {
    let s = fold(raw);
    if says_none(&s) {
        return TitleReading::None;
    }
    let grade = s.trim_end_matches("职称").trim_end_matches("专业技术职务").trim_end_matches("职称资格");
    if let Some((_, g)) = titles.grade_words.iter().find(|(w, _)| *w == grade) {
        return TitleReading::Grade(*g);
    }
    if let Some(i) = titles.ambiguous.iter().position(|(w, _)| *w == grade) {
        return TitleReading::AmbiguousGrade(i);
    }
    if let Some((_, t)) = titles.words.iter().find(|(w, _)| s.contains(w)) {
        return TitleReading::Titled(*t);
    }
    if titles.other_title_words.iter().any(|w| s.contains(w)) {
        return TitleReading::OtherSeries;
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

    #[test]
    fn series_forms() {
        let titles = &policy().titles;
        assert_eq!(series("工程技术", titles), Ok(Some(SeriesReading::Listed(0))));
        assert_eq!(series("会计", titles), Ok(Some(SeriesReading::Other)));
        assert_eq!(series("", titles), Ok(None));
        assert!(series("其他", titles).is_err());
    }
}
