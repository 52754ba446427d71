//! Every sheet of a workbook as text, to compare two workbooks' contents with `diff`:
//! `scripts/package-windows.sh` compares the Windows build's workbooks with the Linux build's.
//!
//! ```text
//! sheets WORKBOOK.xlsx
//! ```
//!
//! Prints `== SHEET` and then each row's cells as calamine reads them, separated by tabs; tabs and
//! line breaks inside a cell are written `\t` and `\n`, so that one row is one line.

use calamine::{open_workbook_auto, Reader};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("用法：sheets 工作簿.xlsx");
        return ExitCode::from(2);
    };
    let mut book = match open_workbook_auto(&path) {
        Ok(book) => book,
        Err(e) => {
            eprintln!("{}：无法打开（{e}）", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => {
                eprintln!("{}：工作表“{name}”无法读取（{e}）", path.to_string_lossy());
                return ExitCode::FAILURE;
            }
        };
        let _ = writeln!(out, "== {name}");
        for row in range.rows() {
            let cells: Vec<String> =
                row.iter().map(|c| c.to_string().replace('\t', "\\t").replace('\n', "\\n")).collect();
            let _ = writeln!(out, "{}", cells.join("\t"));
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
