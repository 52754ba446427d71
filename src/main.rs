//! The `guantong` binary: parse the command line, run the command ([`guantong::commands`]), say
//! how it went — and end with the exit code that says it too.

use guantong::cli::Command;
use guantong::commands::progress::{self, Progress};
use guantong::commands::{self, CommandError, Finished};
use guantong::exit::Exit;
use std::process::ExitCode;

fn main() -> ExitCode {
    let exit = run();
    guantong::dropped::hold_console();
    exit.into()
}

fn run() -> Exit {
    let cli = match guantong::cli::parse() {
        Ok(cli) => cli,
        Err(mistake) => {
            eprintln!("错误：{mistake}");
            return Exit::Usage;
        }
    };
    match cli.command {
        Command::Screen(args) => {
            let mut progress = Progress::new(args.quiet, args.progress_json);
            finish(commands::screen::screen(&args, &mut progress), progress, args.quiet, args.progress_json)
        }
        Command::Check(args) => {
            let mut progress = Progress::new(args.quiet, args.progress_json);
            finish(commands::check::check(&args, &mut progress), progress, args.quiet, args.progress_json)
        }
        Command::Compare(args) => {
            let mut progress = Progress::new(args.quiet, args.progress_json);
            finish(commands::compare::compare(&args, &mut progress), progress, args.quiet, args.progress_json)
        }
        Command::Template(args) => said(commands::policy::template(&args)),
        Command::Policy(command) => said(commands::policy::policy(&command)),
        Command::Serve(args) => guantong::serve::main(&args),
        Command::ReadWorker => {
            // Nobody reads an error of the worker's own: its parent reports the file.
            let served = guantong::read::worker::serve(std::io::stdin().lock(), std::io::stdout().lock());
            if served.is_err() {
                Exit::Error
            } else {
                Exit::Success
            }
        }
    }
}

/// The end of a command that read rosters: its summary (unless `quiet`), or its errors, on the
/// terminal; with `--progress-json` also as the last JSON line.
fn finish(result: Result<Finished, CommandError>, mut progress: Progress, quiet: bool, json: bool) -> Exit {
    progress.finish();
    match result {
        Ok(Finished { exit, summary, files }) => {
            if !quiet {
                eprint!("{summary}");
            }
            if json {
                progress::say_done(exit, &files, &summary);
            }
            exit
        }
        Err(e) => {
            let lines = e.lines();
            lines.iter().for_each(|line| eprintln!("{line}"));
            if json {
                progress::say_done(e.exit(), &[], &lines.join("\n"));
            }
            e.exit()
        }
    }
}

/// The end of a command that reads no roster: its errors on the terminal.
fn said(result: Result<Exit, CommandError>) -> Exit {
    result.unwrap_or_else(|e| {
        e.lines().iter().for_each(|line| eprintln!("{line}"));
        e.exit()
    })
}

/// mimalloc: every row allocates its strings (reasons, issues, cells) on both cores, and the
/// writers allocate per cell; glibc's allocator took a fifth of the evaluation's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
