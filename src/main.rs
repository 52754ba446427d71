//! The `guantong` binary: parse, validate, run, write, summarise — and say with the exit code how
//! it went.

use guantong::cli::{CheckArgs, Command, PolicyCommand, ScreenArgs, TemplateArgs};
use guantong::exit::Exit;
use guantong::pipeline::split::Splitter;
use guantong::pipeline::{self, Run, RunError, Sink, Tally};
use guantong::policy::Policy;
use guantong::read::header::Key;
use guantong::summary;
use guantong::write::{self, jsonl, workbook, WriteError};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let code = run();
    guantong::dropped::hold_console();
    code
}

fn run() -> ExitCode {
    let cli = match guantong::cli::parse() {
        Ok(cli) => cli,
        Err(mistake) => return fail(Exit::Usage, &mistake),
    };
    match cli.command {
        Command::Screen(args) => screen(&args),
        Command::Check(args) => check(&args),
        Command::Template(args) => template(&args),
        Command::Policy(command) => policy(&command),
        Command::Serve(args) => guantong::serve::main(&args).into(),
        Command::ReadWorker => {
            // Nobody reads an error of the worker's own: its parent reports the file.
            let served = guantong::read::worker::serve(std::io::stdin().lock(), std::io::stdout().lock());
            ExitCode::from(u8::from(served.is_err()))
        }
    }
}

/// `policy show` prints the policy in force exactly as its file reads, so that `--policy` of the
/// printed file screens the same; `policy check` says whether a file can be used, every problem
/// with its line.
fn policy(command: &PolicyCommand) -> ExitCode {
    match command {
        PolicyCommand::Show { policy } => match load_policy(policy.as_deref()) {
            Ok(p) => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                match out.write_all(p.source.text.as_bytes()).and_then(|()| out.flush()) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => fail(Exit::Error, &format!("无法输出政策文件：{e}")),
                }
            }
            Err(e) => fail(Exit::Usage, &e),
        },
        PolicyCommand::Check { file } => match Policy::from_file(file) {
            Ok(p) => {
                println!("{}：可以使用。{}", file.display(), summary::policy(p));
                for w in &p.warnings {
                    let key = if w.key.is_empty() { String::new() } else { format!("（{}）", w.key) };
                    println!("  提示：第{}行{key}：{}", w.line, w.what);
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(Exit::Usage, &e),
        },
        PolicyCommand::Test { policy, cases } => policy_test(policy.as_deref(), cases.as_deref()),
    }
}

/// `policy test`: the policy's cases, each screened and compared; every failing case said with
/// what differs.
fn policy_test(path: Option<&std::path::Path>, cases: Option<&std::path::Path>) -> ExitCode {
    use guantong::cases::Cases;
    let policy = match load_policy(path) {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, &e),
    };
    let cases = match (cases, path) {
        (Some(file), _) => Cases::from_file(file),
        (None, Some(policy)) => {
            let beside = Cases::beside(policy);
            if !beside.exists() {
                let said = format!(
                    "找不到政策测试案例文件“{}”：案例文件与政策文件放在同一目录，同名，扩展名为 .cases.toml；或用 --cases 指定",
                    beside.display()
                );
                return fail(Exit::Usage, &said);
            }
            Cases::from_file(&beside)
        }
        (None, None) => Cases::embedded(),
    };
    let cases = match cases {
        Ok(c) => c,
        Err(e) => return fail(Exit::Usage, &e),
    };
    let mut failed = 0;
    for case in &cases.cases {
        let wrong = case.run(policy);
        if !wrong.is_empty() {
            failed += 1;
            println!("未通过 第{}行「{}」：", case.line, case.name);
            for w in wrong {
                println!("    {w}");
            }
        }
    }
    let total = cases.cases.len();
    println!(
        "政策测试：{}，案例文件 {}：共 {total} 例，通过 {} 例，未通过 {failed} 例",
        summary::policy(policy),
        cases.file,
        total - failed
    );
    if failed > 0 {
        ExitCode::from(Exit::CasesFailed)
    } else {
        ExitCode::SUCCESS
    }
}

