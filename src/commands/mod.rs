//! What each command does, from a parsed command line to how it ends: the one start-up that every
//! command reading rosters shares ([`start`]: policy, configuration, date warning, output checks,
//! progress, pass 1, the files not read), then the command's own pass 2 and outputs. `main.rs`
//! only dispatches and says how it went.
//!
//! Each command returns what it has to say at the end ([`Finished`]) or why it stopped
//! ([`CommandError`]); either carries the exit code it ends with ([`Exit`]).

pub mod check;
pub mod compare;
pub mod policy;
pub mod progress;
mod report;
pub mod screen;

use crate::cli::UsageError;
use crate::exit::Exit;
use crate::pipeline::{self, Config, Run, RunError};
use crate::policy::{Policy, PolicyError};
use crate::summary;
use crate::write::{self, WriteError};
use progress::Progress;
use std::path::{Path, PathBuf};

/// How a command that ran ended: its code and the summary that the terminal shows (unless `-q`)
/// and `--progress-json` sends with its last line.
#[derive(Debug)]
pub struct Finished {
    pub exit: Exit,
    pub summary: String,
    /// What became of every input file.
    pub files: Vec<progress::FileLine>,
}

/// Why a command stopped before its outputs were written, or which of them were not. The sources
/// are kept until the message is written.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Usage(#[from] UsageError),
    /// The policy file, or its cases, cannot be used.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// An output would replace an input.
    #[error(transparent)]
    OutputIsInput(WriteError),
    /// An output's folder cannot be written, or an output could not be.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Reading stopped: a folder that cannot be listed, no input at all, the spill file.
    #[error(transparent)]
    Run(#[from] RunError),
    /// Every roster read, and no data row among them: why, file by file.
    #[error("{0}")]
    NothingToScreen(String),
    /// Some outputs could not be written; each error, and which outputs were and were not.
    #[error("{}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("；"))]
    Outputs { errors: Vec<OutputError>, written: Vec<(PathBuf, bool)> },
    /// The folder of `--split-dir` cannot be made.
    #[error("{}：无法建立拆分文件夹（{}）", .dir.display(), crate::os_error::reason(.source))]
    SplitFolder { dir: PathBuf, source: std::io::Error },
    /// `policy test` of a policy file without its cases beside it.
    #[error("找不到政策测试案例文件“{}”：案例文件与政策文件放在同一目录，同名，扩展名为 .cases.toml；或用 --cases 指定", .0.display())]
    NoCases(PathBuf),
    /// What stdout or a pipe refused (`policy show`).
    #[error("无法输出政策文件：{0}")]
    Stdout(std::io::Error),
}

impl CommandError {
    /// The exit code of each way to stop.
    pub fn exit(&self) -> Exit {
        match self {
            CommandError::Usage(_)
            | CommandError::Policy(_)
            | CommandError::OutputIsInput(_)
            | CommandError::NoCases(_) => Exit::Usage,
            CommandError::Run(RunError::Spill(_) | RunError::Thread(_)) => Exit::Error,
            CommandError::Run(_) | CommandError::NothingToScreen(_) => Exit::Unreadable,
            CommandError::Write(_)
            | CommandError::Outputs { .. }
            | CommandError::SplitFolder { .. }
            | CommandError::Stdout(_) => Exit::Error,
        }
    }

    /// The lines the terminal shows: `错误：…` for each error, then, when outputs failed, which were
    /// written and which left as they were.
    pub fn lines(&self) -> Vec<String> {
        match self {
            CommandError::Outputs { errors, written } => errors
                .iter()
                .map(|e| format!("错误：{e}"))
                .chain(written.iter().map(|(out, done)| match done {
                    true => format!("已写出：{}", out.display()),
                    false => format!("未写出：{}（原有文件不变）", out.display()),
                }))
                .collect(),
            other => vec![format!("错误：{other}")],
        }
    }
}

/// Either error of pass 2.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(transparent)]
    Run(#[from] RunError),
    #[error(transparent)]
    Write(#[from] WriteError),
    /// One part's workbook of a split, in the split's folder (the others and the main workbook
    /// are still written).
    #[error("{message}")]
    Split { folder: PathBuf, message: String },
}

impl OutputError {
    /// The output it cost; `None` when it cost the run (every output).
    pub fn path(&self) -> Option<&Path> {
        match self {
            OutputError::Run(_) => None,
            OutputError::Write(e) => Some(e.path()),
            OutputError::Split { folder, .. } => Some(folder),
        }
    }
}

/// The built-in policy, or the one in `path`.
pub fn load_policy(path: Option<&Path>) -> Result<&'static Policy, PolicyError> {
    match path {
        None => Ok(Policy::embedded()),
        Some(path) => Policy::from_file(path),
    }
}

/// What a command that reads rosters asks of the start-up.
pub struct Start<'a> {
    pub config: Config,
    /// The outputs: checked before anything is read (never an input, their folders writable).
    pub outputs: Vec<&'a Path>,
    /// A folder the outputs go into (`--split-dir`): made, and checked, before they are.
    pub folder: Option<&'a Path>,
    pub quiet: bool,
}

/// The one start-up of every command that reads rosters: warns of an evaluation date outside the
/// policy's dates, checks the outputs, reads every input (pass 1) with the progress shown, says
/// the files and sheets not read, and stops when nothing is left to screen.
pub fn start(start: Start<'_>, progress: &Progress) -> Result<Run, CommandError> {
    let Start { config, outputs, folder, quiet } = start;
    if let Some(warning) = summary::outside_dates(config.policy, config.as_of) {
        eprintln!("警告：{warning}");
    }
    if let Some(dir) = folder {
        std::fs::create_dir_all(dir).map_err(|source| CommandError::SplitFolder { dir: dir.to_path_buf(), source })?;
        write::check_folder(&dir.join("拆分.xlsx"))?;
    }
    for out in outputs {
        write::check_not_input(out, &config.inputs).map_err(CommandError::OutputIsInput)?;
        write::check_folder(out)?;
    }
    let bar = progress.bar();
    let mut said = |file: &str, source: &pipeline::Source| {
        if !quiet {
            bar.suspend(|| eprint!("{}", summary::source(file, source)));
        }
    };
    let run = pipeline::run(config, bar, &mut said).inspect_err(|_| bar.finish_and_clear())?;
    bar.suspend(|| report::unreadable(&run, quiet).iter().for_each(|line| eprintln!("{line}")));
    // No data row anywhere — no roster, or rosters with a header and nothing under it (an empty
    // template): there is nothing to write, and saying so is worth more than an empty workbook.
    if run.rows_to_screen() == 0 {
        bar.finish_and_clear();
        return Err(CommandError::NothingToScreen(report::nothing_to_screen(&run)));
    }
    Ok(run)
}

/// How a run whose outputs were all written ends: 4 when some file or sheet was not (wholly) read.
fn partial_or_success(run: &Run) -> Exit {
    if run.unreadable_files() > 0 || run.failed_sheets().count() > 0 || run.partly_read_sheets().count() > 0 {
        Exit::Partial
    } else {
        Exit::Success
    }
}
