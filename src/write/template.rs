//! The roster template an enterprise fills in (`guantong template`), so that rosters come back in
//! one layout that `screen` reads with no `--map`, instead of a layout invented by each enterprise.
//!
//! Sheets: **填表说明** (what each column holds and which are required, the dates and appraisal
//! words the reader takes, the policy in force), **花名册** (the canonical headers, required ones in
//! their own colour, drop-downs from the policy, date and text formats, and one example row that
//! [`crate::read::header::Layout::is_example_row`] sets aside when the roster is screened) and,
//! only when a drop-down is longer than Excel holds inline, a hidden **下拉列表** it refers to.
//!
//! Every list that depends on the policy comes from the policy loaded (`--policy`): the skill
//! levels, the titles of the series its routes cover, the appraisal grades; the post types and
//! 是/否 are the roster's own words ([`Post::name`]), which the reader takes whatever the policy.
//!
//! The sheets are small: written in memory, not in constant-memory mode. The same policy and year
//! give the same bytes: the document's creation date is 1 January of that year.

use super::workbook::{print, style};
use super::{Staged, WriteError};
use crate::normalize::{date, history_level, Post, HISTORY};
use crate::policy::Policy;
use crate::read::header::Key;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format, Formula, Workbook,
    Worksheet, XlsxError,
};
use std::path::Path;

/// The sheet the enterprise fills in.
const ROSTER_SHEET: &str = "花名册";
/// The instructions, first in the workbook.
const NOTES_SHEET: &str = "填表说明";
/// The hidden sheet of drop-down values too long to be written inline.
const LISTS_SHEET: &str = "下拉列表";

/// Data rows under the header that carry the drop-downs and checks: more than one enterprise's
/// roster holds. Each check is one cell range in the file, whatever its length.
const ROWS: u32 = 50_000;

/// The years a date column takes: those the reader takes as a credential's year; any other date
/// typed into the column is refused as it is typed.
const FIRST_YEAR: i32 = *date::YEARS.start();
const LAST_YEAR: i32 = *date::YEARS.end();

/// The example row's 身份证号: made up (no region has the code 123456), 18 characters with a valid
/// check character.
const EXAMPLE_ID: &str = "123456199001011233";

/// Excel's built-in number format `@` (text).
const TEXT_FORMAT: u8 = 49;

/// A4 in Excel's paper codes.
const A4: u8 = 9;

/// The header colour of a required column (the others have the workbook's usual header blue).
const REQUIRED_FILL: u32 = 0xF8CBAD;
/// The example row: grey italic, so it reads as not a person.
const EXAMPLE_FONT: u32 = 0x808080;

/// What the template is made for.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub policy: &'static Policy,
    /// The year the roster is filled in: the appraisal columns are the policy's number of years
    /// before it (`2026` → 2023, 2024, 2025 under 33号's three years).
    pub year: i32,
}

impl Template {
    /// The years of the appraisal columns, oldest first.
    pub fn appraisal_years(&self) -> Vec<i32> {
        let n = i32::try_from(self.policy.appraisal.years).unwrap_or(i32::MAX);
        (self.year.saturating_sub(n)..self.year).collect()
    }
}

/// What a column holds, for its format and its check.
enum Kind {
    Text,
    /// 身份证号: text of 18 characters.
    Id,
    Date,
    /// One of these values. `strict`: nothing else is taken (a post type, 是/否, an appraisal
    /// grade); otherwise another value is taken after a warning (a title of another series, a
    /// level written as on its certificate).
    Choice {
        values: Vec<&'static str>,
        strict: bool,
    },
}

/// A value of the example row.
enum Example {
    Text(String),
    Date(NaiveDate),
}

/// One column of 花名册 and its line in 填表说明.
struct Column {
    key: Key,
    header: String,
    /// Shown in the required colour: needed on every row (技能等级 and 职称: one of the two).
    required: bool,
    /// 是否必填, as 填表说明 says it.
    need: String,
    /// 填写说明.
    help: String,
    kind: Kind,
    example: Option<Example>,
}

