//! Rosters laid out as the world writes them (`tests/data/world/`, `scripts/make_world_fixtures.py`):
//! headers read by their parts, note blocks set aside, kept credential columns and missing route
//! columns said — never a column dropped in silence.

use crate::util::{data, sheet, stderr, Dir};
use serde_json::Value;
use std::path::PathBuf;

/// A copy of a `tests/data/world` fixture in the test's folder.
fn world(dir: &Dir, name: &str) -> PathBuf {
    let to = dir.path(name);
    std::fs::copy(data(&format!("world/{name}")), &to).expect("copy fixture");
    to
}

fn names(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["name"].as_str().unwrap_or_default()).collect()
}

fn outcome(l: &Value) -> (String, Value, String, Value) {
    (
        l["title"]["status"].as_str().unwrap_or_default().to_string(),
        l["title"]["best"].clone(),
        l["skill"]["status"].as_str().unwrap_or_default().to_string(),
        l["skill"]["level"].clone(),
    )
}

#[test]
fn an_import_templates_own_header_words_are_read_and_its_note_block_is_not_a_person() {
    let dir = Dir::new();
    let input = world(&dir, "import_template.xlsx");
    let lines = dir.screen(input.to_str().unwrap(), "2025-12-31", &[]);
    // Rows 2–3 are the merged 注意 block: not people.
    assert_eq!(names(&lines), ["甲技能", "乙职称", "丙新手"]);
    // 职业等级 + 获取时间 (the level's date): 技师 of 2019-05-01 has its 3 years → 工程师.
    assert_eq!(outcome(&lines[0]), ("eligible".into(), "工程师".into(), "not_applicable".into(), Value::Null));
    // 技术职称 + 专业技术职务评定时间: 工程师 of 2020-06-01, 3 years on → 高级技师 (四（四）1).
    assert_eq!(outcome(&lines[1]), ("not_applicable".into(), Value::Null, "eligible".into(), "高级技师".into()));
    // 高级工 of 2024-03-01: 助理工程师 on 2026-03-01, not yet.
    assert_eq!(lines[2]["title"]["status"], "not_eligible");
    assert_eq!(lines[2]["title"]["next"]["date"], "2026-03-01");
}

#[test]
fn a_kept_column_that_names_a_credential_is_said_on_the_terminal_and_in_data_issues() {
    let dir = Dir::new();
    let input = world(&dir, "import_template.xlsx");
    let out = dir.run(&["screen", input.to_str().unwrap(), "--as-of", "2025-12-31", "-o", "out.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("“职称等级”（与前面的“技术职称”列同为职称，只读取了前一列）"), "{said}");
    assert!(
        said.contains("“卫计类专业技术职称”（未能识别；如为职称，可加 --map \"卫计类专业技术职称=职称\"）"),
        "{said}"
    );
    // An attribute of a credential (职称证书编号) is understood, kept, and not reported.
    assert!(!said.contains("“职称证书编号”"), "{said}");
    assert!(said.contains("说明行1"), "{said}");

    let issues = sheet(&dir.path("out.xlsx"), "数据问题");
    let notes: Vec<&Vec<String>> =
        issues.iter().filter(|r| r.iter().any(|c| c.contains("卫计类专业技术职称"))).collect();
    assert_eq!(notes.len(), 1, "one line for the sheet: {issues:?}");
    assert_eq!(notes[0][1], "导入模板");
    assert_eq!(notes[0][6], "提示");
    assert!(notes[0][9].contains("--map \"卫计类专业技术职称=职称\""), "{:?}", notes[0]);
    let basis = sheet(&dir.path("out.xlsx"), "政策依据");
    assert!(basis.iter().flatten().any(|c| c.contains("未用于筛选的列：“职称等级”")), "{basis:?}");
}

#[test]
fn a_bare_level_and_date_under_a_certificate_group_are_the_skill_level_and_its_date() {
    let dir = Dir::new();
    let input = world(&dir, "certificates.xls");
    let lines = dir.screen(input.to_str().unwrap(), "2025-12-31", &[]);
    // The 填表说明 line under the header is not a person.
    assert_eq!(names(&lines), ["丁高技", "戊焊工"]);
    // 现有证书情况 › 等级 / 取证时间: 高级技师 of 2020-01-01 → 高级工程师 (4 years on 2024-01-01).
    assert_eq!(lines[0]["title"]["status"], "eligible");
    assert_eq!(lines[0]["title"]["best"], "高级工程师");
    // 职称和职务 is the title: 戊 holds 助理工程师, which the 技师's 2 years would give.
    assert_eq!(lines[1]["title"]["status"], "already_held");
    assert_eq!(lines[1]["title"]["next"]["date"], "2026-07-01");
}

#[test]
fn a_sheet_without_a_title_column_says_so_in_reasons_terminal_and_summary() {
    let dir = Dir::new();
    dir.write(
        "no_title.csv",
        "姓名,技能等级,取得时间,近三年年度考核\n张一,技师,2019-05-01,2023合格、2024合格、2025合格\n",
    );
    let out = dir.run(&["screen", "no_title.csv", "--as-of", "2025-12-31", "--jsonl", "out.jsonl", "-o", "out.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 个工作表没有职称列（职称→技能路径无从判断）"), "{}", stderr(&out));
    let lines = crate::util::jsonl(&dir.path("out.jsonl"));
    assert_eq!(lines[0]["skill"]["status"], "not_applicable");
    let reasons: Vec<&str> = lines[0]["reasons"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(reasons.iter().any(|r| r.starts_with("名册中没有职称列，无法判断职称→技能路径")), "{reasons:?}");
    let summary = sheet(&dir.path("out.xlsx"), "汇总");
    assert!(summary[1][0].contains("1 个工作表没有职称列"), "{:?}", summary[1]);
}

#[test]
fn a_note_row_in_any_column_or_spread_over_all_is_set_aside_and_counted() {
    let dir = Dir::new();
    let note = "注意：导入前请删除本行，日期写成2019-05-01，职称写全称";
    let text = format!(
        "序号,姓名,技能等级,取得时间\n{note},{note},{note},{note}\n,填写说明：等级按证书填写,,\n1,张一,技师,2019-05-01\n,温馨提示,,\n"
    );
    dir.write("notes.csv", text);
    let out = dir.run(&["screen", "notes.csv", "--as-of", "2025-12-31", "--jsonl", "out.jsonl", "-o", "out.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(names(&crate::util::jsonl(&dir.path("out.jsonl"))), ["张一"]);
    assert!(stderr(&out).contains("说明行3"), "{}", stderr(&out));
}
