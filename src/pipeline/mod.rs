//! One screening run, in two passes.
//!
//! 1. [`run`] reads every input, row by row: finds each sheet's header, sets aside blank rows,
//!    footers and repeated headers, notes each 身份证号, and appends the data rows to a [`spill`]
//!    file. Nothing is screened yet, because a duplicate ID must be reported on every row that
//!    carries it — also on rows read long before their twin.
//! 2. [`Run::screen`] reads the spill back in batches, fills merged cells ([`merged`]), normalizes
//!    and evaluates each batch in parallel, adds the duplicate notices ([`duplicates`]), and hands
//!    every batch to each writer on a thread of its own, so the workbook's sheets and the JSONL are
//!    written at the same time and only a few batches are ever in memory.

pub mod duplicates;
pub mod merged;
mod screen;
pub mod spill;
pub mod split;

pub use screen::{Sink, Tally};

use crate::evaluate::Decision;
use crate::normalize::{id_text, Person};
use crate::policy::Policy;
use crate::read::header::{locate, Column, HeaderProblem, Key, Layout, ROWS_NEEDED};
use crate::read::{self, Cell, RawRow, RawSheet, ReadError, Span};
use chrono::NaiveDate;
use duplicates::{Ids, Notices};
use indicatif::ProgressBar;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A validated configuration: everything a run needs, decided before any work starts.
#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    /// Only these sheets (empty: every sheet that holds a roster).
    pub sheets: Vec<String>,
    /// `--map` pairs, the header already folded.
    pub maps: Vec<(String, Key)>,
    pub as_of: NaiveDate,
    pub mask_id: bool,
    /// Where the spill file goes (beside the outputs); the system's temporary folder when `None`.
    pub spill_dir: Option<PathBuf>,
    /// The binary that reads each input in a child process of its own ([`read::worker`]); read
    /// in this process when `None`.
    pub reader: Option<PathBuf>,
    /// The run's own outputs: never read as inputs, should a folder given hold them.
    pub outputs: Vec<PathBuf>,
    /// The policy every row is screened against.
    pub policy: &'static Policy,
    /// Months after `as_of` that 即将符合 looks ahead (`--horizon`).
    pub horizon: u32,
}

/// One input file and what became of it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    /// The path as shown in every output.
    pub display: String,
    pub sha256: Option<String>,
    pub error: Option<String>,
    /// Why the file was set aside without reading it.
    pub skipped: Option<String>,
    /// What the file really is, when its name says otherwise (an HTML table named .xls).
    pub kind: Option<&'static str>,
    pub rows: usize,
}

/// What happened to one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetOutcome {
    Screened,
    /// Not a roster (no header found): reported, not an error.
    Skipped(String),
    /// A roster that cannot be screened (required columns missing).
    Failed(String),
}

/// One sheet (or CSV file) read.
#[derive(Debug, Clone)]
pub struct Source {
    pub file: usize,
    pub sheet: String,
    pub outcome: SheetOutcome,
    pub layout: Option<Layout>,
    /// The header's row number as Excel shows it.
    pub header_row: Option<u32>,
    /// For each of this sheet's columns, its position among [`Run::columns`].
    pub column_slots: Vec<usize>,
    pub rows_read: usize,
    pub blank_rows: usize,
    pub footer_rows: usize,
    pub repeated_headers: usize,
    /// A template's example rows (`示例：张三`, [`Layout::is_example_row`]): set aside, never a person.
    pub example_rows: usize,
    /// Notes under the header (`注意：导入前请删除…`, [`Layout::is_note_block`]): never a person.
    pub note_rows: usize,
    /// Merged ranges that start in the data rows (the header's are read by [`locate`]).
    pub merged: Vec<Span>,
    /// What kept the sheet from being read as it stands (rows past a point, cells mended or
    /// ignored); what was read is screened.
    pub partly_read: Option<String>,
    /// In one part of a split run ([`split`]), the sheet's place among the whole run's sources.
    pub origin: Option<usize>,
}

