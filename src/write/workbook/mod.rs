//! The annotated workbook a bureau analyst opens in Excel or WPS.
//!
//! Sheets, in this order: [`results`] (筛选结果, every row; continued on 筛选结果(2) …), the
//! [`pathways`] lists (可申报工程师, 破格申报正高级工程师, 可申报技师 …, 待核实), [`summary`] (汇总),
//! [`issues`] (数据问题) and [`policy`] (政策依据). Every sheet but 汇总 is written in constant-memory
//! mode — rows in order, formats given with each cell — so a million-row roster costs a few
//! megabytes here; a list longer than a sheet continues on `name(2)` ….
//!
//! Reproducible: the same inputs and options give a byte-identical file. The document's creation
//! date is the evaluation date, every grouping is ordered (no hash-map order reaches the file), and
//! the command line records the program by its file name, not where it is installed.

mod cell;
mod issues;
mod list;
mod pathways;
mod policy;
mod results;
mod style;
mod summary;

use super::{atomically, WriteError};
use crate::pipeline::Run;
use crate::policy::Policy;
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};
use std::ffi::OsString;
use std::path::Path;

/// Excel's rows per sheet.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// Options that change the workbook.
#[derive(Debug, Clone)]
pub struct Options {
    /// Rows per sheet, header included; longer lists continue on `name(2)` ….
    pub max_rows: u32,
    /// The command that made the workbook, shown on 政策依据 (see [`command_line`]).
    pub command_line: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_rows: EXCEL_MAX_ROWS, command_line: String::new() }
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

pub fn write(path: &Path, run: &Run, policy: &Policy, options: Options) -> Result<(), WriteError> {
    let fail = |e: XlsxError| WriteError::Workbook { path: path.to_path_buf(), detail: e.to_string() };
    atomically(path, |tmp| {
        let mut workbook = Workbook::new();
        let created = run.config.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
        workbook.set_properties(&DocProperties::new().set_title("贯通筛选结果").set_creation_datetime(&created));
        if let Some(dir) = tmp.parent() {
            workbook.set_tempdir(dir).map_err(fail)?;
        }
        let f = style::Formats::new();
        let lists = pathways::lists(run);
        results::write(&mut workbook, run, &f, options.max_rows).map_err(fail)?;
        pathways::write(&mut workbook, run, &lists, &f, options.max_rows).map_err(fail)?;
        summary::write(&mut workbook, run, &lists, &f).map_err(fail)?;
        issues::write(&mut workbook, run, &f, options.max_rows).map_err(fail)?;
        policy::write(&mut workbook, run, policy, &options.command_line, &f).map_err(fail)?;
        workbook.save(tmp).map_err(fail)
    })
}

/// A new sheet, streamed (constant-memory mode).
fn new_sheet<'a>(workbook: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    Ok(sheet)
}

/// A list cut into sheets of at most `max_rows - 1` rows (the header takes one). Always at least one
/// page, so an empty list still shows its header.
fn pages<T>(rows: &[T], max_rows: u32) -> Vec<&[T]> {
    let per_sheet = max_rows.clamp(2, EXCEL_MAX_ROWS) as usize - 1;
    if rows.is_empty() {
        vec![rows]
    } else {
        rows.chunks(per_sheet).collect()
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
    fn pages_cut_a_list_and_keep_an_empty_one() {
        let rows: Vec<u32> = (0..59).collect();
        assert_eq!(pages(&rows, 21).iter().map(|p| p.len()).collect::<Vec<_>>(), [20, 20, 19]);
        assert_eq!(pages::<u32>(&[], 21).len(), 1);
        assert_eq!([0, 1, 2].map(|p| page_name("数据问题", p)), ["数据问题", "数据问题(2)", "数据问题(3)"]);
    }
}
