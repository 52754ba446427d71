//! Reading `[[fact]]`, `[[rule]]`, `[[exclude]]` and the veto's lapse: names resolved against the
//! policy's vocabularies, every mistake a problem with its line and key.
//!
//! A condition is written as nested inline tables (`{ all = [ { level = "特级技师" }, … ] }`); the
//! TOML reader keeps no place inside a value, so a mistake deep in one is reported on the line of
//! its `when` with the path to it (`rule[2].when.all[1].level`).

use super::super::rules::*;
use super::*;
use crate::model::Tri;
use toml::Value;

/// The keys a leaf or a node is told by, for the message when none is there.
const KINDS: &str = "all、any、not、count/of、level、title、honour、years、post、appraisals、fact";

impl Resolver {
    pub(super) fn facts(&mut self, list: &[file::Fact]) -> Vec<FactDef> {
        let mut out: Vec<FactDef> = Vec::new();
        for (i, f) in list.iter().enumerate() {
            let key = format!("fact[{}]", i + 1);
            let kind = match f.kind.get_ref().trim() {
                "yes_no" | "是否" => Some(FactKind::YesNo),
                "number" | "数值" => Some(FactKind::Number),
                "date" | "日期" => Some(FactKind::Date),
                "text" | "文字" => Some(FactKind::Text),
                other => {
                    let what = format!(
                        "未知的事实类型“{other}”：应为 yes_no（是否）、number（数值）、date（日期）或 text（文字）"
                    );
                    self.problem(&f.kind.span(), format!("{key}.kind"), what);
                    None
                }
            };
            self.not_empty(&f.headers, &format!("{key}.headers"), "至少要写一个表头");
            let headers = self.words(f.headers.get_ref(), &format!("{key}.headers"));
            let Some(name) = self.word(&f.name, &format!("{key}.name")) else { continue };
            if out.iter().any(|o| o.name == name) {
                self.problem(&f.name.span(), format!("{key}.name"), format!("重复的事实名称“{name}”"));
                continue;
            }
            let if_missing = match f.if_missing.as_ref().map(|m| m.get_ref().trim()) {
                None | Some("unknown" | "待核实") => Tri::Unknown,
                Some("met" | "符合") => Tri::Met,
                Some("unmet" | "不符合") => Tri::Unmet,
                Some(other) => {
                    let what = format!(
                        "未知的取值“{other}”：if_missing 应为 unknown（待核实）、met（符合）或 unmet（不符合）"
                    );
                    self.problem(&f.name.span(), format!("{key}.if_missing"), what);
                    Tri::Unknown
                }
            };
            if out.len() >= usize::from(u8::MAX) {
                self.problem(&f.name.span(), key.clone(), "事实至多 255 项");
                continue;
            }
            if let Some(kind) = kind {
                out.push(FactDef { name, kind, headers, if_missing });
            }
        }
        out
    }

    pub(super) fn veto_lapse(&mut self, v: &file::Veto, facts: &[FactDef]) -> Option<VetoLapse> {
        match (&v.lapses_after_years, &v.lapse_since) {
            (None, None) => None,
            (Some(years), Some(since)) => {
                let fact = self.fact_of(since.get_ref(), facts, &since.span(), "veto.lapse_since")?;
                if facts[fact].kind != FactKind::Date {
                    let what = format!("“{}”不是日期类的事实（[[fact]] 的 kind 应为 date）", since.get_ref());
                    self.problem(&since.span(), "veto.lapse_since", what);
                    return None;
                }
                Some(VetoLapse { years: *years.get_ref(), since: fact })
            }
            (Some(years), None) => {
                self.problem(
                    &years.span(),
                    "veto.lapses_after_years",
                    "要同时写 lapse_since：从哪个日期（[[fact]]）起算",
                );
                None
            }
            (None, Some(since)) => {
                self.problem(&since.span(), "veto.lapse_since", "要同时写 lapses_after_years：满几年不再否决");
                None
            }
        }
    }

