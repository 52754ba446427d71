//! 数据问题: one line per data issue — where it is (file, sheet, row, column), the raw value, what is
//! wrong and what to do — then the files and sheets that could not be screened at all.
//!
//! The row number is a number and the sheet has an autofilter, so the list sorts and filters like
//! any table; it continues on 数据问题(2) … past the row limit like every other list.

use super::cell::{col, issue_value, put, Value};
use super::print::{self, Heights};
use super::style::Formats;
use super::{Paged, Sheets};
use crate::model::Status;
use crate::normalize::Person;
use crate::normalize::{id_number, Severity};
use crate::pipeline::{Run, SheetOutcome};
use rust_xlsxwriter::{ConditionalFormatCell, ConditionalFormatCellRule, Worksheet, XlsxError};
use std::borrow::Cow;
use std::sync::Arc;

const HEADERS: [(&str, f64); 11] = [
    ("来源文件", 24.0),
    ("工作表", 12.0),
    ("行号", 8.0),
    ("姓名", 10.0),
    ("身份证号", 20.0),
    ("单位", 20.0),
    ("严重程度", 9.0),
    ("列", 16.0),
    ("原始值", 24.0),
    ("问题", 50.0),
    ("处理建议", 36.0),
];

/// The column of 严重程度, coloured by its value.
const SEVERITY: usize = 6;
/// The columns of 问题 and 处理建议, the ones that wrap.
const PROBLEM: usize = 9;
const ACTION: usize = 10;

/// One line of the sheet.
struct Line<'a> {
    file: &'a str,
    sheet: &'a str,
    row: Option<u32>,
    name: &'a str,
    id: Cow<'a, str>,
    employer: &'a str,
    severity: Severity,
    column: &'a str,
    value: Cow<'a, str>,
    problem: &'a str,
    action: &'a str,
}

/// A line about a whole file or sheet, not a row.
fn about<'a>(file: &'a str, sheet: &'a str, severity: Severity, problem: &'a str, action: &'static str) -> Line<'a> {
    Line {
        file,
        sheet,
        row: None,
        name: "",
        id: Cow::Borrowed(""),
        employer: "",
        severity,
        column: "",
        value: Cow::Borrowed(""),
        problem,
        action,
    }
}

/// Writes 数据问题 as the batches come; the files and sheets that could not be screened close it.
pub struct Issues {
    paged: Paged,
    heights: Heights,
    /// Whether the workbook has 筛选结果, whose columns left out for want of room are said here.
    results: bool,
}

impl Issues {
    pub fn new(sheets: Arc<Sheets>, max_rows: u32, heights: Heights) -> Issues {
        Issues { paged: Paged::new(sheets, "数据问题", max_rows, 1), heights, results: true }
    }

    /// For a workbook without 筛选结果 (`guantong check`).
    pub fn without_results(self) -> Issues {
        Issues { results: false, ..self }
    }

    /// One line per data issue of the person read on `row` of source `at`.
    pub fn take(&mut self, run: &Run, at: usize, row: u32, person: &Person, f: &Formats) -> Result<(), XlsxError> {
        let source = &run.sources[at];
        let id = person.id_number.as_deref().unwrap_or_default();
        let id = if run.config.mask_id { Cow::Owned(id_number::mask(id)) } else { Cow::Borrowed(id) };
        for issue in &person.issues {
            self.line(
                run,
                &Line {
                    file: &run.files[source.file].display,
                    sheet: &source.sheet,
                    row: Some(row),
                    name: &person.name,
                    id: id.clone(),
                    employer: person.employer.as_deref().unwrap_or_default(),
                    severity: issue.severity,
                    column: &issue.column,
                    value: issue_value(run, at, issue),
                    problem: &issue.problem,
                    action: issue.action,
                },
                f,
            )?;
        }
        Ok(())
    }

