//! The words of roster headers (ROSTER.md's column table): which text names which column, and the
//! forms a header cell is compared in.
//!
//! A header matches whole, never as a part: `取得时间` is not `职称取得时间`. It is compared after
//! folding (full-width forms, spaces and line breaks out, a required-mark `*` dropped) in two
//! forms: with the brackets removed but their words kept (`职业（工种）` → `职业工种`), and with
//! the bracketed note removed too (`取得时间（年.月）` → `取得时间`, `身份证号码（18位）` → `身份证号码`).

use super::Key;
use crate::normalize::text::fold;

/// Header texts of ROSTER.md, folded (no spaces, brackets or `*`).
const SYNONYMS: &[(Key, &[&str])] = &[
    (Key::Name, &["姓名"]),
    (
        Key::IdNumber,
        &["身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "身份证", "身份证件号码"],
    ),
    (Key::Employer, &["单位", "工作单位", "单位名称", "企业名称", "所在单位"]),
    (Key::Department, &["部门", "所在部门", "车间"]),
    (Key::PostType, &["岗位类别", "岗位性质", "岗位类型"]),
    (Key::Occupation, &["职业工种", "职业", "工种", "从事职业", "从事工种"]),
    (
        Key::SkillLevel,
        &[
            "技能等级",
            "职业技能等级",
            "职业资格等级",
            "职业资格",
            "技能等级职业资格",
            "职业资格技能等级",
            "技能等级名称",
            "职业资格等级名称",
        ],
    ),
    (
        Key::SkillDate,
        &["技能等级取得时间", "技能等级取得日期", "职业资格取得时间", "职业资格取得日期", "职业技能等级取得时间"],
    ),
    (Key::SeniorWorkerDate, &["高级工取得时间", "高级工取得日期"]),
    (Key::TechnicianDate, &["技师取得时间", "技师取得日期"]),
    (
        Key::Title,
        &[
            "职称",
            "专业技术职称",
            "专业技术职务",
            "专业技术资格",
            "现职称",
            "职称名称",
            "专业技术职称名称",
            "专业技术资格名称",
            "专业技术职务名称",
        ],
    ),
    (
        Key::TitleDate,
        &[
            "职称取得时间",
            "资格取得时间",
            "评定时间",
            "职称取得日期",
            "职称评定时间",
            "专业技术资格取得时间",
            "专业技术职务取得时间",
        ],
    ),
    (Key::TitleSeries, &["职称系列", "专业技术职务系列", "专业技术资格系列", "职称所属系列", "资格系列"]),
    (Key::Education, &["学历", "最高学历", "文化程度", "最终学历"]),
    (Key::TechSchoolClass, &["技工院校班级", "技工院校学制", "毕业班级类型"]),
    (Key::Major, &["所学专业"]),
    (Key::MajorRelated, &["所学专业是否对口", "专业是否对口"]),
    (Key::OccupationStart, &["从事本职业起始时间", "从事技术技能工作起始时间"]),
    (Key::Appraisal, &["近三年年度考核", "近三年考核结果", "年度考核", "考核结果", "近三年年度考核结果"]),
    (Key::Awards, &["荣誉", "荣誉称号", "获奖情况", "表彰奖励"]),
    (Key::Competitions, &["技能竞赛", "竞赛成绩", "技能大赛获奖"]),
    (Key::MasterStudio, &["技能大师工作室", "技能大师工作站"]),
    (Key::Integrity, &["诚信情况", "弄虚作假记录", "失信记录"]),
];

/// Date headers that, standing alone, belong to whichever of level or title is nearest to their left.
const GENERIC_DATES: &[&str] = &[
    "取得时间",
    "取得日期",
    "发证日期",
    "发证时间",
    "取证时间",
    "取证日期",
    "获证时间",
    "获证日期",
    "证书取得时间",
    "证书取得日期",
    "取得资格时间",
    "取得资格日期",
    "获得时间",
    "获得日期",
    "认定时间",
    "认定日期",
];

/// Date headers that, under a group heading, are the date of the group (`职称情况 › 评定时间`).
const DATE_LEAVES: &[&str] = &[
    "评定时间",
    "评定日期",
    "获得时间",
    "获得日期",
    "认定时间",
    "认定日期",
    "取得年月",
    "发证年月",
    "取证日期",
    "时间",
    "日期",
    "年月",
];

/// Leaves that name their group's fact (`技能等级情况 › 等级`, `专业技术资格 › 资格名称`).
const GROUP_LEAVES: &[&str] =
    &["等级", "级别", "名称", "资格", "等级名称", "资格名称", "资格等级", "证书等级", "职务", "职务名称"];

/// Endings of a group heading that add nothing to its words (`技能等级情况` is about 技能等级).
const GROUP_ENDINGS: &[&str] = &["基本情况", "情况", "信息", "状况"];

/// Group headings that name a fact although no column is headed so.
const GROUP_WORDS: &[(&str, Key)] = &[
    ("技能", Key::SkillLevel),
    ("职业技能", Key::SkillLevel),
    ("技能水平", Key::SkillLevel),
    ("职业资格证书", Key::SkillLevel),
    ("技能等级证书", Key::SkillLevel),
    ("职业技能等级证书", Key::SkillLevel),
    ("职称证书", Key::Title),
    ("专业技术", Key::Title),
    ("专业技术人员", Key::Title),
    ("专业技术职务任职资格", Key::Title),
    ("荣誉奖励", Key::Awards),
    ("获奖", Key::Awards),
    ("奖励", Key::Awards),
];

/// Characters that join the two facts of a combined column (`技能等级及取得时间`, `职称/取得时间`).
const JOINERS: &[char] = &['及', '和', '与', '、', '/', '暨', '+', '&', '(', ')', '[', ']'];

/// A header cell's text in the forms it is compared in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Forms {
    /// Folded, with its brackets (for splitting a combined header).
    raw: String,
    /// Folded, brackets removed, their words kept: `职业工种`.
    pub full: String,
    /// Folded, bracketed notes removed: `取得时间（年.月）` → `取得时间`.
    pub bare: String,
}

