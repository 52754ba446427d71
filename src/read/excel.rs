//! xlsx, xlsm, xlsb, xls and ods through calamine.

use super::{Cell, RawRow, RawSheet, ReadError};
use calamine::{open_workbook_auto, Data, Reader};
use std::path::Path;

pub fn read(path: &Path, only: &[String]) -> Result<Vec<RawSheet>, ReadError> {
    let mut workbook = open_workbook_auto(path).map_err(|e| ReadError::Workbook {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let names = workbook.sheet_names();
    for wanted in only {
        if !names.iter().any(|n| n == wanted) {
            return Err(ReadError::NoSuchSheet {
                path: path.to_path_buf(),
                sheet: wanted.clone(),
                available: names.join("、"),
            });
        }
    }
    let mut sheets = Vec::new();
    for name in names.iter().filter(|n| only.is_empty() || only.contains(n)) {
        let range = workbook
            .worksheet_range(name)
            .map_err(|e| ReadError::Sheet {
                path: path.to_path_buf(),
                sheet: name.clone(),
                detail: e.to_string(),
            })?;
        let first_row = range.start().map_or(0, |(r, _)| r);
        let first_col = range.start().map_or(0, |(_, c)| c) as usize;
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = vec![Cell::Empty; first_col];
                cells.extend(row.iter().map(cell));
                RawRow {
                    number: first_row + i as u32 + 1,
                    cells,
                }
            })
            .collect();
        sheets.push(RawSheet {
            sheet: name.clone(),
            rows,
        });
    }
    Ok(sheets)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
