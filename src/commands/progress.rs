//! How far a run is: a spinner and then a bar on the terminal, or, with `--progress-json`, one
//! JSON object per line on stdout for a program that shows it elsewhere (the page of
//! `guantong serve`). Both read the same counter, which pass 1 and pass 2 advance.
//!
//! The lines, at most four a second and only when something changed:
//! `{"phase":"read","rows":N}` while reading, `{"phase":"screen","rows":N,"total":M}` while
//! screening and writing, `{"phase":"save"}` while the workbook is compressed; the command's last
//! line is `{"phase":"done",…}` ([`done_line`]).

use crate::exit::Exit;
use crate::pipeline::{FileOutcome, Run, SheetOutcome};
use crate::summary;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The run's progress, shown one way or the other.
pub struct Progress {
    bar: ProgressBar,
    json: Option<Ticker>,
}

/// The thread that writes the JSON lines, and what it is told.
struct Ticker {
    phase: Arc<AtomicU8>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

const READ: u8 = 0;
const SCREEN: u8 = 1;
const SAVE: u8 = 2;

impl Progress {
    /// Nothing shown under `quiet`; JSON lines instead of the terminal's bar under `json`.
    pub fn new(quiet: bool, json: bool) -> Progress {
        if json {
            let bar = ProgressBar::hidden();
            return Progress { json: Some(Ticker::start(bar.clone())), bar };
        }
        if quiet {
            return Progress { bar: ProgressBar::hidden(), json: None };
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(style("{spinner} {msg}  已读 {rows} 行（{rate}）  用时 {elapsed_zh}"));
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar, json: None }
    }

    /// The counter that pass 1 and pass 2 advance.
    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// Pass 2 begins: `total` rows, whose count the bar now shows with the time left.
    pub fn screening(&self, message: String, total: usize) {
        self.bar.set_message(message);
        self.bar.reset();
        self.bar.set_length(total as u64);
        if !self.bar.is_hidden() {
            self.bar.set_style(style(
                "{spinner} {msg}  {bar:30} {percent}%  {rows}/{total_rows} 行（{rate}）  还需约 {eta_zh}",
            ));
        }
        self.set_phase(SCREEN);
    }

    /// The rows are written; the workbook is being compressed and saved.
    pub fn saving(&self, message: String) {
        self.bar.set_message(message);
        self.set_phase(SAVE);
    }

    fn set_phase(&self, phase: u8) {
        if let Some(ticker) = &self.json {
            ticker.phase.store(phase, Ordering::Relaxed);
        }
    }

    /// Clears the bar; the JSON lines end with the state as it is now.
    pub fn finish(&mut self) {
        self.bar.finish_and_clear();
        if let Some(mut ticker) = self.json.take() {
            ticker.stop();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

impl Ticker {
    fn start(bar: ProgressBar) -> Ticker {
        let phase = Arc::new(AtomicU8::new(READ));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (Arc::clone(&phase), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("progress-json".to_string())
            .spawn(move || {
                let mut last = String::new();
                loop {
                    let stopping = s.load(Ordering::Acquire);
                    let line = match p.load(Ordering::Relaxed) {
                        READ => format!(r#"{{"phase":"read","rows":{}}}"#, bar.position()),
                        SCREEN => format!(
                            r#"{{"phase":"screen","rows":{},"total":{}}}"#,
                            bar.position(),
                            bar.length().unwrap_or(0)
                        ),
                        _ => r#"{"phase":"save"}"#.to_string(),
                    };
                    if line != last {
                        println_flushed(&line);
                        last = line;
                    }
                    if stopping {
                        break;
                    }
                    std::thread::park_timeout(Duration::from_millis(250));
                }
            })
            .ok();
        Ticker { phase, stop, thread }
    }

    fn stop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// One line on stdout, flushed at once: the reader is a program waiting for it.
fn println_flushed(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // A reader that went away is not the run's concern: it finishes and writes its outputs.
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// What became of one input file, as the last JSON line lists it.
#[derive(Debug, Serialize)]
pub struct FileLine {
    pub file: String,
    /// `screened`, `partly_read` (some sheet read only in part), `not_screened` (read, but no
    /// sheet of it could be screened), `skipped` or `unreadable`.
    pub state: &'static str,
    pub why: Option<String>,
}

/// Every input file of `run`, in order, with what became of it.
pub fn files(run: &Run) -> Vec<FileLine> {
    run.files
        .iter()
        .enumerate()
        .map(|(at, file)| {
            let sheets: Vec<_> = run.sources.iter().filter(|s| s.file == at).collect();
            let said = |why: Vec<String>| if why.is_empty() { None } else { Some(why.join("；")) };
            let (state, why) = match &file.outcome {
                FileOutcome::Skipped(why) => ("skipped", Some(why.clone())),
                FileOutcome::Unreadable { .. } => ("unreadable", file.outcome.error()),
                FileOutcome::Read { .. } => {
                    let partly: Vec<String> = sheets
                        .iter()
                        .filter_map(|s| Some(format!("「{}」{}", s.sheet, s.partly_read.as_deref()?)))
                        .collect();
                    let not: Vec<String> = sheets
                        .iter()
                        .filter_map(|s| match &s.outcome {
                            SheetOutcome::Screened => None,
                            SheetOutcome::Skipped(why) | SheetOutcome::Failed(why) => {
                                Some(format!("「{}」{why}", s.sheet))
                            }
                        })
                        .collect();
                    if !partly.is_empty() {
                        ("partly_read", said(partly))
                    } else if sheets.iter().all(|s| s.outcome != SheetOutcome::Screened) {
                        ("not_screened", said(not).or_else(|| Some("没有工作表".to_string())))
                    } else {
                        ("screened", said(not))
                    }
                }
            };
            FileLine { file: file.display.clone(), state, why }
        })
        .collect()
}

/// The last line of `--progress-json`: how the command ended, every file, and the summary the
/// terminal shows (or the errors it stopped with).
pub fn done_line(exit: Exit, files: &[FileLine], summary: &str) -> String {
    #[derive(Serialize)]
    struct Done<'a> {
        phase: &'static str,
        exit: u8,
        files: &'a [FileLine],
        summary: &'a str,
    }
    let done = Done { phase: "done", exit: exit.code(), files, summary };
    serde_json::to_string(&done).unwrap_or_default()
}

/// Writes the last line of `--progress-json`.
pub fn say_done(exit: Exit, files: &[FileLine], summary: &str) {
    println_flushed(&done_line(exit, files, summary));
}

/// A style with the counts, rates and times in Chinese: rows with thousands separators, `行/秒`
/// without decimals, durations as `1分05秒`.
fn style(template: &str) -> ProgressStyle {
    use std::fmt::Write;
    let duration = |d: Duration| {
        let s = d.as_secs();
        if s >= 60 {
            format!("{}分{:02}秒", s / 60, s % 60)
        } else {
            format!("{s}秒")
        }
    };
    let rows = |n: u64| summary::thousands(usize::try_from(n).unwrap_or(usize::MAX));
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key("rows", move |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&rows(s.pos()));
        })
        .with_key("total_rows", move |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&rows(s.len().unwrap_or(0)));
        })
        .with_key("rate", |s: &ProgressState, w: &mut dyn Write| {
            let _ = write!(w, "{} 行/秒", summary::thousands(s.per_sec() as usize));
        })
        .with_key("elapsed_zh", move |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&duration(s.elapsed()));
        })
        .with_key("eta_zh", move |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&duration(s.eta()));
        })
}
