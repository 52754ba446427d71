//! Pass 1's intake: each sheet's rows as the reader streams them — the header located, blank
//! rows, footers, repeated headers, examples and notes set aside, IDs noted, data rows spilled.

use super::duplicates::Ids;
use super::footer::is_footer;
use super::{spill, Config, FileReport, Run, RunError, SheetOutcome, Source};
use crate::normalize::id_text;
use crate::read::header::{locate, Column, HeaderProblem, Key, Layout, ROWS_NEEDED};
use crate::read::{self, Cell, RawRow, RawSheet, Span};
use indicatif::ProgressBar;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Pass 1's state: what has been read so far.
pub(super) struct Intake<'a> {
    pub(super) maps: Vec<(String, Key)>,
    pub(super) progress: &'a ProgressBar,
    pub(super) report: &'a mut dyn FnMut(&str, &Source),
    pub(super) files: Vec<FileReport>,
    pub(super) sources: Vec<Source>,
    pub(super) columns: Columns,
    pub(super) scope_assumed: bool,
    pub(super) ids: Ids,
    pub(super) spill: spill::Writer,
    /// The first failure to write the spill; reading stops mattering after it.
    pub(super) spill_error: Option<std::io::Error>,
    pub(super) sheet: SheetState,
    /// The current sheet's data rows with an empty 身份证号 cell, `(row number, position in the
    /// run)`: a merged 身份证号 fills them, and they are then duplicates of the range's first row.
    pub(super) blank_ids: Vec<(u32, usize)>,
    /// The current sheet's merged ranges, where the reader knows them before its rows (xls, ods).
    pub(super) header_merges: Vec<Span>,
    /// The most cells a data row of the current sheet has: columns right of the header are kept too.
    pub(super) width: usize,
}

impl<'a> Intake<'a> {
    pub(super) fn new(
        maps: Vec<(String, Key)>,
        progress: &'a ProgressBar,
        report: &'a mut dyn FnMut(&str, &Source),
        spill_dir: Option<&Path>,
    ) -> Result<Intake<'a>, RunError> {
        Ok(Intake {
            maps,
            progress,
            report,
            files: Vec::new(),
            sources: Vec::new(),
            columns: Columns::default(),
            scope_assumed: false,
            ids: Ids::default(),
            spill: spill::Writer::new(spill_dir)?,
            spill_error: None,
            sheet: SheetState::Done,
            blank_ids: Vec::new(),
            header_merges: Vec::new(),
            width: 0,
        })
    }

    /// Everything read: the run, ready for pass 2.
    pub(super) fn finish(self, config: Config) -> Result<Run, RunError> {
        let Intake { files, sources, columns, scope_assumed, ids, spill, .. } = self;
        Ok(Run {
            config,
            files,
            sources,
            columns: columns.names,
            scope_assumed,
            spill: Some(spill.finish()?),
            duplicates: ids.notices(),
        })
    }
}

/// Where the current sheet's reading stands.
pub(super) enum SheetState {
    /// Rows before the header is found (at most [`ROWS_NEEDED`]).
    Seeking(Vec<RawRow>),
    /// The header is found: rows are data, footers, blanks or repeated headers.
    Reading { layout: Layout, keyed: Vec<usize>, id_column: Option<usize>, data_start: u32 },
    /// Not a roster, or no sheet open: rows are ignored.
    Done,
}

/// How far pass 1 had got before a file: a file that fails halfway is taken back out.
pub(super) struct Mark {
    pub(super) files: usize,
    pub(super) sources: usize,
    pub(super) columns: usize,
    pub(super) scope_assumed: bool,
    pub(super) ids: (usize, usize),
    pub(super) spill: spill::Mark,
}

