//! Finding the header of a roster and naming its columns.
//!
//! Real exports put title rows, a 填报单位 line and blank rows above the header, and government
//! templates write the header as a block of rows: group headings (`技能等级情况`, `职称情况`,
//! `近三年年度考核`) over the names of their columns, with a leaf that has no sub-columns (`姓名`)
//! merged down over the whole block ([`block`]). Each column's header is its path of texts down
//! the block; its key comes from the leaf, in the context of its groups ([`words`]).
//!
//! The header is the first block, of one to four rows starting in the top 30, that names 姓名 and
//! at least two other known columns, and whose first and last rows each decide some column's key
//! (a title row above it decides none). Of the blocks starting on that row, the one that names the
//! most columns wins; a tie goes to the shorter. A generic date header (取得时间, 发证日期 …) with no
//! group to say whose date it is belongs to the level or title column nearest to its left.

mod block;
#[cfg(test)]
mod corpus;
mod grammar;
mod words;

use super::{Cell, RawSheet};
use block::{Block, HeaderCell};
pub use words::Forms;
use words::{is_generic_date, unread, Words};

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
    /// `技能等级及取得时间`: the level and its date in one cell (`技师 2019.05`).
    SkillLevelAndDate,
    /// History columns: the date a lower level was obtained, for a person who now holds a higher
    /// one (`高级工取得时间` … `首席技师取得时间`, one per level of the 新八级 ladder above 中级工).
    SeniorWorkerDate,
    TechnicianDate,
    SeniorTechnicianDate,
    PrincipalTechnicianDate,
    ChiefTechnicianDate,
    Title,
    TitleDate,
    /// `职称及取得时间`: the title and its date in one cell (`工程师/2017.12`).
    TitleAndDate,
    /// `职称/技能等级`, `职称或职业资格`: one column of either, each cell read by what it holds.
    TitleOrLevel,
    /// The date of the credential a [`Key::TitleOrLevel`] cell holds.
    TitleOrLevelDate,
    /// `职称系列` (工程, 经济, 会计 …) beside a title written as its grade only (`中级`).
    TitleSeries,
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
    /// A fact the policy declares (`[[fact]]`: 继续教育学时, 人员身份 …), by its place in the policy;
    /// its headers come with the policy, like `--map` pairs.
    Fact(u8),
}

/// One field as the program names it: its id (`--map`, the JSONL's wording) and its name as a person
/// reads it (ROSTER.md's column table), shown wherever the program says which column became which
/// field and taken by `--map` like the id. Every field is described here once, in [`FIELDS`].
pub struct FieldName {
    pub key: Key,
    pub id: &'static str,
    pub label: &'static str,
}

/// Every field a user may name with `--map header=key`, in ROSTER.md's order.
pub const FIELDS: [FieldName; 30] = {
    const fn f(key: Key, id: &'static str, label: &'static str) -> FieldName {
        FieldName { key, id, label }
    }
    [
        f(Key::Name, "name", "姓名"),
        f(Key::IdNumber, "id_number", "身份证号"),
        f(Key::Employer, "employer", "单位"),
        f(Key::Department, "department", "部门"),
        f(Key::PostType, "post_type", "岗位类别"),
        f(Key::Occupation, "occupation", "职业（工种）"),
        f(Key::SkillLevel, "skill_level", "技能等级"),
        f(Key::SkillDate, "skill_date", "技能等级取得时间"),
        f(Key::SkillLevelAndDate, "skill_level_and_date", "技能等级及取得时间"),
        f(Key::SeniorWorkerDate, "senior_worker_date", "高级工取得时间"),
        f(Key::TechnicianDate, "technician_date", "技师取得时间"),
        f(Key::SeniorTechnicianDate, "senior_technician_date", "高级技师取得时间"),
        f(Key::PrincipalTechnicianDate, "principal_technician_date", "特级技师取得时间"),
        f(Key::ChiefTechnicianDate, "chief_technician_date", "首席技师取得时间"),
        f(Key::Title, "title", "职称"),
        f(Key::TitleDate, "title_date", "职称取得时间"),
        f(Key::TitleAndDate, "title_and_date", "职称及取得时间"),
        f(Key::TitleOrLevel, "title_or_level", "职称或技能等级"),
        f(Key::TitleOrLevelDate, "title_or_level_date", "职称或技能等级取得时间"),
        f(Key::TitleSeries, "title_series", "职称系列"),
        f(Key::Education, "education", "学历"),
        f(Key::TechSchoolClass, "tech_school_class", "技工院校班级"),
        f(Key::Major, "major", "所学专业"),
        f(Key::MajorRelated, "major_related", "所学专业是否对口"),
        f(Key::OccupationStart, "occupation_start", "从事本职业起始时间"),
        f(Key::Appraisal, "appraisal", "年度考核"),
        f(Key::Awards, "awards", "荣誉称号"),
        f(Key::Competitions, "competitions", "技能竞赛"),
        f(Key::MasterStudio, "master_studio", "技能大师工作室"),
        f(Key::Integrity, "integrity", "诚信情况"),
    ]
};

