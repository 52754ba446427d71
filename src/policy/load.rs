//! From a policy file's text to a checked [`Policy`]: every name a rule uses resolved against the
//! file's own vocabularies, every ladder checked for order, every tier for being reachable — and
//! every problem reported with its line and key, all of them at once, in Chinese.

use super::file::{self, Alternatives, File, Name};
use super::lexicon::Lexicon;
use super::*;
use crate::model::{ClauseSet, TitleDef};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use toml::Spanned;

mod conditions;

/// One thing wrong in a policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// Where in the file: a key path (`regular[2].level`) or, for a syntax error, the line's text.
    pub key: String,
    pub what: String,
}

/// A policy that cannot be used.
#[derive(Debug)]
pub enum PolicyError {
    Read {
        /// 政策文件, or the file of its test cases.
        kind: &'static str,
        path: String,
        source: std::io::Error,
    },
    /// Not UTF-8, too large, or not text.
    NotText {
        kind: &'static str,
        path: String,
        why: &'static str,
    },
    Invalid {
        kind: &'static str,
        file: String,
        problems: Vec<Problem>,
    },
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::Read { kind, path, source } => write!(f, "无法读取{kind}“{path}”：{source}"),
            PolicyError::NotText { kind, path, why } => write!(f, "{kind}“{path}”无法使用：{why}"),
            PolicyError::Invalid { kind, file, problems } => {
                write!(f, "{kind}“{file}”有{}处错误：", problems.len())?;
                for p in problems {
                    write!(f, "\n  第{}行", p.line)?;
                    if !p.key.is_empty() {
                        write!(f, "（{}）", p.key)?;
                    }
                    write!(f, "：{}", p.what)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for PolicyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PolicyError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A policy file is a page or two of text; anything far larger is not one.
const MAX_BYTES: u64 = 4 << 20;

/// Reads a policy file as UTF-8 text (a byte-order mark, as Windows editors write, is dropped).
pub fn read(path: &Path) -> Result<&'static str, PolicyError> {
    read_text(path, KIND)
}

/// What the messages call a policy file.
const KIND: &str = "政策文件";

/// Reads a small UTF-8 text file of the policy's (the policy itself, its test cases), its kind
/// named in the messages.
pub fn read_text(path: &Path, kind: &'static str) -> Result<&'static str, PolicyError> {
    let shown = path.display().to_string();
    let fail = |source| PolicyError::Read { kind, path: shown.clone(), source };
    let meta = std::fs::metadata(path).map_err(fail)?;
    if !meta.is_file() {
        return Err(PolicyError::NotText { kind, path: shown, why: "不是普通文件" });
    }
    if meta.len() > MAX_BYTES {
        return Err(PolicyError::NotText { kind, path: shown, why: "文件过大（应为几十KB的文本）" });
    }
    let bytes = std::fs::read(path).map_err(fail)?;
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| PolicyError::NotText {
        kind,
        path: shown,
        why: "不是 UTF-8 编码的文本（请用 UTF-8 保存）",
    })?;
    Ok(leak(text))
}

/// A policy's strings live as long as the process (see the module doc of [`super`]).
pub fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_slice<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

pub fn parse(text: &'static str, path: Option<PathBuf>) -> Result<&'static Policy, PolicyError> {
    let file_name = path.as_ref().map_or_else(|| EMBEDDED_NAME.to_string(), |p| p.display().to_string());
    let raw: File = toml::from_str(text).map_err(|e| PolicyError::Invalid {
        kind: KIND,
        file: file_name.clone(),
        problems: vec![syntax(&e, text)],
    })?;
    let mut r = Resolver { text, problems: Vec::new(), ..Resolver::default() };
    let policy = r.policy(raw, text, path);
    match policy {
        Some(mut p) if r.problems.is_empty() => {
            p.warnings = std::mem::take(&mut r.warnings);
            Ok(Box::leak(Box::new(p)))
        }
        _ => {
            if r.problems.is_empty() {
                r.problems.push(Problem { line: 1, key: String::new(), what: "政策文件不完整".to_string() });
            }
            r.problems.sort_by_key(|p| p.line);
            Err(PolicyError::Invalid { kind: KIND, file: file_name, problems: r.problems })
        }
    }
}

/// The line (1-based) of a byte offset in a file.
pub fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A TOML or shape error, in Chinese where serde's English has a fixed form.
pub fn syntax(e: &toml::de::Error, text: &str) -> Problem {
    let at = e.span().map_or(0, |s| s.start);
    let line = line_of(text, at);
    let key = text.lines().nth(line - 1).map(str::trim).unwrap_or_default();
    let key: String = key.chars().take(40).collect();
    let message = e.message().trim();
    // A missing key has no text of its own: the span is the table it is missing from.
    let key = if key.is_empty() || message.starts_with("missing field") { String::new() } else { format!("`{key}`") };
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    let what = if message.starts_with("missing field") {
        format!("缺少键 `{}`", quoted(message))
    } else if message.starts_with("unknown field") {
        let known = message.split_once("expected").map_or("", |(_, rest)| rest).replace("one of", "");
        format!("未知的键 `{}`（此处可用的键：{}）", quoted(message), known.trim())
    } else if let Some(rest) = message.strip_prefix("invalid type:") {
        let (found, wanted) = rest.split_once(", expected").unwrap_or((rest, ""));
        format!("值的类型不对：应为{}，实为{}", type_name(wanted), type_name(found))
    } else {
        format!("TOML 格式错误：{}", toml_message(message))
    };
    Problem { line, key, what }
}

/// The TOML reader's messages people meet most, in Chinese; the rest as it says them.
fn toml_message(message: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("duplicate key", "重复的键（同一个表中同一个键只能写一次）"),
        ("invalid basic string", "文字缺少结尾的引号 \""),
        ("invalid literal string", "文字缺少结尾的引号 '"),
        ("unclosed array", "列表缺少结尾的 ]"),
        ("unclosed inline table", "表缺少结尾的 }"),
        ("invalid table header", "表头 [ … ] 写法不对"),
        ("invalid key", "键的写法不对"),
        ("string values must be quoted", "文字须加引号"),
        ("invalid string", "文字写法不对"),
        ("expected `=`", "键后面缺少 ="),
    ];
    match KNOWN.iter().find(|(en, _)| message.contains(en)) {
        Some((_, zh)) => zh.to_string(),
        None => format!("（TOML 读取器原文：{}）", message.replace('\n', " ")),
    }
}

fn type_name(serde: &str) -> String {
    let s = serde.trim();
    let word = |w: &str| s.contains(w);
    let name = if word("string") {
        "文字（加引号）"
    } else if word("u32") || word("integer") {
        "整数"
    } else if word("sequence") || word("array") {
        "列表 [ … ]"
    } else if word("map") || word("table") || word("struct") {
        "表 { … }"
    } else if word("boolean") {
        "true/false"
    } else {
        return s.to_string();
    };
    name.to_string()
}

#[derive(Default)]
struct Resolver {
    text: &'static str,
    problems: Vec<Problem>,
    clauses: HashMap<String, Clause>,
    levels: HashMap<String, SkillLevel>,
    /// The names of [`Resolver::levels`] in the ladder's order, for messages.
    level_names: Vec<String>,
    titles: HashMap<String, Title>,
    grades: HashMap<String, u8>,
    series: HashMap<String, u8>,
    /// Every text inside the conditions of `[[rule]]` and `[[exclude]]`: an honour named there is
    /// used though no tier lists it.
    named_by_rules: Vec<String>,
    /// What `policy check` points out without refusing the file (rules that repeat or shadow others).
    warnings: Vec<Problem>,
}

/// A grant's height, to compare two rules of one route: the grade of a title, the rank of a level.
fn grant_rank(g: rules::Grant) -> u8 {
    match g {
        rules::Grant::Title(t) => t.grade(),
        rules::Grant::SeriesGrade(g) => g,
        rules::Grant::Level(l) => l.rank(),
    }
}

/// Every string inside a TOML value.
fn strings(v: &toml::Value) -> Vec<String> {
    match v {
        toml::Value::String(s) => vec![s.trim().to_string()],
        toml::Value::Array(a) => a.iter().flat_map(strings).collect(),
        toml::Value::Table(t) => t.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

impl Resolver {
    fn problem(&mut self, at: &std::ops::Range<usize>, key: impl Into<String>, what: impl Into<String>) {
        let line = line_of(self.text, at.start);
        self.problems.push(Problem { line, key: key.into(), what: what.into() });
    }

    fn clause(&mut self, name: &Name, key: &str) -> Option<Clause> {
        let found = self.clauses.get(name.get_ref().as_str()).copied();
        // With no clauses at all, that one problem was said; every reference would repeat it.
        if found.is_none() && !self.clauses.is_empty() {
            self.problem(&name.span(), key, format!("未知的条款“{}”：[[clause]] 中没有这个 id", name.get_ref()));
        }
        found
    }

    fn level(&mut self, name: &Name, key: &str) -> Option<SkillLevel> {
        let found = self.levels.get(name.get_ref().as_str()).copied();
        if found.is_none() && !self.levels.is_empty() {
            let known = self.level_names.join("、");
            let what = format!("未知的技能等级“{}”：[skill] 中没有这个等级（有：{known}）", name.get_ref());
            self.problem(&name.span(), key, what);
        }
        found
    }

    fn title(&mut self, name: &Name, key: &str) -> Option<Title> {
        let found = self.titles.get(name.get_ref().as_str()).copied();
        if found.is_none() && !self.titles.is_empty() {
            let what = format!("未知的职称“{}”：[[title.series]] 的 titles 中没有这个职称名称", name.get_ref());
            self.problem(&name.span(), key, what);
        }
        found
    }

    fn grade(&mut self, name: &Name, key: &str) -> Option<u8> {
        let found = self.grades.get(name.get_ref().as_str()).copied();
        if found.is_none() && !self.grades.is_empty() {
            self.problem(&name.span(), key, format!("未知的职称级别“{}”：[title] grades 中没有", name.get_ref()));
        }
        found
    }

    /// A word of a list: not empty.
    fn word(&mut self, name: &Name, key: &str) -> Option<&'static str> {
        if name.get_ref().trim().is_empty() {
            self.problem(&name.span(), key, "空的文字：请写出词语，或删去这一项");
            return None;
        }
        Some(leak(name.get_ref().clone()))
    }

    fn words(&mut self, names: &[Name], key: &str) -> Vec<&'static str> {
        names.iter().filter_map(|n| self.word(n, key)).collect()
    }

    fn not_empty<T>(&mut self, list: &Spanned<Vec<T>>, key: &str, what: &str) -> bool {
        if list.get_ref().is_empty() {
            self.problem(&list.span(), key, format!("列表为空：{what}"));
            return false;
        }
        true
    }

    fn date(&mut self, name: &Name, key: &str) -> Option<NaiveDate> {
        let d = NaiveDate::parse_from_str(name.get_ref().trim(), "%Y-%m-%d").ok();
        if d.is_none() {
            self.problem(&name.span(), key, format!("日期“{}”无法识别，应为 YYYY-MM-DD", name.get_ref()));
        }
        d
    }

    fn reach(&mut self, name: &Name, key: &str) -> Option<Reach> {
        let found = Reach::ALL.into_iter().find(|r| r.word() == name.get_ref().trim());
        if found.is_none() {
            let what = format!("未知的级别“{}”：应为 企业、市、省、国家 或 世界", name.get_ref());
            self.problem(&name.span(), key, what);
        }
        found
    }

    fn post(&mut self, name: &Name, key: &str) -> Option<Post> {
        let found = match name.get_ref().trim() {
            "skill" | "技能岗位" | "技能" => Some(Post::Skill),
            "professional" | "专业技术岗位" | "专业技术" => Some(Post::Professional),
            "management" | "管理岗位" | "管理" => Some(Post::Management),
            _ => None,
        };
        if found.is_none() {
            let what = format!(
                "未知的岗位类别“{}”：应为 skill（技能岗位）、professional（专业技术岗位）或 management（管理岗位）",
                name.get_ref()
            );
            self.problem(&name.span(), key, what);
        }
        found
    }

    fn alternatives(&mut self, alts: &Spanned<Alternatives>, key: &str) -> Vec<Vec<&'static str>> {
        let mut out = Vec::new();
        for (i, all) in alts.get_ref().iter().enumerate() {
            if all.is_empty() {
                self.problem(&alts.span(), format!("{key}[{}]", i + 1), "空的词组：每一组至少要有一个词");
                continue;
            }
            out.push(self.words(all, key));
        }
        out
    }

    fn policy(&mut self, raw: File, text: &'static str, path: Option<PathBuf>) -> Option<Policy> {
        let document = self.document(&raw.document);
        let clauses = self.clauses(&raw.clauses);
        let skill = self.skill(&raw.skill);
        let titles = self.titles(&raw.title);
        let scope = self.scope(&raw.scope, titles.as_ref());
        let veto = self.clause(&raw.veto.clause, "veto.clause");
        // Honours that only rules name are used, though no tier lists them.
        let gates = raw.exclusions.iter().chain(&raw.requirements).map(|e| &e.when);
        self.named_by_rules =
            raw.rules.iter().map(|r| &r.when).chain(gates).flat_map(|w| strings(w.get_ref())).collect();
        let (high_skill_floor, appraisal) = self.basic(&raw.basic);
        let tech_school = self.education(&raw.education);
        let regular = self.regular(&raw.regular, scope.as_ref());
        let exceptional = self.exceptional(&raw.exceptional, &raw.awards, scope.as_ref());
        let awards = self.awards(&raw.awards);
        let theory_exempt = self.clause(&raw.theory_exempt.clause, "theory_exempt.clause");
        let reverse = self.reverse(&raw.reverse, scope.as_ref());
        self.repeated_reverse(&raw.reverse, &reverse);
        let promotion = self
            .clause(&raw.promotion.clause, "promotion.clause")
            .map(|clause| PromotionRule { clause, years: raw.promotion.years });
        let continuous = self.clause(&raw.continuous.clause, "continuous.clause");
        let treatment = self.treatment(&raw.treatment);
        let committee_checks = self.committee(&raw.committee);
        let facts = self.facts(&raw.facts);
        let veto_lapse = self.veto_lapse(&raw.veto, &facts);
        let rules = match &scope {
            Some(scope) => self.rules(&raw.rules, &facts, scope, exceptional.as_ref()),
            None => Vec::new(),
        };
        if rules.len() == raw.rules.len() {
            self.repeated_rules(&raw.rules, &rules);
        }
        let (exclusions, requirements) = match exceptional.as_ref() {
            Some(ex) => (
                self.gates(&raw.exclusions, "exclude", &facts, ex),
                self.gates(&raw.requirements, "require", &facts, ex),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let sha256 = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        let (exceptional, awards) = (exceptional?, awards?);
        // The award words must fit the automaton's bit set; asked of the lexicon itself so the
        // limit is checked where it is kept.
        if let Err(n) = Lexicon::fits(&exceptional, &awards) {
            let at = raw.exceptional.clause.span();
            self.problem(&at, "exceptional", format!("荣誉和奖项用词共{n}个，超过上限{}个", Lexicon::MAX_WORDS));
            return None;
        }
        let lexicon = Lexicon::new(&exceptional, &awards);
        let policy = Policy {
            document: document?,
            source: Source { text, path, sha256 },
            clauses: clauses?,
            skill: skill?,
            titles: titles?,
            scope: scope?,
            veto: veto?,
            high_skill_floor: high_skill_floor?,
            appraisal: appraisal?,
            tech_school,
            regular,
            exceptional,
            awards,
            theory_exempt: theory_exempt?,
            reverse,
            promotion: promotion?,
            continuous: continuous?,
            treatment,
            committee_checks,
            facts,
            rules,
            exclusions,
            requirements,
            veto_lapse,
            warnings: Vec::new(),
            lexicon,
        };
        Some(policy)
    }

    fn document(&mut self, d: &file::Document) -> Option<Document> {
        let issued = self.date(&d.issued, "document.issued");
        let applies_from = d.applies_from.as_ref().map(|n| self.date(n, "document.applies_from"));
        let applies_until = d.applies_until.as_ref().map(|n| self.date(n, "document.applies_until"));
        if let (Some(Some(from)), Some(Some(until)), Some(n)) = (applies_from, applies_until, &d.applies_until) {
            if until < from {
                self.problem(&n.span(), "document.applies_until", "失效日期早于施行日期");
            }
        }
        let number = self.word(&d.number, "document.number");
        let name = self.word(&d.name, "document.name");
        let issuer = self.word(&d.issuer, "document.issuer");
        let note = d.note.as_ref().and_then(|n| self.word(n, "document.note"));
        Some(Document {
            number: number?,
            name: name?,
            issuer: issuer?,
            issued: issued?,
            applies_from: applies_from.flatten(),
            applies_until: applies_until.flatten(),
            note,
        })
    }

    fn clauses(&mut self, list: &Spanned<Vec<file::ClauseText>>) -> Option<&'static [ClauseDef]> {
        if !self.not_empty(list, "clause", "至少要有一条 [[clause]]") {
            return None;
        }
        if list.get_ref().len() > ClauseSet::CAPACITY {
            let what = format!("条款共{}条，超过上限{}条", list.get_ref().len(), ClauseSet::CAPACITY);
            self.problem(&list.span(), "clause", what);
            return None;
        }
        let mut defs = Vec::new();
        for (i, c) in list.get_ref().iter().enumerate() {
            let key = format!("clause[{}]", i + 1);
            if defs.iter().any(|d: &ClauseDef| d.id == c.id.get_ref()) {
                self.problem(&c.id.span(), format!("{key}.id"), format!("重复的条款 id“{}”", c.id.get_ref()));
                continue;
            }
            let (Some(id), Some(text)) =
                (self.word(&c.id, &format!("{key}.id")), self.word(&c.text, &format!("{key}.text")))
            else {
                continue;
            };
            defs.push(ClauseDef { index: defs.len() as u8, id, text });
        }
        let table = leak_slice(defs);
        self.clauses = table.iter().map(|c| (c.id.to_string(), Clause(c))).collect();
        Some(table)
    }

    fn skill(&mut self, s: &file::Skill) -> Option<SkillLadder> {
        if !self.not_empty(&s.levels, "skill.levels", "至少要有一个技能等级") {
            return None;
        }
        let rungs: Vec<Rung> = s
            .levels
            .get_ref()
            .iter()
            .enumerate()
            .map(|(i, l)| Rung { rank: i as u8, name: leak(l.name.get_ref().clone()) })
            .collect();
        let rungs = leak_slice(rungs);
        let mut words: Vec<(&'static str, SkillLevel)> = Vec::new();
        let mut add = |r: &mut Resolver, name: &Name, level: SkillLevel, key: &str| {
            let Some(word) = r.word(name, key) else { return };
            if words.iter().any(|(w, _)| *w == word) {
                r.problem(&name.span(), key, format!("重复的等级用词“{word}”"));
                return;
            }
            words.push((word, level));
        };
        for (i, (l, rung)) in s.levels.get_ref().iter().zip(rungs).enumerate() {
            let key = format!("skill.levels[{}]", i + 1);
            add(self, &l.name, SkillLevel(rung), &format!("{key}.name"));
            for a in &l.aliases {
                add(self, a, SkillLevel(rung), &format!("{key}.aliases"));
            }
            self.levels.insert(l.name.get_ref().clone(), SkillLevel(rung));
            self.level_names.push(l.name.get_ref().clone());
        }
        for (i, c) in s.counts_as.iter().enumerate() {
            let key = format!("skill.counts_as[{}]", i + 1);
            let Some(level) = self.level(&c.level, &format!("{key}.level")) else { continue };
            add(self, &c.name, level, &format!("{key}.name"));
            self.levels.insert(c.name.get_ref().clone(), level);
            self.level_names.push(c.name.get_ref().clone());
        }
        // Longest first (a stable sort keeps the file's order among words of one length).
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let not_levels = self.words(&s.not_levels, "skill.not_levels");
        Some(SkillLadder { levels: rungs, words, not_levels })
    }

    fn titles(&mut self, t: &file::Title) -> Option<Titles> {
        if !self.not_empty(&t.grades, "title.grades", "至少要有一个职称级别") {
            return None;
        }
        let mut grades = Vec::new();
        for g in t.grades.get_ref() {
            if self.grades.contains_key(g.get_ref()) {
                self.problem(&g.span(), "title.grades", format!("重复的职称级别“{}”", g.get_ref()));
                continue;
            }
            if let Some(w) = self.word(g, "title.grades") {
                // A grade is its place among the grades kept, so `grades[grade]` names it.
                self.grades.insert(g.get_ref().clone(), grades.len() as u8);
                grades.push(w);
            }
        }
        if !self.not_empty(&t.series, "title.series", "至少要有一个职称系列") {
            return None;
        }
        let mut series_out = Vec::new();
        let mut words: Vec<(&'static str, Title)> = Vec::new();
        for (s, series) in t.series.get_ref().iter().enumerate() {
            let key = format!("title.series[{}]", s + 1);
            self.not_empty(&series.titles, &format!("{key}.titles"), "系列至少要有一个职称");
            self.not_empty(&series.words, &format!("{key}.words"), "要写出职称系列列中如何称呼这个系列");
            if self.series.insert(series.name.get_ref().clone(), s as u8).is_some() {
                self.problem(&series.name.span(), format!("{key}.name"), "重复的职称系列名称");
            }
            let mut titles: Vec<Title> = Vec::new();
            for (i, raw) in series.titles.get_ref().iter().enumerate() {
                let tkey = format!("{key}.titles[{}]", i + 1);
                let Some(grade) = self.grade(&raw.grade, &format!("{tkey}.grade")) else { continue };
                if titles.last().is_some_and(|l| grade <= l.grade()) {
                    let what = "职称顺序不对：同一系列的职称须按级别从低到高排列，每个级别至多一个";
                    self.problem(&raw.grade.span(), format!("{tkey}.grade"), what);
                    continue;
                }
                let def = TitleDef { grade, series: s as u8, name: leak(raw.name.get_ref().clone()) };
                let title = Title(Box::leak(Box::new(def)));
                titles.push(title);
                if self.titles.insert(raw.name.get_ref().clone(), title).is_some() {
                    self.problem(&raw.name.span(), format!("{tkey}.name"), "重复的职称名称");
                }
                for w in std::iter::once(&raw.name).chain(&raw.aliases) {
                    let Some(word) = self.word(w, &tkey) else { continue };
                    if words.iter().any(|(x, _)| *x == word) {
                        self.problem(&w.span(), tkey.clone(), format!("重复的职称用词“{word}”"));
                        continue;
                    }
                    words.push((word, title));
                }
            }
            let name = self.word(&series.name, &format!("{key}.name"))?;
            let series_words = self.words(series.words.get_ref(), &format!("{key}.words"));
            let occupations = self.words(&series.occupations, &format!("{key}.occupations"));
            series_out.push(Series { name, words: series_words, titles, occupations });
        }
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let mut grade_words: Vec<(&'static str, u8)> = (0..).zip(&grades).map(|(i, w)| (*w, i)).collect();
        for (i, a) in t.grade_aliases.iter().enumerate() {
            let key = format!("title.grade_aliases[{}]", i + 1);
            if let (Some(grade), Some(w)) = (self.grade(&a.grade, &format!("{key}.grade")), self.word(&a.word, &key)) {
                grade_words.push((w, grade));
            }
        }
        let mut ambiguous = Vec::new();
        for (i, a) in t.ambiguous.iter().enumerate() {
            let key = format!("title.ambiguous[{}]", i + 1);
            let grades: Vec<u8> = a.grades.iter().filter_map(|g| self.grade(g, &format!("{key}.grades"))).collect();
            if let Some(w) = self.word(&a.word, &format!("{key}.word")) {
                ambiguous.push((w, grades));
            }
        }
        let (other_series_words, other_title_words) = match &t.others {
            Some(o) => {
                (self.words(&o.words, "title.others.words"), self.words(&o.title_words, "title.others.title_words"))
            }
            None => (Vec::new(), Vec::new()),
        };
        Some(Titles {
            grades,
            series: series_out,
            words,
            grade_words,
            ambiguous,
            other_series_words,
            other_title_words,
        })
    }

    fn route(&mut self, r: &file::Route, key: &str, titles: Option<&Titles>) -> Option<Route> {
        self.not_empty(&r.posts, &format!("{key}.posts"), "至少要有一种岗位类别");
        self.not_empty(&r.series, &format!("{key}.series"), "至少要有一个职称系列");
        let posts = r.posts.get_ref().iter().filter_map(|p| self.post(p, &format!("{key}.posts"))).collect();
        let mut series = Vec::new();
        for name in r.series.get_ref() {
            match self.series.get(name.get_ref()) {
                Some(&s) => series.push(s),
                None => {
                    let what = format!("未知的职称系列“{}”：[[title.series]] 中没有这个系列", name.get_ref());
                    self.problem(&name.span(), format!("{key}.series"), what);
                }
            }
        }
        let titles = titles?;
        let series_names =
            leak(series.iter().map(|&s| titles.series[usize::from(s)].name).collect::<Vec<_>>().join("、"));
        Some(Route { posts, series, series_names })
    }

    fn scope(&mut self, s: &file::Scope, titles: Option<&Titles>) -> Option<Scope> {
        let clause = self.clause(&s.clause, "scope.clause");
        let skill_to_title = self.route(&s.skill_to_title, "scope.skill_to_title", titles);
        let title_to_skill = self.route(&s.title_to_skill, "scope.title_to_skill", titles);
        Some(Scope { clause: clause?, skill_to_title: skill_to_title?, title_to_skill: title_to_skill? })
    }

    fn basic(&mut self, b: &file::Basic) -> (Option<LevelFloor>, Option<AppraisalRule>) {
        let clause = self.clause(&b.clause, "basic.clause");
        let level = self.level(&b.lowest_level, "basic.lowest_level");
        let years = *b.appraisal_years.get_ref();
        if !(1..=10).contains(&years) {
            self.problem(&b.appraisal_years.span(), "basic.appraisal_years", "年度考核年数应为 1 到 10");
        }
        self.not_empty(&b.pass, "basic.pass", "要写出合格的考核等次");
        self.not_empty(&b.fail, "basic.fail", "要写出不合格的考核等次");
        let pass = self.words(b.pass.get_ref(), "basic.pass");
        let fail = self.words(b.fail.get_ref(), "basic.fail");
        if let Some(both) = pass.iter().find(|p| fail.contains(p)) {
            self.problem(&b.fail.span(), "basic.fail", format!("“{both}”同时列为合格和不合格"));
        }
        let floor = clause.zip(level).map(|(clause, level)| LevelFloor { clause, level });
        let appraisal = clause.map(|clause| AppraisalRule { clause, years: years as usize, pass, fail });
        (floor, appraisal)
    }

    fn education(&mut self, list: &[file::Education]) -> Vec<SchoolRule> {
        let mut out = Vec::new();
        for (i, e) in list.iter().enumerate() {
            let key = format!("education[{}]", i + 1);
            let clause = self.clause(&e.clause, &format!("{key}.clause"));
            self.not_empty(&e.class, &format!("{key}.class"), "要写出班级类型的用词");
            let class = self.words(e.class.get_ref(), &format!("{key}.class"));
            let counts_as = self.word(&e.counts_as, &format!("{key}.counts_as"));
            if let (Some(clause), Some(counts_as)) = (clause, counts_as) {
                out.push(SchoolRule { clause, class, counts_as: Education(counts_as) });
            }
        }
        out
    }

    /// A title a route gives must be of a series the route covers.
    fn granted(&mut self, name: &Name, key: &str, route: Option<&Route>, route_name: &str) -> Option<Title> {
        let title = self.title(name, key)?;
        if route.is_some_and(|r| !r.covers(title)) {
            let what = format!("“{}”不属于{route_name}所涵盖的职称系列（scope 中的 series）", name.get_ref());
            self.problem(&name.span(), key, what);
        }
        Some(title)
    }

    fn regular(&mut self, list: &Spanned<Vec<file::Regular>>, scope: Option<&Scope>) -> Vec<RegularRule> {
        let mut out: Vec<RegularRule> = Vec::new();
        for (i, r) in list.get_ref().iter().enumerate() {
            let key = format!("regular[{}]", i + 1);
            let clause = self.clause(&r.clause, &format!("{key}.clause"));
            let level = self.level(&r.level, &format!("{key}.level"));
            let route = scope.map(|s| &s.skill_to_title);
            let grants = self.granted(&r.grants, &format!("{key}.grants"), route, "技能→职称路径");
            let (Some(clause), Some(level), Some(grants)) = (clause, level, grants) else { continue };
            if let Some(prev) = out.last() {
                if level <= prev.level || grants < prev.grants {
                    let what = "阶梯顺序不对：[[regular]] 须按技能等级从低到高排列，每级一行，可申报的职称不得降低";
                    self.problem(&r.level.span(), format!("{key}.level"), what);
                }
            }
            out.push(RegularRule { clause, level, years: r.years, grants });
        }
        out
    }

    fn exceptional(
        &mut self,
        e: &file::Exceptional,
        awards: &file::Awards,
        scope: Option<&Scope>,
    ) -> Option<Exceptional> {
        let clause = self.clause(&e.clause, "exceptional.clause");
        let issuers = self.word(&e.issuers, "exceptional.issuers");
        let mut honours = Vec::new();
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, h) in e.honours.iter().enumerate() {
            let key = format!("exceptional.honour[{}]", i + 1);
            if names.insert(h.name.get_ref().clone(), i).is_some() {
                self.problem(&h.name.span(), format!("{key}.name"), format!("重复的荣誉名称“{}”", h.name.get_ref()));
            }
            let label = self.word(&h.name, &format!("{key}.name"));
            let kinds = [h.certain.is_some() || h.unsure.is_some(), h.studio_lead.is_some(), h.podium.is_some()];
            if kinds.iter().filter(|k| **k).count() != 1 {
                let what = "每项荣誉须写且只写一种识别方式：certain/unsure、studio_lead 或 podium";
                self.problem(&h.name.span(), key.clone(), what);
                continue;
            }
            let matcher = if let Some(reach) = &h.studio_lead {
                self.reach(reach, &format!("{key}.studio_lead")).map(Matcher::StudioLead)
            } else if let Some(podium) = &h.podium {
                self.not_empty(podium, &format!("{key}.podium"), "要写出竞赛的级别");
                let reaches = podium.get_ref().iter().filter_map(|r| self.reach(r, &format!("{key}.podium"))).collect();
                Some(Matcher::Podium(reaches))
            } else {
                let empty = Spanned::new(0..0, Vec::new());
                let certain = self.alternatives(h.certain.as_ref().unwrap_or(&empty), &format!("{key}.certain"));
                let unsure = self.alternatives(h.unsure.as_ref().unwrap_or(&empty), &format!("{key}.unsure"));
                if certain.is_empty() && unsure.is_empty() {
                    self.problem(&h.name.span(), key.clone(), "荣誉没有任何识别用词，永远无法识别");
                }
                Some(Matcher::Named { certain, unsure })
            };
            let unsure_note = match &h.unsure_note {
                Some(n) => self.word(n, &format!("{key}.unsure_note")),
                None => None,
            };
            if let (Some(label), Some(matcher)) = (label, matcher) {
                honours.push(HonourRule { label, matcher, tiers: Vec::new(), unsure_note });
            }
        }
        // Tiers refer to honours by name; a failed honour above has no index, so skip tiers then.
        let index_of: HashMap<&str, usize> = honours.iter().enumerate().map(|(i, h)| (h.label, i)).collect();
        let mut tiers: Vec<Tier> = Vec::new();
        for (i, t) in e.tiers.iter().enumerate() {
            let key = format!("exceptional.tier[{}]", i + 1);
            let clause = self.clause(&t.clause, &format!("{key}.clause"));
            let route = scope.map(|s| &s.skill_to_title);
            let grants = self.granted(&t.grants, &format!("{key}.grants"), route, "技能→职称路径");
            if t.any.get_ref().is_empty() {
                self.problem(&t.any.span(), format!("{key}.any"), "没有列出任何荣誉，这一档永远无法达到");
            }
            let mut any = Vec::new();
            for name in t.any.get_ref() {
                match index_of.get(name.get_ref().as_str()) {
                    Some(&h) => any.push(h),
                    None if names.contains_key(name.get_ref()) => {}
                    None => {
                        let what = format!("未知的荣誉“{}”：[[exceptional.honour]] 中没有这个名称", name.get_ref());
                        self.problem(&name.span(), format!("{key}.any"), what);
                    }
                }
            }
            let level = t.level.as_ref().and_then(|l| self.level(l, &format!("{key}.level")));
            if let (Some(years), None) = (&t.years, &t.level) {
                self.problem(
                    &years.span(),
                    format!("{key}.years"),
                    "years 是持有 level 所写等级的年数，须与 level 一起写",
                );
            }
            let (Some(clause), Some(grants)) = (clause, grants) else { continue };
            // `years = 0` is the level alone ("取得高级技师，可破格申报…"), never "已满0年".
            let years = t.years.as_ref().map(|y| *y.get_ref()).filter(|&y| y > 0);
            tiers.push(Tier { clause, grants, any, level, years });
        }
        for (t, tier) in tiers.iter().enumerate() {
            for &h in &tier.any {
                honours[h].tiers.push(t);
            }
        }
        for h in &mut honours {
            h.tiers.sort_by_key(|&t| std::cmp::Reverse(tiers[t].grants));
        }
        self.unreachable(e, &honours, &tiers);
        let near_misses = e
            .near_misses
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let key = format!("exceptional.near_miss[{}]", i + 1);
                if n.words.get_ref().is_empty() {
                    self.problem(&n.words.span(), format!("{key}.words"), "列表为空：要写出识别用词");
                }
                let words = self.alternatives(&n.words, &format!("{key}.words"));
                let why = self.word(&n.why, &format!("{key}.why"))?;
                Some(NearMiss { words, why })
            })
            .collect();
        let (clause, issuers) = (clause?, issuers?);
        let placing =
            (self.word(&awards.placing, "awards.placing"), self.word(&awards.placing_detail, "awards.placing_detail"));
        let wording = wording(clause, issuers, placing.0?, placing.1?, &honours);
        Some(Exceptional { clause, honours, tiers, near_misses, wording })
    }

    /// Honours and tiers that can never decide anything: an honour no tier lists, a studio reach
    /// another honour already takes, a podium every reach of which goes to a higher one, and a
    /// tier that is never the best of its honours.
    fn unreachable(&mut self, e: &file::Exceptional, honours: &[HonourRule], tiers: &[Tier]) {
        let raw_of = |label: &str| e.honours.iter().position(|h| h.name.get_ref() == label);
        let best = |h: &HonourRule| h.tiers.first().map(|&t| tiers[t].grants);
        for (i, h) in honours.iter().enumerate() {
            let Some(r) = raw_of(h.label) else { continue };
            let span = e.honours[r].name.span();
            let key = format!("exceptional.honour[{}]", r + 1);
            if h.tiers.is_empty() && !self.named_by_rules.iter().any(|n| n == h.label) {
                self.problem(
                    &span,
                    key.clone(),
                    format!("荣誉“{}”没有列入任何 [[exceptional.tier]]，永远不会用到", h.label),
                );
            }
            let shadowed = match &h.matcher {
                Matcher::StudioLead(reach) => {
                    honours[..i].iter().any(|o| matches!(o.matcher, Matcher::StudioLead(x) if x == *reach))
                }
                Matcher::Podium(reaches) => reaches.iter().all(|r| {
                    honours.iter().enumerate().any(|(j, o)| {
                        j != i && matches!(&o.matcher, Matcher::Podium(rs) if rs.contains(r)) && best(o) > best(h)
                    })
                }),
                Matcher::Named { .. } => false,
            };
            if shadowed {
                let what = format!("荣誉“{}”的每个级别都已由另一项荣誉识别，这一项永远无法达到", h.label);
                self.problem(&span, key, what);
            }
        }
        for (t, tier) in tiers.iter().enumerate() {
            let plain = tier.level.is_none();
            let beaten = !tier.any.is_empty()
                && plain
                && tier.any.iter().all(|&h| {
                    honours[h]
                        .tiers
                        .iter()
                        .any(|&o| o != t && tiers[o].level.is_none() && tiers[o].grants > tier.grants)
                });
            if beaten {
                let span = e.tiers[t].grants.span();
                let what = "这一档的每项荣誉都已列入可申报更高职称的一档，这一档永远无法达到";
                self.problem(&span, format!("exceptional.tier[{}]", t + 1), what);
            }
        }
    }

    fn awards(&mut self, a: &file::Awards) -> Option<AwardWords> {
        let mut reach = Vec::new();
        for (i, r) in a.reach.iter().enumerate() {
            let key = format!("awards.reach[{}]", i + 1);
            if let (Some(w), Some(level)) = (self.word(&r.word, &key), self.reach(&r.reach, &format!("{key}.reach"))) {
                reach.push((w, level));
            }
        }
        Some(AwardWords {
            placing: self.word(&a.placing, "awards.placing")?,
            placing_detail: self.word(&a.placing_detail, "awards.placing_detail")?,
            reach,
            studio: self.words(&a.studio, "awards.studio"),
            leads: self.words(&a.leads, "awards.leads"),
            contest: self.words(&a.contest, "awards.contest"),
            top: self.words(&a.top, "awards.top"),
            not_top: self.words(&a.not_top, "awards.not_top"),
        })
    }

    fn reverse(&mut self, list: &Spanned<Vec<file::Reverse>>, scope: Option<&Scope>) -> Vec<ReverseRule> {
        let mut out = Vec::new();
        for (i, r) in list.get_ref().iter().enumerate() {
            let key = format!("reverse[{}]", i + 1);
            let clause = self.clause(&r.clause, &format!("{key}.clause"));
            let route = scope.map(|s| &s.title_to_skill);
            let from = self.granted(&r.title, &format!("{key}.title"), route, "职称→技能路径");
            let to = match &r.up_to {
                Some(n) => self.granted(n, &format!("{key}.up_to"), route, "职称→技能路径"),
                None => from,
            };
            let grants = match &r.grants {
                Some(n) => self.level(n, &format!("{key}.grants")).map(Some),
                None => Some(None),
            };
            let (Some(clause), Some(from), Some(to), Some(grants)) = (clause, from, to, grants) else { continue };
            if to.grade() < from.grade() {
                let span = r.up_to.as_ref().map_or(r.title.span(), |n| n.span());
                self.problem(&span, format!("{key}.up_to"), "up_to 的职称低于 title 的职称");
                continue;
            }
            if to.series() != from.series() {
                let span = r.up_to.as_ref().map_or(r.title.span(), |n| n.span());
                self.problem(&span, format!("{key}.up_to"), "up_to 的职称与 title 的职称不属于同一系列");
                continue;
            }
            // `years = 0` is holding the title, never "已满0年".
            let condition = r.years.filter(|&y| y > 0).map_or(ReverseCondition::Holds, ReverseCondition::YearsAfter);
            let (series, grades) = (from.series(), from.grade()..=to.grade());
            out.push(ReverseRule { clause, series, grades, condition, grants });
        }
        out
    }

    fn warn(&mut self, at: &std::ops::Range<usize>, key: impl Into<String>, what: impl Into<String>) {
        let line = line_of(self.text, at.start);
        self.warnings.push(Problem { line, key: key.into(), what: what.into() });
    }

    /// Title → skill rows that say the same as an earlier one (same series, grades, condition and
    /// level): each would be said twice.
    fn repeated_reverse(&mut self, raw: &Spanned<Vec<file::Reverse>>, rows: &[ReverseRule]) {
        if rows.len() != raw.get_ref().len() {
            return;
        }
        for (i, r) in rows.iter().enumerate() {
            let same = rows[..i].iter().position(|o| {
                o.series == r.series && o.grades == r.grades && o.condition == r.condition && o.grants == r.grants
            });
            if let Some(j) = same {
                let what = format!("与 reverse[{}] 相同：同一条件、同一等级，理由会重复", j + 1);
                self.warn(&raw.get_ref()[i].clause.span(), format!("reverse[{}]", i + 1), what);
            }
        }
    }

    /// Rules as conditions that repeat an earlier one, or that another rule with the same condition
    /// always outdoes (a higher grant by as strong an outcome): they can never decide anything.
    fn repeated_rules(&mut self, raw: &[file::Rule], rules: &[rules::Rule]) {
        for (i, r) in rules.iter().enumerate() {
            let when = format!("{:?}", r.when);
            for (j, o) in rules.iter().enumerate().filter(|(j, _)| *j != i) {
                if o.route != r.route || format!("{:?}", o.when) != when {
                    continue;
                }
                let what = if o.grants == r.grants && o.outcome == r.outcome {
                    (j < i).then(|| format!("与 rule[{}] 完全相同，理由会重复", j + 1))
                } else if grant_rank(o.grants) > grant_rank(r.grants) && o.outcome >= r.outcome {
                    Some(format!("条件与 rule[{}] 相同而给予的更低，永远不会决定结果", j + 1))
                } else {
                    None
                };
                if let Some(what) = what {
                    self.warn(&raw[i].clause.span(), format!("rule[{}]", i + 1), what);
                    break;
                }
            }
        }
    }

    fn treatment(&mut self, list: &[file::Treatment]) -> Vec<TreatmentRule> {
        let mut out: Vec<TreatmentRule> = Vec::new();
        for (i, t) in list.iter().enumerate() {
            let key = format!("treatment[{}]", i + 1);
            let clause = self.clause(&t.clause, &format!("{key}.clause"));
            let level = self.level(&t.level, &format!("{key}.level"));
            let treated_as = self.title(&t.treated_as, &format!("{key}.treated_as"));
            let (Some(clause), Some(level), Some(treated_as)) = (clause, level, treated_as) else { continue };
            if let Some(prev) = out.last() {
                if level <= prev.level || treated_as < prev.treated_as {
                    let what = "阶梯顺序不对：[[treatment]] 须按技能等级从低到高排列，比照的职称不得降低";
                    self.problem(&t.level.span(), format!("{key}.level"), what);
                }
            }
            out.push(TreatmentRule { clause, level, treated_as });
        }
        out
    }

    fn committee(&mut self, list: &[file::Committee]) -> Vec<CommitteeCheck> {
        let mut out = Vec::new();
        for (i, c) in list.iter().enumerate() {
            let key = format!("committee[{}]", i + 1);
            self.not_empty(&c.clauses, &format!("{key}.clauses"), "要写出条款 id");
            let ids: Vec<&str> = c
                .clauses
                .get_ref()
                .iter()
                .filter_map(|n| self.clause(n, &format!("{key}.clauses")))
                .map(Clause::name)
                .collect();
            if let Some(text) = self.word(&c.text, &format!("{key}.text")) {
                out.push(CommitteeCheck { clauses: leak(ids.join("、")), text });
            }
        }
        out
    }
}

/// The program's phrases about award texts, with this policy's section id and issuers. The
/// reaches a contest must have are said as the document says them: the lowest reach of each
/// podium honour, `以上` when it takes every higher one too, leaving out one another already covers
/// (33号: `市级/省级以上`).
fn wording(section: Clause, issuers: &str, placing: &str, detail: &str, honours: &[HonourRule]) -> AwardWording {
    let sec = section.name();
    let mut podiums: Vec<Vec<Reach>> = honours
        .iter()
        .filter_map(|h| match &h.matcher {
            Matcher::Podium(r) if !r.is_empty() => {
                let mut r = r.clone();
                r.sort();
                Some(r)
            }
            _ => None,
        })
        .collect();
    podiums.sort();
    let mut covered: Vec<Reach> = Vec::new();
    let mut labels = Vec::new();
    for reaches in podiums {
        if reaches.iter().all(|r| covered.contains(r)) {
            continue;
        }
        let lowest = reaches[0];
        let every_higher = Reach::ALL.iter().filter(|r| **r >= lowest).all(|r| reaches.contains(r));
        labels.push(if every_higher && reaches.len() > 1 {
            format!("{}以上", lowest.level_name())
        } else {
            reaches.iter().map(|r| r.level_name()).collect::<Vec<_>>().join("、")
        });
        covered.extend(reaches);
    }
    let unstated = if labels.is_empty() {
        "未写明竞赛级别".to_string()
    } else {
        format!("未写明竞赛级别（{}）", labels.join("/"))
    };
    AwardWording {
        not_listed: leak(format!("不在{sec}所列荣誉之内")),
        enterprise_studio: leak(format!("企业级技能大师工作室（站）不在{sec}所列之内")),
        studio_reach_not_listed: leak(format!("该级别技能大师工作室（站）不在{sec}所列之内")),
        enterprise_contest: leak(format!("企业（行业）内部竞赛不在{sec}所列之内")),
        contest_reach_not_listed: leak(format!("竞赛级别不在{sec}所列之内")),
        issuer_unstated: leak(format!("未写明授予单位（文件所列为{issuers}授予）")),
        contest_reach_unstated: leak(unstated),
        write_as_named: leak(format!("如属{sec}所列荣誉，请按文件名称填写")),
        not_placed: leak(format!("未获得{placing}（{detail}）")),
        placing_unclear: leak(format!("名次不明确（一等奖、优胜奖等奖项不等于{placing}）")),
    }
}
