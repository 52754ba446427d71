//! The I/O floor of a screening run: what any implementation must do to turn a roster into the
//! 筛选结果 table, and nothing else — no header matching beyond finding 姓名, no normalizing, no
//! evaluation, no JSONL, no other sheets.
//!
//! ```text
//! floor ROSTER.xlsx|ROSTER.csv -o OUT.xlsx [--plain] [--zip-level 1-9]
//! ```
//!
//! xlsx is read with calamine's streaming cell reader (`worksheet_cells_reader`): each cell goes
//! straight to the output, so memory stays flat. CSV is read with polars (every column as
//! String), like `src/read/csv.rs`, but without the decode copy. The output is the input's columns
//! followed by the 19 result columns of `src/write/workbook` (as of commit fb9f2d1), written by
//! rust_xlsxwriter in constant-memory mode with a format on every cell. The result columns are
//! filled with texts of the length and on the share of rows that `guantong screen` fills them on a
//! generated roster (measured on `gen_roster --rows 10000 --seed 1`), so the bytes written are
//! comparable.
//!
//! By default every cell gets a format, as `src/write/workbook` writes them, and the zip level
//! is rust_xlsxwriter's default (6): that is the floor `scripts/bench.sh` compares against. Two
//! options show how much lower it can go: `--plain` makes the plain format the workbook's default
//! (`Workbook::set_default_format`) and writes plain cells without one, and `--zip-level` sets
//! `Workbook::set_zip_compression_level`.

use calamine::{open_workbook, DataRef, Reader, Xlsx};
use polars::prelude::*;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// (header, percent of rows filled, text): the 19 result columns. 来源文件/来源工作表/来源行号 are
/// filled from the input.
const EXTRA: [(&str, u32, &str); 19] = [
    ("来源文件", 100, ""),
    ("来源工作表", 100, ""),
    ("来源行号", 100, ""),
    ("技能→职称 结论", 100, "不适用"),
    ("常规路径", 44, "高级工程师"),
    ("破格路径", 19, "工程师"),
    ("破格依据", 20, "“2019年辽宁省技术能手”→工程师（三（四）3）"),
    ("可申报最高职称", 47, "高级工程师"),
    ("下一职称及日期", 15, "助理工程师（2027-11-08）"),
    ("职称→技能 结论", 100, "不适用"),
    ("可申报技能等级", 9, "高级技师"),
    ("免理论考试", 5, "是"),
    ("晋级评价", 7, "技师"),
    ("下一技能等级及日期", 2, "技师（2026-07-17）"),
    ("待遇比照", 55, "高级工程师"),
    ("学历比照", 12, "大专"),
    (
        "未满足/待核实",
        72,
        "近3年年度考核均合格（2025年合格、2024年合格、2023年优秀）（三（一））\n取得高级工已满2年（2010-03-31满），可申报助理工程师（三（二）2）\n取得技师已满3年（2011-03-31满），可申报工程师（三（二）2）\n待核实",
    ),
    ("依据条款", 96, "一、三（一）、三（二）2、五（二）"),
    ("数据问题", 59, "荣誉称号：未识别的荣誉或奖项：不在三（四）所列荣誉之内（2010年优秀员工）"),
];

struct Formats {
    /// `--plain`: the plain format is the workbook's default, and plain cells are written without
    /// a format (rust_xlsxwriter hashes the whole `Format` on every `*_with_format` call).
    bare: bool,
    header: Format,
    plain: Format,
    wrap: Format,
    date: Format,
    status: Format,
}

impl Formats {
    fn new(bare: bool) -> Formats {
        let base = Format::new().set_font_name("等线").set_font_size(10.5);
        Formats {
            bare,
            header: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            plain: base.clone(),
            wrap: base.clone().set_text_wrap(),
            date: base.clone().set_num_format("yyyy-mm-dd"),
            status: base.set_background_color(Color::RGB(0xFFEB9C)),
        }
    }
}

/// Writes a text cell, without a format when it is plain and `--plain` is on.
fn text(sheet: &mut Worksheet, row: u32, col: u16, s: &str, format: &Format, f: &Formats) -> Result<(), XlsxError> {
    if f.bare && std::ptr::eq(format, &f.plain) {
        sheet.write_string(row, col, s)?;
    } else {
        sheet.write_string_with_format(row, col, s, format)?;
    }
    Ok(())
}

fn number(sheet: &mut Worksheet, row: u32, col: u16, n: f64, f: &Formats) -> Result<(), XlsxError> {
    if f.bare {
        sheet.write_number(row, col, n)?;
    } else {
        sheet.write_number_with_format(row, col, n, &f.plain)?;
    }
    Ok(())
}

