//! One screening run: read every input, normalize and evaluate every row in parallel, check
//! duplicates across files, and hand the results to the writers.

use crate::evaluate::{evaluate, Decision};
use crate::normalize::{person, Context, Issue, Person};
use crate::policy::Policy;
use crate::read::header::{locate, HeaderProblem, Key, Layout};
use crate::read::{self, Cell, RawRow, RawSheet, ReadError};
use chrono::NaiveDate;
use indicatif::ProgressBar;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
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
}

/// One input file and what became of it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    /// The path as shown in every output.
    pub display: String,
    pub sha256: Option<String>,
    pub error: Option<String>,
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

/// Everything a run produced, in input order.
#[derive(Debug)]
pub struct Run {
    pub config: Config,
    pub files: Vec<FileReport>,
    pub sources: Vec<Source>,
    /// The original columns of every roster, by header text, in order of first appearance.
    pub columns: Vec<String>,
    pub results: Vec<Screened>,
    /// Whether any screened sheet lacks a post-type column (everyone taken as inside the scope).
    pub scope_assumed: bool,
}

impl Run {
    pub fn unreadable_files(&self) -> usize {
        self.files.iter().filter(|f| f.error.is_some()).count()
    }

    pub fn failed_sheets(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(|s| matches!(s.outcome, SheetOutcome::Failed(_)))
    }

