//! The annotated workbook a bureau analyst opens in Excel or WPS.
//!
//! Every sheet is written in constant-memory mode (rows in order, formats given with each cell),
//! so a million-row roster costs a few megabytes here. The document's creation date is fixed to the
//! evaluation date: the same inputs and options give a byte-identical file.

use super::{atomically, text, WriteError};
use crate::evaluate::Decision;
use crate::model::Status;
use crate::normalize::date::iso;
use crate::normalize::id_number;
use crate::pipeline::{Run, Screened, SheetOutcome};
use crate::policy::Policy;
use crate::read::header::Key;
use crate::read::Cell;
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Excel's rows per sheet.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;
/// Excel's characters per cell.
const EXCEL_MAX_CHARS: usize = 32_767;

/// Options that change the workbook's shape.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Rows per sheet, header included; larger results continue on 筛选结果(2) ….
    pub max_rows: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_rows: EXCEL_MAX_ROWS }
    }
}

/// The result columns appended after the original ones.
const RESULT_HEADERS: &[&str] = &[
    "来源文件",
    "来源工作表",
    "来源行号",
    "技能→职称 结论",
    "常规路径",
    "破格路径",
    "破格依据",
    "可申报最高职称",
    "下一职称及日期",
    "职称→技能 结论",
    "可申报技能等级",
    "免理论考试",
    "晋级评价",
    "下一技能等级及日期",
    "待遇比照",
    "学历比照",
    "未满足/待核实",
    "依据条款",
    "数据问题",
];

struct Formats {
    header: Format,
    date: Format,
    wrap: Format,
    plain: Format,
    status: [Format; 5],
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name("等线").set_font_size(10.5);
        let status = |color: u32| base.clone().set_background_color(Color::RGB(color));
        Formats {
            header: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            date: base.clone().set_num_format("yyyy-mm-dd"),
            wrap: base.clone().set_text_wrap(),
            plain: base.clone(),
            status: [
                status(0xC6EFCE), // eligible: green
                status(0xFFEB9C), // needs_review: amber
                status(0xFFC7CE), // not_eligible: red
                status(0xFFFFFF), // not_applicable: plain
                status(0xBDD7EE), // already_held: blue
            ],
        }
    }

    fn status(&self, s: Status) -> &Format {
        &self.status[match s {
            Status::Eligible => 0,
            Status::NeedsReview => 1,
            Status::NotEligible => 2,
            Status::NotApplicable => 3,
            Status::AlreadyHeld => 4,
        }]
    }
}

/// Display width of a text in Excel's character units (CJK counts double).
fn width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>() + 2.0
}