/// Writes the header: the input's columns, then the result columns.
fn header(sheet: &mut Worksheet, input: &[String], f: &Formats) -> Result<(), XlsxError> {
    for (c, h) in input.iter().map(String::as_str).chain(EXTRA.iter().map(|e| e.0)).enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &f.header)?;
    }
    Ok(())
}

/// Writes the result columns of output row `row` (input row `source_row`, 1-based).
fn extras(
    sheet: &mut Worksheet,
    row: u32,
    first_col: u16,
    file: &str,
    sheet_name: &str,
    source_row: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    text(sheet, row, first_col, file, &f.plain, f)?;
    text(sheet, row, first_col + 1, sheet_name, &f.plain, f)?;
    number(sheet, row, first_col + 2, source_row as f64, f)?;
    for (k, (h, fill, value)) in EXTRA.iter().enumerate().skip(3) {
        if row % 100 >= *fill {
            continue;
        }
        let format = match *h {
            "技能→职称 结论" | "职称→技能 结论" => &f.status,
            "未满足/待核实" | "数据问题" | "破格依据" => &f.wrap,
            _ => &f.plain,
        };
        text(sheet, row, first_col + k as u16, value, format, f)?;
    }
    Ok(())
}

/// Command-line options.
struct Opts {
    plain: bool,
    zip_level: Option<u8>,
}

fn new_workbook(out: &Path, f: &Formats, opts: &Opts) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    if f.bare {
        workbook.set_default_format(&f.plain, 20, 64)?;
    }
    if let Some(level) = opts.zip_level {
        workbook.set_zip_compression_level(level);
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    Ok(workbook)
}

/// Streams an xlsx: cells are written as they are read. Returns the data rows written.
fn xlsx(input: &Path, out: &Path, opts: &Opts) -> Result<u32, String> {
    let e = |e: XlsxError| e.to_string();
    let mut reader: Xlsx<_> = open_workbook(input).map_err(|e: calamine::XlsxError| e.to_string())?;
    let sheet_name = reader.sheet_names().first().cloned().ok_or("no sheet")?;
    let file = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut cells = reader.worksheet_cells_reader(&sheet_name).map_err(|e| e.to_string())?;

    let f = Formats::new(opts.plain);
    let mut workbook = new_workbook(out, &f, opts).map_err(e)?;
    let sheet = workbook.add_worksheet_with_constant_memory().map_err(e)?;
    sheet.set_name("筛选结果").map_err(e)?;

    // The rows above the header are looked at one at a time until the row naming 姓名 is seen.
    let mut header_row: Option<u32> = None;
    let mut candidate: (u32, Vec<(u32, String)>) = (u32::MAX, Vec::new());
    let mut width: u16 = 0;
    let mut current: Option<u32> = None;
    let mut written = 0u32;
    while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
        let (r, c) = cell.get_position();
        let h = match header_row {
            Some(h) => h,
            None if r != candidate.0 && candidate.1.iter().any(|(_, t)| t == "姓名") => {
                let n = candidate.1.iter().map(|(c, _)| *c + 1).max().unwrap_or(0) as usize;
                let mut names = vec![String::new(); n];
                for (c, t) in candidate.1.drain(..) {
                    names[c as usize] = t;
                }
                width = n as u16;
                header(sheet, &names, &f).map_err(e)?;
                header_row = Some(candidate.0);
                candidate.0
            }
            None => {
                if r != candidate.0 {
                    candidate = (r, Vec::new());
                }
                let text = match cell.get_value() {
                    DataRef::SharedString(s) => s.trim().to_string(),
                    DataRef::String(s) => s.trim().to_string(),
                    _ => String::new(),
                };
                candidate.1.push((c, text));
                continue;
            }
        };
        if current != Some(r) {
            if let Some(prev) = current {
                extras(sheet, prev - h, width, &file, &sheet_name, prev + 1, &f).map_err(e)?;
                written += 1;
            }
            current = Some(r);
        }
        write_cell(sheet, r - h, c, cell.get_value(), &f).map_err(e)?;
    }
    if let (Some(h), Some(prev)) = (header_row, current) {
        extras(sheet, prev - h, width, &file, &sheet_name, prev + 1, &f).map_err(e)?;
        written += 1;
    }
    drop(cells);
    workbook.save(out).map_err(e)?;
    Ok(written)
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u32, v: &DataRef, f: &Formats) -> Result<(), XlsxError> {
    let col = col as u16;
    match v {
        DataRef::Empty => {}
        DataRef::SharedString(s) => text(sheet, row, col, s, &f.plain, f)?,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            text(sheet, row, col, s, &f.plain, f)?
        }
        DataRef::Int(i) => number(sheet, row, col, *i as f64, f)?,
        DataRef::Float(x) => number(sheet, row, col, *x, f)?,
        DataRef::Bool(b) => {
            sheet.write_boolean_with_format(row, col, *b, &f.plain)?;
        }
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(t) => {
                sheet.write_datetime_with_format(row, col, t.date(), &f.date)?;
            }
            None => {
                sheet.write_number_with_format(row, col, d.as_f64(), &f.plain)?;
            }
        },
        DataRef::Error(err) => {
            sheet.write_string_with_format(row, col, err.to_string(), &f.plain)?;
        }
    }
    Ok(())
}

