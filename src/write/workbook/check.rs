//! The workbook of `guantong check`: what an enterprise opens to fix its roster before handing it in.
//!
//! Sheets, in this order:
//! 1. **检查结果** — per file and sheet: rows read, data issues by severity, what was set aside,
//!    what could not be read; how to use the workbook. Written last (normal mode: a few lines).
//! 2. **数据问题** — exactly as `screen` writes it ([`Issues`]).
//! 3. **the rosters** — one sheet per source sheet, named after it: its header and every data row
//!    at its own row number (第12行 in 数据问题 is row 12 here), the cells as read, each problem
//!    cell filled by severity and carrying a note with its problems and what to do.
//!
//! Every large sheet is streamed (constant-memory mode): a source's rows arrive in order, and each
//! batch's 数据问题 lines are written on a thread of their own beside its roster rows. Notes are
//! kept in memory by rust_xlsxwriter until the workbook is saved (in a map of their own, which
//! constant-memory mode leaves alone, so they work on streamed sheets), so a run writes at most
//! [`MOST_NOTES`]; highlights go on.

use super::cell::col;
use super::issues::Issues;
use super::print::{self, Heights};
use super::style::{self, clip, width, Formats};
use super::{Sheets, EXCEL_MAX_ROWS};
use crate::check::Tally;
use crate::model::Status;
use crate::normalize::{id_number, Issue, Severity};
use crate::pipeline::{FileOutcome, Normalized, Run, SheetOutcome, Source};
use crate::read::header::{column_letters, Key, Layout};
use crate::read::Cell;
use crate::write::{Staged, WriteError};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, Note, Url, Workbook, Worksheet, XlsxError};
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Notes a run writes at most. rust_xlsxwriter keeps each note (its text, its own format and its
/// shape) until the workbook is saved, and copies them twice while saving: measured, a run's peak
/// grows by about 14 KB a note (20,000 notes: +280 MB) and its time by about 35 µs. Past the cap,
/// problem cells are still filled, and 检查结果 says so.
pub const MOST_NOTES: usize = 10_000;

/// Roster sheets a workbook holds at most: each streamed sheet keeps a temporary file open until
/// the workbook is saved, and a folder of a thousand rosters would pass the open files a process
/// may have (1,024 on many Linux systems). The others are still checked, in 数据问题 and 检查结果.
pub const MOST_ROSTERS: usize = 200;

/// Excel's widest sheet.
const EXCEL_COLUMNS: usize = 16_384;

/// The pale fill of 提示 (Excel's 蓝色，个性色1，淡色80%): a note, not a warning.
const NOTE_FILL: u32 = 0xDDEBF7;

/// Original columns are as wide as their longest text, within these bounds.
const WIDTHS: (f64, f64) = (6.0, 40.0);

/// The fill of a severity, as RGB: 错误 as 不符合, 待核实 as 待核实, 提示 pale.
fn fill(severity: Severity) -> u32 {
    match severity {
        Severity::Error => style::fill(Status::NotEligible),
        Severity::Review => style::fill(Status::NeedsReview),
        Severity::Note => None,
    }
    .unwrap_or(NOTE_FILL)
}

/// The formats of a problem cell: plain or date, in each severity's fill.
struct Marks {
    plain: [Format; 3],
    date: [Format; 3],
}

impl Marks {
    fn new(f: &Formats) -> Marks {
        let on = |base: &Format| Severity::ALL.map(|s| base.clone().set_background_color(Color::RGB(fill(s))));
        Marks { plain: on(&f.plain), date: on(&f.date) }
    }

    fn all(&self) -> impl Iterator<Item = &Format> {
        self.plain.iter().chain(&self.date)
    }
}

/// The workbook of one check, fed the normalized rows batch by batch.
pub struct Check<'a> {
    run: &'a Run,
    staged: Staged,
    sheets: Arc<Sheets>,
    f: Formats,
    issues: Issues,
    copies: Copies,
}

/// The roster sheets: each source's rows copied, problem cells filled and noted.
struct Copies {
    marks: Marks,
    /// Per source: the name of its roster sheet, if it has one.
    names: Vec<Option<String>>,
    /// Per source: its roster sheet, once its first row (or the end) has come.
    rosters: Vec<Option<Roster>>,
    notes: usize,
    /// Problem cells past [`MOST_NOTES`], filled without a note.
    unnoted: usize,
    /// Rows with a cell of several lines get a height, within the budget a writer has.
    heights: Heights,
}