const OPEN: &[char] = &['(', '[', '<', '《', '「', '〈', '『'];
const CLOSE: &[char] = &[')', ']', '>', '》', '」', '〉', '』'];

impl Forms {
    pub fn of(text: &str) -> Forms {
        let raw: String = fold(text).chars().filter(|c| !matches!(c, '*' | '※')).collect();
        let raw = raw.trim_end_matches([':', '：']).to_string();
        let full = raw.chars().filter(|c| !OPEN.contains(c) && !CLOSE.contains(c)).collect();
        let mut bare = String::with_capacity(raw.len());
        let mut depth = 0usize;
        for c in raw.chars() {
            if OPEN.contains(&c) {
                depth += 1;
            } else if CLOSE.contains(&c) {
                depth = depth.saturating_sub(1);
            } else if depth == 0 {
                bare.push(c);
            }
        }
        Forms { raw, full, bare }
    }

    /// [`Forms::full`] alone, in one allocation: what a data row's cell is compared with when
    /// looking for a header printed again (every row of pass 1 asks it of one cell).
    pub fn full_of(text: &str) -> String {
        let folded = fold(text);
        let kept = |c: &char| !matches!(c, '*' | '※');
        if !folded.contains(|c: char| !kept(&c) || OPEN.contains(&c) || CLOSE.contains(&c) || c == ':') {
            return folded.into_owned();
        }
        Forms::of(text).full
    }

    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }

    fn forms(&self) -> [&str; 2] {
        [&self.full, &self.bare]
    }
}

/// The words in force for one run: ROSTER.md's and the user's `--map` pairs.
pub struct Words<'a> {
    /// `--map` pairs, the header folded as [`Forms::full`].
    pub mapped: &'a [(String, Key)],
}

