//! The annotated workbook a bureau analyst opens in Excel or WPS.
//!
//! Sheets, in this order: [`results`] (筛选结果, every row; continued on 筛选结果(2) …), the
//! [`pathways`] lists (可申报工程师, 破格申报正高级工程师, 可申报技师 …, 待核实), [`summary`] (汇总),
//! [`issues`] (数据问题) and [`policy`] (政策依据). Every sheet but 汇总 is written in constant-memory
//! mode — rows in order, formats given with each cell — so a million-row roster costs a few
//! megabytes here; a list longer than a sheet continues on `name(2)` ….
//!
//! The rows arrive in batches ([`crate::pipeline::Run::screen`]) and are written by two writers on
//! two threads: [`Results`] (筛选结果) and [`Lists`] (the pathway lists, 待核实, 数据问题 and the
//! counts of 汇总). Each makes its sheets as it needs them; [`Book::finish`] puts them in order,
//! adds 汇总 and 政策依据, and saves.
//!
//! Reproducible: the same inputs and options give a byte-identical file. The document's creation
//! date is the evaluation date, every grouping is ordered (no hash-map order reaches the file), and
//! the command line records the program by its file name, not where it is installed.

mod cell;
mod check;
mod compare;
mod index;
mod issues;
mod list;
mod pathways;
mod policy;
pub(super) mod print;
mod results;
pub(super) mod style;
mod summary;
mod upcoming;

pub use check::Check;
pub use compare::{side, Comparison, Counts as CompareCounts};
pub use index::{Entry as SplitEntry, Index as SplitIndex};
pub use pathways::Lists;
pub use results::Results;

use super::{Staged, WriteError};
use crate::pipeline::Run;
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Excel's rows per sheet.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// Options that change the workbook.
#[derive(Debug, Clone)]
pub struct Options {
    /// Rows per sheet, header included; longer lists continue on `name(2)` ….
    pub max_rows: u32,
    /// The command that made the workbook, shown on 政策依据 (see [`command_line`]).
    pub command_line: String,
    /// The zip's deflate level, 1–9.
    pub zip_level: u8,
}

/// The zip level unless told otherwise. Saving is the zip compression of every sheet on one
/// thread, the largest single cost of a large run: on a 200,000-row roster level 2 saved in 1.8 s
/// against level 6's 3.9 s, for a file a third larger (82 MB against 61 MB). See BENCHMARKS.md.
pub const DEFAULT_ZIP_LEVEL: u8 = 2;

impl Default for Options {
    fn default() -> Self {
        Options { max_rows: EXCEL_MAX_ROWS, command_line: String::new(), zip_level: DEFAULT_ZIP_LEVEL }
    }
}

/// The command line as a shell would take it back: the program by its file name (so the record
/// does not depend on where it is installed), each argument quoted when it needs to be. An argument
/// that is not valid Unicode is shown with replacement characters rather than refused.
pub fn command_line(args: impl IntoIterator<Item = OsString>) -> String {
    let mut args = args.into_iter();
    let program = args.next().map(|p| {
        let path = Path::new(&p);
        path.file_stem().unwrap_or(path.as_os_str()).to_string_lossy().into_owned()
    });
    program.into_iter().chain(args.map(|a| quote(&a.to_string_lossy()))).collect::<Vec<_>>().join(" ")
}

/// POSIX shell quoting, only where needed.
fn quote(arg: &str) -> String {
    let plain = |c: char| !c.is_ascii() || c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The workbook being written.
pub struct Book<'a> {
    run: &'a Run,
    options: Options,
    staged: Staged,
    sheets: Arc<Sheets>,
    /// 拆分结果, when the run is split (`--split-by`).
    index: Option<index::Index>,
}

/// Makes streamed sheets for the writers, whichever thread they are on.
pub struct Sheets {
    workbook: Mutex<Workbook>,
    path: PathBuf,
}

impl Sheets {
    /// A new sheet in constant-memory mode, not yet placed in the workbook.
    fn new_sheet(&self, name: &str) -> Result<Worksheet, XlsxError> {
        let mut workbook = self.workbook.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut sheet = workbook.new_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        Ok(sheet)
    }

    /// The error of this workbook, naming its file.
    fn fail(&self, e: XlsxError) -> WriteError {
        WriteError::workbook(&self.path, &e)
    }
}

