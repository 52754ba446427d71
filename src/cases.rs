//! `guantong policy test`: the test cases beside a policy file, run as OpenFisca runs its YAML
//! tests. A case is one person as a roster gives them (header → cell text), an evaluation date,
//! and what the screening must say of them, written as the JSONL's keys (`title.status`,
//! `skill.level`, `clauses` …). Each case is read, normalized and evaluated exactly as a roster row
//! is, so a case that passes here is a row that screens so.
//!
//! The cases of a policy `X.toml` are `X.cases.toml` beside it; the built-in 33号 ships its own
//! (`policies/anshan-2020-33.cases.toml`, embedded).

use crate::evaluate::evaluate;
use crate::normalize::{person, Context};
use crate::policy::{Policy, PolicyError, Problem};
use crate::read::header::locate;
use crate::read::{Cell, RawRow, RawSheet};
use crate::write::jsonl::Outcome;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The cases of the built-in policy.
const EMBEDDED: &str = include_str!("../policies/anshan-2020-33.cases.toml");
const EMBEDDED_NAME: &str = "policies/anshan-2020-33.cases.toml";
/// What the messages call a file of cases.
const KIND: &str = "政策测试案例文件";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "case", default)]
    cases: Vec<toml::Spanned<RawCase>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: String,
    as_of: toml::value::Datetime,
    /// Header → cell text, in the file's order (a roster's columns keep theirs).
    person: toml::Table,
    expect: toml::Table,
}

/// One case, read.
#[derive(Debug)]
pub struct Case {
    pub name: String,
    /// The case's line in its file.
    pub line: usize,
    as_of: NaiveDate,
    person: Vec<(String, String)>,
    /// JSONL key (dotted) → the value it must have.
    expect: BTreeMap<String, Value>,
    /// Texts each of which must appear in some reason.
    reasons: Vec<String>,
}

/// The cases of one policy, from where they were read.
#[derive(Debug)]
pub struct Cases {
    pub file: String,
    pub cases: Vec<Case>,
}

impl Cases {
    /// The built-in policy's cases.
    pub fn embedded() -> Result<Cases, PolicyError> {
        Cases::parse(EMBEDDED, EMBEDDED_NAME)
    }

    /// The file of cases beside a policy file: `X.cases.toml` for `X.toml`.
    pub fn beside(policy: &Path) -> PathBuf {
        let stem = policy.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        policy.with_file_name(format!("{stem}.cases.toml"))
    }

    pub fn from_file(path: &Path) -> Result<Cases, PolicyError> {
        let text = crate::policy::read_text(path, KIND)?;
        Cases::parse(text, &path.display().to_string())
    }

    fn parse(text: &str, file: &str) -> Result<Cases, PolicyError> {
        let invalid = |problems| PolicyError::Invalid { kind: KIND, file: file.to_string(), problems };
        let raw: File = toml::from_str(text).map_err(|e| invalid(vec![crate::policy::syntax(&e, text)]))?;
        let mut problems = Vec::new();
        let mut cases = Vec::new();
        for spanned in raw.cases {
            let line = crate::policy::line_of(text, spanned.span().start);
            match Case::of(spanned.into_inner(), line) {
                Ok(case) => cases.push(case),
                Err((key, what)) => problems.push(Problem { line, key, what }),
            }
        }
        if cases.is_empty() && problems.is_empty() {
            problems.push(Problem { line: 1, key: String::new(), what: "文件中没有案例（[[case]]）".into() });
        }
        if problems.is_empty() {
            Ok(Cases { file: file.to_string(), cases })
        } else {
            Err(invalid(problems))
        }
    }
}

