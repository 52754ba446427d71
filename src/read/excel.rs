//! xlsx, xlsm, xlsb, xls and ods through calamine.
//!
//! xlsx and xlsm are read with calamine's streaming cell reader: each row goes on as soon as its
//! last cell is read, so a million-row sheet is never held. The other formats have no streaming
//! reader and go through `worksheet_range` (a whole sheet in memory; they are limited to 65,536
//! rows (xls) or rarely large (ods)).

use super::sniff::Kind;
use super::{Cell, Library, RawRow, ReadError, Rows, SheetProblem, Span};
use calamine::{
    open_workbook, Data, DataRef, Dimensions, ExcelDateTime, Ods, Reader, Sheet, SheetType, Sheets, Xls, Xlsb, Xlsx,
};
use chrono::Datelike;
use std::io::{Read, Seek};
use std::path::Path;

/// Reads a workbook of the kind its content says it is, whatever its name.
pub fn read(path: &Path, kind: Kind, only: &[String], sink: &mut dyn Rows) -> Result<(), ReadError> {
    let failed = |e: Library| ReadError::Workbook { path: path.to_path_buf(), source: e };
    let workbook = match kind {
        Kind::Xlsx => {
            let workbook = open_workbook::<Xlsx<_>, _>(path).map_err(|e| failed(e.into()))?;
            return read_streaming(path, workbook, only, sink);
        }
        Kind::Cfb => Sheets::Xls(open_workbook::<Xls<_>, _>(path).map_err(|e| failed(e.into()))?),
        Kind::Xlsb => Sheets::Xlsb(open_workbook::<Xlsb<_>, _>(path).map_err(|e| failed(e.into()))?),
        _ => Sheets::Ods(open_workbook::<Ods<_>, _>(path).map_err(|e| failed(e.into()))?),
    };
    read_ranges(path, workbook, only, sink)
}

/// Checks that every sheet named with `--sheet` exists, and returns the ones to read, in order,
/// each with what it is when it is not a worksheet (a chart sheet holds no roster).
fn select(path: &Path, sheets: &[Sheet], only: &[String]) -> Result<Vec<(String, Option<&'static str>)>, ReadError> {
    for wanted in only {
        if !sheets.iter().any(|s| &s.name == wanted) {
            return Err(ReadError::NoSuchSheet {
                path: path.to_path_buf(),
                sheet: wanted.clone(),
                available: sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("、"),
            });
        }
    }
    let kind = |t: &SheetType| match t {
        SheetType::WorkSheet => None,
        SheetType::ChartSheet => Some("图表工作表"),
        SheetType::DialogSheet => Some("对话框工作表"),
        SheetType::MacroSheet => Some("宏工作表"),
        SheetType::Vba => Some("VBA 模块"),
    };
    Ok(sheets
        .iter()
        .filter(|s| only.is_empty() || only.contains(&s.name))
        .map(|s| (s.name.clone(), kind(&s.typ)))
        .collect())
}

/// A chart sheet (or another that is no worksheet) is said to be skipped and ended at once.
fn skipped(kind: Option<&str>, sink: &mut dyn Rows) -> bool {
    let Some(kind) = kind else { return false };
    sink.problem(SheetProblem::NotWorksheet(kind.to_string()));
    sink.end(Vec::new());
    true
}

