//! The plain-language texts both writers share: statuses, reasons and the decision's columns.

use crate::evaluate::Decision;
use crate::normalize::date::iso;

/// The reasons of a decision, open points marked 待核实.
pub fn reasons(d: &Decision) -> Vec<String> {
    d.trace.reasons.iter().cloned().chain(d.trace.verify.iter().map(|v| format!("待核实：{v}"))).collect()
}

/// The clause ids, in the document's order.
pub fn clauses(d: &Decision) -> Vec<&'static str> {
    d.trace.clauses.iter().map(|c| c.name()).collect()
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
