//! 三、高技能人才申报专业技术资格 — skill level → engineering title.

use super::{best_of, scope, status, Basis, Next, TitleDecision, Trace};
use crate::model::{SkillLevel, Status, Title, Tri};
use crate::normalize::appraisal::Appraisal;
use crate::normalize::date::{DateSpan, Iso};
use crate::normalize::{Field, HeldTitle, Person, Post};
use crate::policy::Policy;
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
        next: None,
    }
}

fn not_applicable() -> TitleDecision {
    TitleDecision { status: Status::NotApplicable, ..vetoed() }
}

pub fn evaluate(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> TitleDecision {
    // 三（一）1: a 高技能人才 holds 高级工 or above; an unreadable level might be one.
    let floor = &policy.high_skill_floor;
    let level = match p.skill_level {
        Field::Value(l) if l >= floor.level => Some(l),
        Field::Invalid => None,
        _ => return not_applicable(),
    };
    let in_scope = scope(p, &[Post::Skill, Post::Professional], ROUTE, trace);
    if in_scope == Tri::Unmet {
        return not_applicable();
    }
    trace.cite(floor.clause);
    let Some(level) = level else {
        trace.verify(format!("技能等级无法识别，需核实是否为{}及以上（{}）", floor.level, floor.clause));
        return TitleDecision { status: Status::NeedsReview, ..vetoed() };
    };

    let basic = clause_3_1_appraisal(p, policy, as_of, trace);
    let regular = clause_3_2_2(p, policy, level, as_of, trace);
    let (exceptional, basis) = clause_3_4(p, policy, trace);
    let next = next(p, policy, level, as_of);

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
        Field::Value(HeldTitle::Engineering(t)) => Tri::from_bool(t >= best),
        // A grade of unknown series is the title held only if the series is 工程.
        Field::Value(HeldTitle::SeriesUnknown(t)) if t >= best => Tri::Unknown,
        Field::Invalid => Tri::Unknown,
        _ => Tri::Unmet,
    };
    if let Field::Value(HeldTitle::Engineering(t)) = p.title {
        if t >= best {
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
        next,
    }
}

/// 三（一）2: the three most recent annual appraisals (year ≤ the evaluation year) all pass.
fn clause_3_1_appraisal(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> Tri {
    let rule = &policy.appraisal;
    let clause = rule.clause;
    if !p.appraisal_columns {
        trace.verify(format!("名册没有年度考核信息，需核实近{}年年度考核是否合格（{clause}）", rule.years));
        return Tri::Unknown;
    }
    // Dated results, most recent first; undated ones are taken as listed oldest to newest.
    let mut dated: Vec<_> = p.appraisals.iter().filter(|a| a.year.is_some_and(|y| y <= as_of.year())).collect();
    dated.sort_by_key(|a| std::cmp::Reverse(a.year));
    let undated = p.appraisals.iter().filter(|a| a.year.is_none()).rev();
    let recent: Vec<_> = dated.into_iter().chain(undated).take(rule.years).collect();
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

/// The optional history columns (高级工取得时间, 技师取得时间).
fn history_date(p: &Person, level: SkillLevel) -> Field<DateSpan> {
    match level {
        SkillLevel::Senior => p.senior_worker_date,
        SkillLevel::Technician => p.technician_date,
        _ => Field::Absent,
    }
}

/// 三（二）2: 高级工 2 years → 助理工程师, 技师 3 years → 工程师, 高级技师 4 years → 高级工程师.
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

/// 三（四）: the honours that open the exceptional route, each with its tier.
fn clause_3_4(p: &Person, policy: &Policy, trace: &mut Trace) -> (Vec<(Title, Tri)>, Vec<Basis>) {
    let mut options = Vec::new();
    let mut basis = Vec::new();
    for h in &p.honours {
        let rule = &policy.honours[h.rule];
        trace.cite(rule.clause);
        let confirmed = h.certain == Tri::Met;
        if confirmed {
            trace.reason(format!("“{}”属{}，可破格申报{}（{}）", h.text, rule.label, rule.grants, rule.clause));
        } else {
            let point = h.open_point.unwrap_or("需核实");
            trace.verify(format!(
                "“{}”{point}；如属{}，可破格申报{}（{}）",
                h.text, rule.label, rule.grants, rule.clause
            ));
        }
        options.push((rule.grants, h.certain));
        basis.push(Basis {
            award: h.text.clone(),
            honour: rule.label,
            tier: rule.grants,
            clause: rule.clause,
            confirmed,
        });
    }
    for (text, why) in &p.near_misses {
        trace.reason(format!("“{text}”不作为破格依据：{why}"));
    }
    (options, basis)
}

/// The title the held level leads to by years, when that day is still ahead. RULES.md defines it by
/// the level alone, so it is reported even when another way already gives as much.
fn next(p: &Person, policy: &Policy, held: SkillLevel, as_of: NaiveDate) -> Option<Next<Title>> {
    let rule = policy.regular.iter().filter(|r| r.level <= held).max_by_key(|r| r.level)?;
    let (date, _) = date_of(p, held, rule.level);
    let on = date?.reached_on(rule.years);
    (on > as_of).then_some(Next { to: rule.grants, date: on })
}
