//! `guantong compare`: two policies (or two dates) on the same rosters, the changes per route as
//! README's table says, the workbook and the JSONL of those whose outcome differs.

use crate::util::{data, jsonl, sheet, sheet_names, stderr, Dir};
use serde_json::Value;
use std::collections::BTreeMap;

/// `compare INPUT --as-of 2025-12-31 EXTRA… -o c.xlsx --jsonl c.jsonl -q`, expecting success.
fn compare(dir: &Dir, input: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["compare", input, "--as-of", "2025-12-31", "-o", "c.xlsx", "--jsonl", "c.jsonl", "-q"];
    args.extend_from_slice(extra);
    let out = dir.run(&args);
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr(&out));
    jsonl(&dir.path("c.jsonl"))
}

#[test]
fn a_policy_compared_with_itself_differs_for_nobody() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let policy = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/anshan-2020-33.toml");
    let lines = compare(&dir, "core.xlsx", &["--against", policy.to_str().unwrap()]);
    assert!(lines.is_empty(), "{lines:?}");
    assert_eq!(sheet(&dir.path("c.xlsx"), "对比结果").len(), 1, "only the header");
    let summary = sheet(&dir.path("c.xlsx"), "汇总");
    assert!(summary.iter().flatten().any(|c| c.contains("共 59 人，结论不同 0 人")), "{summary:?}");
}

/// The kind of change of one route from two hand-derived outcomes, as README's table has it
/// (the way a title is given is read from regular/exceptional).
fn expected_change(a: &Value, b: &Value, route: &str) -> Option<&'static str> {
    let status = |p: &Value| p[format!("{route}_status")].as_str().unwrap_or_default().to_string();
    let best = |p: &Value| if route == "title" { p["title_best"].clone() } else { p["skill_level"].clone() };
    // 33号's grades: 技术员 0, 助理工程师 1, 工程师 2, 高级工程师 3, 正高级工程师 4.
    let height = |p: &Value| {
        let name = best(p).as_str().unwrap_or_default().to_string();
        let grades = [("正高级", 4), ("高级", 3), ("助理", 1), ("技术员", 0), ("工程师", 2)];
        grades.iter().find(|(w, _)| name.starts_with(w)).map_or(0, |(_, g)| *g)
    };
    let exceptional = |p: &Value| {
        route == "title" && p["title_exceptional"] == p["title_best"] && p["title_regular"] != p["title_best"]
    };
    let (sa, sb) = (status(a), status(b));
    if sa == sb && best(a) == best(b) && exceptional(a) == exceptional(b) {
        return None;
    }
    let (ra, rb) = (sa == "needs_review", sb == "needs_review");
    let (ea, eb) = (sa == "eligible", sb == "eligible");
    Some(if ra && !rb {
        "from_review"
    } else if !ra && rb {
        "to_review"
    } else if !ea && eb {
        "gained"
    } else if ea && !eb {
        "lost"
    } else if ea && eb && route == "title" && height(b) != height(a) {
        if height(b) > height(a) {
            "higher"
        } else {
            "lower"
        }
    } else {
        "other"
    })
}

/// tests/data/policies/expected.json gives, by hand, each person's outcome under 33号 and under
/// test-2099-1.toml; compare must find exactly the changes those two imply.
#[test]
fn changes_are_those_of_the_hand_derived_outcomes_under_both_policies() {
    let dir = Dir::new();
    dir.write("roster.csv", std::fs::read(data("policies/roster.csv")).unwrap());
    let against = data("policies/test-2099-1.toml");
    let lines = compare(&dir, "roster.csv", &["--against", against.to_str().unwrap()]);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(data("policies/expected.json")).unwrap()).unwrap();
    let people = |i: usize| -> BTreeMap<String, Value> {
        expected["policies"][i]["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["name"].as_str().unwrap().to_string(), p.clone()))
            .collect()
    };
    let (a, b) = (people(0), people(1));
    let got: BTreeMap<String, (Option<String>, Option<String>)> = lines
        .iter()
        .map(|l| {
            let c = |r: &str| l["changes"][r].as_str().map(str::to_string);
            (l["name"].as_str().unwrap().to_string(), (c("title"), c("skill")))
        })
        .collect();
    let mut want = BTreeMap::new();
    for (name, pa) in &a {
        let pb = &b[name];
        let c = (
            expected_change(pa, pb, "title").map(str::to_string),
            expected_change(pa, pb, "skill").map(str::to_string),
        );
        if c != (None, None) {
            want.insert(name.clone(), c);
        }
    }
    assert_eq!(got, want);
    assert!(!want.is_empty(), "the two policies differ for someone");
    for l in &lines {
        assert_eq!(l["a"]["policy"], "鞍人社〔2020〕33号");
        assert_eq!(l["b"]["policy"], "测试人社〔2099〕1号");
        assert_eq!((l["a"]["as_of"].as_str(), l["b"]["as_of"].as_str()), (Some("2025-12-31"), Some("2025-12-31")));
    }
}

