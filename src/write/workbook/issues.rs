//! 数据问题: one line per data issue — where it is (file, sheet, row, column), the raw value, what is
//! wrong and what to do — then the files and sheets that could not be screened at all.
//!
//! The row number is a number and the sheet has an autofilter, so the list sorts and filters like
//! any table; it continues on 数据问题(2) … past the row limit like every other list.

use super::cell::{col, issue_value, put, Value};
use super::style::Formats;
use super::{new_sheet, page_name, pages};
use crate::pipeline::{Run, SheetOutcome};
use rust_xlsxwriter::{Workbook, XlsxError};
use std::borrow::Cow;

const HEADERS: [(&str, f64); 8] = [
    ("来源文件", 24.0),
    ("工作表", 12.0),
    ("行号", 8.0),
    ("姓名", 10.0),
    ("列", 16.0),
    ("原始值", 24.0),
    ("问题", 50.0),
    ("处理建议", 36.0),
];

/// One line of the sheet.
struct Line<'a> {
    file: &'a str,
    sheet: &'a str,
    row: Option<u32>,
    name: &'a str,
    column: &'a str,
    value: Cow<'a, str>,
    problem: &'a str,
    action: &'a str,
}

fn lines(run: &Run) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = run
        .issues()
        .map(|(r, issue)| {
            let source = &run.sources[r.source];
            Line {
                file: &run.files[source.file].display,
                sheet: &source.sheet,
                row: Some(r.row),
                name: &r.person.name,
                column: &issue.column,
                value: issue_value(run, r, issue),
                problem: &issue.problem,
                action: issue.action,
            }
        })
        .collect();
    let unreadable = run.files.iter().filter_map(|file| {
        Some(Line {
            file: &file.display,
            sheet: "",
            row: None,
            name: "",
            column: "",
            value: Cow::Borrowed(""),
            problem: file.error.as_deref()?,
            action: "检查文件后重新筛选",
        })
    });
    let failed = run.sources.iter().filter_map(|s| match &s.outcome {
        SheetOutcome::Failed(why) => Some(Line {
            file: &run.files[s.file].display,
            sheet: &s.sheet,
            row: None,
            name: "",
            column: "",
            value: Cow::Borrowed(""),
            problem: why,
            action: "补充必需的列，或用 --map 指定列名",
        }),
        _ => None,
    });
    lines.extend(unreadable.chain(failed));
    lines
}

pub fn write(workbook: &mut Workbook, run: &Run, f: &Formats, max_rows: u32) -> Result<(), XlsxError> {
    let lines = lines(run);
    for (page, chunk) in pages(&lines, max_rows).into_iter().enumerate() {
        let sheet = new_sheet(workbook, &page_name("数据问题", page))?;
        for (c, (header, width)) in HEADERS.iter().enumerate() {
            sheet.set_column_width(col(c)?, *width)?;
            sheet.write_string_with_format(0, col(c)?, *header, &f.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let mut row = 0;
        for line in chunk {
            row += 1;
            let values = [
                Value::text(line.file),
                Value::text(line.sheet),
                line.row.map_or(Value::Blank, |n| Value::Number(f64::from(n))),
                Value::text(line.name),
                Value::text(line.column),
                Value::text(line.value.as_ref()),
                Value::wrapped(line.problem.to_string()),
                Value::text(line.action),
            ];
            for (c, value) in values.iter().enumerate() {
                put(sheet, row, col(c)?, value, f)?;
            }
        }
        sheet.autofilter(0, 0, row, col(HEADERS.len() - 1)?)?;
    }
    Ok(())
}