/// The keys of [`FIELDS`], in its order (derived from it when compiling, not a second list).
const KEYS: [Key; FIELDS.len()] = {
    let mut keys = [Key::Name; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        keys[i] = FIELDS[i].key;
        i += 1;
    }
    keys
};

impl Key {
    /// This field's entry of [`FIELDS`] (a year's appraisal is the appraisal's; a declared fact,
    /// whose name is the policy's, is said as one).
    fn name(self) -> &'static FieldName {
        const FACT: FieldName = FieldName { key: Key::Fact(0), id: "fact", label: "政策声明的事实" };
        if let Key::Fact(_) = self {
            return &FACT;
        }
        let key = if let Key::AppraisalYear(_) = self { Key::Appraisal } else { self };
        // Every key but a year's appraisal is in FIELDS (`every_field_is_named_once`).
        FIELDS.iter().find(|f| f.key == key).unwrap_or(&FIELDS[0])
    }

    pub fn id(self) -> &'static str {
        self.name().id
    }

    /// The field's name as a person reads it.
    pub fn label(self) -> &'static str {
        self.name().label
    }

    /// The key's place among [`FIELDS`]; `None` for a year's appraisal or a declared fact.
    /// Normalizing a row asks this a few dozen times: searched in [`KEYS`], FIELDS' keys packed
    /// together, not in FIELDS itself.
    fn slot(self) -> Option<usize> {
        if let Key::AppraisalYear(_) | Key::Fact(_) = self {
            return None;
        }
        KEYS.iter().position(|k| *k == self)
    }

    /// The key named by its id (`occupation`) or its Chinese name (`职业（工种）`, `职业工种`).
    pub fn from_id(id: &str) -> Option<Key> {
        let bare = |s: &str| s.chars().filter(|c| !matches!(c, '（' | '）' | '(' | ')' | ' ')).collect::<String>();
        FIELDS.iter().find(|f| f.id == id || bare(f.label) == bare(id)).map(|f| f.key)
    }

    /// Free-text columns that may repeat (two award columns are both read).
    fn repeats(self) -> bool {
        matches!(self, Key::Awards | Key::Competitions | Key::MasterStudio | Key::AppraisalYear(_))
    }
}

/// A header cell, folded for comparison (as `--map` headers are).
pub fn header_text(cell: &Cell) -> String {
    Forms::full_of(&cell.text())
}

/// One column of the located header.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub index: usize,
    /// The header's texts down the block, outermost group first, as written (trimmed).
    pub path: Vec<String>,
    /// The path as one text, for the output: `职称情况/取得时间`; empty for a column without one.
    pub header: String,
    pub key: Option<Key>,
    /// The folded texts this column shows in the header rows, to recognise them printed again.
    pub folded: Vec<String>,
    /// The folded group headings of the path, innermost first (the leaf is not one).
    pub groups: Vec<String>,
    /// Why a column whose header looks like a credential's is kept as it is, not read.
    pub unread: Option<Unread>,
}

/// Why a column whose header names a credential, an honour, an appraisal or integrity is kept as it
/// is: said on the terminal and in 数据问题, never dropped in silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// Another column to its left already gives this field (a second `职称`): the first is read.
    Repeats(Key),
    /// The header is not read in full; the field it likely holds, for the `--map` to suggest.
    Unknown(Option<Key>),
}

impl Column {
    /// A column the header does not reach (data further right than any header cell).
    pub fn unnamed(index: usize) -> Column {
        Column {
            index,
            path: Vec::new(),
            header: String::new(),
            key: None,
            folded: Vec::new(),
            groups: Vec::new(),
            unread: None,
        }
    }

