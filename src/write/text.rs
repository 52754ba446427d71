//! The plain-language texts both writers share: statuses, reasons and the decision's columns.

use crate::evaluate::Decision;
use crate::normalize::date::iso;
use crate::policy::Policy;

/// The reasons of a decision, open points marked 待核实.
pub fn reasons(d: &Decision) -> Vec<String> {
    d.trace.reasons.iter().cloned().chain(open_points(d)).collect()
}

/// A 待核实 mark before each open point.
const OPEN: &str = "待核实：";

/// The open points of a decision, each marked 待核实.
pub fn open_points(d: &Decision) -> impl Iterator<Item = String> + '_ {
    d.trace.verify.iter().map(|v| format!("{OPEN}{v}"))
}

/// [`reasons`] as one cell's text, a line each — built in one string: the 筛选结果 writer does this
/// for every row, and its thread is the one the run waits for.
pub fn reason_lines(d: &Decision) -> String {
    let mut out = String::new();
    let verify = d.trace.verify.iter().map(|v| (OPEN, v));
    for (i, (mark, line)) in d.trace.reasons.iter().map(|r| ("", r)).chain(verify).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(mark);
        out.push_str(line);
    }
    out
}

/// The clause ids, in the document's order.
pub fn clauses(d: &Decision, policy: &Policy) -> Vec<&'static str> {
    d.trace.clauses.iter(policy.clauses).map(|c| c.name()).collect()
}

/// `工程师（2027-05-20）`
pub fn next_title(d: &Decision) -> String {
    d.title.next.map(|n| format!("{}（{}）", n.to, iso(n.date))).unwrap_or_default()
}

pub fn next_level(d: &Decision) -> String {
    d.skill.next.map(|n| format!("{}（{}）", n.to, iso(n.date))).unwrap_or_default()
}

pub fn basis(d: &Decision) -> String {
    d.title
        .exceptional_basis
        .iter()
        .map(|b| {
            let mark = if b.confirmed { "" } else { "，待核实" };
            format!("{}→{}（{}{mark}）", b.award, b.tier, b.clause)
        })
        .collect::<Vec<_>>()
        .join("；")
}

pub fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "是",
        Some(false) => "否",
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::evaluate;
    use crate::normalize::{person, Context};
    use crate::policy::Policy;
    use crate::read::header::locate;
    use crate::read::{Cell, RawRow, RawSheet};
    use chrono::NaiveDate;

    /// One row with reasons and open points: the cell text is the JSONL's list, a line each.
    #[test]
    fn reason_lines_are_the_reasons_one_per_line() {
        let text = |v: &[&str]| v.iter().map(|s| Cell::Text((*s).into())).collect();
        let sheet = RawSheet {
            sheet: "s".into(),
            merged: Vec::new(),
            rows: vec![
                RawRow { number: 1, cells: text(&["姓名", "技能等级", "技能等级取得时间", "职称"]) },
                RawRow { number: 2, cells: text(&["张三", "技师", "2019年", "助理工程师"]) },
            ],
        };
        let layout = locate(&sheet, &[]).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let ctx = Context::new(Policy::embedded(), as_of);
        let d = evaluate(&person(&sheet.rows[1], &layout, &ctx), Policy::embedded(), as_of);
        assert!(!d.trace.reasons.is_empty() && !d.trace.verify.is_empty(), "{:?}", d.trace);
        assert_eq!(reason_lines(&d), reasons(&d).join("\n"));
        assert!(reason_lines(&d).contains("\n待核实："));
    }
}