impl Source {
    /// The header's rows as a person reads them: `第3行`, or `第3–4行` for a block.
    pub fn header_rows(&self) -> String {
        let first = self.header_row.unwrap_or(0);
        match self.layout.as_ref().map_or(1, |l| l.header_rows) {
            0 | 1 => format!("第{first}行"),
            n => format!("第{first}–{}行", first + n as u32 - 1),
        }
    }
}

impl Source {
    fn new(file: usize, sheet: &str) -> Source {
        Source {
            file,
            sheet: sheet.to_string(),
            outcome: SheetOutcome::Screened,
            layout: None,
            header_row: None,
            column_slots: Vec::new(),
            rows_read: 0,
            blank_rows: 0,
            footer_rows: 0,
            repeated_headers: 0,
            example_rows: 0,
            note_rows: 0,
            merged: Vec::new(),
            partly_read: None,
            origin: None,
        }
    }
}

/// One row read back and normalized, not evaluated (`guantong check`).
#[derive(Debug, Clone)]
pub struct Normalized {
    pub source: usize,
    pub row: u32,
    pub cells: Vec<Cell>,
    pub person: Person,
}

/// One screened row.
#[derive(Debug, Clone)]
pub struct Screened {
    pub source: usize,
    pub row: u32,
    pub cells: Vec<Cell>,
    pub person: Person,
    pub decision: Decision,
}

/// Everything read, ready to be screened ([`Run::screen`]).
#[derive(Debug)]
pub struct Run {
    pub config: Config,
    pub files: Vec<FileReport>,
    pub sources: Vec<Source>,
    /// The original columns of every roster, by header text, in order of first appearance.
    pub columns: Vec<String>,
    /// Whether any screened sheet lacks a post-type column (everyone taken as inside the scope).
    pub scope_assumed: bool,
    /// The data rows, in input order; `None` in one part of a split run, whose rows come from
    /// its buckets ([`split`]).
    spill: Option<spill::Spill>,
    duplicates: Notices,
}

impl Run {
    /// The rows pass 2 screens: every data row read in pass 1.
    pub fn rows_to_screen(&self) -> usize {
        self.sources.iter().map(|s| s.rows_read).sum()
    }

    pub fn unreadable_files(&self) -> usize {
        self.files.iter().filter(|f| f.error.is_some()).count()
    }

    /// Files set aside without reading (with why).
    pub fn skipped_files(&self) -> impl Iterator<Item = &FileReport> {
        self.files.iter().filter(|f| f.skipped.is_some())
    }

    pub fn failed_sheets(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(|s| matches!(s.outcome, SheetOutcome::Failed(_)))
    }

    /// Sheets screened from what could be read of them.
    pub fn partly_read_sheets(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(|s| s.partly_read.is_some())
    }

    /// Data rows read, in every sheet.
    pub fn rows(&self) -> usize {
        self.spill.as_ref().map_or(0, spill::Spill::rows)
    }
}

/// Why a run cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("没有可读取的输入文件")]
    NoInput,
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("{path}：无法读取文件夹（{source}）")]
    Folder { path: PathBuf, source: std::io::Error },
    /// The spill file could not be written or read back (a full disk, most likely).
    #[error("无法写入或读回临时文件（{}）", crate::write::io_reason(.0))]
    Spill(#[from] std::io::Error),
    #[error("无法启动写出线程（{0}）")]
    Thread(std::io::Error),
}

/// One file found among the inputs, or set aside with why.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// Why it is not read (a hidden file, a lock file, a link to a file already read …).
    pub skip: Option<String>,
}