    /// The whole path as a person reads it: `职称情况 › 取得时间`, or `第F列（无表头）`.
    pub fn described(&self) -> String {
        if self.path.is_empty() {
            format!("第{}列（无表头）", column_letters(self.index))
        } else {
            self.path.iter().map(|p| p.replace(['\n', '\r'], "")).collect::<Vec<_>>().join(" › ")
        }
    }
}

/// Excel's letters for a 0-based column index: 0 → A, 26 → AA.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Where the header is and what each column holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Index into [`RawSheet::rows`] of the header's first row.
    pub header_row: usize,
    /// How many rows the header block has (1–4).
    pub header_rows: usize,
    pub columns: Vec<Column>,
    /// For each key's place in [`FIELDS`], the index into `columns` of its column.
    by_key: Vec<Option<usize>>,
}

impl Layout {
    /// The column of `key`. Normalizing a row asks this a dozen times: looked up in a table, not
    /// searched (a year's appraisal, of which there may be several, is searched).
    pub fn column(&self, key: Key) -> Option<&Column> {
        match key.slot() {
            Some(slot) => self.by_key.get(slot).copied().flatten().map(|i| &self.columns[i]),
            None => self.columns.iter().find(|c| c.key == Some(key)),
        }
    }

    pub fn has(&self, key: Key) -> bool {
        self.column(key).is_some()
    }

    /// `表头 › 路径→字段` for every recognised column, as the run reports it.
    pub fn matched(&self) -> Vec<String> {
        self.columns.iter().filter_map(|c| Some(format!("{}→{}", c.described(), c.key?.label()))).collect()
    }

    /// The columns passed through untouched, each by its whole path (or its letter).
    pub fn passed_through(&self) -> Vec<String> {
        self.columns.iter().filter(|c| c.key.is_none()).map(Column::described).collect()
    }

    /// The kept columns whose header looks like a credential's, each said as a person reads it:
    /// `“职称等级”（与前面的“职称”列同为职称，只读取了前一列）`, `“卫计类专业技术职称”（未能识别；如为职称，
    /// 可加 --map "卫计类专业技术职称=职称"）`.
    pub fn unread(&self) -> Vec<String> {
        self.columns
            .iter()
            .filter_map(|c| {
                let why = match c.unread? {
                    Unread::Repeats(k) => {
                        let first = self.column(k).map_or_else(String::new, |f| format!("“{}”", f.described()));
                        format!("与前面的{first}列同为{}，只读取了前一列", k.label())
                    }
                    Unread::Unknown(Some(k)) => {
                        let header = c.path.last().map_or(String::new(), |h| Forms::of(h).full);
                        format!("未能识别；如为{0}，可加 --map \"{header}={0}\"", k.label())
                    }
                    Unread::Unknown(None) => "未能识别；如需参与筛选，可用 --map 指定字段".to_string(),
                };
                Some(format!("“{}”（{why}）", c.described()))
            })
            .collect()
    }

    /// The sentence that says [`Layout::unread`], or `None` when every such column was read.
    pub fn unread_said(&self) -> Option<String> {
        let unread = self.unread();
        (!unread.is_empty())
            .then(|| format!("像是资格、荣誉、考核或诚信信息而原样保留、未用于筛选的列：{}", unread.join("；")))
    }

    /// Index into [`RawSheet::rows`] of the first row below the header.
    pub fn data_start(&self) -> usize {
        self.header_row + self.header_rows
    }

    /// Is this the row of column numbers that government templates put under the header
    /// (`1 2 3 …`, `(1) (2) …`, `甲 乙 1 2 …`)? Its filled cells are heavenly stems in order,
    /// then whole numbers counting up by one; no person's row is.
    pub fn is_column_numbers(cells: &[Cell]) -> bool {
        const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
        let mut filled = cells.iter().filter(|c| !c.is_empty());
        // Nearly every data row is settled by its first filled cell, without making a text of it
        // (a 序号 of 1 by its second).
        let starts = |c: &Cell| match c {
            Cell::Number(n) => *n == 1.0,
            Cell::Text(s) => matches!(s.trim().trim_matches(['(', ')', '（', '）']), "1" | "１" | "甲"),
            _ => false,
        };
        if !filled.clone().next().is_some_and(starts) {
            return false;
        }
        let (mut stems, mut next, mut count) = (0, 1i64, 0);
        for cell in filled.by_ref() {
            let text = header_text(cell);
            count += 1;
            if next == 1 && stems < STEMS.len() && text == STEMS[stems] {
                stems += 1;
            } else if text.parse::<i64>() == Ok(next) {
                next += 1;
            } else {
                return false;
            }
        }
        count >= 3
    }

