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
mod footer;
mod intake;
pub mod merged;
mod screen;
pub mod spill;
pub mod split;
mod walk;

pub use screen::{Against, Compared, Sink, Tally};
pub use walk::{expand_inputs, Found};

use crate::evaluate::Decision;
use crate::normalize::Person;
use crate::policy::Policy;
use crate::read::header::{Key, Layout};
use crate::read::{self, Cell, ReadError, Span};
use chrono::NaiveDate;
use duplicates::Notices;
use indicatif::ProgressBar;
use intake::Intake;
use std::path::PathBuf;

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
    pub outcome: FileOutcome,
    pub rows: usize,
}

/// What became of one input file. Whether a sheet was read only in part is the sheet's
/// ([`Source::partly_read`]): one file can hold a sheet read whole beside one that was not.
#[derive(Debug, Clone)]
pub enum FileOutcome {
    /// Read: its sheets, each with its own [`SheetOutcome`], are among [`Run::sources`].
    /// `really` is what the file is when its name says otherwise (an HTML table named .xls).
    Read { really: Option<&'static str> },
    /// Set aside without reading (a hidden file, a lock file, another type …), with why.
    Skipped(String),
    /// Could not be read. The error keeps its sources until it is written; `really` is what a
    /// table whose name says otherwise really is.
    Unreadable { error: std::sync::Arc<ReadError>, really: Option<&'static str> },
}

impl FileOutcome {
    /// The reading error of an unreadable file: `error` and, for a misnamed table, what it really is.
    pub fn error(&self) -> Option<String> {
        match self {
            FileOutcome::Unreadable { error, really } => {
                let really = really.map(|kind| format!("（内容实为{kind}）")).unwrap_or_default();
                Some(format!("{error}{really}"))
            }
            _ => None,
        }
    }

    pub fn is_unreadable(&self) -> bool {
        matches!(self, FileOutcome::Unreadable { .. })
    }

    pub fn is_skipped(&self) -> bool {
        matches!(self, FileOutcome::Skipped(_))
    }
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
    /// Merged ranges that start in the data rows (the header's are read by [`locate`](crate::read::header::locate)).
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
        self.files.iter().filter(|f| f.outcome.is_unreadable()).count()
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
    #[error("无法写入或读回临时文件（{}）", crate::os_error::reason(.0))]
    Spill(#[from] std::io::Error),
    #[error("无法启动写出线程（{0}）")]
    Thread(std::io::Error),
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
    let mut intake = Intake::new(config.maps.clone(), progress, report, config.spill_dir.as_deref())?;
    for Found { path, skip } in found {
        let display = path.display().to_string();
        if let Some(why) = skip {
            let file = FileReport { path, display, sha256: None, outcome: FileOutcome::Skipped(why), rows: 0 };
            intake.files.push(file);
            continue;
        }
        let sniffed = read::sniff::sniff(&path).ok();
        let kind = sniffed.filter(|k| !read::sniff::Kind::expected(&path).contains(k));
        progress.set_message(format!("读取 {display}"));
        let mark = intake.mark()?;
        let sha256 = intake::sha256(&path);
        let kind = kind.map(read::sniff::Kind::name);
        intake.files.push(FileReport {
            path: path.clone(),
            display,
            sha256,
            outcome: FileOutcome::Read { really: kind },
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
            let really = kind.filter(|_| table);
            if let Some(file) = intake.files.last_mut() {
                file.outcome = FileOutcome::Unreadable { error: std::sync::Arc::new(e), really };
            }
        }
    }
    intake.finish(config)
}
