//! A sheet that lists people, one a row: the shape of every pathway sheet and of 待核实.
//!
//! A list is a table of [`Column`]s, each a header, a width and how to read its value from one
//! screened row, so what an evaluator sees on each sheet reads as one declaration.

use super::cell::{self, col, put, SkillOffer, Value};
use super::print::{self, Heights};
use super::style::{clip, Formats};
use super::{Paged, Sheets};
use crate::model::SkillLevel;
use crate::model::Status;
use crate::pipeline::{Run, Screened};
use crate::read::header::Key;
use crate::write::text;
use rust_xlsxwriter::{ConditionalFormatCell, ConditionalFormatCellRule, Worksheet, XlsxError};
use std::sync::Arc;

/// One column of a list of `R`s: a screened row, or a line kept for a list written at the end
/// (即将符合, sorted by date).
pub struct Column<R: 'static = Screened> {
    pub header: &'static str,
    pub width: f64,
    pub value: for<'a> fn(&'a Run, &'a R) -> Value<'a>,
    pub kind: Kind,
}

/// What a column holds, when it is the same on every row: the column then carries the format and
/// its cells are written without one. rust_xlsxwriter hashes a cell's whole format on every write;
/// for the wrapped reasons and the statuses that was nearly half the time of writing the lists and
/// a sixth of writing 筛选结果.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    /// Text that may run long or over several lines: the column wraps.
    Wrapped,
    /// A [`Value::Status`]: coloured by conditional formats over the column, one per status, so
    /// the colour also follows the value when a user sorts or edits.
    Status,
    /// Dates: the column shows `yyyy-mm-dd`; a month-only date keeps its own `yyyy-mm` format.
    Date,
}

impl<R> Column<R> {
    /// Sets the column's width and, for a wrapped or date column, its format; call before its
    /// first row.
    pub fn set_up(&self, sheet: &mut Worksheet, col: u16, f: &Formats) -> Result<(), XlsxError> {
        sheet.set_column_width(col, self.width)?;
        match self.kind {
            Kind::Wrapped => {
                sheet.set_column_format(col, &f.wrap)?;
            }
            Kind::Date => {
                sheet.set_column_format(col, &f.date)?;
            }
            Kind::Plain | Kind::Status => {}
        }
        Ok(())
    }

    /// Writes this column's value of `r`; returns how many lines the cell takes when `measure`
    /// (else 1).
    #[allow(clippy::too_many_arguments)]
    pub fn put(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        col: u16,
        run: &Run,
        r: &R,
        f: &Formats,
        measure: bool,
    ) -> Result<usize, XlsxError> {
        match ((self.value)(run, r), self.kind) {
            (Value::Wrapped(s), Kind::Wrapped) => {
                sheet.write_string(row, col, clip(&s))?;
                return Ok(if measure { print::lines(&s, self.width) } else { 1 });
            }
            (Value::Status(s), Kind::Status) => {
                sheet.write_string(row, col, s.label())?;
            }
            (Value::Date(d), Kind::Date) => {
                sheet.write_datetime(row, col, d)?;
            }
            (value, _) => put(sheet, row, col, &value, f)?,
        }
        Ok(1)
    }

    /// Colours a status column's `lines` rows below the header row `header` by their status.
    pub fn finish(
        &self,
        sheet: &mut Worksheet,
        col: u16,
        header: u32,
        lines: u32,
        f: &Formats,
    ) -> Result<(), XlsxError> {
        if self.kind != Kind::Status || lines == 0 {
            return Ok(());
        }
        for status in Status::ALL {
            if status == Status::NotApplicable {
                continue;
            }
            let rule = ConditionalFormatCellRule::EqualTo(format!("\"{}\"", status.label()));
            let format = ConditionalFormatCell::new().set_rule(rule).set_format(f.status(status));
            sheet.add_conditional_format(header + 1, col, header + lines, col, &format)?;
        }
        Ok(())
    }
}

pub const NAME: Column =
    Column { header: "姓名", width: 10.0, value: |_, r| Value::text(r.person.name.as_str()), kind: Kind::Plain };
pub const ID: Column = Column { header: "身份证号", width: 21.0, value: cell::id, kind: Kind::Plain };
pub const EMPLOYER: Column = Column { header: "单位", width: 26.0, value: cell::employer, kind: Kind::Plain };
pub const DEPARTMENT: Column =
    Column { header: "部门", width: 14.0, value: |run, r| cell::raw(run, r, Key::Department), kind: Kind::Plain };
