//! The same roster written by other programs — openpyxl (xlsx with a title row and footer), xlwt
//! (.xls), Excel-style GBK CSV with a title line, UTF-8-BOM tab-separated — screens the same.

use crate::util::{data, without_place, Dir};
use serde_json::Value;

const AS_OF: &str = "2025-12-31";

fn screen_fixture(name: &str) -> Vec<Value> {
    let dir = Dir::new();
    dir.copy(name);
    dir.screen(name, AS_OF, &[])
}

#[test]
fn xlsx_xls_gbk_csv_and_bom_tsv_give_identical_results() {
    let reference: Vec<Value> = screen_fixture("core.xlsx").into_iter().map(without_place).collect();
    assert_eq!(reference.len(), 59);
    for other in ["core.xls", "core_gbk.csv", "core_utf8bom.csv"] {
        let got: Vec<Value> = screen_fixture(other).into_iter().map(without_place).collect();
        assert_eq!(got.len(), reference.len(), "{other}");
        for (g, r) in got.iter().zip(&reference) {
            assert_eq!(g, r, "{other}: {}", r["name"]);
        }
    }
}

#[test]
fn rows_are_numbered_as_excel_shows_them() {
    for (name, first, last) in
        [("core.xlsx", 5, 63), ("core.xls", 2, 60), ("core_gbk.csv", 3, 61), ("core_utf8bom.csv", 2, 60)]
    {
        let lines = screen_fixture(name);
        let rows: Vec<u64> = lines.iter().map(|l| l["row"].as_u64().unwrap()).collect();
        assert_eq!((rows[0], *rows.last().unwrap()), (first, last), "{name}");
        assert!(rows.windows(2).all(|w| w[0] < w[1]), "{name}: input order");
        assert_eq!(lines[0]["file"], name);
    }
}

/// Hand-derived expectations (tests/data/expected_core.json, written from RULES.md, not from a run).
fn check_expected(lines: &[Value], expected: &[Value]) {
    assert_eq!(lines.len(), expected.len());
    for (got, exp) in lines.iter().zip(expected) {
        let name = exp["name"].as_str().unwrap();
        let pairs = [
            ("name", &got["name"]),
            ("vetoed", &got["vetoed"]),
            ("title_status", &got["title"]["status"]),
            ("title_best", &got["title"]["best"]),
            ("title_regular", &got["title"]["regular"]),
            ("title_exceptional", &got["title"]["exceptional"]),
            ("title_next", &got["title"]["next"]),
            ("skill_status", &got["skill"]["status"]),
            ("skill_level", &got["skill"]["level"]),
            ("theory_exempt", &got["skill"]["theory_exempt"]),
            ("promotion", &got["skill"]["promotion"]),
            ("treatment", &got["treatment"]),
            ("education_equivalent", &got["education_equivalent"]),
        ];
        for (key, value) in pairs {
            if let Some(want) = exp.get(key) {
                assert_eq!(value, want, "{name} {key} — {}", exp["why"]);
            }
        }
    }
}

#[test]
fn core_roster_matches_hand_derived_expectations() {
    let expected: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(data("expected_core.json")).unwrap()).unwrap();
    check_expected(&screen_fixture("core.xlsx"), &expected);
}

#[test]
fn year_only_date_that_straddles_the_anniversary_needs_review() {
    let expected: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(data("expected_straddle.json")).unwrap()).unwrap();
    let dir = Dir::new();
    dir.copy("straddle.csv");
    check_expected(&dir.screen("straddle.csv", "2025-06-30", &[]), &expected);
}

#[test]
fn every_clause_has_a_passing_and_an_other_status_row() {
    let lines = screen_fixture("core.xlsx");
    let ids = [
        "一",
        "二（三）",
        "三（一）",
        "三（二）1",
        "三（二）2",
        "三（四）1",
        "三（四）2",
        "三（四）3",
        "三（四）4",
        "四",
        "四（一）",
        "四（二）",
        "四（三）1",
        "四（三）2",
        "四（四）1",
        "四（四）2",
        "四（五）",
        "五（二）",
    ];
    for id in ids {
        let citing: Vec<&Value> =
            lines.iter().filter(|l| l["clauses"].as_array().unwrap().iter().any(|c| c == id)).collect();
        assert!(!citing.is_empty(), "no row cites {id}");
        let statuses: Vec<&str> = citing
            .iter()
            .flat_map(|l| [l["title"]["status"].as_str().unwrap(), l["skill"]["status"].as_str().unwrap()])
            .collect();
        assert!(statuses.contains(&"eligible") || statuses.contains(&"already_held"), "{id}: no passing row");
        assert!(statuses.iter().any(|s| *s != "eligible"), "{id}: no other-status row");
    }
}

