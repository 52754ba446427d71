//! The layouts enterprises really send (tests/data/layouts, made by scripts/make_layout_fixtures.py
//! with openpyxl, xlwt and odfpy, and as GBK and UTF-8 text): header blocks of one to four rows
//! with merged cells, bracketed notes, repeated header texts, combined columns, a title-series
//! column and three-valued integrity. Each person's outcome in `expected.json` was worked out by
//! hand from RULES.md; each column's path and key from ROSTER.md.

use crate::util::{data, stderr, Dir};
use calamine::{Data, DataType};
use serde_json::Value;

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(data("layouts/expected.json")).expect("expected.json");
    serde_json::from_str::<Value>(&text).expect("valid JSON").as_object().expect("an object").clone()
}

/// Screens one fixture; returns the JSONL lines and what the terminal said.
fn screen(dir: &Dir, file: &str, as_of: &str) -> (Vec<Value>, String) {
    std::fs::copy(data(&format!("layouts/{file}")), dir.path(file)).expect("copy fixture");
    let out = dir.run(&["screen", file, "--as-of", as_of, "--jsonl", "out.jsonl", "-o", "out.xlsx"]);
    assert!(out.status.success(), "{file}: exit {:?}: {}", out.status.code(), stderr(&out));
    (crate::util::jsonl(&dir.path("out.jsonl")), stderr(&out))
}

fn check_file(file: &str, exp: &Value) {
    let dir = Dir::new();
    let (lines, err) = screen(&dir, file, exp["as_of"].as_str().unwrap());

    // Each person, on the row Excel shows, with the hand-derived outcome; nobody else.
    let people = exp["people"].as_array().unwrap();
    let rows: Vec<&Value> = lines.iter().map(|l| &l["row"]).collect();
    let want: Vec<&Value> = people.iter().map(|p| &p["row"]).collect();
    assert_eq!(rows, want, "{file}: the people rows (header rows and repeated headers are not people)");
    for (got, p) in lines.iter().zip(people) {
        let pairs = [
            ("name", &got["name"]),
            ("vetoed", &got["vetoed"]),
            ("title_status", &got["title"]["status"]),
            ("title_best", &got["title"]["best"]),
            ("skill_status", &got["skill"]["status"]),
            ("skill_level", &got["skill"]["level"]),
        ];
        for (key, value) in pairs {
            assert_eq!(value, &p[key], "{file} row {} ({}), {key}: {}", p["row"], p["name"], p["why"]);
        }
    }

    // Every column is reported, by its whole path: recognised as its key, or passed through.
    let described = |c: &Value| -> String {
        let path: Vec<String> =
            c["path"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().replace('\n', "")).collect();
        path.join(" › ")
    };
    let columns = exp["columns"].as_array().unwrap();
    let matched: Vec<String> = columns
        .iter()
        .filter(|c| !c["key"].is_null())
        .map(|c| {
            let key = guantong::read::header::Key::from_id(c["key"].as_str().unwrap()).expect("a key id");
            format!("{}→{}", described(c), key.label())
        })
        .collect();
    let passed: Vec<String> = columns.iter().filter(|c| c["key"].is_null()).map(described).collect();
    assert!(err.contains(&format!("识别的列：{}\n", matched.join("，"))), "{file}: want {matched:?}\n{err}");
    if !passed.is_empty() {
        assert!(err.contains(&format!("原样保留的列：{}\n", passed.join("，"))), "{file}: want {passed:?}\n{err}");
    }
    let header_rows = exp["header_rows"].as_array().unwrap();
    let (first, last) = (header_rows[0].as_u64().unwrap(), header_rows[header_rows.len() - 1].as_u64().unwrap());
    let said = if first == last { format!("表头第{first}行") } else { format!("表头第{first}–{last}行") };
    assert!(err.contains(&said), "{file}: {said}\n{err}");

    // 筛选结果 keeps every input column in its own place, with its own values.
    originals_unchanged(&dir, file, exp);
}

