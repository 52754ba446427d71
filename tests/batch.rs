//! A bureau's folder of enterprise submissions (tests/data/batch, made by openpyxl, xlwt, odfpy, a
//! GBK CSV and a UTF-16 text export): every format and layout screened together, every output row
//! traced back to its file, sheet and row.

use crate::util::{copy_tree, data, stderr, Dir};
use serde_json::Value;

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(data("batch/expected.json")).unwrap()).unwrap()
}

/// Copies the batch folder into a temp dir and screens it there.
fn screen_batch(dir: &Dir, extra: &[&str]) -> std::process::Output {
    copy_tree(&data("batch"), &dir.path("batch"));
    let mut args = vec![
        "screen",
        "batch",
        "--as-of",
        "2025-12-31",
        "--map",
        "从业工种=occupation",
        "--jsonl",
        "out.jsonl",
        "-o",
        "out.xlsx",
    ];
    args.extend_from_slice(extra);
    dir.run(&args)
}

#[test]
fn a_folder_of_every_format_and_layout_screens_as_expected() {
    let dir = Dir::new();
    let out = screen_batch(&dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = crate::util::jsonl(&dir.path("out.jsonl"));
    let exp = expected();
    let mut expected_rows = Vec::new();
    for file in exp["files"].as_array().unwrap() {
        for sheet in file["sheets"].as_array().unwrap() {
            for row in sheet["rows"].as_array().unwrap() {
                expected_rows.push((
                    format!("batch/{}", file["path"].as_str().unwrap()),
                    sheet["sheet"].clone(),
                    row.clone(),
                ));
            }
        }
    }
    assert_eq!(lines.len(), expected_rows.len());
    for (got, (file, sheet, want)) in lines.iter().zip(&expected_rows) {
        let place = format!("{file} row {}", want["row"]);
        assert_eq!(got["file"].as_str().unwrap(), file, "{place}");
        assert_eq!(&got["sheet"], sheet, "{place}");
        assert_eq!(got["row"], want["row"], "{place}");
        assert_eq!(got["name"], want["name"], "{place}");
        assert_eq!(got["title"]["status"], want["title_status"], "{place}: {}", want["why"]);
        assert_eq!(got["title"]["best"], want["title_best"], "{place}: {}", want["why"]);
        assert_eq!(got["skill"]["status"], want["skill_status"], "{place}: {}", want["why"]);
        assert_eq!(got["skill"]["level"], want["skill_level"], "{place}: {}", want["why"]);
    }
}

#[test]
fn duplicates_across_files_are_flagged_on_every_row_naming_the_others() {
    let dir = Dir::new();
    let out = screen_batch(&dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = crate::util::jsonl(&dir.path("out.jsonl"));
    for dup in expected()["duplicates"].as_array().unwrap() {
        let places = dup["rows"].as_array().unwrap();
        for place in places {
            let line = lines
                .iter()
                .find(|l| l["file"] == format!("batch/{}", place["file"].as_str().unwrap()) && l["row"] == place["row"])
                .expect("duplicate row screened");
            let notice = line["issues"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["problem"].as_str().unwrap().contains("身份证号重复"))
                .unwrap_or_else(|| panic!("no duplicate notice on {place}"));
            for other in places.iter().filter(|o| *o != place) {
                let named = format!("第{}行", other["row"]);
                assert!(notice["problem"].as_str().unwrap().contains(&named), "{notice}");
            }
        }
    }
}

#[test]
fn lock_files_hidden_files_and_instruction_sheets_are_skipped_and_reported() {
    let dir = Dir::new();
    let out = screen_batch(&dir, &[]);
    let err = stderr(&out);
    assert!(err.contains("跳过 batch/鞍钢股份/花名册.xlsx「填表说明」"), "{err}");
    // Every file is accounted for: the lock file and the hidden file are set aside, with why.
    assert!(err.contains("跳过 batch/鞍钢股份/~$花名册.xlsx：Office 锁文件"), "{err}");
    assert!(err.contains("跳过 batch/.DS_Store：隐藏文件"), "{err}");
    assert!(err.contains("表头第3–4行"), "two-row header reported with both rows: {err}");
    assert!(err.contains("重复表头2"), "{err}");
    let basis = crate::util::sheet(&dir.path("out.xlsx"), "政策依据");
    let recorded = basis
        .iter()
        .flatten()
        .any(|c| c.contains("职称情况 › 取得时间→职称取得时间") && c.contains("原样保留的列：序号，备注"));
    assert!(recorded, "the workbook records what was read per sheet");
}

#[test]
fn an_unreadable_file_among_many_is_reported_and_the_rest_screened() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.path("batch/坏文件单位")).unwrap();
    dir.write("batch/坏文件单位/花名册.xlsx", b"PK\x03\x04 truncated");
    let out = screen_batch(&dir, &[]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("坏文件单位/花名册.xlsx：无法作为工作簿打开"));
    assert_eq!(crate::util::jsonl(&dir.path("out.jsonl")).len(), 46);
    let issues = crate::util::sheet(&dir.path("out.xlsx"), "数据问题");
    assert!(issues.iter().any(|r| r.iter().any(|c| c.contains("坏文件单位"))), "the workbook records it too");
}

