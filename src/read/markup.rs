//! Tables written as markup, which government and HR systems save as ".xls": an HTML page with a
//! `<table>` ("导出Excel" of many web systems) and Excel's XML Spreadsheet 2003. Both are read with
//! quick-xml (already built for calamine), leniently: HTML need not be well-formed (`<br>`, `<td>`
//! left open, `&nbsp;`), and a cell's `colspan`/`rowspan` (`ss:MergeAcross`/`ss:MergeDown`) is a
//! merged range like Excel's.

use super::{Cell, RawRow, ReadError, Rows, Span};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::path::Path;

/// One table read whole (these files are small: the systems that write them cap their exports).
#[derive(Default)]
struct Table {
    name: String,
    rows: Vec<RawRow>,
    merged: Vec<Span>,
}

impl Table {
    fn hand_over(self, sink: &mut dyn Rows) {
        sink.sheet(&self.name);
        sink.merges_ahead(&self.merged);
        for row in self.rows {
            sink.row(row);
        }
        sink.end(self.merged);
    }
}

fn text_of(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    Ok(super::csv::decode(bytes))
}

fn lenient(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    reader
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_ascii_lowercase()
}

/// The value of attribute `name` (local name, any prefix, any case).
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.html_attributes().flatten().find_map(|a| {
        let key = a.key.local_name().as_ref().to_ascii_lowercase();
        (key == name).then(|| a.value.into_owned())
    })
}

fn span_attr(e: &BytesStart, name: &str) -> u32 {
    attribute(e, name).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(0).min(16_384)
}

/// `&amp;`, `&nbsp;`, `&#39;` …, as text.
fn reference(r: &BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match &*r.clone().into_inner() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "middot" => "·",
        "mdash" => "—",
        "ldquo" => "“",
        "rdquo" => "”",
        _ => "",
    }
    .to_string()
}

fn failed(path: &Path, e: quick_xml::Error) -> ReadError {
    ReadError::Workbook { path: path.to_path_buf(), source: e.into() }
}

/// Where the next cell of a row goes, past the columns that cells above span into.
struct Grid {
    /// For each column, the last row a span from above covers.
    covered: Vec<u32>,
}

impl Grid {
    fn next_free(&self, row: u32, mut col: usize) -> usize {
        while self.covered.get(col).is_some_and(|&last| last >= row) {
            col += 1;
        }
        col
    }

    fn cover(&mut self, row: u32, col: usize, across: usize, down: u32) {
        if self.covered.len() < col + across + 1 {
            self.covered.resize(col + across + 1, 0);
        }
        for c in col..=col + across {
            self.covered[c] = self.covered[c].max(row + down);
        }
    }
}