/// `template` writes the roster template of the policy in force, checked like `screen`'s `-o`
/// before anything is written.
fn template(args: &TemplateArgs) -> ExitCode {
    let policy = match load_policy(args.policy.as_deref()) {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, &e),
    };
    let template = match args.template(chrono::Local::now().date_naive(), policy) {
        Ok(t) => t,
        Err(e) => return fail(Exit::Usage, &e),
    };
    if let Err(e) = write::check_not_input(&args.output, args.policy.as_slice()) {
        return fail(Exit::Usage, &e);
    }
    if let Err(e) = write::check_folder(&args.output).and_then(|()| write::template::write(&args.output, &template)) {
        return fail(Exit::Error, &e);
    }
    eprintln!(
        "已写出：{}（{}，填报年度 {}年，年度考核列 {}）",
        args.output.display(),
        policy.document.number,
        template.year,
        template.appraisal_years().iter().map(|y| format!("{y}年度")).collect::<Vec<_>>().join("、")
    );
    ExitCode::SUCCESS
}

/// `check` reads and normalizes every row — pass 1, then pass 2 without evaluation — counts the
/// data issues per file and severity, and, with `-o`, writes the workbook that shows them on the
/// roster's own cells. Exit 5 while a 错误 is left to fix.
fn check(args: &CheckArgs) -> ExitCode {
    let policy = match load_policy(args.policy.as_deref()) {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, &e),
    };
    let config = match args.config(chrono::Local::now().date_naive(), policy) {
        Ok(c) => c,
        Err(e) => return fail(Exit::Usage, &e),
    };
    if let Some(warning) = summary::outside_dates(policy, config.as_of) {
        eprintln!("警告：{warning}");
    }
    if let Some(out) = &args.output {
        if let Err(e) = write::check_not_input(out, &config.inputs) {
            return fail(Exit::Usage, &e);
        }
        if let Err(e) = write::check_folder(out) {
            return fail(Exit::Error, &e);
        }
    }
    let progress = progress_bar(args.quiet);
    let mut report = |file: &str, source: &pipeline::Source| {
        if !args.quiet {
            progress.suspend(|| eprint!("{}", summary::source(file, source)));
        }
    };
    let run = match pipeline::run(config, &progress, &mut report) {
        Ok(run) => run,
        Err(e) => {
            progress.finish_and_clear();
            return fail(if matches!(e, RunError::Spill(_)) { Exit::Error } else { Exit::Unreadable }, &e);
        }
    };
    progress.suspend(|| report_unreadable(&run, args.quiet));
    if run.rows_to_screen() == 0 {
        progress.finish_and_clear();
        return fail(Exit::Unreadable, &nothing_to_screen(&run));
    }
    progress.set_message(match &args.output {
        Some(out) => format!("检查并写出 {}", out.display()),
        None => "检查".to_string(),
    });
    progress.reset();
    if !progress.is_hidden() {
        progress.set_length(run.rows_to_screen() as u64);
        progress.set_style(screening_style());
    }
    let mut tally = guantong::check::Tally::new(&run);
    let checked = match &args.output {
        None => run
            .normalized(|batch| {
                batch.iter().for_each(|r| tally.add(r));
                progress.inc(batch.len() as u64);
                true
            })
            .map_err(OutputError::from),
        Some(out) => write_check(&run, out, &mut tally, &progress),
    };
    progress.finish_and_clear();
    if let Err(e) = checked {
        eprintln!("错误：{e}");
        if let Some(out) = &args.output {
            eprintln!("未写出：{}（原有文件不变）", out.display());
        }
        return ExitCode::from(Exit::Error);
    }
    if !args.quiet {
        eprint!("{}", guantong::check::report(&run, &tally, args.output.as_deref()));
    }
    if tally.has_errors(&run) {
        ExitCode::from(Exit::ErrorsLeft)
    } else {
        ExitCode::SUCCESS
    }
}

