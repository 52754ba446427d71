//! Skill level → title (三、高技能人才申报专业技术资格 of 33号).

use super::{best_of, conditions, missing_column, scope, status, Basis, Next, TitleDecision, Trace};
use crate::model::{SkillLevel, Status, Title, Tri};
use crate::normalize::appraisal::Appraisal;
use crate::normalize::date::{DateSpan, Iso};
use crate::normalize::{Field, HeldTitle, Person};
use crate::policy::rules::Outcome;
use crate::policy::{Policy, Tier};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

const ROUTE: &str = "技能→职称路径";

pub fn vetoed() -> TitleDecision {
    TitleDecision {
        status: Status::NotEligible,
        regular: None,
        exceptional: None,
        exceptional_basis: Vec::new(),
        best: None,
        outcome: None,
        next: None,
    }
}

fn not_applicable() -> TitleDecision {
    TitleDecision { status: Status::NotApplicable, ..vetoed() }
}

pub fn evaluate(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> TitleDecision {
    // A 高技能人才 holds the policy's lowest level or above; an unreadable level might be one.
    let floor = &policy.high_skill_floor;
    let level = match p.skill_level {
        Field::Value(l) if l >= floor.level => Some(l),
        Field::Invalid => None,
        Field::Absent => {
            trace.reason(missing_column("技能等级", ROUTE));
            return not_applicable();
        }
        _ => return not_applicable(),
    };
    let route = &policy.scope.skill_to_title;
    let in_scope = scope(p, route, ROUTE, policy.scope.clause, trace);
    if in_scope == Tri::Unmet {
        return not_applicable();
    }
    trace.cite(floor.clause);
    let Some(level) = level else {
        trace.verify(format!("技能等级无法识别，需核实是否为{}及以上（{}）", floor.level, floor.clause));
        return TitleDecision { status: Status::NeedsReview, ..vetoed() };
    };

    let basic = clause_3_1_appraisal(p, policy, as_of, trace);
    let mut regular = clause_3_2_2(p, policy, level, as_of, trace);
    let (mut exceptional, basis) = clause_3_4(p, policy, as_of, trace);
    let next = next(p, policy, level, as_of);
    // Rules as conditions: an ordinary one (可申报) beside the rows by years, the others beside the
    // exceptional tiers.
    let ruled = conditions::title_rules(p, policy, as_of, trace);
    for r in &ruled {
        let list = if r.outcome == Outcome::Apply { &mut regular } else { &mut exceptional };
        list.push((r.grants, r.tri));
    }
    // Without a row by years ahead, a rule that waiting meets says when.
    let open = || regular.iter().chain(&exceptional).filter(|(_, t)| t.possible()).map(|(t, _)| *t).max();
    let next = next.or_else(|| conditions::Ruled::next(&ruled, open));

    let all: Vec<(Title, Tri)> = regular.iter().chain(&exceptional).copied().collect();
    let Some((best, sure)) = best_of(&all) else {
        trace.reason(format!("暂不符合{ROUTE}的年限或破格条件"));
        return TitleDecision { status: Status::NotEligible, exceptional_basis: basis, next, ..vetoed() };
    };
    let overall = in_scope.and(basic).and(sure);
    if basic == Tri::Unmet {
        return TitleDecision { status: Status::NotEligible, exceptional_basis: basis, next, ..vetoed() };
    }

    let held = match p.title {
        Field::Value(HeldTitle::Titled(t)) if route.covers(t) => Tri::from_bool(t.grade() >= best.grade()),
        // A grade of unknown series is the title held only if the series is the route's.
        Field::Value(HeldTitle::SeriesUnknown(t)) if t.grade() >= best.grade() => Tri::Unknown,
        Field::Invalid => Tri::Unknown,
        _ => Tri::Unmet,
    };
    if let Field::Value(HeldTitle::Titled(t)) = p.title {
        if route.covers(t) && t.grade() >= best.grade() {
            trace.reason(format!("已具备{t}，不高于可申报的{best}"));
        }
    }
    if held == Tri::Unknown && overall.possible() {
        trace.verify("现有职称无法识别，需核实是否已具备可申报的职称");
    }
    let status = status(overall, held);
    TitleDecision {
        status,
        regular: best_of(&regular).map(|(t, _)| t),
        exceptional: best_of(&exceptional).map(|(t, _)| t),
        exceptional_basis: basis,
        best: Some(best),
        outcome: conditions::outcome_of(best, sure, &ruled),
        next,
    }
}

/// The most recent annual appraisals (year ≤ the evaluation year) all pass (三（一） of 33号: three).
fn clause_3_1_appraisal(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> Tri {
    let rule = &policy.appraisal;
    let clause = rule.clause;
    if !p.appraisal_columns {
        trace.verify(format!("名册没有年度考核信息，需核实近{}年年度考核是否合格（{clause}）", rule.years));
        return Tri::Unknown;
    }
    let recent = recent_appraisals(p, rule.years, as_of);
    // `2023年合格`, or the grade alone.
    let describe = |out: &mut String, a: &Appraisal| {
        if let Some(y) = a.year {
            let _ = write!(out, "{y}年");
        }
        out.push_str(a.grade);
    };
    if let Some(fail) = recent.iter().find(|a| !a.pass) {
        let mut grade = String::new();
        describe(&mut grade, fail);
        trace.reason(format!("近{}年年度考核有“{grade}”，不符合年度考核合格的要求（{clause}）", rule.years));
        return Tri::Unmet;
    }
    let mut listed = String::new();
    for (i, a) in recent.iter().enumerate() {
        if i > 0 {
            listed.push('、');
        }
        describe(&mut listed, a);
    }
    if recent.len() < rule.years {
        let known = if listed.is_empty() { "无".to_string() } else { listed };
        trace.verify(format!(
            "近{}年年度考核只有{}年可知（{known}），需补充核实（{clause}）",
            rule.years,
            recent.len()
        ));
        return Tri::Unknown;
    }
    trace.reason(format!("近{}年年度考核均合格（{listed}）（{clause}）", rule.years));
    Tri::Met
}

/// The `years` most recent appraisals (year ≤ the evaluation year): dated results, most recent
/// first; undated ones are taken as listed oldest to newest.
pub fn recent_appraisals(p: &Person, years: usize, as_of: NaiveDate) -> Vec<&Appraisal> {
    let mut dated: Vec<_> = p.appraisals.iter().filter(|a| a.year.is_some_and(|y| y <= as_of.year())).collect();
    dated.sort_by_key(|a| std::cmp::Reverse(a.year));
    let undated = p.appraisals.iter().filter(|a| a.year.is_none()).rev();
    dated.into_iter().chain(undated).take(years).collect()
}

/// The date the person obtained `rung`, and whether it is the lower rung's own date. A higher
/// level counts as every lower one; without the lower level's own date, the higher level's date
/// stands in for it (RULES.md 三（二）2).
fn date_of(p: &Person, held: SkillLevel, rung: SkillLevel) -> (Option<DateSpan>, bool) {
    if rung == held {
        return (held_date(p, held), true);
    }
    match history_date(p, rung).value() {
        Some(d) => (Some(d), true),
        None => (held_date(p, held), false),
    }
}

/// The date of the level held: its own column, or the history column of that level.
pub fn held_date(p: &Person, held: SkillLevel) -> Option<DateSpan> {
    p.skill_date.value().or(history_date(p, held).value())
}

/// The optional history columns (`高级工取得时间`, `技师取得时间`).
pub fn history_date(p: &Person, level: SkillLevel) -> Field<DateSpan> {
    p.history.iter().flatten().find(|(l, _)| *l == level).map_or(Field::Absent, |(_, d)| *d)
}

/// The regular rows: years after a level → title (三（二）2 of 33号: 高级工 2 years → 助理工程师,
/// 技师 3 years → 工程师, 高级技师 4 years → 高级工程师).
fn clause_3_2_2(
    p: &Person,
    policy: &Policy,
    held: SkillLevel,
    as_of: NaiveDate,
    trace: &mut Trace,
) -> Vec<(Title, Tri)> {
    let mut options = Vec::new();
    for rule in policy.regular.iter().filter(|r| r.level <= held) {
        trace.cite(rule.clause);
        let (date, own) = date_of(p, held, rule.level);
        let (lvl, n, grants, clause) = (rule.level, rule.years, rule.grants, rule.clause);
        if n == 0 {
            // A rung of no years: holding the level is enough, whatever its date.
            trace.reason(format!("取得{lvl}，可申报{grants}（{clause}）"));
            options.push((grants, Tri::Met));
            continue;
        }
        let tri = match date {
            None => {
                trace.verify(format!("{lvl}取得时间不详，需核实是否满{n}年以申报{grants}（{clause}）"));
                Tri::Unknown
            }
            Some(d) => match d.years_reached(n, as_of) {
                Tri::Met => {
                    trace.reason(format!(
                        "取得{lvl}已满{n}年（{}满），可申报{grants}（{clause}）",
                        Iso(d.reached_on(n))
                    ));
                    Tri::Met
                }
                Tri::Unknown => {
                    trace.verify(format!("{lvl}取得时间只精确到年，无法确定是否已满{n}年以申报{grants}（{clause}）"));
                    Tri::Unknown
                }
                Tri::Unmet if !own => {
                    trace.verify(format!(
                        "名册未提供{lvl}取得时间；按{held}取得时间计算未满{n}年，需核实{lvl}取得时间以确定能否申报{grants}（{clause}）"
                    ));
                    Tri::Unknown
                }
                Tri::Unmet => {
                    trace.reason(format!(
                        "取得{lvl}未满{n}年（{}满），暂不能申报{grants}（{clause}）",
                        Iso(d.reached_on(n))
                    ));
                    Tri::Unmet
                }
            },
        };
        options.push((grants, tri));
    }
    options
}

/// The honours that open the exceptional route (三（四） of 33号): each honour found, under every
/// tier that lists it, with the tier's own conditions of level and years where it has them.
fn clause_3_4(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> (Vec<(Title, Tri)>, Vec<Basis>) {
    let ex = &policy.exceptional;
    let mut options = Vec::new();
    let mut basis = Vec::new();
    for h in &p.honours {
        let rule = &ex.honours[h.rule];
        for &t in &rule.tiers {
            let tier = &ex.tiers[t];
            trace.cite(tier.clause);
            let (grants, clause, label) = (tier.grants, tier.clause, rule.label);
            let (also, cond) = tier_conditions(p, tier, as_of);
            if also == Tri::Unmet {
                trace.reason(format!("“{}”属{label}，但{cond}，不能破格申报{grants}（{clause}）", h.text));
                continue;
            }
            let with = match (cond.is_empty(), also) {
                (true, _) => String::new(),
                (false, Tri::Met) => format!("，且{cond}"),
                (false, _) => format!("，并需核实{cond}"),
            };
            let certain = h.certain.and(also);
            if certain == Tri::Met {
                trace.reason(format!("“{}”属{label}{with}，可破格申报{grants}（{clause}）", h.text));
            } else if h.certain == Tri::Met {
                trace.verify(format!("“{}”属{label}，需核实{cond}，以确定能否破格申报{grants}（{clause}）", h.text));
            } else {
                let point = h.open_point.unwrap_or("需核实");
                trace.verify(format!("“{}”{point}；如属{label}{with}，可破格申报{grants}（{clause}）", h.text));
            }
            options.push((grants, certain));
            basis.push(Basis {
                award: h.text.clone(),
                honour: label,
                tier: grants,
                clause,
                confirmed: certain == Tri::Met,
            });
        }
    }
    for (text, why) in &p.near_misses {
        trace.reason(format!("“{text}”不作为破格依据：{why}"));
    }
    (options, basis)
}

/// A tier's conditions besides its honours (a level, held some years), and how they are said:
/// `Met` and an empty text for a tier of honours alone.
fn tier_conditions(p: &Person, tier: &Tier, as_of: NaiveDate) -> (Tri, String) {
    let Some(need) = tier.level else {
        return (Tri::Met, String::new());
    };
    let level = match p.skill_level {
        Field::Value(l) => l,
        Field::Invalid => return (Tri::Unknown, format!("技能等级是否为{need}及以上")),
        _ => return (Tri::Unmet, format!("未取得{need}")),
    };
    if level < need {
        return (Tri::Unmet, format!("技能等级为{level}，低于{need}"));
    }
    let Some(years) = tier.years else {
        return (Tri::Met, format!("具备{level}"));
    };
    match held_date(p, level).map(|d| (d.years_reached(years, as_of), d)) {
        None => (Tri::Unknown, format!("取得{level}是否已满{years}年")),
        Some((Tri::Met, _)) => (Tri::Met, format!("取得{level}已满{years}年")),
        Some((Tri::Unknown, _)) => (Tri::Unknown, format!("取得{level}是否已满{years}年")),
        Some((Tri::Unmet, d)) => (Tri::Unmet, format!("取得{level}未满{years}年（{}满）", Iso(d.reached_on(years)))),
    }
}

/// The title the held level leads to by years, when that day is still ahead. RULES.md defines it by
/// the level alone, so it is reported even when another way already gives as much.
fn next(p: &Person, policy: &Policy, held: SkillLevel, as_of: NaiveDate) -> Option<Next<Title>> {
    let rule = policy.regular.iter().filter(|r| r.level <= held).max_by_key(|r| r.level)?;
    let (date, _) = date_of(p, held, rule.level);
    let on = date?.reached_on(rule.years);
    (on > as_of).then_some(Next { to: rule.grants, date: on, clause: rule.clause, years: rule.years })
}
