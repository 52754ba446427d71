//! 政策依据: what was applied, to what, by which program and command — enough to reproduce the
//! workbook and to show it to the committee — and the conditions the program leaves to people.

use super::cell::{put, Value};
use super::new_sheet;
use super::print;
use super::style::Formats;
use crate::normalize::date::iso;
use crate::pipeline::{Against, FileOutcome, Run, SheetOutcome};
use crate::read::header::Layout;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

const WIDTHS: [f64; 4] = [30.0, 70.0, 12.0, 60.0];

/// Writes rows one after another (constant-memory mode takes them only in order).
struct Rows<'s> {
    sheet: &'s mut Worksheet,
    row: u32,
}

impl Rows<'_> {
    /// A row of values, as tall as its longest wrapped text (政策依据 is a few hundred rows at most,
    /// so every row gets its height).
    fn line(&mut self, values: &[Value], f: &Formats) -> Result<(), XlsxError> {
        let mut lines = 1;
        for ((c, value), width) in (0u16..).zip(values).zip(WIDTHS) {
            put(self.sheet, self.row, c, value, f)?;
            if let Value::Wrapped(s) = value {
                lines = lines.max(print::lines(s, width));
            }
        }
        if lines > 1 {
            self.sheet.set_row_height(self.row, print::LINE * lines.min(27) as f64)?;
        }
        self.row += 1;
        Ok(())
    }

    /// A bold heading row, cells in the header style.
    fn heading(&mut self, texts: &[&str], f: &Formats) -> Result<(), XlsxError> {
        for (c, text) in (0u16..).zip(texts) {
            self.sheet.write_string_with_format(self.row, c, *text, &f.header)?;
        }
        self.row += 1;
        Ok(())
    }

    fn gap(&mut self) {
        self.row += 1;
    }
}

