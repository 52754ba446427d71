//! Evaluation alone: how many roster rows per second `normalize::person` + `evaluate::evaluate`
//! get through, with reading and writing left out of the clock.
//!
//! ```text
//! eval_only ROSTER.csv [--as-of 2025-12-31] [--repeat N]
//! ```
//!
//! The roster is read with the library's own reader (`guantong::read::read_file`) and its header
//! located with `guantong::read::header::locate`; then, timed: normalize + evaluate on one thread,
//! the same across rayon's pool (as `pipeline.rs` does), and normalize and evaluate separately on
//! one thread. Each is run `--repeat` times (default 3) and the best is reported. It uses the
//! binary's allocator (mimalloc), so it measures what `guantong screen` runs.

use guantong::evaluate::evaluate;
use guantong::normalize::{person, Context, Person};
use guantong::policy::Policy;
use guantong::read::header::locate;
use guantong::read::{read_file, RawRow};
use rayon::prelude::*;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn best(repeat: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..repeat {
        let start = Instant::now();
        n = black_box(f());
        best = best.min(start.elapsed());
    }
    (best, n)
}

fn report(what: &str, rows: usize, d: Duration) {
    let secs = d.as_secs_f64();
    println!("{what:<36} {rows:>9} rows {secs:>8.3} s {:>12.0} rows/s", rows as f64 / secs);
}

fn main() -> ExitCode {
    let mut input = None;
    let mut as_of = "2025-12-31".to_string();
    let mut repeat = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--as-of" => as_of = args.next().unwrap_or_default(),
            "--repeat" => repeat = args.next().and_then(|s| s.parse().ok()).unwrap_or(3).max(1),
            _ if input.is_none() => input = Some(PathBuf::from(a)),
            _ => {
                eprintln!("usage: eval_only ROSTER.csv [--as-of YYYY-MM-DD] [--repeat N]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(input) = input else {
        eprintln!("usage: eval_only ROSTER.csv [--as-of YYYY-MM-DD] [--repeat N]");
        return ExitCode::from(2);
    };
    let Ok(as_of) = chrono::NaiveDate::parse_from_str(&as_of, "%Y-%m-%d") else {
        eprintln!("bad --as-of {as_of}");
        return ExitCode::from(2);
    };

    let start = Instant::now();
    let sheets = match read_file(&input, &[]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(sheet) = sheets.into_iter().next() else {
        eprintln!("no sheet");
        return ExitCode::FAILURE;
    };
    let layout = match locate(&sheet, &[]) {
        Ok(l) => l,
        Err(p) => {
            eprintln!("{}", p.message());
            return ExitCode::FAILURE;
        }
    };
    let rows: &[RawRow] = &sheet.rows[layout.header_row + 1..];
    let n = rows.len();
    println!(
        "read {} rows in {:.3} s (not counted below); {} threads",
        n,
        start.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );

    let ctx = Context::new(Policy::embedded(), as_of);
    let (d, _) = best(repeat, || {
        rows.iter()
            .map(|row| {
                let p = person(row, &layout, &ctx);
                black_box(evaluate(&p, ctx.policy, as_of)).vetoed as usize
            })
            .sum::<usize>()
    });
    report("normalize + evaluate, 1 thread", n, d);

    let (d, _) = best(repeat, || {
        rows.par_iter()
            .map(|row| {
                let p = person(row, &layout, &ctx);
                black_box(evaluate(&p, ctx.policy, as_of)).vetoed as usize
            })
            .sum::<usize>()
    });
    report("normalize + evaluate, rayon", n, d);

    let mut persons: Vec<Person> = Vec::new();
    let (d, _) = best(repeat, || {
        persons = rows.iter().map(|row| person(row, &layout, &ctx)).collect();
        persons.len()
    });
    report("normalize only, 1 thread", n, d);

    let (d, _) = best(repeat, || {
        persons.iter().map(|p| black_box(evaluate(p, ctx.policy, as_of)).vetoed as usize).sum::<usize>()
    });
    report("evaluate only, 1 thread", n, d);
    ExitCode::SUCCESS
}

/// The same allocator as `src/main.rs`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