impl<'a> Book<'a> {
    pub fn new(path: &Path, run: &'a Run, options: Options) -> Result<Book<'a>, WriteError> {
        let staged = Staged::new(path);
        let mut workbook = Workbook::new();
        let created = run.config.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
        // The mark tells a later run that this is a result, not a roster (read::sniff::is_own_output).
        let properties = DocProperties::new()
            .set_title("贯通筛选结果")
            .set_creation_datetime(&created)
            .set_custom_property(crate::read::sniff::OWN_MARK, env!("CARGO_PKG_VERSION"));
        workbook.set_properties(&properties);
        workbook.set_zip_compression_level(options.zip_level);
        workbook
            .set_default_format(&style::default_format(), style::DEFAULT_ROW_PIXELS, style::DEFAULT_COLUMN_PIXELS)
            .map_err(|e| WriteError::workbook(path, &e))?;
        if let Some(dir) = staged.path().parent() {
            workbook.set_tempdir(dir).map_err(|e| WriteError::workbook(path, &e))?;
        }
        // Sheets written on two threads would number the formats in the order they happen to be
        // first used; numbered here, the styles are the same on every run (byte-identical files).
        // `register_format` is rust_xlsxwriter's hook for exactly this (multi-threaded constant-memory
        // writing), hidden from its docs but public.
        for format in style::Formats::new().all() {
            workbook.register_format(format);
        }
        let sheets = Arc::new(Sheets { workbook: Mutex::new(workbook), path: path.to_path_buf() });
        Ok(Book { run, options, staged, sheets, index: None })
    }

    /// The two writers, each to be fed every batch (on threads of their own, if wanted).
    pub fn writers(&self) -> (Results<'a>, Lists<'a>) {
        (
            Results::new(self.run, Arc::clone(&self.sheets), self.options.max_rows),
            Lists::new(self.run, Arc::clone(&self.sheets), self.options.max_rows),
        )
    }

    /// Adds 拆分结果, the list of the workbooks a split run wrote (after 汇总).
    pub fn set_index(&mut self, index: index::Index) {
        self.index = Some(index);
    }

    /// Puts the writers' sheets in order, adds 汇总 and 政策依据, and saves the workbook in place.
    pub fn finish(self, results: Results, lists: Lists) -> Result<(), WriteError> {
        self.save(results, lists)?.commit()
    }

    /// As [`Book::finish`], but the saved workbook waits beside its target until
    /// [`Saved::commit`], and can be saved again with a corrected 拆分结果 meanwhile.
    pub fn save(self, results: Results, lists: Lists) -> Result<Saved, WriteError> {
        let Book { run, options, staged, sheets, index } = self;
        let fail = |e| sheets.fail(e);
        let results = results.finish().map_err(fail)?;
        let lists = lists.finish().map_err(fail)?;
        let mut workbook =
            std::mem::take(&mut *sheets.workbook.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let f = style::Formats::new();
        for sheet in results.into_iter().chain(lists.lists.into_values().flatten()).chain(lists.upcoming) {
            workbook.push_worksheet(sheet);
        }
        summary::write(&mut workbook, run, &lists.counts, &f).map_err(fail)?;
        if let Some(index) = &index {
            index::write(&mut workbook, run, index, &f).map_err(fail)?;
        }
        for sheet in lists.issues {
            workbook.push_worksheet(sheet);
        }
        policy::write(&mut workbook, run, None, &options.command_line, &f).map_err(fail)?;
        workbook.save(staged.path()).map_err(fail)?;
        Ok(Saved { workbook, staged })
    }
}

/// A workbook saved beside its target, not yet in place.
pub struct Saved {
    workbook: Workbook,
    staged: Staged,
}

impl Saved {
    /// Writes 拆分结果 again with `index` (the same entries, now with the results of writing
    /// them) and saves the whole workbook again. rust_xlsxwriter saves a workbook any number of
    /// times, its streamed sheets included (it rewinds their temporary files).
    pub fn amend_index(&mut self, index: &index::Index) -> Result<(), WriteError> {
        let fail = |e: XlsxError| WriteError::workbook(self.staged.target(), &e);
        index::rewrite(&mut self.workbook, index, &style::Formats::new()).map_err(fail)?;
        self.workbook.save(self.staged.path()).map_err(fail)
    }

    /// Moves the saved workbook into place.
    pub fn commit(self) -> Result<(), WriteError> {
        self.staged.commit()
    }
}

/// A new sheet, streamed (constant-memory mode), placed after the others.
fn new_sheet<'a>(workbook: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    Ok(sheet)
}

/// A list that continues on `name(2)` … past the row limit: hands out the sheet and row of each
/// line, starting pages as they are needed.
struct Paged {
    sheets: Arc<Sheets>,
    name: String,
    /// Rows above the first line: a title block, if any, and the header (the last of them).
    top: u32,
    /// Lines per page.
    per_page: u32,
    pages: Vec<Worksheet>,
    /// Lines on the last page.
    lines: u32,
}

impl Paged {
    /// Pages of at most `max_rows` rows, of which the first `top` are the page's own (at least
    /// the header).
    fn new(sheets: Arc<Sheets>, name: &str, max_rows: u32, top: u32) -> Paged {
        let top = top.max(1);
        let per_page = max_rows.clamp(top + 1, EXCEL_MAX_ROWS) - top;
        Paged { sheets, name: name.to_string(), top, per_page, pages: Vec::new(), lines: 0 }
    }

