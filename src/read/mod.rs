//! Reading rosters: every supported format into rows of [`Cell`]s, sheet by sheet, with the row
//! numbers Excel shows, then the header located ([`header`]).
//!
//! Rows are handed to a [`Rows`] receiver as they are read ([`stream_file`]), so a million-row
//! sheet is never held whole; [`read_file`] collects them for callers that want the grid.

pub mod csv;
pub mod excel;
pub mod header;
mod markup;
mod repair;
pub mod sniff;
pub mod worker;

use chrono::NaiveDate;
use compact_str::CompactString;
use sniff::Kind;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// One cell as the file holds it. The original value is kept so it can be written back unchanged.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    Empty,
    Text(CompactString),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// An Excel error value such as `#N/A`.
    Error(CompactString),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a person reads it (numbers without a trailing `.0`). Text is
    /// borrowed: normalizing a million rows reads every cell without copying it.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) | Cell::Error(s) => Cow::Borrowed(s.as_str()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Cow::Owned(format!("{}", *n as i64)),
            Cell::Number(n) => Cow::Owned(format!("{n}")),
            Cell::Date(d) => Cow::Owned(crate::text::iso(*d)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "是" } else { "否" }),
        }
    }
}

/// One row of a sheet.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawRow {
    /// The row number Excel shows (1-based); for CSV, the record's line as a spreadsheet shows it.
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// A sheet (or a whole CSV file) as a grid. Merged cells are not filled here: see
/// [`crate::pipeline::merged`].
#[derive(Debug)]
pub struct RawSheet {
    pub sheet: String,
    pub rows: Vec<RawRow>,
    pub merged: Vec<Span>,
}

/// A merged range, `((first row, first col), (last row, last col))`, 1-based rows as Excel shows
/// them and 0-based columns. Excel keeps a merged range's value in its first cell only.
pub type Span = ((u32, u32), (u32, u32));

/// Receives a file's sheets as they are read: `sheet`, its rows in order, then `end`.
pub trait Rows {
    fn sheet(&mut self, name: &str);
    /// The sheet's merged ranges, from a reader that knows them before its rows (xls, ods), so a
    /// header block can be read with them. They are given again to `end`.
    fn merges_ahead(&mut self, _merged: &[Span]) {}
    fn row(&mut self, row: RawRow);
    /// Something kept the current sheet from being read whole; the rows handed over stand.
    fn problem(&mut self, problem: SheetProblem);
    /// The sheet is done. Its merged ranges come last: a streamed xlsx keeps them after its cells.
    fn end(&mut self, merged: Vec<Span>);
}

/// Why a sheet was not read whole. The file's other sheets are read all the same.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SheetProblem {
    /// A chart sheet, dialog sheet, macro sheet: it holds no table.
    NotWorksheet(String),
    /// Nothing of it could be read.
    Unreadable(String),
    /// It was read up to a point, or some of its cells could not be read (where and why).
    PartlyRead(String),
}

/// Collects every sheet whole.
#[derive(Default)]
struct Collect(Vec<RawSheet>);

impl Rows for Collect {
    fn sheet(&mut self, name: &str) {
        self.0.push(RawSheet { sheet: name.to_string(), rows: Vec::new(), merged: Vec::new() });
    }
    fn row(&mut self, row: RawRow) {
        if let Some(sheet) = self.0.last_mut() {
            sheet.rows.push(row);
        }
    }
    fn problem(&mut self, _: SheetProblem) {}
    fn end(&mut self, merged: Vec<Span>) {
        if let Some(sheet) = self.0.last_mut() {
            sheet.merged = merged;
        }
    }
}

/// Why a file could not be read. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}：文件不存在")]
    NotFound { path: PathBuf },
    #[error("{path}：无法读取（{source}）")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}：不支持的文件类型（支持 xlsx、xlsm、xls、ods、csv、txt）")]
    Unsupported { path: PathBuf },
    #[error("{path}：这是{what}，不是表格；如其中有名册，请在 Excel 或 WPS 中另存为 xlsx 后再筛选")]
    NotATable { path: PathBuf, what: &'static str },
    #[error("{path}：无法作为工作簿打开：文件内容实为{what}，其中也没有名册表头")]
    NotWhatItSays { path: PathBuf, what: &'static str },
    #[error("{path}：工作簿中没有可读的工作表（文件可能已损坏）")]
    NoSheets { path: PathBuf },
    #[error("{path}：文件是空的（0字节）")]
    Empty { path: PathBuf },
    #[error("{path}：无法作为工作簿打开：{detail}")]
    Workbook { path: PathBuf, detail: String },
    #[error("{path}：无法解析CSV（{detail}）")]
    Csv { path: PathBuf, detail: String },
    #[error("{path}：没有名为“{sheet}”的工作表（现有：{available}）")]
    NoSuchSheet { path: PathBuf, sheet: String, available: String },
    /// The reading library failed in a way that ends a process (panic, abort, runaway memory or
    /// time); the file is given up, the run goes on.
    #[error("{path}：无法读取，{detail}；该文件未筛选，其他文件照常筛选")]
    Crashed { path: PathBuf, detail: String },
    /// What a reading child process reported (the message names the file).
    #[error("{message}")]
    Reported { message: String },
}

/// The formats we read, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Workbook,
    Csv,
}

pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Format::Workbook),
        "csv" | "txt" | "tsv" => Some(Format::Csv),
        _ => None,
    }
}

/// Reads every sheet of `path` (or the ones named in `only`) into `rows`. On an error, what was
/// already handed over is the caller's to discard. A reading library that panics is this file's
/// error, not the run's.
pub fn stream_file(path: &Path, only: &[String], rows: &mut dyn Rows) -> Result<(), ReadError> {
    match std::fs::metadata(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::NotFound { path: path.to_path_buf() })
        }
        Err(source) => return Err(ReadError::Io { path: path.to_path_buf(), source: plain(source) }),
    }
    let kind = sniff::sniff(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    // Text under a name that is no table format's (`notes.docx`) is not taken for a roster.
    if kind == Kind::Text && format_of(path).is_none() {
        return Err(ReadError::Unsupported { path: path.to_path_buf() });
    }
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match kind {
        Kind::Xlsx | Kind::Xlsb | Kind::Cfb | Kind::Ods => excel::read(path, kind, only, rows),
        Kind::Text => csv::read(path, rows),
        Kind::Html => markup::read_html(path, rows),
        Kind::SpreadsheetMl => markup::read_spreadsheetml(path, only, rows),
        Kind::Other(what) => Err(ReadError::NotATable { path: path.to_path_buf(), what }),
        Kind::Empty => Err(ReadError::Empty { path: path.to_path_buf() }),
    }));
    read.unwrap_or_else(|panic| {
        let what =
            panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
        Err(ReadError::Crashed {
            path: path.to_path_buf(),
            detail: format!("读取库内部出错（{}）", what.unwrap_or_else(|| "原因不明".into())),
        })
    })
}

/// An operating-system error in words a person reads (the OS's own are English).
fn plain(e: std::io::Error) -> std::io::Error {
    let said = match e.kind() {
        std::io::ErrorKind::InvalidFilename => "路径超出操作系统允许的长度，请把文件移到路径较短的文件夹",
        std::io::ErrorKind::PermissionDenied => "没有读取权限",
        _ => return e,
    };
    std::io::Error::new(e.kind(), said)
}

/// Reads every sheet of `path` (or the ones named in `only`) whole.
pub fn read_file(path: &Path, only: &[String]) -> Result<Vec<RawSheet>, ReadError> {
    let mut sheets = Collect::default();
    stream_file(path, only, &mut sheets)?;
    Ok(sheets.0)
}

/// What a reading library (calamine, polars, quick-xml) says of a file it cannot read, in the
/// words a user can act on; a message of a form not known here is kept, marked as the library's.
pub fn library_detail(message: &str) -> String {
    let m = message.to_ascii_lowercase();
    let known: &[(&[&str], &str)] = &[
        (
            &["eocd", "invalid zip archive", "unexpected eof"],
            "文件不完整或不是有效的压缩包，可能在下载、复制或保存时中断；请重新导出",
        ),
        (&["password", "encrypt"], "文件已加密，请在 Excel 或 WPS 中去掉打开密码后另存"),
        (&["shared string"], "共享字符串表损坏"),
        (
            &["cfb", "ole", "invalid sector", "fat"],
            "旧版 xls 文件的内部结构损坏；请在 Excel 或 WPS 中打开后另存为 xlsx",
        ),
        (&["xml"], "文件内部的 XML 结构损坏；请在 Excel 或 WPS 中打开后另存"),
        // The workbook lists a sheet whose part is not in the zip (calamine: `Worksheet '…' not found`).
        (&["not found"], "工作簿中缺少这张工作表的内容，文件已损坏；请在 Excel 或 WPS 中打开后另存"),
        (&["utf-8", "utf8", "encoding"], "文字编码无法识别；请另存为 UTF-8 或 GBK 编码的 CSV"),
    ];
    match known.iter().find(|(words, _)| words.iter().any(|w| m.contains(w))) {
        Some((_, said)) => said.to_string(),
        None => format!("读取库的原话：{message}"),
    }
}

#[cfg(test)]
mod library_tests {
    use super::*;

    #[test]
    fn a_library_message_is_said_in_chinese() {
        assert!(library_detail("Zip error: invalid Zip archive: Could not find EOCD").contains("文件不完整"));
        assert!(library_detail("Workbook is password protected").contains("已加密"));
        assert!(library_detail("Worksheet '花名册' not found").contains("缺少这张工作表的内容"));
        assert!(library_detail("Cell string index not found in shared strings table").contains("共享字符串表损坏"));
        assert_eq!(library_detail("something else"), "读取库的原话：something else");
    }
}