/// Expands folders into files, recursively, in name order. Only regular files are read: a named
/// pipe, socket or device would block or never end. A link is followed once per real path, so a
/// link back up the tree (a loop) or to `.` reads nothing twice. Hidden files, Office lock files
/// (`~$…`), files of other types, guantong's own output workbooks and the run's own outputs are
/// set aside — each with why, so every file is accounted for.
pub fn expand_inputs(inputs: &[PathBuf], outputs: &[PathBuf]) -> Result<Vec<Found>, RunError> {
    let mut walk = Walk { seen: Vec::new(), out: Vec::new(), outputs };
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let before = walk.out.len();
                walk.dir(input)?;
                if walk.out.len() == before {
                    walk.out.push(Found { path: input.clone(), skip: Some("文件夹中没有任何文件".into()) });
                }
            }
            Ok(meta) if !meta.is_file() => {
                walk.out.push(Found { path: input.clone(), skip: Some(not_regular(&meta).into()) })
            }
            _ => walk.file(input, true),
        }
    }
    Ok(walk.out)
}

struct Walk<'a> {
    /// Real paths of the folders and files taken so far.
    seen: Vec<PathBuf>,
    out: Vec<Found>,
    outputs: &'a [PathBuf],
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path) -> Result<(), RunError> {
        let folder_error = |source| RunError::Folder { path: dir.to_path_buf(), source };
        let real = std::fs::canonicalize(dir).map_err(folder_error)?;
        if self.seen.contains(&real) {
            self.out.push(Found {
                path: dir.to_path_buf(),
                skip: Some("与已读的文件夹是同一个（链接或循环），不再重复读取".into()),
            });
            return Ok(());
        }
        self.seen.push(real);
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).map_err(folder_error)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let skip = |why: &str| Found { path: path.clone(), skip: Some(why.to_string()) };
            let meta = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    self.out.push(skip(&format!("无法访问（{e}），可能是失效的链接")));
                    continue;
                }
            };
            if name.starts_with("~$") {
                self.out.push(skip("Office 锁文件（有人正打开该工作簿时生成），不是名册"));
            } else if name.starts_with('.') {
                self.out.push(skip("隐藏文件"));
            } else if meta.is_dir() {
                self.dir(&path)?;
            } else if !meta.is_file() {
                self.out.push(skip(not_regular(&meta)));
            } else {
                self.file(&path, false);
            }
        }
        Ok(())
    }

    /// A file: taken, or set aside. One named on the command line is read whatever its type.
    fn file(&mut self, path: &Path, named: bool) {
        let skip = |why: String| Found { path: path.to_path_buf(), skip: Some(why) };
        let real = std::fs::canonicalize(path).ok();
        if let Some(real) = &real {
            if self.outputs.iter().any(|o| std::fs::canonicalize(o).ok().as_ref() == Some(real)) {
                self.out.push(skip("是本次运行的输出文件".into()));
                return;
            }
            if self.seen.contains(real) {
                self.out.push(skip("与已读的文件是同一个（链接），不再重复读取".into()));
                return;
            }
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // An HTML or XML file is a roster only when it holds a table (an export "to Excel").
        let markup = || {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
            matches!(ext.as_str(), "htm" | "html" | "xml")
                && matches!(read::sniff::sniff(path), Ok(read::sniff::Kind::Html | read::sniff::Kind::SpreadsheetMl))
        };
        if !named && read::format_of(path).is_none() && !markup() {
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            self.out.push(skip(format!("不支持的文件类型（.{ext}）；如其中有名册，请另存为 xlsx 后再筛选")));
            return;
        }
        if named && name.starts_with("~$") {
            self.out.push(skip(
                "这是 Office 锁文件（有人正打开该工作簿时生成），不是名册；请筛选同一文件夹中不带“~$”的原文件".into(),
            ));
            return;
        }
        if read::sniff::is_own_output(path) {
            self.out.push(skip("是 guantong 生成的筛选结果，不是名册".into()));
            return;
        }
        if let Some(real) = real {
            self.seen.push(real);
        }
        self.out.push(Found { path: path.to_path_buf(), skip: None });
    }
}