    /// Is this a row of notes under the header (`（年.月）` under each date, `（18位）` under the
    /// 身份证号)? Every filled cell is a bracketed note and nothing else; no person's row is.
    pub fn is_notes_row(cells: &[Cell]) -> bool {
        let mut filled = cells.iter().filter(|c| !c.is_empty()).peekable();
        // A data row is settled by its first filled cell, which does not open a bracket.
        let opens = |c: &Cell| matches!(c, Cell::Text(s) if s.trim_start().starts_with(['(', '（', '[', '【', '〔', '<', '《']));
        if !filled.peek().is_some_and(|c| opens(c)) {
            return false;
        }
        filled.all(|c| matches!(c, Cell::Text(_)) && Forms::of(&c.text()).bare.is_empty())
    }

    /// Is this a template's example row (`示例：张三`, `样例`, `【示例】张三`, `例：…`), not a person?
    /// Templates — guantong's own (`guantong template`) and the bureaus' — fill one row to show how,
    /// and enterprises leave it in. The row's first filled cell, or its 姓名 (a 序号 of `1` may come
    /// first), is an example word alone, the word and a colon before anything else, or the word in
    /// brackets. A name never is: `李例` does not start with the word, and `示例张三` without its
    /// colon is read as written.
    pub fn is_example_row(&self, cells: &[Cell]) -> bool {
        let name = self.column(Key::Name).and_then(|c| cells.get(c.index));
        cells.iter().find(|c| !c.is_empty()).into_iter().chain(name).any(is_example_marker)
    }

    /// Is this row a note under the header, not a person? Import templates and bureau forms put
    /// their instructions there (`注意：导入前请删除注意事项…`, `填表说明：…`), often one cell merged
    /// over several columns and rows, which gives its text to each row it covers. Every filled cell
    /// holds the same text, and that text starts with a note word (with its colon, or alone), or is
    /// a sentence no roster cell is: 20 characters or more with a comma or a full stop in it.
    pub fn is_note_block(&self, cells: &[Cell]) -> bool {
        const WORDS: &[&str] = &[
            "注意",
            "注意事项",
            "说明",
            "填表说明",
            "填写说明",
            "填报说明",
            "导入说明",
            "备注",
            "注",
            "提示",
            "温馨提示",
            "特别提示",
            "重要提示",
            "友情提示",
        ];
        let mut filled = cells.iter().filter(|c| !c.is_empty());
        let Some(Cell::Text(first)) = filled.next() else { return false };
        if !filled.all(|c| matches!(c, Cell::Text(t) if t == first)) {
            return false;
        }
        let text = crate::text::fold(first);
        let word = text.split([':', '：']).next().unwrap_or_default().trim_end_matches(|c: char| c.is_ascii_digit());
        let marked = text.len() > word.len() && WORDS.contains(&word);
        let sentence = text.chars().count() >= 20 && text.contains([',', '，', '。', ';', '；']);
        marked || WORDS.contains(&text.as_ref()) || sentence
    }

    /// Is this row one of the header's rows printed again (as on every page of a printed export)?
    /// Every filled cell shows what its column shows in some header row: at least two of them, or
    /// one group heading alone (`近三年年度考核` on a row of its own).
    pub fn is_repeated_header(&self, cells: &[Cell]) -> bool {
        let is_header = |i: usize, h: &str| self.columns.get(i).is_some_and(|col| col.folded.iter().any(|f| f == h));
        // A data row differs at its first filled cell: one comparison settles nearly every row.
        match cells.iter().enumerate().find(|(_, c)| !c.is_empty()) {
            Some((i, c)) if is_header(i, &header_text(c)) => {}
            _ => return false,
        }
        let filled: Vec<(usize, String)> =
            cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(i, c)| (i, header_text(c))).collect();
        let same = filled.iter().filter(|(i, h)| is_header(*i, h)).count();
        match filled.as_slice() {
            [(i, h)] => self.columns.get(*i).is_some_and(|c| c.groups.contains(h)),
            _ => same >= 2 && same * 2 >= filled.len(),
        }
    }
}

