//! Skill levels and titles as rosters write them: `三级/高级工`, `国家职业资格二级（技师）`, `高工`,
//! `教授级高级工程师`, `会计师` ….

use super::text::{fold, is_none_word};
use crate::model::{SkillLevel, Title};

/// What a skill-level cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelReading {
    None,
    Level(SkillLevel),
    /// Names two different levels (`二级/高级工`) or none we know.
    Unrecognised,
}

/// Words that look like a level but are not one of the ladder (RULES.md: `工匠技师` is a special
/// title some rosters put in the level column): read as unrecognised, never as the level inside.
const NOT_LEVELS: &[&str] = &["工匠技师"];

/// Words that name a level, longest first: a matched word is cut out of the text before shorter
/// ones are tried, so `高级技师` is never also read as `技师` or `高级`.
const LEVEL_WORDS: &[(&str, SkillLevel)] = &[
    ("首席技师", SkillLevel::SeniorTechnician),
    ("特级技师", SkillLevel::SeniorTechnician),
    ("高级技师", SkillLevel::SeniorTechnician),
    ("技师", SkillLevel::Technician),
    ("高级工", SkillLevel::Senior),
    ("中级工", SkillLevel::Intermediate),
    ("初级工", SkillLevel::Primary),
    ("学徒工", SkillLevel::Apprentice),
    ("学徒", SkillLevel::Apprentice),
    ("一级", SkillLevel::SeniorTechnician),
    ("二级", SkillLevel::Technician),
    ("三级", SkillLevel::Senior),
    ("四级", SkillLevel::Intermediate),
    ("五级", SkillLevel::Primary),
    ("1级", SkillLevel::SeniorTechnician),
    ("2级", SkillLevel::Technician),
    ("3级", SkillLevel::Senior),
    ("4级", SkillLevel::Intermediate),
    ("5级", SkillLevel::Primary),
    // The old five-level naming without 工: `高级` = 高级工.
    ("高级", SkillLevel::Senior),
    ("中级", SkillLevel::Intermediate),
    ("初级", SkillLevel::Primary),
];

/// `无职称`, `未评`, `未取得`, `无等级`: the cell says the person holds none.
fn says_none(s: &str) -> bool {
    is_none_word(s) || ["无", "未", "暂无", "没有"].iter().any(|w| s.starts_with(w))
}

pub fn skill_level(raw: &str) -> LevelReading {
    let mut s = fold(raw);
    // Most cells are one of the words; none of them contains an earlier, different one.
    if let Some((_, level)) = LEVEL_WORDS.iter().find(|(w, _)| *w == s) {
        return LevelReading::Level(*level);
    }
    if says_none(&s) {
        return LevelReading::None;
    }
    if NOT_LEVELS.iter().any(|w| s.contains(w)) {
        return LevelReading::Unrecognised;
    }
    // A title typed into the level column (`高级工程师` contains `高级工`).
    if s.contains("工程师") {
        return LevelReading::Unrecognised;
    }
    let mut found: Option<SkillLevel> = None;
    for (word, level) in LEVEL_WORDS {
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
    Engineering(Title),
    /// A title of another series (会计师, 经济师 …): recognised, and not an engineering title.
    OtherSeries,
    /// A grade without its series (`中级`, `副高级`): the engineering title of that grade, which
    /// it is only if a 职称系列 column says 工程.
    Grade(Title),
    /// `初级` alone: 员级 (技术员) or 助理级 (助理工程师), not said which.
    AmbiguousGrade,
    Unrecognised,
}

/// Grades written without a series, and the engineering title of each. `高级` alone is the
/// 副高级 grade, as 职称 are spoken of.
const GRADES: &[(&str, Title)] = &[
    ("员级", Title::Technician),
    ("助理级", Title::Assistant),
    ("中级", Title::Engineer),
    ("副高级", Title::Senior),
    ("副高", Title::Senior),
    ("高级", Title::Senior),
    ("正高级", Title::Professor),
    ("正高", Title::Professor),
];

/// What a 职称系列 cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Engineering,
    Other,
}

/// Series of 职称 other than 工程 (人社部's 27 series, as rosters shorten them).
const OTHER_SERIES_NAMES: &[&str] = &[
    "经济",
    "会计",
    "统计",
    "审计",
    "教育",
    "教师",
    "高校",
    "中小学",
    "技工院校",
    "中专",
    "卫生",
    "医",
    "护",
    "药",
    "政工",
    "思想政治",
    "新闻",
    "出版",
    "翻译",
    "律师",
    "公证",
    "农业",
    "兽医",
    "图书",
    "资料",
    "档案",
    "文物",
    "博物",
    "艺术",
    "工艺美术",
    "体育",
    "实验技术",
    "社会工作",
    "科学研究",
    "科研",
    "播音",
    "广播",
    "群众文化",
    "船舶",
    "民用航空",
    "飞行",
    "技术经纪",
];

/// The series a 职称系列 cell names; `None` for an empty cell, `Err` (why) for one we cannot read.
pub fn series(raw: &str) -> Result<Option<Series>, &'static str> {
    let s = fold(raw);
    if is_none_word(&s) {
        return Ok(None);
    }
    if s.contains("工程") {
        return Ok(Some(Series::Engineering));
    }
    if OTHER_SERIES_NAMES.iter().any(|w| s.contains(w)) {
        return Ok(Some(Series::Other));
    }
    Err("无法识别的职称系列（应为工程、经济、会计等）")
}