/// What a file that is not a regular file is, and why it is not read.
fn not_regular(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "是命名管道，不是普通文件，不读取";
        }
        if t.is_socket() {
            return "是套接字，不是普通文件，不读取";
        }
        if t.is_block_device() || t.is_char_device() {
            return "是设备文件，不是普通文件，不读取";
        }
    }
    let _ = meta;
    "不是普通文件，不读取"
}

/// Reads every input (pass 1). A file that cannot be read is reported in [`Run::files`] and the
/// others go on; the caller decides the exit status. `report` is told about each sheet as soon as
/// it is read.
pub fn run(config: Config, progress: &ProgressBar, report: &mut dyn FnMut(&str, &Source)) -> Result<Run, RunError> {
    let found = expand_inputs(&config.inputs, &config.outputs)?;
    let mut readers = config.reader.clone().map(read::worker::Readers::new);
    if found.is_empty() {
        return Err(RunError::NoInput);
    }
    let mut intake = Intake {
        maps: &config.maps,
        progress,
        report,
        files: Vec::new(),
        sources: Vec::new(),
        columns: Columns::default(),
        scope_assumed: false,
        ids: Ids::default(),
        spill: spill::Writer::new(config.spill_dir.as_deref())?,
        spill_error: None,
        sheet: SheetState::Done,
        blank_ids: Vec::new(),
        header_merges: Vec::new(),
        width: 0,
    };
    for Found { path, skip } in found {
        let display = path.display().to_string();
        if let Some(why) = skip {
            let file = FileReport { path, display, sha256: None, error: None, skipped: Some(why), kind: None, rows: 0 };
            intake.files.push(file);
            continue;
        }
        let sniffed = read::sniff::sniff(&path).ok();
        let kind = sniffed.filter(|k| !read::sniff::Kind::expected(&path).contains(k));
        progress.set_message(format!("读取 {display}"));
        let mark = intake.mark()?;
        let sha256 = sha256(&path);
        let kind = kind.map(read::sniff::Kind::name);
        intake.files.push(FileReport {
            path: path.clone(),
            display,
            sha256,
            error: None,
            skipped: None,
            kind,
            rows: 0,
        });
        // Text is parsed by our own code and polars, with widths bounded (read::csv), in this
        // process: sending a million CSV rows through a pipe would cost the read a third again.
        // Workbooks, whose readers have aborted and spun on hostile files, are read in a child.
        let in_child = sniffed != Some(read::sniff::Kind::Text);
        let read = match readers.as_mut().filter(|_| in_child) {
            Some(readers) => readers.stream(&path, &config.sheets, &mut intake),
            None => read::stream_file(&path, &config.sheets, &mut intake),
        };
        if let Some(e) = intake.spill_error.take() {
            return Err(RunError::Spill(e));
        }
        let read = match read {
            Ok(()) if intake.sources.len() == mark.sources => Err(ReadError::NoSheets { path: path.clone() }),
            read => read,
        };
        // A file whose content is not what its name says ends as its twin with the right name
        // would — its sheets screened, skipped or failed alike, its error the same — and a
        // table's error says what the file really is (another kind's says it already).
        if let Err(e) = read {
            intake.rewind(mark)?;
            let table = sniffed.is_some_and(|k| !matches!(k, read::sniff::Kind::Other(_) | read::sniff::Kind::Empty));
            let really = kind.filter(|_| table).map(|kind| format!("（内容实为{kind}）")).unwrap_or_default();
            if let Some(file) = intake.files.last_mut() {
                file.error = Some(format!("{e}{really}"));
            }
        }
    }
    let Intake { files, sources, columns, scope_assumed, ids, spill, .. } = intake;
    let columns = columns.names;
    Ok(Run { config, files, sources, columns, scope_assumed, spill: Some(spill.finish()?), duplicates: ids.notices() })
}