/// An example word alone (`示例`), with a colon and more (`示例：张三`, `例：…`), or in brackets
/// (`【示例】张三`, `（样例）`); full-width forms fold to these.
fn is_example_marker(cell: &Cell) -> bool {
    const WORDS: &[&str] = &["示例", "样例", "范例", "举例", "例如", "例", "填写示例", "填表示例", "填报示例"];
    const OPENS: &[char] = &['(', '[', '<', '《', '「', '〈', '『'];
    const CLOSES: &[char] = &[')', ']', '>', '》', '」', '〉', '』'];
    let Cell::Text(text) = cell else { return false };
    let folded = crate::text::fold(text);
    let word = match folded.strip_prefix(OPENS) {
        Some(inside) => inside.split(CLOSES).next().filter(|_| inside.contains(CLOSES)),
        None => folded.split(':').next(),
    };
    word.is_some_and(|w| WORDS.contains(&w.trim_end_matches(':')))
}

/// Why a sheet is not a roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderProblem {
    /// No block in the top of the sheet names 姓名 and two other known columns.
    NotFound,
    /// The header lacks required columns (their names), with the kept columns that look like
    /// them ([`Layout::unread`]).
    Missing(Vec<&'static str>, Vec<String>),
}

impl HeaderProblem {
    pub fn message(&self) -> String {
        match self {
            HeaderProblem::NotFound => {
                "未找到表头：前30行中没有同时包含“姓名”和至少两个已知列（如技能等级、职称）的行".into()
            }
            HeaderProblem::Missing(cols, unread) if unread.is_empty() => format!("缺少必需的列：{}", cols.join("、")),
            HeaderProblem::Missing(cols, unread) => {
                format!("缺少必需的列：{}；表头中有未能识别的相关列：{}", cols.join("、"), unread.join("；"))
            }
        }
    }
}

/// How many rows from the top are searched for the header's first row.
const HEADER_SEARCH_ROWS: usize = 30;
/// The most rows a header block has.
const MAX_HEADER_ROWS: usize = 4;
/// Rows [`locate`] needs to have seen to find any header it can find: a block of four rows may
/// start on the last row searched.
pub const ROWS_NEEDED: usize = HEADER_SEARCH_ROWS + MAX_HEADER_ROWS - 1;

/// A block that could be the header: each column's path and key.
struct Candidate<'c> {
    block: Block<'c>,
    paths: Vec<Vec<&'c HeaderCell>>,
    keys: Vec<Option<Key>>,
    score: usize,
}