/// Reads the fixture back (our reader for its cells, calamine for the workbook written) and
/// compares every input cell of every person with the same cell of 筛选结果.
fn originals_unchanged(dir: &Dir, file: &str, exp: &Value) {
    let input = guantong::read::read_file(&dir.path(file), &[]).expect("read fixture");
    let rows = &input.iter().find(|s| s.sheet == exp["sheet"].as_str().unwrap()).expect("the roster sheet").rows;
    let results = sheet_data(&dir.path("out.xlsx"), "筛选结果");
    let columns = exp["columns"].as_array().unwrap();
    let header: Vec<String> = results[0].iter().take(columns.len()).map(|c| c.to_string()).collect();
    let want: Vec<String> = columns
        .iter()
        .map(|c| c["path"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect::<Vec<_>>().join("/"))
        .collect();
    assert_eq!(header, want, "{file}: 筛选结果's original headers");
    for (person, out) in exp["people"].as_array().unwrap().iter().zip(&results[1..]) {
        let number = person["row"].as_u64().unwrap() as u32;
        let row = rows.iter().find(|r| r.number == number).expect("the person's row");
        for (c, _) in columns.iter().enumerate() {
            let given = row.cells.get(c).map(|c| c.text().into_owned()).unwrap_or_default();
            let written = out.get(c).map(as_text).unwrap_or_default();
            assert_eq!(written, given.trim(), "{file} row {number} column {c}");
        }
    }
}

fn sheet_data(path: &std::path::Path, name: &str) -> Vec<Vec<Data>> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).expect("open workbook");
    let range = wb.worksheet_range(name).expect("sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

/// A written cell as the roster's text: a date as ISO, a whole number without `.0`.
fn as_text(d: &Data) -> String {
    match d {
        Data::DateTime(_) => d.as_datetime().map(|t| t.date().to_string()).unwrap_or_default(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string().trim().to_string(),
    }
}

macro_rules! layout_tests {
    ($($test:ident: $($file:literal),+;)*) => {$(
        #[test]
        fn $test() {
            let all = expected();
            for file in [$($file),+] {
                check_file(file, all.get(file).unwrap_or_else(|| panic!("{file} in expected.json")));
            }
        }
    )*};
}

layout_tests! {
    vertical_merged_leaf: "vertical_merged_leaf.xlsx", "vertical_merged_leaf.xls";
    three_row_header: "three_row_header.xlsx", "three_row_header.ods";
    bracketed_header_note: "bracketed_header_note.xlsx";
    repeated_header_text: "repeated_header_text.csv", "repeated_header_text.xlsx";
    combined_level_date: "combined_level_date.xlsx";
    title_series_column: "title_series_column.xls";
    integrity_three_valued: "integrity_three_valued.xlsx", "integrity_three_valued.csv", "integrity_three_valued.ods";
}

/// Every fixture in the folder is covered by a test above.
#[test]
fn every_layout_fixture_is_checked() {
    let all = expected();
    let mut files: Vec<String> = std::fs::read_dir(data("layouts"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n != "expected.json")
        .collect();
    files.sort();
    let mut listed: Vec<String> = all.keys().cloned().collect();
    listed.sort();
    assert_eq!(files, listed);
}

/// Under a government template's header: a row of column numbers and a row of bracketed notes.
/// Neither is a person; both are counted with the repeated headers.
#[test]
fn column_numbers_and_notes_under_the_header_are_not_people() {
    let dir = Dir::new();
    let text = "序号,姓名,技能等级,取得时间,职称,取得时间\n\
                甲,乙,1,2,3,4\n\
                ,,,（年.月）,,（年.月）\n\
                1,张三,技师,2018.03,,\n\
                2,李四,高级工,2019.05,,\n";
    dir.write("模板.csv", text);
    let out = dir.run(&["screen", "模板.csv", "--as-of", "2025-12-31", "--jsonl", "o.jsonl"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let rows: Vec<u64> = crate::util::jsonl(&dir.path("o.jsonl")).iter().map(|l| l["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, [4, 5], "{err}");
    assert!(err.contains("重复表头2"), "{err}");
}
