//! Files or folders dropped on the program: what Explorer does when they are dropped on
//! `guantong.exe` is start it with their paths and nothing else. Such a command line is screened
//! with the defaults (评价日期 today, `筛选结果_YYYYMMDD.xlsx` and `.jsonl` in the folder that holds the
//! first path), and on Windows the console window that would close with the process is held open
//! until Enter, so that the summary can be read.

use chrono::NaiveDate;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// What the arguments after the program's name are.
#[derive(Debug, PartialEq, Eq)]
pub enum Arguments {
    /// A command line as typed: a subcommand, an option, or nothing.
    Typed,
    /// Paths only, every one of them there: dropped on the program.
    Dropped(Vec<PathBuf>),
    /// Paths only, as far as can be told, but these are not there.
    Missing(Vec<PathBuf>),
}

/// Tells dropped paths from a typed command line. The first argument decides: a subcommand's name
/// (`screen`, `check`, …), an option (`-…`) or anything that is not a file or folder is typed, and
/// left to the command line's parser (a mistyped subcommand gets its suggestion there). A first
/// argument that is there starts a list of paths: dropped when every one of them is there, else
/// the missing ones are reported.
pub fn arguments(args: &[OsString], subcommands: &[&str]) -> Arguments {
    let there = |p: &PathBuf| std::fs::symlink_metadata(p).is_ok();
    let Some(first) = args.first() else { return Arguments::Typed };
    if first.to_string_lossy().starts_with('-')
        || subcommands.iter().any(|s| OsStr::new(s) == first)
        || !there(&PathBuf::from(first))
    {
        return Arguments::Typed;
    }
    let (found, missing): (Vec<PathBuf>, Vec<PathBuf>) = args.iter().map(PathBuf::from).partition(there);
    if missing.is_empty() {
        Arguments::Dropped(found)
    } else {
        Arguments::Missing(missing)
    }
}

/// What is wrong with a list of paths of which `missing` are not there: an option given after
/// them (this way of starting takes none), or paths to check.
pub fn missing(missing: &[PathBuf]) -> String {
    let quoted = |p: &PathBuf| format!("“{}”", p.display());
    if let Some(option) = missing.iter().find(|p| p.as_os_str().to_string_lossy().starts_with('-')) {
        return format!(
            "只给名册文件或文件夹时按默认设置筛选，不能再加选项 {}；要用选项请写 guantong screen 名册文件或文件夹 -o 结果.xlsx {}",
            quoted(option),
            option.display()
        );
    }
    let names: Vec<String> = missing.iter().map(quoted).collect();
    format!(
        "找不到文件或文件夹 {}；请检查路径，或用 guantong screen 名册文件或文件夹 -o 结果.xlsx 筛选（guantong --help 查看全部命令）",
        names.join("、")
    )
}

/// The command line that screens dropped paths: `screen -o … --jsonl … -- PATHS`, the outputs
/// from [`outputs`]. `--` keeps a path that starts with `-` a path.
pub fn screen_command(program: OsString, paths: &[PathBuf], today: NaiveDate) -> Vec<OsString> {
    let (workbook, jsonl) = outputs(&paths[0], today);
    let mut argv = vec![program, "screen".into(), "-o".into(), workbook.into(), "--jsonl".into(), jsonl.into()];
    argv.push("--".into());
    argv.extend(paths.iter().map(|p| p.clone().into_os_string()));
    argv
}

/// `筛选结果_YYYYMMDD.xlsx` and `.jsonl` in the folder holding `first` (a dropped folder's results
/// go beside it, not into it, so that screening the folder again does not read them as a roster;
/// a drive's root has no folder above it and holds them itself). When either name is taken, the
/// pair is numbered `(2)`, `(3)`, … so that no file is replaced and both carry the same name.
pub fn outputs(first: &Path, today: NaiveDate) -> (PathBuf, PathBuf) {
    let first = std::path::absolute(first).unwrap_or_else(|_| first.to_path_buf());
    let folder = match first.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => first.clone(),
    };
    let stem = format!("筛选结果_{}", today.format("%Y%m%d"));
    let pair = |name: &str| (folder.join(format!("{name}.xlsx")), folder.join(format!("{name}.jsonl")));
    let taken =
        |(w, j): &(PathBuf, PathBuf)| std::fs::symlink_metadata(w).is_ok() || std::fs::symlink_metadata(j).is_ok();
    let first_pair = pair(&stem);
    if !taken(&first_pair) {
        return first_pair;
    }
    (2u32..).map(|n| pair(&format!("{stem}({n})"))).find(|p| !taken(p)).expect("some number is free")
}