pub const OCCUPATION: Column = Column {
    header: "职业（工种）",
    width: 14.0,
    value: |run, r| cell::raw(run, r, Key::Occupation),
    kind: Kind::Plain,
};
pub const SKILL_LEVEL: Column =
    Column {
        header: "技能等级", width: 12.0, value: |run, r| cell::raw(run, r, Key::SkillLevel), kind: Kind::Plain
    };
pub const SKILL_DATE: Column = Column {
    header: "技能等级取得时间",
    width: 12.0,
    value: |run, r| cell::date(run, r, Key::SkillDate, r.person.skill_date),
    kind: Kind::Date,
};
pub const TITLE: Column =
    Column { header: "职称", width: 12.0, value: |run, r| cell::raw(run, r, Key::Title), kind: Kind::Plain };
pub const TITLE_DATE: Column = Column {
    header: "职称取得时间",
    width: 12.0,
    value: |run, r| cell::date(run, r, Key::TitleDate, r.person.title_date),
    kind: Kind::Date,
};
pub const SKILL_OFFER: Column = Column {
    header: "可申报技能等级",
    width: 14.0,
    value: |_, r| Value::text(SkillOffer::of(&r.decision).label()),
    kind: Kind::Plain,
};
pub const THEORY_EXEMPT: Column = Column {
    header: "免理论考试",
    width: 8.0,
    value: |_, r| Value::text(text::yes_no(r.decision.skill.theory_exempt)),
    kind: Kind::Plain,
};
pub const PROMOTION: Column = Column {
    header: "晋级评价",
    width: 10.0,
    value: |_, r| Value::name(r.decision.skill.promotion.map(SkillLevel::name)),
    kind: Kind::Plain,
};
pub const TITLE_STATUS: Column = Column {
    header: "技能→职称 结论",
    width: 10.0,
    value: |_, r| Value::Status(r.decision.title.status),
    kind: Kind::Status,
};
pub const SKILL_STATUS: Column = Column {
    header: "职称→技能 结论",
    width: 10.0,
    value: |_, r| Value::Status(r.decision.skill.status),
    kind: Kind::Status,
};
pub const BEST_TITLE: Column =
    Column {
        header: "可申报职称", width: 12.0, value: |_, r| cell::title(r.decision.title.best), kind: Kind::Plain
    };
pub const REGULAR_TITLE: Column =
    Column {
        header: "常规路径", width: 12.0, value: |_, r| cell::title(r.decision.title.regular), kind: Kind::Plain
    };
pub const EXCEPTIONAL_TITLE: Column = Column {
    header: "破格路径",
    width: 12.0,
    // A title a rule gives directly (可直接申报, 直接认定) is said so, never as a 破格 one.
    value: |_, r| {
        let t = &r.decision.title;
        match (t.exceptional, t.outcome) {
            (Some(e), Some(o)) if Some(e) == t.best => {
                Value::text(format!("{e}（{}）", o.action().trim_end_matches('为')))
            }
            (e, _) => cell::title(e),
        }
    },
    kind: Kind::Plain,
};
pub const BASIS: Column = Column {
    header: "破格依据",
    width: 40.0,
    value: |_, r| Value::wrapped(text::basis(&r.decision)),
    kind: Kind::Wrapped,
};
pub const EDUCATION: Column = Column {
    header: "学历比照",
    width: 9.0,
    value: |_, r| Value::name(r.decision.education_equivalent.map(|e| e.name())),
    kind: Kind::Plain,
};
pub const REASONS: Column = Column {
    header: "判断理由",
    width: 60.0,
    value: |_, r| Value::wrapped(text::reason_lines(&r.decision)),
    kind: Kind::Wrapped,
};
pub const CLAUSES: Column = Column {
    header: "依据条款",
    width: 20.0,
    value: |run, r| Value::text(text::clauses(&r.decision, run.config.policy).join("、")),
    kind: Kind::Plain,
};
pub const ISSUES: Column = Column { header: "数据问题", width: 50.0, value: cell::issues, kind: Kind::Wrapped };
pub const SOURCE_FILE: Column =
    Column { header: "来源文件", width: 24.0, value: |run, r| cell::file(run, r), kind: Kind::Plain };
