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
    #[error("{path}：工作簿中没有可读的工作表（文件可能已损坏）")]
    NoSheets { path: PathBuf },
    #[error("{path}：文件是空的（0字节）")]
    Empty { path: PathBuf },
    /// A reading library could not open the file; what it said is the source.
    #[error("{path}：无法作为工作簿打开：{source}")]
    Workbook {
        path: PathBuf,
        #[source]
        source: Library,
    },
    /// What our own reading of the file's structure found before a library read it (a sector
    /// chain of an `.xls` that loops).
    #[error("{path}：无法作为工作簿打开：{why}")]
    Structure { path: PathBuf, why: String },
    #[error("{path}：无法解析CSV（{source}）")]
    Csv {
        path: PathBuf,
        #[source]
        source: Library,
    },
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
    match io_words(&e) {
        Some(said) => std::io::Error::new(e.kind(), said),
        None => e,
    }
}

/// What a reader can say of an operating-system error in words of its own.
fn io_words(e: &std::io::Error) -> Option<&'static str> {
    match e.kind() {
        std::io::ErrorKind::InvalidFilename => Some("路径超出操作系统允许的长度，请把文件移到路径较短的文件夹"),
        std::io::ErrorKind::PermissionDenied => Some("没有读取权限"),
        _ => None,
    }
}

/// Reads every sheet of `path` (or the ones named in `only`) whole.
pub fn read_file(path: &Path, only: &[String]) -> Result<Vec<RawSheet>, ReadError> {
    let mut sheets = Collect::default();
    stream_file(path, only, &mut sheets)?;
    Ok(sheets.0)
}

