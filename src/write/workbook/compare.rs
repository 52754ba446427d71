//! The workbook of `guantong compare`: who is decided otherwise under policy (or date) B than
//! under A, and how many, by what.
//!
//! Sheets, in this order: 对比结果 (one row per person whose outcome differs — every person with
//! `--all` — with each route's change coloured), 汇总 (counts per route × kind of change with a
//! chart, the matrices of best title and level A → B, per employer, per clause of B that decided a
//! gain or a loss), 数据问题 (as `screen` writes it, from A's reading of the rows) and 政策依据
//! (both documents). 对比结果 and 数据问题 are streamed (constant memory); 汇总 is built from counts.

use super::cell::{put, Value};
use super::issues::Issues;
use super::print::{self, Heights};
use super::style::Formats;
use super::{Paged, Sheets, EXCEL_MAX_ROWS};
use crate::evaluate::change::{change, Change, Side};
use crate::normalize::id_number;
use crate::pipeline::{Against, Compared, Run};
use crate::write::{text, Staged, WriteError};
use rust_xlsxwriter::{Chart, ChartType, Color, DocProperties, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The routes compared, as the sheets name them.
const ROUTES: [&str; 2] = ["技能→职称", "职称→技能"];

/// 对比结果's columns: identity and source, then per route the change and each side's status,
/// best title or level, and how it is given; then each side's clauses and B's reasons.
const HEADERS: [(&str, f64); 22] = [
    ("序号", 6.0),
    ("姓名", 10.0),
    ("身份证号", 20.0),
    ("单位", 18.0),
    ("文件", 14.0),
    ("工作表", 10.0),
    ("行号", 6.0),
    ("技能→职称 变化", 12.0),
    ("A 结论", 8.0),
    ("A 可申报职称", 14.0),
    ("A 方式", 10.0),
    ("B 结论", 8.0),
    ("B 可申报职称", 14.0),
    ("B 方式", 10.0),
    ("职称→技能 变化", 12.0),
    ("A 结论", 8.0),
    ("A 可申报等级", 12.0),
    ("B 结论", 8.0),
    ("B 可申报等级", 12.0),
    ("A 依据条款", 14.0),
    ("B 依据条款", 14.0),
    ("B 的理由", 45.0),
];

/// One employer's people, people with a change, and changes per kind (either route).
type Employer = (usize, usize, [usize; 7]);

/// A best title or level under A and under B, each as (height + 1, name); `(0, "（无）")` for none.
type Transition = (u8, &'static str, u8, &'static str);

/// What 汇总 counts, as the rows come.
#[derive(Debug, Default)]
pub struct Counts {
    pub people: usize,
    pub changed: usize,
    /// Per route, people per kind of change (in the order of [`Change::ALL`]).
    pub routes: [[usize; 7]; 2],
    /// Per route, people per (best under A, best under B); `（无）` for none.
    pub matrix: [BTreeMap<Transition, usize>; 2],
    /// Per employer: people, people with a change, and per kind of change (either route).
    pub employers: BTreeMap<String, Employer>,
    /// Per clause of B: gains and losses it decided (either route).
    pub clauses: BTreeMap<&'static str, (usize, usize)>,
}

impl Counts {
    /// Counts every row of a batch (when no workbook is written).
    pub fn add_all(&mut self, batch: &[Compared], against: &Against) {
        for r in batch {
            self.add(r, against);
        }
    }

    /// The changes of one row, counted; returned for its line.
    fn add(&mut self, r: &Compared, against: &Against) -> [Option<Change>; 2] {
        let sides = [(Side::title(&r.a.decision), Side::title(&r.b)), (Side::skill(&r.a.decision), Side::skill(&r.b))];
        let changes = sides.map(|(a, b)| change(a, b));
        self.people += 1;
        let changed = changes.iter().any(Option::is_some);
        self.changed += usize::from(changed);
        // A row allocates nothing here but its employer's first time.
        let employer = r.a.person.employer.as_deref().unwrap_or("（未填写单位）");
        let e = match self.employers.get_mut(employer) {
            Some(e) => e,
            None => self.employers.entry(employer.to_string()).or_default(),
        };
        e.0 += 1;
        e.1 += usize::from(changed);
        for (route, (c, (a, b))) in changes.iter().zip(sides).enumerate() {
            let step = |s: Side| s.best.map_or((0, "（无）"), |b| (b.height + 1, b.name));
            let ((ha, na), (hb, nb)) = (step(a), step(b));
            *self.matrix[route].entry((ha, na, hb, nb)).or_default() += 1;
            let Some(c) = c else { continue };
            let k = Change::ALL.iter().position(|x| x == c).unwrap_or(0);
            self.routes[route][k] += 1;
            e.2[k] += 1;
            if let Some(gain) = c.gain() {
                for clause in text::clauses(&r.b, against.policy) {
                    let n = self.clauses.entry(clause).or_default();
                    if gain {
                        n.0 += 1;
                    } else {
                        n.1 += 1;
                    }
                }
            }
        }
        changes
    }
}

/// The fill of each kind of change: gains green, losses red, verification amber, others grey.
fn fill(c: Change) -> u32 {
    match c {
        Change::Gained | Change::Higher => 0xC6EFCE,
        Change::Lost | Change::Lower => 0xFFC7CE,
        Change::ToReview | Change::FromReview => 0xFFEB9C,
        Change::Other => 0xD9D9D9,
    }
}

/// The comparison workbook being written.
pub struct Comparison<'a> {
    run: &'a Run,
    against: &'a Against,
    all: bool,
    staged: Staged,
    sheets: Arc<Sheets>,
    paged: Paged,
    issues: Issues,
    f: Formats,
    changes: [Format; 7],
    line: usize,
    /// Row heights of 对比结果, for B's reasons.
    heights: Heights,
    counts: Counts,
    command_line: String,
}

