//! Title → skill level (四、专业技术人员参加职业技能评价 of 33号).

use super::{best_of, conditions, missing_column, scope, status, Next, SkillDecision, Trace};
use crate::model::{Clause, SkillLevel, Status, Title, Tri};
use crate::normalize::date::{DateSpan, Iso};
use crate::normalize::{Field, HeldTitle, Person};
use crate::policy::{Policy, ReverseCondition};
use chrono::NaiveDate;

const ROUTE: &str = "职称→技能路径";

pub fn vetoed() -> SkillDecision {
    SkillDecision {
        status: Status::NotEligible,
        level: None,
        evaluation: false,
        theory_exempt: None,
        promotion: None,
        outcome: None,
        next: None,
    }
}

fn not_applicable() -> SkillDecision {
    SkillDecision { status: Status::NotApplicable, ..vetoed() }
}

pub fn evaluate(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> SkillDecision {
    let route = &policy.scope.title_to_skill;
    let covered = match p.title {
        Field::Value(HeldTitle::Titled(t)) => route.covers(t),
        Field::Value(HeldTitle::SeriesUnknown(_)) | Field::Invalid => true,
        _ => false,
    };
    if !covered {
        // A title of another series (会计师, 经济师 …) is outside the route, and the person is told
        // so; no title at all says nothing (most of a roster's skilled workers have none).
        if p.title == Field::Absent {
            trace.reason(missing_column("职称", ROUTE));
        } else if matches!(p.title, Field::Value(HeldTitle::OtherSeries | HeldTitle::Titled(_))) {
            let clause = policy.scope.clause;
            trace.cite(clause);
            trace.reason(format!("所持职称不属于{}系列，不在{ROUTE}的适用范围内（{clause}）", route.series_names));
        }
        return not_applicable();
    }
    let in_scope = scope(p, route, ROUTE, policy.scope.clause, trace);
    if in_scope == Tri::Unmet {
        return not_applicable();
    }
    let series_names = route.series_names;
    let (title, series) = match p.title {
        Field::Value(HeldTitle::Titled(title)) => (title, Tri::Met),
        Field::Value(HeldTitle::SeriesUnknown(title)) => {
            trace.verify(format!("职称只写了级别，需核实是否为{series_names}系列职称（{title}）以确定{ROUTE}"));
            (title, Tri::Unknown)
        }
        _ => {
            trace.verify(format!("职称无法识别，需核实是否为{series_names}系列职称以确定{ROUTE}"));
            return SkillDecision { status: Status::NeedsReview, ..vetoed() };
        }
    };

    let start = start_date(p, policy, trace);
    let mut options: Vec<(Option<SkillLevel>, Tri)> = Vec::new();
    let mut evaluation = false;
    for rule in policy.reverse_for(title) {
        evaluation |= rule.grants.is_none();
        trace.cite(rule.clause);
        let what = rule
            .grants
            .map_or_else(|| "与现岗位相对应职业（工种）的职业技能评价".to_string(), |l| format!("{l}职业技能评价"));
        let tri = match rule.condition {
            ReverseCondition::Holds => {
                trace.reason(format!("取得{title}，可申报参加{what}（{}）", rule.clause));
                Tri::Met
            }
            ReverseCondition::YearsAfter(n) => years_after(start, n, title, &what, rule.clause, as_of, trace),
        };
        options.push((rule.grants, tri));
    }
    let ruled = conditions::level_rules(p, policy, as_of, trace);
    options.extend(ruled.iter().map(|r| (Some(r.grants), r.tri)));
    let open = || options.iter().filter(|(_, t)| t.possible()).filter_map(|(l, _)| *l).max();
    let next = next(policy, title, start, as_of).or_else(|| conditions::Ruled::next(&ruled, open));
    let Some((level, sure)) = best_of(&options) else {
        return SkillDecision { status: Status::NotEligible, evaluation, next, ..vetoed() };
    };
    let overall = in_scope.and(sure).and(series);

    let held = match (p.skill_level, level) {
        (Field::Value(h), Some(l)) => {
            if h >= l {
                trace.reason(format!("已具备{h}，不低于可申报的{l}"));
            }
            Tri::from_bool(h >= l)
        }
        (Field::Invalid, Some(_)) => Tri::Unknown,
        _ => Tri::Unmet,
    };
    SkillDecision {
        status: status(overall, held),
        level,
        evaluation,
        theory_exempt: theory_exempt(p, policy.theory_exempt, trace),
        promotion: clause_4_5(p, policy, as_of, trace),
        outcome: level.and_then(|l| conditions::outcome_of(l, sure, &ruled)),
        next,
    }
}

/// Years in the occupation count from the title date, or from the start in the occupation when
/// that is later (五（一） of 33号: experience counts continuously).
fn start_date(p: &Person, policy: &Policy, trace: &mut Trace) -> Option<DateSpan> {
    let title_date = p.title_date.value()?;
    match p.occupation_start.value() {
        Some(start) if start.hi > title_date.lo => {
            trace.cite(policy.continuous);
            Some(title_date.later(start))
        }
        _ => Some(title_date),
    }
}

fn years_after(
    start: Option<DateSpan>,
    n: u32,
    title: Title,
    what: &str,
    clause: Clause,
    as_of: NaiveDate,
    trace: &mut Trace,
) -> Tri {
    let Some(start) = start else {
        trace.verify(format!("{title}取得时间不详，需核实是否已从事本职业满{n}年以申报{what}（{clause}）"));
        return Tri::Unknown;
    };
    let on = Iso(start.reached_on(n));
    match start.years_reached(n, as_of) {
        Tri::Met => trace.reason(format!("取得{title}后从事本职业已满{n}年（{on}满），可申报{what}（{clause}）")),
        Tri::Unknown => trace.verify(format!("取得{title}的时间只精确到年，无法确定是否已满{n}年（{clause}）")),
        Tri::Unmet => trace.reason(format!("取得{title}后从事本职业未满{n}年（{on}满），暂不能申报{what}（{clause}）")),
    }
    start.years_reached(n, as_of)
}

/// A diploma in the occupation's major exempts from the theory exam (四, preamble, of 33号).
fn theory_exempt(p: &Person, clause: Clause, trace: &mut Trace) -> Option<bool> {
    let exempt = p.major_related.value();
    match exempt {
        Some(true) => {
            trace.cite(clause);
            trace.reason(format!("所学专业与申报职业对口，可免于理论知识考试（{clause}）"));
        }
        Some(false) => {
            trace.cite(clause);
            trace.reason(format!("所学专业与申报职业不对口，须参加理论知识考试（{clause}）"));
        }
        None => trace.verify(format!("所学专业是否对口未填写，需核实能否免于理论知识考试（{clause}）")),
    }
    exempt
}

/// A title holder who has held a skill level some years may apply for the next level (四（五） of
/// 33号: one year).
fn clause_4_5(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> Option<SkillLevel> {
    let rule = &policy.promotion;
    let held = p.skill_level.value()?;
    let to = policy.skill.next(held)?;
    trace.cite(rule.clause);
    let Some(date) = super::skill_to_title::held_date(p, held) else {
        trace.verify(format!("{held}取得时间不详，需核实是否满{}年以申报{to}晋级评价（{}）", rule.years, rule.clause));
        return None;
    };
    match date.years_reached(rule.years, as_of) {
        Tri::Met => {
            trace
                .reason(format!("取得{held}已满{}年，可按累计工作年限申报{to}晋级评价（{}）", rule.years, rule.clause));
            Some(to)
        }
        Tri::Unknown => {
            trace.verify(format!("{held}取得时间只精确到年，无法确定是否已满{}年（{}）", rule.years, rule.clause));
            None
        }
        Tri::Unmet => {
            let on = Iso(date.reached_on(rule.years));
            trace.reason(format!("取得{held}未满{}年（{on}满），暂不能申报晋级评价（{}）", rule.years, rule.clause));
            None
        }
    }
}

/// The level the title leads to after its years, when that day is still ahead.
fn next(policy: &Policy, title: Title, start: Option<DateSpan>, as_of: NaiveDate) -> Option<Next<SkillLevel>> {
    let rule = policy.reverse_for(title).find_map(|r| match r.condition {
        ReverseCondition::YearsAfter(n) => Some((n, r.grants?, r.clause)),
        ReverseCondition::Holds => None,
    })?;
    let (years, to, clause) = rule;
    let on = start?.reached_on(years);
    (on > as_of).then_some(Next { to, date: on, clause, years })
}