/// What a reading library (calamine, quick-xml, polars) reported, kept as its own typed error:
/// what a person reads is chosen by the error's kind, never by matching the library's English,
/// and the library's error stays this one's source for whoever looks into a file. An error that
/// carries nothing but a message is quoted, marked as the library's own words.
#[derive(Debug, thiserror::Error)]
pub enum Library {
    /// What calamine's reader of any format says (`Sheets`).
    #[error("{}", calamine(.0))]
    Calamine(#[from] calamine::Error),
    #[error("{}", xlsx(.0))]
    Xlsx(#[from] calamine::XlsxError),
    #[error("{}", xls(.0))]
    Xls(#[from] calamine::XlsError),
    #[error("{}", xlsb(.0))]
    Xlsb(#[from] calamine::XlsbError),
    #[error("{}", ods(.0))]
    Ods(#[from] calamine::OdsError),
    #[error("{}", xml(.0))]
    Xml(#[from] quick_xml::Error),
    #[error("{}", polars(.0))]
    Polars(#[from] polars::prelude::PolarsError),
}

const TRUNCATED: &str = "文件不完整或不是有效的压缩包，可能在下载、复制或保存时中断；请重新导出";
const ENCRYPTED: &str = "文件已加密，请在 Excel 或 WPS 中去掉打开密码后另存";
const BROKEN_XML: &str = "文件内部的 XML 结构损坏；请在 Excel 或 WPS 中打开后另存";
const MISSING_SHEET: &str = "工作簿中缺少这张工作表的内容，文件已损坏；请在 Excel 或 WPS 中打开后另存";
const OLD_XLS: &str = "旧版 xls 文件的内部结构损坏；请在 Excel 或 WPS 中打开后另存为 xlsx";
const BROKEN_CELLS: &str = "单元格的值或位置不合 xlsx 的格式，文件已损坏；请在 Excel 或 WPS 中打开后另存";
/// calamine's words for a cell naming a shared string the table does not have: its error of
/// that kind (`XlsxError::Unexpected`) carries nothing else to tell it by.
const NO_SUCH_SHARED_STRING: &str = "Cell string index not found in shared strings table";

/// The library's own words, for an error whose kind says nothing a person could act on.
fn the_library(e: &dyn std::fmt::Display) -> Cow<'static, str> {
    format!("读取库的原话：{e}").into()
}

fn missing_part(part: &str) -> Cow<'static, str> {
    format!("工作簿中缺少其内部文件 {part}，文件已损坏；请在 Excel 或 WPS 中打开后另存").into()
}

fn io(e: &std::io::Error) -> Cow<'static, str> {
    match (e.kind(), io_words(e)) {
        (std::io::ErrorKind::UnexpectedEof, _) => TRUNCATED.into(),
        (_, Some(said)) => said.into(),
        _ => format!("读取文件时出错（{e}）").into(),
    }
}

fn zip(e: &zip::result::ZipError) -> Cow<'static, str> {
    use zip::result::ZipError as E;
    match e {
        E::Io(e) => io(e),
        E::InvalidArchive(_) => TRUNCATED.into(),
        E::InvalidPassword => ENCRYPTED.into(),
        E::UnsupportedArchive(m) if *m == E::PASSWORD_REQUIRED => ENCRYPTED.into(),
        E::UnsupportedArchive(_) | E::CompressionMethodNotSupported(_) => {
            "文件的压缩方式不受支持；请在 Excel 或 WPS 中打开后另存为 xlsx".into()
        }
        E::FileNotFound => "文件中缺少必需的部分，文件已损坏；请在 Excel 或 WPS 中打开后另存".into(),
        _ => the_library(e),
    }
}

fn calamine(e: &calamine::Error) -> Cow<'static, str> {
    match e {
        calamine::Error::Io(e) => io(e),
        calamine::Error::Xlsx(e) => xlsx(e),
        calamine::Error::Xls(e) => xls(e),
        calamine::Error::Xlsb(e) => xlsb(e),
        calamine::Error::Ods(e) => ods(e),
        _ => the_library(e),
    }
}

fn xlsx(e: &calamine::XlsxError) -> Cow<'static, str> {
    use calamine::XlsxError as E;
    match e {
        E::Io(e) => io(e),
        E::Zip(e) => zip(e),
        E::Xml(_) | E::XmlAttr(_) | E::XmlEof(_) | E::UnexpectedNode(_) | E::Encoding(_) | E::RelationshipNotFound => {
            BROKEN_XML.into()
        }
        E::Parse(_)
        | E::ParseFloat(_)
        | E::ParseInt(_)
        | E::Alphanumeric(_)
        | E::NumericColumn(_)
        | E::RangeWithoutColumnComponent
        | E::RangeWithoutRowComponent
        | E::ColumnNumberOverflow
        | E::RowNumberOverflow
        | E::DimensionCount(_)
        | E::CellTAttribute(_)
        | E::Unrecognized { .. }
        | E::CellError(_) => BROKEN_CELLS.into(),
        E::Unexpected(NO_SUCH_SHARED_STRING) => "共享字符串表损坏".into(),
        E::Password => ENCRYPTED.into(),
        E::WorksheetNotFound(_) => MISSING_SHEET.into(),
        E::FileNotFound(part) => missing_part(part),
        _ => the_library(e),
    }
}

fn xls(e: &calamine::XlsError) -> Cow<'static, str> {
    use calamine::XlsError as E;
    match e {
        E::Io(e) => io(e),
        E::Password => ENCRYPTED.into(),
        E::WorksheetNotFound(_) => MISSING_SHEET.into(),
        E::Cfb(_)
        | E::StackLen
        | E::Unrecognized { .. }
        | E::Len { .. }
        | E::ContinueRecordTooShort
        | E::EoStream(_)
        | E::InvalidFormula { .. }
        | E::IfTab(_)
        | E::Etpg(_)
        | E::InvalidFormat { .. } => OLD_XLS.into(),
        _ => the_library(e),
    }
}

fn xlsb(e: &calamine::XlsbError) -> Cow<'static, str> {
    use calamine::XlsbError as E;
    match e {
        E::Io(e) => io(e),
        E::Zip(e) => zip(e),
        E::Xml(_) | E::XmlAttr(_) | E::Encoding(_) => BROKEN_XML.into(),
        E::Password => ENCRYPTED.into(),
        E::WorksheetNotFound(_) => MISSING_SHEET.into(),
        E::FileNotFound(part) => missing_part(part),
        E::Mismatch { .. }
        | E::StackLen
        | E::UnsupportedType(_)
        | E::Etpg(_)
        | E::IfTab(_)
        | E::BErr(_)
        | E::Ptg(_)
        | E::CellError(_)
        | E::WideStr { .. }
        | E::Unrecognized { .. } => "xlsb 工作簿的内部记录损坏；请在 Excel 或 WPS 中打开后另存为 xlsx".into(),
        _ => the_library(e),
    }
}

