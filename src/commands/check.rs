//! `check`: every row read and normalized but not screened; the data issues counted per file
//! and severity and, with `-o`, shown on the roster's own cells.

use super::progress::{self, Progress};
use super::{start, CommandError, Finished, OutputError, Start};
use crate::check::Tally;
use crate::cli::CheckArgs;
use crate::exit::Exit;
use crate::pipeline::{self, Run, RunError};
use crate::write::{workbook, WriteError};

/// `check` reads and normalizes every row — pass 1, then pass 2 without evaluation — counts the
/// data issues per file and severity, and, with `-o`, writes the workbook that shows them on the
/// roster's own cells. Exit 5 while a 错误 is left to fix.
pub fn check(args: &CheckArgs, progress: &mut Progress) -> Result<Finished, CommandError> {
    let policy = super::load_policy(args.policy.as_deref())?;
    let config = args.config(chrono::Local::now().date_naive(), policy)?;
    let outputs = args.output.iter().map(std::path::PathBuf::as_path).collect();
    let run = start(Start { config, outputs, folder: None, quiet: args.quiet }, progress)?;
    let message = match &args.output {
        Some(out) => format!("检查并写出 {}", out.display()),
        None => "检查".to_string(),
    };
    progress.screening(message, run.rows_to_screen());
    let mut tally = Tally::new(&run);
    let checked = match &args.output {
        None => run
            .normalized(|batch| {
                batch.iter().for_each(|r| tally.add(r));
                progress.bar().inc(batch.len() as u64);
                true
            })
            .map_err(OutputError::from),
        Some(out) => write_check(&run, out, &mut tally, progress),
    };
    progress.finish();
    if let Err(e) = checked {
        let written = args.output.iter().map(|out| (out.clone(), false)).collect();
        return Err(CommandError::Outputs { errors: vec![e], written });
    }
    let summary = if args.quiet { String::new() } else { crate::check::report(&run, &tally, args.output.as_deref()) };
    let exit = if tally.has_errors(&run) { Exit::ErrorsLeft } else { Exit::Success };
    Ok(Finished { exit, summary, files: progress::files(&run) })
}

/// Pass 2 of `check` into its workbook: rows normalized on rayon's threads and counted here, each
/// batch written on a thread of its own (so writing one batch overlaps normalizing the next), then
/// the workbook saved.
fn write_check(run: &Run, out: &std::path::Path, tally: &mut Tally, progress: &Progress) -> Result<(), OutputError> {
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
            progress.bar().inc(batch.len() as u64);
            tx.send(batch).is_ok()
        });
        drop(tx);
        writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        read?;
        Ok(())
    })?;
    progress.saving(format!("压缩保存 {}", out.display()));
    book.finish(tally)?;
    Ok(())
}
