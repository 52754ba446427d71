//! xlsx, xlsm, xlsb, xls and ods through calamine.
//!
//! xlsx and xlsm are read with calamine's streaming cell reader: each row goes on as soon as its
//! last cell is read, so a million-row sheet is never held. The other formats have no streaming
//! reader and go through `worksheet_range` (a whole sheet in memory; they are limited to 65,536
//! rows (xls) or rarely large (ods)).

use super::{Cell, RawRow, ReadError, Rows, Span};
use calamine::{open_workbook, open_workbook_auto, Data, DataRef, Dimensions, Reader, Sheets, Xlsx};
use std::path::Path;

pub fn read(path: &Path, only: &[String], sink: &mut dyn Rows) -> Result<(), ReadError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if ext == "xlsx" || ext == "xlsm" {
        if let Ok(workbook) = open_workbook::<Xlsx<_>, _>(path) {
            return read_streaming(path, workbook, only, sink);
        }
    }
    read_ranges(path, only, sink)
}

/// Checks that every sheet named with `--sheet` exists, and returns the ones to read, in order.
fn select(path: &Path, names: Vec<String>, only: &[String]) -> Result<Vec<String>, ReadError> {
    for wanted in only {
        if !names.iter().any(|n| n == wanted) {
            return Err(ReadError::NoSuchSheet {
                path: path.to_path_buf(),
                sheet: wanted.clone(),
                available: names.join("、"),
            });
        }
    }
    Ok(names.into_iter().filter(|n| only.is_empty() || only.contains(n)).collect())
}

fn read_streaming(
    path: &Path,
    mut workbook: Xlsx<std::io::BufReader<std::fs::File>>,
    only: &[String],
    sink: &mut dyn Rows,
) -> Result<(), ReadError> {
    for name in select(path, workbook.sheet_names(), only)? {
        let sheet_error = |e: calamine::XlsxError| ReadError::Sheet {
            path: path.to_path_buf(),
            sheet: name.clone(),
            detail: e.to_string(),
        };
        // The merged ranges sit after the cell data in the sheet's XML, so finding them is a
        // second pass over it: done on the other core, from a second handle, while this one reads.
        sink.sheet(&name);
        let merged = std::thread::scope(|scope| {
            let merged = scope.spawn(|| {
                let mut second = open_workbook::<Xlsx<_>, _>(path).ok()?;
                second.merge_cells_by_sheet_name(&name).ok()
            });
            let streamed = stream_rows(&mut workbook, &name, sink).map_err(sheet_error);
            let merged: Vec<Span> = merged.join().ok().flatten().unwrap_or_default().iter().map(span).collect();
            streamed.map(|()| merged)
        })?;
        sink.end(merged);
    }
    Ok(())
}

/// A sheet's rows through calamine's streaming cell reader, with the row numbers Excel shows, each
/// handed on when the next one starts.
fn stream_rows(
    workbook: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
    sink: &mut dyn Rows,
) -> Result<(), calamine::XlsxError> {
    let mut reader = workbook.worksheet_cells_reader(name)?;
    let mut row: Option<RawRow> = None;
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        let value = cell_ref(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        let current = match row.take() {
            Some(current) if current.number == r + 1 => current,
            done => {
                if let Some(done) = done {
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
    Ok(())
}

fn read_ranges(path: &Path, only: &[String], sink: &mut dyn Rows) -> Result<(), ReadError> {
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| ReadError::Workbook { path: path.to_path_buf(), detail: e.to_string() })?;
    for name in select(path, workbook.sheet_names(), only)? {
        let range = workbook.worksheet_range(&name).map_err(|e| ReadError::Sheet {
            path: path.to_path_buf(),
            sheet: name.clone(),
            detail: e.to_string(),
        })?;
        let first_row = range.start().map_or(0, |(r, _)| r);
        let first_col = range.start().map_or(0, |(_, c)| c) as usize;
        sink.sheet(&name);
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
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
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
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        DataRef::Error(e) => Cell::Error(e.to_string().into()),
    }
}

/// A calamine range as 1-based rows and 0-based columns.
fn span(d: &Dimensions) -> Span {
    ((d.start.0 + 1, d.start.1), (d.end.0 + 1, d.end.1))
}
