//! The rules of a policy applied to one [`Person`], generic over the loaded [`Policy`]: the kinds
//! of rule are code, every number, ladder, word and clause id comes from the policy.
//!
//! Each decision carries the clauses it used and, in plain Chinese, why — the trace a bureau
//! analyst reads in the workbook. Every condition is three-valued ([`Tri`]): a missing or
//! unreadable fact makes a route `needs_review`, never `eligible` and never `not_eligible`.

pub mod change;
mod conditions;
mod skill_to_title;
mod title_to_skill;
mod trace;

pub use trace::Trace;

use crate::model::{Clause, Education, SkillLevel, Status, Title, Tri};
use crate::normalize::{Field, Person};
use crate::policy::rules::{Outcome, RouteId};
use crate::policy::{Policy, Route};
use chrono::NaiveDate;

/// A route's "next step": what the person reaches, on which day, and by which rule (its clause
/// and the years it counts), so a list of who qualifies soon can cite it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Next<T> {
    pub to: T,
    pub date: NaiveDate,
    pub clause: Clause,
    pub years: u32,
}

/// An honour recognised for the exceptional route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    /// The text as the roster wrote it.
    pub award: String,
    /// The honour as the policy names it.
    pub honour: &'static str,
    pub tier: Title,
    pub clause: Clause,
    /// `false` when its placing, role or level must still be checked.
    pub confirmed: bool,
}

/// Route 三: skill level → title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleDecision {
    pub status: Status,
    pub regular: Option<Title>,
    pub exceptional: Option<Title>,
    pub exceptional_basis: Vec<Basis>,
    pub best: Option<Title>,
    /// How `best` is given when a rule as a condition gives it otherwise than by applying
    /// (可直接申报, 直接认定); `None` for 可申报 and 可破格申报, which `regular` and `exceptional` say.
    pub outcome: Option<Outcome>,
    pub next: Option<Next<Title>>,
}

/// Route 四: title → skill level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillDecision {
    pub status: Status,
    /// The highest level reached; `None` also for 四（一）, where the document sets no level.
    pub level: Option<SkillLevel>,
    /// A rule that sets no level (四（一）: the evaluation of the post's occupation) applies to the
    /// title held.
    pub evaluation: bool,
    pub theory_exempt: Option<bool>,
    pub promotion: Option<SkillLevel>,
    /// As [`TitleDecision::outcome`].
    pub outcome: Option<Outcome>,
    pub next: Option<Next<SkillLevel>>,
}

/// Everything decided about one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub vetoed: bool,
    pub title: TitleDecision,
    pub skill: SkillDecision,
    pub treatment: Option<Title>,
    pub education_equivalent: Option<Education>,
    pub trace: Trace,
}

/// Evaluates one person on `as_of`.
pub fn evaluate(person: &Person, policy: &Policy, as_of: NaiveDate) -> Decision {
    let mut trace = Trace::default();
    let (vetoed, veto_open) = veto(person, policy, as_of, &mut trace);
    // A trace cites every clause whose facts were read: a clean integrity record was checked under
    // the veto's clause, an in-scope post under the scope's.
    let treatment = treatment(person, policy, &mut trace);
    let education_equivalent = education(person, policy, &mut trace);

    if let Field::Value(_) | Field::Invalid = person.integrity {
        trace.cite(policy.veto);
    }
    let (mut title, mut skill) = if vetoed {
        trace.cite(policy.veto);
        trace.reason(format!("有弄虚作假记录，实行“一票否决”，不得通过任何贯通路径申报（{}）", policy.veto));
        (skill_to_title::vetoed(), title_to_skill::vetoed())
    } else {
        (
            skill_to_title::evaluate(person, policy, as_of, &mut trace),
            title_to_skill::evaluate(person, policy, as_of, &mut trace),
        )
    };
    let mut routes = Routes { title: &mut title, skill: &mut skill };
    exclude(person, policy, as_of, &mut routes, &mut trace);
    require(person, policy, as_of, &mut routes, &mut trace);
    // An integrity cell that says neither (`待查`, `#N/A`) is never a veto and never a pass: a
    // route still open waits for it; so does a record whose lapse is not known.
    if person.integrity == Field::Invalid || veto_open {
        let mut open = false;
        for status in [&mut title.status, &mut skill.status] {
            if matches!(status, Status::Eligible | Status::NeedsReview) {
                *status = Status::NeedsReview;
                open = true;
            }
        }
        // An open lapse has said what to verify (its date) already.
        if open && !veto_open {
            trace.verify(format!("核实诚信情况（{}）", policy.veto));
        }
    }
    Decision { vetoed, title, skill, treatment, education_equivalent, trace }
}