/// Reads every `<table>` of an HTML page, each as a sheet (the first named after the file).
pub fn read_html(path: &Path, sink: &mut dyn Rows) -> Result<(), ReadError> {
    let text = text_of(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut reader = lenient(&text);
    let mut tables: Vec<Table> = Vec::new();
    // Inside the current (outermost) table: its depth, the row being read, the cell being read.
    let mut depth = 0usize;
    let mut table = Table::default();
    let mut grid = Grid { covered: Vec::new() };
    let mut row: Option<RawRow> = None;
    let mut cell: Option<(usize, String)> = None;
    let mut col = 0usize;
    let mut skip = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| failed(path, e))?;
        let opens = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = local(&e);
                match name.as_str() {
                    // An empty one (`<script/>`) opens nothing to skip.
                    "script" | "style" | "head" if opens => skip += 1,
                    "table" => {
                        depth += 1;
                        if depth == 1 {
                            table = Table::default();
                            grid = Grid { covered: Vec::new() };
                        }
                    }
                    "tr" if depth == 1 => {
                        finish_cell(&mut row, &mut cell);
                        if let Some(done) = row.take() {
                            table.rows.push(done);
                        }
                        let number = table.rows.len() as u32 + 1;
                        row = Some(RawRow { number, cells: Vec::new() });
                        col = 0;
                    }
                    "td" | "th" if depth == 1 => {
                        finish_cell(&mut row, &mut cell);
                        let r = row
                            .get_or_insert_with(|| RawRow { number: table.rows.len() as u32 + 1, cells: Vec::new() });
                        let at = grid.next_free(r.number, col);
                        let (across, down) = (
                            span_attr(&e, "colspan").saturating_sub(1) as usize,
                            span_attr(&e, "rowspan").saturating_sub(1),
                        );
                        grid.cover(r.number, at, across, down);
                        if across > 0 || down > 0 {
                            table.merged.push(((r.number, at as u32), (r.number + down, (at + across) as u32)));
                        }
                        col = at + across + 1;
                        cell = Some((at, String::new()));
                    }
                    "br" | "p" | "div" => {
                        if let Some((_, t)) = cell.as_mut() {
                            if !t.is_empty() {
                                t.push('\n');
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                match name.as_str() {
                    "script" | "style" | "head" => skip = skip.saturating_sub(1),
                    "td" | "th" if depth == 1 => finish_cell(&mut row, &mut cell),
                    "tr" if depth == 1 => {
                        finish_cell(&mut row, &mut cell);
                        if let Some(done) = row.take() {
                            table.rows.push(done);
                        }
                    }
                    "table" if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            finish_cell(&mut row, &mut cell);
                            if let Some(done) = row.take() {
                                table.rows.push(done);
                            }
                            tables.push(std::mem::take(&mut table));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if skip == 0 => {
                if let Some((_, s)) = cell.as_mut() {
                    s.push_str(&t.into_inner());
                }
            }
            Event::CData(t) if skip == 0 => {
                if let Some((_, s)) = cell.as_mut() {
                    s.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) if skip == 0 => {
                if let Some((_, s)) = cell.as_mut() {
                    s.push_str(&reference(&r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        // A table left open at the end of the page.
        finish_cell(&mut row, &mut cell);
        if let Some(done) = row.take() {
            table.rows.push(done);
        }
        tables.push(table);
    }
    for (i, mut table) in tables.into_iter().enumerate() {
        table.name = if i == 0 { stem.clone() } else { format!("{stem}（表{}）", i + 1) };
        table.hand_over(sink);
    }
    Ok(())
}

fn finish_cell(row: &mut Option<RawRow>, cell: &mut Option<(usize, String)>) {
    let (Some(r), Some((at, text))) = (row.as_mut(), cell.take()) else { return };
    let text = text.replace('\u{a0}', " ");
    let text = text.trim();
    if r.cells.len() <= at {
        r.cells.resize(at + 1, Cell::Empty);
    }
    if !text.is_empty() {
        r.cells[at] = Cell::Text(text.into());
    }
}

/// Reads Excel's XML Spreadsheet 2003: each `<Worksheet>` (or the ones named in `only`).
pub fn read_spreadsheetml(path: &Path, only: &[String], sink: &mut dyn Rows) -> Result<(), ReadError> {
    let text = text_of(path)?;
    let mut reader = lenient(&text);
    let mut tables: Vec<Table> = Vec::new();
    let mut table: Option<Table> = None;
    let mut grid = Grid { covered: Vec::new() };
    let mut row: Option<RawRow> = None;
    let (mut next_row, mut col) = (1u32, 0usize);
    // The cell being read: its column, its type, its text.
    let mut cell: Option<(usize, String, String)> = None;
    let mut in_data = false;
    loop {
        let event = reader.read_event().map_err(|e| failed(path, e))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                "worksheet" => {
                    let name = attribute(&e, "name").unwrap_or_else(|| format!("Sheet{}", tables.len() + 1));
                    table = Some(Table { name, ..Table::default() });
                    grid = Grid { covered: Vec::new() };
                    next_row = 1;
                }
                "row" => {
                    if let (Some(t), Some(done)) = (table.as_mut(), row.take()) {
                        t.rows.push(done);
                    }
                    let number = attribute(&e, "index").and_then(|v| v.parse().ok()).unwrap_or(next_row).max(next_row);
                    next_row = number.min(1_048_576) + 1;
                    row = Some(RawRow { number: number.min(1_048_576), cells: Vec::new() });
                    col = 0;
                }
                "cell" => {
                    let Some(r) = row.as_mut() else { continue };
                    let index = attribute(&e, "index").and_then(|v| v.parse::<usize>().ok());
                    let at = grid.next_free(r.number, index.map_or(col, |i| i.saturating_sub(1)).min(16_383));
                    let (across, down) = (span_attr(&e, "mergeacross") as usize, span_attr(&e, "mergedown"));
                    grid.cover(r.number, at, across, down);
                    if across > 0 || down > 0 {
                        if let Some(t) = table.as_mut() {
                            t.merged.push(((r.number, at as u32), (r.number + down, (at + across) as u32)));
                        }
                    }
                    col = at + across + 1;
                    cell = Some((at, String::new(), String::new()));
                }
                "data" => {
                    in_data = true;
                    if let Some((_, kind, _)) = cell.as_mut() {
                        *kind = attribute(&e, "type").unwrap_or_default();
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref().to_ascii_lowercase().as_str() {
                "data" => in_data = false,
                "cell" => {
                    if let (Some(r), Some((at, kind, text))) = (row.as_mut(), cell.take()) {
                        if r.cells.len() <= at {
                            r.cells.resize(at + 1, Cell::Empty);
                        }
                        r.cells[at] = typed(&kind, text.trim());
                    }
                }
                "row" => {
                    if let (Some(t), Some(done)) = (table.as_mut(), row.take()) {
                        t.rows.push(done);
                    }
                }
                "worksheet" => {
                    if let Some(t) = table.take() {
                        tables.push(t);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_data => {
                if let Some((_, _, s)) = cell.as_mut() {
                    s.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) if in_data => {
                if let Some((_, _, s)) = cell.as_mut() {
                    s.push_str(&reference(&r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(t) = table.take() {
        tables.push(t);
    }
    for wanted in only {
        if !tables.iter().any(|t| &t.name == wanted) {
            return Err(ReadError::NoSuchSheet {
                path: path.to_path_buf(),
                sheet: wanted.clone(),
                available: tables.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join("、"),
            });
        }
    }
    for t in tables.into_iter().filter(|t| only.is_empty() || only.contains(&t.name)) {
        t.hand_over(sink);
    }
    Ok(())
}

/// A `<Data ss:Type="…">` value as a cell.
fn typed(kind: &str, text: &str) -> Cell {
    if text.is_empty() {
        return Cell::Empty;
    }
    match kind {
        "Number" => text.parse::<f64>().map_or_else(|_| Cell::Text(text.into()), Cell::Number),
        "DateTime" => chrono::NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
            .map_or_else(|_| Cell::Text(text.into()), Cell::Date),
        "Boolean" => Cell::Bool(text == "1" || text.eq_ignore_ascii_case("true")),
        "Error" => Cell::Error(text.into()),
        _ => Cell::Text(text.into()),
    }
}