const TITLE_WORDS: &[(&str, Title)] = &[
    ("教授级高级工程师", Title::Professor),
    ("研究员级高级工程师", Title::Professor),
    ("工程师(正高级)", Title::Professor),
    ("正高级工程师", Title::Professor),
    ("教授级高工", Title::Professor),
    ("正高工", Title::Professor),
    ("副高级工程师", Title::Senior),
    ("高级工程师", Title::Senior),
    ("高工", Title::Senior),
    ("助理工程师", Title::Assistant),
    ("助工", Title::Assistant),
    ("初级工程师", Title::Assistant),
    ("中级工程师", Title::Engineer),
    ("工程师", Title::Engineer),
    ("技术员", Title::Technician),
];

/// Endings of the other 职称 series (会计, 经济, 统计, 教师, 卫生, 政工 …).
const OTHER_SERIES: &[&str] = &[
    "会计",
    "经济师",
    "经济员",
    "统计",
    "审计",
    "政工",
    "讲师",
    "教师",
    "教授",
    "助教",
    "馆员",
    "医师",
    "护师",
    "护士",
    "药师",
    "技师(卫生)",
    "编辑",
    "记者",
    "翻译",
    "律师",
    "农艺师",
    "畜牧师",
    "兽医",
    "工艺美术师",
    "研究员",
    "实习研究员",
    "播音",
    "校对",
    "出版",
    "档案",
    "图书",
];

pub fn title(raw: &str) -> TitleReading {
    let s = fold(raw);
    if says_none(&s) {
        return TitleReading::None;
    }
    let grade = s.trim_end_matches("职称").trim_end_matches("专业技术职务").trim_end_matches("职称资格");
    if let Some((_, t)) = GRADES.iter().find(|(w, _)| *w == grade) {
        return TitleReading::Grade(*t);
    }
    if grade == "初级" {
        return TitleReading::AmbiguousGrade;
    }
    if let Some((_, t)) = TITLE_WORDS.iter().find(|(w, _)| s.contains(w)) {
        return TitleReading::Engineering(*t);
    }
    if OTHER_SERIES.iter().any(|w| s.contains(w)) {
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
    use SkillLevel::*;

    /// The shortcut for a cell that is exactly one word agrees with the full reading.
    #[test]
    fn a_level_word_alone_reads_the_same_either_way() {
        for (word, level) in LEVEL_WORDS {
            assert_eq!(skill_level(word), LevelReading::Level(*level), "{word}");
            assert_eq!(skill_level(&format!("({word})")), LevelReading::Level(*level), "({word})");
        }
    }

    #[test]
    fn skill_level_forms() {
        let cases = [
            ("高级工", LevelReading::Level(Senior)),
            ("三级/高级工", LevelReading::Level(Senior)),
            ("三级（高级工）", LevelReading::Level(Senior)),
            ("国家职业资格二级（技师）", LevelReading::Level(Technician)),
            ("技师", LevelReading::Level(Technician)),
            ("高级", LevelReading::Level(Senior)),
            ("中级", LevelReading::Level(Intermediate)),
            ("高级技师（一级）", LevelReading::Level(SeniorTechnician)),
            ("一级/高级技师", LevelReading::Level(SeniorTechnician)),
            ("特级技师", LevelReading::Level(SeniorTechnician)),
            ("首席技师", LevelReading::Level(SeniorTechnician)),
            ("职业资格三级", LevelReading::Level(Senior)),
            ("５级", LevelReading::Level(Primary)),
            ("初级工", LevelReading::Level(Primary)),
            ("中级工（四级）", LevelReading::Level(Intermediate)),
            ("", LevelReading::None),
            ("无", LevelReading::None),
            ("二级/高级工", LevelReading::Unrecognised),
            ("五星工匠", LevelReading::Unrecognised),
            ("高级工程师", LevelReading::Unrecognised),
            ("未取得", LevelReading::None),
            ("学徒工", LevelReading::Level(Apprentice)),
            ("工匠技师", LevelReading::Unrecognised),
            ("无等级", LevelReading::None),
        ];
        for (input, expected) in cases {
            assert_eq!(skill_level(input), expected, "{input}");
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
        let cases = [
            ("工程师", Engineering(Title::Engineer)),
            ("中级工程师", Engineering(Title::Engineer)),
            ("机械工程师", Engineering(Title::Engineer)),
            ("高级工程师", Engineering(Title::Senior)),
            ("高工", Engineering(Title::Senior)),
            ("助工", Engineering(Title::Assistant)),
            ("助理工程师", Engineering(Title::Assistant)),
            ("教授级高级工程师", Engineering(Title::Professor)),
            ("正高级工程师", Engineering(Title::Professor)),
            ("技术员", Engineering(Title::Technician)),
            ("会计师", OtherSeries),
            ("高级经济师", OtherSeries),
            ("讲师", OtherSeries),
            ("政工师", OtherSeries),
            ("馆员", OtherSeries),
            ("统计师", OtherSeries),
            ("研究员级高级工程师", Engineering(Title::Professor)),
            ("高级工程师（正高级）", Engineering(Title::Professor)),
            ("中级", Grade(Title::Engineer)),
            ("副高级", Grade(Title::Senior)),
            ("正高级", Grade(Title::Professor)),
            ("中级职称", Grade(Title::Engineer)),
            ("员级", Grade(Title::Technician)),
            ("助理级", Grade(Title::Assistant)),
            ("初级", AmbiguousGrade),
            ("无职称", None),
            ("未评", None),
            ("", None),
            ("大拿", Unrecognised),
        ];
        for (input, expected) in cases {
            assert_eq!(title(input), expected, "{input}");
        }
    }
}
