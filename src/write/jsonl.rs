//! The machine-readable results of ROSTER.md: one object per input row, in input order, with
//! exactly its keys and the canonical names.

use super::{text, Staged, WriteError};
use crate::evaluate::{Basis, Decision};
use crate::model::{SkillLevel, Status, Title};
use crate::normalize::date::iso;
use crate::normalize::{id_number, Issue};
use crate::pipeline::{Run, Screened};
use crate::policy::Policy;
use crate::read::header::Key;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    sheet: &'a str,
    row: u32,
    name: &'a str,
    #[serde(flatten)]
    outcome: Outcome<'a>,
    issues: Vec<Issue>,
}

/// What the screening decided of one person, as the JSONL says it: every line's keys from
/// `policy` to `reasons`, and what `guantong policy test` compares a case with.
#[derive(Serialize)]
pub struct Outcome<'a> {
    /// The number of the policy screened against.
    policy: &'static str,
    vetoed: bool,
    title: TitleOut<'a>,
    skill: SkillOut,
    treatment: Option<Title>,
    education_equivalent: Option<crate::model::Education>,
    clauses: Vec<&'static str>,
    reasons: Vec<String>,
}

impl<'a> Outcome<'a> {
    pub fn of(d: &'a Decision, policy: &'static Policy) -> Outcome<'a> {
        Outcome {
            policy: policy.document.number,
            vetoed: d.vetoed,
            title: TitleOut {
                status: status(d.title.status),
                regular: d.title.regular,
                exceptional: d.title.exceptional,
                exceptional_basis: d.title.exceptional_basis.iter().map(basis).collect(),
                best: d.title.best,
                outcome: d.title.outcome.map(|o| o.name()),
                next: d.title.next.map(|n| NextTitle { title: n.to, date: iso(n.date) }),
            },
            skill: SkillOut {
                status: status(d.skill.status),
                level: d.skill.level,
                outcome: d.skill.outcome.map(|o| o.name()),
                theory_exempt: d.skill.theory_exempt,
                promotion: d.skill.promotion,
                next: d.skill.next.map(|n| NextLevel { level: n.to, date: iso(n.date) }),
            },
            treatment: d.treatment,
            education_equivalent: d.education_equivalent,
            clauses: text::clauses(d, policy),
            reasons: text::reasons(d),
        }
    }
}

#[derive(Serialize)]
struct TitleOut<'a> {
    status: &'static str,
    regular: Option<Title>,
    exceptional: Option<Title>,
    exceptional_basis: Vec<BasisOut<'a>>,
    best: Option<Title>,
    /// Only when a rule gives `best` otherwise than by applying: `direct` (可直接申报) or
    /// `recognised` (直接认定).
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'static str>,
    next: Option<NextTitle>,
}

#[derive(Serialize)]
struct BasisOut<'a> {
    award: &'a str,
    honour: &'static str,
    tier: Title,
    clause: &'static str,
    confirmed: bool,
}

#[derive(Serialize)]
struct NextTitle {
    title: Title,
    date: String,
}

#[derive(Serialize)]
struct SkillOut {
    status: &'static str,
    level: Option<SkillLevel>,
    /// As [`TitleOut::outcome`].
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'static str>,
    theory_exempt: Option<bool>,
    promotion: Option<SkillLevel>,
    next: Option<NextLevel>,
}

#[derive(Serialize)]
struct NextLevel {
    level: SkillLevel,
    date: String,
}

fn status(s: Status) -> &'static str {
    s.name()
}

fn basis(b: &Basis) -> BasisOut<'_> {
    BasisOut { award: &b.award, honour: b.honour, tier: b.tier, clause: b.clause.name(), confirmed: b.confirmed }
}

fn line<'a>(run: &'a Run, r: &'a Screened) -> Line<'a> {
    let source = &run.sources[r.source];
    let d: &Decision = &r.decision;
    let id_header = source.layout.as_ref().and_then(|l| l.column(Key::IdNumber)).map(|c| c.header.as_str());
    let issues = r
        .person
        .issues
        .iter()
        .map(|i| {
            let mut i = i.clone();
            if run.config.mask_id && Some(i.column.as_str()) == id_header {
                i.value = id_number::mask(&i.value);
            }
            i
        })
        .collect();
    Line {
        file: &run.files[source.file].display,
        sheet: &source.sheet,
        row: r.row,
        name: &r.person.name,
        outcome: Outcome::of(d, run.config.policy),
        issues,
    }
}