fn ods(e: &calamine::OdsError) -> Cow<'static, str> {
    use calamine::OdsError as E;
    match e {
        E::Io(e) => io(e),
        E::Zip(e) => zip(e),
        E::Xml(_) | E::XmlAttr(_) | E::AttrError(_) | E::EncodingError(_) => BROKEN_XML.into(),
        E::Parse(_) | E::ParseInt(_) | E::ParseFloat(_) | E::ParseBool(_) | E::Mismatch { .. } | E::Eof(_) => {
            "ods 表格的内容不合格式；请在 WPS 或 LibreOffice 中打开后另存为 xlsx".into()
        }
        E::InvalidMime(_) => "文件标明的类型不是 OpenDocument 表格；请在 WPS 或 LibreOffice 中打开后另存为 xlsx".into(),
        E::FileNotFound(part) => missing_part(part),
        E::Password => ENCRYPTED.into(),
        E::WorksheetNotFound(_) => MISSING_SHEET.into(),
        E::CellLimitExceeded { requested, max } => {
            format!("表格的单元格数（{requested}）超过读取上限（{max}）；请把名册拆成几个文件").into()
        }
    }
}

fn xml(e: &quick_xml::Error) -> Cow<'static, str> {
    match e {
        quick_xml::Error::Io(e) => io(e),
        quick_xml::Error::Encoding(_) => "文字编码无法识别；请另存为 UTF-8 编码".into(),
        _ => "文件的标记结构损坏，无法读出表格；请在 Excel 或 WPS 中打开后另存为 xlsx".into(),
    }
}

fn polars(e: &polars::prelude::PolarsError) -> Cow<'static, str> {
    use polars::prelude::PolarsError as E;
    match e {
        E::IO { error, .. } => io(error),
        E::Context { error, .. } => polars(error),
        _ => the_library(e),
    }
}

#[cfg(test)]
mod library_tests {
    use super::*;
    use calamine::{XlsError, XlsxError};
    use std::error::Error;

    #[test]
    fn a_library_error_is_said_in_chinese_by_its_kind() {
        let said = |e: Library| e.to_string();
        let zip = zip::result::ZipError::InvalidArchive("Could not find EOCD".into());
        assert!(said(XlsxError::Zip(zip).into()).contains("文件不完整"));
        assert!(said(XlsxError::Password.into()).contains("已加密"));
        assert!(said(XlsError::Password.into()).contains("已加密"));
        assert!(said(XlsxError::WorksheetNotFound("花名册".into()).into()).contains("缺少这张工作表的内容"));
        assert!(said(XlsxError::Unexpected(NO_SUCH_SHARED_STRING).into()).contains("共享字符串表损坏"));
        assert!(
            said(XlsxError::FileNotFound("xl/workbook.xml".into()).into()).contains("缺少其内部文件 xl/workbook.xml")
        );
        assert!(said(XlsError::StackLen.into()).contains("旧版 xls 文件的内部结构损坏"));
        let io = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "failed to fill whole buffer");
        assert!(said(XlsError::Io(io).into()).contains("文件不完整"));
        // A message is never read for its words: "fatal" is no FAT, whatever it says.
        assert_eq!(said(XlsxError::Unexpected("fatal: something else").into()), "读取库的原话：fatal: something else");
    }

    /// The library's own error is kept as the source, under the file's.
    #[test]
    fn the_library_error_is_the_source() {
        let e = ReadError::Workbook { path: "名册.xlsx".into(), source: XlsxError::Password.into() };
        assert_eq!(e.to_string(), "名册.xlsx：无法作为工作簿打开：文件已加密，请在 Excel 或 WPS 中去掉打开密码后另存");
        let library = e.source().expect("the library's error");
        assert_eq!(library.source().expect("calamine's").to_string(), XlsxError::Password.to_string());
    }
}