/// One roster sheet being written.
struct Roster {
    sheet: Worksheet,
    /// The columns written: the source's, up to Excel's width.
    columns: usize,
    /// Each column's width so far.
    widths: Vec<f64>,
    /// Rows past Excel's last row (a long CSV), left out of this sheet.
    beyond: usize,
}

impl<'a> Check<'a> {
    pub fn new(path: &Path, run: &'a Run) -> Result<Check<'a>, WriteError> {
        let staged = Staged::new(path);
        let fail = |e: XlsxError| WriteError::workbook(path, &e);
        let mut workbook = Workbook::new();
        let created = run.config.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
        // The mark tells a later run that this is a result, not a roster: its roster sheets have
        // the roster's header, and must never be read as one (read::sniff::is_own_output).
        let properties = DocProperties::new()
            .set_title("贯通检查结果")
            .set_creation_datetime(&created)
            .set_custom_property(crate::read::sniff::OWN_MARK, env!("CARGO_PKG_VERSION"));
        workbook.set_properties(&properties);
        workbook.set_zip_compression_level(super::DEFAULT_ZIP_LEVEL);
        workbook
            .set_default_format(&style::default_format(), style::DEFAULT_ROW_PIXELS, style::DEFAULT_COLUMN_PIXELS)
            .map_err(fail)?;
        if let Some(dir) = staged.path().parent() {
            workbook.set_tempdir(dir).map_err(fail)?;
        }
        let f = Formats::new();
        let marks = Marks::new(&f);
        // Numbered before any sheet is written, as `Book` does: the same styles on every run.
        for format in f.all().into_iter().chain(marks.all()) {
            workbook.register_format(format);
        }
        let sheets = Arc::new(Sheets { workbook: Mutex::new(workbook), path: path.to_path_buf() });
        let issues =
            Issues::new(Arc::clone(&sheets), EXCEL_MAX_ROWS, Heights::for_rows(run.rows_to_screen())).without_results();
        let copies = Copies {
            marks,
            names: roster_names(&run.sources),
            rosters: run.sources.iter().map(|_| None).collect(),
            notes: 0,
            unnoted: 0,
            heights: Heights::for_rows(run.rows_to_screen()),
        };
        Ok(Check { run, staged, sheets, f, issues, copies })
    }

    /// Writes a batch of rows: their issues to 数据问题, their cells to their roster sheets.
    pub fn take(&mut self, batch: &[Normalized]) -> Result<(), WriteError> {
        self.write(batch).map_err(|e| self.sheets.fail(e))
    }

    fn write(&mut self, batch: &[Normalized]) -> Result<(), XlsxError> {
        let Check { run, sheets, f, issues, copies, .. } = self;
        let (run, f, sheets) = (*run, &*f, &**sheets);
        // 数据问题 on a thread of its own while the rows go on their roster sheets (the larger part).
        std::thread::scope(|scope| {
            let listed = scope.spawn(|| batch.iter().try_for_each(|r| issues.take(run, r.source, r.row, &r.person, f)));
            let copied = batch.iter().try_for_each(|r| copies.row(sheets, run, r, f));
            let listed = listed.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            copied.and(listed)
        })
    }

    /// Finishes every sheet, adds 检查结果 before them, and saves the workbook in place.
    pub fn finish(self, tally: &Tally) -> Result<(), WriteError> {
        let Check { run, staged, sheets, f, issues, copies } = self;
        let Copies { names, rosters, notes, unnoted, .. } = copies;
        let fail = |e| sheets.fail(e);
        let issues = issues.finish(run, &f).map_err(fail)?;
        let mut written = Vec::new();
        let mut beyond = Vec::new();
        for (at, roster) in rosters.into_iter().enumerate() {
            let (Some(name), Some(layout)) = (&names[at], run.sources[at].layout.as_ref()) else { continue };
            // A roster with a header and no data rows still shows its header.
            let roster = match roster {
                Some(roster) => roster,
                None => Roster::new(&sheets, run, &run.sources[at], layout, name, &f).map_err(fail)?,
            };
            if roster.beyond > 0 {
                beyond.push((at, roster.beyond));
            }
            written.push(roster.finish().map_err(fail)?);
        }
        let mut workbook =
            std::mem::take(&mut *sheets.workbook.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let said = Said { notes, unnoted, beyond };
        summary(workbook.add_worksheet(), run, tally, &names, &said, &f).map_err(fail)?;
        for sheet in issues.into_iter().chain(written) {
            workbook.push_worksheet(sheet);
        }
        workbook.save(staged.path()).map_err(fail)?;
        staged.commit()
    }
}

impl Copies {
    /// One row on its roster sheet, at its own row number.
    fn row(&mut self, sheets: &Sheets, run: &Run, r: &Normalized, f: &Formats) -> Result<(), XlsxError> {
        let source = &run.sources[r.source];
        let Some(layout) = source.layout.as_ref() else { return Ok(()) };
        if self.rosters[r.source].is_none() {
            let Some(name) = &self.names[r.source] else { return Ok(()) };
            self.rosters[r.source] = Some(Roster::new(sheets, run, source, layout, name, f)?);
        }
        let Some(roster) = self.rosters[r.source].as_mut() else { return Ok(()) };
        let Some(row) = r.row.checked_sub(1).filter(|&n| n < EXCEL_MAX_ROWS) else {
            roster.beyond += 1;
            return Ok(());
        };
        let marked = marked_cells(layout, &r.cells, &r.person.issues, roster.columns);
        let id = layout.column(Key::IdNumber).map(|c| c.index);
        let last = r.cells.len().max(marked.last().map_or(0, |m| m.column + 1)).min(roster.columns);
        let mut marks = marked.iter().peekable();
        let mut lines = 1;
        for c in 0..last {
            let mark = marks.next_if(|m| m.column == c);
            let cell = r.cells.get(c).unwrap_or(&Cell::Empty);
            let format = mark.map(|m| match cell {
                Cell::Date(_) => &self.marks.date[m.severity as usize],
                _ => &self.marks.plain[m.severity as usize],
            });
            let masked = run.config.mask_id && Some(c) == id;
            write_cell(&mut roster.sheet, row, col(c)?, cell, masked, format, f)?;
            if let Cell::Text(s) | Cell::Error(s) = cell {
                if s.contains('\n') {
                    lines = lines.max(print::lines(s, WIDTHS.1));
                }
            }
            if let Some(w) = roster.widths.get_mut(c).filter(|w| **w < WIDTHS.1) {
                *w = w.max(match cell {
                    Cell::Empty => 0.0,
                    Cell::Date(_) => 12.0,
                    Cell::Text(s) if (s.len() + 2) as f64 <= *w => *w,
                    _ => width(&cell.text()),
                });
            }
            let Some(mark) = mark else { continue };
            if self.notes >= MOST_NOTES {
                self.unnoted += 1;
                continue;
            }
            self.notes += 1;
            // The 身份证号 never shows in a note: it may be masked, and its cell shows it anyway.
            roster.sheet.insert_note(row, col(c)?, &note(mark, cell, Some(c) != id))?;
        }
        // A wrapped cell's lines: its breaks, and a line longer than the widest column wraps again
        // (the columns' widths are known only at the end; each is as wide as its widest line, up
        // to the widest allowed).
        self.heights.fit(&mut roster.sheet, row, lines)
    }
}

impl Roster {
    /// A roster sheet with the source's header on its own rows, frozen below it.
    fn new(
        sheets: &Sheets,
        run: &Run,
        source: &Source,
        layout: &Layout,
        name: &str,
        f: &Formats,
    ) -> Result<Roster, XlsxError> {
        let mut sheet = sheets.new_sheet(name)?;
        // Excel shows a note's author on hovering: the program, not rust_xlsxwriter's "Author".
        sheet.set_default_note_author("贯通");
        let columns = layout.columns.iter().map(|c| c.index + 1).max().unwrap_or(0).min(EXCEL_COLUMNS);
        let first = source.header_row.unwrap_or(1).saturating_sub(1);
        let last = first + u32::try_from(layout.header_rows.max(1)).unwrap_or(1) - 1;
        // Each column's path down the block: its groups from the top, its own text on the last row
        // (the reader keeps a text merged down the block once).
        let rows = (last - first + 1) as usize;
        let mut texts = vec![vec![""; columns]; rows];
        for c in layout.columns.iter().filter(|c| c.index < columns) {
            if let Some((leaf, groups)) = c.path.split_last() {
                for (k, g) in groups.iter().enumerate().take(rows - 1) {
                    texts[k][c.index] = g;
                }
                texts[rows - 1][c.index] = leaf;
            }
        }
        let mut widths = vec![WIDTHS.0; columns];
        for (k, line) in texts.iter().enumerate() {
            let row = first + k as u32;
            if k + 1 == texts.len() {
                let headers = line.iter().map(|t| (*t, width(t).clamp(WIDTHS.0, WIDTHS.1)));
                sheet.set_row_height(row, print::header_height(headers))?;
            }
            for (c, text) in line.iter().enumerate() {
                if text.is_empty() {
                    sheet.write_blank(row, col(c)?, &f.header)?;
                } else {
                    sheet.write_string_with_format(row, col(c)?, clip(text), &f.header)?;
                    widths[c] = widths[c].max(width(text).min(WIDTHS.1));
                }
            }
        }
        // Frozen below the header and right of 姓名, so who a row is stays in view.
        let name = layout.column(Key::Name).map(|c| c.index + 1).filter(|&c| c < columns).unwrap_or(0);
        sheet.set_freeze_panes(last + 1, col(name)?)?;
        let title = sheet.name();
        print::set_up(&mut sheet, run, &title, Some((first, last)))?;
        Ok(Roster { sheet, columns, widths, beyond: 0 })
    }

    /// The columns' widths (known only now) and the print's pages across.
    fn finish(mut self) -> Result<Worksheet, XlsxError> {
        let mut total = 0.0;
        for (c, w) in self.widths.iter().enumerate() {
            let w = w.clamp(WIDTHS.0, WIDTHS.1);
            total += w;
            self.sheet.set_column_width(col(c)?, w)?;
        }
        let across = (total / print::CHARS_PER_PAGE).ceil().clamp(1.0, 20.0) as u16;
        self.sheet.set_print_fit_to_pages(across, 0);
        Ok(self.sheet)
    }
}

/// A cell as the roster has it: text (wrapped when it has several lines), number, a real date, a
/// boolean, an error value as its text; the 身份证号 masked when `masked`. A problem cell is written even when blank, to show its fill.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    c: u16,
    cell: &Cell,
    masked: bool,
    mark: Option<&Format>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match (cell, mark) {
        (Cell::Empty, None) => {}
        (Cell::Empty, Some(format)) => {
            sheet.write_blank(row, c, format)?;
        }
        (_, _) if masked => {
            let text = id_number::mask(cell.text().trim());
            match mark {
                Some(format) => sheet.write_string_with_format(row, c, text, format)?,
                None => sheet.write_string(row, c, text)?,
            };
        }
        // A cell of several lines (Alt+Enter in Excel) is wrapped, as the roster shows it.
        (Cell::Text(s) | Cell::Error(s), None) if s.contains('\n') => {
            sheet.write_string_with_format(row, c, clip(s), &f.wrap)?;
        }
        (Cell::Text(s) | Cell::Error(s), Some(format)) if s.contains('\n') => {
            sheet.write_string_with_format(row, c, clip(s), &format.clone().set_text_wrap())?;
        }
        (Cell::Text(s) | Cell::Error(s), None) => {
            sheet.write_string(row, c, clip(s))?;
        }
        (Cell::Text(s) | Cell::Error(s), Some(format)) => {
            sheet.write_string_with_format(row, c, clip(s), format)?;
        }
        (Cell::Number(n), None) => {
            sheet.write_number(row, c, *n)?;
        }
        (Cell::Number(n), Some(format)) => {
            sheet.write_number_with_format(row, c, *n, format)?;
        }
        (Cell::Date(d), format) => {
            sheet.write_datetime_with_format(row, c, d, format.unwrap_or(&f.date))?;
        }
        (Cell::Bool(b), None) => {
            sheet.write_boolean(row, c, *b)?;
        }
        (Cell::Bool(b), Some(format)) => {
            sheet.write_boolean_with_format(row, c, *b, format)?;
        }
    }
    Ok(())
}

/// A problem cell: its column, its most serious severity, and its issues.
struct Marked<'a> {
    column: usize,
    severity: Severity,
    issues: Vec<(&'a Issue, bool)>,
}

/// The problem cells of a row, by column: each issue on the cell of its column (`Issue::column`,
/// a header text or, for a column without one, its letter); one whose column is not among the
/// sheet's — or is past what the sheet holds — on the row's 姓名 cell, saying its column.
fn marked_cells<'a>(layout: &Layout, cells: &[Cell], issues: &'a [Issue], columns: usize) -> Vec<Marked<'a>> {
    let name = layout.column(Key::Name).map_or(0, |c| c.index);
    let mut marked: Vec<Marked> = Vec::new();
    for issue in issues {
        let found = column_of(layout, cells, issue).filter(|&c| c < columns);
        let (column, elsewhere) = match found {
            Some(c) => (c, false),
            None => (name, true),
        };
        match marked.iter_mut().find(|m| m.column == column) {
            Some(m) => {
                m.severity = m.severity.min(issue.severity);
                m.issues.push((issue, elsewhere));
            }
            None => marked.push(Marked { column, severity: issue.severity, issues: vec![(issue, elsewhere)] }),
        }
    }
    marked.sort_by_key(|m| m.column);
    // The most serious first in the note.
    for m in &mut marked {
        m.issues.sort_by_key(|(issue, _)| issue.severity);
    }
    marked
}