    /// The header's row; lines start below it.
    fn header_row(&self) -> u32 {
        self.top - 1
    }

    fn start_page(&mut self, start: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError>) -> Result<(), XlsxError> {
        let mut sheet = self.sheets.new_sheet(&page_name(&self.name, self.pages.len()))?;
        start(&mut sheet)?;
        self.pages.push(sheet);
        self.lines = 0;
        Ok(())
    }

    /// The sheet and row of the next line; `start` writes the header of a page it begins.
    fn line(
        &mut self,
        start: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError>,
    ) -> Result<(&mut Worksheet, u32), XlsxError> {
        if self.pages.is_empty() || self.lines >= self.per_page {
            self.start_page(start)?;
        }
        self.lines += 1;
        let sheet = self.pages.last_mut().ok_or(XlsxError::RowColumnLimitError)?;
        Ok((sheet, self.top - 1 + self.lines))
    }

    /// Every page — at least one, so an empty list still shows its header — after `end` has run on
    /// each with its page number and line count.
    fn finish(
        mut self,
        start: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError>,
        mut end: impl FnMut(&mut Worksheet, usize, u32) -> Result<(), XlsxError>,
    ) -> Result<Vec<Worksheet>, XlsxError> {
        if self.pages.is_empty() {
            self.start_page(start)?;
        }
        let last = self.pages.len() - 1;
        for (page, sheet) in self.pages.iter_mut().enumerate() {
            end(sheet, page, if page == last { self.lines } else { self.per_page })?;
        }
        Ok(self.pages)
    }
}

/// `name` for the first page, `name(2)`, `name(3)` … after it.
fn page_name(name: &str, page: usize) -> String {
    if page == 0 {
        name.to_string()
    } else {
        format!("{name}({})", page + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_names_the_program_and_quotes_only_what_needs_it() {
        let args = ["/opt/bin/guantong", "screen", "二厂 名册.xlsx", "--map", "从业工种=occupation", "it's", ""];
        assert_eq!(
            command_line(args.map(OsString::from)),
            r"guantong screen '二厂 名册.xlsx' --map 从业工种=occupation 'it'\''s' ''"
        );
    }

    #[test]
    fn pages_continue_under_numbered_names_and_an_empty_list_keeps_its_header() {
        let sheets = Arc::new(Sheets { workbook: Mutex::new(Workbook::new()), path: PathBuf::from("t.xlsx") });
        let mut paged = Paged::new(Arc::clone(&sheets), "数据问题", 21, 1);
        let mut rows = Vec::new();
        for _ in 0..59 {
            let (_, row) = paged.line(|s| s.write_string(0, 0, "h").map(|_| ())).unwrap();
            rows.push(row);
        }
        assert_eq!((rows[0], rows[19], rows[20], rows[58]), (1, 20, 1, 19));
        let mut ends = Vec::new();
        let pages = paged
            .finish(
                |_| Ok(()),
                |_, page, lines| {
                    ends.push((page, lines));
                    Ok(())
                },
            )
            .unwrap();
        assert_eq!(pages.iter().map(|p| p.name()).collect::<Vec<_>>(), ["数据问题", "数据问题(2)", "数据问题(3)"]);
        assert_eq!(ends, [(0, 20), (1, 20), (2, 19)]);
        let empty = Paged::new(Arc::clone(&sheets), "待核实", 21, 1).finish(|_| Ok(()), |_, _, _| Ok(())).unwrap();
        assert_eq!(empty.len(), 1);
        // Below a title block of three rows, lines start on the fourth and a page holds 18.
        let mut titled = Paged::new(sheets, "可申报工程师", 21, 3);
        let rows: Vec<u32> = (0..20).map(|_| titled.line(|_| Ok(())).unwrap().1).collect();
        assert_eq!((rows[0], rows[17], rows[18]), (3, 20, 3));
    }
}