impl<'c> Candidate<'c> {
    /// The block read as a header, if it is one: 姓名 and two more known columns, and (for more
    /// than one row) a first and a last row that each decide a column's key.
    fn of(block: Block<'c>, words: &Words) -> Option<Candidate<'c>> {
        let paths: Vec<Vec<&HeaderCell>> = (0..block.width).map(|c| block.path(c, None)).collect();
        let mut keys: Vec<Option<Key>> = Vec::with_capacity(paths.len());
        for path in &paths {
            let forms: Vec<&Forms> = path.iter().map(|h| &h.forms).collect();
            let mut key = words.resolve(&forms);
            let unplaced_date = forms.last().is_some_and(|leaf| is_generic_date(leaf))
                && forms[..forms.len() - 1].iter().all(|g| words.group_key(g).is_none());
            if key.is_none() && unplaced_date {
                key = keys.iter().rev().find_map(|k| match k {
                    Some(Key::SkillLevel) => Some(Key::SkillDate),
                    Some(Key::Title) => Some(Key::TitleDate),
                    Some(Key::TitleOrLevel) => Some(Key::TitleOrLevelDate),
                    _ => None,
                });
            }
            keys.push(key);
        }
        if !keys.contains(&Some(Key::Name)) {
            return None;
        }
        // Columns that will be read: a second column of a key that does not repeat is kept as it
        // is (a group heading merged over two columns names one field, not two).
        let score = keys
            .iter()
            .enumerate()
            .filter(|(i, k)| k.is_some_and(|k| k.repeats() || !keys[..*i].contains(&Some(k))))
            .count();
        if score < 3 {
            return None;
        }
        let h = block.height();
        let decides = |k: usize| {
            (0..block.width).any(|c| {
                block.written_by(c, k) && {
                    let without: Vec<&Forms> = block.path(c, Some(k)).iter().map(|h| &h.forms).collect();
                    words.resolve(&without) != keys[c]
                }
            })
        };
        if h > 1 && !(decides(0) && decides(h - 1)) {
            return None;
        }
        Some(Candidate { block, paths, keys, score })
    }
}

/// Locates the header and names the columns. `mapped` holds the user's `--map` pairs, with the
/// header folded like [`header_text`]. The sheet's merged ranges are used where known.
pub fn locate(sheet: &RawSheet, mapped: &[(String, Key)]) -> Result<Layout, HeaderProblem> {
    let words = Words { mapped };
    let rows = &sheet.rows[..sheet.rows.len().min(ROWS_NEEDED)];
    let cells: Vec<Vec<HeaderCell>> = rows.iter().map(|r| r.cells.iter().map(HeaderCell::of).collect()).collect();
    let mut found: Option<(usize, Candidate)> = None;
    for i in 0..rows.len().min(HEADER_SEARCH_ROWS) {
        if !cells[i].iter().any(|c| words.hints(&c.forms)) {
            continue;
        }
        for h in 1..=MAX_HEADER_ROWS {
            // A block's rows follow each other (a streamed sheet leaves out empty rows).
            if i + h > rows.len() || rows[i + h - 1].number != rows[i].number + (h as u32 - 1) {
                break;
            }
            let block = Block::new(&cells[i..i + h], rows[i].number, &sheet.merged);
            let Some(candidate) = Candidate::of(block, &words) else { continue };
            if found.as_ref().is_none_or(|(_, best)| candidate.score > best.score) {
                found = Some((i, candidate));
            }
        }
        if found.is_some() {
            break;
        }
    }
    let (header_row, candidate) = found.ok_or(HeaderProblem::NotFound)?;

    let mut columns: Vec<Column> = Vec::with_capacity(candidate.paths.len());
    for (index, (path, key)) in candidate.paths.iter().zip(&candidate.keys).enumerate() {
        // A second column for a key that does not repeat is passed through, not read twice —
        // except a certificate's grade after its name (`职业资格证书名称 │ 职业资格证书等级`): the
        // grade is the level, the name (`维修电工`) is passed through instead. (A title's name,
        // `工程师`, says more than its grade, `中级`: the first title column is kept.)
        let grade = |p: &[&HeaderCell]| p.last().is_some_and(|h| h.forms.names_a_grade());
        let mut repeated = key.filter(|k| !k.repeats() && columns.iter().any(|c| c.key == Some(*k)));
        if let Some(k) = repeated.filter(|k| *k == Key::SkillLevel && grade(path)) {
            let name = |p: &[&HeaderCell]| p.last().is_some_and(|h| h.forms.full.contains("名称"));
            let named = columns.iter_mut().find(|c| c.key == Some(k) && name(&candidate.paths[c.index]));
            if let Some(named) = named {
                named.key = None;
                named.unread = Some(Unread::Repeats(k));
                repeated = None;
            }
        }
        let key = if repeated.is_some() { None } else { *key };
        let forms: Vec<&Forms> = path.iter().map(|h| &h.forms).collect();
        let unread = match (key, repeated) {
            (Some(_), _) => None,
            (None, Some(k)) => Some(Unread::Repeats(k)),
            (None, None) => unread(&forms).map(Unread::Unknown),
        };
        let texts: Vec<String> = path.iter().map(|h| h.text.clone()).collect();
        let groups = path.iter().rev().skip(1).map(|h| h.forms.full.clone()).collect();
        columns.push(Column {
            index,
            header: texts.join("/"),
            path: texts,
            key,
            folded: candidate.block.folded(index),
            groups,
            unread,
        });
    }

    let mut missing = Vec::new();
    if !columns.iter().any(|c| c.key == Some(Key::Name)) {
        missing.push("姓名");
    }
    let credential = |k: Option<Key>| {
        matches!(k, Some(Key::SkillLevel | Key::Title | Key::SkillLevelAndDate | Key::TitleAndDate | Key::TitleOrLevel))
    };
    if !columns.iter().any(|c| credential(c.key)) {
        missing.push("技能等级或职称");
    }
    let mut by_key = vec![None; FIELDS.len()];
    for (i, c) in columns.iter().enumerate() {
        if let Some(slot) = c.key.and_then(Key::slot) {
            by_key[slot].get_or_insert(i);
        }
    }
    let layout = Layout { header_row, header_rows: candidate.block.height(), columns, by_key };
    if !missing.is_empty() {
        // A column a person sees as the missing one, though not read, is named with its `--map`.
        return Err(HeaderProblem::Missing(missing, layout.unread()));
    }
    Ok(layout)
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
    fn every_field_is_named_once() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert_eq!(f.key.slot(), Some(i), "{}", f.id);
            assert_eq!((f.key.id(), f.key.label()), (f.id, f.label));
            assert_eq!(Key::from_id(f.id), Some(f.key));
            assert_eq!(Key::from_id(f.label), Some(f.key));
            assert!(FIELDS[..i].iter().all(|g| g.id != f.id && g.label != f.label), "{}", f.id);
        }
        assert_eq!(Key::AppraisalYear(2024).id(), "appraisal");
        assert_eq!(Key::AppraisalYear(2024).slot(), None);
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
        assert_eq!(locate(&no_level, &[]), Err(HeaderProblem::Missing(vec!["技能等级或职称"], vec![])));
        // A column that looks like the missing one is named with the --map that reads it.
        let unread = sheet(&[&["姓名", "身份证号", "单位", "卫计类专业技术职称"]]);
        let problem = locate(&unread, &[]).unwrap_err();
        assert_eq!(
            problem.message(),
            "缺少必需的列：技能等级或职称；表头中有未能识别的相关列：“卫计类专业技术职称”（未能识别；如为职称，可加 --map \"卫计类专业技术职称=职称\"）"
        );
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

