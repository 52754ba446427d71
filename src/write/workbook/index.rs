//! 拆分结果: with `--split-by`, the main workbook's list of the workbooks written one per part
//! (employer): the part, its file, its counts, and whether it was written — so the bureau sees at a
//! glance what goes to whom, and what failed.

use super::cell::{col, put, Value};
use super::print;
use super::style::Formats;
use crate::model::Status;
use crate::pipeline::{Run, Tally};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

pub const SHEET: &str = "拆分结果";

/// One workbook of a split run.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The part's name (the employer).
    pub part: String,
    /// The file written (its name in the split folder).
    pub file: String,
    pub tally: Tally,
    /// Files of the part's submission that could not be read and sheets that could not be
    /// screened, said in words (`Part::problems`); they are in the part's own 数据问题.
    pub problems: Option<String>,
    /// `None` when written, else why not.
    pub failed: Option<String>,
}

/// The split's folder and the field it is split by, for the title lines.
#[derive(Debug, Clone)]
pub struct Index {
    pub folder: String,
    pub by: &'static str,
    pub entries: Vec<Entry>,
}

const HEADERS: [(&str, f64); 10] = [
    ("序号", 6.0),
    ("单位", 30.0),
    ("文件", 36.0),
    ("人数", 9.0),
    ("可申报职称", 11.0),
    ("职称待核实", 11.0),
    ("可申报技能等级", 13.0),
    ("技能待核实", 11.0),
    ("数据问题（错误）", 12.0),
    ("结果", 30.0),
];

/// The column of each entry's result.
const RESULT: usize = 9;

/// Rows above the first entry: the title, the line under it and the header.
const TOP: u32 = 3;

/// Adds 拆分结果 after the sheets already in `workbook`.
pub fn write(workbook: &mut Workbook, run: &Run, index: &Index, f: &Formats) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    print::set_up(sheet, run, SHEET, Some((0, TOP - 1)))?;
    fill(sheet, index, f)
}

/// Writes the entries of 拆分结果 again, over those written before: the parts are written while the
/// main workbook is saved, so a part that then fails is only known afterwards (see
/// [`super::Saved::amend_index`]). The entries are the same, only their results differ, so every
/// cell written before is written again.
pub fn rewrite(workbook: &mut Workbook, index: &Index, f: &Formats) -> Result<(), XlsxError> {
    fill(workbook.worksheet_from_name(SHEET)?, index, f)
}

fn fill(sheet: &mut Worksheet, index: &Index, f: &Formats) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, format!("按{}拆分的工作簿", index.by), &f.title)?;
    let written = index.entries.iter().filter(|e| e.failed.is_none()).count();
    let line = format!(
        "按“{}”拆分为 {} 个工作簿，已写出 {} 个，位于文件夹 {}；每个工作簿含该{}的筛选结果、各路径名单、即将符合、汇总和数据问题",
        index.by,
        index.entries.len(),
        written,
        index.folder,
        index.by
    );
    sheet.write_string(1, 0, line)?;
    for (c, (h, w)) in HEADERS.iter().enumerate() {
        sheet.set_column_width(col(c)?, *w)?;
        // The part's column is named by the field split by.
        let h = if c == 1 { index.by } else { h };
        sheet.write_string_with_format(TOP - 1, col(c)?, h, &f.header)?;
    }
    sheet.set_row_height(TOP - 1, print::header_height(HEADERS))?;
    let at = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let mut row = TOP - 1;
    for (n, e) in index.entries.iter().enumerate() {
        row += 1;
        let t = &e.tally;
        let result = match (&e.failed, &e.problems) {
            (None, None) => "已写出".to_string(),
            (None, Some(problems)) => format!("已写出；其中{problems}，见该工作簿的“数据问题”"),
            (Some(why), _) => format!("未写出：{why}"),
        };
        // A long result wraps in its column: the row as tall as its lines (the sheet is small).
        let lines = print::lines(&result, HEADERS[RESULT].1);
        if lines > 1 {
            sheet.set_row_height(row, print::LINE * lines as f64)?;
        }
        let result = Value::wrapped(result);
        let values = [
            Value::Number((n + 1) as f64),
            Value::text(e.part.as_str()),
            Value::text(e.file.as_str()),
            Value::Number(t.rows as f64),
            Value::Number(t.title[at(Status::Eligible)] as f64),
            Value::Number(t.title[at(Status::NeedsReview)] as f64),
            Value::Number(t.skill[at(Status::Eligible)] as f64),
            Value::Number(t.skill[at(Status::NeedsReview)] as f64),
            Value::Number(t.by_severity[0] as f64),
            result,
        ];
        for (c, v) in values.iter().enumerate() {
            put(sheet, row, col(c)?, v, f)?;
        }
    }
    sheet.set_freeze_panes(TOP, 0)?;
    sheet.autofilter(TOP - 1, 0, row, col(HEADERS.len() - 1)?)?;
    Ok(())
}
