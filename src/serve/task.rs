//! One task of the page: its private folder, the files sent into it, and the run of `guantong`
//! on them as a child process.
//!
//! The run is the same program started again (`screen`, `check`, `template` or `policy check`)
//! with the folder's files, never the server itself: a file that crashes the reading or takes
//! all memory ends that child only, cancelling is killing it, and two tasks are two children.
//! `screen` and `check` say how far they are on their standard output, one JSON object a line
//! (`--progress-json`): `{"phase":"read","rows":N}`, `{"phase":"screen","rows":N,"total":M}`,
//! `{"phase":"save"}` and at the end `{"phase":"done","exit":CODE,"files":[…],"summary":"…"}`.

use super::report::{self, Report};
use super::upload::Received;
use super::ServeError;
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Where a task's files go inside its folder: the rosters, and the outputs (apart, so that a
/// run never reads its own results as a roster).
const INPUT: &str = "名册";
pub const OUTPUT: &str = "结果";
/// The policy file sent for the task, beside the two folders.
const POLICY: &str = "政策.toml";

/// How many runs may go at once: each takes a core and up to a couple of GiB while reading.
pub const MAX_RUNNING: usize = 2;

/// What the page asks a task to do, with its options.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    Screen {
        as_of: Option<String>,
        #[serde(default)]
        split: bool,
        #[serde(default)]
        mask_id: bool,
        horizon: Option<u32>,
        #[serde(default)]
        own_policy: bool,
    },
    Check {
        as_of: Option<String>,
        #[serde(default)]
        mask_id: bool,
        #[serde(default)]
        own_policy: bool,
    },
    Template {
        #[serde(default)]
        own_policy: bool,
    },
    PolicyCheck,
}

/// The outputs a run may leave, each with the name it is downloaded under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Workbook,
    Jsonl,
    Split,
    Check,
    Template,
}

impl Output {
    pub const ALL: [Output; 5] = [Output::Workbook, Output::Jsonl, Output::Split, Output::Check, Output::Template];

    /// The name in the task's output folder, and the download's.
    pub fn file_name(self) -> &'static str {
        match self {
            Output::Workbook => "筛选结果.xlsx",
            Output::Jsonl => "筛选结果.jsonl",
            Output::Split => "按单位拆分.zip",
            Output::Check => "检查结果.xlsx",
            Output::Template => "花名册模板.xlsx",
        }
    }

    /// How the page names it in the download's address.
    pub fn id(self) -> &'static str {
        match self {
            Output::Workbook => "workbook",
            Output::Jsonl => "jsonl",
            Output::Split => "split",
            Output::Check => "check",
            Output::Template => "template",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Output::Jsonl => "application/x-ndjson; charset=utf-8",
            Output::Split => "application/zip",
            _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The folder the split workbooks are written to, zipped into [`Output::Split`] at the end.
const SPLIT_DIR: &str = "按单位拆分";

/// Where a task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Taking files.
    Open,
    Running,
    Finished,
}

/// How far a run is, from its last progress line.
#[derive(Debug, Default)]
struct Progress {
    phase: String,
    rows: u64,
    total: Option<u64>,
    /// When screening (the phase with a total) began: the rate, and so the time left, counts
    /// from there.
    screening_since: Option<Instant>,
}

/// One task: a folder and at most one run.
#[derive(Debug)]
pub struct Task {
    pub dir: PathBuf,
    pub received: Received,
    pub phase: Phase,
    child: Option<Child>,
    progress: Progress,
    started: Option<Instant>,
    /// Last asked about by the page; a task left alone an hour is removed.
    pub touched: Instant,
    report: Option<Report>,
}

impl Task {
    /// A task with its folder under `root`.
    pub fn new(root: &Path, id: &str) -> Result<Task, ServeError> {
        let dir = root.join(id);
        for sub in [INPUT, OUTPUT] {
            std::fs::create_dir_all(dir.join(sub))
                .map_err(|source| ServeError::Io { what: "无法建立任务的临时文件夹".into(), source })?;
        }
        Ok(Task {
            dir,
            received: Received::default(),
            phase: Phase::Open,
            child: None,
            progress: Progress::default(),
            started: None,
            touched: Instant::now(),
            report: None,
        })
    }

