//! Pass 2: the spilled rows screened a batch at a time and handed to every writer at once.

use super::merged::Filler;
use super::spill::Spilled;
use super::{Normalized, Run, RunError, Screened};
use crate::evaluate::{evaluate, Decision};
use crate::model::Status;
use crate::normalize::{person, Context};
use crate::policy::Policy;
use crate::read::header::Key;
use crate::read::RawRow;
use chrono::NaiveDate;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::sync::mpsc::sync_channel;
use std::sync::Arc;

/// A writer's side of pass 2: takes each batch of screened rows, in input order.
pub type Sink<'a, E> = Box<dyn FnMut(&[Screened]) -> Result<(), E> + Send + 'a>;

/// Batches waiting for a writer that is behind; the reader stops when every queue is full, so at
/// most this many batches (plus one per writer) are in memory.
const QUEUE: usize = 2;

/// What the terminal summary needs: rows, data issues and each route's statuses.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub rows: usize,
    pub issues: usize,
    /// Data issues per severity, in the order of [`crate::normalize::Severity::ALL`].
    pub by_severity: [usize; 3],
    /// People per status of route 三 (技能→职称), in the order of [`Status::ALL`].
    pub title: [usize; 5],
    /// People per status of route 四 (职称→技能).
    pub skill: [usize; 5],
}

impl Tally {
    pub(super) fn add(&mut self, r: &Screened) {
        let at = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.rows += 1;
        self.issues += r.person.issues.len();
        for issue in &r.person.issues {
            self.by_severity[issue.severity as usize] += 1;
        }
        self.title[at(r.decision.title.status)] += 1;
        self.skill[at(r.decision.skill.status)] += 1;
    }
}

/// One row screened on both sides of a comparison: as `screen` screens it (the run's policy and
/// date), and B's decision of the same cells, read with B's words.
#[derive(Debug, Clone)]
pub struct Compared {
    pub a: Screened,
    pub b: Decision,
    /// The data issues B's reading of the row finds that A's does not (a level word only B
    /// knows, a fact only B declares), each said as B's.
    pub b_issues: Vec<crate::normalize::Issue>,
}

/// The other side of a comparison: a policy and an evaluation date.
#[derive(Debug, Clone)]
pub struct Against {
    pub policy: &'static Policy,
    pub as_of: NaiveDate,
    /// Where B's declared facts are read ([`Policy::fact_columns_after`]).
    pub facts: Vec<Key>,
}

impl Run {
    /// Pass 2 of `compare`: every row normalized and screened under the run's policy and date and
    /// under `against`'s, in the same pass, across rayon's threads, a batch at a time to `each`
    /// until it says stop. The rows are read once; only a batch is in memory.
    pub fn compare(
        &self,
        against: &Against,
        progress: &ProgressBar,
        mut each: impl FnMut(Vec<Compared>) -> bool,
    ) -> Result<(), RunError> {
        let (policy, as_of) = (self.config.policy, self.config.as_of);
        let ctx = Context::new(against.policy, against.as_of).facts_at(against.facts.clone());
        let compare = |mut read: Normalized| {
            let decision = evaluate(&read.person, policy, as_of);
            let raw = RawRow { number: read.row, cells: std::mem::take(&mut read.cells) };
            // Every spilled row's sheet has a layout (see read_back).
            let b = self.sources[read.source].layout.as_ref().map(|layout| {
                let person = person(&raw, layout, &ctx);
                (evaluate(&person, against.policy, against.as_of), person.issues)
            });
            let a = Screened { source: read.source, row: read.row, cells: raw.cells, person: read.person, decision };
            let (b, issues) = b.unwrap_or_else(|| (a.decision.clone(), Vec::new()));
            let b_issues = issues
                .into_iter()
                .filter(|i| {
                    !a.person
                        .issues
                        .iter()
                        .any(|x| (&x.column, &x.value, x.severity) == (&i.column, &i.value, i.severity))
                })
                .map(|mut i| {
                    i.problem = format!("按 B（{}）读：{}", against.policy.document.number, i.problem).into();
                    i
                })
                .collect();
            Compared { b, b_issues, a }
        };
        self.read_back(true, compare, |batch| {
            progress.inc(batch.len() as u64);
            each(batch)
        })
    }