/// The column an issue is about. Two columns may share a header (two `取得时间`): the one whose cell
/// holds the issue's value, or contains it (an honour within a list), else the first.
fn column_of(layout: &Layout, cells: &[Cell], issue: &Issue) -> Option<usize> {
    let named = |c: &&crate::read::header::Column| {
        if c.header.is_empty() {
            column_letters(c.index) == issue.column
        } else {
            c.header == issue.column
        }
    };
    let candidates: Vec<usize> = layout.columns.iter().filter(named).map(|c| c.index).collect();
    if candidates.len() > 1 {
        let text = |c: usize| cells.get(c).map(|cell| cell.text().into_owned()).unwrap_or_default();
        let value = issue.value.trim();
        let same = candidates.iter().find(|&&c| text(c).trim() == value);
        let within = || candidates.iter().find(|&&c| !value.is_empty() && text(c).contains(value));
        if let Some(&c) = same.or_else(within) {
            return Some(c);
        }
    }
    candidates.first().copied()
}

/// A problem cell's note: each problem with its severity and what to do; the column named when the
/// problem is about another column, the value (when `values`) if it is part of the cell (one honour
/// of several).
fn note(mark: &Marked, cell: &Cell, values: bool) -> Note {
    let shown = cell.text();
    let parts: Vec<String> = mark
        .issues
        .iter()
        .map(|(issue, elsewhere)| {
            let about = if *elsewhere {
                format!("「{}」", if issue.column.is_empty() { "整行" } else { issue.column.as_str() })
            } else if values && !issue.value.is_empty() && issue.value.trim() != shown.trim() {
                format!("「{}」", issue.value.trim())
            } else {
                String::new()
            };
            format!("{}：{about}{}\n处理建议：{}", issue.severity.label(), issue.problem, issue.action)
        })
        .collect();
    let text = parts.join("\n\n");
    // The note's box: about 50 characters' width, as tall as its lines (Excel does not grow it).
    let lines = print::lines(&text, 50.0) + parts.len().saturating_sub(1);
    let height = (16 * lines + 10).min(480) as u32;
    // Excel's note holds 32,767 characters less the author's prefix; a few issues take far less.
    let mut units = 0;
    let text: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= 32_000
        })
        .collect();
    Note::new(text).add_author_prefix(false).set_width(320).set_height(height)
}

