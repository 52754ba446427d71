//! 筛选结果: every input row, its original columns unchanged, then the result columns.
//!
//! Past the row limit the sheet continues on 筛选结果(2) …, each with the header again. The header
//! and the original columns up to 姓名 are frozen, so who a row is stays in view while the results
//! scroll past; each route's 结论 cell carries its status colour.

use super::cell::{self, col, put, Value};
use super::list::{self, Column, Kind};
use super::print::{self, Heights};
use super::style::{width, Formats};
use super::{Paged, Sheets};
use crate::normalize::id_number;
use crate::pipeline::{Run, Screened};
use crate::read::header::Key;
use crate::read::Cell;
use crate::write::text;
use crate::write::WriteError;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::sync::Arc;

/// The result columns, after the original ones.
const RESULT_COLUMNS: &[Column] = &[
    list::SOURCE_FILE,
    list::SOURCE_SHEET,
    list::SOURCE_ROW,
    list::TITLE_STATUS,
    list::REGULAR_TITLE,
    list::EXCEPTIONAL_TITLE,
    list::BASIS,
    Column { header: "可申报最高职称", ..list::BEST_TITLE },
    Column {
        header: "下一职称及日期",
        width: 22.0,
        value: |_, r| Value::text(text::next_title(&r.decision)),
        kind: Kind::Plain,
    },
    list::SKILL_STATUS,
    list::SKILL_OFFER,
    list::THEORY_EXEMPT,
    list::PROMOTION,
    Column {
        header: "下一技能等级及日期",
        width: 22.0,
        value: |_, r| Value::text(text::next_level(&r.decision)),
        kind: Kind::Plain,
    },
    Column { header: "待遇比照", width: 12.0, value: |_, r| cell::title(r.decision.treatment), kind: Kind::Plain },
    list::EDUCATION,
    Column { header: "未满足/待核实", ..list::REASONS },
    list::CLAUSES,
    list::ISSUES,
];

/// Excel's widest sheet.
const EXCEL_COLUMNS: usize = 16_384;

/// How many of the input columns 筛选结果 holds: all of them, unless with the result columns
/// they would pass Excel's 16,384 — then those past the room are left out of this sheet (the
/// JSONL and the other sheets do not need them) and 数据问题 says which ([`left_out`]).
pub fn kept_columns(run: &Run) -> usize {
    run.columns.len().min(EXCEL_COLUMNS - RESULT_COLUMNS.len())
}

/// The input columns left out of 筛选结果 for want of room, as a data issue's text.
pub fn left_out(run: &Run) -> Option<String> {
    let kept = kept_columns(run);
    let dropped = run.columns.len() - kept;
    (dropped > 0).then(|| {
        format!(
            "输入共{}列，加上{}个结果列超出 Excel 的{EXCEL_COLUMNS}列，第{}列（{}）起的{dropped}列未写入“筛选结果”；JSONL 和其他各表不受影响",
            run.columns.len(),
            RESULT_COLUMNS.len(),
            kept + 1,
            crate::read::header::column_letters(kept),
        )
    })
}

/// Original columns are as wide as their longest text, within these bounds.
const ORIGINAL_WIDTH: (f64, f64) = (6.0, 40.0);

/// Writes 筛选结果 as the batches come.
pub struct Results<'a> {
    run: &'a Run,
    f: Formats,
    paged: Paged,
    /// Per page, each original column's width so far.
    widths: Vec<Vec<f64>>,
    heights: Heights,
}

