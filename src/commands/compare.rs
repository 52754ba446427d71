//! `compare`: the rosters read once, every row screened under policy A and under policy B (or one
//! policy on two dates) in the same pass, and what differs written out.

use super::progress::{self, Progress};
use super::{partial_or_success, start, CommandError, Finished, OutputError, Start};
use crate::cli::CompareArgs;
use crate::evaluate::change::Change;
use crate::pipeline::{Against, Compared, Run};
use crate::summary::thousands;
use crate::write::{jsonl, workbook, WriteError};
use std::path::PathBuf;

/// `compare`: reads the rosters, screens every row on both sides, writes the rows that differ.
pub fn compare(args: &CompareArgs, progress: &mut Progress) -> Result<Finished, CommandError> {
    let today = chrono::Local::now().date_naive();
    let a = super::load_policy(args.policy.as_deref())?;
    let b = match &args.against {
        Some(path) => super::load_policy(Some(path))?,
        None => a,
    };
    let (config, b_as_of) = args.config(today, a, b)?;
    if let Some(warning) = crate::summary::outside_dates(b, b_as_of).filter(|_| !std::ptr::eq(a, b)) {
        eprintln!("警告（B）：{warning}");
    }
    let against = Against { policy: b, as_of: b_as_of, facts: b.fact_columns_after(a) };
    let outputs = args.output.iter().chain(&args.jsonl).map(PathBuf::as_path).collect();
    let run = start(Start { config, outputs, folder: None, quiet: args.quiet }, progress)?;
    let written = write(args, &run, &against, progress);
    progress.finish();
    let counts = written.map_err(|(errors, pass_done)| {
        // After a whole pass each output is finished on its own: say which were.
        let failed: Vec<&std::path::Path> = errors.iter().filter_map(OutputError::path).collect();
        let written = args
            .output
            .iter()
            .chain(&args.jsonl)
            .map(|out| (out.clone(), pass_done && !failed.contains(&out.as_path())))
            .collect();
        CommandError::Outputs { errors, written }
    })?;
    let summary = said(&run, &against, &counts, args);
    Ok(Finished { exit: partial_or_success(&run), summary, files: progress::files(&run) })
}

/// Pass 2 into the outputs. An output that fails during the pass stops it (both are written from
/// the one pass); after it, each is finished on its own. The error says whether the pass was done.
fn write(
    args: &CompareArgs,
    run: &Run,
    against: &Against,
    progress: &Progress,
) -> Result<workbook::CompareCounts, (Vec<OutputError>, bool)> {
    let out = |e: WriteError| (vec![OutputError::from(e)], false);
    let name = args.output.as_ref().or(args.jsonl.as_ref()).map(|p| p.display().to_string()).unwrap_or_default();
    progress.screening(format!("对比并写出 {name}"), run.rows_to_screen());
    let command_line = workbook::command_line(std::env::args_os());
    let mut book = match &args.output {
        Some(path) => Some(
            workbook::Comparison::new(path, run, against, args.all, command_line, workbook::DEFAULT_ZIP_LEVEL)
                .map_err(out)?,
        ),
        None => None,
    };
    let mut lines = match &args.jsonl {
        Some(path) => Some(jsonl::CompareWriter::new(path, run, against, args.all).map_err(out)?),
        None => None,
    };
    let mut counts = workbook::CompareCounts::default();
    let mut failed: Option<WriteError> = None;
    let read = run.compare(against, progress.bar(), |batch: Vec<Compared>| {
        let taken = match (&mut book, &mut lines) {
            (Some(book), Some(lines)) => book.take(&batch).and_then(|()| lines.take(&batch)),
            (Some(book), None) => book.take(&batch),
            (None, Some(lines)) => {
                counts.add_all(&batch, against);
                lines.take(&batch)
            }
            (None, None) => Ok(()),
        };
        failed = taken.err();
        failed.is_none()
    });
    read.map_err(|e| (vec![OutputError::from(e)], false))?;
    if let Some(e) = failed {
        return Err(out(e));
    }
    let mut errors = Vec::new();
    if let Some(lines) = lines {
        errors.extend(lines.finish().err().map(OutputError::from));
    }
    if let Some(book) = book {
        progress.saving(format!("压缩保存 {name}"));
        match book.finish() {
            Ok(counted) => counts = counted,
            Err(e) => errors.push(e.into()),
        }
    }
    if errors.is_empty() {
        Ok(counts)
    } else {
        Err((errors, true))
    }
}

/// The terminal's headline: the two sides, how many differ, each route's changes.
fn said(run: &Run, against: &Against, counts: &workbook::CompareCounts, args: &CompareArgs) -> String {
    let mut out = format!(
        "对比：A {} → B {}\n共 {} 人，结论不同 {} 人\n",
        workbook::side(run.config.policy, run.config.as_of),
        workbook::side(against.policy, against.as_of),
        thousands(counts.people),
        thousands(counts.changed)
    );
    for (route, name) in ["技能→职称", "职称→技能"].iter().enumerate() {
        let kinds: Vec<String> = Change::ALL
            .iter()
            .zip(counts.routes[route])
            .filter(|(_, n)| *n > 0)
            .map(|(c, n)| format!("{} {}", c.label(), thousands(n)))
            .collect();
        let kinds = if kinds.is_empty() { "没有变化".to_string() } else { kinds.join("，") };
        out.push_str(&format!("  {name}：{kinds}\n"));
    }
    for (what, path) in [("工作簿", &args.output), ("JSONL", &args.jsonl)] {
        if let Some(path) = path {
            out.push_str(&format!("{what}：{}\n", path.display()));
        }
    }
    out
}