impl<'a> Comparison<'a> {
    pub fn new(
        path: &Path,
        run: &'a Run,
        against: &'a Against,
        all: bool,
        command_line: String,
        zip_level: u8,
    ) -> Result<Comparison<'a>, WriteError> {
        let staged = Staged::new(path);
        let mut workbook = Workbook::new();
        let created = run.config.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
        let properties = DocProperties::new()
            .set_title("贯通政策对比结果")
            .set_creation_datetime(&created)
            .set_custom_property(crate::read::sniff::OWN_MARK, env!("CARGO_PKG_VERSION"));
        workbook.set_properties(&properties);
        workbook.set_zip_compression_level(zip_level);
        let fail = |e: XlsxError| WriteError::workbook(path, &e);
        workbook
            .set_default_format(
                &super::style::default_format(),
                super::style::DEFAULT_ROW_PIXELS,
                super::style::DEFAULT_COLUMN_PIXELS,
            )
            .map_err(fail)?;
        if let Some(dir) = staged.path().parent() {
            workbook.set_tempdir(dir).map_err(fail)?;
        }
        let sheets = Arc::new(Sheets { workbook: Mutex::new(workbook), path: path.to_path_buf() });
        let heights = Heights::for_rows(run.rows_to_screen());
        let issues = Issues::new(Arc::clone(&sheets), EXCEL_MAX_ROWS, heights).without_results();
        let paged = Paged::new(Arc::clone(&sheets), "对比结果", EXCEL_MAX_ROWS, 1);
        let rows = Heights::for_rows(run.rows_to_screen());
        let f = Formats::new();
        let changes = Change::ALL.map(|c| f.plain.clone().set_background_color(Color::RGB(fill(c))));
        Ok(Comparison {
            run,
            against,
            all,
            staged,
            sheets,
            paged,
            issues,
            f,
            changes,
            line: 0,
            heights: rows,
            counts: Counts::default(),
            command_line,
        })
    }

    /// Counts every row of a batch, writes the rows that differ (all with `--all`) and their data issues.
    pub fn take(&mut self, batch: &[Compared]) -> Result<(), WriteError> {
        self.write(batch).map_err(|e| self.sheets.fail(e))
    }

    fn write(&mut self, batch: &[Compared]) -> Result<(), XlsxError> {
        let (run, against) = (self.run, self.against);
        for r in batch {
            let changes = self.counts.add(r, against);
            if r.b_issues.is_empty() {
                self.issues.take(run, r.a.source, r.a.row, &r.a.person, &self.f)?;
            } else {
                let mut person = r.a.person.clone();
                person.issues.extend(r.b_issues.iter().cloned());
                self.issues.take(run, r.a.source, r.a.row, &person, &self.f)?;
            }
            if !self.all && changes.iter().all(Option::is_none) {
                continue;
            }
            self.line += 1;
            let f = &self.f;
            let (sheet, row) = self.paged.line(|sheet| header(sheet, run, f))?;
            let source = &run.sources[r.a.source];
            let id = r.a.person.id_number.as_deref().unwrap_or_default();
            let id = if run.config.mask_id { id_number::mask(id) } else { id.to_string() };
            let (a, b) = (&r.a.decision, &r.b);
            let (ta, tb) = (Side::title(a), Side::title(b));
            let (sa, sb) = (Side::skill(a), Side::skill(b));
            let best = |s: Side| Value::text(s.best.map(|b| b.name).unwrap_or_default());
            let kind = |s: Side| Value::text(s.kind.map(|k| k.word()).unwrap_or_default());
            let values = [
                Value::Number(self.line as f64),
                Value::text(r.a.person.name.as_str()),
                Value::text(id),
                Value::text(r.a.person.employer.as_deref().unwrap_or_default()),
                Value::text(run.files[source.file].display.as_str()),
                Value::text(source.sheet.as_str()),
                Value::Number(f64::from(r.a.row)),
                Value::Blank,
                Value::Status(ta.status),
                best(ta),
                kind(ta),
                Value::Status(tb.status),
                best(tb),
                kind(tb),
                Value::Blank,
                Value::Status(sa.status),
                best(sa),
                Value::Status(sb.status),
                best(sb),
                Value::text(text::clauses(a, run.config.policy).join("、")),
                Value::text(text::clauses(b, against.policy).join("、")),
                Value::lines(&text::reasons(b)),
            ];
            for (c, v) in (0u16..).zip(&values) {
                put(sheet, row, c, v, f)?;
            }
            if let (Value::Wrapped(reasons), (_, width)) = (&values[21], HEADERS[21]) {
                self.heights.fit(sheet, row, print::lines(reasons, width))?;
            }
            for (c, change) in [7u16, 14].into_iter().zip(changes) {
                if let Some(change) = change {
                    let k = Change::ALL.iter().position(|x| *x == change).unwrap_or(0);
                    sheet.write_string_with_format(row, c, change.label(), &self.changes[k])?;
                }
            }
        }
        Ok(())
    }

    /// Adds 汇总, 数据问题 and 政策依据 and saves the workbook in place; returns what 汇总 counted.
    pub fn finish(self) -> Result<Counts, WriteError> {
        let Comparison { run, against, staged, sheets, paged, issues, f, counts, command_line, .. } = self;
        let fail = |e| sheets.fail(e);
        let results = paged.finish(|sheet| header(sheet, run, &f), |_, _, _| Ok(())).map_err(fail)?;
        let issues = issues.finish(run, &f).map_err(fail)?;
        let mut workbook =
            std::mem::take(&mut *sheets.workbook.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        for sheet in results {
            workbook.push_worksheet(sheet);
        }
        summary(&mut workbook, run, against, &counts, &f).map_err(fail)?;
        for sheet in issues {
            workbook.push_worksheet(sheet);
        }
        super::policy::write(&mut workbook, run, Some(against), &command_line, &f).map_err(fail)?;
        workbook.save(staged.path()).map_err(fail)?;
        staged.commit()?;
        Ok(counts)
    }
}