#[test]
fn a_merged_id_number_makes_each_row_it_covers_a_duplicate() {
    // merged_id.xlsx (openpyxl): 韩合并 on rows 2 and 3 with 姓名 and 身份证号 merged over both. The
    // merged cells are filled only when the rows are read back, after the IDs were compared; the
    // rows under a merged 身份证号 must still be compared as carrying it.
    let dir = Dir::new();
    dir.copy("merged_id.xlsx");
    let lines = dir.screen("merged_id.xlsx", AS_OF, &[]);
    let problems: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l["issues"].as_array().unwrap().iter().map(|i| i["problem"].as_str().unwrap().to_string()).collect())
        .collect();
    assert_eq!(lines[1]["name"], "韩合并", "the merged 姓名 is filled too");
    assert_eq!(problems[0], ["身份证号重复，同一人还出现在：merged_id.xlsx「花名册」第3行"]);
    assert_eq!(problems[1], ["身份证号重复，同一人还出现在：merged_id.xlsx「花名册」第2行"]);
    assert!(problems[2].is_empty());
}

#[test]
fn merged_cells_in_the_data_belong_to_every_row_they_cover() {
    for name in ["merged_cells.xlsx", "merged_cells.xls"] {
        let dir = Dir::new();
        dir.copy(name);
        let lines = dir.screen(name, AS_OF, &[]);
        assert_eq!(lines.len(), 5, "{name}");
        let rows = crate::util::sheet(&dir.path("out.xlsx"), "汇总");
        let employers: Vec<&str> = ["鞍山合并单元格机械厂", "鞍山合并单元格化工厂"].to_vec();
        for (employer, people) in employers.iter().zip([3.0, 2.0]) {
            let row = rows.iter().find(|r| r.first().is_some_and(|c| c == employer));
            let count: f64 = row.and_then(|r| r.get(1)).and_then(|c| c.parse().ok()).unwrap_or(0.0);
            assert_eq!(count, people, "{name}: {employer} in 汇总 {rows:?}");
        }
    }
}

/// A workbook on the 1904 date system (Excel for Mac): its serials count from 1904-01-01. Read as
/// 1900 serials, every date would be four years early and each of these three would be eligible.
#[test]
fn date_serial_1904() {
    let lines = screen_fixture("date_serial_1904.xlsx");
    let got: Vec<(&str, &str, &Value)> = lines
        .iter()
        .map(|l| (l["name"].as_str().unwrap(), l["title"]["status"].as_str().unwrap(), &l["title"]["best"]))
        .collect();
    assert_eq!(
        got,
        [
            ("周满期", "eligible", &Value::from("工程师")),
            ("吴差一", "eligible", &Value::from("助理工程师")),
            ("郑早年", "eligible", &Value::from("工程师")),
        ]
    );
    let next = &lines[1]["title"]["next"];
    assert_eq!((&next["title"], &next["date"]), (&Value::from("工程师"), &Value::from("2026-01-01")));
}

/// An xlsb (Excel's binary workbook, a zip with `xl/workbook.bin`) is opened as one, not taken for
/// a damaged xlsx. The file is calamine's own test workbook `tests/date.xlsb`, which holds no
/// roster: its sheets are examined and reported as such.
#[test]
fn xlsb_is_opened_as_xlsb() {
    let dir = Dir::new();
    dir.copy("calamine_date.xlsb");
    let out = dir.run(&["screen", "calamine_date.xlsb", "--jsonl", "o.jsonl"]);
    let err = crate::util::stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("跳过 calamine_date.xlsb「Sheet1」：未找到表头"), "{err}");
    assert!(!err.contains("无法作为工作簿打开"), "{err}");
}

/// A 身份证号 that Excel took for a number has lost its last digits: stored as a number in an
/// xlsx (`210303198001011234` kept as 2.10303198001011E+17), or saved to CSV as Excel showed it
/// (`2.10303E+17`). Each is an error that says so, not a mere wrong length or check digit.
#[test]
fn an_id_number_excel_took_for_a_number_is_an_error_that_says_the_digits_are_lost() {
    let dir = Dir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "技能等级", "技能等级取得时间"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "张三").unwrap();
    sheet.write_number(1, 1, 210_303_198_001_011_234_f64).unwrap();
    sheet.write_string(1, 2, "技师").unwrap();
    sheet.write_string(1, 3, "2018-03-01").unwrap();
    book.save(dir.path("数值.xlsx")).unwrap();
    dir.write("科学计数.csv", "姓名,身份证号,技能等级,技能等级取得时间\n李四,2.10303E+17,技师,2018-03-01\n");
    for (file, problem) in [
        ("数值.xlsx", "身份证号以数值存储"),
        ("科学计数.csv", "身份证号是科学计数法（Excel 把它当成了数字），后面的位数已丢失"),
    ] {
        let lines = dir.screen(file, AS_OF, &[]);
        let issues = lines[0]["issues"].as_array().unwrap();
        assert_eq!(issues.len(), 1, "{file}: one issue: {issues:?}");
        assert_eq!(issues[0]["column"], "身份证号");
        assert!(issues[0]["problem"].as_str().unwrap().starts_with(problem), "{file}: {issues:?}");
    }
}