    pub(super) fn rules(
        &mut self,
        list: &[file::Rule],
        facts: &[FactDef],
        scope: &Scope,
        exceptional: Option<&Exceptional>,
    ) -> Vec<Rule> {
        let mut out = Vec::new();
        for (i, r) in list.iter().enumerate() {
            let key = format!("rule[{}]", i + 1);
            let clause = self.clause(&r.clause, &format!("{key}.clause"));
            let route = self.route_id(&r.route, &format!("{key}.route"));
            let outcome = match &r.outcome {
                None => Some(Outcome::Apply),
                Some(o) => {
                    // 可直接申报, 直接申报, direct …: the document's words, with or without 可.
                    let found = Outcome::ALL.into_iter().find(|x| {
                        let o = o.get_ref().trim();
                        [x.word(), x.action(), x.name()].iter().any(|w| w.trim_end_matches('为') == o)
                    });
                    if found.is_none() {
                        let what =
                            format!("未知的结果种类“{}”：应为 可申报、可破格申报、可直接申报 或 直接认定", o.get_ref());
                        self.problem(&o.span(), format!("{key}.outcome"), what);
                    }
                    found
                }
            };
            let grants = match (route, &r.grants, &r.grants_grade) {
                (Some(RouteId::SkillToTitle), Some(t), None) => self
                    .granted(t, &format!("{key}.grants"), Some(&scope.skill_to_title), "技能→职称路径")
                    .map(Grant::Title),
                (Some(RouteId::SkillToTitle), None, Some(g)) => {
                    self.grade(g, &format!("{key}.grants_grade")).map(Grant::SeriesGrade)
                }
                (Some(RouteId::TitleToSkill), Some(l), None) => {
                    self.level(l, &format!("{key}.grants")).map(Grant::Level)
                }
                (Some(RouteId::TitleToSkill), None, Some(g)) => {
                    self.problem(&g.span(), format!("{key}.grants_grade"), "职称→技能路径的规则用 grants 写技能等级");
                    None
                }
                (Some(_), Some(t), Some(_)) => {
                    self.problem(&t.span(), format!("{key}.grants"), "grants 与 grants_grade 只写一个");
                    None
                }
                (Some(_), None, None) => {
                    let what = "要写出规则给予什么：grants（职称或技能等级）或 grants_grade（本人相应系列的某级职称）";
                    self.problem(&r.clause.span(), key.clone(), what);
                    None
                }
                (None, ..) => None,
            };
            let when = self.condition(r.when.get_ref(), &r.when.span(), &format!("{key}.when"), facts, exceptional);
            if let (Some(clause), Some(route), Some(outcome), Some(grants), Some(when)) =
                (clause, route, outcome, grants, when)
            {
                out.push(Rule { clause, route, outcome, grants, when });
            }
        }
        out
    }

    pub(super) fn gates(
        &mut self,
        list: &[file::Exclude],
        table: &str,
        facts: &[FactDef],
        exceptional: &Exceptional,
    ) -> Vec<Gate> {
        let mut out = Vec::new();
        for (i, e) in list.iter().enumerate() {
            let key = format!("{table}[{}]", i + 1);
            let clause = self.clause(&e.clause, &format!("{key}.clause"));
            let routes = match &e.routes {
                None => vec![RouteId::SkillToTitle, RouteId::TitleToSkill],
                Some(names) => names.iter().filter_map(|n| self.route_id(n, &format!("{key}.routes"))).collect(),
            };
            let when =
                self.condition(e.when.get_ref(), &e.when.span(), &format!("{key}.when"), facts, Some(exceptional));
            if let (Some(clause), Some(when)) = (clause, when) {
                out.push(Gate { clause, routes, when });
            }
        }
        out
    }

    fn route_id(&mut self, name: &Name, key: &str) -> Option<RouteId> {
        let found = match name.get_ref().trim() {
            "skill_to_title" | "技能→职称" | "技能到职称" => Some(RouteId::SkillToTitle),
            "title_to_skill" | "职称→技能" | "职称到技能" => Some(RouteId::TitleToSkill),
            _ => None,
        };
        if found.is_none() {
            let what = format!(
                "未知的路径“{}”：应为 skill_to_title（技能→职称）或 title_to_skill（职称→技能）",
                name.get_ref()
            );
            self.problem(&name.span(), key, what);
        }
        found
    }

    fn fact_of(&mut self, name: &str, facts: &[FactDef], at: &std::ops::Range<usize>, key: &str) -> Option<usize> {
        let found = facts.iter().position(|f| f.name == name.trim());
        if found.is_none() {
            let known: Vec<&str> = facts.iter().map(|f| f.name).collect();
            let known = if known.is_empty() {
                "文件中还没有 [[fact]]".to_string()
            } else {
                format!("有：{}", known.join("、"))
            };
            self.problem(at, key, format!("未知的事实“{name}”：先在 [[fact]] 中声明（{known}）"));
        }
        found
    }