/// Pass 1's state: what has been read so far.
struct Intake<'a> {
    maps: &'a [(String, Key)],
    progress: &'a ProgressBar,
    report: &'a mut dyn FnMut(&str, &Source),
    files: Vec<FileReport>,
    sources: Vec<Source>,
    columns: Columns,
    scope_assumed: bool,
    ids: Ids,
    spill: spill::Writer,
    /// The first failure to write the spill; reading stops mattering after it.
    spill_error: Option<std::io::Error>,
    sheet: SheetState,
    /// The current sheet's data rows with an empty 身份证号 cell, `(row number, position in the
    /// run)`: a merged 身份证号 fills them, and they are then duplicates of the range's first row.
    blank_ids: Vec<(u32, usize)>,
    /// The current sheet's merged ranges, where the reader knows them before its rows (xls, ods).
    header_merges: Vec<Span>,
    /// The most cells a data row of the current sheet has: columns right of the header are kept too.
    width: usize,
}

/// Where the current sheet's reading stands.
enum SheetState {
    /// Rows before the header is found (at most [`ROWS_NEEDED`]).
    Seeking(Vec<RawRow>),
    /// The header is found: rows are data, footers, blanks or repeated headers.
    Reading { layout: Layout, keyed: Vec<usize>, id_column: Option<usize>, data_start: u32 },
    /// Not a roster, or no sheet open: rows are ignored.
    Done,
}

/// How far pass 1 had got before a file: a file that fails halfway is taken back out.
struct Mark {
    files: usize,
    sources: usize,
    columns: usize,
    scope_assumed: bool,
    ids: (usize, usize),
    spill: spill::Mark,
}

impl Intake<'_> {
    fn mark(&mut self) -> Result<Mark, RunError> {
        Ok(Mark {
            files: self.files.len(),
            sources: self.sources.len(),
            columns: self.columns.len(),
            scope_assumed: self.scope_assumed,
            ids: self.ids.mark(),
            spill: self.spill.mark()?,
        })
    }

    /// Drops what a failed file added, but keeps the file's report.
    fn rewind(&mut self, mark: Mark) -> Result<(), RunError> {
        self.files.truncate(mark.files + 1);
        if let Some(file) = self.files.last_mut() {
            file.rows = 0;
        }
        self.sources.truncate(mark.sources);
        self.columns.truncate(mark.columns);
        self.scope_assumed = mark.scope_assumed;
        self.ids.truncate(mark.ids);
        self.spill.rewind(mark.spill)?;
        self.sheet = SheetState::Done;
        Ok(())
    }

    fn source(&mut self) -> Option<&mut Source> {
        self.sources.last_mut()
    }

    /// Looks for the header in the rows seen so far; on success the rows below it are taken in.
    fn locate(&mut self, rows: Vec<RawRow>) {
        let sheet = RawSheet { sheet: String::new(), rows, merged: std::mem::take(&mut self.header_merges) };
        let layout = match locate(&sheet, self.maps) {
            Ok(layout) => layout,
            Err(problem) => {
                if let Some(source) = self.source() {
                    source.outcome = match problem {
                        HeaderProblem::NotFound => SheetOutcome::Skipped(problem.message()),
                        _ => SheetOutcome::Failed(problem.message()),
                    };
                }
                self.sheet = SheetState::Done;
                return;
            }
        };
        let slots = self.columns.place(layout.columns.iter().map(|c| c.header.as_str()));
        if !layout.has(Key::PostType) {
            self.scope_assumed = true;
        }
        let rows = sheet.rows;
        // Data starts below the header's last row (the rows seen always include it).
        let data_start = rows[layout.data_start() - 1].number + 1;
        let header_row = rows[layout.header_row].number;
        let id_column = layout.column(Key::IdNumber);
        let place = match self.sources.last() {
            Some(s) => format!("{}「{}」", self.files[s.file].display, s.sheet),
            None => String::new(),
        };
        self.ids.sheet(place, id_column.map_or_else(|| "身份证号".to_string(), |c| c.header.clone()));
        if let Some(source) = self.sources.last_mut() {
            source.header_row = Some(header_row);
            source.column_slots = slots;
            source.layout = Some(layout.clone());
        }
        self.sheet = SheetState::Reading {
            keyed: layout.columns.iter().filter(|c| c.key.is_some()).map(|c| c.index).collect(),
            id_column: id_column.map(|c| c.index),
            data_start,
            layout,
        };
        for row in rows.into_iter().skip_while(|r| r.number < data_start) {
            self.take(row);
        }
    }

    /// A row below the header: set aside, or noted and spilled as data.
    fn take(&mut self, row: RawRow) {
        let SheetState::Reading { layout, keyed, id_column, .. } = &self.sheet else { return };
        let Some(source) = self.sources.last_mut() else { return };
        if is_footer(&row) {
            source.footer_rows += 1;
        } else if layout.is_note_block(&row.cells) {
            // Before the blank test: a note may lie in columns that are not read.
            source.note_rows += 1;
        } else if keyed.iter().all(|&i| row.cells.get(i).is_none_or(Cell::is_empty)) {
            source.blank_rows += 1;
        } else if layout.is_repeated_header(&row.cells)
            || Layout::is_column_numbers(&row.cells)
            || Layout::is_notes_row(&row.cells)
        {
            source.repeated_headers += 1;
        } else if layout.is_example_row(&row.cells) {
            source.example_rows += 1;
        } else {
            source.rows_read += 1;
            self.width = self.width.max(row.cells.len());
            if let Some(i) = *id_column {
                match row.cells.get(i).filter(|c| !c.is_empty()) {
                    Some(id) => self.ids.add(&id_text(id), self.spill.rows(), row.number),
                    None => self.blank_ids.push((row.number, self.spill.rows())),
                }
            }
            let index = u32::try_from(self.sources.len() - 1).unwrap_or(u32::MAX);
            if self.spill_error.is_none() {
                if let Err(e) = self.spill.push(index, row) {
                    self.spill_error = Some(e);
                }
            }
            if self.spill.rows() % 4096 == 0 {
                self.progress.set_position(self.spill.rows() as u64);
            }
        }
    }
}