fn clip(s: &str) -> &str {
    match s.char_indices().nth(EXCEL_MAX_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

pub fn write(path: &Path, run: &Run, policy: &Policy, options: Options) -> Result<(), WriteError> {
    let fail = |e: XlsxError| WriteError::Workbook { path: path.to_path_buf(), detail: e.to_string() };
    atomically(path, |tmp| {
        let mut workbook = Workbook::new();
        let created = run.config.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
        workbook.set_properties(&DocProperties::new().set_title("贯通筛选结果").set_creation_datetime(&created));
        if let Some(dir) = tmp.parent() {
            workbook.set_tempdir(dir).map_err(fail)?;
        }
        let f = Formats::new();
        results_sheets(&mut workbook, run, &f, options).map_err(fail)?;
        issues_sheet(&mut workbook, run, &f).map_err(fail)?;
        policy_sheet(&mut workbook, run, policy, &f).map_err(fail)?;
        workbook.save(tmp).map_err(fail)
    })
}

fn new_sheet<'a>(workbook: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    Ok(sheet)
}

/// 筛选结果, continued on 筛选结果(2) … past the row limit.
fn results_sheets(workbook: &mut Workbook, run: &Run, f: &Formats, options: Options) -> Result<(), XlsxError> {
    let per_sheet = (options.max_rows.max(2) - 1) as usize;
    let chunks: Vec<&[Screened]> =
        if run.results.is_empty() { vec![&[]] } else { run.results.chunks(per_sheet).collect() };
    for (n, chunk) in chunks.iter().enumerate() {
        let name = if n == 0 { "筛选结果".to_string() } else { format!("筛选结果({})", n + 1) };
        let sheet = new_sheet(workbook, &name)?;
        results_sheet(sheet, run, chunk, f)?;
    }
    Ok(())
}

fn results_sheet(sheet: &mut Worksheet, run: &Run, rows: &[Screened], f: &Formats) -> Result<(), XlsxError> {
    let originals = run.columns.len();
    let headers: Vec<&str> = run.columns.iter().map(String::as_str).chain(RESULT_HEADERS.iter().copied()).collect();
    for (c, h) in headers.iter().enumerate() {
        let w = match *h {
            "未满足/待核实" | "数据问题" => 60.0,
            "破格依据" => 40.0,
            _ if c < originals => width(h).clamp(8.0, 30.0),
            _ => width(h).clamp(10.0, 24.0),
        };
        sheet.set_column_width(c as u16, w)?;
    }
    let name_col =
        run.sources.iter().filter_map(|s| s.layout.as_ref()?.column(Key::Name).map(|c| s.column_slots[c.index])).next();
    sheet.set_freeze_panes(1, name_col.map_or(0, |c| c as u16 + 1))?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &f.header)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let source = &run.sources[r.source];
        let id_col = source.layout.as_ref().and_then(|l| l.column(Key::IdNumber)).map(|c| c.index);
        // Original cells, each under its header's slot (constant-memory mode wants columns in order).
        let mut cells: Vec<(usize, &Cell, bool)> = r
            .cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((*source.column_slots.get(i)?, c, Some(i) == id_col)))
            .collect();
        cells.sort_by_key(|(slot, _, _)| *slot);
        for (slot, cell, is_id) in cells {
            let col = slot as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) if is_id && run.config.mask_id => {
                    sheet.write_string_with_format(row, col, id_number::mask(s.trim()), &f.plain)?;
                }
                Cell::Number(_) if is_id && run.config.mask_id => {
                    sheet.write_string_with_format(row, col, id_number::mask(&cell.text()), &f.plain)?;
                }
                Cell::Text(s) | Cell::Error(s) => {
                    sheet.write_string_with_format(row, col, clip(s), &f.plain)?;
                }
                Cell::Number(n) => {
                    sheet.write_number_with_format(row, col, *n, &f.plain)?;
                }
                Cell::Date(d) => {
                    sheet.write_datetime_with_format(row, col, d, &f.date)?;
                }
                Cell::Bool(b) => {
                    sheet.write_boolean_with_format(row, col, *b, &f.plain)?;
                }
            }
        }
        let d: &Decision = &r.decision;
        let name = |t: Option<crate::model::Title>| t.map(|t| t.name()).unwrap_or("");
        let issues: Vec<String> =
            r.person.issues.iter().map(|i| format!("{}：{}（{}）", i.column, i.problem, shown(run, r, i))).collect();
        let values: [(String, &Format); 19] = [
            (run.files[source.file].display.clone(), &f.plain),
            (source.sheet.clone(), &f.plain),
            (r.row.to_string(), &f.plain),
            (d.title.status.label().to_string(), f.status(d.title.status)),
            (name(d.title.regular).to_string(), &f.plain),
            (name(d.title.exceptional).to_string(), &f.plain),
            (text::basis(d), &f.wrap),
            (name(d.title.best).to_string(), &f.plain),
            (text::next_title(d), &f.plain),
            (d.skill.status.label().to_string(), f.status(d.skill.status)),
            (d.skill.level.map(|l| l.name()).unwrap_or("").to_string(), &f.plain),
            (text::yes_no(d.skill.theory_exempt).to_string(), &f.plain),
            (d.skill.promotion.map(|l| l.name()).unwrap_or("").to_string(), &f.plain),
            (text::next_level(d), &f.plain),
            (name(d.treatment).to_string(), &f.plain),
            (d.education_equivalent.map(|e| e.name()).unwrap_or("").to_string(), &f.plain),
            (text::reasons(d).join("\n"), &f.wrap),
            (text::clauses(d).join("、"), &f.plain),
            (issues.join("\n"), &f.wrap),
        ];
        for (k, (value, format)) in values.iter().enumerate() {
            let col = (originals + k) as u16;
            if k == 2 {
                sheet.write_number_with_format(row, col, r.row as f64, format)?;
            } else if !value.is_empty() || k == 3 || k == 9 {
                sheet.write_string_with_format(row, col, clip(value), format)?;
            }
        }
    }
    let last_col = (headers.len() - 1) as u16;
    sheet.autofilter(0, 0, rows.len() as u32, last_col)?;
    Ok(())
}

/// An issue's raw value, masked when it is an ID and `--mask-id` is on.
fn shown(run: &Run, r: &Screened, issue: &crate::normalize::Issue) -> String {
    let source = &run.sources[r.source];
    let is_id = source.layout.as_ref().and_then(|l| l.column(Key::IdNumber)).is_some_and(|c| c.header == issue.column);
    if is_id && run.config.mask_id {
        id_number::mask(&issue.value)
    } else {
        issue.value.clone()
    }
}