fn read_streaming(
    path: &Path,
    mut workbook: Xlsx<std::io::BufReader<std::fs::File>>,
    only: &[String],
    sink: &mut dyn Rows,
) -> Result<(), ReadError> {
    let sheets = workbook.sheets_metadata().to_vec();
    for (name, kind) in select(path, &sheets, only)? {
        sink.sheet(&name);
        if skipped(kind, sink) {
            continue;
        }
        // The merged ranges sit after the cell data in the sheet's XML, so finding them is a
        // second pass over it: done on the other core, from a second handle, while this one reads.
        let merged = std::thread::scope(|scope| {
            let merged = scope.spawn(|| {
                let mut second = open_workbook::<Xlsx<_>, _>(path).ok()?;
                second.merge_cells_by_sheet_name(&name).ok()
            });
            let mut counted = Counted { sink: &mut *sink, last: 0 };
            let streamed = guarded(|| stream_rows(&mut workbook, &name, &mut counted, 0));
            let last = counted.last;
            let merged: Vec<Span> = merged.join().ok().flatten().unwrap_or_default().iter().map(span).collect();
            if let Err(problem) = streamed {
                let problem = mend_and_go_on(path, &name, sink, last, problem);
                sink.problem(problem);
            }
            merged
        });
        sink.end(merged);
    }
    Ok(())
}

/// Runs a read of calamine's, a panic inside it being this sheet's problem.
fn guarded(read: impl FnOnce() -> Result<(), SheetProblem>) -> Result<(), SheetProblem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(SheetProblem::Unreadable("读取库内部出错".into())))
}

/// A sheet stopped at a cell calamine cannot read: mended ([`repair`]) and read on from the row
/// after the last one handed over. What is said is which cells were mended, or, when the sheet
/// cannot be mended, where it stopped.
fn mend_and_go_on(path: &Path, name: &str, sink: &mut dyn Rows, last: u32, stopped: SheetProblem) -> SheetProblem {
    let Some(mended) = super::repair::mend(path, name) else { return stopped };
    let Ok(mut workbook) = Xlsx::new(mended.workbook) else { return stopped };
    let mut counted = Counted { sink, last };
    match guarded(|| stream_rows(&mut workbook, name, &mut counted, last + 1)) {
        Ok(()) => SheetProblem::PartlyRead(format!(
            "{}个单元格无法按原样读取：{}；其余单元格照常读取",
            mended.cells.len(),
            mended.cells.join("，")
        )),
        Err(_) => stopped,
    }
}

/// Hands rows on, noting the last row number handed over.
struct Counted<'a> {
    sink: &'a mut dyn Rows,
    last: u32,
}

impl Rows for Counted<'_> {
    fn sheet(&mut self, name: &str) {
        self.sink.sheet(name);
    }
    fn row(&mut self, row: RawRow) {
        self.last = row.number;
        self.sink.row(row);
    }
    fn problem(&mut self, problem: SheetProblem) {
        self.sink.problem(problem);
    }
    fn end(&mut self, merged: Vec<Span>) {
        self.sink.end(merged);
    }
}

/// Excel's limits: a cell reference past them (`ZZZZZZZZZZ2`) is not a cell of any sheet.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// A sheet's rows from row `from` on, through calamine's streaming cell reader, with the row
/// numbers Excel shows, each handed on when the next one starts. A cell the reader cannot read
/// ends the sheet there: the rows before that cell's row stand, and the problem says where.
fn stream_rows<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
    sink: &mut dyn Rows,
    from: u32,
) -> Result<(), SheetProblem> {
    let mut reader =
        workbook.worksheet_cells_reader(name).map_err(|e| SheetProblem::Unreadable(Library::from(e).to_string()))?;
    let mut row: Option<RawRow> = None;
    let mut handed = 0u32;
    let mut outside = 0usize;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                // The row being read is left out whole: it is read again, mended, from its start.
                let said = Library::from(e).to_string();
                return Err(match handed {
                    0 => SheetProblem::Unreadable(said),
                    n => {
                        SheetProblem::PartlyRead(format!("读到第{n}行后，下一个单元格无法读取（{said}），其后的行未读"))
                    }
                });
            }
        };
        let (r, c) = cell.get_position();
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            outside += 1;
            continue;
        }
        if r + 1 < from {
            continue;
        }
        let value = cell_ref(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        let current = match row.take() {
            Some(current) if current.number == r + 1 => current,
            done => {
                if let Some(done) = done {
                    handed = done.number;
                    sink.row(done);
                }
                RawRow { number: r + 1, cells: Vec::new() }
            }
        };
        let current = row.insert(current);
        let c = c as usize;
        if current.cells.len() <= c {
            current.cells.resize(c + 1, Cell::Empty);
        }
        current.cells[c] = value;
    }
    if let Some(last) = row {
        sink.row(last);
    }
    if outside > 0 {
        return Err(SheetProblem::PartlyRead(format!(
            "{outside}个单元格的位置超出 Excel 的范围（{MAX_ROWS}行、{MAX_COLUMNS}列），已忽略"
        )));
    }
    Ok(())
}