/// 政策依据 of `screen`, or of `compare` with its other side (`against`): that document too, its
/// evaluation date, and its clauses after the first's.
pub fn write(
    workbook: &mut Workbook,
    run: &Run,
    against: Option<&Against>,
    command_line: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    let sheet = new_sheet(workbook, "政策依据")?;
    for (c, w) in (0u16..).zip(WIDTHS) {
        sheet.set_column_width(c, w)?;
    }
    print::set_up(sheet, run, "政策依据", None)?;
    let mut rows = Rows { sheet, row: 0 };
    let item = |name: &'static str, value: Value<'static>| [Value::text(name), value];
    let policy = run.config.policy;
    let d = &policy.document;

    rows.heading(&["项目", "内容"], f)?;
    rows.line(&item("政策文件", Value::text(format!("《{}》", d.name))), f)?;
    rows.line(&item("文号", Value::text(d.number)), f)?;
    rows.line(&item("发文单位", Value::text(d.issuer)), f)?;
    rows.line(&item("发布日期", Value::text(iso(d.issued))), f)?;
    rows.line(&item("施行期间", Value::text(crate::summary::policy_dates(policy))), f)?;
    if let Some(note) = d.note {
        rows.line(&item("说明", Value::text(note)), f)?;
    }
    rows.line(&item("政策来源", Value::wrapped(policy.source.describe())), f)?;
    rows.line(&item("评价日期（所有年限计算到这一天）", Value::Date(run.config.as_of)), f)?;
    if let Some(warning) = crate::summary::outside_dates(policy, run.config.as_of) {
        rows.line(&item("评价日期提示", Value::wrapped(warning)), f)?;
    }
    if let Some(b) = against {
        let d = &b.policy.document;
        rows.gap();
        rows.heading(&["对比的另一方（B）", "内容"], f)?;
        rows.line(&item("政策文件", Value::text(format!("《{}》", d.name))), f)?;
        rows.line(&item("文号", Value::text(d.number)), f)?;
        rows.line(&item("发文单位", Value::text(d.issuer)), f)?;
        rows.line(&item("发布日期", Value::text(iso(d.issued))), f)?;
        rows.line(&item("施行期间", Value::text(crate::summary::policy_dates(b.policy))), f)?;
        rows.line(&item("政策来源", Value::wrapped(b.policy.source.describe())), f)?;
        rows.line(&item("评价日期", Value::Date(b.as_of)), f)?;
        if let Some(warning) = crate::summary::outside_dates(b.policy, b.as_of) {
            rows.line(&item("评价日期提示", Value::wrapped(warning)), f)?;
        }
        rows.gap();
    }
    rows.line(&item("程序版本", Value::text(concat!("guantong ", env!("CARGO_PKG_VERSION")))), f)?;
    let command = if command_line.is_empty() { "（未记录）".to_string() } else { command_line.to_string() };
    rows.line(&item("命令行", Value::Wrapped(command)), f)?;
    let mask = if run.config.mask_id { "已脱敏（保留前6位和后4位）" } else { "未脱敏" };
    rows.line(&item("身份证号", Value::text(mask)), f)?;
    if run.scope_assumed {
        let note =
            format!("名册没有岗位类别列，全部人员按在适用范围内（{}）处理，请人工确认岗位性质", policy.scope.clause);
        rows.line(&item("适用范围说明", Value::text(note)), f)?;
    }

    rows.gap();
    rows.heading(&["输入文件", "SHA-256", "数据行数", "状态"], f)?;
    for file in &run.files {
        let state = match &file.outcome {
            FileOutcome::Unreadable { .. } => format!("无法读取：{}", file.outcome.error().unwrap_or_default()),
            FileOutcome::Skipped(why) => format!("已跳过：{why}"),
            FileOutcome::Read { really: Some(kind) } => format!("已读取（内容实为{kind}，按其内容读取）"),
            FileOutcome::Read { really: None } => "已读取".to_string(),
        };
        let sha = file.sha256.as_deref().unwrap_or_default();
        let values = [
            Value::text(file.display.as_str()),
            Value::text(sha),
            Value::Number(file.rows as f64),
            Value::wrapped(state),
        ];
        rows.line(&values, f)?;
    }

    rows.gap();
    rows.heading(&["文件", "工作表", "数据行数", "读取情况"], f)?;
    for s in &run.sources {
        let what = match &s.outcome {
            SheetOutcome::Screened => {
                let (matched, passed) =
                    s.layout.as_ref().map(|l| (l.matched(), l.passed_through())).unwrap_or_default();
                let partly = s.partly_read.as_ref().map(|p| format!("\n未能按原样完整读取：{p}")).unwrap_or_default();
                let unread =
                    s.layout.as_ref().and_then(Layout::unread_said).map(|u| format!("\n{u}")).unwrap_or_default();
                format!(
                    "表头在{}；跳过空行{}行、表尾{}行、重复表头{}行{}\n识别的列：{}\n原样保留的列：{}{unread}{partly}",
                    s.header_rows(),
                    s.blank_rows,
                    s.footer_rows,
                    s.repeated_headers,
                    [("示例行", s.example_rows), ("说明行", s.note_rows)]
                        .iter()
                        .filter(|(_, n)| *n > 0)
                        .map(|(what, n)| format!("、{what}{n}行"))
                        .collect::<String>(),
                    matched.join("，"),
                    if passed.is_empty() { "无".to_string() } else { passed.join("，") }
                )
            }
            SheetOutcome::Skipped(why) => format!("已跳过：{why}"),
            SheetOutcome::Failed(why) => format!("无法筛选：{why}"),
        };
        let file = run.files[s.file].display.as_str();
        let values =
            [Value::text(file), Value::text(s.sheet.as_str()), Value::Number(s.rows_read as f64), Value::wrapped(what)];
        rows.line(&values, f)?;
    }

    rows.gap();
    rows.heading(&["由评委会审查的条件（条款）", "内容"], f)?;
    for check in &policy.committee_checks {
        rows.line(&[Value::text(check.clauses), Value::wrapped(check.text.to_string())], f)?;
    }

    rows.gap();
    rows.heading(&["条款", "原文（摘录）"], f)?;
    for clause in policy.clauses {
        rows.line(&[Value::text(clause.id), Value::wrapped(clause.text.to_string())], f)?;
    }
    if let Some(b) = against.filter(|b| !std::ptr::eq(b.policy, policy)) {
        rows.gap();
        let heading = format!("B（{}）的条款", b.policy.document.number);
        rows.heading(&[heading.as_str(), "原文（摘录）"], f)?;
        for clause in b.policy.clauses {
            rows.line(&[Value::text(clause.id), Value::wrapped(clause.text.to_string())], f)?;
        }
    }
    Ok(())
}
