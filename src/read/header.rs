//! Finding the header row of a roster and naming its columns.
//!
//! Real exports put title rows, a 填报单位 line and blank rows above the header. The header is the
//! first of the top rows that names 姓名 and at least two other known columns. Header cells are
//! compared after folding full-width forms and removing spaces, brackets and `*`, and only as a
//! whole: `取得时间` is not `职称取得时间`. A generic date header (取得时间, 发证日期 …) belongs to the
//! level or the title column nearest to its left.

use super::{Cell, RawSheet};
use crate::normalize::text::fold;

/// What a column holds, as ROSTER.md names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Name,
    IdNumber,
    Employer,
    Department,
    PostType,
    Occupation,
    SkillLevel,
    SkillDate,
    SeniorWorkerDate,
    TechnicianDate,
    Title,
    TitleDate,
    Education,
    TechSchoolClass,
    Major,
    MajorRelated,
    OccupationStart,
    /// All recent appraisals in one cell.
    Appraisal,
    /// One year's appraisal; the year comes from the header.
    AppraisalYear(i32),
    Awards,
    Competitions,
    MasterStudio,
    Integrity,
}

impl Key {
    /// Keys a user may name with `--map header=key`.
    pub const MAPPABLE: [Key; 22] = [
        Key::Name,
        Key::IdNumber,
        Key::Employer,
        Key::Department,
        Key::PostType,
        Key::Occupation,
        Key::SkillLevel,
        Key::SkillDate,
        Key::SeniorWorkerDate,
        Key::TechnicianDate,
        Key::Title,
        Key::TitleDate,
        Key::Education,
        Key::TechSchoolClass,
        Key::Major,
        Key::MajorRelated,
        Key::OccupationStart,
        Key::Appraisal,
        Key::Awards,
        Key::Competitions,
        Key::MasterStudio,
        Key::Integrity,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Key::Name => "name",
            Key::IdNumber => "id_number",
            Key::Employer => "employer",
            Key::Department => "department",
            Key::PostType => "post_type",
            Key::Occupation => "occupation",
            Key::SkillLevel => "skill_level",
            Key::SkillDate => "skill_date",
            Key::SeniorWorkerDate => "senior_worker_date",
            Key::TechnicianDate => "technician_date",
            Key::Title => "title",
            Key::TitleDate => "title_date",
            Key::Education => "education",
            Key::TechSchoolClass => "tech_school_class",
            Key::Major => "major",
            Key::MajorRelated => "major_related",
            Key::OccupationStart => "occupation_start",
            Key::Appraisal | Key::AppraisalYear(_) => "appraisal",
            Key::Awards => "awards",
            Key::Competitions => "competitions",
            Key::MasterStudio => "master_studio",
            Key::Integrity => "integrity",
        }
    }

    pub fn from_id(id: &str) -> Option<Key> {
        Key::MAPPABLE.into_iter().find(|k| k.id() == id)
    }

    /// Free-text columns that may repeat (two award columns are both read).
    fn repeats(self) -> bool {
        matches!(self, Key::Awards | Key::Competitions | Key::MasterStudio | Key::AppraisalYear(_))
    }
}

