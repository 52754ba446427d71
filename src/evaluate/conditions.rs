//! The interpreter of rules as conditions ([`crate::policy::rules`]): each leaf three-valued with
//! the sentence that says it, nodes combining them (`all` like AND, `any` like OR, `count` as
//! at-least-N, `not`), and a rule's reason built from the leaves that decided it — met leaves say
//! what was met, unmet ones what is missing and by when, unknown ones what to verify.
//!
//! The leaves are the only code here that reads the person's fields.

use super::skill_to_title::{held_date, history_date, recent_appraisals};
use super::Trace;
use crate::model::{Clause, SkillLevel, Title, Tri};
use crate::normalize::date::{DateSpan, Iso};
use crate::normalize::{FactValue, Field, HeldTitle, Person};
use crate::policy::rules::{Condition, FactTest, Gate, Grant, Leaf, Outcome, Role, RouteId, Since};
use crate::policy::Policy;
use chrono::NaiveDate;

/// What one rule gave: the title or level it grants, how sure, and its kind of outcome.
#[derive(Debug, Clone, Copy)]
pub struct Ruled<T> {
    pub grants: T,
    pub tri: Tri,
    pub outcome: Outcome,
    pub clause: Clause,
    /// When waiting alone meets the rule, after the evaluation date: the day and the years of
    /// its last unmet years leaf.
    pub next: Option<(NaiveDate, u32)>,
}

impl<T: Copy + Ord> Ruled<T> {
    /// The earliest day a rule that waiting alone meets gives more than any way open now
    /// (`open`, asked only when some rule waits: not at all under a policy without rules).
    pub fn next(ruled: &[Ruled<T>], open: impl FnOnce() -> Option<T>) -> Option<super::Next<T>> {
        if ruled.iter().all(|r| r.next.is_none()) {
            return None;
        }
        let open = open();
        ruled
            .iter()
            .filter(|r| open.is_none_or(|o| r.grants > o))
            .filter_map(|r| r.next.map(|(date, years)| super::Next { to: r.grants, date, clause: r.clause, years }))
            .min_by_key(|n| n.date)
    }
}

/// The day waiting alone meets a condition, when that is after the evaluation date.
fn waited(said: &Said, as_of: NaiveDate) -> Option<(NaiveDate, u32)> {
    match said.wait {
        Wait::On(day, years) if said.tri == Tri::Unmet && day > as_of => Some((day, years)),
        _ => None,
    }
}

/// A condition's truth, the sentences of the leaves that decided it, and when waiting alone would
/// meet it.
struct Said {
    tri: Tri,
    leaves: Vec<(Tri, String)>,
    wait: Wait,
}

/// When a condition is met by waiting: now, on a day (the years of its last unmet years leaf
/// counted, with that leaf's years), or not by waiting (something else is missing or unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Wait {
    Now,
    On(NaiveDate, u32),
    Never,
}

struct Env<'a> {
    p: &'a Person,
    policy: &'a Policy,
    as_of: NaiveDate,
}

