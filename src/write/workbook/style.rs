//! How the workbook looks: one font, one fill colour per status, and widths that fit Chinese text.
//!
//! In constant-memory mode a format must be given with each cell as it is written, so every format
//! is made once here and handed to the sheet writers.

use crate::model::Status;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Excel's characters per cell, counted in UTF-16 units as Excel counts them.
const EXCEL_MAX_CHARS: usize = 32_767;

/// The fill of each status that has one, as RGB (not_applicable stays plain). 汇总's chart uses
/// the same colours, so a colour means the same thing on every sheet.
pub fn fill(status: Status) -> Option<u32> {
    match status {
        Status::Eligible => Some(0xC6EFCE),    // green
        Status::NeedsReview => Some(0xFFEB9C), // amber
        Status::NotEligible => Some(0xFFC7CE), // red
        Status::AlreadyHeld => Some(0xBDD7EE), // blue
        Status::NotApplicable => None,
    }
}

pub struct Formats {
    pub header: Format,
    /// A sheet's title line (汇总).
    pub title: Format,
    /// A section heading (汇总, 政策依据).
    pub section: Format,
    pub date: Format,
    /// A date the roster gives to the month only.
    pub month: Format,
    pub wrap: Format,
    pub plain: Format,
    eligible: Format,
    needs_review: Format,
    not_eligible: Format,
    already_held: Format,
    /// Status headers of 汇总, each in its status colour: the colour legend.
    header_eligible: Format,
    header_needs_review: Format,
    header_not_eligible: Format,
    header_already_held: Format,
}

impl Formats {
    pub fn new() -> Formats {
        // The workbook's default format ([`default_format`]): a plain cell is then written with no
        // format at all, which spares rust_xlsxwriter hashing a format for most of the millions of
        // cells (about a fifth of the writing time, per the callgrind profile in BENCHMARKS.md).
        let base = default_format();
        let header = base
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border(FormatBorder::Thin)
            .set_text_wrap();
        let fill = |s: Status, on: &Format| match fill(s) {
            Some(rgb) => on.clone().set_background_color(Color::RGB(rgb)),
            None => on.clone(),
        };
        Formats {
            title: base.clone().set_bold().set_font_size(14),
            section: base.clone().set_bold().set_font_size(11),
            date: base.clone().set_num_format("yyyy-mm-dd"),
            month: base.clone().set_num_format("yyyy-mm"),
            wrap: base.clone().set_text_wrap(),
            eligible: fill(Status::Eligible, &base),
            needs_review: fill(Status::NeedsReview, &base),
            not_eligible: fill(Status::NotEligible, &base),
            already_held: fill(Status::AlreadyHeld, &base),
            header_eligible: fill(Status::Eligible, &header),
            header_needs_review: fill(Status::NeedsReview, &header),
            header_not_eligible: fill(Status::NotEligible, &header),
            header_already_held: fill(Status::AlreadyHeld, &header),
            plain: base,
            header,
        }
    }

    /// Every format, in a fixed order (see [`super::Book::new`]).
    pub fn all(&self) -> [&Format; 15] {
        [
            &self.plain,
            &self.header,
            &self.title,
            &self.section,
            &self.date,
            &self.month,
            &self.wrap,
            &self.eligible,
            &self.needs_review,
            &self.not_eligible,
            &self.already_held,
            &self.header_eligible,
            &self.header_needs_review,
            &self.header_not_eligible,
            &self.header_already_held,
        ]
    }

    /// A status cell: its colour, or plain for not_applicable.
    pub fn status(&self, s: Status) -> &Format {
        match s {
            Status::Eligible => &self.eligible,
            Status::NeedsReview => &self.needs_review,
            Status::NotEligible => &self.not_eligible,
            Status::AlreadyHeld => &self.already_held,
            Status::NotApplicable => &self.plain,
        }
    }

    /// A header naming a status, in that status's colour.
    pub fn status_header(&self, s: Status) -> &Format {
        match s {
            Status::Eligible => &self.header_eligible,
            Status::NeedsReview => &self.header_needs_review,
            Status::NotEligible => &self.header_not_eligible,
            Status::AlreadyHeld => &self.header_already_held,
            Status::NotApplicable => &self.header,
        }
    }
}

/// The workbook's default cell format: Calibri 11 as rust_xlsxwriter's own, aligned to the top, so
/// a one-line cell of a tall row (several reasons beside it) sits level with its neighbour's first
/// line. Being the default (style 0), it costs no attribute on any cell.
pub fn default_format() -> Format {
    Format::new().set_align(FormatAlign::Top)
}

/// Calibri 11's default row height and column width, in pixels, as Excel has them.
pub const DEFAULT_ROW_PIXELS: u32 = 20;
pub const DEFAULT_COLUMN_PIXELS: u32 = 64;

/// Display width of a text in Excel's character units: a CJK character (and any full-width form)
/// takes two, and the widest line of a multi-line text counts.
pub fn width(s: &str) -> f64 {
    // Counted on bytes: an ASCII byte is one unit, a multi-byte character's lead byte two, its
    // continuation bytes nothing — the same as counting characters, without decoding them.
    let line = |l: &str| l.bytes().map(|b| u32::from(b < 0x80) + 2 * u32::from(b >= 0xC0)).sum::<u32>();
    f64::from(s.lines().map(line).max().unwrap_or(0)) + 2.0
}

/// A text cut to what one Excel cell holds, never inside a character.
pub fn clip(s: &str) -> &str {
    // Every UTF-16 unit takes at least one byte: short texts (nearly all) need no count.
    if s.len() <= EXCEL_MAX_CHARS {
        return s;
    }
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > EXCEL_MAX_CHARS {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_counts_utf16_units_as_excel_does() {
        let cjk = "贯".repeat(40_000);
        assert_eq!(clip(&cjk).chars().count(), EXCEL_MAX_CHARS);
        // An emoji is two UTF-16 units: 16,383 of them fit, the next one would split the limit.
        let emoji = "🔧".repeat(20_000);
        assert_eq!(clip(&emoji).chars().count(), EXCEL_MAX_CHARS / 2);
        assert_eq!(clip("短"), "短");
    }

    #[test]
    fn width_counts_cjk_double_and_the_widest_line() {
        assert_eq!(width("ab"), 4.0);
        assert_eq!(width("工程师"), 8.0);
        assert_eq!(width("a\n工程师"), 8.0);
    }
}