/// Each source's roster sheet name, if it gets a sheet: every sheet checked (with a header), up to
/// [`MOST_ROSTERS`], named after the source sheet, safe and unique for Excel ([`sheet_name`]).
fn roster_names(sources: &[Source]) -> Vec<Option<String>> {
    let mut taken: HashSet<String> = ["检查结果", "数据问题"].iter().map(|s| s.to_string()).collect();
    let mut count = 0;
    sources
        .iter()
        .map(|s| {
            if s.outcome != SheetOutcome::Screened || s.layout.is_none() || count >= MOST_ROSTERS {
                return None;
            }
            count += 1;
            let name = sheet_name(&s.sheet, &taken);
            taken.insert(name.to_lowercase());
            Some(name)
        })
        .collect()
}

/// A sheet name Excel takes, not among `taken` (lower case; Excel compares without case): at most
/// 31 characters (UTF-16 units), none of `[]:*?/\` or control characters, not starting or ending
/// with `'`, not blank or `History` (reserved); a name already used gets `(2)`, `(3)` …. The
/// workbook's own names (检查结果, 数据问题 and its pages 数据问题(2) …) become `原表_数据问题`.
pub fn sheet_name(wanted: &str, taken: &HashSet<String>) -> String {
    let clean: String =
        wanted.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let own = |n: &str| n == "检查结果" || n == "数据问题" || (n.starts_with("数据问题(") && n.ends_with(')'));
    let clean = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
        "名册".to_string()
    } else if own(clean) {
        format!("原表_{clean}")
    } else {
        clean.to_string()
    };
    let clean = clean.as_str();
    let cut = |s: &str, room: usize| {
        let mut units = 0;
        let kept: String = s
            .chars()
            .take_while(|c| {
                units += c.len_utf16();
                units <= room
            })
            .collect();
        kept.trim_end_matches('\'').to_string()
    };
    let free = |n: &str| !taken.contains(&n.to_lowercase());
    let first = cut(clean, 31);
    if free(&first) {
        return first;
    }
    (2..)
        .map(|k| {
            let suffix = format!("({k})");
            format!("{}{suffix}", cut(clean, 31 - suffix.len()))
        })
        .find(|n| free(n))
        .unwrap_or_default()
}