    fn line(&mut self, run: &Run, line: &Line, f: &Formats) -> Result<(), XlsxError> {
        let (sheet, row) = self.paged.line(|s| header(s, run, f))?;
        let values = [
            Value::text(line.file),
            Value::text(line.sheet),
            line.row.map_or(Value::Blank, |n| Value::Number(f64::from(n))),
            Value::text(line.name),
            Value::text(line.id.as_ref()),
            Value::text(line.employer),
            Value::text(line.severity.label()),
            Value::text(line.column),
            Value::text(line.value.as_ref()),
            // The column carries the wrap format (see `header`).
            Value::text(line.problem),
            Value::text(line.action),
        ];
        for (c, value) in values.iter().enumerate() {
            put(sheet, row, col(c)?, value, f)?;
        }
        if !self.heights.open() {
            return Ok(());
        }
        let lines = [(line.problem, PROBLEM), (line.action, ACTION)].map(|(t, c)| print::lines(t, HEADERS[c].1));
        self.heights.fit(sheet, row, lines.into_iter().max().unwrap_or(1))
    }

    /// Adds the files that could not be read and the sheets that could not be screened.
    pub fn finish(mut self, run: &Run, f: &Formats) -> Result<Vec<Worksheet>, XlsxError> {
        let errors: Vec<(&str, String)> =
            run.files.iter().filter_map(|file| Some((file.display.as_str(), file.outcome.error()?))).collect();
        let unreadable =
            errors.iter().map(|(file, error)| about(file, "", Severity::Error, error, "检查文件后重新检查或筛选"));
        let failed = run.sources.iter().filter_map(|s| match &s.outcome {
            SheetOutcome::Failed(why) => Some(about(
                &run.files[s.file].display,
                &s.sheet,
                Severity::Error,
                why,
                "补充必需的列，或用 --map 指定列名",
            )),
            _ => None,
        });
        let unread: Vec<(&str, &str, String)> = run
            .sources
            .iter()
            .filter(|s| s.outcome == SheetOutcome::Screened)
            .filter_map(|s| {
                Some((run.files[s.file].display.as_str(), s.sheet.as_str(), s.layout.as_ref()?.unread_said()?))
            })
            .collect();
        let unread = unread.iter().map(|(file, sheet, problem)| {
            let action = "核对这些列；如应参与筛选，按括号中的 --map 重新筛选或检查";
            about(file, sheet, Severity::Note, problem, action)
        });
        let partly = run.partly_read_sheets().map(|s| {
            let why = s.partly_read.as_deref().unwrap_or_default();
            let action = "已处理读到的内容；修复或重新导出该表后重新检查或筛选";
            about(&run.files[s.file].display, &s.sheet, Severity::Review, why, action)
        });
        let left_out = if self.results { super::results::left_out(run) } else { None };
        let wide = left_out.as_deref().map(|problem| {
            let action = "如需在工作簿中看到这些列，请删去名册中不需要的列后重新筛选";
            about("", "筛选结果", Severity::Note, problem, action)
        });
        for line in unreadable.chain(failed).chain(unread).chain(partly).chain(wide) {
            self.line(run, &line, f)?;
        }
        self.paged.finish(
            |s| header(s, run, f),
            |sheet, _, lines| {
                sheet.autofilter(0, 0, lines, col(HEADERS.len() - 1)?)?;
                if lines > 0 {
                    let c = col(SEVERITY)?;
                    for (severity, status) in
                        [(Severity::Error, Status::NotEligible), (Severity::Review, Status::NeedsReview)]
                    {
                        let rule = ConditionalFormatCellRule::EqualTo(format!("\"{}\"", severity.label()));
                        let format = ConditionalFormatCell::new().set_rule(rule).set_format(f.status(status));
                        sheet.add_conditional_format(1, c, lines, c, &format)?;
                    }
                }
                Ok(())
            },
        )
    }
}

fn header(sheet: &mut Worksheet, run: &Run, f: &Formats) -> Result<(), XlsxError> {
    for (c, (header, width)) in HEADERS.iter().enumerate() {
        sheet.set_column_width(col(c)?, *width)?;
        if c == PROBLEM || c == ACTION {
            sheet.set_column_format(col(c)?, &f.wrap)?;
        }
        sheet.write_string_with_format(0, col(c)?, *header, &f.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let name = sheet.name();
    print::set_up(sheet, run, &name, Some((0, 0)))
}