impl Column {
    fn new(key: Key, need: &str, help: String, kind: Kind) -> Column {
        let header = match key {
            Key::AppraisalYear(year) => format!("{year}年度考核"),
            key => key.label().to_string(),
        };
        Column {
            key,
            header,
            required: [MUST, ONE_OF, ONE_OF_TITLE].contains(&need),
            need: need.to_string(),
            help,
            kind,
            example: None,
        }
    }

    fn example(mut self, value: Example) -> Column {
        self.example = Some(value);
        self
    }

    fn text(self, value: &str) -> Column {
        self.example(Example::Text(value.to_string()))
    }

    fn date(self, (y, m, d): (i32, u32, u32)) -> Column {
        match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => self.example(Example::Date(date)),
            None => self,
        }
    }

    /// Excel's width for the column: its header, its example and its longest choice (with room for
    /// the drop-down arrow), at least a date's width, at most a readable line.
    fn width(&self) -> f64 {
        let example = match &self.example {
            Some(Example::Text(t)) => style::width(t),
            Some(Example::Date(_)) | None => 0.0,
        };
        let choices = match &self.kind {
            Kind::Choice { values, .. } => values.iter().map(|v| style::width(v) + 2.0).fold(0.0, f64::max),
            Kind::Id => style::width(EXAMPLE_ID) + 2.0,
            Kind::Text | Kind::Date => 0.0,
        };
        style::width(&self.header).max(example).max(choices).clamp(12.0, 40.0)
    }
}

const MUST: &str = "必填";
const ONE_OF: &str = "与职称至少填一项";
const ONE_OF_TITLE: &str = "与技能等级至少填一项";
const OPTIONAL: &str = "选填";

/// The names of a route's post types: `技能岗位、专业技术岗位`.
fn posts(posts: &[Post]) -> String {
    posts.iter().map(|p| p.name()).collect::<Vec<_>>().join("、")
}