/// Header texts of ROSTER.md, already folded (no spaces, brackets or `*`).
const SYNONYMS: &[(Key, &[&str])] = &[
    (Key::Name, &["姓名"]),
    (Key::IdNumber, &["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"]),
    (Key::Employer, &["单位", "工作单位", "单位名称", "企业名称", "所在单位"]),
    (Key::Department, &["部门", "所在部门", "车间"]),
    (Key::PostType, &["岗位类别", "岗位性质", "岗位类型"]),
    (Key::Occupation, &["职业工种", "职业", "工种", "从事职业", "从事工种"]),
    (
        Key::SkillLevel,
        &["技能等级", "职业技能等级", "职业资格等级", "职业资格", "技能等级职业资格", "职业资格技能等级"],
    ),
    (Key::SkillDate, &["技能等级取得时间", "技能等级取得日期", "职业资格取得时间"]),
    (Key::SeniorWorkerDate, &["高级工取得时间", "高级工取得日期"]),
    (Key::TechnicianDate, &["技师取得时间", "技师取得日期"]),
    (Key::Title, &["职称", "专业技术职称", "专业技术职务", "专业技术资格", "现职称"]),
    (Key::TitleDate, &["职称取得时间", "资格取得时间", "评定时间", "职称取得日期"]),
    (Key::Education, &["学历", "最高学历"]),
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

/// Date headers that belong to whichever of level or title stands nearest to their left.
const GENERIC_DATES: &[&str] = &["取得时间", "取得日期", "发证日期", "发证时间", "取证时间", "获证时间"];

/// A header cell, folded for comparison.
pub fn header_text(cell: &Cell) -> String {
    fold(&cell.text()).chars().filter(|c| !matches!(c, '(' | ')' | '[' | ']' | '*' | '<' | '>' | '《' | '》')).collect()
}

/// The key a folded header names on its own, if any.
fn key_of(h: &str) -> Option<Key> {
    if let Some((key, _)) = SYNONYMS.iter().find(|(_, names)| names.contains(&h)) {
        return Some(*key);
    }
    appraisal_year(h).map(Key::AppraisalYear)
}

/// `2023年度考核`, `2024年考核结果`, `2025年度考核等次` → the year.
fn appraisal_year(h: &str) -> Option<i32> {
    let year: i32 = h.get(..4)?.parse().ok()?;
    let rest = h[4..].trim_start_matches("年度").trim_start_matches('年');
    let rest = rest.trim_start_matches("年度");
    // A bare year (`2024年度`, `2024`) as a column of a roster is that year's appraisal.
    matches!(rest, "" | "考核" | "考核结果" | "考核等次" | "考核情况" | "年度考核" | "度考核")
        .then_some(year)
        .filter(|y| (1950..=2100).contains(y))
}

/// One column of the located header.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub index: usize,
    /// The header as written (trimmed), for the output; under a two-row header, `组/列`.
    pub header: String,
    pub key: Option<Key>,
    /// The folded texts of this column's header cells, to recognise a header printed again.
    pub folded: Vec<String>,
}

/// Where the header is and what each column holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Index into [`RawSheet::rows`] of the (upper) header row.
    pub header_row: usize,
    /// 1, or 2 for a group row over a row of column names.
    pub header_rows: usize,
    pub columns: Vec<Column>,
}

impl Layout {
    pub fn column(&self, key: Key) -> Option<&Column> {
        self.columns.iter().find(|c| c.key == Some(key))
    }

    pub fn has(&self, key: Key) -> bool {
        self.column(key).is_some()
    }

    /// `表头→字段` for every recognised column, as the run reports it.
    pub fn matched(&self) -> Vec<String> {
        self.columns.iter().filter_map(|c| Some(format!("{}→{}", c.header, c.key?.id()))).collect()
    }

    /// Headers of the columns passed through untouched.
    pub fn passed_through(&self) -> Vec<&str> {
        self.columns.iter().filter(|c| c.key.is_none() && !c.header.is_empty()).map(|c| c.header.as_str()).collect()
    }

    /// Index into [`RawSheet::rows`] of the first row below the header.
    pub fn data_start(&self) -> usize {
        self.header_row + self.header_rows
    }

    /// Is this row the header printed again (as on every page of a printed export)?
    pub fn is_repeated_header(&self, cells: &[Cell]) -> bool {
        let is_header = |i: usize, c: &Cell| {
            let h = header_text(c);
            self.columns.get(i).is_some_and(|col| col.folded.contains(&h))
        };
        // A data row differs at its first filled cell: one comparison settles nearly every row.
        match cells.iter().enumerate().find(|(_, c)| !c.is_empty()) {
            Some((i, c)) if is_header(i, c) => {}
            _ => return false,
        }
        let filled: Vec<(usize, String)> =
            cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(i, c)| (i, header_text(c))).collect();
        let same = filled
            .iter()
            .filter(|(i, h)| self.columns.get(*i).is_some_and(|c| c.folded.iter().any(|f| f == h)))
            .count();
        same >= 2 && same * 2 >= filled.len()
    }
}

