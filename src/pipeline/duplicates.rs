//! The same 身份证号 on several rows or in several files: a data issue on every such row naming the
//! other places.
//!
//! The IDs are gathered while reading (about 40 bytes a row). Once everything is read, only the
//! rows that share an ID are kept, sorted by ID, and each row's notice is written out when its
//! batch is screened — a roster submitted twice (every row a duplicate) costs the same few dozen
//! bytes a row, not a formatted notice each.

use crate::normalize::Issue;
use compact_str::CompactString;

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

    /// The ID read on row `row` of the current sheet, if any (rows are added in order, so the
    /// search runs back over the current sheet only).
    pub fn in_current_sheet(&self, row: u32) -> Option<CompactString> {
        let sheet = u32::try_from(self.sheets.len().checked_sub(1)?).ok()?;
        self.seen.iter().rev().take_while(|s| s.sheet == sheet).find(|s| s.row == row).map(|s| s.id.clone())
    }

    pub fn mark(&self) -> (usize, usize) {
        (self.seen.len(), self.sheets.len())
    }

    /// Forgets everything after `mark` (a file that failed midway).
    pub fn truncate(&mut self, mark: (usize, usize)) {
        self.seen.truncate(mark.0);
        self.sheets.truncate(mark.1);
    }

    /// Keeps the rows that share their ID with another row.
    pub fn notices(mut self) -> Notices {
        self.seen.sort_unstable_by(|a, b| (&a.id, a.index).cmp(&(&b.id, b.index)));
        let mut twins = Vec::new();
        for group in self.seen.chunk_by(|a, b| a.id == b.id).filter(|g| g.len() > 1) {
            twins.extend(group.iter().map(|s| Seen { id: s.id.clone(), ..*s }));
        }
        let mut by_row: Vec<(u32, u32)> = Vec::with_capacity(twins.len());
        for (group, at) in twins.chunk_by(|a, b| a.id == b.id).zip(group_starts(&twins)) {
            by_row.extend(group.iter().map(|s| (s.index, at)));
        }
        by_row.sort_unstable();
        Notices { twins, by_row, sheets: self.sheets }
    }
}

/// Where each group of equal IDs starts in `twins`.
fn group_starts(twins: &[Seen]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0u32;
    twins.chunk_by(|a, b| a.id == b.id).map(move |g| {
        let start = at;
        at += u32::try_from(g.len()).unwrap_or(u32::MAX);
        start
    })
}

/// The rows that have a twin, and where to find their group.
#[derive(Debug, Default)]
pub struct Notices {
    /// Every row that shares its ID, grouped by ID, each group in input order.
    twins: Vec<Seen>,
    /// `(row's position in the run, where its group starts in twins)`, by position.
    by_row: Vec<(u32, u32)>,
    sheets: Vec<(String, String)>,
}

impl Notices {
    /// The notice for row `index` of the run, if its ID is also elsewhere.
    pub fn get(&self, index: u32) -> Option<Issue> {
        let at = self.by_row.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        let start = self.by_row[at].1 as usize;
        let first = &self.twins[start];
        let len = self.twins[start..].iter().take_while(|s| s.id == first.id).count();
        let group = &self.twins[start..start + len];
        let me = group.iter().find(|s| s.index == index)?;
        let place = |s: &Seen| {
            let (place, column) = &self.sheets[s.sheet as usize];
            (place.as_str(), column.as_str())
        };
        let others: Vec<String> = group
            .iter()
            .filter(|o| o.index != index)
            .take(PLACES_LISTED)
            .map(|o| format!("{}第{}行", place(o).0, o.row))
            .collect();
        let more = group.len() - 1 - others.len();
        let others = if more > 0 { format!("{}等，另有{more}处", others.join("；")) } else { others.join("；") };
        Some(Issue {
            column: place(me).1.to_string(),
            value: me.id.to_string(),
            problem: format!("身份证号重复，同一人还出现在：{others}").into(),
            action: "核对是否重复填报，保留一条",
            severity: crate::normalize::Severity::Error,
        })
    }

    /// Rows that have a notice.
    pub fn len(&self) -> usize {
        self.by_row.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_row.is_empty()
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
        assert_eq!(ids.in_current_sheet(4).as_deref(), Some("21030219900101123X"));
        ids.sheet("b.csv「b」".into(), "证件号码".into());
        assert_eq!(ids.in_current_sheet(4), None, "only the current sheet is searched");
        for i in 0..7 {
            ids.add("210302199001011234", 3 + i, 10 + i as u32);
        }
        let notices = ids.notices();
        assert_eq!(notices.len(), 8);
        let first = notices.get(0).unwrap();
        assert_eq!(
            first.problem,
            "身份证号重复，同一人还出现在：b.csv「b」第10行；b.csv「b」第11行；b.csv「b」第12行；\
             b.csv「b」第13行；b.csv「b」第14行等，另有2处"
        );
        assert_eq!(first.column, "身份证号");
        assert_eq!(first.value, "210302199001011234");
        let fourth = notices.get(3).unwrap();
        assert_eq!(fourth.column, "证件号码");
        assert!(fourth.problem.starts_with("身份证号重复，同一人还出现在：a.xlsx「一厂」第3行；b.csv「b」第11行"));
        assert!(notices.get(1).is_none() && notices.get(2).is_none() && notices.get(99).is_none());
    }

    #[test]
    fn a_rewound_file_leaves_no_ids() {
        let mut ids = Ids::default();
        ids.sheet("a.xlsx「一厂」".into(), "身份证号".into());
        ids.add("210302199001011234", 0, 3);
        let mark = ids.mark();
        ids.sheet("b.xlsx「一厂」".into(), "身份证号".into());
        ids.add("210302199001011234", 1, 3);
        ids.truncate(mark);
        ids.sheet("c.xlsx「一厂」".into(), "身份证号".into());
        ids.add("210302199001011234", 1, 7);
        let notice = ids.notices().get(0).unwrap();
        assert_eq!(notice.problem, "身份证号重复，同一人还出现在：c.xlsx「一厂」第7行");
    }
}