    #[test]
    fn vertical_merged_leaf_beside_groups() {
        // 序号, 姓名, 荣誉称号 merged down over both rows: their lower cells are empty.
        let s = sheet(&[
            &["XX公司2025年度技能人才花名册"],
            &["序号", "姓名", "技能等级情况", "", "职称情况", "", "荣誉称号", "备注"],
            &["", "", "等级", "取得时间", "职称名称", "取得时间", "", ""],
            &["1", "张三", "高级技师", "2019-01-01", "高级工程师", "2018-01-01", "辽宁工匠", ""],
        ]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!((layout.header_row, layout.header_rows), (1, 2));
        assert_eq!(
            keys(&layout),
            [
                None,
                Some("name"),
                Some("skill_level"),
                Some("skill_date"),
                Some("title"),
                Some("title_date"),
                Some("awards"),
                None
            ]
        );
        assert_eq!(layout.passed_through(), ["序号", "备注"]);
        assert_eq!(layout.columns[5].described(), "职称情况 › 取得时间");
    }

    #[test]
    fn three_row_header_with_a_middle_row() {
        let s = sheet(&[
            &["序号", "基本信息", "", "技能等级情况", "", "近三年年度考核", "", ""],
            &["", "姓名", "身份证号", "等级", "取得时间", "年度", "", ""],
            &["", "", "", "", "", "2023", "2024", "2025"],
            &["1", "张三", "210302198507120018", "技师", "2019-01-01", "合格", "合格", "优秀"],
        ]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!((layout.header_row, layout.header_rows, layout.data_start()), (0, 3, 3));
        let years: Vec<Option<Key>> = layout.columns[5..].iter().map(|c| c.key).collect();
        assert_eq!(
            years,
            [Some(Key::AppraisalYear(2023)), Some(Key::AppraisalYear(2024)), Some(Key::AppraisalYear(2025))]
        );
        assert_eq!(layout.columns[6].described(), "近三年年度考核 › 年度 › 2024");
        assert_eq!(layout.columns[1].described(), "基本信息 › 姓名");
    }

    #[test]
    fn the_header_block_or_one_of_its_rows_printed_again_is_a_header() {
        let s = sheet(&[
            &["序号", "姓名", "技能等级情况", "", "近三年年度考核"],
            &["", "", "等级", "取得时间", ""],
            &["1", "张三", "技师", "2019-01-01", "合格"],
        ]);
        let layout = locate(&s, &[]).unwrap();
        let numbers = |texts: &[&str]| -> bool {
            let cells: Vec<Cell> =
                texts.iter().map(|t| if t.is_empty() { Cell::Empty } else { Cell::Text((*t).into()) }).collect();
            Layout::is_column_numbers(&cells)
        };
        assert!(numbers(&["1", "2", "3", "4", "5"]));
        assert!(numbers(&["(1)", "(2)", "", "(3)"]));
        assert!(numbers(&["甲", "乙", "1", "2", "3"]));
        assert!(!numbers(&["1", "张三", "技师"]));
        assert!(!numbers(&["1", "2"]));
        assert!(!numbers(&["1", "3", "4"]));
        let notes = |texts: &[&str]| -> bool {
            let cells: Vec<Cell> =
                texts.iter().map(|t| if t.is_empty() { Cell::Empty } else { Cell::Text((*t).into()) }).collect();
            Layout::is_notes_row(&cells)
        };
        assert!(notes(&["", "", "（年.月）", "", "(年.月)"]));
        assert!(notes(&["【必填】"]));
        assert!(!notes(&["（张三）", "技师"]));
        assert!(!notes(&["张三", "（年.月）"]));
        let row = |texts: &[&str]| -> Vec<Cell> {
            texts.iter().map(|t| if t.is_empty() { Cell::Empty } else { Cell::Text((*t).into()) }).collect()
        };
        assert!(layout.is_repeated_header(&row(&["序号", "姓名", "技能等级情况", "", "近三年年度考核"])));
        assert!(layout.is_repeated_header(&row(&["", "", "等级", "取得时间", ""])));
        assert!(layout.is_repeated_header(&row(&["", "", "技能等级情况", "", ""])));
        assert!(!layout.is_repeated_header(&row(&["", "", "技师", "", ""])));
        assert!(!layout.is_repeated_header(&s.rows[2].cells));
        // A leaf alone is a value a person could have, not a header.
        assert!(!layout.is_repeated_header(&row(&["", "", "等级", "", ""])));
    }

    #[test]
    fn an_example_row_is_not_a_person() {
        let s = sheet(&[&["序号", "姓名", "身份证号", "技能等级"]]);
        let layout = locate(&s, &[]).unwrap();
        let row = |texts: &[&str]| -> Vec<Cell> {
            texts.iter().map(|t| if t.is_empty() { Cell::Empty } else { Cell::Text((*t).into()) }).collect()
        };
        for example in [
            &["", "示例：张三", "21030219850712001X", "技师"][..],
            &["", "示例:张三", "", "技师"],
            &["示例", "张三", "", "技师"],
            &["样例", "张三"],
            &["填写示例", "张三"],
            &["例：", "张三", "", "技师"],
            &["", "例:张三"],
            &["", "【示例】张三", "", "技师"],
            &["（示例）", "张三"],
            &["(样例：)", "张三"],
            &["", " 示例 ：张三"],
            // A 序号 before the marked name.
            &["1", "示例：张三", "", "技师"],
        ] {
            assert!(layout.is_example_row(&row(example)), "{example:?}");
        }
        // People whose names hold the word, and rows that mention it only further on.
        for person in [
            &["1", "李例", "", "技师"][..],
            &["", "例明", "", "技师"],
            &["", "示例张三", "", "技师"],
            &["1", "张三", "", "示例"],
            &["", "张三", "示例：", "技师"],
            &["", "（张三）", "", "技师"],
            &["", "【示例", "", "技师"],
            &[],
        ] {
            assert!(!layout.is_example_row(&row(person)), "{person:?}");
        }
        assert!(!layout.is_example_row(&[Cell::Number(1.0), Cell::Text("张三".into())]));
    }

    #[test]
    fn two_columns_with_one_header_text_are_two_columns() {
        let s = sheet(&[&["姓名", "技能等级", "取得时间", "职称", "取得时间", "备注", "备注"]]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!(
            keys(&layout),
            [Some("name"), Some("skill_level"), Some("skill_date"), Some("title"), Some("title_date"), None, None]
        );
        assert_eq!(layout.passed_through(), ["备注", "备注"]);
    }

    #[test]
    fn a_title_row_or_a_filing_line_is_never_the_header() {
        let s = sheet(&[
            &["技能等级情况统计表"],
            &["填报单位：XX公司", "", "", "填报日期：2025年12月1日"],
            &["姓名", "技能等级", "取得时间", "职称"],
            &["张三", "技师", "2019-01-01", ""],
        ]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!((layout.header_row, layout.header_rows), (2, 1));
        assert_eq!(layout.columns[2].header, "取得时间");
    }

    #[test]
    fn a_combined_column_is_enough_for_a_roster() {
        let s = sheet(&[&["姓名", "身份证号", "技能等级及取得时间", "职称及取得时间"]]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!(keys(&layout)[2..], [Some("skill_level_and_date"), Some("title_and_date")]);
    }

    #[test]
    fn a_title_series_column_under_the_title_group() {
        let s = sheet(&[&["姓名", "技能等级", "职称情况", "", ""], &["", "", "系列", "级别", "取得时间"]]);
        let layout = locate(&s, &[]).unwrap();
        assert_eq!(keys(&layout)[2..], [Some("title_series"), Some("title"), Some("title_date")]);
    }
}