/// Why a sheet is not a roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderProblem {
    /// No row in the top of the sheet names 姓名 and two other known columns.
    NotFound,
    /// The header lacks required columns (their names).
    Missing(Vec<&'static str>),
}

impl HeaderProblem {
    pub fn message(&self) -> String {
        match self {
            HeaderProblem::NotFound => {
                "未找到表头：前30行中没有同时包含“姓名”和至少两个已知列（如技能等级、职称）的行".into()
            }
            HeaderProblem::Missing(cols) => format!("缺少必需的列：{}", cols.join("、")),
        }
    }
}

/// How many rows from the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;
/// Rows [`locate`] needs to have seen to find any header it can find: a two-row header may start
/// on the last row searched.
pub const ROWS_NEEDED: usize = HEADER_SEARCH_ROWS + 1;

/// One header cell: its text as written, its group (the merged cell above it), and both folded.
struct HeaderCell {
    text: String,
    group: Option<String>,
    folded: String,
    folded_group: Option<String>,
}

/// Locates the header and names the columns. `mapped` holds the user's `--map` pairs, with the
/// header folded like [`header_text`].
pub fn locate(sheet: &RawSheet, mapped: &[(String, Key)]) -> Result<Layout, HeaderProblem> {
    let keyed = |h: &str| mapped.iter().find(|(m, _)| m == h).map(|(_, k)| *k).or_else(|| key_of(h));
    let known = |h: &str| keyed(h).is_some() || GENERIC_DATES.contains(&h);
    let score = |cells: &[HeaderCell]| {
        let names = cells.iter().any(|c| keyed(&c.folded) == Some(Key::Name));
        (names, cells.iter().filter(|c| known(&c.folded) || resolve(c, &keyed).is_some()).count())
    };
    let rows = &sheet.rows;
    let (header_row, header_rows, cells) = (0..rows.len().min(HEADER_SEARCH_ROWS))
        .find_map(|i| {
            let one = single(&rows[i].cells);
            let two = rows.get(i + 1).and_then(|below| double(&rows[i].cells, &below.cells, &keyed));
            let (named, n) = score(&one);
            match two {
                Some(two) if score(&two).0 && score(&two).1 > n => Some((i, 2, two)),
                _ if named && n >= 3 => Some((i, 1, one)),
                _ => None,
            }
        })
        .ok_or(HeaderProblem::NotFound)?;

    let mut columns: Vec<Column> = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        let mut key = resolve(cell, &keyed);
        if key.is_none() && GENERIC_DATES.contains(&cell.folded.as_str()) {
            key = columns.iter().rev().find_map(|c| match c.key {
                Some(Key::SkillLevel) => Some(Key::SkillDate),
                Some(Key::Title) => Some(Key::TitleDate),
                _ => None,
            });
        }
        // A second column for a key that does not repeat is passed through, not read twice.
        if let Some(k) = key {
            if !k.repeats() && columns.iter().any(|c| c.key == Some(k)) {
                key = None;
            }
        }
        let header = match &cell.group {
            Some(g) => format!("{g}/{}", cell.text),
            None => cell.text.clone(),
        };
        let folded = [Some(cell.folded.clone()), cell.folded_group.clone()].into_iter().flatten().collect();
        columns.push(Column { index, header, key, folded });
    }

    let mut missing = Vec::new();
    if !columns.iter().any(|c| c.key == Some(Key::Name)) {
        missing.push("姓名");
    }
    if !columns.iter().any(|c| matches!(c.key, Some(Key::SkillLevel) | Some(Key::Title))) {
        missing.push("技能等级或职称");
    }
    if !missing.is_empty() {
        return Err(HeaderProblem::Missing(missing));
    }
    Ok(Layout { header_row, header_rows, columns })
}

/// A one-row header.
fn single(cells: &[Cell]) -> Vec<HeaderCell> {
    cells
        .iter()
        .map(|c| HeaderCell {
            text: c.text().trim().to_string(),
            group: None,
            folded: header_text(c),
            folded_group: None,
        })
        .collect()
}