impl Words<'_> {
    /// The key a header text names on its own.
    pub fn key(&self, f: &Forms) -> Option<Key> {
        if f.is_empty() {
            return None;
        }
        for form in f.forms() {
            if let Some((_, k)) = self.mapped.iter().find(|(m, _)| m == form) {
                return Some(*k);
            }
        }
        if let Some(k) = self.combined(f) {
            return Some(k);
        }
        f.forms().into_iter().find_map(|form| synonym(form).or_else(|| appraisal_year(form).map(Key::AppraisalYear)))
    }

    /// `技能等级及取得时间`, `职称（取得时间）`, `职称/评定时间`: a level or title and its date in one column.
    fn combined(&self, f: &Forms) -> Option<Key> {
        let parts: Vec<&str> = f.raw.split(JOINERS).filter(|p| !p.is_empty()).collect();
        let [what, when] = parts[..] else { return None };
        if !is_date(when) {
            return None;
        }
        match synonym(what) {
            Some(Key::SkillLevel) => Some(Key::SkillLevelAndDate),
            Some(Key::Title) => Some(Key::TitleAndDate),
            _ => None,
        }
    }

    /// The fact a group heading is about: `技能等级情况` → skill level, `近三年年度考核` → appraisal.
    pub fn group_key(&self, g: &Forms) -> Option<Key> {
        for form in g.forms() {
            let stem = GROUP_ENDINGS.iter().find_map(|e| form.strip_suffix(e)).unwrap_or(form);
            for text in [form, stem] {
                if let Some(k) = self.key(&Forms::of(text)) {
                    return Some(k);
                }
                if let Some((_, k)) = GROUP_WORDS.iter().find(|(w, _)| *w == text) {
                    return Some(*k);
                }
            }
            if form.ends_with("考核") || form.ends_with("考核结果") || form.ends_with("考核情况") {
                return Some(Key::Appraisal);
            }
        }
        None
    }

    /// The key of a column from its header path (outermost group first, the leaf last).
    pub fn resolve(&self, path: &[&Forms]) -> Option<Key> {
        let (leaf, groups) = path.split_last()?;
        if groups.is_empty() {
            return self.key(leaf);
        }
        let group_keys = groups.iter().rev().map(|g| self.group_key(g));
        if is_date(&leaf.bare) || is_date(&leaf.full) {
            // The date of the nearest group that has one; a date under any other group is its own.
            for k in group_keys {
                match k {
                    Some(Key::SkillLevel | Key::SkillLevelAndDate) => return Some(Key::SkillDate),
                    Some(Key::Title | Key::TitleAndDate | Key::TitleSeries) => return Some(Key::TitleDate),
                    Some(_) => return None,
                    None => {}
                }
            }
            return self.key(leaf);
        }
        if let Some(k) = self.key(leaf) {
            return Some(k);
        }
        for (g, k) in groups.iter().rev().zip(group_keys) {
            if let Some(k) = self.under(leaf, g, k) {
                return Some(k);
            }
        }
        None
    }

    /// What a leaf that names nothing alone means under the group `g` (about `k`).
    fn under(&self, leaf: &Forms, g: &Forms, k: Option<Key>) -> Option<Key> {
        let k = k?;
        let leaf = leaf.bare.as_str();
        match k {
            Key::Appraisal => appraisal_year(leaf)
                .map(Key::AppraisalYear)
                .or_else(|| matches!(leaf, "结果" | "等次" | "考核结果" | "情况").then_some(Key::Appraisal)),
            Key::SkillLevel | Key::Title if GROUP_LEAVES.contains(&leaf) => Some(k),
            Key::Title if leaf == "系列" => Some(Key::TitleSeries),
            Key::Awards | Key::Competitions | Key::MasterStudio => Some(k),
            _ => {
                let stem = GROUP_ENDINGS.iter().find_map(|e| g.bare.strip_suffix(e)).unwrap_or(&g.bare);
                self.key(&Forms::of(&format!("{stem}{leaf}")))
            }
        }
    }

    /// Does this text name anything a header holds? Rows with none are never a header's first row.
    pub fn hints(&self, f: &Forms) -> bool {
        !f.is_empty() && (self.key(f).is_some() || self.group_key(f).is_some() || is_generic_date(f))
    }
}

/// The header texts that name `key`, the usual one first.
pub fn synonyms(key: Key) -> &'static [&'static str] {
    SYNONYMS.iter().find(|(k, _)| *k == key).map_or(&[], |(_, names)| names)
}

fn synonym(h: &str) -> Option<Key> {
    SYNONYMS.iter().find(|(_, names)| names.contains(&h)).map(|(key, _)| *key)
}

fn is_date(h: &str) -> bool {
    GENERIC_DATES.contains(&h) || DATE_LEAVES.contains(&h)
}

/// A date header that, alone, takes the level or title to its left.
pub fn is_generic_date(f: &Forms) -> bool {
    GENERIC_DATES.contains(&f.full.as_str()) || GENERIC_DATES.contains(&f.bare.as_str())
}

