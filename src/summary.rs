//! What the terminal shows: what was read before screening, and a short summary after.

use crate::model::Status;
use crate::pipeline::{Run, SheetOutcome, Source, Tally};
use crate::policy::Policy;
use std::fmt::Write;
use std::path::Path;

/// One file's sheet: the header found, the columns matched, the rows read and skipped — printed
/// as soon as the sheet is read, before its rows are screened.
pub fn source(file: &str, s: &Source) -> String {
    let mut out = String::new();
    match (&s.outcome, &s.layout) {
        (SheetOutcome::Screened, Some(layout)) => {
            let (matched, passed) = (layout.matched(), layout.passed_through());
            let _ = writeln!(
                out,
                "读取 {file}「{}」：表头{}，数据{}行（跳过空行{}、表尾{}、重复表头{}{}）",
                s.sheet,
                s.header_rows(),
                s.rows_read,
                s.blank_rows,
                s.footer_rows,
                s.repeated_headers,
                [("示例行", s.example_rows), ("说明行", s.note_rows)]
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(what, n)| format!("、{what}{n}"))
                    .collect::<String>()
            );
            let _ = writeln!(out, "  识别的列：{}", matched.join("，"));
            if !passed.is_empty() {
                let _ = writeln!(out, "  原样保留的列：{}", passed.join("，"));
            }
            if let Some(unread) = layout.unread_said() {
                let _ = writeln!(out, "  提示：{unread}");
            }
            if s.rows_read == 0 {
                let _ = writeln!(out, "  注意：表头下没有数据行");
            }
            if let Some(problem) = &s.partly_read {
                let _ = writeln!(out, "  警告：{problem}");
            }
        }
        (SheetOutcome::Skipped(why), _) => {
            let _ = writeln!(out, "跳过 {file}「{}」：{why}", s.sheet);
        }
        _ => {}
    }
    out
}

/// Rows, people per route and status, data issues, and where the outputs are.
pub fn results(run: &Run, tally: &Tally, workbook: Option<&Path>, jsonl: Option<&Path>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "政策：{}", policy(run.config.policy));
    if let Some(warning) = outside_dates(run.config.policy, run.config.as_of) {
        let _ = writeln!(out, "  警告：{warning}");
    }
    let _ = writeln!(
        out,
        "评价日期 {}，共筛选 {} 行",
        crate::normalize::date::iso(run.config.as_of),
        thousands(tally.rows)
    );
    for (route, counts) in [("技能→职称", &tally.title), ("职称→技能", &tally.skill)] {
        let parts: Vec<String> =
            Status::ALL.iter().zip(counts).map(|(s, n)| format!("{} {}", s.label(), thousands(*n))).collect();
        let _ = writeln!(out, "  {route}：{}", parts.join("，"));
    }
    if let Some(lacking) = lacking_columns(run) {
        let _ = writeln!(out, "  注意：{lacking}");
    }
    let _ = writeln!(out, "  数据问题 {} 条（{}）", thousands(tally.issues), severities(&tally.by_severity));
    if tally.issues > 0 {
        let _ = writeln!(out, "    错误：值无法使用，须更正；待核实：值含糊或不全，可能改变结论；提示：不影响任何结论");
    }
    if let Some(p) = workbook {
        let _ = writeln!(out, "工作簿：{}", p.display());
    }
    if let Some(p) = jsonl {
        let _ = writeln!(out, "JSONL：{}", p.display());
    }
    out
}

/// The policy in one line: its number, name, a test policy's note, and where it came from.
pub fn policy(p: &Policy) -> String {
    let d = &p.document;
    let note = d.note.map(|n| format!("【{n}】")).unwrap_or_default();
    format!("{}《{}》{note}，{}", d.number, d.name, p.source.describe())
}

/// The dates the policy applies, as a person reads them (`2020-05-25起`).
pub fn policy_dates(p: &Policy) -> String {
    let iso = crate::normalize::date::iso;
    match (p.document.applies_from, p.document.applies_until) {
        (Some(from), Some(until)) => format!("{}至{}", iso(from), iso(until)),
        (Some(from), None) => format!("{}起", iso(from)),
        (None, Some(until)) => format!("{}止", iso(until)),
        (None, None) => "未写明".to_string(),
    }
}

/// Said when the evaluation date is outside the dates the policy applies.
pub fn outside_dates(p: &Policy, as_of: chrono::NaiveDate) -> Option<String> {
    (!p.applies_on(as_of)).then(|| {
        format!(
            "评价日期 {} 不在{}的施行期间（{}）内，结果仅供参考",
            crate::normalize::date::iso(as_of),
            p.document.number,
            policy_dates(p)
        )
    })
}

/// `1,234,567`: counts as people read them.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Files that could not be read and sheets that could not be screened, in words:
/// `1 个文件无法读取、2 个工作表无法筛选` (`None` when there are none).
pub fn not_screened(unreadable: usize, failed: usize) -> Option<String> {
    let mut said = Vec::new();
    if unreadable > 0 {
        said.push(format!("{unreadable} 个文件无法读取"));
    }
    if failed > 0 {
        said.push(format!("{failed} 个工作表无法筛选"));
    }
    (!said.is_empty()).then(|| said.join("、"))
}

/// Screened sheets without a column a route starts from, in words: `2 个工作表没有职称列（职称→技能
/// 路径无从判断）` — so that a route's 不适用 for a whole sheet is never read as a finding about people.
pub fn lacking_columns(run: &Run) -> Option<String> {
    use crate::read::header::Key;
    let screened =
        || run.sources.iter().filter(|s| s.outcome == SheetOutcome::Screened).filter_map(|s| s.layout.as_ref());
    let lacking = |a: Key, b: Key| screened().filter(|l| !l.has(a) && !l.has(b)).count();
    let mut said = Vec::new();
    for (n, column, route) in [
        (lacking(Key::SkillLevel, Key::SkillLevelAndDate), "技能等级", "技能→职称"),
        (lacking(Key::Title, Key::TitleAndDate), "职称", "职称→技能"),
    ] {
        if n > 0 {
            said.push(format!("{n} 个工作表没有{column}列（{route}路径无从判断）"));
        }
    }
    (!said.is_empty()).then(|| said.join("、"))
}

/// Data issues per severity: `错误 3，待核实 12，提示 210`.
pub fn severities(counts: &[usize; 3]) -> String {
    crate::normalize::Severity::ALL
        .iter()
        .zip(counts)
        .map(|(s, n)| format!("{} {}", s.label(), thousands(*n)))
        .collect::<Vec<_>>()
        .join("，")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
