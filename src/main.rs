//! The `guantong` binary: parse, validate, run, write, summarise — and say with the exit code how
//! it went.

use clap::Parser;
use guantong::cli::{Cli, Command, ScreenArgs};
use guantong::pipeline::{self, Run};
use guantong::policy::ANSHAN_2020_33;
use guantong::summary;
use guantong::write::{self, workbook};
use std::process::ExitCode;

const EXIT_ERROR: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_UNREADABLE: u8 = 3;
const EXIT_PARTIAL: u8 = 4;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Screen(args) => screen(&args),
    }
}

fn screen(args: &ScreenArgs) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let config = match args.config(today) {
        Ok(c) => c,
        Err(e) => return fail(EXIT_USAGE, &e),
    };
    for out in args.output.iter().chain(&args.jsonl) {
        if let Err(e) = write::check_not_input(out, &config.inputs) {
            return fail(EXIT_USAGE, &e);
        }
    }
    let run = match pipeline::run(config, &ANSHAN_2020_33) {
        Ok(run) => run,
        Err(e) => return fail(EXIT_UNREADABLE, &e),
    };
    for file in run.files.iter().filter(|f| f.error.is_some()) {
        eprintln!("错误：{}", file.error.as_deref().unwrap_or_default());
    }
    for s in run.failed_sheets() {
        if let pipeline::SheetOutcome::Failed(why) = &s.outcome {
            eprintln!("错误：{}「{}」：{why}", run.files[s.file].display, s.sheet);
        }
    }
    if run
        .sources
        .iter()
        .all(|s| s.outcome != pipeline::SheetOutcome::Screened)
    {
        let why = if run.unreadable_files() == run.files.len() {
            "所有输入文件都无法读取"
        } else {
            "没有找到可筛选的名册（需要包含“姓名”和技能等级或职称列的表头）"
        };
        return fail(EXIT_UNREADABLE, &why);
    }
    if !args.quiet {
        eprint!("{}", summary::inputs(&run));
    }
    if let Err(code) = write_outputs(args, &run) {
        return code;
    }
    if !args.quiet {
        eprint!(
            "{}",
            summary::results(&run, args.output.as_deref(), args.jsonl.as_deref())
        );
    }
    if run.unreadable_files() > 0 || run.failed_sheets().count() > 0 {
        ExitCode::from(EXIT_PARTIAL)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_outputs(args: &ScreenArgs, run: &Run) -> Result<(), ExitCode> {
    if let Some(path) = &args.jsonl {
        write::jsonl::write(path, run).map_err(|e| fail(EXIT_ERROR, &e))?;
    }
    if let Some(path) = &args.output {
        let options = workbook::Options {
            max_rows: args.max_rows_per_sheet,
        };
        workbook::write(path, run, &ANSHAN_2020_33, options).map_err(|e| fail(EXIT_ERROR, &e))?;
    }
    Ok(())
}

fn fail(code: u8, error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("错误：{error}");
    ExitCode::from(code)
}