/// 数据问题: one line per issue.
fn issues_sheet(workbook: &mut Workbook, run: &Run, f: &Formats) -> Result<(), XlsxError> {
    let sheet = new_sheet(workbook, "数据问题")?;
    let headers = ["来源文件", "工作表", "行号", "姓名", "列", "原始值", "问题", "处理建议"];
    let widths = [24.0, 12.0, 8.0, 10.0, 16.0, 24.0, 50.0, 36.0];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &f.header)?;
    }
    let mut row = 0u32;
    for (r, issue) in run.issues() {
        row += 1;
        let source = &run.sources[r.source];
        sheet.write_string_with_format(row, 0, &run.files[source.file].display, &f.plain)?;
        sheet.write_string_with_format(row, 1, &source.sheet, &f.plain)?;
        sheet.write_number_with_format(row, 2, r.row as f64, &f.plain)?;
        sheet.write_string_with_format(row, 3, &r.person.name, &f.plain)?;
        sheet.write_string_with_format(row, 4, &issue.column, &f.plain)?;
        sheet.write_string_with_format(row, 5, clip(&shown(run, r, issue)), &f.plain)?;
        sheet.write_string_with_format(row, 6, clip(&issue.problem), &f.wrap)?;
        sheet.write_string_with_format(row, 7, issue.action, &f.plain)?;
    }
    for file in run.files.iter().filter(|f| f.error.is_some()) {
        row += 1;
        sheet.write_string_with_format(row, 0, &file.display, &f.plain)?;
        sheet.write_string_with_format(row, 6, file.error.as_deref().unwrap_or(""), &f.wrap)?;
        sheet.write_string_with_format(row, 7, "检查文件后重新筛选", &f.plain)?;
    }
    for s in &run.sources {
        if let SheetOutcome::Failed(why) = &s.outcome {
            row += 1;
            sheet.write_string_with_format(row, 0, &run.files[s.file].display, &f.plain)?;
            sheet.write_string_with_format(row, 1, &s.sheet, &f.plain)?;
            sheet.write_string_with_format(row, 6, why, &f.wrap)?;
            sheet.write_string_with_format(row, 7, "补充必需的列，或用 --map 指定列名", &f.plain)?;
        }
    }
    sheet.autofilter(0, 0, row, (headers.len() - 1) as u16)?;
    Ok(())
}

/// 政策依据: what was applied, to what, and what is left to people.
fn policy_sheet(workbook: &mut Workbook, run: &Run, policy: &Policy, f: &Formats) -> Result<(), XlsxError> {
    let sheet = new_sheet(workbook, "政策依据")?;
    sheet.set_column_width(0, 22.0)?;
    sheet.set_column_width(1, 90.0)?;
    sheet.set_column_width(2, 12.0)?;
    let mut row = 0u32;
    let mut line = |sheet: &mut Worksheet, a: &str, b: &str, bold: bool| -> Result<(), XlsxError> {
        let fa = if bold { &f.header } else { &f.plain };
        sheet.write_string_with_format(row, 0, a, fa)?;
        sheet.write_string_with_format(row, 1, b, if bold { &f.header } else { &f.wrap })?;
        row += 1;
        Ok(())
    };
    line(sheet, "项目", "内容", true)?;
    line(
        sheet,
        "政策文件",
        &format!("{}《{}》（{}，{}）", policy.issuer, policy.name, policy.number, policy.issued),
        false,
    )?;
    line(sheet, "评价日期", &iso(run.config.as_of), false)?;
    line(sheet, "程序版本", &format!("guantong {}", env!("CARGO_PKG_VERSION")), false)?;
    if run.scope_assumed {
        line(sheet, "适用范围说明", "名册没有岗位类别列，全部人员按在适用范围内（一）处理，请人工确认岗位性质", false)?;
    }
    if run.config.mask_id {
        line(sheet, "身份证号", "已脱敏（保留前6位和后4位）", false)?;
    }
    for file in &run.files {
        let state = match &file.error {
            Some(e) => format!("无法读取：{e}"),
            None => format!("读取{}行", file.rows),
        };
        let sha = file.sha256.as_deref().unwrap_or("");
        line(sheet, "输入文件", &format!("{}（SHA-256：{sha}；{state}）", file.display), false)?;
    }
    for s in &run.sources {
        let file = &run.files[s.file].display;
        let what = match &s.outcome {
            SheetOutcome::Screened => format!(
                "表头在第{}行，数据{}行，跳过空行{}行、表尾{}行、重复表头{}行",
                s.header_row.unwrap_or(0),
                s.rows_read,
                s.blank_rows,
                s.footer_rows,
                s.repeated_headers
            ),
            SheetOutcome::Skipped(why) => format!("已跳过：{why}"),
            SheetOutcome::Failed(why) => format!("无法筛选：{why}"),
        };
        line(sheet, "工作表", &format!("{file}「{}」：{what}", s.sheet), false)?;
    }
    line(sheet, "由评委会审查的条件", "", true)?;
    for (clause, text) in policy.committee_checks {
        line(sheet, clause, text, false)?;
    }
    Ok(())
}
