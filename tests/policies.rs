//! The policy as a file: the embedded 33号 and a test policy screen one roster to their
//! hand-derived answers, `policy show` round-trips, and every broken policy file is refused with
//! its line and key (tests/data/policies, scripts/make_bad_policies.py).

use crate::util::{data, jsonl, stderr, Dir};
use serde_json::Value;

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(data("policies/expected.json")).unwrap()).unwrap()
}

/// Each policy's own answers for roster.csv, citing each policy's own clause ids.
#[test]
fn one_roster_gets_each_policys_hand_derived_answers() {
    let dir = Dir::new();
    dir.write("roster.csv", std::fs::read(data("policies/roster.csv")).unwrap());
    for policy in expected()["policies"].as_array().unwrap() {
        let mut extra = Vec::new();
        let file;
        if let Some(name) = policy["file"].as_str() {
            file = data(&format!("policies/{name}")).display().to_string();
            extra.extend(["--policy", file.as_str()]);
        }
        let lines = dir.screen("roster.csv", "2025-12-31", &extra);
        let people = policy["people"].as_array().unwrap();
        assert_eq!(lines.len(), people.len());
        for (line, want) in lines.iter().zip(people) {
            let who = format!("{} under {}: {}", want["name"], policy["number"], want["why"]);
            assert_eq!(line["name"], want["name"], "{who}");
            assert_eq!(line["policy"], policy["number"], "{who}");
            let got = [
                ("title_status", &line["title"]["status"]),
                ("title_best", &line["title"]["best"]),
                ("title_regular", &line["title"]["regular"]),
                ("title_exceptional", &line["title"]["exceptional"]),
                ("skill_status", &line["skill"]["status"]),
                ("skill_level", &line["skill"]["level"]),
                ("treatment", &line["treatment"]),
            ];
            for (key, value) in got {
                assert_eq!(value, &want[key], "{who}: {key}; reasons {}", line["reasons"]);
            }
            let cited: Vec<&str> = line["clauses"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            for clause in want["cites"].as_array().unwrap() {
                assert!(cited.contains(&clause.as_str().unwrap()), "{who}: cites {clause}, has {cited:?}");
            }
        }
    }
}

/// The test policy's numbering is its own: no clause id of 33号 appears in its results.
#[test]
fn a_policy_cites_only_its_own_clause_ids() {
    let dir = Dir::new();
    dir.write("roster.csv", std::fs::read(data("policies/roster.csv")).unwrap());
    let policy = data("policies/test-2099-1.toml").display().to_string();
    let lines = dir.screen("roster.csv", "2025-12-31", &["--policy", &policy]);
    for line in &lines {
        for clause in line["clauses"].as_array().unwrap() {
            assert!(clause.as_str().unwrap().starts_with('第'), "{clause}");
        }
        for reason in line["reasons"].as_array().unwrap() {
            let reason = reason.as_str().unwrap();
            assert!(!reason.contains("三（") && !reason.contains("四（"), "33号's numbering in {reason}");
        }
    }
}

/// `policy show` prints the embedded file byte for byte, and screening with it gives the same
/// JSONL as the embedded policy.
#[test]
fn policy_show_prints_a_file_that_screens_the_same() {
    let dir = Dir::new();
    let shown = dir.run(&["policy", "show"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let embedded = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/anshan-2020-33.toml"));
    assert_eq!(shown.stdout, embedded.unwrap());
    dir.write("shown.toml", &shown.stdout);
    dir.copy("core.xlsx");
    let plain = dir.screen("core.xlsx", "2025-12-31", &[]);
    let again = dir.screen("core.xlsx", "2025-12-31", &["--policy", "shown.toml"]);
    assert_eq!(plain, again);
    let shown_again = dir.run(&["policy", "show", "--policy", "shown.toml"]);
    assert_eq!(shown_again.stdout, shown.stdout);
}

#[test]
fn policy_check_accepts_the_shipped_and_the_test_policy() {
    let dir = Dir::new();
    let test = data("policies/test-2099-1.toml");
    let out = dir.run(&["policy", "check", test.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("可以使用") && said.contains("【测试政策，非真实文件】"), "{said}");
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/anshan-2020-33.toml");
    let out = dir.run(&["policy", "check", shipped.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Every file of the corpus: exit 2, a Chinese message naming the file, the line and the key,
/// never a panic — from `policy check` and from `screen --policy`, which then writes nothing.
#[test]
fn every_broken_policy_is_refused_with_its_line_and_key() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(data("policies/bad/cases.json")).unwrap()).unwrap();
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let file = data(&format!("policies/bad/{}", case["file"].as_str().unwrap()));
        let file = file.to_str().unwrap();
        let out = dir.run(&["policy", "check", file]);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{file}: {message}");
        assert!(!message.contains("panicked"), "{file}: {message}");
        assert!(message.contains(file), "{file}: names the file: {message}");
        if let Some(line) = case["line"].as_u64() {
            assert!(message.contains(&format!("第{line}行")), "{file}: line {line}: {message}");
        }
        for part in [&case["key"], &case["message"]] {
            assert!(message.contains(part.as_str().unwrap()), "{file}: {part}: {message}");
        }
        let screened = dir.run(&["screen", "core.xlsx", "--policy", file, "-o", "out.xlsx", "-q"]);
        assert_eq!(screened.status.code(), Some(2), "{file}: {}", stderr(&screened));
        assert!(!dir.path("out.xlsx").exists(), "{file}: nothing is written with a broken policy");
    }
}

#[test]
fn a_policy_file_that_is_not_there_is_a_usage_error() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let out = dir.run(&["screen", "core.xlsx", "--policy", "没有这个文件.toml", "--jsonl", "out.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("无法读取政策文件“没有这个文件.toml”"), "{}", stderr(&out));
}

/// An evaluation date after the test policy's end date warns on the terminal and in 政策依据, and
/// the screening still runs.
#[test]
fn an_evaluation_date_outside_the_policys_dates_warns() {
    let dir = Dir::new();
    dir.write("roster.csv", std::fs::read(data("policies/roster.csv")).unwrap());
    let policy = data("policies/test-2099-1.toml").display().to_string();
    let args =
        ["screen", "roster.csv", "--as-of", "2031-01-01", "--policy", &policy, "-o", "out.xlsx", "--jsonl", "o.jsonl"];
    let out = dir.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("不在测试人社〔2099〕1号的施行期间（2021-03-01至2030-12-31）内"), "{}", stderr(&out));
    let rows = crate::util::sheet(&dir.path("out.xlsx"), "政策依据");
    assert!(rows.iter().any(|r| r[0] == "评价日期提示" && r[1].contains("施行期间")), "{rows:?}");
    assert!(rows.iter().any(|r| r[0] == "政策来源" && r[1].contains("SHA-256")), "{rows:?}");
    assert!(rows.iter().any(|r| r[0] == "说明" && r[1].contains("测试政策")), "{rows:?}");
    assert_eq!(jsonl(&dir.path("o.jsonl")).len(), 8);
    let inside = dir.run(&["screen", "roster.csv", "--as-of", "2025-12-31", "--policy", &policy, "--jsonl", "p.jsonl"]);
    assert!(!stderr(&inside).contains("施行期间"), "{}", stderr(&inside));
}

#[test]
fn policy_test_passes_the_shipped_cases_and_names_a_wrong_case() {
    let dir = Dir::new();
    let out = dir.run(&["policy", "test"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}{}", stderr(&out));
    assert!(said.contains("未通过 0 例"), "{said}");

    // The test policy with a case of its own that is right and one that is wrong.
    let policy = dir.path("我市政策.toml");
    std::fs::copy(data("policies/test-2099-1.toml"), &policy).unwrap();
    let case = |name: &str, best: &str| {
        format!(
            "[[case]]\nname = \"{name}\"\nas_of = 2025-12-31\n[case.person]\n\"姓名\" = \"甲\"\n\"技能等级\" = \"技师\"\n\
             \"技能等级取得时间\" = \"2010-05-01\"\n\"近三年年度考核\" = \"2023合格、2024合格、2025合格\"\n\
             [case.expect]\n\"title.best\" = \"{best}\"\n\n"
        )
    };
    let right = screen_best(&dir, &policy);
    dir.write("我市政策.cases.toml", case("对的", &right) + &case("错的", "正高级工程师"));
    let out = dir.run(&["policy", "test", "--policy", policy.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(6), "{said}{}", stderr(&out));
    assert!(said.contains("未通过 第12行「错的」："), "{said}");
    assert!(said.contains(&format!("title.best 应为 正高级工程师，实为 {right}")), "{said}");
    assert!(!said.contains("「对的」"), "{said}");
    assert!(said.contains("共 2 例，通过 1 例，未通过 1 例"), "{said}");

    // No cases beside the policy: said, with where they are looked for.
    std::fs::remove_file(dir.path("我市政策.cases.toml")).unwrap();
    let out = dir.run(&["policy", "test", "--policy", policy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("我市政策.cases.toml"), "{}", stderr(&out));
}

/// What the policy file screens the case's person as (the right answer is the program's own for
/// the test policy, whose hand-derived answers `one_roster_gets_each_policys_hand_derived_answers`
/// checks; here only the runner is under test).
fn screen_best(dir: &Dir, policy: &std::path::Path) -> String {
    dir.write(
        "one.csv",
        "姓名,技能等级,技能等级取得时间,近三年年度考核\n甲,技师,2010-05-01,2023合格、2024合格、2025合格\n",
    );
    let lines = dir.screen("one.csv", "2025-12-31", &["--policy", policy.to_str().unwrap()]);
    lines[0]["title"]["best"].as_str().unwrap().to_string()
}

/// Rules as conditions: the test policy's hand-derived cases pass, and a roster screened under it
/// reads the declared facts' columns and says the outcome kind in the JSONL.
#[test]
fn a_policy_of_conditions_screens_its_cases_and_a_roster() {
    let dir = Dir::new();
    let policy = data("policies/test-conditions.toml");
    let out = dir.run(&["policy", "test", "--policy", policy.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}{}", stderr(&out));
    assert!(said.contains("共 25 例，通过 25 例"), "{said}");

    dir.write(
        "roster.csv",
        "姓名,岗位类别,人员类别,职业（工种）,技能等级,技能等级取得时间,近三年年度考核,年度继续教育学时,是否聘任到特级技师岗位\n\
         甲,技能岗位,,玉石雕刻,特级技师,2025-06-01,2024合格、2025合格,96学时,是\n\
         乙,技能岗位,退休,电工,技师,2015-01-01,2024合格、2025合格,96,\n",
    );
    let lines = dir.screen("roster.csv", "2025-12-31", &["--policy", policy.to_str().unwrap()]);
    assert_eq!(lines[0]["title"]["best"], "正高级工艺美术师", "{}", lines[0]);
    assert_eq!(lines[0]["title"]["outcome"], "direct");
    assert_eq!(lines[1]["title"]["status"], "not_applicable", "{}", lines[1]);
    assert!(lines[1]["title"].get("outcome").is_none(), "only a rule's kind beyond applying is said");
    // The list is named by the outcome's kind: 直接申报 is not 破格申报.
    let sheets = crate::util::sheet_names(&dir.path("out.xlsx"));
    assert!(sheets.iter().any(|s| s == "直接申报正高级工艺美术师"), "{sheets:?}");
    assert!(!sheets.iter().any(|s| s.starts_with("破格申报")), "{sheets:?}");
}

/// A policy's declared facts are columns of its template, under their first header.
#[test]
fn the_template_offers_the_declared_facts() {
    let dir = Dir::new();
    let policy = data("policies/test-conditions.toml");
    let out = dir.run(&["template", "-o", "模板.xlsx", "--policy", policy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = crate::util::sheet(&dir.path("模板.xlsx"), "花名册");
    for header in ["人员身份", "继续教育学时", "是否聘任到特级技师岗位", "处理日期"] {
        assert!(rows[0].iter().any(|h| h == header), "{header}: {:?}", rows[0]);
    }
}
