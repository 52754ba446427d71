//! Text folding shared by every normalizer: full-width forms to ASCII, spaces and line breaks out.

use std::borrow::Cow;

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

/// Words that mean "nothing here" in a roster cell.
pub fn is_none_word(folded: &str) -> bool {
    matches!(
        folded,
        "" | "无" | "否" | "没有" | "暂无" | "无记录" | "/" | "-" | "--" | "—" | "——" | "空" | "N/A" | "n/a"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_space() {
        assert_eq!(fold("２０１９年３月"), "2019年3月");
        assert_eq!(fold(" 职业（工种）\n"), "职业(工种)");
        assert_eq!(fold("高级\u{3000}技师"), "高级技师");
        assert!(is_none_word(&fold(" 无 ")));
        assert!(!is_none_word("伪造"));
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
