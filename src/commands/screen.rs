//! `screen`: every row screened (pass 2) straight into the workbook, the JSONL and the split's
//! workbooks, each output standing on its own.

use super::progress::{self, Progress};
use super::{partial_or_success, start, CommandError, Finished, OutputError, Start};
use crate::cli::ScreenArgs;
use crate::pipeline::split::Splitter;
use crate::pipeline::{self, Run, Sink, Tally};
use crate::read::header::Key;
use crate::summary;
use crate::write::{jsonl, workbook, WriteError};
use std::path::PathBuf;
use std::time::Instant;

/// `screen`: reads the rosters, screens every row into the outputs, and says what they hold.
pub fn screen(args: &ScreenArgs, progress: &mut Progress) -> Result<Finished, CommandError> {
    let today = chrono::Local::now().date_naive();
    let policy = super::load_policy(args.policy.as_deref())?;
    let config = args.config(today, policy)?;
    let split = args.split()?;
    let outputs = args.output.iter().chain(&args.jsonl).map(PathBuf::as_path).collect();
    let started = Instant::now();
    let folder = split.as_ref().map(|(_, dir)| dir.as_path());
    let run = start(Start { config, outputs, folder, quiet: args.quiet }, progress)?;
    let mut clock = Clock { started, read: started.elapsed(), screened: Default::default(), saved: None, split: None };
    let written = write_outputs(args, &run, split.as_ref(), progress, &mut clock);
    progress.finish();
    let tally = written.map_err(|errors| {
        // Each output stands alone and is renamed into place only when whole: say which were.
        let failed: Vec<&std::path::Path> = errors.iter().filter_map(OutputError::path).collect();
        let run_failed = !errors.iter().all(|e| e.path().is_some());
        let written = args
            .output
            .iter()
            .chain(&args.jsonl)
            .map(|out| (out.clone(), !run_failed && !failed.contains(&out.as_path()) && out.exists()))
            .collect();
        CommandError::Outputs { errors, written }
    })?;
    let results = summary::results(&run, &tally, args.output.as_deref(), args.jsonl.as_deref());
    let summary = format!("{results}{}\n", clock.report(tally.rows));
    Ok(Finished { exit: partial_or_success(&run), summary, files: progress::files(&run) })
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

/// Screens every row (pass 2) straight into the outputs. With a workbook, 筛选结果 and the lists
/// take every batch on threads of their own; the workbook is then saved — zip compression on one
/// thread — while the JSONL is written on the other core from a second reading of the rows.
/// Without one, the JSONL is pass 2's only writer. Each output stands on its own: one that fails
/// does not stop the other, and every error is returned.
fn write_outputs(
    args: &ScreenArgs,
    run: &Run,
    split: Option<&(Key, PathBuf)>,
    progress: &Progress,
    clock: &mut Clock,
) -> Result<Tally, Vec<OutputError>> {
    let name = |p: &Option<std::path::PathBuf>| p.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    let written = name(if args.output.is_some() { &args.output } else { &args.jsonl });
    progress.screening(format!("筛选并写出 {written}"), run.rows_to_screen());
    let bar = progress.bar();
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
            .screen(bar, sinks)
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
    let screened = run.screen(bar, sinks);
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
            progress.saving(format!("压缩保存 {}{also}", name(&args.output)));
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
            problems: {
                let (unreadable, failed) = part.not_screened(run);
                summary::not_screened(unreadable, failed)
            },
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
