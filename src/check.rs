//! `guantong check`: an enterprise's roster read and normalized — no evaluation — and its data
//! issues counted, for the terminal and for the workbook's 检查结果 (`write::workbook::check`).
//!
//! The counts are those of the lines of 数据问题: every data issue of every row, plus one line per
//! file that could not be read (错误), sheet that could not be checked (错误), sheet read only in
//! part (待核实) and sheet with kept columns that look like ones to read (提示) — so the terminal,
//! 检查结果 and 数据问题 always agree.

use crate::normalize::Severity;
use crate::pipeline::{Normalized, Run, SheetOutcome};
use crate::summary::{severities, thousands};
use std::fmt::Write;
use std::path::Path;

/// Issues per severity, in the order of [`Severity::ALL`].
pub type Counts = [usize; 3];

/// What a check found, source by source.
#[derive(Debug, Clone)]
pub struct Tally {
    /// Per source (as [`Run::sources`]): the data rows checked and their issues per severity.
    rows: Vec<usize>,
    issues: Vec<Counts>,
}

impl Tally {
    pub fn new(run: &Run) -> Tally {
        Tally { rows: vec![0; run.sources.len()], issues: vec![[0; 3]; run.sources.len()] }
    }

    pub fn add(&mut self, r: &Normalized) {
        self.rows[r.source] += 1;
        for issue in &r.person.issues {
            self.issues[r.source][issue.severity as usize] += 1;
        }
    }

    /// The data rows checked.
    pub fn rows(&self) -> usize {
        self.rows.iter().sum()
    }

    /// Source `at`'s lines of 数据问题 per severity: its rows' issues, and the sheet itself when it
    /// could not be checked (错误), was read only in part (待核实) or kept columns that look like
    /// ones to read (提示).
    pub fn source(&self, run: &Run, at: usize) -> Counts {
        let mut counts = self.issues[at];
        let s = &run.sources[at];
        if matches!(s.outcome, SheetOutcome::Failed(_)) {
            counts[Severity::Error as usize] += 1;
        }
        if s.partly_read.is_some() {
            counts[Severity::Review as usize] += 1;
        }
        // Kept columns that look like a credential, honour or integrity column (提示, with --map).
        if s.outcome == SheetOutcome::Screened && s.layout.as_ref().and_then(|l| l.unread_said()).is_some() {
            counts[Severity::Note as usize] += 1;
        }
        counts
    }

    /// File `at`'s lines of 数据问题 per severity: its sheets', or one 错误 when it could not be read.
    pub fn file(&self, run: &Run, at: usize) -> Counts {
        let mut counts = [0; 3];
        if run.files[at].outcome.is_unreadable() {
            counts[Severity::Error as usize] += 1;
        }
        for (i, _) in run.sources.iter().enumerate().filter(|(_, s)| s.file == at) {
            add(&mut counts, self.source(run, i));
        }
        counts
    }

    /// Every line of 数据问题 per severity.
    pub fn total(&self, run: &Run) -> Counts {
        let mut counts = [0; 3];
        for at in 0..run.files.len() {
            add(&mut counts, self.file(run, at));
        }
        counts
    }

    /// Data rows checked in file `at`.
    pub fn file_rows(&self, run: &Run, at: usize) -> usize {
        run.sources.iter().zip(&self.rows).filter(|(s, _)| s.file == at).map(|(_, n)| n).sum()
    }

    /// Whether anything is left to fix before the roster is handed in.
    pub fn has_errors(&self, run: &Run) -> bool {
        self.total(run)[Severity::Error as usize] > 0
    }
}

fn add(to: &mut Counts, more: Counts) {
    for (t, m) in to.iter_mut().zip(more) {
        *t += m;
    }
}

/// The terminal's report: a line per file read (or not), the total, where the workbook is, and
/// what to do next.
pub fn report(run: &Run, tally: &Tally, workbook: Option<&Path>) -> String {
    let mut out = String::new();
    for (at, file) in run.files.iter().enumerate().filter(|(_, f)| !f.outcome.is_skipped()) {
        let counts = tally.file(run, at);
        let what = if file.outcome.is_unreadable() {
            "无法读取".to_string()
        } else {
            format!("{}行", thousands(tally.file_rows(run, at)))
        };
        let _ = writeln!(out, "检查 {}：{what}，{}", file.display, severities(&counts));
    }
    let total = tally.total(run);
    let files = run.files.iter().filter(|f| !f.outcome.is_skipped()).count();
    let _ = writeln!(
        out,
        "合计：{}个文件，{}行，数据问题 {} 条（{}）",
        thousands(files),
        thousands(tally.rows()),
        thousands(total.iter().sum()),
        severities(&total)
    );
    if total.iter().any(|&n| n > 0) {
        let _ = writeln!(out, "  错误：值无法使用，须更正；待核实：值含糊或不全，可能改变结论；提示：不影响任何结论");
    }
    if let Some(p) = workbook {
        let _ = writeln!(out, "工作簿：{}（有问题的单元格已着色并带批注，行号与原表相同）", p.display());
    }
    let next = if tally.has_errors(run) {
        "请在名册中改正“错误”后再次检查（guantong check），没有错误后再报送"
    } else if total[Severity::Review as usize] > 0 {
        "没有错误；“待核实”的内容请对照原始材料核实后报送"
    } else {
        "没有错误，可以报送"
    };
    let _ = writeln!(out, "{next}");
    out
}
