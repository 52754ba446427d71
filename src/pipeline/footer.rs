//! Footers: the lines under a roster's people (signatures, totals, notes), set aside, never a person.

use crate::read::RawRow;

/// Words that start a footer line (signatures, totals, notes) rather than a person.
const FOOTER_WORDS: &[&str] = &[
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "单位负责人",
    "联系人",
    "联系电话",
    "填表日期",
    "制表日期",
    "填报日期",
    "合计",
    "总计",
    "注:",
    "说明:",
    "备注:",
];

pub(super) fn is_footer(row: &RawRow) -> bool {
    row.cells.iter().find(|c| !c.is_empty()).is_some_and(|c| {
        let text = c.text();
        let t = crate::normalize::text::fold(&text);
        FOOTER_WORDS.iter().any(|w| t.starts_with(w))
    })
}