    pub fn inputs(&self) -> PathBuf {
        self.dir.join(INPUT)
    }

    pub fn policy(&self) -> PathBuf {
        self.dir.join(POLICY)
    }

    /// The path of an output, when the run left it.
    pub fn output(&self, output: Output) -> Option<PathBuf> {
        let path = self.dir.join(OUTPUT).join(output.file_name());
        (self.phase == Phase::Finished && path.is_file()).then_some(path)
    }

    /// What the page shows: the phase, the progress and, at the end, the report.
    pub fn status(&self) -> Value {
        let elapsed = self.started.map(|s| s.elapsed().as_secs_f64());
        match self.phase {
            Phase::Open => json!({ "state": "open", "files": self.received.files }),
            Phase::Running => {
                let p = &self.progress;
                let percent = p.total.filter(|t| *t > 0).map(|t| (p.rows as f64 / t as f64 * 100.0).min(100.0));
                // The time left at the rate since screening began, as the terminal's bar says it.
                let left = match (p.total, p.screening_since) {
                    (Some(total), Some(since)) if p.rows > 0 && total >= p.rows => {
                        Some(since.elapsed().as_secs_f64() / p.rows as f64 * (total - p.rows) as f64)
                    }
                    _ => None,
                };
                json!({
                    "state": "running",
                    "phase": p.phase,
                    "rows": p.rows,
                    "total": p.total,
                    "percent": percent,
                    "seconds_left": left,
                    "elapsed": elapsed,
                })
            }
            Phase::Finished => json!({ "state": "finished", "elapsed": elapsed, "report": self.report }),
        }
    }

    /// Ends the run, if one goes on, and waits for the process to be gone (so that its files can
    /// be removed, Windows too).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A task shared by the request threads and its run's watcher.
pub type Shared = Arc<Mutex<Task>>;

/// The task, even if a thread panicked while holding it (its fields are still whole: each is set
/// in one assignment).
pub fn lock(task: &Shared) -> MutexGuard<'_, Task> {
    task.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The command line of an action, run in the task's folder; `Err` for options the page should not
/// have sent. Paths are relative to the folder, so that the results name the files as
/// `名册/花名册.xlsx`, not by the temporary folder's path.
fn arguments(action: &Action, task: &Task) -> Result<Vec<std::ffi::OsString>, ServeError> {
    let out = Path::new(OUTPUT);
    let output = |o: Output| out.join(o.file_name()).into_os_string();
    let policy = |own: bool| -> Result<Vec<std::ffi::OsString>, ServeError> {
        if !own {
            return Ok(Vec::new());
        }
        if !task.policy().is_file() {
            return Err(ServeError::BadRequest("选择了自己的政策文件，但还没有上传".into()));
        }
        Ok(vec!["--policy".into(), POLICY.into()])
    };
    let as_of = |d: &Option<String>| -> Result<Vec<std::ffi::OsString>, ServeError> {
        match d.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(Vec::new()),
            // `--as-of=…` keeps whatever was typed an option's value; the child checks the date.
            Some(d) => Ok(vec![format!("--as-of={d}").into()]),
        }
    };
    let inputs = || -> Result<Vec<std::ffi::OsString>, ServeError> {
        if task.received.files == 0 {
            return Err(ServeError::BadRequest("还没有选择名册文件".into()));
        }
        Ok(vec!["--".into(), INPUT.into()])
    };
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    match action {
        Action::Screen { as_of: date, split, mask_id, horizon, own_policy } => {
            args.extend([
                "screen".into(),
                "-o".into(),
                output(Output::Workbook),
                "--jsonl".into(),
                output(Output::Jsonl),
            ]);
            args.extend(as_of(date)?);
            args.extend(policy(*own_policy)?);
            if *split {
                args.extend(["--split-by".into(), "单位".into(), "--split-dir".into(), out.join(SPLIT_DIR).into()]);
            }
            if *mask_id {
                args.push("--mask-id".into());
            }
            if let Some(h) = horizon {
                args.push(format!("--horizon={h}").into());
            }
            args.extend(["--progress-json".into(), "-q".into()]);
            args.extend(inputs()?);
        }
        Action::Check { as_of: date, mask_id, own_policy } => {
            args.extend(["check".into(), "-o".into(), output(Output::Check)]);
            args.extend(as_of(date)?);
            args.extend(policy(*own_policy)?);
            if *mask_id {
                args.push("--mask-id".into());
            }
            args.extend(["--progress-json".into(), "-q".into()]);
            args.extend(inputs()?);
        }
        Action::Template { own_policy } => {
            args.extend(["template".into(), "-o".into(), output(Output::Template)]);
            args.extend(policy(*own_policy)?);
        }
        Action::PolicyCheck => {
            if !task.policy().is_file() {
                return Err(ServeError::BadRequest("请先选择要检查的政策文件（.toml）".into()));
            }
            args.extend(["policy".into(), "check".into(), POLICY.into()]);
        }
    }
    Ok(args)
}

