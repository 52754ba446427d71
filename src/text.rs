//! The text forms that reading and normalizing share: a cell's text folded for comparison, and a
//! date as `YYYY-MM-DD`. A leaf module, so that reading ([`crate::read`]) needs nothing of
//! normalizing ([`crate::normalize`]), which reads what reading gives.

use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::fmt::{self, Write};

/// Folds full-width ASCII (`２０１９`, `（`, `／`) to half-width, the ideographic space to a space,
/// and drops all white space — roster cells carry stray spaces and line breaks that mean nothing.
pub fn fold(s: &str) -> Cow<'_, str> {
    // Every character `needs_folding` names is ASCII white space or starts with one of these
    // bytes in UTF-8; CJK ideographs (E4–E9) never do, so most cells are passed over by bytes.
    let maybe = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
    if !s.as_bytes().iter().any(maybe) || !s.chars().any(needs_folding) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '【' | '〔' => '[',
            '】' | '〕' => ']',
            _ => c,
        };
        if !c.is_whitespace() && c != '\u{200B}' && c != '\u{FEFF}' {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_folding(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | '【' | '〔' | '】' | '〕' | '\u{200B}' | '\u{FEFF}')
        || c.is_whitespace()
}

/// `YYYY-MM-DD`, as the JSONL writes dates.
pub fn iso(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    let _ = write!(s, "{}", Iso(d));
    s
}

/// A date displayed as `YYYY-MM-DD`. Reasons and cells print millions of dates; this writes the
/// ten bytes directly instead of going through three padded integer formats.
pub struct Iso(pub NaiveDate);

impl fmt::Display for Iso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        let Ok(y @ 0..=9999) = u32::try_from(y) else {
            return write!(f, "{y:04}-{m:02}-{d:02}");
        };
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let bytes = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        f.pad(std::str::from_utf8(&bytes).map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_space() {
        assert_eq!(fold("２０１９年３月"), "2019年3月");
        assert_eq!(fold(" 职业（工种）\n"), "职业(工种)");
        assert_eq!(fold("高级\u{3000}技师"), "高级技师");
    }

    /// The byte shortcut misses no character that folds: every one of them changes the text.
    #[test]
    fn the_byte_shortcut_misses_nothing() {
        let folding = (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| needs_folding(*c));
        for c in folding {
            let s = format!("技师{c}");
            assert_ne!(fold(&s), s, "U+{:04X}", c as u32);
        }
        assert!(matches!(fold("高级技师"), Cow::Borrowed(_)));
        assert!(matches!(fold("2023合格、2024合格"), Cow::Borrowed(_)));
    }
}
