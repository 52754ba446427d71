//! A header block: one to four rows at the top of a roster whose cells — merged, or written only
//! in the first cell of a group — give each column a path of texts, outermost group first.
//!
//! Merged ranges are used where the reader knows them before the rows (xls, ods). Where it does
//! not (a streamed xlsx keeps them after the cells), a group is read the way Excel shows it: a
//! heading whose cells to its right are empty, over columns that have names of their own below,
//! covers those columns. A leaf merged down over the block (`姓名` over both rows) needs no filling:
//! its path is its one text.

use super::words::Forms;
use crate::read::{Cell, Span};

/// One header cell, as written and folded.
#[derive(Debug, Clone, Default)]
pub struct HeaderCell {
    /// Trimmed, as the roster writes it (line breaks kept).
    pub text: String,
    pub forms: Forms,
}

impl HeaderCell {
    pub fn of(cell: &Cell) -> HeaderCell {
        let text = cell.text();
        let text = text.trim();
        HeaderCell { text: text.to_string(), forms: Forms::of(text) }
    }
}

/// The cell whose text fills a block position: (row in the block, column).
type From = Option<(usize, usize)>;

/// A block of header rows and, for each position, the cell whose text it shows.
pub struct Block<'c> {
    rows: &'c [Vec<HeaderCell>],
    grid: Vec<Vec<From>>,
    pub width: usize,
}

impl<'c> Block<'c> {
    /// The block of `rows`, whose first row is row `first` as Excel numbers it.
    pub fn new(rows: &'c [Vec<HeaderCell>], first: u32, merged: &[Span]) -> Block<'c> {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut grid: Vec<Vec<From>> = rows
            .iter()
            .enumerate()
            .map(|(k, row)| (0..width).map(|c| row.get(c).filter(|h| !h.forms.is_empty()).map(|_| (k, c))).collect())
            .collect();
        let h = rows.len();
        let last = first + h as u32 - 1;
        for &((r0, c0), (r1, c1)) in merged {
            // A range written backwards is the same range; one past the sheet is cut to the block.
            let (r0, r1, c0, c1) = (r0.min(r1), r0.max(r1), c0.min(c1) as usize, c0.max(c1) as usize);
            if r0 < first || r0 > last || c0 >= width {
                continue;
            }
            let k0 = (r0 - first) as usize;
            let Some(from) = grid[k0][c0] else { continue };
            for row in grid.iter_mut().take((r1.min(last) - first) as usize + 1).skip(k0) {
                for cell in row.iter_mut().take(c1.min(width - 1) + 1).skip(c0) {
                    cell.get_or_insert(from);
                }
            }
        }
        // A group heading written in its first cell covers the empty cells to its right that have
        // names below, as long as the cells above them are those above the heading.
        for k in 0..h.saturating_sub(1) {
            for c in 1..width {
                let below = |grid: &[Vec<From>], c: usize| (k + 1..h).any(|j| grid[j][c].is_some_and(|(r, _)| r > k));
                if grid[k][c].is_none()
                    && grid[k][c - 1].is_some()
                    && below(&grid, c)
                    && below(&grid, c - 1)
                    && (0..k).all(|j| grid[j][c] == grid[j][c - 1])
                {
                    grid[k][c] = grid[k][c - 1];
                }
            }
        }
        Block { rows, grid, width }
    }

    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// The texts down column `c`, repeats collapsed, leaving out what row `without` wrote. A
    /// bracketed note alone (`（年.月）` under `取得时间`) adds nothing to a path that has words.
    pub fn path(&self, c: usize, without: Option<usize>) -> Vec<&'c HeaderCell> {
        let mut path: Vec<&HeaderCell> = Vec::with_capacity(self.rows.len());
        for (r, col) in self.grid.iter().filter_map(|row| row[c]) {
            if Some(r) == without {
                continue;
            }
            let cell = &self.rows[r][col];
            if path.last().is_none_or(|p| p.forms.full != cell.forms.full) {
                path.push(cell);
            }
        }
        if path.iter().any(|p| !p.forms.bare.is_empty()) {
            path.retain(|p| !p.forms.bare.is_empty());
        }
        path
    }

    /// Does any position of column `c` show a text that row `k` wrote?
    pub fn written_by(&self, c: usize, k: usize) -> bool {
        self.grid.iter().any(|row| row[c].is_some_and(|(r, _)| r == k))
    }

    /// The folded texts column `c` shows in each row of the block, to recognise the block's rows
    /// printed again inside the data.
    pub fn folded(&self, c: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (r, col) in self.grid.iter().filter_map(|row| row[c]) {
            let f = &self.rows[r][col].forms.full;
            if !out.contains(f) {
                out.push(f.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(texts: &[&[&str]]) -> Vec<Vec<HeaderCell>> {
        texts.iter().map(|r| r.iter().map(|t| HeaderCell::of(&Cell::Text((*t).into()))).collect()).collect()
    }

    fn paths(block: &Block) -> Vec<String> {
        (0..block.width)
            .map(|c| block.path(c, None).iter().map(|h| h.text.as_str()).collect::<Vec<_>>().join("/"))
            .collect()
    }

    #[test]
    fn groups_cover_their_columns_without_merges() {
        let r = rows(&[
            &["序号", "姓名", "技能等级情况", "", "职称情况", "", "荣誉称号"],
            &["", "", "等级", "取得时间", "职称名称", "取得时间", ""],
        ]);
        let block = Block::new(&r, 3, &[]);
        assert_eq!(
            paths(&block),
            [
                "序号",
                "姓名",
                "技能等级情况/等级",
                "技能等级情况/取得时间",
                "职称情况/职称名称",
                "职称情况/取得时间",
                "荣誉称号"
            ]
        );
    }

    #[test]
    fn three_rows_and_known_merges() {
        let r = rows(&[
            &["序号", "姓名", "近三年年度考核", "", "", "备注"],
            &["", "", "年度", "", "", ""],
            &["", "", "2023", "2024", "2025", ""],
        ]);
        // 序号 and 姓名 merged down over the block; 年度 merged across (given as known ranges).
        let merged = [((1, 0), (3, 0)), ((1, 1), (3, 1)), ((1, 2), (1, 4)), ((2, 2), (2, 4)), ((1, 5), (3, 5))];
        let block = Block::new(&r, 1, &merged);
        assert_eq!(
            paths(&block),
            [
                "序号",
                "姓名",
                "近三年年度考核/年度/2023",
                "近三年年度考核/年度/2024",
                "近三年年度考核/年度/2025",
                "备注"
            ]
        );
        // The same without the ranges.
        assert_eq!(paths(&Block::new(&r, 1, &[])), paths(&block));
    }

    #[test]
    fn a_leaf_merged_down_does_not_spread_right() {
        let r = rows(&[&["姓名", "", "技能等级"], &["", "备注", ""]]);
        let block = Block::new(&r, 1, &[((1, 0), (2, 0)), ((1, 2), (2, 2))]);
        assert_eq!(paths(&block), ["姓名", "备注", "技能等级"]);
    }

    #[test]
    fn hostile_ranges_are_cut_or_ignored() {
        let r = rows(&[&["姓名", "技能等级"], &["", ""]]);
        let merged = [((2, 5), (1, 0)), ((1, 0), (1_048_576, 16_383)), ((40, 0), (41, 1))];
        let block = Block::new(&r, 1, &merged);
        assert_eq!(block.width, 2);
        assert_eq!(paths(&block), ["姓名", "技能等级/姓名"]);
    }
}