/// The columns, in the order of the header, with what the policy puts in them.
fn columns(t: &Template) -> Vec<Column> {
    let p = t.policy;
    let scope = &p.scope;
    let levels: Vec<&'static str> = p.skill.levels.iter().map(|r| r.name).collect();
    // The titles of the series either route covers, series by series, low to high.
    let mut series: Vec<u8> = scope.skill_to_title.series.iter().chain(&scope.title_to_skill.series).copied().collect();
    series.sort_unstable();
    series.dedup();
    let covered = || series.iter().filter_map(|&s| p.titles.series.get(usize::from(s)));
    let titles: Vec<&'static str> = covered().flat_map(|s| s.titles.iter().map(|t| t.name())).collect();
    let series_names = covered().map(|s| s.name).collect::<Vec<_>>().join("、");
    let grades: Vec<&'static str> = p.appraisal.pass.iter().chain(&p.appraisal.fail).copied().collect();
    let floor = p.high_skill_floor.level;
    // The example person holds the level above the floor (技师 under 33号), or the floor at the top.
    let held = p.skill.next(floor).unwrap_or(floor);
    let outside: Vec<Post> = Post::ALL
        .into_iter()
        .filter(|post| !scope.skill_to_title.posts.contains(post) && !scope.title_to_skill.posts.contains(post))
        .collect();
    let outside =
        if outside.is_empty() { String::new() } else { format!("；{}两条路径都不适用", posts(&outside)) };
    let school: Vec<String> =
        p.tech_school.iter().map(|r| format!("{}（按{}）", r.class.join("或"), r.counts_as.name())).collect();
    let school_clause = p.tech_school.first().map(|r| format!("（{}）", r.clause.name())).unwrap_or_default();
    let lead = p.awards.leads.first().copied().unwrap_or("领创人");

    let mut out = vec![
        Column::new(Key::Name, MUST, "与身份证一致。".into(), Kind::Text).text("示例：张三"),
        Column::new(
            Key::IdNumber,
            MUST,
            "18位，末位可以是X；用于核对身份、发现重复填报。本列为文本格式，直接输入即可。".into(),
            Kind::Id,
        )
        .text(EXAMPLE_ID),
        Column::new(Key::Employer, OPTIONAL, "单位全称；“汇总”表按单位统计人数。".into(), Kind::Text)
            .text("某某机械制造有限公司"),
        Column::new(Key::Department, OPTIONAL, "所在部门或车间。".into(), Kind::Text).text("金工车间"),
        Column::new(
            Key::PostType,
            MUST,
            format!(
                "从列表选择：{}。技能→职称适用于{}，职称→技能适用于{}{outside}（{}）。本列留空的，结论为“待核实”。",
                posts(&Post::ALL),
                posts(&scope.skill_to_title.posts),
                posts(&scope.title_to_skill.posts),
                scope.clause.name(),
            ),
            Kind::Choice { values: Post::ALL.map(Post::name).to_vec(), strict: true },
        )
        .text(Post::Skill.name()),
        Column::new(Key::Occupation, OPTIONAL, "现从事的职业（工种），如车工、电工。".into(), Kind::Text).text("车工"),
        Column::new(
            Key::OccupationStart,
            "有职称的填",
            "开始从事现职业（工种）的日期：职称→技能的年限从职称取得时间和本日期中较晚的一个算起。".into(),
            Kind::Date,
        )
        .date((2008, 7, 1)),
        Column::new(
            Key::SkillLevel,
            ONE_OF,
            format!("持有的最高职业资格或职业技能等级，从列表选择（{}）。没有的留空。", levels.join("、")),
            Kind::Choice { values: levels.clone(), strict: false },
        )
        .text(held.name()),
        Column::new(Key::SkillDate, "有技能等级的必填", "证书上的取得（发证）日期。".into(), Kind::Date)
            .date((2019, 3, 15)),
    ];
    for key in HISTORY {
        // The top level's date is the level's own column: no higher level stands in for it.
        let top = p.skill.levels.len().saturating_sub(1);
        let Some(level) = history_level(key, p).filter(|l| usize::from(l.rank()) < top) else { continue };
        let column = Column::new(
            key,
            OPTIONAL,
            format!("现等级高于{0}的，填当初取得{0}的日期；不填的，{0}的年限按现等级的取得时间计算。", level.name()),
            Kind::Date,
        );
        out.push(if level < held { column.date((2014, 6, 20)) } else { column });
    }
    out.extend([
        Column::new(
            Key::Title,
            ONE_OF_TITLE,
            format!(
                "持有的最高专业技术职称。列表中是{series_names}系列的职称；其他系列的照证书填写（不在贯通范围内）。没有的留空。"
            ),
            Kind::Choice { values: titles, strict: false },
        ),
        Column::new(Key::TitleDate, "有职称的必填", "职称证书上的取得（评定）日期。".into(), Kind::Date),
        Column::new(Key::Education, OPTIONAL, "最高学历。".into(), Kind::Text).text("中专"),
        Column::new(
            Key::TechSchoolClass,
            OPTIONAL,
            format!("技工院校毕业的，填写班级类型：{}，可按相应学历申报职称{school_clause}。", school.join("、")),
            Kind::Text,
        ),
        Column::new(Key::Major, OPTIONAL, "毕业证书上的专业。".into(), Kind::Text).text("机械加工"),
        Column::new(
            Key::MajorRelated,
            OPTIONAL,
            format!(
                "从列表选择是或否：所学专业与现职业（工种）对口的，申报技能等级时可免于理论知识考试（{}）。留空的待核实。",
                p.theory_exempt.name()
            ),
            Kind::Choice { values: vec!["是", "否"], strict: true },
        )
        .text("是"),
    ]);
    for (i, year) in t.appraisal_years().into_iter().enumerate() {
        let grade = p.appraisal.pass.get(i % p.appraisal.pass.len().max(1)).copied().unwrap_or_default();
        out.push(
            Column::new(
                Key::AppraisalYear(year),
                &format!("有{}及以上等级的必填", floor.name()),
                format!("每年一列。{}", appraisal_help(t)),
                Kind::Choice { values: grades.clone(), strict: true },
            )
            .text(grade),
        );
    }
    out.extend([
        Column::new(
            Key::Awards,
            OPTIONAL,
            "获得的荣誉称号：写全称、授予单位和年份，多项用“；”隔开。".into(),
            Kind::Text,
        )
        .text("无"),
        Column::new(
            Key::Competitions,
            OPTIONAL,
            "技能竞赛获奖：年份、级别（市级、省级、全国、世界）、竞赛名称、项目和名次，多项用“；”隔开；选手和教练都填，教练注明“教练”。".into(),
            Kind::Text,
        )
        .text("2021年 市级职业技能大赛 车工 第二名"),
        Column::new(
            Key::MasterStudio,
            OPTIONAL,
            format!("技能大师工作室（站）：写明级别和本人的角色，如“省级技能大师工作站 {lead}”。"),
            Kind::Text,
        )
        .text("无"),
        Column::new(
            Key::Integrity,
            OPTIONAL,
            format!("没有弄虚作假、失信记录的填“无”或留空；有的如实写明（按{}一票否决）。", p.veto.name()),
            Kind::Text,
        )
        .text("无"),
    ]);
    // The facts the policy declares, each under its first header, after the built-in columns.
    for (i, f) in p.facts.iter().enumerate() {
        use crate::policy::rules::FactKind;
        let key = Key::Fact(u8::try_from(i).unwrap_or(u8::MAX));
        let (kind, help) = match f.kind {
            FactKind::YesNo => (Kind::Choice { values: vec!["是", "否"], strict: true }, "从列表选择“是”或“否”。"),
            FactKind::Number => (Kind::Text, "填写数字。"),
            FactKind::Date => (Kind::Date, "填写日期。"),
            FactKind::Text => (Kind::Text, "如实填写。"),
        };
        let mut column = Column::new(key, OPTIONAL, format!("{}（本政策文件要求的信息）：{help}", f.name), kind);
        column.header = f.headers.first().copied().unwrap_or(f.name).to_string();
        out.push(column);
    }
    out
}