/// Starts the action as a child of `exe`, if fewer than [`MAX_RUNNING`] run; a thread follows its
/// output until it ends.
pub fn start(shared: &Shared, action: Action, exe: &Path, running: &Arc<AtomicUsize>) -> Result<(), ServeError> {
    let mut task = lock(shared);
    if task.phase != Phase::Open {
        return Err(ServeError::Conflict("这个任务已经开始过；请重新选择要做的事".into()));
    }
    let args = arguments(&action, &task)?;
    if running.fetch_add(1, Ordering::SeqCst) >= MAX_RUNNING {
        running.fetch_sub(1, Ordering::SeqCst);
        return Err(ServeError::Conflict(format!(
            "已有 {MAX_RUNNING} 个任务在运行，请等其中一个完成（或取消）后再开始"
        )));
    }
    let spawned = Command::new(exe)
        .args(&args)
        .current_dir(&task.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(source) => {
            running.fetch_sub(1, Ordering::SeqCst);
            return Err(ServeError::Io { what: "无法启动处理程序".into(), source });
        }
    };
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        running.fetch_sub(1, Ordering::SeqCst);
        return Err(ServeError::Io {
            what: "无法读取处理程序的输出".into(),
            source: std::io::ErrorKind::BrokenPipe.into(),
        });
    };
    task.child = Some(child);
    task.phase = Phase::Running;
    task.started = Some(Instant::now());
    task.progress.phase = "start".into();
    let kind = Kind::of(&action);
    let (shared, running) = (Arc::clone(shared), Arc::clone(running));
    std::thread::spawn(move || {
        watch(&shared, kind, stdout, stderr);
        running.fetch_sub(1, Ordering::SeqCst);
    });
    Ok(())
}

/// Which action ran, for its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Screen { split: bool },
    Check,
    Template,
    PolicyCheck,
}

impl Kind {
    fn of(action: &Action) -> Kind {
        match action {
            Action::Screen { split, .. } => Kind::Screen { split: *split },
            Action::Check { .. } => Kind::Check,
            Action::Template { .. } => Kind::Template,
            Action::PolicyCheck => Kind::PolicyCheck,
        }
    }
}

/// The most of a run's plain output kept for its report: the end of it, where the summary or the
/// error is.
const KEEP_TEXT: usize = 64 << 10;

