//! Merged data cells, filled as the rows stream by.
//!
//! Excel keeps a merged range's value in its first cell only; a 单位 merged over the rows of its
//! people belongs to each of them. A streamed xlsx gives its merged ranges only after its cells, so
//! the rows are spilled as read and filled here when they are read back, in order.

use crate::read::{Cell, RawRow, Span};

/// Fills the cells of the ranges that start at or below the first data row.
#[derive(Debug)]
pub struct Filler {
    /// Ranges by first row, not yet reached.
    ranges: Vec<Span>,
    next: usize,
    /// Ranges being filled, with their value.
    active: Vec<(Span, Cell)>,
}

impl Filler {
    pub fn new(mut ranges: Vec<Span>) -> Filler {
        ranges.sort_unstable();
        Filler { ranges, next: 0, active: Vec::new() }
    }

    /// Gives each empty cell of `row` inside a range its range's value. Rows come in order; a range
    /// whose first row is not among them (a blank or skipped row) has no value and is left alone.
    pub fn fill(&mut self, row: &mut RawRow) {
        let n = row.number;
        self.active.retain(|(((_, _), (last, _)), _)| *last >= n);
        while let Some(&span) = self.ranges.get(self.next) {
            let ((first, c0), _) = span;
            if first > n {
                break;
            }
            self.next += 1;
            if first == n {
                if let Some(value) = row.cells.get(c0 as usize).filter(|c| !c.is_empty()) {
                    self.active.push((span, value.clone()));
                }
            }
        }
        for &(((_, c0), (_, c1)), ref value) in &self.active {
            let cells = &mut row.cells;
            if cells.len() <= c1 as usize {
                cells.resize(c1 as usize + 1, Cell::Empty);
            }
            for cell in &mut cells[c0 as usize..=c1 as usize] {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, cells: &[&str]) -> RawRow {
        RawRow {
            number,
            cells: cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).into()) }).collect(),
        }
    }

    fn texts(row: &RawRow) -> Vec<String> {
        row.cells.iter().map(|c| c.text().into_owned()).collect()
    }

    #[test]
    fn fills_down_and_across_and_stops_after_the_range() {
        // 单位 (column 0) merged over rows 3–5, columns 1–2 merged over row 4.
        let mut filler = Filler::new(vec![((4, 1), (4, 2)), ((3, 0), (5, 0))]);
        let mut rows =
            [row(3, &["一厂", "张三"]), row(4, &["", "李四"]), row(5, &["", "王五", "x"]), row(6, &["", "赵六"])];
        for r in &mut rows {
            filler.fill(r);
        }
        assert_eq!(texts(&rows[0]), ["一厂", "张三"]);
        assert_eq!(texts(&rows[1]), ["一厂", "李四", "李四"]);
        assert_eq!(texts(&rows[2]), ["一厂", "王五", "x"]);
        assert_eq!(texts(&rows[3]), ["", "赵六"]);
    }

    #[test]
    fn a_range_whose_first_row_was_skipped_fills_nothing() {
        let mut filler = Filler::new(vec![((3, 0), (5, 0))]);
        let mut r = row(4, &["", "李四"]);
        filler.fill(&mut r);
        assert_eq!(texts(&r), ["", "李四"]);
    }
}