/// A two-row header: a row of groups (merged cells, value in the first cell) over a row of column
/// names. The row below counts as names only where the cell under 姓名 is empty (姓名 merged down)
/// and it holds at least one known column name.
fn double(upper: &[Cell], lower: &[Cell], keyed: &dyn Fn(&str) -> Option<Key>) -> Option<Vec<HeaderCell>> {
    let name_col = upper.iter().position(|c| keyed(&header_text(c)) == Some(Key::Name))?;
    if lower.get(name_col).is_some_and(|c| !c.is_empty()) {
        return None;
    }
    let width = upper.len().max(lower.len());
    let mut group: Option<&Cell> = None;
    let mut out = Vec::with_capacity(width);
    for i in 0..width {
        let up = upper.get(i).unwrap_or(&Cell::Empty);
        let down = lower.get(i).unwrap_or(&Cell::Empty);
        if !up.is_empty() {
            group = Some(up);
        }
        let cell = if down.is_empty() {
            group = if up.is_empty() { None } else { group };
            HeaderCell { text: up.text().trim().to_string(), group: None, folded: header_text(up), folded_group: None }
        } else {
            let g = group.filter(|g| header_text(g) != header_text(down));
            HeaderCell {
                text: down.text().trim().to_string(),
                group: g.map(|g| g.text().trim().to_string()),
                folded: header_text(down),
                folded_group: g.map(header_text),
            }
        };
        out.push(cell);
    }
    let known = out
        .iter()
        .any(|c| (c.group.is_some() && resolve(c, keyed).is_some()) || GENERIC_DATES.contains(&c.folded.as_str()))
        || lower.iter().map(header_text).any(|h| keyed(&h).is_some());
    known.then_some(out)
}