impl<'a> Results<'a> {
    pub(super) fn new(run: &'a Run, sheets: Arc<Sheets>, max_rows: u32) -> Results<'a> {
        let paged = Paged::new(sheets, "筛选结果", max_rows, 1);
        Results { run, f: Formats::new(), paged, widths: Vec::new(), heights: Heights::for_rows(run.rows_to_screen()) }
    }

    pub fn take(&mut self, batch: &[Screened]) -> Result<(), WriteError> {
        self.write(batch).map_err(|e| self.paged.sheets.fail(e))
    }

    fn write(&mut self, batch: &[Screened]) -> Result<(), XlsxError> {
        let (run, f) = (self.run, &self.f);
        for r in batch {
            let (sheet, row) = self.paged.line(|s| header(s, run, f))?;
            if row == 1 {
                self.widths.push(run.columns[..kept_columns(run)].iter().map(|h| width(h)).collect());
            }
            let widths = self.widths.last_mut().ok_or(XlsxError::RowColumnLimitError)?;
            originals(sheet, row, run, r, f, widths)?;
            let (mut lines, measure) = (1, self.heights.open());
            for (k, column) in RESULT_COLUMNS.iter().enumerate() {
                lines = lines.max(column.put(sheet, row, col(kept_columns(run) + k)?, run, r, f, measure)?);
            }
            self.heights.fit(sheet, row, lines)?;
        }
        Ok(())
    }

    /// Sets each page's column widths (known only now) and autofilter.
    pub(super) fn finish(self) -> Result<Vec<Worksheet>, XlsxError> {
        let Results { run, f, paged, widths, .. } = self;
        let last_col = col(kept_columns(run) + RESULT_COLUMNS.len() - 1)?;
        paged.finish(
            |s| header(s, run, &f),
            |sheet, page, lines| {
                let headers: Vec<f64> = run.columns[..kept_columns(run)].iter().map(|h| width(h)).collect();
                let mut total = 0.0;
                for (c, w) in widths.get(page).unwrap_or(&headers).iter().enumerate() {
                    let w = w.clamp(ORIGINAL_WIDTH.0, ORIGINAL_WIDTH.1);
                    total += w;
                    sheet.set_column_width(col(c)?, w)?;
                }
                // The whole table on one page's width would be unreadably small: as many pages
                // across as keep the print legible, the columns up to 姓名 on each of them.
                total += RESULT_COLUMNS.iter().map(|c| c.width).sum::<f64>();
                sheet.set_print_fit_to_pages((total / print::CHARS_PER_PAGE).ceil().clamp(1.0, 20.0) as u16, 0);
                for (k, column) in RESULT_COLUMNS.iter().enumerate() {
                    column.finish(sheet, col(kept_columns(run) + k)?, 0, lines, &f)?;
                }
                sheet.autofilter(0, 0, lines, last_col)?;
                Ok(())
            },
        )
    }
}

/// Frozen panes, the result columns' widths and the header row.
fn header(sheet: &mut Worksheet, run: &Run, f: &Formats) -> Result<(), XlsxError> {
    for (c, h) in run.columns[..kept_columns(run)].iter().enumerate() {
        sheet.write_string_with_format(0, col(c)?, h, &f.header)?;
    }
    for (k, column) in RESULT_COLUMNS.iter().enumerate() {
        let c = col(kept_columns(run) + k)?;
        column.set_up(sheet, c, f)?;
        sheet.write_string_with_format(0, c, column.header, &f.header)?;
    }
    let name =
        run.sources.iter().find_map(|s| s.layout.as_ref()?.column(Key::Name).and_then(|c| s.column_slots.get(c.index)));
    let frozen = name.filter(|&&c| c < kept_columns(run)).map_or(0, |c| c + 1);
    sheet.set_freeze_panes(1, col(frozen)?)?;
    if frozen > 0 {
        sheet.set_repeat_columns(0, col(frozen - 1)?)?;
    }
    let originals = run.columns[..kept_columns(run)]
        .iter()
        .map(|h| (h.as_str(), width(h).clamp(ORIGINAL_WIDTH.0, ORIGINAL_WIDTH.1)));
    let results = RESULT_COLUMNS.iter().map(|c| (c.header, c.width));
    sheet.set_row_height(0, print::header_height(originals.chain(results)))?;
    let name = sheet.name();
    print::set_up(sheet, run, &name, Some((0, 0)))
}

/// The original cells unchanged — a date cell stays a date — except the 身份证号 under `--mask-id`;
/// each in its slot among [`Run::columns`], widening `widths` to fit.
fn originals(
    sheet: &mut Worksheet,
    row: u32,
    run: &Run,
    r: &Screened,
    f: &Formats,
    widths: &mut [f64],
) -> Result<(), XlsxError> {
    let source = &run.sources[r.source];
    let id = source.layout.as_ref().and_then(|l| l.column(Key::IdNumber)).map(|c| c.index);
    let kept = kept_columns(run);
    for (index, cell) in r.cells.iter().enumerate() {
        let Some(&slot) = source.column_slots.get(index).filter(|&&s| s < kept) else { continue };
        let value = match cell {
            Cell::Empty => continue,
            _ if run.config.mask_id && Some(index) == id => Value::text(id_number::mask(cell.text().trim())),
            Cell::Text(s) | Cell::Error(s) => Value::text(s.as_str()),
            Cell::Number(n) => Value::Number(*n),
            Cell::Date(d) => Value::Date(*d),
            Cell::Bool(b) => Value::Bool(*b),
        };
        // A text is never wider than its bytes (+2), and no column is set wider than the maximum:
        // most cells need no counting.
        if let Some(known) = widths.get_mut(slot).filter(|w| **w < ORIGINAL_WIDTH.1) {
            let w = match cell {
                Cell::Text(s) if (s.len() + 2) as f64 <= *known => *known,
                Cell::Text(s) => width(s),
                Cell::Date(_) => 12.0,
                _ => width(&cell.text()),
            };
            *known = known.max(w);
        }
        put(sheet, row, col(slot)?, &value, f)?;
    }
    Ok(())
}