/// Is the person vetoed (二（三） of 33号), and is it left open? A record vetoes; under a policy
/// whose veto lapses, a record found long enough ago no longer does, and one whose date is not
/// known is open: no veto, and every route at most 待核实.
fn veto(person: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> (bool, bool) {
    if person.integrity != Field::Value(true) {
        return (false, false);
    }
    let Some(lapse) = &policy.veto_lapse else { return (true, false) };
    let (clause, n, name) = (policy.veto, lapse.years, policy.facts[lapse.since].name);
    let found = match person.facts.get(lapse.since) {
        Some(Field::Value(crate::normalize::FactValue::Date(d))) => *d,
        _ => {
            trace.verify(format!("有弄虚作假记录，需核实{name}是否已满{n}年（满{n}年后不再否决）（{clause}）"));
            return (false, true);
        }
    };
    let on = crate::normalize::date::Iso(found.reached_on(n));
    match found.years_reached(n, as_of) {
        Tri::Met => {
            trace.reason(format!("弄虚作假记录的{name}已满{n}年（{on}满），不再“一票否决”（{clause}）"));
            (false, false)
        }
        Tri::Unknown => {
            trace.verify(format!("有弄虚作假记录，{name}只精确到年，需核实是否已满{n}年（{clause}）"));
            (false, true)
        }
        Tri::Unmet => {
            trace.reason(format!("弄虚作假记录的{name}未满{n}年（{on}满）"));
            (true, false)
        }
    }
}

/// The two routes' decisions, as the conditions on whole routes change them.
struct Routes<'a> {
    title: &'a mut TitleDecision,
    skill: &'a mut SkillDecision,
}

impl Routes<'_> {
    fn status(&self, route: RouteId) -> Status {
        match route {
            RouteId::SkillToTitle => self.title.status,
            RouteId::TitleToSkill => self.skill.status,
        }
    }

    /// At most 待核实.
    fn open(&mut self, route: RouteId) {
        match route {
            RouteId::SkillToTitle => self.title.status = Status::NeedsReview,
            RouteId::TitleToSkill => self.skill.status = Status::NeedsReview,
        }
    }

    /// Closed with `status`, nothing offered; what the record of the route keeps (the honours
    /// read, the next step) stays for 不符合.
    fn close(&mut self, route: RouteId, status: Status) {
        let keep = status == Status::NotEligible;
        match route {
            RouteId::SkillToTitle => {
                let basis = if keep { std::mem::take(&mut self.title.exceptional_basis) } else { Vec::new() };
                let next = self.title.next.filter(|_| keep);
                *self.title = TitleDecision { status, exceptional_basis: basis, next, ..skill_to_title::vetoed() };
            }
            RouteId::TitleToSkill => {
                let next = self.skill.next.filter(|_| keep);
                *self.skill = SkillDecision { status, next, ..title_to_skill::vetoed() };
            }
        }
    }
}

/// The exclusions (`公务员、已离退休人员不在适用范围`): a person they hold for is outside their
/// routes, said with why; one they may hold for waits for it (at most 待核实).
fn exclude(person: &Person, policy: &Policy, as_of: NaiveDate, routes: &mut Routes, trace: &mut Trace) {
    for e in &policy.exclusions {
        let (tri, said) = conditions::gate(person, policy, as_of, e);
        if tri == Tri::Unmet {
            continue;
        }
        trace.cite(e.clause);
        for &route in &e.routes {
            let status = routes.status(route);
            if tri == Tri::Met {
                if status != Status::NotApplicable {
                    trace.reason(format!("{said}，不在{}的适用范围内（{}）", route.label(), e.clause));
                }
                routes.close(route, Status::NotApplicable);
            } else if matches!(status, Status::Eligible | Status::NeedsReview) {
                routes.open(route);
                trace.verify(format!("需核实{said}，以确定是否在{}的适用范围内（{}）", route.label(), e.clause));
            }
        }
    }
}