/// A JSONL file being written beside its target, one object a line; in place when finished.
struct Lines {
    out: BufWriter<File>,
    staged: Staged,
}

impl Lines {
    fn new(path: &Path) -> Result<Lines, WriteError> {
        let staged = Staged::new(path);
        let file = File::create(staged.path()).map_err(|e| staged.io_error(e))?;
        Ok(Lines { out: BufWriter::with_capacity(1 << 20, file), staged })
    }

    fn put(&mut self, line: &impl Serialize) -> Result<(), WriteError> {
        serde_json::to_writer(&mut self.out, line).map_err(|e| self.staged.io_error(e.into()))?;
        self.out.write_all(b"\n").map_err(|e| self.staged.io_error(e))
    }

    /// Flushes and moves the file into place.
    fn finish(mut self) -> Result<(), WriteError> {
        self.out.flush().map_err(|e| self.staged.io_error(e))?;
        drop(self.out);
        self.staged.commit()
    }
}

/// Writes the JSONL line by line as the batches come.
pub struct Writer<'a> {
    run: &'a Run,
    lines: Lines,
}

impl<'a> Writer<'a> {
    pub fn new(path: &Path, run: &'a Run) -> Result<Writer<'a>, WriteError> {
        Ok(Writer { run, lines: Lines::new(path)? })
    }

    pub fn take(&mut self, batch: &[Screened]) -> Result<(), WriteError> {
        batch.iter().try_for_each(|r| self.lines.put(&line(self.run, r)))
    }

    /// Flushes and moves the file into place.
    pub fn finish(self) -> Result<(), WriteError> {
        self.lines.finish()
    }
}

/// One line of `compare`'s JSONL: a person whose outcome differs (every person with `--all`),
/// each route's kind of change (`null` where it did not change), and both whole decisions.
#[derive(Serialize)]
struct CompareLine<'a> {
    file: &'a str,
    sheet: &'a str,
    row: u32,
    name: &'a str,
    changes: Changes,
    a: SideOut<'a>,
    b: SideOut<'a>,
}

#[derive(Serialize)]
struct Changes {
    title: Option<&'static str>,
    skill: Option<&'static str>,
}

/// One side of a comparison: its evaluation date and what it decided, keyed as `screen`'s lines.
#[derive(Serialize)]
struct SideOut<'a> {
    as_of: String,
    #[serde(flatten)]
    outcome: Outcome<'a>,
}

/// Writes `compare`'s JSONL as the batches come.
pub struct CompareWriter<'a> {
    run: &'a Run,
    against: &'a crate::pipeline::Against,
    all: bool,
    lines: Lines,
}

impl<'a> CompareWriter<'a> {
    pub fn new(
        path: &Path,
        run: &'a Run,
        against: &'a crate::pipeline::Against,
        all: bool,
    ) -> Result<CompareWriter<'a>, WriteError> {
        Ok(CompareWriter { run, against, all, lines: Lines::new(path)? })
    }

    pub fn take(&mut self, batch: &[crate::pipeline::Compared]) -> Result<(), WriteError> {
        use crate::evaluate::change::{change, Side};
        let (run, against) = (self.run, self.against);
        for r in batch {
            let title = change(Side::title(&r.a.decision), Side::title(&r.b));
            let skill = change(Side::skill(&r.a.decision), Side::skill(&r.b));
            if !self.all && title.is_none() && skill.is_none() {
                continue;
            }
            let source = &run.sources[r.a.source];
            let line = CompareLine {
                file: &run.files[source.file].display,
                sheet: &source.sheet,
                row: r.a.row,
                name: &r.a.person.name,
                changes: Changes { title: title.map(|c| c.name()), skill: skill.map(|c| c.name()) },
                a: SideOut { as_of: iso(run.config.as_of), outcome: Outcome::of(&r.a.decision, run.config.policy) },
                b: SideOut { as_of: iso(against.as_of), outcome: Outcome::of(&r.b, against.policy) },
            };
            self.lines.put(&line)?;
        }
        Ok(())
    }

    /// Flushes and moves the file into place.
    pub fn finish(self) -> Result<(), WriteError> {
        self.lines.finish()
    }
}
