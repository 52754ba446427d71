//! How each sheet prints and how tall its rows are: A4 landscape, fitted to the page's width, the
//! header rows repeated on every page, and a page header and footer saying what the sheet is, under
//! which policy and on which evaluation date — so a list can be printed and handed on as it is.
//!
//! Row heights: LibreOffice (and so, by the same file, WPS) shows a wrapped cell of a row without a
//! height as one line. A row is given the height of its tallest cell, counted from the text and the
//! column's width ([`lines`]). In constant-memory mode rust_xlsxwriter keeps every row height set
//! for the whole run (about 570 bytes a row; 300,000 of them took 170 MB), so a roster of up to
//! [`Heights::WHOLE`] rows gets every height, a larger one [`Heights::BUDGET`] per writer, on its
//! first rows (Excel and WPS fit the others when they open the file; in LibreOffice, select the
//! rows and choose 最佳行高).

use super::style::width;
use crate::normalize::date::iso;
use crate::pipeline::Run;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// A4 in Excel's paper codes.
const A4: u8 = 9;

/// Points per line of the default 11-point font, and the most lines a row is made tall for.
pub const LINE: f64 = 15.0;
const MOST_LINES: usize = 12;

/// Characters (column-width units) a printed A4 landscape page of 筛选结果 holds: about half size,
/// still legible, so a roster of the usual two dozen columns prints two pages across.
pub const CHARS_PER_PAGE: f64 = 320.0;

/// Header and footer text is at most 255 characters, the codes included; longer ones Excel drops.
const MOST_HEADER_CHARS: usize = 60;

/// Text for a page header: `&` doubled (it starts a code) and cut to fit.
fn escaped(s: &str) -> String {
    s.chars().take(MOST_HEADER_CHARS).collect::<String>().replace('&', "&&")
}

/// Page setup for a sheet whose rows `repeat` (first, last) are repeated on every printed page;
/// `title` names it in the page header (a list adds its count once it is known).
pub fn set_up(sheet: &mut Worksheet, run: &Run, title: &str, repeat: Option<(u32, u32)>) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    // One page wide, as many pages down as it takes.
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    if let Some((first, last)) = repeat {
        sheet.set_repeat_rows(first, last)?;
    }
    header(sheet, run, title);
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// The page header: the sheet's title on the left, the policy's number in the middle, the
/// evaluation date on the right.
pub fn header(sheet: &mut Worksheet, run: &Run, title: &str) {
    let number = escaped(run.config.policy.document.number);
    let date = iso(run.config.as_of);
    sheet.set_header(format!("&L&\"-,Bold\"{}&C{number}&R评价日期 {date}", escaped(title)));
}

/// How many lines `text` takes in a wrapped column `column_width` characters wide.
pub fn lines(text: &str, column_width: f64) -> usize {
    // A column shows about its width less one character's margin.
    let room = (column_width - 1.0).max(1.0);
    text.lines().map(|l| ((width(l) - 2.0) / room).ceil().max(1.0) as usize).sum::<usize>().max(1)
}

/// Row heights set so far by one writer, against its budget; its sheets share it (clones count
/// together). A writer is one thread taking rows in input order, so which rows get a height is the
/// same on every run.
#[derive(Debug, Clone)]
pub struct Heights {
    set: Arc<AtomicU32>,
    budget: u32,
}

impl Heights {
    /// Rosters up to this many rows get a height on every row that needs one (at most ~11 MB of
    /// rust_xlsxwriter's per writer) …
    pub const WHOLE: u32 = 20_000;
    /// … larger ones on their first rows only, so a million rows stay within their memory.
    pub const BUDGET: u32 = 1_024;

    /// The budget of one writer of a run screening `rows` rows.
    pub fn for_rows(rows: usize) -> Heights {
        let budget = if rows <= Self::WHOLE as usize { Self::WHOLE } else { Self::BUDGET };
        Heights { set: Arc::default(), budget }
    }

    /// Whether a row may still get a height: once the budget is spent, the writers stop counting
    /// lines (on a large roster, the rows after the first thousand cost nothing here).
    pub fn open(&self) -> bool {
        self.set.load(Ordering::Relaxed) < self.budget
    }

    /// Makes `row` tall enough for `lines` lines, when it needs more than one and the budget lasts.
    pub fn fit(&self, sheet: &mut Worksheet, row: u32, lines: usize) -> Result<(), XlsxError> {
        if lines <= 1 || self.set.fetch_add(1, Ordering::Relaxed) >= self.budget {
            return Ok(());
        }
        sheet.set_row_height(row, LINE * lines.min(MOST_LINES) as f64)?;
        Ok(())
    }
}

/// The height of a header row whose texts wrap in their columns: `headers` as (text, width).
pub fn header_height<'a>(headers: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let most = headers.into_iter().map(|(h, w)| lines(h, w)).max().unwrap_or(1);
    LINE * most.clamp(1, 3) as f64 + 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_wrapping_and_line_breaks() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("工程师", 10.0), 1);
        // Ten CJK characters are 20 units: three lines of a 10-wide column (9 of room).
        assert_eq!(lines("一二三四五六七八九十", 10.0), 3);
        assert_eq!(lines("第一行\n第二行\n第三行", 40.0), 3);
        assert_eq!(header_height([("技能→职称 结论", 12.0), ("姓名", 10.0)]), 2.0 * LINE + 2.0);
    }

    #[test]
    fn header_text_escapes_ampersands_and_stays_short() {
        assert_eq!(escaped("A&B"), "A&&B");
        assert_eq!(escaped(&"长".repeat(300)).chars().count(), MOST_HEADER_CHARS);
    }
}