/// The key of a header cell, its group deciding where the name alone is ambiguous (`取得时间`
/// under 职称情况 is the title date) or incomplete (`等级` under 技能等级情况).
fn resolve(cell: &HeaderCell, keyed: &dyn Fn(&str) -> Option<Key>) -> Option<Key> {
    let h = cell.folded.as_str();
    let Some(group) = cell.folded_group.as_deref() else { return keyed(h) };
    let stem = group.trim_end_matches("情况").trim_end_matches("信息");
    let group_key = keyed(stem);
    if GENERIC_DATES.contains(&h) {
        return match group_key {
            Some(Key::Title) => Some(Key::TitleDate),
            Some(Key::SkillLevel) => Some(Key::SkillDate),
            _ if stem.contains("职称") => Some(Key::TitleDate),
            _ if stem.contains("技能") || stem.contains("职业资格") => Some(Key::SkillDate),
            _ => None,
        };
    }
    if let Some(k) = keyed(h) {
        return Some(k);
    }
    // `2024年` under 近三年年度考核.
    if group_key == Some(Key::Appraisal) || stem.contains("考核") {
        if let Some(year) = appraisal_year(h) {
            return Some(Key::AppraisalYear(year));
        }
    }
    if let Some(k) = keyed(&format!("{stem}{h}")) {
        return Some(k);
    }
    matches!(h, "等级" | "级别" | "名称" | "资格").then_some(group_key).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::RawRow;

    fn sheet(rows: &[&[&str]]) -> RawSheet {
        RawSheet {
            sheet: "花名册".into(),
            merged: Vec::new(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| RawRow {
                    number: i as u32 + 1,
                    cells: r.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text((*s).into()) }).collect(),
                })
                .collect(),
        }
    }

    fn keys(layout: &Layout) -> Vec<Option<&'static str>> {
        layout.columns.iter().map(|c| c.key.map(Key::id)).collect()
    }

    #[test]
    fn finds_header_below_title_rows() {
        let s = sheet(&[
            &["XX集团2025年度技能人才花名册"],
            &["填报单位：XX公司", "", "填报日期：2025年12月1日"],
            &[],
            &["序号", "姓 名", "技能等级", "取得时间", "职称", "取得时间", "备注"],
            &["1", "张三", "高级工", "2019-01-01", "", "", ""],
        ]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!(layout.header_row, 3);
        assert_eq!(
            keys(&layout),
            [None, Some("name"), Some("skill_level"), Some("skill_date"), Some("title"), Some("title_date"), None]
        );
    }

    #[test]
    fn headers_match_whole_after_folding() {
        let s = sheet(&[&[
            "姓名",
            "职业（工种）",
            "技能等级(职业资格)",
            "取得时间",
            "职称取得时间",
            "2024年度考核",
            "2025年考核结果",
        ]]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!(
            keys(&layout),
            [
                Some("name"),
                Some("occupation"),
                Some("skill_level"),
                Some("skill_date"),
                Some("title_date"),
                Some("appraisal"),
                Some("appraisal")
            ]
        );
        assert_eq!(layout.columns[5].key, Some(Key::AppraisalYear(2024)));
    }

    #[test]
    fn user_map_and_missing_columns() {
        let s = sheet(&[&["姓名", "从业工种", "等级", "单位"]]);
        assert_eq!(locate(&s, &[]), Err(HeaderProblem::NotFound));
        let mapped = [("等级".to_string(), Key::SkillLevel), ("从业工种".to_string(), Key::Occupation)];
        assert_eq!(keys(&locate(&s, &mapped).unwrap())[2], Some("skill_level"));
        let no_level = sheet(&[&["姓名", "单位", "部门"]]);
        assert_eq!(locate(&no_level, &[]), Err(HeaderProblem::Missing(vec!["技能等级或职称"])));
    }

    #[test]
    fn two_row_header_names_columns_by_the_lower_cell_and_keeps_the_group() {
        let s = sheet(&[
            &["XX公司花名册"],
            &["序号", "姓名", "技能等级情况", "", "职称情况", "", "备注"],
            &["", "", "技能等级", "取得时间", "职称", "取得时间", ""],
            &["1", "张三", "技师", "2019-01-01", "助工", "2018-01-01", ""],
        ]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!((layout.header_row, layout.header_rows, layout.data_start()), (1, 2, 3));
        assert_eq!(
            keys(&layout),
            [None, Some("name"), Some("skill_level"), Some("skill_date"), Some("title"), Some("title_date"), None]
        );
        assert_eq!(layout.columns[5].header, "职称情况/取得时间");
        assert_eq!(layout.columns[1].header, "姓名");
    }

    #[test]
    fn group_completes_a_short_lower_name() {
        let s = sheet(&[&["姓名", "技能等级情况", "", "职称情况", ""], &["", "等级", "发证日期", "名称", "评定时间"]]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!(
            keys(&layout),
            [Some("name"), Some("skill_level"), Some("skill_date"), Some("title"), Some("title_date")]
        );
    }

    #[test]
    fn recognises_the_header_printed_again() {
        let s = sheet(&[&["序号", "姓名", "技能等级", "取得时间"], &["1", "张三", "技师", "2019-01-01"]]);
        let layout = locate(&s, &[]).unwrap();
        let again: Vec<Cell> =
            ["序号", "姓名", "技能等级", "取得时间"].iter().map(|t| Cell::Text((*t).into())).collect();
        assert!(layout.is_repeated_header(&again));
        assert!(!layout.is_repeated_header(&s.rows[1].cells));
    }

    #[test]
    fn appraisal_years_under_a_group() {
        let s = sheet(&[
            &["姓名", "技能等级", "取得时间", "近三年年度考核", "", ""],
            &["", "", "", "2023年", "2024年度", "2025"],
            &["张三", "技师", "2019-01-01", "合格", "合格", "优秀"],
        ]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!(layout.header_rows, 2);
        let years: Vec<Option<Key>> = layout.columns[3..].iter().map(|c| c.key).collect();
        assert_eq!(
            years,
            [Some(Key::AppraisalYear(2023)), Some(Key::AppraisalYear(2024)), Some(Key::AppraisalYear(2025))]
        );
    }
}