pub const SOURCE_SHEET: Column =
    Column { header: "来源工作表", width: 12.0, value: |run, r| cell::sheet(run, r), kind: Kind::Plain };
pub const SOURCE_ROW: Column =
    Column { header: "来源行号", width: 9.0, value: |_, r| Value::Number(f64::from(r.row)), kind: Kind::Plain };

/// One list, written a line at a time: a title block (the list's name, the policy and the
/// evaluation date, what the list holds) above a table of a 序号 column and `columns`; the title
/// block and the header repeated on every printed page, the header and the columns up to 姓名
/// frozen, an autofilter over the table; continued on `name(2)` … past the limit. How many people
/// it holds is known only when it is done: the page header says it (and 汇总).
pub struct List<R: 'static = Screened> {
    columns: &'static [Column<R>],
    paged: Paged,
    title: Heading,
    /// The last 序号 given (it runs on across pages).
    number: u32,
    heights: Heights,
}

/// What a list's title block says.
pub struct Heading {
    pub name: String,
    pub about: String,
}

/// The title block's rows, then the header's.
const TOP: u32 = 3;

impl<R> List<R> {
    pub fn new(
        sheets: Arc<Sheets>,
        title: Heading,
        columns: &'static [Column<R>],
        max_rows: u32,
        heights: Heights,
    ) -> List<R> {
        let paged = Paged::new(sheets, &title.name, max_rows, TOP);
        List { columns, paged, title, number: 0, heights }
    }

    /// People on the list so far.
    pub fn len(&self) -> u32 {
        self.number
    }

    pub fn line(&mut self, run: &Run, r: &R, f: &Formats) -> Result<(), XlsxError> {
        let (columns, title) = (self.columns, &self.title);
        let (sheet, row) = self.paged.line(|s| header(s, run, title, columns, f))?;
        self.number += 1;
        sheet.write_number(row, 0, f64::from(self.number))?;
        let (mut lines, measure) = (1, self.heights.open());
        for (c, column) in columns.iter().enumerate() {
            lines = lines.max(column.put(sheet, row, col(c + 1)?, run, r, f, measure)?);
        }
        self.heights.fit(sheet, row, lines)
    }

    pub fn finish(self, run: &Run, f: &Formats) -> Result<Vec<Worksheet>, XlsxError> {
        let List { columns, paged, title, number, .. } = self;
        let header_row = paged.header_row();
        let counted = format!("{}（共{number}人）", title.name);
        paged.finish(
            |s| header(s, run, &title, columns, f),
            |sheet, _, lines| {
                for (c, column) in columns.iter().enumerate() {
                    column.finish(sheet, col(c + 1)?, header_row, lines, f)?;
                }
                print::header(sheet, run, &counted);
                sheet.autofilter(header_row, 0, header_row + lines, col(columns.len())?)?;
                Ok(())
            },
        )
    }
}

/// A page's title block, header row, frozen panes and print setup.
fn header<R>(
    sheet: &mut Worksheet,
    run: &Run,
    title: &Heading,
    columns: &[Column<R>],
    f: &Formats,
) -> Result<(), XlsxError> {
    let d = &run.config.policy.document;
    sheet.write_string_with_format(0, 0, &title.name, &f.title)?;
    let policy = format!("{}《{}》　评价日期：{}", d.number, d.name, crate::normalize::date::iso(run.config.as_of));
    sheet.write_string(1, 0, policy)?;
    sheet.write_string(1, 5, &title.about)?;
    sheet.set_row_height(0, 22.0)?;
    let header = TOP - 1;
    let frozen = columns.iter().position(|c| c.header == NAME.header).map_or(1, |i| i + 2);
    sheet.set_column_width(0, 6.0)?;
    sheet.write_string_with_format(header, 0, "序号", &f.header)?;
    for (c, column) in columns.iter().enumerate() {
        column.set_up(sheet, col(c + 1)?, f)?;
        sheet.write_string_with_format(header, col(c + 1)?, column.header, &f.header)?;
    }
    sheet.set_row_height(header, print::header_height(columns.iter().map(|c| (c.header, c.width))))?;
    sheet.set_freeze_panes(TOP, col(frozen)?)?;
    print::set_up(sheet, run, &title.name, Some((0, header)))
}