impl Intake<'_> {
    pub(super) fn mark(&mut self) -> Result<Mark, RunError> {
        Ok(Mark {
            files: self.files.len(),
            sources: self.sources.len(),
            columns: self.columns.len(),
            scope_assumed: self.scope_assumed,
            ids: self.ids.mark(),
            spill: self.spill.mark()?,
        })
    }

    /// Drops what a failed file added, but keeps the file's report.
    pub(super) fn rewind(&mut self, mark: Mark) -> Result<(), RunError> {
        self.files.truncate(mark.files + 1);
        if let Some(file) = self.files.last_mut() {
            file.rows = 0;
        }
        self.sources.truncate(mark.sources);
        self.columns.truncate(mark.columns);
        self.scope_assumed = mark.scope_assumed;
        self.ids.truncate(mark.ids);
        self.spill.rewind(mark.spill)?;
        self.sheet = SheetState::Done;
        Ok(())
    }

    fn source(&mut self) -> Option<&mut Source> {
        self.sources.last_mut()
    }

    /// Looks for the header in the rows seen so far; on success the rows below it are taken in.
    fn locate(&mut self, rows: Vec<RawRow>) {
        let sheet = RawSheet { sheet: String::new(), rows, merged: std::mem::take(&mut self.header_merges) };
        let layout = match locate(&sheet, &self.maps) {
            Ok(layout) => layout,
            Err(problem) => {
                if let Some(source) = self.source() {
                    source.outcome = match problem {
                        HeaderProblem::NotFound => SheetOutcome::Skipped(problem.message()),
                        _ => SheetOutcome::Failed(problem.message()),
                    };
                }
                self.sheet = SheetState::Done;
                return;
            }
        };
        let slots = self.columns.place(layout.columns.iter().map(|c| c.header.as_str()));
        if !layout.has(Key::PostType) {
            self.scope_assumed = true;
        }
        let rows = sheet.rows;
        // Data starts below the header's last row (the rows seen always include it).
        let data_start = rows[layout.data_start() - 1].number + 1;
        let header_row = rows[layout.header_row].number;
        let id_column = layout.column(Key::IdNumber);
        let place = match self.sources.last() {
            Some(s) => format!("{}「{}」", self.files[s.file].display, s.sheet),
            None => String::new(),
        };
        self.ids.sheet(place, id_column.map_or_else(|| "身份证号".to_string(), |c| c.header.clone()));
        if let Some(source) = self.sources.last_mut() {
            source.header_row = Some(header_row);
            source.column_slots = slots;
            source.layout = Some(layout.clone());
        }
        self.sheet = SheetState::Reading {
            keyed: layout.columns.iter().filter(|c| c.key.is_some()).map(|c| c.index).collect(),
            id_column: id_column.map(|c| c.index),
            data_start,
            layout,
        };
        for row in rows.into_iter().skip_while(|r| r.number < data_start) {
            self.take(row);
        }
    }

    /// A row below the header: set aside, or noted and spilled as data.
    fn take(&mut self, row: RawRow) {
        let SheetState::Reading { layout, keyed, id_column, .. } = &self.sheet else { return };
        let Some(source) = self.sources.last_mut() else { return };
        if is_footer(&row) {
            source.footer_rows += 1;
        } else if layout.is_note_block(&row.cells) {
            // Before the blank test: a note may lie in columns that are not read.
            source.note_rows += 1;
        } else if keyed.iter().all(|&i| row.cells.get(i).is_none_or(Cell::is_empty)) {
            source.blank_rows += 1;
        } else if layout.is_repeated_header(&row.cells)
            || Layout::is_column_numbers(&row.cells)
            || Layout::is_notes_row(&row.cells)
        {
            source.repeated_headers += 1;
        } else if layout.is_example_row(&row.cells) {
            source.example_rows += 1;
        } else {
            source.rows_read += 1;
            self.width = self.width.max(row.cells.len());
            if let Some(i) = *id_column {
                match row.cells.get(i).filter(|c| !c.is_empty()) {
                    Some(id) => self.ids.add(&id_text(id), self.spill.rows(), row.number),
                    None => self.blank_ids.push((row.number, self.spill.rows())),
                }
            }
            let index = u32::try_from(self.sources.len() - 1).unwrap_or(u32::MAX);
            if self.spill_error.is_none() {
                if let Err(e) = self.spill.push(index, row) {
                    self.spill_error = Some(e);
                }
            }
            if self.spill.rows() % 4096 == 0 {
                self.progress.set_position(self.spill.rows() as u64);
            }
        }
    }
}

impl Intake<'_> {
    /// A 身份证号 merged down over several rows: the rows below the first get its ID when they are
    /// read back (pass 2), so they are noted here as carrying it.
    fn merged_ids(&mut self, merged: &[Span], column: u32) {
        for &((first, _), (last, _)) in merged.iter().filter(|((_, c0), (_, c1))| (*c0..=*c1).contains(&column)) {
            let Some(id) = self.ids.in_current_sheet(first) else { continue };
            for &(row, index) in self.blank_ids.iter().filter(|(row, _)| (first + 1..=last).contains(row)) {
                self.ids.add(&id, index, row);
            }
        }
    }
}