/// The route's rules for a person, each cited and said; what they grant, resolved (the title of
/// "相应系列" is the person's series').
pub fn title_rules(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> Vec<Ruled<Title>> {
    let env = Env { p, policy, as_of };
    let mut out = Vec::new();
    for rule in policy.rules.iter().filter(|r| r.route == RouteId::SkillToTitle) {
        let grants = match rule.grants {
            Grant::Title(t) => Some(t),
            Grant::SeriesGrade(g) => series_title(p, policy, g),
            Grant::Level(_) => None,
        };
        let Some(grants) = grants else { continue };
        let said = env.condition(&rule.when);
        say(trace, rule.clause, rule.outcome, &grants.to_string(), &said);
        out.push(Ruled {
            grants,
            tri: said.tri,
            outcome: rule.outcome,
            clause: rule.clause,
            next: waited(&said, as_of),
        });
    }
    out
}

/// The title → skill rules for a person, as [`title_rules`].
pub fn level_rules(p: &Person, policy: &Policy, as_of: NaiveDate, trace: &mut Trace) -> Vec<Ruled<SkillLevel>> {
    let env = Env { p, policy, as_of };
    let mut out = Vec::new();
    for rule in policy.rules.iter().filter(|r| r.route == RouteId::TitleToSkill) {
        let Grant::Level(level) = rule.grants else { continue };
        let said = env.condition(&rule.when);
        say(trace, rule.clause, rule.outcome, &format!("{level}职业技能评价"), &said);
        out.push(Ruled {
            grants: level,
            tri: said.tri,
            outcome: rule.outcome,
            clause: rule.clause,
            next: waited(&said, as_of),
        });
    }
    out
}

/// A gate's truth for a person ([`Gate`]: an exclusion or a requirement), with the sentences of
/// the leaves that decided it.
pub fn gate(p: &Person, policy: &Policy, as_of: NaiveDate, e: &Gate) -> (Tri, String) {
    let said = Env { p, policy, as_of }.condition(&e.when);
    let text = joined(&said, said.tri, "，");
    (said.tri, text)
}

/// The kind of outcome that gives `best` when only a rule of a kind beyond applying does (a
/// 可直接申报 rule and a 可申报 row to the same title: the stronger, when it is as sure).
pub fn outcome_of<T: PartialEq + Copy>(best: T, sure: Tri, ruled: &[Ruled<T>]) -> Option<Outcome> {
    ruled
        .iter()
        .filter(|r| r.grants == best && r.tri == sure && r.outcome > Outcome::Exceptional)
        .map(|r| r.outcome)
        .max()
}

/// The title of `grade` in the person's series: the series of the occupation, else of the title
/// held, else the route's first.
fn series_title(p: &Person, policy: &Policy, grade: u8) -> Option<Title> {
    let route = &policy.scope.skill_to_title;
    let covered = |s: u8| route.series.contains(&s);
    let held = match p.title {
        Field::Value(HeldTitle::Titled(t)) => Some(t.series()),
        _ => None,
    };
    let series = p
        .occupation_series
        .filter(|s| covered(*s))
        .or(held.filter(|s| covered(*s)))
        .or(route.series.first().copied())?;
    policy.titles.of_grade(series, grade)
}

/// Says the rule, citing it: met — what was met and what it gives; unknown — what to verify;
/// unmet — what is missing, only when something of it was met (a rule of which nothing applies
/// is neither said nor cited).
fn say(trace: &mut Trace, clause: Clause, outcome: Outcome, what: &str, said: &Said) {
    let near = said.leaves.iter().any(|(t, _)| *t == Tri::Met);
    if said.tri != Tri::Unmet || near {
        trace.cite(clause);
    }
    let (verb, action) = (outcome.word(), outcome.action());
    match said.tri {
        Tri::Met => trace.reason(format!("{}，{verb}{what}（{clause}）", joined(said, Tri::Met, "，"))),
        Tri::Unknown => {
            let met = joined(said, Tri::Met, "，");
            let met = if met.is_empty() { String::new() } else { format!("{met}；") };
            let open = joined(said, Tri::Unknown, "、");
            trace.verify(format!("{met}需核实{open}，以确定能否{action}{what}（{clause}）"));
        }
        Tri::Unmet if near => {
            let unmet = joined(said, Tri::Unmet, "，");
            trace.reason(format!("{}，但{unmet}，暂不能{action}{what}（{clause}）", joined(said, Tri::Met, "，")));
        }
        Tri::Unmet => {}
    }
}

fn joined(said: &Said, tri: Tri, sep: &str) -> String {
    said.leaves.iter().filter(|(t, _)| *t == tri).map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(sep)
}

impl Env<'_> {
    fn condition(&self, c: &Condition) -> Said {
        match c {
            Condition::Leaf(leaf) => {
                let (tri, text) = self.leaf(leaf);
                let wait = match (tri, leaf) {
                    (Tri::Met, _) => Wait::Now,
                    (Tri::Unmet, Leaf::Years { years, since }) => {
                        self.start(since).map_or(Wait::Never, |d| Wait::On(d.reached_on(*years), *years))
                    }
                    _ => Wait::Never,
                };
                Said { tri, leaves: vec![(tri, text)], wait }
            }
            Condition::All(cs) => {
                let parts: Vec<Said> = cs.iter().map(|c| self.condition(c)).collect();
                let tri = parts.iter().fold(Tri::Met, |acc, s| acc.and(s.tri));
                let wait = parts.iter().map(|s| s.wait).max().unwrap_or(Wait::Now);
                Said { tri, leaves: parts.into_iter().flat_map(|s| s.leaves).collect(), wait }
            }
            Condition::Any(cs) => {
                let parts: Vec<Said> = cs.iter().map(|c| self.condition(c)).collect();
                let tri = parts.iter().fold(Tri::Unmet, |acc, s| acc.or(s.tri));
                let wait = parts.iter().map(|s| s.wait).min().unwrap_or(Wait::Never);
                // Met: the ways that met it; otherwise every way, as unmet or to verify.
                let leaves = parts.into_iter().filter(|s| tri != Tri::Met || s.tri == Tri::Met).flat_map(|s| s.leaves);
                Said { tri, leaves: leaves.collect(), wait }
            }
            Condition::AtLeast(n, cs) => {
                let parts: Vec<Said> = cs.iter().map(|c| self.condition(c)).collect();
                let met = parts.iter().filter(|s| s.tri == Tri::Met).count();
                let open = parts.iter().filter(|s| s.tri == Tri::Unknown).count();
                let tri = if met >= *n {
                    Tri::Met
                } else if met + open >= *n {
                    Tri::Unknown
                } else {
                    Tri::Unmet
                };
                let mut waits: Vec<Wait> = parts.iter().map(|s| s.wait).collect();
                waits.sort();
                let wait = waits.get(n.saturating_sub(1)).copied().unwrap_or(Wait::Never);
                let leaves = parts.into_iter().filter(|s| tri != Tri::Met || s.tri == Tri::Met).flat_map(|s| s.leaves);
                let mut leaves: Vec<(Tri, String)> = leaves.collect();
                if tri == Tri::Unmet {
                    leaves.push((Tri::Unmet, format!("以上{}项中具备{met}项，不足{n}项", cs.len())));
                }
                Said { tri, leaves, wait }
            }
            // The inner leaves say the facts as they are (`人员身份为“劳务派遣”`); negated, a fact
            // that met the inner condition is what fails the outer one, and the other way round.
            Condition::Not(c) => {
                let flip = |t: Tri| match t {
                    Tri::Met => Tri::Unmet,
                    Tri::Unmet => Tri::Met,
                    Tri::Unknown => Tri::Unknown,
                };
                let inner = self.condition(c);
                let tri = flip(inner.tri);
                let wait = if tri == Tri::Met { Wait::Now } else { Wait::Never };
                Said { tri, leaves: inner.leaves.into_iter().map(|(t, s)| (flip(t), s)).collect(), wait }
            }
        }
    }

    /// One leaf: its truth and how it is said, as a met fact, a missing one, or what to verify.
    fn leaf(&self, leaf: &Leaf) -> (Tri, String) {
        let p = self.p;
        match leaf {
            Leaf::Level(need) => match p.skill_level {
                Field::Value(l) if l >= *need => (Tri::Met, format!("具备{l}")),
                Field::Value(l) => (Tri::Unmet, format!("技能等级为{l}，低于{need}")),
                Field::Invalid => (Tri::Unknown, format!("技能等级是否为{need}及以上")),
                _ => (Tri::Unmet, format!("未取得{need}")),
            },
            Leaf::Title(need) => match p.title {
                Field::Value(HeldTitle::Titled(t)) if t.series() == need.series() && t.grade() >= need.grade() => {
                    (Tri::Met, format!("具备{t}"))
                }
                Field::Value(HeldTitle::SeriesUnknown(t)) if t.grade() >= need.grade() => {
                    (Tri::Unknown, format!("职称是否为{need}及以上"))
                }
                Field::Invalid => (Tri::Unknown, format!("职称是否为{need}及以上")),
                _ => (Tri::Unmet, format!("未取得{need}")),
            },
            Leaf::Honour { honour, role } => {
                let label = self.policy.exceptional.honours[*honour].label;
                let mut best = (Tri::Unmet, format!("无{label}"));
                for h in p.honours.iter().filter(|h| h.rule == *honour) {
                    // A medal written without a role is the contestant's own: a coach or an
                    // expert says so in the text.
                    let coach = Role::Coach.words().iter().any(|w| h.text.contains(w));
                    let role_tri = role.map_or(Tri::Met, |r| Tri::from_bool((r == Role::Coach) == coach));
                    let tri = h.certain.and(role_tri);
                    let as_role = role.map(|r| format!("（{}）", r.word())).unwrap_or_default();
                    let said = match tri {
                        Tri::Met => format!("“{}”属{label}{as_role}", h.text),
                        Tri::Unknown => format!("“{}”是否属{label}{as_role}", h.text),
                        Tri::Unmet => format!("“{}”不是{label}{as_role}", h.text),
                    };
                    if tri == Tri::Met || (tri == Tri::Unknown && best.0 == Tri::Unmet) {
                        best = (tri, said);
                    }
                }
                best
            }
            Leaf::Years { years, since } => self.years(*years, since),
            Leaf::Post(posts) => match p.post {
                Field::Value(post) if posts.contains(&post) => (Tri::Met, format!("岗位类别为{}", post.name())),
                Field::Value(post) => (Tri::Unmet, format!("岗位类别为{}", post.name())),
                Field::Absent => (Tri::Unknown, "岗位类别（名册没有岗位类别列）".to_string()),
                _ => (Tri::Unknown, "岗位类别".to_string()),
            },
            Leaf::Fact { fact, test } => self.fact(*fact, test),
            Leaf::Appraisals(n) => {
                if !p.appraisal_columns {
                    return (Tri::Unknown, format!("近{n}年年度考核（名册没有年度考核信息）"));
                }
                let recent = recent_appraisals(p, *n, self.as_of);
                if let Some(fail) = recent.iter().find(|a| !a.pass) {
                    let year = fail.year.map(|y| format!("{y}年")).unwrap_or_default();
                    return (Tri::Unmet, format!("近{n}年年度考核有“{year}{}”", fail.grade));
                }
                if recent.len() < *n {
                    return (Tri::Unknown, format!("近{n}年年度考核（只有{}年可知）", recent.len()));
                }
                (Tri::Met, format!("近{n}年年度考核均合格"))
            }
        }
    }

    /// The day a years leaf counts from: the later of its starts, when all are known.
    fn start(&self, since: &[Since]) -> Option<DateSpan> {
        since.iter().map(|s| self.since(*s).1).try_fold(None, |acc: Option<DateSpan>, d| {
            let d = d?;
            Some(Some(acc.map_or(d, |a| a.later(d))))
        })?
    }

    /// A start's name as a reason says it, and its day.
    fn since(&self, s: Since) -> (String, Option<DateSpan>) {
        let p = self.p;
        match s {
            Since::Level(None) => match p.skill_level.value() {
                Some(l) => (format!("取得{l}"), held_date(p, l)),
                None => ("取得技能等级".to_string(), None),
            },
            Since::Level(Some(l)) => {
                let own = history_date(p, l).value();
                let held = p.skill_level.value().filter(|h| *h == l).and_then(|h| held_date(p, h));
                (format!("取得{l}"), own.or(held))
            }
            Since::Title => match p.title {
                Field::Value(HeldTitle::Titled(t) | HeldTitle::SeriesUnknown(t)) => {
                    (format!("取得{t}"), p.title_date.value())
                }
                _ => ("取得职称".to_string(), p.title_date.value()),
            },
            Since::OccupationStart => ("从事本职业".to_string(), p.occupation_start.value()),
            Since::Fact(i) => (
                self.policy.facts[i].name.to_string(),
                match p.facts.get(i) {
                    Some(Field::Value(FactValue::Date(d))) => Some(*d),
                    _ => None,
                },
            ),
        }
    }

    fn years(&self, years: u32, since: &[Since]) -> (Tri, String) {
        let mut start: Option<DateSpan> = None;
        let mut labels = Vec::new();
        for s in since {
            let (label, date) = self.since(*s);
            labels.push(label);
            let Some(date) = date else {
                return (
                    Tri::Unknown,
                    format!("{}的日期（是否已满{years}年）", labels.last().map_or("", String::as_str)),
                );
            };
            start = Some(start.map_or(date, |d| d.later(date)));
        }
        let label = labels.join("、");
        let Some(start) = start else { return (Tri::Unknown, format!("{label}是否已满{years}年")) };
        if years == 0 {
            return (Tri::Met, label);
        }
        let on = Iso(start.reached_on(years));
        match start.years_reached(years, self.as_of) {
            Tri::Met => (Tri::Met, format!("{label}已满{years}年（{on}满）")),
            Tri::Unmet => (Tri::Unmet, format!("{label}未满{years}年（{on}满）")),
            Tri::Unknown => (Tri::Unknown, format!("{label}是否已满{years}年（日期只精确到年）")),
        }
    }

    fn fact(&self, fact: usize, test: &FactTest) -> (Tri, String) {
        let name = self.policy.facts[fact].name;
        let value = match self.p.facts.get(fact) {
            Some(Field::Value(v)) => v,
            Some(Field::Absent) | None => {
                let missing = self.policy.facts[fact].if_missing;
                return (missing, format!("{name}（名册没有这一列）"));
            }
            Some(Field::Blank) => return (self.policy.facts[fact].if_missing, format!("{name}（未填写）")),
            Some(Field::Invalid) => return (Tri::Unknown, format!("{name}（无法识别）")),
        };
        match (test, value) {
            (FactTest::Is(want), FactValue::Yes(v)) => {
                let said = format!("{name}：{}", if *v { "是" } else { "否" });
                (Tri::from_bool(v == want), said)
            }
            (FactTest::AtLeast(n), FactValue::Number(x)) => {
                let said = format!("{name}为{x}（要求不少于{n}）");
                (Tri::from_bool(x >= n), said)
            }
            (FactTest::AnyOf(words), FactValue::Text(t)) => {
                (Tri::from_bool(words.iter().any(|w| t.contains(w))), format!("{name}为“{t}”"))
            }
            (FactTest::WithinYears(n), FactValue::Date(d)) => {
                let on = Iso(d.reached_on(*n));
                match d.years_reached(*n, self.as_of) {
                    Tri::Met => (Tri::Unmet, format!("{name}{}已满{n}年（{on}满）", Iso(d.lo))),
                    Tri::Unmet => (Tri::Met, format!("{name}{}未满{n}年（{on}满）", Iso(d.lo))),
                    Tri::Unknown => (Tri::Unknown, format!("{name}是否已满{n}年")),
                }
            }
            _ => (Tri::Unknown, format!("{name}（无法比较）")),
        }
    }
}