/// A sheet that calamine stops reading midway (a cell pointing past the shared strings, three
/// quarters down) is mended and read to its end: the bad cell is named, every other row is
/// screened, and the run says the sheet was not read as it stands (exit 4).
#[test]
fn a_sheet_that_fails_midway_is_mended_and_read_to_its_end() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    dir.copy("broken_midway.xlsx");
    let out = dir.run(&[
        "screen",
        "broken_midway.xlsx",
        "core.xlsx",
        "--as-of",
        "2025-12-31",
        "-o",
        "out.xlsx",
        "--jsonl",
        "out.jsonl",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("broken_midway.xlsx「花名册」未能按原样完整读取"), "{err}");
    assert!(err.contains("A40（引用的共享字符串（第999999项）不存在，按空白读取）"), "{err}");
    let lines = crate::util::jsonl(&dir.path("out.jsonl"));
    let broken: Vec<u64> =
        lines.iter().filter(|l| l["file"] == "broken_midway.xlsx").map(|l| l["row"].as_u64().unwrap()).collect();
    assert_eq!(broken, (5..=63).collect::<Vec<u64>>(), "every row, each once, in order");
    assert_eq!(lines.iter().filter(|l| l["file"] == "core.xlsx").count(), 59);
    let results = crate::util::sheet(&dir.path("out.xlsx"), "筛选结果");
    assert_eq!(results.len(), 1 + 59 + 59);
    let issues = crate::util::sheet(&dir.path("out.xlsx"), "数据问题");
    assert!(issues.iter().any(|r| r.iter().any(|c| c.contains("A40"))));
    assert!(
        std::fs::read_dir(dir.path(".")).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with('.')),
        "no temporary file is left beside the outputs"
    );
}

#[test]
fn sheet_option_narrows_and_an_unknown_sheet_is_named() {
    let dir = Dir::new();
    copy_tree(&data("batch"), &dir.path("batch"));
    let out = dir.run(&[
        "screen",
        "batch/鞍钢股份/花名册.xlsx",
        "--sheet",
        "花名册",
        "--as-of",
        "2025-12-31",
        "--jsonl",
        "o.jsonl",
        "-q",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(crate::util::jsonl(&dir.path("o.jsonl")).len(), 11);
    let out = dir.run(&["screen", "batch/鞍钢股份/花名册.xlsx", "--sheet", "名单", "--jsonl", "o.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("没有名为“名单”的工作表（现有：填表说明、花名册）"), "{}", stderr(&out));
}

#[test]
fn hidden_rows_formulas_errors_and_numeric_ids() {
    let dir = Dir::new();
    let out = screen_batch(&dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = crate::util::jsonl(&dir.path("out.jsonl"));
    let xlsx: Vec<&Value> = lines.iter().filter(|l| l["file"] == "batch/鞍钢股份/花名册.xlsx").collect();
    assert!(xlsx.iter().any(|l| l["row"] == 10), "the hidden row is screened");
    let issues: Vec<String> =
        xlsx.iter().flat_map(|l| l["issues"].as_array().unwrap().iter().map(|i| i["problem"].to_string())).collect();
    assert!(issues.iter().any(|p| p.contains("#N/A")), "{issues:?}");
    assert!(issues.iter().any(|p| p.contains("精度")), "{issues:?}");
    let rows = crate::util::sheet(&dir.path("out.xlsx"), "筛选结果");
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (file, row, serial) = (col("来源文件"), col("来源行号"), col("序号"));
    let formula_row = rows.iter().find(|r| r[file] == "batch/鞍钢股份/花名册.xlsx" && r[row] == "5").unwrap();
    assert_eq!(formula_row[serial], "1", "the formula's cached value is passed through");
}

/// `--map` takes a field's Chinese name (with or without its brackets) as it takes its id.
#[test]
fn map_takes_chinese_field_names() {
    let (english, chinese, bare) = (Dir::new(), Dir::new(), Dir::new());
    assert!(screen_batch(&english, &[]).status.success());
    copy_tree(&data("batch"), &chinese.path("batch"));
    copy_tree(&data("batch"), &bare.path("batch"));
    for (dir, map) in [(&chinese, "从业工种=职业（工种）"), (&bare, "从业工种=职业工种")] {
        let args = ["screen", "batch", "--as-of", "2025-12-31", "--map", map, "--jsonl", "out.jsonl"];
        let out = dir.run(&args);
        let said = crate::util::stderr(&out);
        assert!(out.status.success(), "{map}: {said}");
        assert!(said.contains("从业工种→职业（工种）"), "{map}: the column is read as the field: {said}");
        assert_eq!(
            std::fs::read(dir.path("out.jsonl")).unwrap(),
            std::fs::read(english.path("out.jsonl")).unwrap(),
            "{map}"
        );
    }
}