/// What the appraisal columns take and why they matter, said once for all the years.
fn appraisal_help(t: &Template) -> String {
    let a = &t.policy.appraisal;
    format!(
        "从列表选择等次。合格：{}；不合格：{}。按{}，持有{}及以上技能等级的，近{}年年度考核须均为合格；填写的不足{}年的，结论为“待核实”。当年未参加考核的留空。",
        a.pass.join("、"),
        a.fail.join("、"),
        a.clause.name(),
        t.policy.high_skill_floor.level.name(),
        a.years,
        a.years
    )
}

/// The formats of both sheets.
struct Formats {
    header: Format,
    required: Format,
    title: Format,
    section: Format,
    wrap: Format,
    text: Format,
    date: Format,
    example: Format,
    example_text: Format,
    example_date: Format,
}

impl Formats {
    fn new() -> Formats {
        let shared = style::Formats::new();
        let base = style::default_format();
        let example = base.clone().set_italic().set_font_color(Color::RGB(EXAMPLE_FONT));
        Formats {
            required: shared.header.clone().set_background_color(Color::RGB(REQUIRED_FILL)),
            header: shared.header,
            title: shared.title,
            section: shared.section,
            wrap: shared.wrap,
            // Excel's own text format (`@`, built-in 49), so an 18-digit ID is never a number.
            text: base.clone().set_num_format_index(TEXT_FORMAT),
            date: shared.date,
            example_text: example.clone().set_num_format_index(TEXT_FORMAT),
            example_date: example.clone().set_num_format("yyyy-mm-dd"),
            example,
        }
    }
}