impl Intake<'_> {
    /// A 身份证号 merged down over several rows: the rows below the first get its ID when they are
    /// read back (pass 2), so they are noted here as carrying it.
    fn merged_ids(&mut self, merged: &[Span], column: u32) {
        for &((first, _), (last, _)) in merged.iter().filter(|((_, c0), (_, c1))| (*c0..=*c1).contains(&column)) {
            let Some(id) = self.ids.in_current_sheet(first) else { continue };
            for &(row, index) in self.blank_ids.iter().filter(|(row, _)| (first + 1..=last).contains(row)) {
                self.ids.add(&id, index, row);
            }
        }
    }
}

impl read::Rows for Intake<'_> {
    fn sheet(&mut self, name: &str) {
        let file = self.files.len() - 1;
        self.sources.push(Source::new(file, name));
        self.sheet = SheetState::Seeking(Vec::new());
        self.blank_ids.clear();
        self.header_merges.clear();
        self.width = 0;
    }

    fn merges_ahead(&mut self, merged: &[Span]) {
        self.header_merges = merged.to_vec();
    }

    fn row(&mut self, row: RawRow) {
        match &mut self.sheet {
            SheetState::Seeking(rows) => {
                rows.push(row);
                if rows.len() >= ROWS_NEEDED {
                    let rows = std::mem::take(rows);
                    self.locate(rows);
                }
            }
            SheetState::Reading { .. } => self.take(row),
            SheetState::Done => {}
        }
    }

    fn problem(&mut self, problem: read::SheetProblem) {
        let Some(source) = self.sources.last_mut() else { return };
        match problem {
            read::SheetProblem::NotWorksheet(kind) => {
                source.outcome = SheetOutcome::Skipped(format!("{kind}，不是名册"));
                self.sheet = SheetState::Done;
            }
            read::SheetProblem::Unreadable(detail) => {
                source.outcome = SheetOutcome::Failed(format!("工作表无法读取（{detail}）"));
                self.sheet = SheetState::Done;
            }
            read::SheetProblem::PartlyRead(detail) => source.partly_read = Some(detail),
        }
    }

    fn end(&mut self, merged: Vec<Span>) {
        if let SheetState::Seeking(rows) = &mut self.sheet {
            let rows = std::mem::take(rows);
            self.locate(rows);
        }
        let (data_start, id_column) = match &self.sheet {
            SheetState::Reading { data_start, id_column, .. } => (Some(*data_start), *id_column),
            _ => (None, None),
        };
        self.sheet = SheetState::Done;
        let merged: Vec<Span> = match data_start {
            Some(start) => merged.into_iter().filter(|((first, _), _)| *first >= start).collect(),
            None => Vec::new(),
        };
        if let Some(c) = id_column.and_then(|c| u32::try_from(c).ok()) {
            self.merged_ids(&merged, c);
        }
        let Some(source) = self.sources.last_mut() else { return };
        source.merged = merged;
        // Data right of the header's last column is kept too, in columns of its own.
        if let Some(layout) = source.layout.as_mut() {
            let extra: Vec<Column> = (layout.columns.len()..self.width).map(Column::unnamed).collect();
            if !extra.is_empty() {
                source.column_slots.extend(self.columns.place(extra.iter().map(|c| c.header.as_str())));
                layout.columns.extend(extra);
            }
        }
        let rows = source.rows_read;
        let file = &mut self.files[source.file];
        file.rows += rows;
        if !matches!(source.outcome, SheetOutcome::Failed(_)) {
            (self.report)(&file.display, source);
        }
    }
}