    /// Screens every row read (pass 2) and hands each batch to every sink, each on a thread of its
    /// own; returns the tally, or the first sink's error. A sink that fails stops receiving; the
    /// others go on.
    pub fn screen<E: Send>(
        &self,
        progress: &ProgressBar,
        sinks: Vec<Sink<'_, E>>,
    ) -> Result<Result<Tally, E>, RunError> {
        let mut tally = Tally::default();
        let written = std::thread::scope(|scope| -> Result<Result<(), E>, RunError> {
            let mut senders = Vec::new();
            let mut writers = Vec::new();
            for (i, mut sink) in sinks.into_iter().enumerate() {
                let (tx, rx) = sync_channel::<Arc<Vec<Screened>>>(QUEUE);
                senders.push(tx);
                let write = move || rx.into_iter().try_for_each(|batch| sink(&batch));
                // Named, so a profile shows which writer the time goes to.
                writers.push(
                    std::thread::Builder::new()
                        .name(format!("writer-{i}"))
                        .spawn_scoped(scope, write)
                        .map_err(RunError::Thread)?,
                );
            }
            let read = self.batches(true, |batch| {
                batch.iter().for_each(|r| tally.add(r));
                progress.inc(batch.len() as u64);
                let batch = Arc::new(batch);
                senders.retain(|tx| tx.send(Arc::clone(&batch)).is_ok());
                !senders.is_empty() || writers.is_empty()
            });
            drop(senders);
            // Threads not joined here (after an error) are joined when the scope ends.
            let written: Result<(), E> =
                writers.into_iter().try_for_each(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            read?;
            Ok(written)
        })?;
        Ok(written.map(|()| tally))
    }

    /// Screens every row again, on this thread alone, and hands each batch to `sink`. For an output
    /// written while another thread is busy — the JSONL while the workbook is compressed — so the
    /// two share the cores without crowding each other.
    pub fn screen_alone<E>(
        &self,
        mut sink: impl FnMut(&[Screened]) -> Result<(), E>,
    ) -> Result<Result<(), E>, RunError> {
        let mut written = Ok(());
        self.batches(false, |batch| {
            written = sink(&batch);
            written.is_ok()
        })?;
        Ok(written)
    }

    /// Reads the spill back and screens it, a batch at a time, in input order (each batch across
    /// rayon's threads when `parallel`), until `each` says stop.
    fn batches(&self, parallel: bool, each: impl FnMut(Vec<Screened>) -> bool) -> Result<(), RunError> {
        let policy = self.config.policy;
        let as_of = self.config.as_of;
        let screen = |read: Normalized| {
            let decision = evaluate(&read.person, policy, as_of);
            Screened { source: read.source, row: read.row, cells: read.cells, person: read.person, decision }
        };
        self.read_back(parallel, screen, each)
    }

    /// Reads the spill back and normalizes every row, without evaluating it — what `guantong
    /// check` needs — a batch at a time, in input order, on rayon's threads, until `each` says stop.
    pub fn normalized(&self, each: impl FnMut(Vec<Normalized>) -> bool) -> Result<(), RunError> {
        self.read_back(true, |read| read, each)
    }

    /// The spill read back a batch at a time: merged cells filled, each row normalized (with its
    /// duplicate notice) and made into a `T` by `make`, in parallel when `parallel`.
    fn read_back<T: Send>(
        &self,
        parallel: bool,
        make: impl Fn(Normalized) -> T + Sync,
        mut each: impl FnMut(Vec<T>) -> bool,
    ) -> Result<(), RunError> {
        let ctx = Context::new(self.config.policy, self.config.as_of);
        let mut fillers: Vec<Option<Filler>> = self.sources.iter().map(|_| None).collect();
        let mut index = 0usize;
        let Some(spill) = &self.spill else { return Ok(()) };
        for batch in spill.batches()? {
            let mut batch: Vec<Spilled> = batch?;
            for s in &mut batch {
                let source = &self.sources[s.source as usize];
                if !source.merged.is_empty() {
                    let filler = &mut fillers[s.source as usize];
                    filler.get_or_insert_with(|| Filler::new(source.merged.clone())).fill(&mut s.row);
                }
            }
            let first = index;
            index += batch.len();
            // Only rows of a sheet whose header was found are spilled, so every one has a layout.
            let read = |(k, Spilled { source, row }): (usize, Spilled)| {
                let layout = self.sources[source as usize].layout.as_ref()?;
                let mut person = person(&row, layout, &ctx);
                if let Some(notice) = u32::try_from(first + k).ok().and_then(|i| self.duplicates.get(i)) {
                    person.issues.push(notice);
                }
                Some(make(Normalized { source: source as usize, row: row.number, cells: row.cells, person }))
            };
            let made: Vec<T> = if parallel {
                batch.into_par_iter().enumerate().filter_map(read).collect()
            } else {
                batch.into_iter().enumerate().filter_map(read).collect()
            };
            if !each(made) {
                break;
            }
        }
        Ok(())
    }
}