/// Writes the template to `path` (a temporary file beside it, renamed into place when whole).
pub fn write(path: &Path, t: &Template) -> Result<(), WriteError> {
    let staged = Staged::new(path);
    let fail = |e: XlsxError| WriteError::workbook(path, &e);
    let mut workbook = Workbook::new();
    let created = NaiveDate::from_ymd_opt(t.year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    // No guantong mark (read::sniff::OWN_MARK): a filled template is a roster, to be screened.
    let properties = DocProperties::new()
        .set_title("花名册模板")
        .set_subject(t.policy.document.number)
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let f = Formats::new();
    let columns = columns(t);
    let mut lists = Lists::default();
    let notes = notes(t, &columns, &f).map_err(fail)?;
    let roster = roster(&columns, &f, &mut lists).map_err(fail)?;
    workbook.push_worksheet(notes);
    workbook.push_worksheet(roster);
    if let Some(sheet) = lists.sheet().map_err(fail)? {
        workbook.push_worksheet(sheet);
    }
    workbook.save(staged.path()).map_err(fail)?;
    staged.commit()
}

/// The drop-downs too long for Excel's inline list (255 characters with the commas), each a
/// column of [`LISTS_SHEET`].
#[derive(Default)]
struct Lists {
    columns: Vec<Vec<&'static str>>,
}

impl Lists {
    /// A list check of `values`: inline where Excel holds it, else a range of [`LISTS_SHEET`].
    fn validation(&mut self, values: &[&'static str]) -> DataValidation {
        if let Ok(inline) = DataValidation::new().allow_list_strings(values) {
            return inline;
        }
        let column = crate::read::header::column_letters(self.columns.len());
        self.columns.push(values.to_vec());
        let range = format!("='{LISTS_SHEET}'!${column}$1:${column}${}", values.len());
        DataValidation::new().allow_list_formula(Formula::new(range))
    }

    /// The hidden sheet of the lists, if any list needed it.
    fn sheet(self) -> Result<Option<Worksheet>, XlsxError> {
        if self.columns.is_empty() {
            return Ok(None);
        }
        let mut sheet = Worksheet::new();
        sheet.set_name(LISTS_SHEET)?;
        for (c, values) in self.columns.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (r, value) in values.iter().enumerate() {
                sheet.write_string(u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?, c, *value)?;
            }
            let widest = values.iter().map(|v| style::width(v)).fold(0.0, f64::max);
            sheet.set_column_width(c, widest.min(60.0))?;
        }
        sheet.set_hidden(true);
        Ok(Some(sheet))
    }
}

/// 花名册: the header, its formats and checks, the example row.
fn roster(columns: &[Column], f: &Formats, lists: &mut Lists) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(ROSTER_SHEET)?;
    let (first, last) = (1, ROWS);
    for (c, column) in columns.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, c, &column.header, if column.required { &f.required } else { &f.header })?;
        sheet.set_column_width(c, column.width())?;
        let check = match &column.kind {
            Kind::Text => None,
            Kind::Id => {
                sheet.set_column_format(c, &f.text)?;
                Some(
                    DataValidation::new()
                        .allow_text_length(DataValidationRule::EqualTo(18))
                        .set_input_title("身份证号")?
                        .set_input_message("18位，末位可以是X。本列为文本格式，直接输入即可。")?
                        .set_error_title("身份证号应为18位")?
                        .set_error_message("请输入18位身份证号（末位可以是X）。")?,
                )
            }
            Kind::Date => {
                sheet.set_column_format(c, &f.date)?;
                let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
                let range = DataValidationRule::Between(day(FIRST_YEAR, 1, 1), day(LAST_YEAR, 12, 31));
                Some(
                    DataValidation::new()
                        .allow_date(range)
                        .set_input_title("日期")?
                        .set_input_message("输入日期，如 2019-03-15 或 2019/3/15。只知道年月的，写该月1日。")?
                        .set_error_title("不是日期")?
                        .set_error_message(format!(
                            "请输入{FIRST_YEAR}年至{LAST_YEAR}年之间的日期，如 2019-03-15 或 2019/3/15；只知道年月的，写该月1日。2019.03 这样的数字不是日期。"
                        ))?,
                )
            }
            Kind::Choice { values, strict } => {
                let check = lists.validation(values).set_error_title("不在下拉列表中")?;
                Some(if *strict {
                    check.set_error_message("请从下拉列表中选择。")?
                } else {
                    check
                        .set_error_style(DataValidationErrorStyle::Warning)
                        .set_error_message("不在下拉列表中。照证书填写的其他名称可以保留：请选“是”。")?
                })
            }
        };
        if let Some(check) = check {
            sheet.add_data_validation(first, c, last, c, &check)?;
        }
        match &column.example {
            Some(Example::Text(text)) => {
                let format = if matches!(column.kind, Kind::Id) { &f.example_text } else { &f.example };
                sheet.write_string_with_format(1, c, text, format)?;
            }
            Some(Example::Date(date)) => {
                sheet.write_date_with_format(1, c, date, &f.example_date)?;
            }
            None => {}
        }
    }
    sheet.set_row_height(0, print::header_height(columns.iter().map(|c| (c.header.as_str(), c.width()))))?;
    sheet.set_freeze_panes(1, 1)?;
    // As 筛选结果 prints: as many pages across as keep it legible, 姓名 and the header on each.
    let total: f64 = columns.iter().map(Column::width).sum();
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages((total / print::CHARS_PER_PAGE).ceil().clamp(1.0, 20.0) as u16, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_repeat_columns(0, 0)?;
    Ok(sheet)
}

