//! 筛选结果: every input row, its original columns unchanged, then the result columns.
//!
//! Past the row limit the sheet continues on 筛选结果(2) …, each with the header again. The header
//! and the original columns up to 姓名 are frozen, so who a row is stays in view while the results
//! scroll past; each route's 结论 cell carries its status colour.

use super::cell::{self, col, put, Value};
use super::list::{self, Column};
use super::style::{width, Formats};
use super::{new_sheet, page_name, pages};
use crate::normalize::id_number;
use crate::pipeline::{Run, Screened};
use crate::read::header::Key;
use crate::read::Cell;
use crate::write::text;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// The result columns, after the original ones.
const RESULT_COLUMNS: &[Column] = &[
    list::SOURCE_FILE,
    list::SOURCE_SHEET,
    list::SOURCE_ROW,
    Column { header: "技能→职称 结论", width: 10.0, value: |_, r| Value::Status(r.decision.title.status) },
    Column { header: "常规路径", width: 12.0, value: |_, r| cell::title(r.decision.title.regular) },
    Column { header: "破格路径", width: 12.0, value: |_, r| cell::title(r.decision.title.exceptional) },
    Column { header: "破格依据", width: 40.0, value: |_, r| Value::wrapped(text::basis(&r.decision)) },
    Column { header: "可申报最高职称", width: 12.0, value: |_, r| cell::title(r.decision.title.best) },
    Column { header: "下一职称及日期", width: 22.0, value: |_, r| Value::text(text::next_title(&r.decision)) },
    Column { header: "职称→技能 结论", width: 10.0, value: |_, r| Value::Status(r.decision.skill.status) },
    list::SKILL_OFFER,
    list::THEORY_EXEMPT,
    list::PROMOTION,
    Column {
        header: "下一技能等级及日期", width: 22.0, value: |_, r| Value::text(text::next_level(&r.decision))
    },
    Column { header: "待遇比照", width: 12.0, value: |_, r| cell::title(r.decision.treatment) },
    Column {
        header: "学历比照",
        width: 9.0,
        value: |_, r| Value::name(r.decision.education_equivalent.map(|e| e.name())),
    },
    Column { header: "未满足/待核实", width: 60.0, value: |_, r| Value::lines(&text::reasons(&r.decision)) },
    list::CLAUSES,
    list::ISSUES,
];

/// Original columns are as wide as their longest text, within these bounds.
const ORIGINAL_WIDTH: (f64, f64) = (6.0, 40.0);

pub fn write(workbook: &mut Workbook, run: &Run, f: &Formats, max_rows: u32) -> Result<(), XlsxError> {
    for (page, rows) in pages(&run.results, max_rows).into_iter().enumerate() {
        let sheet = new_sheet(workbook, &page_name("筛选结果", page))?;
        header(sheet, run, rows, f)?;
        for (i, r) in rows.iter().enumerate() {
            let row = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            originals(sheet, row, run, r, f)?;
            for (k, column) in RESULT_COLUMNS.iter().enumerate() {
                put(sheet, row, col(run.columns.len() + k)?, &(column.value)(run, r), f)?;
            }
        }
        let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.autofilter(0, 0, last_row, col(run.columns.len() + RESULT_COLUMNS.len() - 1)?)?;
    }
    Ok(())
}

/// Widths, frozen panes and the header row.
fn header(sheet: &mut Worksheet, run: &Run, rows: &[Screened], f: &Formats) -> Result<(), XlsxError> {
    let mut widths: Vec<f64> = run.columns.iter().map(|h| width(h)).collect();
    for r in rows {
        for (slot, _, cell) in cells(run, r) {
            let w = match cell {
                Cell::Text(s) => width(s),
                Cell::Date(_) => 12.0,
                _ => width(&cell.text()),
            };
            if let Some(known) = widths.get_mut(slot) {
                *known = known.max(w);
            }
        }
    }
    for (c, (h, w)) in run.columns.iter().zip(&widths).enumerate() {
        sheet.set_column_width(col(c)?, w.clamp(ORIGINAL_WIDTH.0, ORIGINAL_WIDTH.1))?;
        sheet.write_string_with_format(0, col(c)?, h, &f.header)?;
    }
    for (k, column) in RESULT_COLUMNS.iter().enumerate() {
        let c = col(run.columns.len() + k)?;
        sheet.set_column_width(c, column.width)?;
        sheet.write_string_with_format(0, c, column.header, &f.header)?;
    }
    let name =
        run.sources.iter().find_map(|s| s.layout.as_ref()?.column(Key::Name).and_then(|c| s.column_slots.get(c.index)));
    sheet.set_freeze_panes(1, col(name.map_or(0, |c| c + 1))?)?;
    Ok(())
}

/// A row's original cells, each with its slot among [`Run::columns`] and its index in the row, in
/// slot order.
fn cells<'a>(run: &Run, r: &'a Screened) -> Vec<(usize, usize, &'a Cell)> {
    let slots = &run.sources[r.source].column_slots;
    let mut cells: Vec<_> = r.cells.iter().enumerate().filter_map(|(i, c)| Some((*slots.get(i)?, i, c))).collect();
    cells.sort_by_key(|(slot, i, _)| (*slot, *i));
    cells
}

/// The original cells unchanged — a date cell stays a date — except the 身份证号 under `--mask-id`.
fn originals(sheet: &mut Worksheet, row: u32, run: &Run, r: &Screened, f: &Formats) -> Result<(), XlsxError> {
    let layout = run.sources[r.source].layout.as_ref();
    let id = layout.and_then(|l| l.column(Key::IdNumber)).map(|c| c.index);
    for (slot, index, cell) in cells(run, r) {
        let value = match cell {
            Cell::Empty => Value::Blank,
            _ if run.config.mask_id && Some(index) == id => Value::text(id_number::mask(cell.text().trim())),
            Cell::Text(s) | Cell::Error(s) => Value::text(s.as_str()),
            Cell::Number(n) => Value::Number(*n),
            Cell::Date(d) => Value::Date(*d),
            Cell::Bool(b) => Value::Bool(*b),
        };
        put(sheet, row, col(slot)?, &value, f)?;
    }
    Ok(())
}