/// 对比结果's header row, frozen, with its widths.
fn header(sheet: &mut Worksheet, run: &Run, f: &Formats) -> Result<(), XlsxError> {
    for (c, (name, width)) in (0u16..).zip(HEADERS) {
        sheet.set_column_width(c, width)?;
        sheet.write_string_with_format(0, c, name, &f.header)?;
    }
    sheet.set_row_height(0, print::header_height(HEADERS))?;
    sheet.set_freeze_panes(1, 2)?;
    print::set_up(sheet, run, "对比结果", Some((0, 0)))
}

/// A side as 汇总 and the terminal name it: `鞍人社〔2020〕33号，评价日期 2025-12-31`.
pub fn side(policy: &crate::policy::Policy, as_of: chrono::NaiveDate) -> String {
    format!("{}，评价日期 {}", policy.document.number, crate::normalize::date::iso(as_of))
}

/// 汇总: what changed, how often, for whom, by which clause.
fn summary(
    workbook: &mut Workbook,
    run: &Run,
    against: &Against,
    counts: &Counts,
    f: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("汇总")?;
    sheet.set_column_width(0, 26.0)?;
    for c in 1..12u16 {
        sheet.set_column_width(c, 12.0)?;
    }
    print::set_up(sheet, run, "汇总", None)?;
    let mut row = 0u32;
    sheet.write_string_with_format(row, 0, "政策对比汇总", &f.title)?;
    row += 1;
    sheet.write_string(row, 0, format!("A：{}", side(run.config.policy, run.config.as_of)))?;
    row += 1;
    sheet.write_string(row, 0, format!("B：{}", side(against.policy, against.as_of)))?;
    row += 1;
    sheet.write_string(row, 0, format!("共 {} 人，结论不同 {} 人（对比结果表列出）", counts.people, counts.changed))?;
    row += 2;

    sheet.write_string_with_format(row, 0, "一、各路径的变化（人）", &f.section)?;
    row += 1;
    let head = row;
    sheet.write_string_with_format(row, 0, "变化", &f.header)?;
    for (c, route) in (1u16..).zip(ROUTES) {
        sheet.write_string_with_format(row, c, route, &f.header)?;
    }
    for (k, change) in Change::ALL.iter().enumerate() {
        row += 1;
        sheet.write_string(row, 0, change.label())?;
        for route in 0..2 {
            sheet.write_number(row, 1 + route as u16, counts.routes[route][k] as f64)?;
        }
    }
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name("各路径的变化人数");
    chart.y_axis().set_reverse();
    for c in [1u16, 2] {
        chart.add_series().set_name(("汇总", head, c)).set_categories(("汇总", head + 1, 0, row, 0)).set_values((
            "汇总",
            head + 1,
            c,
            row,
            c,
        ));
    }
    chart.set_width(560).set_height(300);
    sheet.insert_chart(head, 5, &chart)?;
    row += 9_u32.saturating_sub(row - head).max(2);

    for (route, (title, what)) in
        [("二、技能→职称：可申报最高职称 A → B（人）", "A＼B"), ("三、职称→技能：可申报等级 A → B（人）", "A＼B")]
            .into_iter()
            .enumerate()
    {
        sheet.write_string_with_format(row, 0, title, &f.section)?;
        row += 1;
        let matrix = &counts.matrix[route];
        let mut from: Vec<(u8, &str)> = matrix.keys().map(|(h, n, _, _)| (*h, *n)).collect();
        let mut to: Vec<(u8, &str)> = matrix.keys().map(|(_, _, h, n)| (*h, *n)).collect();
        from.sort();
        from.dedup();
        to.sort();
        to.dedup();
        sheet.write_string_with_format(row, 0, what, &f.header)?;
        for (c, (_, name)) in (1u16..).zip(&to) {
            sheet.write_string_with_format(row, c, *name, &f.header)?;
        }
        for (ha, na) in &from {
            row += 1;
            sheet.write_string(row, 0, *na)?;
            for (c, (hb, nb)) in (1u16..).zip(&to) {
                let n = matrix.get(&(*ha, *na, *hb, *nb)).copied().unwrap_or(0);
                if n > 0 {
                    sheet.write_number(row, c, n as f64)?;
                }
            }
        }
        row += 2;
    }

    sheet.write_string_with_format(row, 0, "四、各单位（人；变化按两条路径计）", &f.section)?;
    row += 1;
    sheet.write_string_with_format(row, 0, "单位", &f.header)?;
    sheet.write_string_with_format(row, 1, "人数", &f.header)?;
    sheet.write_string_with_format(row, 2, "结论不同", &f.header)?;
    for (c, change) in (3u16..).zip(Change::ALL) {
        sheet.write_string_with_format(row, c, change.label(), &f.header)?;
    }
    let mut employers: Vec<(&String, &Employer)> = counts.employers.iter().collect();
    employers.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(b.1 .0.cmp(&a.1 .0)).then(a.0.cmp(b.0)));
    for (name, (people, changed, kinds)) in employers {
        row += 1;
        sheet.write_string(row, 0, name)?;
        sheet.write_number(row, 1, *people as f64)?;
        sheet.write_number(row, 2, *changed as f64)?;
        for (c, n) in (3u16..).zip(kinds) {
            sheet.write_number(row, c, *n as f64)?;
        }
    }
    row += 2;

    sheet.write_string_with_format(row, 0, "五、B 中决定增减的条款（人次：B 的结论引用该条款）", &f.section)?;
    row += 1;
    for (c, h) in (0u16..).zip(["条款", "决定增加（新增、更高）", "决定减少（不再、更低）"]) {
        sheet.write_string_with_format(row, c, h, &f.header)?;
    }
    let mut clauses: Vec<(&&str, &(usize, usize))> = counts.clauses.iter().collect();
    clauses.sort_by(|a, b| (b.1 .0 + b.1 .1).cmp(&(a.1 .0 + a.1 .1)).then(a.0.cmp(b.0)));
    if clauses.is_empty() {
        row += 1;
        sheet.write_string(row, 0, "（没有增减）")?;
    }
    for (clause, (gains, losses)) in clauses {
        row += 1;
        sheet.write_string(row, 0, *clause)?;
        sheet.write_number(row, 1, *gains as f64)?;
        sheet.write_number(row, 2, *losses as f64)?;
    }
    Ok(())
}