/// Widths of 填表说明's three columns: 列名, 是否必填, 填写说明.
const NOTE_WIDTHS: [f64; 3] = [20.0, 20.0, 64.0];

/// 填表说明: the policy, how to fill the roster in, and a line for each column.
fn notes(t: &Template, columns: &[Column], f: &Formats) -> Result<Worksheet, XlsxError> {
    let p = t.policy;
    let doc = &p.document;
    let mut sheet = Worksheet::new();
    sheet.set_name(NOTES_SHEET)?;
    for (c, w) in NOTE_WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let whole: f64 = NOTE_WIDTHS.iter().sum();
    let mut row = 0u32;
    // A paragraph across the three columns, as tall as its lines.
    let paragraph = |sheet: &mut Worksheet, row: &mut u32, text: &str, format: &Format| -> Result<(), XlsxError> {
        sheet.merge_range(*row, 0, *row, 2, text, format)?;
        let lines = print::lines(text, whole);
        if lines > 1 {
            sheet.set_row_height(*row, print::LINE * lines as f64 + 2.0)?;
        }
        *row += 1;
        Ok(())
    };
    sheet.write_string_with_format(row, 0, "花名册填表说明", &f.title)?;
    sheet.set_row_height(row, 22.0)?;
    row += 1;
    paragraph(&mut sheet, &mut row, &format!("适用政策：{}《{}》（{}）", doc.number, doc.name, doc.issuer), &f.wrap)?;
    let years = t.appraisal_years();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}—{b}年度"),
        (Some(a), _) => format!("{a}年度"),
        _ => String::new(),
    };
    paragraph(
        &mut sheet,
        &mut row,
        &format!(
            "填报年度：{}年，年度考核填{span}。本模板由 guantong {} 按上述政策生成。",
            t.year,
            env!("CARGO_PKG_VERSION")
        ),
        &f.wrap,
    )?;
    row += 1;
    sheet.write_string_with_format(row, 0, "填写方法", &f.section)?;
    row += 1;
    for (i, text) in how_to_fill(t, columns).iter().enumerate() {
        paragraph(&mut sheet, &mut row, &format!("{}. {text}", i + 1), &f.wrap)?;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "各列说明", &f.section)?;
    row += 1;
    for (c, h) in ["列名", "是否必填", "填写说明"].iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *h, &f.header)?;
    }
    sheet.set_repeat_rows(row, row)?;
    row += 1;
    // The appraisal years share one line.
    let mut appraisal_done = false;
    for column in columns {
        let appraisal = matches!(column.key, Key::AppraisalYear(_));
        if appraisal && appraisal_done {
            continue;
        }
        let header = if appraisal {
            t.appraisal_years().iter().map(|y| format!("{y}年度考核")).collect::<Vec<_>>().join("\n")
        } else {
            column.header.clone()
        };
        appraisal_done |= appraisal;
        let header_format = if column.required { &f.required } else { &f.header };
        sheet.write_string_with_format(row, 0, &header, header_format)?;
        sheet.write_string_with_format(row, 1, &column.need, &f.wrap)?;
        sheet.write_string_with_format(row, 2, &column.help, &f.wrap)?;
        let lines = [(&header, NOTE_WIDTHS[0]), (&column.need, NOTE_WIDTHS[1]), (&column.help, NOTE_WIDTHS[2])]
            .iter()
            .map(|(text, width)| print::lines(text, *width))
            .max()
            .unwrap_or(1);
        sheet.set_row_height(row, print::LINE * lines as f64 + 2.0)?;
        row += 1;
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_paper_size(A4);
    Ok(sheet)
}

