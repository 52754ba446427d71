//! Words shared by every normalizer; the folding itself is [`crate::text::fold`].

pub use crate::text::fold;

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
    fn none_words_after_folding() {
        assert!(is_none_word(&fold(" 无 ")));
        assert!(!is_none_word("伪造"));
    }
}