/// Pass 2 of `check` into its workbook: rows normalized on rayon's threads and counted here, each
/// batch written on a thread of its own (so writing one batch overlaps normalizing the next), then
/// the workbook saved.
fn write_check(
    run: &Run,
    out: &std::path::Path,
    tally: &mut guantong::check::Tally,
    progress: &ProgressBar,
) -> Result<(), OutputError> {
    let mut book = workbook::Check::new(out, run)?;
    std::thread::scope(|scope| -> Result<(), OutputError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<pipeline::Normalized>>(2);
        let writer = std::thread::Builder::new()
            .name("writer-check".to_string())
            .spawn_scoped(scope, || -> Result<(), WriteError> {
                rx.into_iter().try_for_each(|batch| book.take(&batch))
            })
            .map_err(|e| OutputError::Run(RunError::Thread(e)))?;
        let read = run.normalized(|batch| {
            batch.iter().for_each(|r| tally.add(r));
            progress.inc(batch.len() as u64);
            tx.send(batch).is_ok()
        });
        drop(tx);
        writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        read?;
        Ok(())
    })?;
    progress.set_message(format!("压缩保存 {}", out.display()));
    book.finish(tally)?;
    Ok(())
}

fn load_policy(path: Option<&std::path::Path>) -> Result<&'static Policy, guantong::policy::PolicyError> {
    match path {
        None => Ok(Policy::embedded()),
        Some(path) => Policy::from_file(path),
    }
}

fn screen(args: &ScreenArgs) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let policy = match load_policy(args.policy.as_deref()) {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, &e),
    };
    let config = match args.config(today, policy) {
        Ok(c) => c,
        Err(e) => return fail(Exit::Usage, &e),
    };
    let split = match args.split() {
        Ok(s) => s,
        Err(e) => return fail(Exit::Usage, &e),
    };
    if let Some(warning) = summary::outside_dates(policy, config.as_of) {
        eprintln!("警告：{warning}");
    }
    if let Some((_, dir)) = &split {
        if let Err(e) = std::fs::create_dir_all(dir) {
            return fail(Exit::Error, &format!("{}：无法建立拆分文件夹（{}）", dir.display(), write::io_reason(&e)));
        }
        if let Err(e) = write::check_folder(&dir.join("拆分.xlsx")) {
            return fail(Exit::Error, &e);
        }
    }
    for out in args.output.iter().chain(&args.jsonl) {
        if let Err(e) = write::check_not_input(out, &config.inputs) {
            return fail(Exit::Usage, &e);
        }
        if let Err(e) = write::check_folder(out) {
            return fail(Exit::Error, &e);
        }
    }
    let started = Instant::now();
    let progress = progress_bar(args.quiet);
    let mut report = |file: &str, source: &pipeline::Source| {
        if !args.quiet {
            progress.suspend(|| eprint!("{}", summary::source(file, source)));
        }
    };
    let run = match pipeline::run(config, &progress, &mut report) {
        Ok(run) => run,
        Err(e @ RunError::Spill(_)) => {
            progress.finish_and_clear();
            return fail(Exit::Error, &e);
        }
        Err(e) => {
            progress.finish_and_clear();
            return fail(Exit::Unreadable, &e);
        }
    };
    progress.suspend(|| report_unreadable(&run, args.quiet));
    // No data row anywhere — no roster, or rosters with a header and nothing under it (an empty
    // template): there is nothing to write, and saying so is worth more than an empty workbook.
    if run.rows_to_screen() == 0 {
        progress.finish_and_clear();
        return fail(Exit::Unreadable, &nothing_to_screen(&run));
    }
    let mut clock = Clock { started, read: started.elapsed(), screened: Default::default(), saved: None, split: None };
    let tally = match write_outputs(args, &run, split.as_ref(), &progress, &mut clock) {
        Ok(tally) => tally,
        Err(errors) => {
            progress.finish_and_clear();
            for e in &errors {
                eprintln!("错误：{e}");
            }
            // Each output stands alone and is renamed into place only when whole: say which were.
            let failed: Vec<&std::path::Path> = errors.iter().filter_map(OutputError::path).collect();
            let run_failed = !errors.iter().all(|e| e.path().is_some());
            for out in args.output.iter().chain(&args.jsonl) {
                if !run_failed && !failed.contains(&out.as_path()) && out.exists() {
                    eprintln!("已写出：{}", out.display());
                } else {
                    eprintln!("未写出：{}（原有文件不变）", out.display());
                }
            }
            return ExitCode::from(Exit::Error);
        }
    };
    progress.finish_and_clear();
    if !args.quiet {
        eprint!("{}", summary::results(&run, &tally, args.output.as_deref(), args.jsonl.as_deref()));
        eprintln!("{}", clock.report(tally.rows));
    }
    if run.unreadable_files() > 0 || run.failed_sheets().count() > 0 || run.partly_read_sheets().count() > 0 {
        ExitCode::from(Exit::Partial)
    } else {
        ExitCode::SUCCESS
    }
}

