//! The words of roster headers (ROSTER.md's column table): which text names which column, and the
//! forms a header cell is compared in.
//!
//! A header matches whole, never as a part: `取得时间` is not `职称取得时间`. It is compared after
//! folding (full-width forms, spaces and line breaks out, a required-mark `*` dropped) in two
//! forms: with the brackets removed but their words kept (`职业（工种）` → `职业工种`), and with
//! the bracketed note removed too (`取得时间（年.月）` → `取得时间`, `身份证号码（18位）` → `身份证号码`).

use super::grammar::{about_credentials, group_fact, likely_key, Fact, Phrase};
use super::Key;
use crate::text::fold;

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

    /// The phrase this header is: its full form, or without its bracketed note when the full form
    /// has words outside the vocabulary (`身份证号码（18位）`). A note in words the grammar knows
    /// is part of the header: `职称（技术等级）` is a column of either, not a title.
    fn phrase(&self) -> Option<Phrase> {
        self.forms().into_iter().find_map(Phrase::of)
    }

    /// Whether the header names a grade (`职业资格证书等级`, `技能等级`), not a name
    /// (`职业资格证书名称`): of two columns of one credential, the grade is its level.
    pub fn names_a_grade(&self) -> bool {
        self.phrase().is_some_and(|p| p.side == Some(super::grammar::Side::Grade))
    }
}

/// The words in force for one run: the grammar's and the user's `--map` pairs.
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
        f.forms().into_iter().find_map(appraisal_year).map(Key::AppraisalYear).or_else(|| f.phrase()?.key())
    }

    /// `技能等级及取得时间`, `职称（取得时间）`, `职称/评定时间`: a level or title and its date in one column.
    fn combined(&self, f: &Forms) -> Option<Key> {
        let parts: Vec<&str> = f.raw.split(JOINERS).filter(|p| !p.is_empty()).collect();
        let [what, when] = parts[..] else { return None };
        if !Phrase::of(when).is_some_and(|p| p.names_a_date_only()) {
            return None;
        }
        match Phrase::of(what).and_then(|p| p.key()) {
            Some(Key::SkillLevel) => Some(Key::SkillLevelAndDate),
            Some(Key::Title) => Some(Key::TitleAndDate),
            _ => None,
        }
    }

    /// The fact a group heading is about, in either form.
    fn group_fact(&self, g: &Forms) -> Option<Fact> {
        group_fact(&g.phrase()?)
    }

    /// The key a group heading stands for: `技能等级情况` → skill level, `近三年年度考核` →
    /// appraisal, `现有证书情况` → skill level (a certificate with a grade).
    pub fn group_key(&self, g: &Forms) -> Option<Key> {
        if let Some(k) = self.mapped.iter().find(|(m, _)| g.forms().contains(&m.as_str())).map(|(_, k)| *k) {
            return Some(k);
        }
        match self.group_fact(g)? {
            Fact::Certificate => Some(Key::SkillLevel),
            f => Phrase::default().under(f),
        }
    }

    /// The key of a column from its header path (outermost group first, the leaf last).
    pub fn resolve(&self, path: &[&Forms]) -> Option<Key> {
        let (leaf, groups) = path.split_last()?;
        if groups.is_empty() {
            return self.key(leaf);
        }
        let phrase = leaf.phrase();
        // The nearest group that names a fact gives the leaf its context.
        let group = groups.iter().rev().find_map(|g| self.group_fact(g));
        if let Some(p) = &phrase {
            if p.names_a_date_only() || p.is_generic_date() {
                // The date of the nearest group that names a fact; a date under no such group is
                // its own (`评定时间` alone) or the column to its left's.
                return match group {
                    Some(g) => p.under(g),
                    None => self.key(leaf),
                };
            }
        }
        match (self.key(leaf), group) {
            // `科技竞赛获奖情况 › 奖项名称`: an award won in a competition is the competition's.
            (Some(Key::Awards), Some(Fact::Competitions)) => return Some(Key::Competitions),
            (Some(k), _) => return Some(k),
            (None, _) => {}
        }
        let group = group?;
        match phrase {
            Some(p) => p.under(group),
            // Under an honour, a competition or a studio, any leaf (`省级`, `国家级`) is more of it.
            None => match group {
                Fact::Awards => Some(Key::Awards),
                Fact::Competitions => Some(Key::Competitions),
                Fact::MasterStudio => Some(Key::MasterStudio),
                _ => None,
            },
        }
    }

    /// Does this text name anything a header holds? Rows with none are never a header's first row.
    pub fn hints(&self, f: &Forms) -> bool {
        !f.is_empty() && (self.key(f).is_some() || self.group_key(f).is_some() || is_generic_date(f))
    }
}

/// Is this kept column's header about a credential, an honour, an appraisal or integrity, and not
/// read as a field — neither understood as some other attribute of one (`职称证书编号`) nor
/// a credential applied for (`申报等级`)? Then the user is told, with the field it likely holds.
pub fn unread(path: &[&Forms]) -> Option<Option<Key>> {
    let leaf = path.last()?;
    let text: String = path.iter().map(|f| f.full.as_str()).collect();
    if !about_credentials(&text) || leaf.phrase().is_some_and(|p| p.declined()) {
        return None;
    }
    Some(likely_key(&leaf.full).or_else(|| likely_key(&text)))
}

/// A date header that, alone, takes the level or title to its left.
pub fn is_generic_date(f: &Forms) -> bool {
    f.phrase().is_some_and(|p| p.is_generic_date())
}

/// `2023年度考核`, `2024年考核结果`, `2025年度考核等次`, `2024年` → the year.
fn appraisal_year(h: &str) -> Option<i32> {
    // The year: the one run of digits, four of them anywhere (`2023年度考核`, `年度考核2023`,
    // `考核(2023)`), or two at the start before 年 (`23年度考核`).
    let at = h.find(|c: char| c.is_ascii_digit())?;
    let len = h[at..].find(|c: char| !c.is_ascii_digit()).unwrap_or(h.len() - at);
    let (before, after) = (&h[..at], &h[at + len..]);
    if after.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = match len {
        4 => h[at..at + 4].parse().ok()?,
        2 if at == 0 && after.starts_with('年') => 2000 + h[..2].parse::<i32>().ok()?,
        _ => return None,
    };
    let after = after.trim_start_matches("年度").trim_start_matches('年').trim_start_matches("年度");
    let rest: String = format!("{before}{after}").chars().filter(|c| !matches!(c, '(' | ')' | '[' | ']')).collect();
    // A bare year (`2024年度`, `2024`) as a column of a roster is that year's appraisal.
    let appraisal = [
        "",
        "考核",
        "考核结果",
        "考核等次",
        "考核情况",
        "年度考核",
        "度考核",
        "年度考核结果",
        "年度考核等次",
        "年度考核情况",
    ];
    appraisal.contains(&rest.as_str()).then_some(year).filter(|y| (1950..=2100).contains(y))
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
        // Either credential, not one with its date: each cell is read by what it holds.
        assert_eq!(key("技能等级及职称"), Some(Key::TitleOrLevel));
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
            (&["考核(2023)"], Some(Key::AppraisalYear(2023))),
            (&["年度考核2024"], Some(Key::AppraisalYear(2024))),
            (&["23年度考核"], Some(Key::AppraisalYear(2023))),
            (&["考核结果（2025年）"], Some(Key::AppraisalYear(2025))),
            (&["2023-2025年度考核"], Some(Key::Appraisal)),
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
