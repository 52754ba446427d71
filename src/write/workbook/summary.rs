//! 汇总: how many people each route gives each level and status, how many are on each list, and
//! how many per employer (largest first), with charts drawn from those cells.
//!
//! This is the one sheet kept in memory rather than streamed: it is a few dozen rows (one per
//! employer at most), and rust_xlsxwriter fills a chart's cached values from the cells when it
//! saves, which a streamed sheet has already flushed — so the charts show their numbers even in a
//! viewer that does not recalculate.

use super::cell::{col, put, SkillOffer, Value};
use super::pathways::Pathway;
use super::print;
use super::style::{fill, Formats};
use super::upcoming::{Route, Soon, Window};
use crate::model::{Status, Title};
use crate::normalize::date::iso;
use crate::pipeline::{Run, Screened};
use crate::policy::Policy;
use crate::summary::thousands;
use rust_xlsxwriter::{Chart, ChartFormat, ChartSolidFill, ChartType, Color, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BTreeMap;

const SHEET: &str = "汇总";
/// Where the charts stand: right of the tables, one below the other.
const CHART_COL: u16 = 9;
const CHART_ROWS: u32 = 16;
/// 三、各名单人数's 说明 spans columns C to H, six columns of 12.
const ABOUT_LAST_COL: u16 = 7;
const ABOUT_WIDTH: f64 = 72.0;
/// Employers shown in the chart (the table lists them all).
const CHART_EMPLOYERS: usize = 10;
/// The statuses a chart shows: the ones that lead somewhere.
const CHARTED: [Status; 3] = [Status::Eligible, Status::NeedsReview, Status::AlreadyHeld];

/// A route's table: per row — ranked so rows sort by it — its label and the count per status in
/// the order of [`Status::ALL`].
type Tally = BTreeMap<usize, (Cow<'static, str>, [usize; 5])>;

/// Rank of the row for people with nothing to apply for: always last.
const NOTHING: usize = usize::MAX;

/// Route 三's row of a title: by grade, then series.
fn title_row(best: Option<Title>) -> (usize, Cow<'static, str>) {
    match best {
        Some(t) => ((usize::from(t.grade()) << 8) | usize::from(t.series()), t.name().into()),
        None => (NOTHING, "无可申报职称".into()),
    }
}

/// Route 四's row: the occupation's evaluation, then the levels, then none.
fn skill_rank(offer: SkillOffer) -> usize {
    match offer {
        SkillOffer::Evaluation => 0,
        SkillOffer::Level(l) => 1 + usize::from(l.rank()),
        SkillOffer::Nothing => NOTHING,
    }
}

/// The label of a route 四 row; `evaluation` is the evaluation's, with the policy's clause.
fn skill_label(offer: SkillOffer, evaluation: &str) -> Cow<'static, str> {
    match offer {
        SkillOffer::Evaluation => evaluation.to_string().into(),
        SkillOffer::Level(l) => l.name().into(),
        SkillOffer::Nothing => "无可申报等级".into(),
    }
}

/// Everything 汇总 shows, counted as the rows go by.
#[derive(Debug)]
pub struct Counts {
    rows: usize,
    issues: usize,
    by_severity: [usize; 3],
    title: Tally,
    skill: Tally,
    /// The label of the row of 四（一）'s evaluation, with the policy's clause.
    evaluation: String,
    /// Per employer: 人数, 可申报职称, 职称待核实, 可申报技能等级, 技能待核实, 有数据问题.
    employers: BTreeMap<String, [usize; 6]>,
    /// People on each list, filled in when the lists are done.
    pub lists: BTreeMap<Pathway, u32>,
    /// 即将符合 per calendar month of the window, `(year, month)`: 技能→职称, 职称→技能.
    upcoming: BTreeMap<(i32, u32), [usize; 2]>,
    window: Window,
}

impl Counts {
    /// Every row a route of `policy` can give is there even at zero, so two runs' tables line up:
    /// route 三's titles, route 四's evaluation and levels, then none.
    pub fn new(policy: &Policy, window: &Window) -> Counts {
        let evaluation = match policy.evaluation_clause() {
            Some(c) => format!("相应职业技能评价（{c}）"),
            None => "相应职业技能评价".to_string(),
        };
        let seed = |rows: Vec<(usize, Cow<'static, str>)>| rows.into_iter().map(|(k, l)| (k, (l, [0; 5]))).collect();
        let titles = policy.titles_granted().into_iter().map(Some).chain([None]).map(title_row).collect();
        let offers = policy.evaluation_clause().map(|_| SkillOffer::Evaluation).into_iter();
        let levels = policy.levels_granted().into_iter().map(SkillOffer::Level);
        let skills = offers
            .chain(levels)
            .chain([SkillOffer::Nothing])
            .map(|o| (skill_rank(o), skill_label(o, &evaluation)))
            .collect();
        Counts {
            rows: 0,
            issues: 0,
            by_severity: [0; 3],
            title: seed(titles),
            skill: seed(skills),
            evaluation,
            employers: BTreeMap::new(),
            lists: BTreeMap::new(),
            upcoming: window.months().into_iter().map(|m| (m, [0; 2])).collect(),
            window: *window,
        }
    }
}

impl Counts {
    pub fn add(&mut self, r: &Screened) {
        let d = &r.decision;
        let at = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.rows += 1;
        self.issues += r.person.issues.len();
        for issue in &r.person.issues {
            self.by_severity[issue.severity as usize] += 1;
        }
        let (rank, label) = title_row(d.title.best);
        self.title.entry(rank).or_insert_with(|| (label, [0; 5])).1[at(d.title.status)] += 1;
        let offer = SkillOffer::of(d);
        let evaluation = &self.evaluation;
        let row = self.skill.entry(skill_rank(offer)).or_insert_with(|| (skill_label(offer, evaluation), [0; 5]));
        row.1[at(d.skill.status)] += 1;
        let employer = r.person.employer.as_deref().unwrap_or("（未填单位）");
        let counts = match self.employers.get_mut(employer) {
            Some(c) => c,
            None => self.employers.entry(employer.to_string()).or_default(),
        };
        let flags = [
            true,
            d.title.status == Status::Eligible,
            d.title.status == Status::NeedsReview,
            d.skill.status == Status::Eligible,
            d.skill.status == Status::NeedsReview,
            r.person.issues.iter().any(|i| i.severity.matters()),
        ];
        for (n, flag) in counts.iter_mut().zip(flags) {
            *n += usize::from(flag);
        }
    }

    /// One line of 即将符合.
    pub fn soon(&mut self, soon: &Soon) {
        use chrono::Datelike;
        let month = self.upcoming.entry((soon.date.year(), soon.date.month())).or_default();
        month[usize::from(soon.route == Route::Skill)] += 1;
    }

    /// Employers, largest first, then by name.
    fn employers(&self) -> Vec<(&str, [usize; 6])> {
        let mut rows: Vec<_> = self.employers.iter().map(|(name, c)| (name.as_str(), *c)).collect();
        rows.sort_by_key(|(name, c)| (Reverse(c[0]), *name));
        rows
    }
}

const EMPLOYER_HEADERS: [&str; 7] =
    ["单位", "人数", "可申报职称", "职称待核实", "可申报技能等级", "技能待核实", "有数据问题（错误或待核实）"];

pub fn write(workbook: &mut Workbook, run: &Run, counts: &Counts, f: &Formats) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    print::set_up(sheet, run, SHEET, None)?;
    sheet.set_column_width(0, 30.0)?;
    for c in 1..=7 {
        sheet.set_column_width(c, 12.0)?;
    }
    sheet.write_string_with_format(0, 0, "贯通筛选汇总", &f.title)?;
    let mut line = format!(
        "评价日期 {}；共筛选 {} 行；数据问题 {} 条（{}）",
        iso(run.config.as_of),
        thousands(counts.rows),
        thousands(counts.issues),
        crate::summary::severities(&counts.by_severity)
    );
    // What could not be screened at all is not a row's issue; said here too, so that a workbook
    // of no rows (a split part whose files could not be read) says why on its first page.
    if let Some(what) = crate::summary::not_screened(run.unreadable_files(), run.failed_sheets().count()) {
        line.push_str(&format!("；另有{what}（见“数据问题”）"));
    }
    if let Some(lacking) = crate::summary::lacking_columns(run) {
        line.push_str(&format!("；{lacking}"));
    }
    sheet.write_string_with_format(1, 0, line, &f.plain)?;

    let mut row = 3;
    let title_chart = route_table(sheet, &mut row, TITLE_TABLE, &counts.title, f)?;
    row += 1;
    let skill_chart = route_table(sheet, &mut row, SKILL_TABLE, &counts.skill, f)?;

    row += 1;
    sheet.write_string_with_format(row, 0, "三、各名单人数", &f.section)?;
    row += 1;
    for (c, h) in (0u16..).zip(["名单（工作表）", "人数"]) {
        sheet.write_string_with_format(row, c, h, &f.header)?;
    }
    sheet.merge_range(row, 2, row, ABOUT_LAST_COL, "说明", &f.header)?;
    for (pathway, people) in &counts.lists {
        row += 1;
        put(sheet, row, 0, &Value::text(pathway.sheet_name()), f)?;
        put(sheet, row, 1, &Value::Number(f64::from(*people)), f)?;
        // The text spans the status columns, wrapped, so it stays inside the table.
        let about = pathway.description(run.config.policy);
        sheet.merge_range(row, 2, row, ABOUT_LAST_COL, &about, &f.wrap)?;
        let lines = print::lines(&about, ABOUT_WIDTH);
        if lines > 1 {
            sheet.set_row_height(row, print::LINE * lines as f64)?;
        }
    }
    if counts.lists.is_empty() {
        row += 1;
        put(sheet, row, 0, &Value::text("（无人达到任何名单）"), f)?;
    }

    row += 2;
    upcoming_table(sheet, &mut row, counts, f)?;

    row += 2;
    sheet.write_string_with_format(row, 0, "五、按单位统计（人数多的在前）", &f.section)?;
    row += 1;
    for (c, h) in (0u16..).zip(EMPLOYER_HEADERS) {
        sheet.write_string_with_format(row, c, h, &f.header)?;
    }
    let header = row;
    let employers = counts.employers();
    for (name, counts) in &employers {
        row += 1;
        put(sheet, row, 0, &Value::text(*name), f)?;
        for (c, n) in (1u16..).zip(counts) {
            put(sheet, row, c, &Value::Number(*n as f64), f)?;
        }
    }

    sheet.insert_chart(3, CHART_COL, &title_chart)?;
    sheet.insert_chart(3 + CHART_ROWS, CHART_COL, &skill_chart)?;
    if !employers.is_empty() {
        let shown = u32::try_from(employers.len().min(CHART_EMPLOYERS)).unwrap_or(1);
        sheet.insert_chart(3 + 2 * CHART_ROWS, CHART_COL, &employer_chart(header, shown))?;
    }
    Ok(())
}

/// 四、即将符合: per month of the window, how many reach a title or level by years then.
fn upcoming_table(sheet: &mut Worksheet, row: &mut u32, counts: &Counts, f: &Formats) -> Result<(), XlsxError> {
    let w = &counts.window;
    let heading = format!(
        "四、即将符合：评价日期后{}个月内满足年限的人数，按月（{}至{}，名单见“{}”表）",
        w.months,
        iso(w.as_of.succ_opt().unwrap_or(w.as_of)),
        iso(w.last),
        super::upcoming::SHEET
    );
    sheet.write_string_with_format(*row, 0, heading, &f.section)?;
    *row += 1;
    for (c, h) in (0u16..).zip(["月份", Route::Title.label(), Route::Skill.label(), "合计"]) {
        sheet.write_string_with_format(*row, c, h, &f.header)?;
    }
    let mut totals = [0usize; 2];
    for ((year, month), n) in &counts.upcoming {
        *row += 1;
        put(sheet, *row, 0, &Value::text(format!("{year}年{month:02}月")), f)?;
        for (c, k) in (1u16..).zip(n) {
            put(sheet, *row, c, &Value::Number(*k as f64), f)?;
        }
        put(sheet, *row, 3, &Value::Number((n[0] + n[1]) as f64), f)?;
        totals[0] += n[0];
        totals[1] += n[1];
    }
    *row += 1;
    sheet.write_string_with_format(*row, 0, "合计", &f.header)?;
    for (c, n) in (1u16..).zip([totals[0], totals[1], totals[0] + totals[1]]) {
        sheet.write_number_with_format(*row, c, n as f64, &f.header)?;
    }
    Ok(())
}

/// The words of one route's table and chart.
struct RouteTable {
    heading: &'static str,
    /// The header of the level column.
    level: &'static str,
    chart: &'static str,
}

const TITLE_TABLE: RouteTable = RouteTable {
    heading: "一、技能→职称：按可申报职称和结论统计（人）",
    level: "可申报职称",
    chart: "技能→职称：各职称人数",
};

const SKILL_TABLE: RouteTable = RouteTable {
    heading: "二、职称→技能：按可申报技能等级和结论统计（人）",
    level: "可申报技能等级",
    chart: "职称→技能：各技能等级人数",
};

/// One route's table — a row per level, a column per status, totals — and its stacked chart of
/// the levels (without the row of people with nothing to apply for). Leaves `row` below the table.
fn route_table(
    sheet: &mut Worksheet,
    row: &mut u32,
    words: RouteTable,
    tally: &Tally,
    f: &Formats,
) -> Result<Chart, XlsxError> {
    sheet.write_string_with_format(*row, 0, words.heading, &f.section)?;
    *row += 1;
    let header = *row;
    sheet.write_string_with_format(header, 0, words.level, &f.header)?;
    for (c, s) in (1u16..).zip(Status::ALL) {
        sheet.write_string_with_format(header, c, s.label(), f.status_header(s))?;
    }
    let total_col = col(Status::ALL.len() + 1)?;
    sheet.write_string_with_format(header, total_col, "合计", &f.header)?;
    let mut totals = [0usize; 5];
    for (label, counts) in tally.values() {
        *row += 1;
        put(sheet, *row, 0, &Value::text(label.as_ref()), f)?;
        for (c, n) in (1u16..).zip(counts) {
            put(sheet, *row, c, &Value::Number(*n as f64), f)?;
        }
        put(sheet, *row, total_col, &Value::Number(counts.iter().sum::<usize>() as f64), f)?;
        for (t, n) in totals.iter_mut().zip(counts) {
            *t += n;
        }
    }
    // The table always ends with the row of people with nothing to apply for ([`NOTHING`]).
    let last_level = *row - 1;
    *row += 1;
    sheet.write_string_with_format(*row, 0, "合计", &f.header)?;
    for (c, n) in (1u16..).zip(totals) {
        sheet.write_number_with_format(*row, c, n as f64, &f.header)?;
    }
    sheet.write_number_with_format(*row, total_col, totals.iter().sum::<usize>() as f64, &f.header)?;
    *row += 1;

    let mut chart = Chart::new(ChartType::ColumnStacked);
    chart.title().set_name(words.chart);
    chart.y_axis().set_name("人数");
    for s in CHARTED {
        let c = col(1 + Status::ALL.iter().position(|x| *x == s).unwrap_or(0))?;
        let series = chart
            .add_series()
            .set_name((SHEET, header, c))
            .set_categories((SHEET, header + 1, 0, last_level, 0))
            .set_values((SHEET, header + 1, c, last_level, c));
        if let Some(rgb) = fill(s) {
            series.set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(rgb))));
        }
    }
    Ok(chart)
}

/// The largest employers: how many can apply on each route.
fn employer_chart(header: u32, shown: u32) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name(&format!("人数最多的{shown}个单位：可申报人数"));
    // A bar chart's categories run up its vertical axis: reversed, the largest employer (the
    // table's first row) is at the top, and the bars grow left to right from 0.
    chart.y_axis().set_reverse();
    for c in [2u16, 4] {
        chart
            .add_series()
            .set_name((SHEET, header, c))
            .set_categories((SHEET, header + 1, 0, header + shown, 0))
            .set_values((SHEET, header + 1, c, header + shown, c));
    }
    chart
}