impl read::Rows for Intake<'_> {
    fn sheet(&mut self, name: &str) {
        let file = self.files.len() - 1;
        self.sources.push(Source::new(file, name));
        self.sheet = SheetState::Seeking(Vec::new());
        self.blank_ids.clear();
        self.header_merges.clear();
        self.width = 0;
    }

    fn merges_ahead(&mut self, merged: &[Span]) {
        self.header_merges = merged.to_vec();
    }

    fn row(&mut self, row: RawRow) {
        match &mut self.sheet {
            SheetState::Seeking(rows) => {
                rows.push(row);
                if rows.len() >= ROWS_NEEDED {
                    let rows = std::mem::take(rows);
                    self.locate(rows);
                }
            }
            SheetState::Reading { .. } => self.take(row),
            SheetState::Done => {}
        }
    }

    fn problem(&mut self, problem: read::SheetProblem) {
        let Some(source) = self.sources.last_mut() else { return };
        match problem {
            read::SheetProblem::NotWorksheet(kind) => {
                source.outcome = SheetOutcome::Skipped(format!("{kind}，不是名册"));
                self.sheet = SheetState::Done;
            }
            read::SheetProblem::Unreadable(detail) => {
                source.outcome = SheetOutcome::Failed(format!("工作表无法读取（{detail}）"));
                self.sheet = SheetState::Done;
            }
            read::SheetProblem::PartlyRead(detail) => source.partly_read = Some(detail),
        }
    }

    fn end(&mut self, merged: Vec<Span>) {
        if let SheetState::Seeking(rows) = &mut self.sheet {
            let rows = std::mem::take(rows);
            self.locate(rows);
        }
        let (data_start, id_column) = match &self.sheet {
            SheetState::Reading { data_start, id_column, .. } => (Some(*data_start), *id_column),
            _ => (None, None),
        };
        self.sheet = SheetState::Done;
        let merged: Vec<Span> = match data_start {
            Some(start) => merged.into_iter().filter(|((first, _), _)| *first >= start).collect(),
            None => Vec::new(),
        };
        if let Some(c) = id_column.and_then(|c| u32::try_from(c).ok()) {
            self.merged_ids(&merged, c);
        }
        let Some(source) = self.sources.last_mut() else { return };
        source.merged = merged;
        // Data right of the header's last column is kept too, in columns of its own.
        if let Some(layout) = source.layout.as_mut() {
            let extra: Vec<Column> = (layout.columns.len()..self.width).map(Column::unnamed).collect();
            if !extra.is_empty() {
                source.column_slots.extend(self.columns.place(extra.iter().map(|c| c.header.as_str())));
                layout.columns.extend(extra);
            }
        }
        let rows = source.rows_read;
        let file = &mut self.files[source.file];
        file.rows += rows;
        if !matches!(source.outcome, SheetOutcome::Failed(_)) {
            (self.report)(&file.display, source);
        }
    }
}

/// The file's SHA-256, hashed as it streams (a large roster is not held in memory for it).
pub(super) fn sha256(path: &Path) -> Option<String> {
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path).ok()?, &mut hasher).ok()?;
    Some(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The original columns of every roster, by header text, in order of first appearance; sheets
/// with the same header share its column. A sheet whose header repeats a text (two 取得时间) keeps
/// both: its second 取得时间 takes the run's second column of that text.
#[derive(Debug, Default)]
pub(super) struct Columns {
    names: Vec<String>,
    /// Where each text's columns are, in order: a sheet of 16,384 columns is placed in one pass.
    index: std::collections::HashMap<String, Vec<usize>>,
}

impl Columns {
    /// The position of each header of one sheet, adding those not yet there.
    fn place<'h>(&mut self, headers: impl Iterator<Item = &'h str>) -> Vec<usize> {
        let mut used: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut out = Vec::new();
        for header in headers {
            let k = used.entry(header).or_insert(0);
            let places = self.index.entry(header.to_string()).or_default();
            let i = match places.get(*k) {
                Some(&i) => i,
                None => {
                    self.names.push(header.to_string());
                    places.push(self.names.len() - 1);
                    self.names.len() - 1
                }
            };
            *k += 1;
            out.push(i);
        }
        out
    }

    fn len(&self) -> usize {
        self.names.len()
    }

    fn truncate(&mut self, len: usize) {
        self.names.truncate(len);
        for places in self.index.values_mut() {
            places.retain(|&i| i < len);
        }
    }
}