/// `2023年度考核`, `2024年考核结果`, `2025年度考核等次`, `2024年` → the year.
fn appraisal_year(h: &str) -> Option<i32> {
    let year: i32 = h.get(..4)?.parse().ok()?;
    let rest = h[4..].trim_start_matches("年度").trim_start_matches('年');
    let rest = rest.trim_start_matches("年度");
    // A bare year (`2024年度`, `2024`) as a column of a roster is that year's appraisal.
    matches!(rest, "" | "考核" | "考核结果" | "考核等次" | "考核情况" | "年度考核" | "度考核")
        .then_some(year)
        .filter(|y| (1950..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(h: &str) -> Option<Key> {
        Words { mapped: &[] }.key(&Forms::of(h))
    }

    fn under(path: &[&str]) -> Option<Key> {
        let forms: Vec<Forms> = path.iter().map(|p| Forms::of(p)).collect();
        Words { mapped: &[] }.resolve(&forms.iter().collect::<Vec<_>>())
    }

    #[test]
    fn bracketed_notes_marks_and_line_breaks_are_ignored() {
        let cases = [
            ("取得时间（年.月）", None),
            ("职称取得时间（年.月）", Some(Key::TitleDate)),
            ("荣誉称号（获奖情况）", Some(Key::Awards)),
            ("身份证号码（18位）", Some(Key::IdNumber)),
            ("*姓名", Some(Key::Name)),
            ("姓 名：", Some(Key::Name)),
            ("技能等级\n取得时间", Some(Key::SkillDate)),
            ("职业（工种）", Some(Key::Occupation)),
            ("技能等级（职业资格）", Some(Key::SkillLevel)),
            ("近三年年度考核（优秀/合格/基本合格/不合格）", Some(Key::Appraisal)),
            ("【职称】", Some(Key::Title)),
        ];
        for (h, k) in cases {
            assert_eq!(key(h), k, "{h}");
        }
        // Generic: a date that takes the column to its left, not a key of its own.
        assert!(is_generic_date(&Forms::of("取得时间（年.月）")));
        for h in ["取得资格时间", "认定时间", "获得日期（年月）", "证书取得时间"] {
            assert!(is_generic_date(&Forms::of(h)), "{h}");
        }
    }

    #[test]
    fn the_full_form_alone_is_the_full_form() {
        for h in
            ["姓名", "姓 名：", "*职业（工种）", "取得时间（年.月）", "【职称】", "2024年度考核", "姓名:)", "※备注"]
        {
            assert_eq!(Forms::full_of(h), Forms::of(h).full, "{h}");
        }
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(key("职称取得时间"), Some(Key::TitleDate));
        assert_eq!(key("文化程度"), Some(Key::Education));
        assert_eq!(key("取得时间"), None);
        assert_eq!(key("职称等级评定说明"), None);
        assert_eq!(key("姓名拼音"), None);
    }

    #[test]
    fn combined_level_or_title_and_date() {
        for h in ["技能等级及取得时间", "技能等级和取得时间", "职业资格等级/发证日期", "技能等级（取得时间）"]
        {
            assert_eq!(key(h), Some(Key::SkillLevelAndDate), "{h}");
        }
        for h in ["职称及取得时间", "职称/评定时间", "专业技术职务及取得时间", "职称、取得时间"]
        {
            assert_eq!(key(h), Some(Key::TitleAndDate), "{h}");
        }
        assert_eq!(key("技能等级及职称"), None);
    }

    #[test]
    fn a_group_heading_is_the_context_of_its_leaves() {
        let cases: &[(&[&str], Option<Key>)] = &[
            (&["职称情况", "职称名称"], Some(Key::Title)),
            (&["职称情况", "名称"], Some(Key::Title)),
            (&["专业技术资格", "资格名称"], Some(Key::Title)),
            (&["职称情况", "取得时间"], Some(Key::TitleDate)),
            (&["职称情况", "取得时间（年.月）"], Some(Key::TitleDate)),
            (&["技能等级情况", "等级"], Some(Key::SkillLevel)),
            (&["技能等级情况", "取得时间"], Some(Key::SkillDate)),
            (&["技能等级情况", "评定时间"], Some(Key::SkillDate)),
            (&["职业资格情况", "发证日期"], Some(Key::SkillDate)),
            (&["职称情况", "系列"], Some(Key::TitleSeries)),
            (&["近三年年度考核", "年度", "2023"], Some(Key::AppraisalYear(2023))),
            (&["近三年年度考核", "2024年"], Some(Key::AppraisalYear(2024))),
            (&["年度考核情况", "2025年度"], Some(Key::AppraisalYear(2025))),
            (&["基本信息", "姓名"], Some(Key::Name)),
            (&["基本信息", "取得时间"], None),
            (&["荣誉称号", "省级"], Some(Key::Awards)),
            (&["荣誉称号", "取得时间"], None),
            (&["XX集团2025年度技能人才花名册", "职称"], Some(Key::Title)),
            (&["XX集团2025年度技能人才花名册", "等级"], None),
            (&["技能情况", "等级"], Some(Key::SkillLevel)),
            (&["专业技术情况", "取得时间"], Some(Key::TitleDate)),
        ];
        for (path, k) in cases {
            assert_eq!(under(path), *k, "{path:?}");
        }
    }
}
