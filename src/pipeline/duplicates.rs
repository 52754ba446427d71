//! The same 身份证号 on several rows or in several files: a data issue on every such row naming the
//! other places. The IDs are gathered while reading (a few dozen bytes a row); the notices exist
//! only for the rows that have a twin.

use crate::normalize::Issue;
use compact_str::CompactString;
use std::collections::HashMap;

/// How many other places a notice names before it only counts the rest.
const PLACES_LISTED: usize = 5;

/// One row's 身份证号 and where the row is.
#[derive(Debug)]
struct Seen {
    id: CompactString,
    /// The row's position in the run (input order).
    index: u32,
    /// Its row number, and its sheet among [`Ids::sheets`].
    row: u32,
    sheet: u32,
}

/// The IDs read so far, and the places (file, sheet, row) they were read at.
#[derive(Debug, Default)]
pub struct Ids {
    seen: Vec<Seen>,
    /// `(file「sheet」, its 身份证号 header)`, one entry per sheet.
    sheets: Vec<(String, String)>,
}

/// What to add to each row that has a twin, by the row's position in the run.
pub type Notices = HashMap<u32, Issue>;

impl Ids {
    /// Starts a sheet: `place` names it (`file「sheet」`), `column` is its 身份证号 header.
    pub fn sheet(&mut self, place: String, column: String) {
        self.sheets.push((place, column));
    }

    /// Row `index` of the run, row `row` of the current sheet, holds `id` (normalized). IDs shorter
    /// than 15 characters are not IDs and are not compared.
    pub fn add(&mut self, id: &str, index: usize, row: u32) {
        if id.len() < 15 {
            return;
        }
        let sheet = u32::try_from(self.sheets.len().saturating_sub(1)).unwrap_or(u32::MAX);
        self.seen.push(Seen { id: id.into(), index: u32::try_from(index).unwrap_or(u32::MAX), row, sheet });
    }

    /// Forgets everything after the first `n` IDs and `sheets` sheets (a file that failed midway).
    pub fn truncate(&mut self, mark: (usize, usize)) {
        self.seen.truncate(mark.0);
        self.sheets.truncate(mark.1);
    }

    pub fn mark(&self) -> (usize, usize) {
        (self.seen.len(), self.sheets.len())
    }

    fn place(&self, s: &Seen) -> (&str, &str, u32) {
        let (place, column) = &self.sheets[s.sheet as usize];
        (place, column, s.row)
    }

    /// A notice for every row whose ID another row also has.
    pub fn notices(mut self) -> Notices {
        self.seen.sort_unstable_by(|a, b| (&a.id, a.index).cmp(&(&b.id, b.index)));
        let mut notices = Notices::new();
        for group in self.seen.chunk_by(|a, b| a.id == b.id).filter(|g| g.len() > 1) {
            for me in group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|o| o.index != me.index)
                    .take(PLACES_LISTED)
                    .map(|o| {
                        let (place, _, row) = self.place(o);
                        format!("{place}第{row}行")
                    })
                    .collect();
                let more = group.len() - 1 - others.len();
                let others =
                    if more > 0 { format!("{}等，另有{more}处", others.join("；")) } else { others.join("；") };
                let (_, column, _) = self.place(me);
                notices.insert(
                    me.index,
                    Issue {
                        column: column.to_string(),
                        value: me.id.to_string(),
                        problem: format!("身份证号重复，同一人还出现在：{others}"),
                        action: "核对是否重复填报，保留一条",
                    },
                );
            }
        }
        notices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_a_group_names_the_others_up_to_five() {
        let mut ids = Ids::default();
        ids.sheet("a.xlsx「一厂」".into(), "身份证号".into());
        ids.add("210302199001011234", 0, 3);
        ids.add("21030219900101123X", 1, 4);
        ids.add("short", 2, 5);
        ids.sheet("b.csv「b」".into(), "证件号码".into());
        for i in 0..7 {
            ids.add("210302199001011234", 3 + i, 10 + i as u32);
        }
        let notices = ids.notices();
        assert_eq!(notices.len(), 8);
        assert_eq!(
            notices[&0].problem,
            "身份证号重复，同一人还出现在：b.csv「b」第10行；b.csv「b」第11行；b.csv「b」第12行；\
             b.csv「b」第13行；b.csv「b」第14行等，另有2处"
        );
        assert_eq!(notices[&0].column, "身份证号");
        assert_eq!(notices[&3].column, "证件号码");
        assert!(notices[&3].problem.starts_with("身份证号重复，同一人还出现在：a.xlsx「一厂」第3行；b.csv「b」第11行"));
        assert!(!notices.contains_key(&1));
    }
}