/// What 检查结果 says beside the counts.
struct Said {
    notes: usize,
    unnoted: usize,
    /// Sources with rows past Excel's last row, and how many.
    beyond: Vec<(usize, usize)>,
}

/// 检查结果's table.
const COLUMNS: [(&str, f64); 13] = [
    ("来源文件", 28.0),
    ("工作表", 14.0),
    ("本工作簿中的名册表", 18.0),
    ("表头", 10.0),
    ("数据行", 8.0),
    ("错误", 7.0),
    ("待核实", 8.0),
    ("提示", 7.0),
    ("跳过的空行", 9.0),
    ("表尾", 7.0),
    ("重复表头", 9.0),
    ("示例行", 8.0),
    ("说明", 50.0),
];
/// The count columns: 错误, 待核实, 提示.
const COUNTS: u16 = 5;
const NOTE: u16 = 12;

/// 检查结果: a short account of the check — what was read, how many problems of each severity,
/// what was set aside or could not be read — and how to use the workbook.
fn summary(
    sheet: &mut Worksheet,
    run: &Run,
    tally: &Tally,
    names: &[Option<String>],
    said: &Said,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("检查结果")?;
    let last = col(COLUMNS.len() - 1)?;
    let legend = Severity::ALL.map(|s| f.header.clone().set_background_color(Color::RGB(fill(s))));
    let number = f.plain.clone().set_align(FormatAlign::Right);
    let total = tally.total(run);
    let files = run.files.iter().filter(|f| !f.outcome.is_skipped()).count();
    let checked = run.sources.iter().filter(|s| s.outcome == SheetOutcome::Screened).count();
    sheet.write_string_with_format(0, 0, "花名册检查结果", &f.title)?;
    let iso = crate::normalize::date::iso;
    let facts = format!(
        "检查 {} 个文件、{} 个工作表、{} 个数据行；数据问题 {} 条（{}）。评价日期 {}（晚于这一天的日期记为错误），按{}识别等级、职称和荣誉。",
        files,
        checked,
        crate::summary::thousands(tally.rows()),
        crate::summary::thousands(total.iter().sum()),
        crate::summary::severities(&total),
        iso(run.config.as_of),
        run.config.policy.document.number,
    );
    sheet.merge_range(1, 0, 1, last, &facts, &f.wrap)?;
    sheet.set_row_height(1, print::LINE * 2.0)?;
    let verdict = if total[0] > 0 {
        format!("有 {} 条“错误”须更正后再报送。", crate::summary::thousands(total[0]))
    } else if total[1] > 0 {
        "没有“错误”；“待核实”的内容请对照原始材料核实后报送。".to_string()
    } else {
        "没有“错误”，可以报送。".to_string()
    };
    sheet.merge_range(2, 0, 2, last, &verdict, &f.section)?;
    let how = "怎样使用：“数据问题”表逐条列出每个问题、原始值和处理建议。其后各表是名册原表的副本，行号与原表相同\
               （数据问题中的“第12行”就是副本和原表的第12行），标题行、空行、表尾等不是人员的行留空；有问题的单元格\
               按严重程度着色，鼠标移到单元格上可看批注（问题和处理建议）。请在自己的名册中改正这些单元格（不要改这个\
               工作簿），再运行 guantong check 检查一次，直到没有“错误”。";
    sheet.merge_range(3, 0, 3, last, how, &f.wrap)?;
    sheet.set_row_height(3, print::LINE * 4.0)?;
    let meanings = [
        "值无法使用，须更正（日期或身份证号错误、身份证号重复、单元格为错误值……）",
        "值读到了但含糊或不全，可能改变结论（只有年份的日期、荣誉未写明名次……）",
        "不影响任何结论（不在政策所列之内的荣誉、超长的文字……）",
    ];
    for (k, (severity, meaning)) in Severity::ALL.iter().zip(meanings).enumerate() {
        let row = 4 + k as u32;
        sheet.write_string_with_format(row, 0, severity.label(), &legend[k])?;
        sheet.merge_range(row, 1, row, last, meaning, &f.plain)?;
    }
    let top = 8;
    for (c, (header, width)) in COLUMNS.iter().enumerate() {
        sheet.set_column_width(col(c)?, *width)?;
        sheet.write_string_with_format(top, col(c)?, *header, &f.header)?;
    }
    sheet.set_row_height(top, print::header_height(COLUMNS.iter().copied()))?;
    for (k, format) in legend.iter().enumerate() {
        sheet.write_string_with_format(top, COUNTS + k as u16, Severity::ALL[k].label(), format)?;
    }
    let mut row = top;
    let put_counts = |sheet: &mut Worksheet, row: u32, counts: [usize; 3]| -> Result<(), XlsxError> {
        for (k, n) in counts.iter().enumerate() {
            sheet.write_number(row, COUNTS + k as u16, *n as f64)?;
        }
        Ok(())
    };
    for (at, file) in run.files.iter().enumerate() {
        let sources: Vec<(usize, &Source)> = run.sources.iter().enumerate().filter(|(_, s)| s.file == at).collect();
        if !matches!(file.outcome, FileOutcome::Read { .. }) || sources.is_empty() {
            row += 1;
            sheet.write_string(row, 0, &file.display)?;
            let why = match &file.outcome {
                FileOutcome::Unreadable { .. } => {
                    put_counts(sheet, row, tally.file(run, at))?;
                    format!("无法读取：{}", file.outcome.error().unwrap_or_default())
                }
                FileOutcome::Skipped(why) => format!("已跳过：{why}"),
                FileOutcome::Read { .. } => "文件中没有工作表".to_string(),
            };
            sheet.write_string_with_format(row, NOTE, &why, &f.wrap)?;
            sheet.set_row_height(row, print::LINE * print::lines(&why, COLUMNS[NOTE as usize].1).min(6) as f64)?;
        }
        if file.outcome.is_unreadable() {
            continue;
        }
        for (i, s) in sources {
            row += 1;
            sheet.write_string(row, 0, &file.display)?;
            sheet.write_string(row, 1, &s.sheet)?;
            let mut notes: Vec<String> = Vec::new();
            match &s.outcome {
                SheetOutcome::Screened => {
                    match &names[i] {
                        Some(name) => {
                            let url = Url::new(format!("internal:'{}'!A1", name.replace('\'', "''"))).set_text(name);
                            sheet.write_url(row, 2, &url)?;
                        }
                        None => notes.push(format!("未附原表副本（一个工作簿最多附{MOST_ROSTERS}个名册表）")),
                    }
                    sheet.write_string(row, 3, s.header_rows())?;
                    sheet.write_number(row, 4, s.rows_read as f64)?;
                    put_counts(sheet, row, tally.source(run, i))?;
                    for (c, n) in
                        [(8, s.blank_rows), (9, s.footer_rows), (10, s.repeated_headers), (11, s.example_rows)]
                    {
                        sheet.write_number(row, c, n as f64)?;
                    }
                    if s.rows_read == 0 {
                        notes.push("表头下没有数据行".to_string());
                    }
                    if s.note_rows > 0 {
                        notes.push(format!("跳过表头下的说明行{}行", s.note_rows));
                    }
                    if let Some(why) = &s.partly_read {
                        notes.push(format!("未能按原样完整读取：{why}"));
                    }
                    if let Some(layout) = &s.layout {
                        let wide = layout.columns.iter().filter(|c| c.index >= EXCEL_COLUMNS).count();
                        if wide > 0 && names[i].is_some() {
                            notes.push(format!(
                                "第{}列（{}）起的{wide}列超出 Excel 的{EXCEL_COLUMNS}列，未写入名册表副本；其中的问题标在姓名上",
                                EXCEL_COLUMNS + 1,
                                column_letters(EXCEL_COLUMNS)
                            ));
                        }
                    }
                    if let Some((_, n)) = said.beyond.iter().find(|(at, _)| *at == i) {
                        notes.push(format!(
                            "{}行超出 Excel 的{}行，未写入名册表副本；其中的问题见“数据问题”",
                            crate::summary::thousands(*n),
                            crate::summary::thousands(EXCEL_MAX_ROWS as usize)
                        ));
                    }
                }
                SheetOutcome::Skipped(why) => notes.push(format!("已跳过（不是名册）：{why}")),
                SheetOutcome::Failed(why) => {
                    put_counts(sheet, row, tally.source(run, i))?;
                    notes.push(format!("无法检查：{why}"));
                }
            }
            let text = notes.join("\n");
            if !text.is_empty() {
                sheet.write_string_with_format(row, NOTE, &text, &f.wrap)?;
                let lines = print::lines(&text, COLUMNS[NOTE as usize].1).min(6);
                if lines > 1 {
                    sheet.set_row_height(row, print::LINE * lines as f64)?;
                }
            }
        }
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "合计", &f.section)?;
    sheet.write_number_with_format(row, 4, tally.rows() as f64, &number.clone().set_bold())?;
    for (k, n) in total.iter().enumerate() {
        sheet.write_number_with_format(row, COUNTS + k as u16, *n as f64, &number.clone().set_bold())?;
    }
    let mut remarks = Vec::new();
    if said.unnoted > 0 {
        remarks.push(format!(
            "批注已达上限：前{}个有问题的单元格带批注，其后的{}个只着色、没有批注；全部问题见“数据问题”。",
            crate::summary::thousands(said.notes),
            crate::summary::thousands(said.unnoted)
        ));
    }
    let left_out =
        run.sources.iter().filter(|s| s.outcome == SheetOutcome::Screened).count() - names.iter().flatten().count();
    if left_out > 0 {
        remarks.push(format!(
            "共检查{checked}个名册表，只有前{MOST_ROSTERS}个附了原表副本；其余{left_out}个的问题见“数据问题”，可分批检查以看到副本。"
        ));
    }
    if run.config.mask_id {
        remarks.push("身份证号已脱敏（只保留前6位和后4位）。".to_string());
    }
    for remark in remarks {
        row += 2;
        sheet.merge_range(row, 0, row, last, &remark, &f.wrap)?;
        sheet.set_row_height(row, print::LINE * 2.0)?;
    }
    sheet.set_freeze_panes(top + 1, 0)?;
    print::set_up(sheet, run, "检查结果", Some((top, top)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_safe_short_and_unique() {
        let mut taken: HashSet<String> = ["检查结果", "数据问题"].iter().map(|s| s.to_string()).collect();
        let mut name = |wanted: &str| {
            let n = sheet_name(wanted, &taken);
            taken.insert(n.to_lowercase());
            n
        };
        assert_eq!(name("花名册"), "花名册");
        assert_eq!(name("花名册"), "花名册(2)");
        assert_eq!(name("花名册"), "花名册(3)");
        assert_eq!(name("2025/12 [新]"), "2025_12 _新_");
        assert_eq!(name("数据问题"), "原表_数据问题");
        assert_eq!(name("数据问题(2)"), "原表_数据问题(2)");
        assert_eq!(name("Sheet1"), "Sheet1");
        assert_eq!(name("SHEET1"), "SHEET1(2)");
        assert_eq!(name("'引号'"), "引号");
        assert_eq!(name("  "), "名册");
        assert_eq!(name("History"), "名册(2)");
        let long = "鞍山钢铁集团有限公司第二炼钢厂二〇二五年度技能人才花名册（第一批）";
        let first = name(long);
        assert_eq!(first.encode_utf16().count(), 31);
        let second = name(long);
        assert!(second.ends_with("(2)") && second.encode_utf16().count() <= 31, "{second}");
        assert_ne!(first, second);
    }
}