    /// A condition: a node (`all`, `any`, `not`, `count` with `of`) or a leaf.
    fn condition(
        &mut self,
        value: &Value,
        at: &std::ops::Range<usize>,
        key: &str,
        facts: &[FactDef],
        exceptional: Option<&Exceptional>,
    ) -> Option<Condition> {
        let Value::Table(t) = value else {
            self.problem(at, key, format!("条件应写成 {{ … }} 表，用 {KINDS} 之一"));
            return None;
        };
        let text = |v: &Value| v.as_str().map(str::to_string);
        let list = |s: &mut Resolver, name: &str| -> Option<Vec<Condition>> {
            let Some(Value::Array(items)) = t.get(name) else {
                s.problem(at, format!("{key}.{name}"), format!("{name} 应写成条件的列表 [ … ]"));
                return None;
            };
            if items.is_empty() {
                s.problem(at, format!("{key}.{name}"), "空的条件列表");
                return None;
            }
            let all: Vec<Option<Condition>> = items
                .iter()
                .enumerate()
                .map(|(i, v)| s.condition(v, at, &format!("{key}.{name}[{}]", i + 1), facts, exceptional))
                .collect();
            all.into_iter().collect()
        };
        let one_of = ["all", "any", "not", "count", "level", "title", "honour", "years", "post", "appraisals", "fact"];
        let kinds: Vec<&str> = one_of.iter().copied().filter(|k| t.contains_key(*k)).collect();
        let [kind] = kinds[..] else {
            let what = if kinds.is_empty() {
                format!("条件中没有可识别的键：应为 {KINDS} 之一")
            } else {
                format!("一个条件只能是一种（这里同时写了 {}）；要同时满足几项请用 all", kinds.join("、"))
            };
            self.problem(at, key, what);
            return None;
        };
        let allowed: &[&str] = match kind {
            "count" => &["count", "of"],
            "honour" => &["honour", "role"],
            "years" => &["years", "since"],
            "fact" => &["fact", "is", "at_least", "any_of", "within_years"],
            other => std::slice::from_ref(one_of.iter().find(|k| **k == other).unwrap_or(&"all")),
        };
        if let Some(extra) = t.keys().find(|k| !allowed.contains(&k.as_str())) {
            self.problem(
                at,
                format!("{key}.{extra}"),
                format!("{kind} 条件中不能写 `{extra}`（可写：{}）", allowed.join("、")),
            );
            return None;
        }
        let name = |s: &mut Resolver, k: &str| -> Option<Name> {
            match t.get(k).and_then(text) {
                Some(n) => Some(Spanned::new(at.clone(), n)),
                None => {
                    s.problem(at, format!("{key}.{k}"), format!("{k} 应写成带引号的文字"));
                    None
                }
            }
        };
        let leaf = |l: Leaf| Some(Condition::Leaf(l));
        match kind {
            "all" => list(self, "all").map(Condition::All),
            "any" => list(self, "any").map(Condition::Any),
            "not" => {
                let inner = t.get("not")?;
                self.condition(inner, at, &format!("{key}.not"), facts, exceptional)
                    .map(|c| Condition::Not(Box::new(c)))
            }
            "count" => {
                let n = t.get("count").and_then(Value::as_integer).filter(|n| *n >= 1);
                let of = list(self, "of")?;
                match n {
                    Some(n) if (n as usize) <= of.len() => Some(Condition::AtLeast(n as usize, of)),
                    _ => {
                        let what = format!("count 应为 1 到 {} 之间的整数（of 中条件的个数）", of.len());
                        self.problem(at, format!("{key}.count"), what);
                        None
                    }
                }
            }
            "level" => {
                let n = name(self, "level")?;
                leaf(Leaf::Level(self.level(&n, &format!("{key}.level"))?))
            }
            "title" => {
                let n = name(self, "title")?;
                leaf(Leaf::Title(self.title(&n, &format!("{key}.title"))?))
            }
            "honour" => {
                let n = name(self, "honour")?;
                let ex = exceptional?;
                let Some(honour) = ex.honours.iter().position(|h| h.label == n.get_ref().trim()) else {
                    let what = format!("未知的荣誉“{}”：先在 [[exceptional.honour]] 中列出", n.get_ref());
                    self.problem(at, format!("{key}.honour"), what);
                    return None;
                };
                let role = match t.get("role").map(|v| v.as_str().unwrap_or_default().trim()) {
                    None => None,
                    Some("选手" | "contestant" | "获得者") => Some(Role::Contestant),
                    Some("教练" | "coach" | "技术指导专家" | "教练或技术指导专家") => {
                        Some(Role::Coach)
                    }
                    Some(other) => {
                        let what = format!("未知的角色“{other}”：应为 选手 或 教练（含技术指导专家）");
                        self.problem(at, format!("{key}.role"), what);
                        return None;
                    }
                };
                leaf(Leaf::Honour { honour, role })
            }
            "years" => {
                let years =
                    t.get("years").and_then(Value::as_integer).filter(|n| *n >= 0).and_then(|n| u32::try_from(n).ok());
                let Some(years) = years else {
                    self.problem(at, format!("{key}.years"), "years 应为不小于0的整数");
                    return None;
                };
                let starts: Vec<String> = match t.get("since") {
                    None => vec!["level".to_string()],
                    Some(Value::String(s)) => vec![s.clone()],
                    Some(Value::Array(a)) => a.iter().filter_map(text).collect(),
                    Some(_) => Vec::new(),
                };
                let mut since = Vec::new();
                for s in &starts {
                    since.push(self.since(s, at, &format!("{key}.since"), facts)?);
                }
                if since.is_empty() {
                    self.problem(
                        at,
                        format!("{key}.since"),
                        "since 应写起算点：level、level:等级、title、occupation_start 或 fact:事实",
                    );
                    return None;
                }
                leaf(Leaf::Years { years, since })
            }
            "appraisals" => {
                let n = t.get("appraisals").and_then(Value::as_integer).filter(|n| (1..=10).contains(n));
                let Some(n) = n else {
                    self.problem(at, format!("{key}.appraisals"), "appraisals 应为 1 到 10 之间的整数（最近几年）");
                    return None;
                };
                leaf(Leaf::Appraisals(n as usize))
            }
            "post" => {
                let names: Vec<Name> = match t.get("post") {
                    Some(Value::String(s)) => vec![Spanned::new(at.clone(), s.clone())],
                    Some(Value::Array(a)) => a.iter().filter_map(text).map(|s| Spanned::new(at.clone(), s)).collect(),
                    _ => Vec::new(),
                };
                let posts: Vec<Post> = names.iter().filter_map(|n| self.post(n, &format!("{key}.post"))).collect();
                (!posts.is_empty()).then_some(Condition::Leaf(Leaf::Post(posts)))
            }
            "fact" => {
                let n = name(self, "fact")?;
                let fact = self.fact_of(n.get_ref(), facts, at, &format!("{key}.fact"))?;
                let kind = facts[fact].kind;
                let test = if let Some(v) = t.get("is") {
                    match (kind, v) {
                        (FactKind::YesNo, Value::Boolean(b)) => Some(FactTest::Is(*b)),
                        (FactKind::YesNo, Value::String(s)) if matches!(s.trim(), "是" | "否") => {
                            Some(FactTest::Is(s.trim() == "是"))
                        }
                        (FactKind::Text, Value::String(s)) => Some(FactTest::AnyOf(vec![leak(s.trim().to_string())])),
                        _ => None,
                    }
                } else if let Some(v) = t.get("at_least") {
                    let n = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
                    n.filter(|_| kind == FactKind::Number).map(FactTest::AtLeast)
                } else if let Some(Value::Array(words)) = t.get("any_of") {
                    let words: Vec<&'static str> =
                        words.iter().filter_map(Value::as_str).map(|w| leak(w.trim().to_string())).collect();
                    (kind == FactKind::Text && !words.is_empty()).then_some(FactTest::AnyOf(words))
                } else if let Some(v) = t.get("within_years") {
                    let n = v.as_integer().and_then(|n| u32::try_from(n).ok());
                    n.filter(|_| kind == FactKind::Date).map(FactTest::WithinYears)
                } else {
                    None
                };
                let Some(test) = test else {
                    let what = format!(
                        "事实“{}”是{}类：是否类写 is = \"是\"/\"否\"，数值类写 at_least = 数，文字类写 is = \"词\" 或 any_of = [\"词\", …]，日期类写 within_years = 年数",
                        facts[fact].name,
                        kind.word()
                    );
                    self.problem(at, key.to_string(), what);
                    return None;
                };
                leaf(Leaf::Fact { fact, test })
            }
            _ => None,
        }
    }

    fn since(&mut self, s: &str, at: &std::ops::Range<usize>, key: &str, facts: &[FactDef]) -> Option<Since> {
        let s = s.trim();
        match s {
            "level" | "等级" => return Some(Since::Level(None)),
            "title" | "职称" => return Some(Since::Title),
            "occupation_start" | "从事本职业起始时间" => return Some(Since::OccupationStart),
            _ => {}
        }
        if let Some(level) = s.strip_prefix("level:").or_else(|| s.strip_prefix("等级:")) {
            return self.level(&Spanned::new(at.clone(), level.trim().to_string()), key).map(|l| Since::Level(Some(l)));
        }
        if let Some(fact) = s.strip_prefix("fact:").or_else(|| s.strip_prefix("事实:")) {
            let i = self.fact_of(fact, facts, at, key)?;
            if facts[i].kind != FactKind::Date {
                self.problem(at, key, format!("“{}”不是日期类的事实，不能作为起算点", facts[i].name));
                return None;
            }
            return Some(Since::Fact(i));
        }
        let what = format!("未知的起算点“{s}”：应为 level、level:等级、title、occupation_start 或 fact:事实");
        self.problem(at, key, what);
        None
    }
}
