//! `--split-by 单位`: the screening cut into one part per employer, each written as a workbook of
//! its own, with memory bounded however many employers and rows there are.
//!
//! During pass 2 a [`Splitter`] sees every screened row (it is one more writer), names its part —
//! the row's 单位, or the submission's file name when its roster has no 单位 column, or 未填单位 —
//! and appends the row as read (merged cells filled, its place in the run kept for its duplicate
//! notice) to one of a few bucket files, by the part's number. Afterwards each bucket is read back:
//! a bucket of at most [`HELD`] rows is held in memory and cut into its parts; a larger one (a few
//! huge employers) is read once per part in it, a batch at a time. Each part is screened again
//! (normalize and evaluate cost about 1 µs a row) and handed to the writers as a [`Run`] of its own:
//! its files, sheets and columns only, so an enterprise's workbook shows nothing of the others.

use super::spill::{write_frame, Frames, Spilled, BATCH};
use super::{FileReport, Run, Screened, SheetOutcome, Source, Tally};
use crate::evaluate::evaluate;
use crate::normalize::{person, Context};
use crate::read::header::Key;
use crate::read::Cell;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom};

/// Rows of a bucket held in memory at once (about 700 bytes a row as read), unless told otherwise.
pub const HELD: usize = 32_768;
/// Bucket files open at once, at most.
const MOST_BUCKETS: usize = 256;

/// One row as kept in a bucket.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    part: u32,
    /// The row's place in the run (its duplicate notice is found by it).
    index: u32,
    row: Spilled,
}

/// A [`Kept`] as it is written, borrowing the screened row's cells rather than copying them: its
/// fields in the same order, so postcard writes the same bytes and a bucket reads back as `Kept`.
#[derive(Serialize)]
struct KeptRef<'a> {
    part: u32,
    index: u32,
    source: u32,
    number: u32,
    cells: &'a [Cell],
}

/// The fields a run can be split by, and the name of the option's value for each.
pub fn key(name: &str) -> Option<Key> {
    match Key::from_id(name.trim())? {
        k @ (Key::Employer | Key::Department | Key::PostType | Key::Occupation) => Some(k),
        _ => None,
    }
}

/// Cuts the rows into parts as pass 2 goes by (a writer of its own).
pub struct Splitter {
    key: Key,
    held: usize,
    parts: Vec<Part>,
    by_name: HashMap<String, u32>,
    buckets: Vec<BufWriter<File>>,
    seen: u32,
    bytes: Vec<u8>,
}

/// One part: its name, how many rows it has in each sheet, and its tally.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    /// Rows per source (by the run's source index), in order of the sources.
    pub rows: Vec<(usize, usize)>,
    /// Split by 单位: the sheets of the part's submission that gave no row (could not be screened,
    /// not a roster, no data), by the run's source index — see [`attach`].
    pub unscreened: Vec<usize>,
    /// Split by 单位: the files of the part's submission with no sheet read (could not be read, or
    /// set aside), by the run's file index.
    pub unread: Vec<usize>,
    pub tally: Tally,
}

impl Part {
    fn named(name: String) -> Part {
        Part { name, rows: Vec::new(), unscreened: Vec::new(), unread: Vec::new(), tally: Tally::default() }
    }

    /// How many files of the part could not be read, and how many of its sheets screened.
    pub fn not_screened(&self, run: &Run) -> (usize, usize) {
        let unreadable = self.unread.iter().filter(|&&f| run.files[f].outcome.is_unreadable()).count();
        let failed =
            self.unscreened.iter().filter(|&&s| matches!(run.sources[s].outcome, SheetOutcome::Failed(_))).count();
        (unreadable, failed)
    }