/// The requirements on whole routes (`每年继续教育不少于72学时`): one that fails closes what the
/// route gives (不符合, with why, and nothing offered, as when 三（一） fails); one not known leaves
/// it at most 待核实.
fn require(person: &Person, policy: &Policy, as_of: NaiveDate, routes: &mut Routes, trace: &mut Trace) {
    let open = |s: Status| matches!(s, Status::Eligible | Status::NeedsReview);
    for g in &policy.requirements {
        let asked: Vec<RouteId> = g.routes.iter().copied().filter(|r| open(routes.status(*r))).collect();
        if asked.is_empty() {
            continue;
        }
        let (tri, said) = conditions::gate(person, policy, as_of, g);
        trace.cite(g.clause);
        match tri {
            Tri::Met => {}
            Tri::Unknown => trace.verify(format!("需核实{said}（{}）", g.clause)),
            Tri::Unmet => trace.reason(format!("{said}，不符合基本条件（{}）", g.clause)),
        }
        for route in asked {
            match tri {
                Tri::Met => {}
                Tri::Unknown => routes.open(route),
                Tri::Unmet => routes.close(route, Status::NotEligible),
            }
        }
    }
}

/// The title a high-skill level is treated as (五（二） of 33号).
fn treatment(person: &Person, policy: &Policy, trace: &mut Trace) -> Option<Title> {
    let level = person.skill_level.value()?;
    let rule = policy.treatment.iter().filter(|t| t.level <= level).max_by_key(|t| t.level)?;
    trace.cite(rule.clause);
    Some(rule.treated_as)
}

/// The schooling a 技工院校 class counts as (三（二）1 of 33号).
fn education(person: &Person, policy: &Policy, trace: &mut Trace) -> Option<Education> {
    let education = person.tech_school.value()?;
    let rule = policy.tech_school.iter().find(|r| r.counts_as == education)?;
    trace.cite(rule.clause);
    trace.reason(format!("技工院校学历按{}学历申报评审相应专业职称（{}）", education, rule.clause));
    Some(education)
}

/// Is the person inside the scope of a route (一 of 33号)? `Unmet` means not applicable.
fn scope(person: &Person, route: &Route, name: &str, clause: Clause, trace: &mut Trace) -> Tri {
    match person.post {
        Field::Absent => Tri::Met,
        Field::Value(p) if route.posts.contains(&p) => {
            trace.cite(clause);
            Tri::Met
        }
        Field::Value(_) => {
            trace.cite(clause);
            trace.reason(format!("岗位类别不在{name}的适用范围内（{clause}）"));
            Tri::Unmet
        }
        Field::Blank | Field::Invalid => {
            trace.cite(clause);
            trace.verify(format!("岗位类别为空或无法识别，需核实是否属于{name}的适用范围（{clause}）"));
            Tri::Unknown
        }
    }
}

/// The route status from its overall truth and what the person already holds.
fn status(overall: Tri, already_held: Tri) -> Status {
    match (overall, already_held) {
        (Tri::Unmet, _) => Status::NotEligible,
        (_, Tri::Met) => Status::AlreadyHeld,
        (Tri::Met, Tri::Unmet) => Status::Eligible,
        _ => Status::NeedsReview,
    }
}

/// The best of several ways to a result: the highest result not ruled out, and how sure it is
/// (alternatives to the same result combine like OR).
fn best_of<T: Ord + Copy>(options: &[(T, Tri)]) -> Option<(T, Tri)> {
    let best = options.iter().filter(|(_, t)| t.possible()).map(|(v, _)| *v).max()?;
    let sure = options.iter().filter(|(v, _)| *v == best).fold(Tri::Unmet, |acc, (_, t)| acc.or(*t));
    Some((best, sure))
}

#[cfg(test)]
mod tests;

/// Why a route is not applicable when the sheet has no column for what it starts from: said in
/// the person's reasons, never a bare 不适用 (a column the header reader did not recognise is
/// reported with its `--map` on the terminal and in 数据问题).
fn missing_column(column: &str, route: &str) -> String {
    format!("名册中没有{column}列，无法判断{route}；如名册中有此列而未被识别，请用 --map 指定")
}