/// The most fields any of the first lines has, so a one-cell title line does not fix the width.
fn width(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').take(30).map(|l| l.iter().filter(|&&b| b == b',').count() + 1).max().unwrap_or(1)
}

/// Reads a CSV with polars (all String), then writes it row by row.
fn csv(input: &Path, out: &Path, opts: &Opts) -> Result<u32, String> {
    let e = |e: XlsxError| e.to_string();
    let p = |e: PolarsError| e.to_string();
    let bytes = std::fs::read(input).map_err(|e| e.to_string())?;
    let n = width(&bytes);
    let schema: Schema = (0..n).map(|i| Field::new(format!("c{i}").into(), DataType::String)).collect();
    let frame = CsvReadOptions::default()
        .with_has_header(false)
        .with_schema(Some(Arc::new(schema)))
        .with_parse_options(CsvParseOptions::default().with_truncate_ragged_lines(true).with_missing_is_null(true))
        .into_reader_with_file_handle(Cursor::new(bytes))
        .finish()
        .map_err(p)?;
    let columns: Vec<&StringChunked> = frame.columns().iter().map(|c| c.str()).collect::<Result<_, _>>().map_err(p)?;
    let mut iters: Vec<_> = columns.iter().map(|c| c.iter()).collect();

    let file = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let sheet_name = input.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let f = Formats::new(opts.plain);
    let mut workbook = new_workbook(out, &f, opts).map_err(e)?;
    let sheet = workbook.add_worksheet_with_constant_memory().map_err(e)?;
    sheet.set_name("筛选结果").map_err(e)?;

    let mut header_row: Option<u32> = None;
    let mut row_cells: Vec<Option<&str>> = Vec::with_capacity(n);
    let mut written = 0u32;
    for i in 0..frame.height() as u32 {
        row_cells.clear();
        row_cells.extend(iters.iter_mut().map(|it| it.next().flatten()));
        match header_row {
            None => {
                if row_cells.contains(&Some("姓名")) {
                    let names: Vec<String> = row_cells.iter().map(|c| c.unwrap_or("").to_string()).collect();
                    header(sheet, &names, &f).map_err(e)?;
                    header_row = Some(i);
                }
            }
            Some(h) => {
                let row = i - h;
                for (c, v) in row_cells.iter().enumerate() {
                    if let Some(s) = v.filter(|s| !s.is_empty()) {
                        text(sheet, row, c as u16, s, &f.plain, &f).map_err(e)?;
                    }
                }
                extras(sheet, row, n as u16, &file, &sheet_name, i + 1, &f).map_err(e)?;
                written += 1;
            }
        }
    }
    drop(iters);
    drop(frame);
    workbook.save(out).map_err(e)?;
    Ok(written)
}

fn main() -> ExitCode {
    const USAGE: &str = "usage: floor ROSTER.xlsx|ROSTER.csv -o OUT.xlsx [--plain] [--zip-level 1-9]";
    let mut args = std::env::args().skip(1);
    let (mut input, mut out) = (None, None);
    let mut opts = Opts { plain: false, zip_level: None };
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" => out = args.next().map(PathBuf::from),
            "--plain" => opts.plain = true,
            "--zip-level" => opts.zip_level = args.next().and_then(|l| l.parse().ok()),
            _ if input.is_none() && !a.starts_with('-') => input = Some(PathBuf::from(a)),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(input), Some(out)) = (input, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let is_csv = input.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let result = if is_csv { csv(&input, &out, &opts) } else { xlsx(&input, &out, &opts) };
    match result {
        Ok(rows) => {
            eprintln!("floor: {rows} rows in {:.2} s", start.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {}: {e}", input.display());
            ExitCode::FAILURE
        }
    }
}