    pub fn len(&self) -> usize {
        self.rows.iter().map(|(_, n)| n).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Splitter {
    /// A splitter by `key` for the rows of `run`, its buckets beside the spill
    /// (`Config::spill_dir`); a bucket of at most `held` rows ([`HELD`]) is held in memory.
    pub fn new(run: &Run, key: Key, held: usize) -> io::Result<Splitter> {
        let held = held.max(1);
        // Half full on average, so a bucket whose parts came out large is still held (a bucket
        // over `held` is read once per part: 500 employers of 2,000 rows in buckets of 16,384
        // on average took twice as long).
        let count = (run.rows_to_screen() * 2).div_ceil(held).clamp(1, MOST_BUCKETS);
        let dir = run.config.spill_dir.as_deref();
        let buckets = (0..count)
            .map(|_| {
                let file = match dir {
                    Some(dir) => tempfile::tempfile_in(dir)?,
                    None => tempfile::tempfile()?,
                };
                Ok(BufWriter::new(file))
            })
            .collect::<io::Result<_>>()?;
        Ok(Splitter { key, held, parts: Vec::new(), by_name: HashMap::new(), buckets, seen: 0, bytes: Vec::new() })
    }

    /// The part a row belongs to.
    fn name<'r>(&self, run: &'r Run, r: &'r Screened) -> std::borrow::Cow<'r, str> {
        let source = &run.sources[r.source];
        let column = source.layout.as_ref().and_then(|l| l.column(self.key));
        let text = match (self.key, column) {
            // No 单位 column: a submission is one enterprise's, named by its folder or file.
            (Key::Employer, None) => return submission(&run.config.inputs, &run.files[source.file].path).into(),
            (Key::Employer, Some(_)) => r.person.employer.as_deref().map(str::trim).unwrap_or_default().to_string(),
            (_, Some(column)) => r.cells.get(column.index).map(|c| c.text().trim().to_string()).unwrap_or_default(),
            (_, None) => String::new(),
        };
        if text.is_empty() {
            format!("未填{}", self.key.label()).into()
        } else {
            text.into()
        }
    }

    /// Keeps every row of a batch in its part's bucket.
    pub fn take(&mut self, run: &Run, batch: &[Screened]) -> io::Result<()> {
        for r in batch {
            let name = self.name(run, r);
            let part = match self.by_name.get(name.as_ref()) {
                Some(&p) => p,
                None => {
                    let p = u32::try_from(self.parts.len()).map_err(io::Error::other)?;
                    self.by_name.insert(name.to_string(), p);
                    self.parts.push(Part::named(name.into_owned()));
                    p
                }
            };
            let entry = &mut self.parts[part as usize];
            match entry.rows.last_mut() {
                Some((s, n)) if *s == r.source => *n += 1,
                _ => match entry.rows.iter_mut().find(|(s, _)| *s == r.source) {
                    Some((_, n)) => *n += 1,
                    None => entry.rows.push((r.source, 1)),
                },
            }
            entry.tally.add(r);
            let source = u32::try_from(r.source).map_err(io::Error::other)?;
            let kept = KeptRef { part, index: self.seen, source, number: r.row, cells: &r.cells };
            self.seen += 1;
            let bucket = part as usize % self.buckets.len();
            write_frame(&mut self.buckets[bucket], &kept, &mut self.bytes)?;
        }
        Ok(())
    }

    /// The parts, in order of first appearance, and their rows on disk; split by 单位, each part
    /// also has what its submission sent that gave no row ([`attach`]).
    pub fn finish(mut self, run: &Run) -> io::Result<Split> {
        if self.key == Key::Employer {
            attach(run, &mut self.parts);
        }
        let buckets = self
            .buckets
            .into_iter()
            .map(|b| {
                let mut file = b.into_inner().map_err(|e| e.into_error())?;
                file.seek(SeekFrom::Start(0))?;
                Ok(file)
            })
            .collect::<io::Result<_>>()?;
        Ok(Split { parts: self.parts, buckets, held: self.held })
    }
}

/// Gives the sheets and files that gave no row to the parts of the submission they came with
/// ([`submission`]: the enterprise's folder or file), so that an enterprise's workbook accounts for
/// every file it sent: a sheet that could not be screened or a file that could not be read is in
/// its 数据问题 and 汇总, not only in the main workbook's. A submission none of whose files gave a row
/// but one could not be read (or had a sheet that could not be screened) gets a part of its own,
/// named after it, with no rows: the enterprise is still sent a workbook
/// saying what could not be read, and 拆分结果 lists it. A submission whose rows went to several
/// parts (one file for many employers) keeps them in the main workbook only: which employer a
/// sheet that could not be read belongs to is not known, and telling every one would be wrong.
fn attach(run: &Run, parts: &mut Vec<Part>) {
    let name_of = |file: usize| submission(&run.config.inputs, &run.files[file].path);
    let mut of_submission: HashMap<String, Vec<usize>> = HashMap::new();
    for (p, part) in parts.iter().enumerate() {
        for &(s, _) in &part.rows {
            let list = of_submission.entry(name_of(run.sources[s].file)).or_default();
            if !list.contains(&p) {
                list.push(p);
            }
        }
    }
    // Only a problem makes a part of its own: a file set aside (not a roster, a lock file) or a
    // sheet that is not a roster joins its submission's part if there is one.
    let mut part_of = |name: String, problem: bool, parts: &mut Vec<Part>| -> Option<usize> {
        if problem && !of_submission.contains_key(&name) {
            parts.push(Part::named(name.clone()));
            of_submission.insert(name.clone(), vec![parts.len() - 1]);
        }
        match of_submission.get(&name).map(Vec::as_slice) {
            Some(&[p]) => Some(p),
            _ => None,
        }
    };
    for (s, source) in run.sources.iter().enumerate().filter(|(_, s)| s.rows_read == 0) {
        let failed = matches!(source.outcome, SheetOutcome::Failed(_));
        if let Some(p) = part_of(name_of(source.file), failed, parts) {
            parts[p].unscreened.push(s);
        }
    }
    let mut has_sheets = vec![false; run.files.len()];
    for source in &run.sources {
        has_sheets[source.file] = true;
    }
    for f in (0..run.files.len()).filter(|&f| !has_sheets[f]) {
        if let Some(p) = part_of(name_of(f), run.files[f].outcome.is_unreadable(), parts) {
            parts[p].unread.push(f);
        }
    }
}

/// What [`Split::each`] gives a part's writer: call it with a sink, and every batch of the part's
/// screened rows goes to the sink, in input order.
pub type Feed<'f> = &'f mut dyn FnMut(&mut dyn FnMut(&[Screened])) -> io::Result<()>;

/// Every part and its rows.
pub struct Split {
    pub parts: Vec<Part>,
    buckets: Vec<File>,
    held: usize,
}

impl Split {
    /// A bucket's rows, in the order they were kept (one task reads a bucket at a time, so the
    /// handle's shared position is its own).
    fn records(&self, bucket: usize) -> io::Result<Frames<Kept>> {
        let mut file = self.buckets[bucket].try_clone()?;
        file.seek(SeekFrom::Start(0))?;
        Ok(Frames::new(file))
    }

    /// Hands every part, with its rows screened again, to `write` — a bucket's parts on each of
    /// rayon's threads, the rows a batch at a time. `write` gets the part's place among
    /// [`Split::parts`], its own [`Run`] and a function that feeds the part's screened batches to
    /// a sink; what it returns is collected per part, in the order of the parts (an error when
    /// the part's rows could not be read back).
    pub fn each<T: Send>(&self, run: &Run, write: impl Fn(usize, &Run, Feed) -> T + Sync) -> Vec<io::Result<T>> {
        // A bucket a task: each thread reads its bucket and writes its parts one after another,
        // so reading one bucket overlaps writing another, and at most one bucket per thread is
        // held.
        let done: Vec<Vec<(usize, io::Result<T>)>> =
            (0..self.buckets.len()).into_par_iter().map(|b| self.bucket(run, b, &write)).collect();
        let mut out: Vec<Option<io::Result<T>>> = self.parts.iter().map(|_| None).collect();
        for (p, t) in done.into_iter().flatten() {
            out[p] = Some(t);
        }
        out.into_iter().map(|t| t.unwrap_or_else(|| Err(io::Error::other("该部分的行未能读回")))).collect()
    }

    /// The parts of one bucket, written one after another.
    fn bucket<T>(
        &self,
        run: &Run,
        bucket: usize,
        write: &(impl Fn(usize, &Run, Feed) -> T + Sync),
    ) -> Vec<(usize, io::Result<T>)> {
        let parts: Vec<usize> = (0..self.parts.len()).filter(|p| p % self.buckets.len() == bucket).collect();
        let rows: usize = parts.iter().map(|&p| self.parts[p].len()).sum();
        let ctx = Context::new(run.config.policy, run.config.as_of);
        let mut done = Vec::new();
        if rows <= self.held {
            let held = self.records(bucket).and_then(|records| {
                let mut held: HashMap<u32, Vec<Kept>> = HashMap::new();
                for kept in records {
                    let kept = kept?;
                    held.entry(kept.part).or_default().push(kept);
                }
                Ok(held)
            });
            let mut held = match held {
                Ok(held) => held,
                // The bucket cannot be read back: each of its parts says so; the others go on.
                Err(e) => {
                    return parts.into_iter().map(|p| (p, Err(io::Error::new(e.kind(), e.to_string())))).collect()
                }
            };
            for p in parts {
                let rows = held.remove(&u32::try_from(p).unwrap_or(u32::MAX)).unwrap_or_default();
                let view = run.part(&self.parts[p]);
                let at = view.places(run);
                let mut rows = rows.into_iter().peekable();
                let mut feed = |sink: &mut dyn FnMut(&[Screened])| {
                    while rows.peek().is_some() {
                        sink(&screen(run, &at, &ctx, rows.by_ref().take(BATCH)));
                    }
                    Ok(())
                };
                done.push((p, Ok(write(p, &view, &mut feed))));
            }
            return done;
        }
        // Too many rows to hold: each part reads the bucket through once.
        for p in parts {
            let view = run.part(&self.parts[p]);
            let at = view.places(run);
            let mut feed = |sink: &mut dyn FnMut(&[Screened])| {
                let mut chunk: Vec<Kept> = Vec::with_capacity(BATCH);
                let flush = |chunk: &mut Vec<Kept>, sink: &mut dyn FnMut(&[Screened])| {
                    sink(&screen(run, &at, &ctx, chunk.drain(..)));
                };
                for kept in self.records(bucket)? {
                    let kept = kept?;
                    if kept.part as usize == p {
                        chunk.push(kept);
                        if chunk.len() == BATCH {
                            flush(&mut chunk, sink);
                        }
                    }
                }
                if !chunk.is_empty() {
                    flush(&mut chunk, sink);
                }
                Ok(())
            };
            done.push((p, Ok(write(p, &view, &mut feed))));
        }
        done
    }
}

/// Screens a part's rows again, with each row's duplicate notice; `at` gives each of the whole
/// run's sources its place among the part's (they were read with the whole's).
fn screen(run: &Run, at: &[Option<usize>], ctx: &Context, rows: impl Iterator<Item = Kept>) -> Vec<Screened> {
    rows.filter_map(|Kept { index, row: Spilled { source, row }, .. }| {
        let layout = run.sources[source as usize].layout.as_ref()?;
        let mut person = person(&row, layout, ctx);
        if let Some(notice) = run.duplicates.get(index) {
            person.issues.push(notice);
        }
        let decision = evaluate(&person, run.config.policy, run.config.as_of);
        let at = (*at.get(source as usize)?)?;
        Some(Screened { source: at, row: row.number, cells: row.cells, person, decision })
    })
    .collect()
}

/// The submission a file is, when its roster does not say who sent it: a folder's file
/// (`submissions/鞍山化工.xlsx`) or sub-folder (`submissions/鞍山化工/花名册.csv`) is named after it
/// (`鞍山化工`); a file named on the command line after its own name.
pub fn submission(inputs: &[std::path::PathBuf], path: &std::path::Path) -> String {
    let below = inputs.iter().find_map(|root| path.strip_prefix(root).ok().filter(|rest| !rest.as_os_str().is_empty()));
    let first = below.and_then(|rest| {
        let mut parts = rest.components();
        let first = parts.next()?;
        // A sub-folder names the submission; a file directly in the folder names itself.
        parts.next().map(|_| first.as_os_str().to_string_lossy().into_owned())
    });
    first.unwrap_or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
}

impl Run {
    /// The run as one part of it: the part's sheets (renumbered, each counting the part's rows),
    /// their files and their columns only; its rows are given to the writers by [`Split::each`].
    pub fn part(&self, part: &Part) -> Run {
        let mut files: Vec<FileReport> = Vec::new();
        let mut file_of: HashMap<usize, usize> = HashMap::new();
        let mut columns: Vec<String> = Vec::new();
        let mut column_of: HashMap<usize, usize> = HashMap::new();
        let mut sources = Vec::new();
        for &(s, rows) in &part.rows {
            let source = &self.sources[s];
            let file = *file_of.entry(source.file).or_insert_with(|| {
                files.push(FileReport { rows: 0, ..self.files[source.file].clone() });
                files.len() - 1
            });
            files[file].rows += rows;
            let column_slots = source
                .column_slots
                .iter()
                .map(|&slot| {
                    *column_of.entry(slot).or_insert_with(|| {
                        columns.push(self.columns[slot].clone());
                        columns.len() - 1
                    })
                })
                .collect();
            sources.push(Source { file, column_slots, rows_read: rows, origin: Some(s), ..source.clone() });
        }
        // What gave no row: listed with the part's files, no column of theirs in its results.
        for &s in &part.unscreened {
            let source = &self.sources[s];
            let file = *file_of.entry(source.file).or_insert_with(|| {
                files.push(FileReport { rows: 0, ..self.files[source.file].clone() });
                files.len() - 1
            });
            sources.push(Source { file, column_slots: Vec::new(), origin: Some(s), ..source.clone() });
        }
        for &f in &part.unread {
            if let std::collections::hash_map::Entry::Vacant(slot) = file_of.entry(f) {
                slot.insert(files.len());
                files.push(FileReport { rows: 0, ..self.files[f].clone() });
            }
        }
        // Whether the part's own rosters lack a 岗位类别 column, not any roster of the whole.
        let scope_assumed = sources.iter().any(|s| s.layout.as_ref().is_some_and(|l| !l.has(Key::PostType)));
        Run {
            config: self.config.clone(),
            files,
            sources,
            columns,
            scope_assumed,
            spill: None,
            duplicates: super::duplicates::Notices::default(),
        }
    }
}

impl Run {
    /// For a part made by [`Run::part`]: each of the whole run's sources' place among its own.
    fn places(&self, whole: &Run) -> Vec<Option<usize>> {
        let mut at = vec![None; whole.sources.len()];
        for (i, s) in self.sources.iter().enumerate() {
            if let Some(slot) = s.origin.and_then(|o| at.get_mut(o)) {
                *slot = Some(i);
            }
        }
        at
    }
}

/// The longest name of a part's file in bytes (UTF-8): Linux's 255, less the temporary name's
/// prefix and suffix (`.NAME.PID.tmp.xlsx`), with room to spare.
const MOST_NAME_BYTES: usize = 200;

/// A file name for a part, safe on Windows: none of `\ / : * ? " < > |` or control characters, no
/// trailing dot or space, not a device name (CON, NUL, COM1 …), at most `most` characters with
/// its extension (and [`MOST_NAME_BYTES`] bytes, for Linux); names that then collide (case aside,
/// as Windows compares them) are numbered `名称(2)`, `名称(3)` … in the order of the parts. `reserved` are names already taken in the
/// folder that must never be written over (the run's inputs and outputs there).
pub fn file_names(names: &[&str], extension: &str, most: usize, reserved: &[String]) -> Vec<String> {
    let mut taken: HashMap<String, usize> = reserved.iter().map(|r| (r.to_lowercase(), 1)).collect();
    let mut out = Vec::new();
    for name in names {
        let clean: String =
            name.chars().map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) { '_' } else { c }).collect();
        let mut stem = clean.trim().trim_end_matches(['.', ' ']).to_string();
        if stem.is_empty() || stem.chars().all(|c| c == '_') {
            stem = "未命名".to_string();
        }
        let upper = stem.to_ascii_uppercase();
        let device = upper.split('.').next().unwrap_or_default();
        if matches!(device, "CON" | "PRN" | "AUX" | "NUL")
            || (device.len() == 4
                && (device.starts_with("COM") || device.starts_with("LPT"))
                && device.as_bytes()[3].is_ascii_digit())
        {
            stem = format!("_{stem}");
        }
        // Room for the extension and a `(999)`, in characters (Windows counts them) and in bytes:
        // Linux's file systems take names of 255 bytes, a Chinese character is 3 of them in
        // UTF-8, and the file is first written under a longer temporary name (`write::Staged`).
        let room = most.saturating_sub(extension.chars().count() + 5).max(1);
        let byte_room = MOST_NAME_BYTES.saturating_sub(extension.len() + 5);
        let mut bytes = 0;
        let stem: String = stem
            .chars()
            .take(room)
            .take_while(|c| {
                bytes += c.len_utf8();
                bytes <= byte_room
            })
            .collect::<String>()
            .trim_end_matches(['.', ' '])
            .to_string();
        let mut candidate = format!("{stem}{extension}");
        let mut n = 1;
        while taken.contains_key(&candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{stem}({n}){extension}");
        }
        taken.insert(candidate.to_lowercase(), 1);
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_row_kept_by_reference_reads_back_as_kept() {
        let cells = vec![Cell::Text("张三".into()), Cell::Empty, Cell::Number(2019.05)];
        let written = KeptRef { part: 3, index: 70_000, source: 2, number: 17, cells: &cells };
        let back: Kept = postcard::from_bytes(&postcard::to_allocvec(&written).unwrap()).unwrap();
        assert_eq!((back.part, back.index, back.row.source, back.row.row.number), (3, 70_000, 2, 17));
        assert_eq!(back.row.row.cells, cells);
    }

    #[test]
    fn a_submission_is_named_by_its_sub_folder_or_its_file() {
        use std::path::PathBuf;
        let inputs = [PathBuf::from("收件/2025"), PathBuf::from("单独.xlsx")];
        let name = |p: &str| submission(&inputs, Path::new(p));
        assert_eq!(name("收件/2025/鞍山化工/花名册.csv"), "鞍山化工");
        assert_eq!(name("收件/2025/鞍山化工/二厂/花名册.csv"), "鞍山化工");
        assert_eq!(name("收件/2025/鞍山建设.xlsx"), "鞍山建设");
        assert_eq!(name("单独.xlsx"), "单独");
    }

    #[test]
    fn file_names_are_safe_on_windows_short_and_unique() {
        let long = "鞍".repeat(150);
        let names = file_names(
            &[
                "鞍钢/炼钢:总厂",
                "A*B?",
                "con",
                "鞍钢/炼钢:总厂",
                "鞍钢_炼钢_总厂",
                "  ",
                "Ab*b?",
                "末尾点.",
                &long,
                "COM3.txt",
            ],
            ".xlsx",
            100,
            &["保留.xlsx".to_string()],
        );
        assert_eq!(file_names(&["保留"], ".xlsx", 100, &["保留.XLSX".to_string()]), ["保留(2).xlsx"]);
        assert_eq!(
            names[..8],
            [
                "鞍钢_炼钢_总厂.xlsx",
                "A_B_.xlsx",
                "_con.xlsx",
                "鞍钢_炼钢_总厂(2).xlsx",
                "鞍钢_炼钢_总厂(3).xlsx",
                "未命名.xlsx",
                "Ab_b_.xlsx",
                "末尾点.xlsx"
            ]
        );
        assert!(names[8].chars().count() <= 100, "{}", names[8]);
        assert!(names[8].len() <= MOST_NAME_BYTES && names[8].starts_with("鞍鞍") && names[8].ends_with(".xlsx"));
        assert_eq!(names[9], "_COM3.txt.xlsx");
        for n in &names {
            assert!(!n.chars().any(|c| r#"\/:*?"<>|"#.contains(c)), "{n}");
        }
    }
}