/// Whether the console window is this process's alone (Explorer opened it for a drop or a
/// double-click) and would close with it: not in a console someone opened, nor with input from a
/// file or pipe.
#[cfg(windows)]
pub fn console_is_ours() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && windows::console_is_ours_alone()
}

/// Outside Windows a console is never the program's own: a terminal was opened by someone.
#[cfg(not(windows))]
pub fn console_is_ours() -> bool {
    false
}

/// Waits for Enter when the console is the program's own ([`console_is_ours`]), so that what was
/// said can be read before the window closes; otherwise returns at once.
pub fn hold_console() {
    if console_is_ours() {
        eprint!("\n按回车键关闭本窗口……");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
}

#[cfg(windows)]
mod windows {
    #[link(name = "kernel32")]
    extern "system" {
        /// <https://learn.microsoft.com/windows/console/getconsoleprocesslist>: the processes
        /// attached to the console; 0 on failure (no console).
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }

    /// Whether this process is the only one attached to its console: a console started by a
    /// shell (cmd, PowerShell) has the shell attached too.
    pub fn console_is_ours_alone() -> bool {
        let mut list = [0u32; 2];
        // SAFETY: `list` holds the 2 process ids the call is told it may write.
        let attached = unsafe { GetConsoleProcessList(list.as_mut_ptr(), 2) };
        attached == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMANDS: [&str; 4] = ["screen", "check", "template", "policy"];

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_subcommand_an_option_or_nothing_is_typed() {
        let dir = tempfile::tempdir().unwrap();
        let there = dir.path().to_str().unwrap();
        for args in [vec![], vec!["screen", there], vec!["--help"], vec!["-V"], vec!["check", there]] {
            assert_eq!(arguments(&os(&args), &COMMANDS), Arguments::Typed, "{args:?}");
        }
    }

    #[test]
    fn paths_that_are_all_there_are_dropped_and_a_missing_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("花名册 2025.xlsx");
        std::fs::write(&file, b"x").unwrap();
        let folder = dir.path().to_path_buf();
        let args = os(&[file.to_str().unwrap(), folder.to_str().unwrap()]);
        assert_eq!(arguments(&args, &COMMANDS), Arguments::Dropped(vec![file.clone(), folder.clone()]));
        let gone = dir.path().join("没有.xlsx");
        let args = os(&[file.to_str().unwrap(), gone.to_str().unwrap()]);
        assert_eq!(arguments(&args, &COMMANDS), Arguments::Missing(vec![gone]));
        // The first not there: a mistyped subcommand, left to the parser's suggestion.
        assert_eq!(arguments(&os(&["scren", file.to_str().unwrap()]), &COMMANDS), Arguments::Typed);
    }

    #[test]
    fn outputs_go_beside_a_dropped_folder_and_number_rather_than_replace() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("各单位报送");
        std::fs::create_dir(&folder).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let (w, j) = outputs(&folder, day);
        assert_eq!(w, dir.path().join("筛选结果_20261202.xlsx"));
        assert_eq!(j, dir.path().join("筛选结果_20261202.jsonl"));
        // Only the JSONL is there: both move to (2), so the pair keeps one name.
        std::fs::write(&j, b"").unwrap();
        assert_eq!(outputs(&folder, day).0, dir.path().join("筛选结果_20261202(2).xlsx"));
        std::fs::write(dir.path().join("筛选结果_20261202(2).xlsx"), b"").unwrap();
        assert_eq!(outputs(&folder, day).1, dir.path().join("筛选结果_20261202(3).jsonl"));
        // A file: beside it, in its folder.
        let file = folder.join("a.csv");
        assert_eq!(outputs(&file, day).0, folder.join("筛选结果_20261202.xlsx"));
    }

    #[test]
    fn the_screen_command_keeps_a_path_that_starts_with_a_dash() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let argv = screen_command("guantong".into(), &[PathBuf::from("/r/-名册.csv")], day);
        let text: Vec<String> = argv.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(text[..3], ["guantong", "screen", "-o"]);
        assert!(text[3].ends_with("筛选结果_20260105.xlsx"), "{}", text[3]);
        assert_eq!(text[4], "--jsonl");
        assert_eq!(text[6..], ["--", "/r/-名册.csv"]);
    }
}