fn read_ranges(
    path: &Path,
    mut workbook: Sheets<std::io::BufReader<std::fs::File>>,
    only: &[String],
    sink: &mut dyn Rows,
) -> Result<(), ReadError> {
    let sheets = workbook.sheets_metadata().to_vec();
    for (name, kind) in select(path, &sheets, only)? {
        sink.sheet(&name);
        if skipped(kind, sink) {
            continue;
        }
        let range = match workbook.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => {
                sink.problem(SheetProblem::Unreadable(Library::from(e).to_string()));
                sink.end(Vec::new());
                continue;
            }
        };
        let first_row = range.start().map_or(0, |(r, _)| r);
        let first_col = range.start().map_or(0, |(_, c)| c) as usize;
        // calamine reads the merged ranges of xls only; in ods a merge's other cells are empty.
        let merged: Vec<Span> = match &workbook {
            Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&name).ok().map(|m| m.iter().map(span).collect()),
            _ => None,
        }
        .unwrap_or_default();
        sink.merges_ahead(&merged);
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; first_col];
            cells.extend(row.iter().map(cell));
            sink.row(RawRow { number: first_row + i as u32 + 1, cells });
        }
        sink.end(merged);
    }
    Ok(())
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.as_str().into()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.as_str().into()),
        Data::Error(e) => Cell::Error(e.to_string().into()),
    }
}

fn cell_ref(d: &DataRef) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.as_str().into()),
        DataRef::SharedString(s) => Cell::Text((*s).into()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => excel_date(dt),
        DataRef::Error(e) => Cell::Error(e.to_string().into()),
    }
}

/// A date-formatted cell: a date when its serial is one Excel shows as a date (1900-01-01 to
/// 9999-12-31), otherwise the number it holds — a date column then reports it as a data issue.
/// A serial far outside (`-1e308`) would make the conversion panic, and one just outside (`-1`,
/// `0`) would come out as 1899-12-30: neither is a date.
fn excel_date(dt: &ExcelDateTime) -> Cell {
    let serial = dt.as_f64();
    if !(serial.is_finite() && (0.0..2_958_466.0).contains(&serial)) {
        return Cell::Number(serial);
    }
    match dt.as_datetime() {
        Some(t) if dt.is_datetime() && (1900..=9999).contains(&t.year()) => Cell::Date(t.date()),
        _ => Cell::Number(serial),
    }
}

/// A calamine range as 1-based rows and 0-based columns.
fn span(d: &Dimensions) -> Span {
    ((d.start.0 + 1, d.start.1), (d.end.0 + 1, d.end.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn serials_outside_excels_dates_are_numbers_never_dates_or_panics() {
        let date = |v: f64, is_1904: bool| excel_date(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904));
        let day = |y, m, d| Cell::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(date(43464.0, false), day(2018, 12, 30));
        assert_eq!(date(43464.0, true), day(2022, 12, 31));
        assert_eq!(date(1.0, false), day(1900, 1, 1));
        assert_eq!(date(2_958_465.0, false), day(9999, 12, 31));
        for bad in [-1e308, -700_000.0, -1.0, 0.0, 0.5, 2_958_466.0, 1e308, f64::NAN, f64::INFINITY, f64::NEG_INFINITY]
        {
            assert!(matches!(date(bad, false), Cell::Number(_)), "{bad}");
            assert!(matches!(date(bad, true), Cell::Number(_) | Cell::Date(_)), "{bad}");
        }
    }
}