/// One policy on two dates: whoever's next title or level falls between them is listed, and
/// nobody else.
#[test]
fn two_dates_list_exactly_those_whose_next_step_falls_between() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let screened = dir.screen("core.xlsx", "2025-12-31", &[]);
    let out = dir.run(&["screen", "core.xlsx", "--as-of", "2026-12-31", "--jsonl", "later.jsonl", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let later = jsonl(&dir.path("later.jsonl"));
    let lines = compare(&dir, "core.xlsx", &["--against-as-of", "2026-12-31"]);
    let moved: Vec<u64> = screened
        .iter()
        .zip(&later)
        .filter(|(a, b)| {
            ["title", "skill"].iter().any(|r| {
                a[r]["status"] != b[r]["status"]
                    || a[r]["best"] != b[r]["best"]
                    || a[r]["level"] != b[r]["level"]
                    || a[r]["outcome"] != b[r]["outcome"]
            })
        })
        .map(|(a, _)| a["row"].as_u64().unwrap())
        .collect();
    let listed: Vec<u64> = lines.iter().map(|l| l["row"].as_u64().unwrap()).collect();
    assert_eq!(listed, moved);
    assert!(!listed.is_empty(), "a year later someone has another outcome");
    for l in &lines {
        assert_eq!(l["b"]["as_of"], "2026-12-31");
        // The same screening as screen's on each side.
        let row = l["row"].as_u64().unwrap();
        let a = screened.iter().find(|s| s["row"].as_u64() == Some(row)).unwrap();
        assert_eq!(l["a"]["title"], a["title"]);
    }
}

#[test]
fn the_workbook_lists_the_differing_rows_and_both_documents() {
    let dir = Dir::new();
    dir.write("roster.csv", std::fs::read(data("policies/roster.csv")).unwrap());
    let against = data("policies/test-2099-1.toml");
    let lines = compare(&dir, "roster.csv", &["--against", against.to_str().unwrap()]);
    let book = dir.path("c.xlsx");
    assert_eq!(sheet_names(&book), ["对比结果", "汇总", "数据问题", "政策依据"]);
    let rows = sheet(&book, "对比结果");
    assert_eq!(rows.len(), lines.len() + 1);
    for (row, line) in rows[1..].iter().zip(&lines) {
        assert_eq!(row[1], line["name"].as_str().unwrap());
    }
    let basis: Vec<String> = sheet(&book, "政策依据").into_iter().flatten().collect();
    assert!(basis.iter().any(|c| c == "测试人社〔2099〕1号"), "B's number");
    assert!(basis.iter().any(|c| c.contains("SHA-256")), "B's source with its hash");
    // What only B's words find is a data issue too, said as B's: test-2099-1 counts gold medals only.
    let issues = sheet(&book, "数据问题");
    let silver = issues.iter().find(|r| r.iter().any(|c| c.contains("银牌"))).expect("甲四's silver medal");
    assert!(silver.iter().any(|c| c.starts_with("按 B（测试人社〔2099〕1号）读：")), "{silver:?}");
    // --all lists everyone.
    compare(&dir, "roster.csv", &["--against", against.to_str().unwrap(), "--all"]);
    assert_eq!(sheet(&dir.path("c.xlsx"), "对比结果").len(), 9);
    assert_eq!(jsonl(&dir.path("c.jsonl")).len(), 8);
}

#[test]
fn a_comparison_run_twice_is_byte_identical() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    compare(&dir, "core.xlsx", &["--against-as-of", "2027-06-30"]);
    let first = (std::fs::read(dir.path("c.xlsx")).unwrap(), std::fs::read(dir.path("c.jsonl")).unwrap());
    compare(&dir, "core.xlsx", &["--against-as-of", "2027-06-30"]);
    assert!(first.0 == std::fs::read(dir.path("c.xlsx")).unwrap(), "workbook");
    assert!(first.1 == std::fs::read(dir.path("c.jsonl")).unwrap(), "JSONL");
}

#[test]
fn nothing_to_compare_against_is_said() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let out = dir.run(&["compare", "core.xlsx", "-o", "c.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--against"), "{}", stderr(&out));
}

/// tests/data/compare/: a copy of 33号 changed in one parameter of each kind (a rung's years, a
/// new 特级技师 rung, honour tiers, route 四's years, the document), 24 made-up people, and each
/// one's change worked out by hand from the two files (by a helper who did not read the evaluator).
#[test]
fn each_kind_of_parameter_changes_whom_the_hand_derivation_says() {
    let dir = Dir::new();
    dir.write("roster.csv", std::fs::read(data("compare/roster.csv")).unwrap());
    let against = data("compare/b.toml");
    let lines = compare(&dir, "roster.csv", &["--against", against.to_str().unwrap(), "--all"]);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(data("compare/expected.json")).unwrap()).unwrap();
    let got: BTreeMap<&str, (&Value, &Value)> =
        lines.iter().map(|l| (l["name"].as_str().unwrap(), (&l["changes"]["title"], &l["changes"]["skill"]))).collect();
    let people = expected["people"].as_array().unwrap();
    assert_eq!(got.len(), people.len());
    for p in people {
        let name = p["name"].as_str().unwrap();
        assert_eq!(got[name], (&p["title"]["change"], &p["skill"]["change"]), "{name}: {}", p);
    }
    // 汇总's employers: people and people with a change, as counted by hand.
    let summary = sheet(&dir.path("c.xlsx"), "汇总");
    for (unit, counts) in expected["units"].as_object().unwrap() {
        let row = summary.iter().find(|r| r[0] == *unit).unwrap_or_else(|| panic!("{unit} in 汇总"));
        assert_eq!(row[1], counts["people"].to_string(), "{unit}");
        assert_eq!(row[2], counts["changed"].to_string(), "{unit}");
    }
}