/// A spinner with the row count on stderr while reading (the total is not known yet); indicatif
/// draws nothing when stderr is not a terminal.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(progress_style("{spinner} {msg}  已读 {rows} 行（{rate}）  用时 {elapsed_zh}"));
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The bar of pass 2, whose total is known: how far, how fast, and how long is left.
fn screening_style() -> ProgressStyle {
    progress_style("{spinner} {msg}  {bar:30} {percent}%  {rows}/{total_rows} 行（{rate}）  还需约 {eta_zh}")
}

/// A style with the counts, rates and times in Chinese: rows with thousands separators, `行/秒`
/// without decimals, durations as `1分05秒`.
fn progress_style(template: &str) -> ProgressStyle {
    use indicatif::ProgressState;
    use std::fmt::Write;
    let duration = |d: std::time::Duration| {
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

/// Where the time went: reading (pass 1), screening and writing (pass 2), and saving the workbook
/// (its zip compression), which is what a user waits for and what a profile starts from.
struct Clock {
    started: Instant,
    read: std::time::Duration,
    screened: std::time::Duration,
    /// Saving the workbook, when it was timed on its own.
    saved: Option<std::time::Duration>,
    /// Writing the parts of `--split-by` (after screening, while the workbook is saved).
    split: Option<std::time::Duration>,
}

impl Clock {
    fn report(&self, rows: usize) -> String {
        let total = self.started.elapsed();
        let saved = self.saved.unwrap_or_else(|| total.saturating_sub(self.screened));
        let screened = self.screened.saturating_sub(self.read);
        let split = self.split.map(|d| format!("，拆分写出 {:.1}（与保存同时）", d.as_secs_f64())).unwrap_or_default();
        format!(
            "用时 {:.1} 秒（读取 {:.1}，筛选并写出 {:.1}，保存 {:.1}{split}），{} 行/秒",
            total.as_secs_f64(),
            self.read.as_secs_f64(),
            screened.as_secs_f64(),
            saved.as_secs_f64(),
            summary::thousands((rows as f64 / total.as_secs_f64().max(1e-3)) as usize)
        )
    }
}

/// Either error of pass 2.
#[derive(Debug, thiserror::Error)]
enum OutputError {
    #[error("{0}")]
    Run(#[from] RunError),
    #[error("{0}")]
    Write(#[from] WriteError),
    /// One part's workbook of a split, in the split's folder (the others and the main workbook
    /// are still written).
    #[error("{message}")]
    Split { folder: PathBuf, message: String },
}

impl OutputError {
    /// The output it cost; `None` when it cost the run (every output).
    fn path(&self) -> Option<&std::path::Path> {
        match self {
            OutputError::Run(_) => None,
            OutputError::Write(e) => Some(e.path()),
            OutputError::Split { folder, .. } => Some(folder),
        }
    }
}

/// Screens every row (pass 2) straight into the outputs. With a workbook, 筛选结果 and the lists
/// take every batch on threads of their own; the workbook is then saved — zip compression on one
/// thread — while the JSONL is written on the other core from a second reading of the rows.
/// Without one, the JSONL is pass 2's only writer. Each output stands on its own: one that fails
/// does not stop the other, and every error is returned.
fn write_outputs(
    args: &ScreenArgs,
    run: &Run,
    split: Option<&(Key, PathBuf)>,
    progress: &ProgressBar,
    clock: &mut Clock,
) -> Result<Tally, Vec<OutputError>> {
    let name = |p: &Option<std::path::PathBuf>| p.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    progress
        .set_message(format!("筛选并写出 {}", name(if args.output.is_some() { &args.output } else { &args.jsonl })));
    progress.reset();
    if !progress.is_hidden() {
        progress.set_length(run.rows_to_screen() as u64);
        progress.set_style(screening_style());
    }
    let mut errors: Vec<OutputError> = Vec::new();
    let mut jsonl =
        args.jsonl.as_ref().and_then(|path| jsonl::Writer::new(path, run).map_err(|e| errors.push(e.into())).ok());
    let options = workbook::Options {
        max_rows: args.max_rows_per_sheet,
        command_line: workbook::command_line(std::env::args_os()),
        zip_level: args.zip_level,
    };
    let book = args
        .output
        .as_ref()
        .and_then(|path| workbook::Book::new(path, run, options.clone()).map_err(|e| errors.push(e.into())).ok());
    let Some(book) = book else {
        // No workbook: the JSONL, if any, is pass 2's only writer.
        let mut sinks: Vec<Sink<WriteError>> = Vec::new();
        if let Some(jsonl) = jsonl.as_mut() {
            sinks.push(Box::new(|batch| jsonl.take(batch)));
        }
        let tally = run
            .screen(progress, sinks)
            .map_err(OutputError::from)
            .and_then(|written| written.map_err(OutputError::from))
            .map_err(|e| errors.push(e))
            .ok();
        if let (Some(jsonl), Some(_)) = (jsonl, &tally) {
            errors.extend(jsonl.finish().err().map(OutputError::from));
        }
        clock.screened = clock.started.elapsed();
        return tally.filter(|_| errors.is_empty()).ok_or(errors);
    };
    let mut book = book;
    let (mut results, mut lists) = book.writers();
    // A split that fails (its buckets cannot be written) costs the split, never the workbook or
    // the JSONL: its error is kept here and reported with the others.
    let mut split_failed: Option<std::io::Error> = None;
    let mut splitter = match split.map(|(key, _)| Splitter::new(run, *key, args.split_bucket_rows)) {
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            split_failed = Some(e);
            None
        }
        None => None,
    };
    let mut sinks: Vec<Sink<WriteError>> =
        vec![Box::new(|batch| results.take(batch)), Box::new(|batch| lists.take(batch))];
    if let Some(splitter) = splitter.as_mut() {
        let failed = &mut split_failed;
        sinks.push(Box::new(move |batch| {
            if failed.is_none() {
                *failed = splitter.take(run, batch).err();
            }
            Ok(())
        }));
    }
    let screened = run.screen(progress, sinks);
    clock.screened = clock.started.elapsed();
    if let (Some(e), Some((_, dir))) = (split_failed, split) {
        errors.push(OutputError::Split { folder: dir.clone(), message: split_error(dir, e).to_string() });
        splitter = None;
    }
    let tally = match screened {
        Ok(Ok(tally)) => {
            // 拆分结果 is planned before the parts are written: they are written while the
            // workbook is saved (its zip compression is one thread; the parts take the other
            // core and what is left of this one), and it is saved again only if a part failed.
            let plan = match (splitter, split) {
                (Some(splitter), Some((key, dir))) => match plan_split(args, run, splitter, *key, dir) {
                    Ok(plan) => {
                        book.set_index(plan.index.clone());
                        Some(plan)
                    }
                    Err(e) => {
                        errors.push(e.into());
                        None
                    }
                },
                _ => None,
            };
            let also = plan.as_ref().map(|p| format!("，并拆分写出到 {}", p.dir.display())).unwrap_or_default();
            progress.set_message(format!("压缩保存 {}{also}", name(&args.output)));
            std::thread::scope(|scope| {
                let saved = scope.spawn(|| {
                    let started = Instant::now();
                    (book.save(results, lists), started.elapsed())
                });
                let parts = plan.as_ref().map(|plan| {
                    scope.spawn(|| {
                        let started = Instant::now();
                        (write_parts(run, plan, &options), started.elapsed())
                    })
                });
                if let Some(jsonl) = jsonl {
                    errors.extend(write_jsonl_alone(run, jsonl).err());
                }
                fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
                    h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                }
                let failed = parts.map(|parts| {
                    let (failed, took) = join(parts);
                    clock.split = Some(took);
                    failed
                });
                let (saved, took) = join(saved);
                clock.saved = Some(took);
                // The parts' failures are reported whatever became of the workbook.
                let index = plan.as_ref().zip(failed).map(|(plan, failed)| {
                    let index = plan.index_after(failed);
                    let failed = index.entries.iter().filter_map(|e| e.failed.clone());
                    errors.extend(failed.map(|message| OutputError::Split { folder: plan.dir.clone(), message }));
                    index
                });
                let saved = saved.and_then(|mut saved| {
                    if let Some(index) = index.filter(|i| i.entries.iter().any(|e| e.failed.is_some())) {
                        saved.amend_index(&index)?;
                    }
                    saved.commit()
                });
                errors.extend(saved.err().map(OutputError::from));
            });
            Some(tally)
        }
        Ok(Err(e)) => {
            // The workbook cannot be finished (its temporary file goes with it); the JSONL still can.
            errors.push(e.into());
            drop((results, lists, book));
            if let Some(jsonl) = jsonl {
                errors.extend(write_jsonl_alone(run, jsonl).err());
            }
            None
        }
        Err(e) => {
            errors.push(e.into());
            None
        }
    };
    tally.filter(|_| errors.is_empty()).ok_or(errors)
}

/// The error of a split's folder.
fn split_error(dir: &std::path::Path, source: std::io::Error) -> WriteError {
    WriteError::Io { path: dir.to_path_buf(), source }
}

/// A split whose parts are named and counted, not yet written.
struct SplitPlan {
    split: pipeline::split::Split,
    /// Each part's file name in `dir`.
    files: Vec<String>,
    dir: PathBuf,
    /// 拆分结果 as it will be if every part is written.
    index: workbook::SplitIndex,
}

impl SplitPlan {
    /// 拆分结果 with each part's result: `failed` is, per part, why it was not written.
    fn index_after(&self, failed: Vec<Option<String>>) -> workbook::SplitIndex {
        let mut index = self.index.clone();
        for (entry, why) in index.entries.iter_mut().zip(failed) {
            entry.failed = why;
        }
        index
    }
}

/// Names the split's workbooks in `dir` and lists them for 拆分结果. No part takes the name of an
/// input or an output of the run that is in `dir`.
fn plan_split(
    args: &ScreenArgs,
    run: &Run,
    splitter: Splitter,
    key: Key,
    dir: &std::path::Path,
) -> Result<SplitPlan, WriteError> {
    let split = splitter.finish(run).map_err(|e| split_error(dir, e))?;
    let names: Vec<&str> = split.parts.iter().map(|p| p.name.as_str()).collect();
    let here = |p: &std::path::Path| {
        let folder = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        std::fs::canonicalize(folder).ok() == std::fs::canonicalize(dir).ok()
    };
    let reserved: Vec<String> = run
        .files
        .iter()
        .map(|f| f.path.as_path())
        .chain(args.output.iter().chain(&args.jsonl).map(PathBuf::as_path))
        .filter(|p| here(p))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let files = pipeline::split::file_names(&names, ".xlsx", 100, &reserved);
    let entries = split
        .parts
        .iter()
        .zip(&files)
        .map(|(part, file)| workbook::SplitEntry {
            part: part.name.clone(),
            file: file.clone(),
            tally: part.tally.clone(),
            problems: part.problems(run),
            failed: None,
        })
        .collect();
    let index = workbook::SplitIndex { folder: dir.display().to_string(), by: key.label(), entries };
    Ok(SplitPlan { split, files, dir: dir.to_path_buf(), index })
}

/// Writes one workbook per part of the split, on rayon's threads; returns, per part, why it was
/// not written. A part whose workbook fails is noted and the others are still written.
fn write_parts(run: &Run, plan: &SplitPlan, options: &workbook::Options) -> Vec<Option<String>> {
    let dir = plan.dir.as_path();
    let written = plan.split.each(run, |p, view, feed| {
        let path = dir.join(&plan.files[p]);
        let book = workbook::Book::new(&path, view, options.clone())?;
        let (mut results, mut lists) = book.writers();
        let mut failed = None;
        feed(&mut |batch| {
            if failed.is_none() {
                failed = results.take(batch).and_then(|()| lists.take(batch)).err();
            }
        })
        .map_err(|e| split_error(dir, e))?;
        if let Some(e) = failed {
            return Err(e);
        }
        book.finish(results, lists)
    });
    written
        .into_iter()
        .map(|written| match written {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(e) => Some(split_error(dir, e).to_string()),
        })
        .collect()
}

/// Screens the rows again on this thread and writes the JSONL.
fn write_jsonl_alone(run: &Run, mut jsonl: jsonl::Writer) -> Result<(), OutputError> {
    run.screen_alone(|batch| jsonl.take(batch))??;
    jsonl.finish()?;
    Ok(())
}

/// Why nothing could be screened, file by file: what a person needs to fix it, `-q` or not.
fn nothing_to_screen(run: &Run) -> String {
    let headline = if run.sources.iter().any(|s| s.outcome == pipeline::SheetOutcome::Screened) {
        "名册中没有数据行，没有可筛选的人："
    } else {
        "没有找到可筛选的名册（需要包含“姓名”和技能等级或职称列的表头）："
    };
    let mut lines = vec![headline.to_string()];
    for (i, file) in run.files.iter().enumerate() {
        let why = match (&file.error, &file.skipped) {
            (Some(e), _) => e.clone(),
            (None, Some(why)) => format!("{}：已跳过，{why}", file.display),
            (None, None) => {
                let sheets: Vec<String> = run
                    .sources
                    .iter()
                    .filter(|s| s.file == i)
                    .map(|s| match &s.outcome {
                        pipeline::SheetOutcome::Skipped(why) | pipeline::SheetOutcome::Failed(why) => {
                            format!("「{}」{why}", s.sheet)
                        }
                        pipeline::SheetOutcome::Screened => {
                            format!("「{}」有表头但没有数据行{}", s.sheet, set_aside(s))
                        }
                    })
                    .collect();
                let sheets = if sheets.is_empty() { "没有工作表".to_string() } else { sheets.join("；") };
                format!("{}：{sheets}", file.display)
            }
        };
        lines.push(format!("  {why}"));
    }
    lines.join("\n")
}

/// The rows of a sheet set aside as not people, for a sheet with none left: `（已跳过示例行1行）`.
fn set_aside(s: &pipeline::Source) -> String {
    let counts = [
        ("空行", s.blank_rows),
        ("表尾", s.footer_rows),
        ("重复表头", s.repeated_headers),
        ("示例行", s.example_rows),
        ("说明行", s.note_rows),
    ];
    let said: Vec<String> = counts.iter().filter(|(_, n)| *n > 0).map(|(what, n)| format!("{what}{n}行")).collect();
    if said.is_empty() {
        String::new()
    } else {
        format!("（已跳过{}）", said.join("、"))
    }
}

/// Files and sheets that could not be read, one line each; the run goes on without them. Files
/// set aside (hidden, lock files, other types) are listed too, unless `-q`.
fn report_unreadable(run: &Run, quiet: bool) {
    if !quiet {
        for file in run.skipped_files() {
            eprintln!("跳过 {}：{}", file.display, file.skipped.as_deref().unwrap_or_default());
        }
        for file in run.files.iter().filter(|f| f.error.is_none() && f.skipped.is_none()) {
            if let Some(kind) = file.kind {
                eprintln!("注意：{} 的内容实为{kind}，已按其内容读取", file.display);
            }
        }
    }
    for file in run.files.iter().filter(|f| f.error.is_some()) {
        eprintln!("错误：{}", file.error.as_deref().unwrap_or_default());
    }
    for s in run.failed_sheets() {
        if let pipeline::SheetOutcome::Failed(why) = &s.outcome {
            eprintln!("错误：{}「{}」：{why}", run.files[s.file].display, s.sheet);
        }
    }
    for s in run.partly_read_sheets() {
        let why = s.partly_read.as_deref().unwrap_or_default();
        eprintln!("警告：{}「{}」未能按原样完整读取，已处理读到的内容：{why}", run.files[s.file].display, s.sheet);
    }
}

fn fail(code: Exit, error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("错误：{error}");
    code.into()
}

/// mimalloc: every row allocates its strings (reasons, issues, cells) on both cores, and the
/// writers allocate per cell; glibc's allocator took a fifth of the evaluation's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
