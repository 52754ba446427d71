//! Helpers that keep each integration test a few lines long.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture in `tests/data`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// A fresh folder for one test; removed when dropped.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Copies a fixture in, so a test can never touch the original.
    pub fn copy(&self, fixture: &str) -> PathBuf {
        let to = self.path(fixture);
        std::fs::copy(data(fixture), &to).expect("copy fixture");
        to
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let to = self.path(name);
        std::fs::write(&to, bytes).expect("write");
        to
    }

    /// Runs `guantong` with these arguments in this folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_guantong"))
            .args(args)
            .current_dir(self.tmp.path())
            .output()
            .expect("run guantong")
    }

    /// `guantong screen INPUT --as-of AS_OF --jsonl out.jsonl -o out.xlsx -q EXTRA…`, expecting success;
    /// returns the JSONL lines.
    pub fn screen(&self, input: &str, as_of: &str, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["screen", input, "--as-of", as_of, "--jsonl", "out.jsonl", "-o", "out.xlsx", "-q"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr(&out));
        jsonl(&self.path("out.jsonl"))
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("read jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// A JSONL line without the keys that say where it came from.
pub fn without_place(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        for k in ["file", "sheet", "row"] {
            o.remove(k);
        }
    }
    v
}

/// The cells of a sheet as text, row by row (calamine reads back what we wrote).
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).expect("open workbook");
    let range = wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

pub fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::{open_workbook_auto, Reader};
    open_workbook_auto(path).expect("open workbook").sheet_names()
}