/// The file's SHA-256, hashed as it streams (a large roster is not held in memory for it).
fn sha256(path: &Path) -> Option<String> {
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path).ok()?, &mut hasher).ok()?;
    Some(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Words that start a footer line (signatures, totals, notes) rather than a person.
const FOOTER_WORDS: &[&str] = &[
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "单位负责人",
    "联系人",
    "联系电话",
    "填表日期",
    "制表日期",
    "填报日期",
    "合计",
    "总计",
    "注:",
    "说明:",
    "备注:",
];

fn is_footer(row: &RawRow) -> bool {
    row.cells.iter().find(|c| !c.is_empty()).is_some_and(|c| {
        let text = c.text();
        let t = crate::normalize::text::fold(&text);
        FOOTER_WORDS.iter().any(|w| t.starts_with(w))
    })
}

/// The original columns of every roster, by header text, in order of first appearance; sheets
/// with the same header share its column. A sheet whose header repeats a text (two 取得时间) keeps
/// both: its second 取得时间 takes the run's second column of that text.
#[derive(Debug, Default)]
struct Columns {
    names: Vec<String>,
    /// Where each text's columns are, in order: a sheet of 16,384 columns is placed in one pass.
    index: std::collections::HashMap<String, Vec<usize>>,
}

impl Columns {
    /// The position of each header of one sheet, adding those not yet there.
    fn place<'h>(&mut self, headers: impl Iterator<Item = &'h str>) -> Vec<usize> {
        let mut used: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut out = Vec::new();
        for header in headers {
            let k = used.entry(header).or_insert(0);
            let places = self.index.entry(header.to_string()).or_default();
            let i = match places.get(*k) {
                Some(&i) => i,
                None => {
                    self.names.push(header.to_string());
                    places.push(self.names.len() - 1);
                    self.names.len() - 1
                }
            };
            *k += 1;
            out.push(i);
        }
        out
    }

    fn len(&self) -> usize {
        self.names.len()
    }

    fn truncate(&mut self, len: usize) {
        self.names.truncate(len);
        for places in self.index.values_mut() {
            places.retain(|&i| i < len);
        }
    }
}