    pub fn issues(&self) -> impl Iterator<Item = (&Screened, &Issue)> {
        self.results.iter().flat_map(|r| r.person.issues.iter().map(move |i| (r, i)))
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
}

/// Expands folders (recursively; hidden files and Office lock files `~$…` skipped) into files.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, RunError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut files)?;
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), RunError> {
    let folder_error = |source| RunError::Folder { path: dir.to_path_buf(), source };
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(folder_error)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if read::format_of(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

/// Runs the whole screening. A file that cannot be read is reported in [`Run::files`] and the others
/// go on; the caller decides the exit status.
/// `report` is told about each sheet as soon as it is read (before its rows are screened).
pub fn run(
    config: Config,
    policy: &Policy,
    progress: &ProgressBar,
    report: &mut dyn FnMut(&str, &Source),
) -> Result<Run, RunError> {
    let paths = expand_inputs(&config.inputs)?;
    if paths.is_empty() {
        return Err(RunError::NoInput);
    }
    let mut run = Run {
        config: config.clone(),
        files: Vec::new(),
        sources: Vec::new(),
        columns: Vec::new(),
        results: Vec::new(),
        scope_assumed: false,
    };
    let ctx = Context { policy, as_of: config.as_of };
    for path in paths {
        let file = run.files.len();
        let display = path.display().to_string();
        progress.set_message(format!("读取 {display}"));
        let mut file_report =
            FileReport { path: path.clone(), display: display.clone(), sha256: sha256(&path), error: None, rows: 0 };
        match read::read_file(&path, &config.sheets) {
            Ok(sheets) => {
                for sheet in sheets {
                    let rows = screen_sheet(&mut run, file, sheet, &ctx, &display, report);
                    file_report.rows += rows;
                    progress.inc(rows as u64);
                }
            }
            Err(e) => file_report.error = Some(e.to_string()),
        }
        run.files.push(file_report);
    }
    mark_duplicates(&mut run);
    Ok(run)
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

/// Screens one sheet; returns the number of data rows.
fn screen_sheet(
    run: &mut Run,
    file: usize,
    mut sheet: RawSheet,
    ctx: &Context,
    display: &str,
    report: &mut dyn FnMut(&str, &Source),
) -> usize {
    let mut source = Source {
        file,
        sheet: sheet.sheet.clone(),
        outcome: SheetOutcome::Screened,
        layout: None,
        header_row: None,
        column_slots: Vec::new(),
        rows_read: 0,
        blank_rows: 0,
        footer_rows: 0,
        repeated_headers: 0,
    };
    let layout = match locate(&sheet, &run.config.maps) {
        Ok(layout) => layout,
        Err(problem @ HeaderProblem::NotFound) => {
            source.outcome = SheetOutcome::Skipped(problem.message());
            report(display, &source);
            run.sources.push(source);
            return 0;
        }
        Err(problem) => {
            source.outcome = SheetOutcome::Failed(problem.message());
            run.sources.push(source);
            return 0;
        }
    };
    source.header_row = Some(sheet.rows[layout.header_row].number);
    if let Some(first) = sheet.rows.get(layout.data_start()).map(|r| r.number) {
        sheet.fill_merged(first);
    }
    source.column_slots = layout.columns.iter().map(|c| slot(&mut run.columns, &c.header)).collect();
    if !layout.has(Key::PostType) {
        run.scope_assumed = true;
    }

    let keyed: Vec<usize> = layout.columns.iter().filter(|c| c.key.is_some()).map(|c| c.index).collect();
    let start = layout.data_start().min(sheet.rows.len());
    let mut data: Vec<RawRow> = Vec::new();
    for row in sheet.rows.into_iter().skip(start) {
        if is_footer(&row) {
            source.footer_rows += 1;
        } else if keyed.iter().all(|&i| row.cells.get(i).is_none_or(Cell::is_empty)) {
            source.blank_rows += 1;
        } else if layout.is_repeated_header(&row.cells) {
            source.repeated_headers += 1;
        } else {
            data.push(row);
        }
    }
    source.rows_read = data.len();
    source.layout = Some(layout.clone());
    report(display, &source);
    let index = run.sources.len();
    // Rows move into their results (no copy of the input is kept); rayon's indexed collect keeps
    // input order.
    let results: Vec<Screened> = data
        .into_par_iter()
        .map(|row| {
            let person = person(&row, &layout, ctx);
            let decision = evaluate(&person, ctx.policy, ctx.as_of);
            Screened { source: index, row: row.number, cells: row.cells, person, decision }
        })
        .collect();
    let screened = results.len();
    run.results.extend(results);
    run.sources.push(source);
    screened
}

/// The position of `header` among the output's original columns, adding it if new. A roster whose
/// header repeats a text (two 取得时间) keeps both: the second gets its own slot.
fn slot(columns: &mut Vec<String>, header: &str) -> usize {
    match columns.iter().position(|c| c == header) {
        Some(i) => i,
        None => {
            columns.push(header.to_string());
            columns.len() - 1
        }
    }
}

/// How many other places a duplicate notice names before it only counts the rest.
const DUPLICATE_PLACES_LISTED: usize = 5;

/// The same 身份证号 on several rows or in several files: an issue on every such row naming the
/// other places.
fn mark_duplicates(run: &mut Run) {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in run.results.iter().enumerate() {
        if let Some(id) = r.person.id_number.as_ref().filter(|id| id.len() >= 15) {
            seen.entry(id.clone()).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = seen.into_values().filter(|v| v.len() > 1).collect();
    groups.sort();
    for group in groups {
        for &i in &group {
            let others: Vec<String> = group
                .iter()
                .filter(|&&j| j != i)
                .take(DUPLICATE_PLACES_LISTED)
                .map(|&j| {
                    let r = &run.results[j];
                    let s = &run.sources[r.source];
                    format!("{}「{}」第{}行", run.files[s.file].display, s.sheet, r.row)
                })
                .collect();
            let more = group.len() - 1 - others.len();
            let others =
                if more > 0 { format!("{}等，另有{more}处", others.join("；")) } else { others.join("；") };
            let r = &mut run.results[i];
            let column =
                run.sources[r.source].layout.as_ref().and_then(|l| l.column(Key::IdNumber)).map(|c| c.header.clone());
            r.person.issues.push(Issue {
                column: column.unwrap_or_else(|| "身份证号".into()),
                value: r.person.id_number.clone().unwrap_or_default(),
                problem: format!("身份证号重复，同一人还出现在：{others}"),
                action: "核对是否重复填报，保留一条",
            });
        }
    }
}