impl Case {
    fn of(raw: RawCase, line: usize) -> Result<Case, (String, String)> {
        let at = |key: &str| format!("case「{}」.{key}", raw.name);
        let as_of = raw
            .as_of
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)))
            .ok_or_else(|| (at("as_of"), "评价日期应写成 2025-12-31 这样的日期".to_string()))?;
        let mut person = Vec::new();
        for (header, value) in raw.person {
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(n) => n.to_string(),
                other => {
                    return Err((
                        at(&format!("person.{header}")),
                        format!("单元格应写成带引号的文字，而不是{}", other.type_str()),
                    ))
                }
            };
            person.push((header, text));
        }
        let mut expect = BTreeMap::new();
        let mut reasons = Vec::new();
        for (key, value) in raw.expect {
            match (key.as_str(), value) {
                ("reasons", toml::Value::Array(texts)) => {
                    reasons = texts.into_iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
                }
                ("nulls", toml::Value::Array(keys)) => {
                    for k in keys.iter().filter_map(toml::Value::as_str) {
                        expect.insert(k.to_string(), Value::Null);
                    }
                }
                (_, value) => {
                    let json =
                        serde_json::to_value(&value).map_err(|e| (at(&format!("expect.{key}")), e.to_string()))?;
                    expect.insert(key, json);
                }
            }
        }
        if expect.is_empty() && reasons.is_empty() {
            return Err((at("expect"), "案例没有写出应得的结果".into()));
        }
        Ok(Case { name: raw.name, line, as_of, person, expect, reasons })
    }

    /// Screens the case's person under `policy`; the differences from what it expects, each said
    /// as a person reads it (empty when the case passes).
    pub fn run(&self, policy: &'static Policy) -> Vec<String> {
        let header = RawRow { number: 1, cells: self.person.iter().map(|(h, _)| Cell::Text(h.into())).collect() };
        let row = RawRow {
            number: 2,
            cells: self
                .person
                .iter()
                .map(|(_, v)| if v.is_empty() { Cell::Empty } else { Cell::Text(v.into()) })
                .collect(),
        };
        let sheet = RawSheet { sheet: "案例".into(), rows: vec![header, row], merged: Vec::new() };
        let maps: Vec<(String, crate::read::header::Key)> = policy.fact_maps().collect();
        let layout = match locate(&sheet, &maps) {
            Ok(layout) => layout,
            Err(problem) => return vec![format!("案例的表头不是名册表头：{}", problem.message())],
        };
        let ctx = Context::new(policy, self.as_of);
        let person = person(&sheet.rows[1], &layout, &ctx);
        let decision = evaluate(&person, policy, self.as_of);
        let got = serde_json::to_value(Outcome::of(&decision, policy)).unwrap_or(Value::Null);
        let mut wrong = Vec::new();
        for (key, want) in &self.expect {
            let have = key.split('.').try_fold(&got, |v, k| v.get(k)).unwrap_or(&Value::Null);
            if have != want {
                wrong.push(format!("{key} 应为 {}，实为 {}", shown(want), shown(have)));
            }
        }
        let reasons: Vec<&str> = got["reasons"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        for text in &self.reasons {
            if !reasons.iter().any(|r| r.contains(text.as_str())) {
                wrong.push(format!("理由中应有“{text}”"));
            }
        }
        if !wrong.is_empty() {
            wrong.push(format!("实际理由：{}", if reasons.is_empty() { "无".to_string() } else { reasons.join("；") }));
        }
        wrong
    }
}

/// A JSON value as the case file writes it: `eligible`, `["三（一）", "五（二）"]`, `null`.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null（空）".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &str = r#"
[[case]]
name = "技师满3年"
as_of = 2025-12-31
[case.person]
"姓名" = "甲"
"技能等级" = "技师"
"技能等级取得时间" = "2019-05-01"
"近三年年度考核" = "2023合格、2024合格、2025合格"
[case.expect]
"title.status" = "eligible"
"title.best" = "工程师"
nulls = ["skill.level"]
reasons = ["已满3年"]

[[case]]
name = "说错了的案例"
as_of = 2025-12-31
[case.person]
"姓名" = "乙"
"技能等级" = "技师"
"技能等级取得时间" = "2024-05-01"
[case.expect]
"title.best" = "工程师"
"#;

    #[test]
    fn a_case_passes_when_the_screening_says_what_it_expects_and_fails_naming_the_key() {
        let cases = Cases::parse(CASES, "t.cases.toml").unwrap();
        assert_eq!(cases.cases.len(), 2);
        assert_eq!(cases.cases[0].line, 2);
        let policy = Policy::embedded();
        assert_eq!(cases.cases[0].run(policy), Vec::<String>::new());
        let wrong = cases.cases[1].run(policy);
        assert_eq!(wrong[0], "title.best 应为 工程师，实为 助理工程师");
        assert!(wrong[1].starts_with("实际理由："), "{wrong:?}");
    }

    #[test]
    fn a_bad_case_file_names_the_line_and_the_key() {
        let bad = "[[case]]\nname = \"x\"\nas_of = 2025-12-31\n[case.person]\n\"姓名\" = true\n[case.expect]\nvetoed = false\n";
        let e = Cases::parse(bad, "t.cases.toml").unwrap_err().to_string();
        assert!(e.starts_with("政策测试案例文件“t.cases.toml”有1处错误"), "{e}");
        assert!(e.contains("第1行") && e.contains("case「x」.person.姓名"), "{e}");
        let e = Cases::parse("[[case]]\nname = 1\n", "t.cases.toml").unwrap_err().to_string();
        assert!(e.contains("第2行"), "{e}");
        assert!(Cases::parse("", "t.cases.toml").unwrap_err().to_string().contains("没有案例"));
    }
}