/// Follows a run: progress lines update the task; at the end its report is made.
fn watch(shared: &Shared, kind: Kind, stdout: impl Read, stderr: impl Read + Send + 'static) {
    let errors = std::thread::spawn(move || tail(stderr));
    let mut done: Option<Value> = None;
    let mut text = String::new();
    let mut reader = BufReader::new(stdout);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let said = String::from_utf8_lossy(&line);
        match serde_json::from_str::<Value>(said.trim()) {
            Ok(v) if v.get("phase").is_some() => {
                if v["phase"] == "done" {
                    // The report is made from the outputs next (seconds for a million rows).
                    lock(shared).progress.phase = "report".into();
                    done = Some(v);
                } else {
                    progress(&mut lock(shared).progress, &v);
                }
            }
            _ => keep(&mut text, &said),
        }
    }
    let errors = errors.join().unwrap_or_default();
    let (child, dir) = {
        let mut task = lock(shared);
        (task.child.take(), task.dir.clone())
    };
    // Cancelled: the canceller took the child and removes the folder.
    let Some(mut child) = child else { return };
    let code = child.wait().ok().and_then(|s| s.code());
    let made = report::make(kind, &dir.join(OUTPUT), code, done, &text, &errors);
    let mut task = lock(shared);
    task.report = Some(made);
    task.phase = Phase::Finished;
}

/// Takes one progress line.
fn progress(p: &mut Progress, v: &Value) {
    let phase = v["phase"].as_str().unwrap_or_default();
    if phase == "screen" && p.screening_since.is_none() {
        p.screening_since = Some(Instant::now());
    }
    p.phase = phase.to_string();
    if let Some(rows) = v["rows"].as_u64() {
        p.rows = rows;
    }
    p.total = v["total"].as_u64();
}

/// Appends to `text`, keeping its last [`KEEP_TEXT`] bytes.
fn keep(text: &mut String, more: &str) {
    text.push_str(more);
    if text.len() > KEEP_TEXT {
        let mut cut = text.len() - KEEP_TEXT;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        text.drain(..cut);
    }
}

/// The last [`KEEP_TEXT`] bytes of a stream, read to its end.
fn tail(stream: impl Read) -> String {
    let mut text = String::new();
    let mut reader = BufReader::new(stream);
    let mut line = Vec::new();
    while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
        keep(&mut text, &String::from_utf8_lossy(&line));
        line.clear();
    }
    text
}

/// The split workbooks' folder, for the report's zip.
pub fn split_dir(out: &Path) -> PathBuf {
    out.join(SPLIT_DIR)
}

/// How long a task may go unasked before it is removed: a tab closed mid-run, or results never
/// fetched.
pub const IDLE: Duration = Duration::from_secs(60 * 60);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_options_become_a_command_line_that_keeps_values_values() {
        let root = tempfile::tempdir().unwrap();
        let mut task = Task::new(root.path(), "t").unwrap();
        task.received.files = 1;
        let action: Action = serde_json::from_str(
            r#"{"action":"screen","as_of":"--policy=/etc/x","split":true,"mask_id":true,"horizon":6}"#,
        )
        .unwrap();
        let args: Vec<String> =
            arguments(&action, &task).unwrap().iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert!(args.contains(&"--as-of=--policy=/etc/x".to_string()), "{args:?}");
        assert!(args.contains(&"--mask-id".to_string()) && args.contains(&"--horizon=6".to_string()));
        assert!(args.contains(&"--progress-json".to_string()));
        assert_eq!(args[args.len() - 2], "--");
        assert!(!args.contains(&"--policy".to_string()));
        let own: Action = serde_json::from_str(r#"{"action":"check","own_policy":true}"#).unwrap();
        assert!(matches!(arguments(&own, &task), Err(ServeError::BadRequest(_))));
        assert!(serde_json::from_str::<Action>(r#"{"action":"rm"}"#).is_err());
    }

    #[test]
    fn progress_counts_time_left_from_the_screening_phase() {
        let mut p = Progress::default();
        progress(&mut p, &json!({"phase":"read","rows":500}));
        assert_eq!((p.rows, p.total, p.screening_since.is_none()), (500, None, true));
        progress(&mut p, &json!({"phase":"screen","rows":10,"total":100}));
        assert_eq!((p.rows, p.total), (10, Some(100)));
        assert!(p.screening_since.is_some());
    }

    #[test]
    fn kept_text_is_the_end_and_whole_characters() {
        let mut t = String::new();
        keep(&mut t, &"汉".repeat(KEEP_TEXT));
        keep(&mut t, "末尾");
        assert!(t.len() <= KEEP_TEXT && t.ends_with("末尾"));
    }
}