/// 填写方法: the rules of the whole roster, in the order an enterprise needs them.
fn how_to_fill(t: &Template, columns: &[Column]) -> Vec<String> {
    let p = t.policy;
    let required: Vec<&str> = columns.iter().filter(|c| c.required).map(|c| c.header.as_str()).collect();
    let years: Vec<String> = t.appraisal_years().iter().map(|y| format!("{y}年度考核")).collect();
    vec![
        format!(
            "在“{ROSTER_SHEET}”表中每人填写一行，从第3行起往下填。第2行是示例（姓名写作“示例：张三”，灰色斜体），筛选时自动跳过，不算作人员；可以保留，也可以删除。"
        ),
        "第1行的表头不要改动，也不要删除或调换列：筛选程序按表头识别各列。需要时可以在最右侧增加列（如“备注”），筛选时原样保留。不要合并单元格，不要在人员中间插入标题行或小计行。".into(),
        format!(
            "表头为橙色的列必填：{}，其中技能等级和职称至少填一项，两样都有的都填。其他列有就填：留空的，凡是要用到它的判断都会列为“待核实”。",
            required.join("、")
        ),
        format!(
            "带下拉箭头的列从列表中选择。技能等级、职称和年度考核等次的列表来自政策文件（{}）；岗位类别和“是/否”是名册的固定写法。技能等级和职称也可以照证书填写列表以外的名称（Excel 提示不在列表中时选“是”）；其他下拉列只能从列表中选择。",
            p.document.number
        ),
        format!(
            "日期列：输入日期，如 2019-03-15 或 2019/3/15，Excel 和 WPS 会识别为日期并显示为 2019-03-15；年份须在{FIRST_YEAR}年至{LAST_YEAR}年之间。只知道年月的，写该月1日（筛选时只写到月的日期也按当月1日计算）。2019.03 这样的数字不是日期，会被拒绝。"
        ),
        "从其他表格粘贴过来的文字日期，筛选程序也能读出：2019-03-15、2019/3/15、2019.3.15、2019年3月15日、20190315（全角数字也可以）；只写到月的 2019.03、2019-3、2019年3月、201903 按当月1日计算；只写年份的（2019年）记为数据问题，相应结论为“待核实”。".into(),
        "身份证号：18位，末位可以是X。本列已设为文本格式，直接输入即可。显示为 2.10302E+17 这类数字的身份证号末尾几位已经丢失，须重新输入。".into(),
        format!("年度考核：{}各占一列。{}", years.join("、"), appraisal_help(t)),
        format!(
            "荣誉称号、技能竞赛、技能大师工作室：照证书写全称、授予单位（级别）、年份和名次，多项之间用“；”隔开。破格申报只认政策文件列明的荣誉（{}），以证书和表彰文件为准；竞赛要写明名次（如“第二名”“银牌”），只写“一等奖”“优胜奖”的无法确定名次，结论为“待核实”。",
            p.exceptional.clause.name()
        ),
        "填好后保存为 xlsx 文件交人社部门筛选；报送前可运行 guantong check 花名册.xlsx -o 检查结果.xlsx 自查，改正标出的单元格，直到没有“错误”；筛选时不需要其他参数。".into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_too_long_for_excel_goes_to_the_list_sheet() {
        let mut lists = Lists::default();
        let short = ["是", "否"];
        let _ = lists.validation(&short);
        assert!(lists.columns.is_empty(), "a short list is written inline");
        let long: Vec<&'static str> = (0..40).map(|_| "很长的等级名称甲乙丙").collect();
        let _ = lists.validation(&long);
        let _ = lists.validation(&long);
        assert_eq!(lists.columns.len(), 2);
        let sheet = lists.sheet().unwrap().unwrap();
        assert_eq!(sheet.name(), LISTS_SHEET);
    }

    #[test]
    fn appraisal_columns_are_the_years_before_the_template_year() {
        let t = Template { policy: Policy::embedded(), year: 2026 };
        assert_eq!(t.appraisal_years(), [2023, 2024, 2025]);
        let headers: Vec<String> = columns(&t).into_iter().map(|c| c.header).collect();
        assert!(headers.ends_with(&[
            "2023年度考核".to_string(),
            "2024年度考核".into(),
            "2025年度考核".into(),
            "荣誉称号".into(),
            "技能竞赛".into(),
            "技能大师工作室".into(),
            "诚信情况".into()
        ]));
    }
}
