//! Broken, hostile and odd files (tests/data/hostile, made by scripts/make_hostile_fixtures.py),
//! each screened beside a good roster: every one ends as `cases.json` says — screened (its people,
//! with data issues where a cell is bad), refused with a reason that names it, or skipped — and
//! the good roster is always screened. Nothing panics, and no input is changed.

use crate::util::{data, sheet, stderr, Dir};
use serde_json::Value;

const GOOD: [&str; 3] = ["白玉成", "柏青山", "鲍志远"];

fn case(file: &str) -> Value {
    let text = std::fs::read_to_string(data("hostile/cases.json")).expect("cases.json");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("valid JSON");
    cases.into_iter().find(|c| c["file"] == file).unwrap_or_else(|| panic!("{file} in cases.json"))
}

/// A file of the corpus screened beside good.xlsx, copied in under `name`.
struct Screening {
    dir: Dir,
    code: Option<i32>,
    err: String,
    lines: Vec<Value>,
}

fn screen_as(file: &str, name: &str) -> Screening {
    let dir = Dir::new();
    std::fs::copy(data("hostile/good.xlsx"), dir.path("good.xlsx")).expect("copy");
    let copied = dir.path(name);
    std::fs::copy(data(&format!("hostile/{file}")), &copied).expect("copy");
    let before = std::fs::read(&copied).unwrap();
    let out =
        dir.run(&["screen", "good.xlsx", name, "--as-of", "2025-12-31", "--jsonl", "out.jsonl", "-o", "out.xlsx"]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{name}: {err}");
    assert_eq!(std::fs::read(&copied).unwrap(), before, "{name}: the input is never changed");
    let lines = crate::util::jsonl(&dir.path("out.jsonl"));
    Screening { code: out.status.code(), err, lines, dir }
}

fn check(file: &str) {
    let case = case(file);
    let expect = &case["expect"];
    let seen = screen_as(file, file);
    let (err, lines) = (&seen.err, &seen.lines);
    assert!(matches!(seen.code, Some(0 | 4)), "{file}: exit {:?}: {err}", seen.code);
    let names_of = |f: &str| -> Vec<String> {
        lines.iter().filter(|l| l["file"] == f).map(|l| l["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names_of("good.xlsx"), GOOD, "{file}: the good roster beside it is screened whole");
    let name = file.trim_start_matches("~$");
    match expect["status"].as_str().unwrap() {
        "screened" => {
            let rows: Vec<&Value> = lines.iter().filter(|l| l["file"] == file).map(|l| &l["row"]).collect();
            let want: Vec<&Value> = expect["rows"].as_array().unwrap().iter().collect();
            assert_eq!(rows, want, "{file}: rows\n{err}");
            let names: Vec<String> =
                expect["names"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().into()).collect();
            assert_eq!(names_of(file), names, "{file}: names\n{err}");
            for row in expect["issue_rows"].as_array().into_iter().flatten() {
                let line = lines.iter().find(|l| l["file"] == file && &l["row"] == row).unwrap();
                assert!(!line["issues"].as_array().unwrap().is_empty(), "{file} row {row}: a data issue\n{line}");
            }
            for v in expect["values"].as_array().into_iter().flatten() {
                let results = sheet(&seen.dir.path("out.xlsx"), "筛选结果");
                assert!(results.iter().flatten().any(|c| c == &v["value"]), "{file}: {v} kept in 筛选结果");
            }
        }
        "refused" => {
            assert_eq!(seen.code, Some(4), "{file}: {err}");
            assert!(names_of(file).is_empty(), "{file}: nothing of it is screened");
            assert!(err.lines().any(|l| l.starts_with("错误：") && l.contains(name)), "{file}: named\n{err}");
        }
        "skipped" => {
            assert_eq!(seen.code, Some(0), "{file}: {err}");
            assert!(err.contains(&format!("跳过 {file}")), "{file}: said\n{err}");
        }
        other => panic!("{file}: unknown expectation {other}"),
    }
    if let Some(reason) = expect["reason"].as_str() {
        assert!(err.contains(reason), "{file}: says {reason}\n{err}");
    }
    if let Some(twin) = expect["twin"].as_str() {
        same_as_twin(file, twin, &seen);
    }
}

/// A file whose content is not what its name says ends as its twin — the same bytes under the
/// name of the format they are — does: the same exit code, the same lines said of it (its twin's
/// with its own name), the same JSONL. All that is added is what it really is: a line saying so,
/// or `（内容实为…）` after an error of the file's own.
fn same_as_twin(file: &str, twin: &str, seen: &Screening) {
    let genuine = screen_as(file, twin);
    assert_eq!(seen.code, genuine.code, "{file} and {twin}: exit\n{}\n{}", seen.err, genuine.err);
    let note = format!("注意：{file} 的内容实为");
    let said: Vec<&str> = seen.err.lines().filter(|l| !l.starts_with(&note) && !l.starts_with("用时")).collect();
    let renamed = genuine.err.replace(twin, file);
    let twin_said: Vec<&str> = renamed.lines().filter(|l| !l.starts_with("用时")).collect();
    assert_eq!(said.len(), twin_said.len(), "{file} and {twin}:\n{}\n{}", seen.err, genuine.err);
    for (line, twins) in said.iter().zip(&twin_said) {
        let noted = line.strip_prefix(twins).is_some_and(|rest| rest.starts_with("（内容实为") && rest.ends_with('）'));
        assert!(line == twins || noted, "{file}: «{line}» where {twin} has «{twins}»");
    }
    let told = seen.err.contains(&note) || said.iter().any(|l| l.contains("（内容实为"));
    assert!(told, "{file}: says what it really is\n{}", seen.err);
    let renamed: Vec<Value> = genuine
        .lines
        .into_iter()
        .map(|mut line| {
            if line["file"] == twin {
                line["file"] = file.into();
            }
            line
        })
        .collect();
    assert_eq!(seen.lines, renamed, "{file} and {twin}: JSONL");
}

macro_rules! hostile {
    ($($(#[$attr:meta])* $test:ident: $file:literal;)*) => {$(
        $(#[$attr])*
        #[test]
        fn $test() {
            check($file);
        }
    )*};
}

hostile! {
    date_serial_huge_negative: "date_serial_huge_negative.xlsx";
    date_serials_out_of_range: "date_serials_out_of_range.xlsx";
    looping_fat_chain: "looping_fat_chain.xls";
    looping_directory_chain: "looping_directory_chain.xls";
    looping_chain_4gib_stream: "looping_chain_4gib_stream.xls";
    // calamine multiplies the reference's letters out: in a debug build that overflows and panics,
    // in release it wraps. Either way the cell is dropped (mended, or past the sheet's limits).
    huge_cell_reference: "huge_cell_reference.xlsx";
    bad_number_cell: "bad_number_cell.xlsx";
    bad_bool_cell: "bad_bool_cell.xlsx";
    unknown_cell_type: "unknown_cell_type.xlsx";
    chart_sheet_first: "chart_sheet_first.xlsx";
    no_sheets: "no_sheets.xlsx";
    no_workbook_xml: "no_workbook_xml.xlsx";
    html_table_saved_as: "html_table_saved_as.xls";
    spreadsheetml_2003_saved_as: "spreadsheetml_2003_saved_as.xls";
    tsv_saved_as: "tsv_saved_as.xls";
    csv_saved_as: "csv_saved_as.xlsx";
    xlsx_named: "xlsx_named.xls";
    xls_named: "xls_named.xlsx";
    utf16le_no_bom: "utf16le_no_bom.txt";
    lone_quote: "lone_quote.csv";
    cr_only_line_endings: "cr_only_line_endings.csv";
    gbk_then_utf8: "gbk_then_utf8.csv";
    empty: "empty.xlsx";
    truncated: "truncated.xlsx";
    random_bytes: "random_bytes.xls";
    report_docx: "report.docx";
    notes_pdf: "notes.pdf";
    office_lock_file: "~$good.xlsx";
    header_only: "header_only.xlsx";
    merged_backwards: "merged_backwards.xlsx";
    // Sheets no genuine workbook screens either, saved in one format and named as another: each
    // ends as its twin with the right name does (`twin` in cases.json), noting what it really is.
    missing_columns_html_saved_as: "missing_columns_html_saved_as.xls";
    missing_columns_spreadsheetml_saved_as: "missing_columns_spreadsheetml_saved_as.xls";
    missing_columns_csv_saved_as: "missing_columns_csv_saved_as.xlsx";
    missing_columns_xls_named: "missing_columns_xls_named.xlsx";
    missing_columns_xlsx_named: "missing_columns_xlsx_named.xls";
    empty_template_html_saved_as: "empty_template_html_saved_as.xls";
    empty_template_spreadsheetml_saved_as: "empty_template_spreadsheetml_saved_as.xls";
    empty_template_csv_saved_as: "empty_template_csv_saved_as.xlsx";
    empty_template_xls_named: "empty_template_xls_named.xlsx";
    empty_template_xlsx_named: "empty_template_xlsx_named.xls";
    not_a_roster_html_saved_as: "not_a_roster_html_saved_as.xls";
    not_a_roster_spreadsheetml_saved_as: "not_a_roster_spreadsheetml_saved_as.xls";
    not_a_roster_csv_saved_as: "not_a_roster_csv_saved_as.xlsx";
    not_a_roster_xls_named: "not_a_roster_xls_named.xlsx";
    not_a_roster_xlsx_named: "not_a_roster_xlsx_named.xls";
    truncated_xlsx_named: "truncated_xlsx_named.xls";
}

/// A sector chain of an `.xls` that loops — in the workbook stream, in the directory (which calamine
/// reads with no length bound), in a stream declared 4 GiB long — is refused at once, naming the
/// file and the chain, before calamine copies sectors round it until a memory limit stops it.
#[test]
fn a_looping_xls_is_refused_at_once_naming_the_loop() {
    let dir = Dir::new();
    let files = [
        ("looping_fat_chain.xls", "工作簿数据流"),
        ("looping_directory_chain.xls", "目录"),
        ("looping_chain_4gib_stream.xls", "工作簿数据流"),
    ];
    let mut args = vec!["screen", "--jsonl", "o.jsonl"];
    for (file, _) in files {
        std::fs::copy(data(&format!("hostile/{file}")), dir.path(file)).unwrap();
        args.push(file);
    }
    let started = std::time::Instant::now();
    let out = dir.run(&args);
    let took = started.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "no roster in any of them: {err}");
    for (file, chain) in files {
        let said = format!(
            "错误：{file}：无法作为工作簿打开：旧版 xls 文件的内部结构损坏（{chain}的扇区链首尾相接，读不到尽头）"
        );
        assert!(err.contains(&said), "{said}\n{err}");
    }
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
}

/// A folder holding a roster and, under other formats' names, an empty template and a sheet of
/// instructions in every format: the run ends as it would with genuine files — the roster
/// screened, the rest said and set aside, exit 0 — and each file's real format is noted.
#[test]
fn a_folder_of_misnamed_sheets_without_people_is_screened_like_genuine_ones() {
    let dir = Dir::new();
    std::fs::create_dir(dir.path("报送")).unwrap();
    std::fs::copy(data("hostile/good.xlsx"), dir.path("报送/good.xlsx")).unwrap();
    let mut files = Vec::new();
    for content in ["empty_template", "not_a_roster"] {
        for misnamed in
            ["html_saved_as.xls", "spreadsheetml_saved_as.xls", "csv_saved_as.xlsx", "xls_named.xlsx", "xlsx_named.xls"]
        {
            let file = format!("{content}_{misnamed}");
            std::fs::copy(data(&format!("hostile/{file}")), dir.path(&format!("报送/{file}"))).unwrap();
            files.push(file);
        }
    }
    let out = dir.run(&["screen", "报送", "--as-of", "2025-12-31", "--jsonl", "o.jsonl"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.lines().any(|l| l.starts_with("错误：")), "{err}");
    assert_eq!(crate::util::jsonl(&dir.path("o.jsonl")).len(), GOOD.len(), "{err}");
    for file in &files {
        let said =
            if file.starts_with("empty") { format!("读取 报送/{file}") } else { format!("跳过 报送/{file}") };
        assert!(err.contains(&said), "{said}\n{err}");
        assert!(err.contains(&format!("注意：报送/{file} 的内容实为")), "{file}\n{err}");
    }
}

/// Every file of the corpus has a test above.
#[test]
fn every_hostile_fixture_is_checked() {
    let text = std::fs::read_to_string(data("hostile/cases.json")).unwrap();
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut listed: Vec<String> = cases.iter().map(|c| c["file"].as_str().unwrap().to_string()).collect();
    listed.push("good.xlsx".into());
    listed.push("cases.json".into());
    listed.sort();
    let mut files: Vec<String> =
        std::fs::read_dir(data("hostile")).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    files.sort();
    assert_eq!(files, listed);
    let source = include_str!("hostile.rs");
    for c in &cases {
        assert!(source.contains(&format!("\"{}\";", c["file"].as_str().unwrap())), "{} has a test", c["file"]);
    }
}

/// A folder as a hostile or careless user leaves it: a named pipe, a link back up the tree, a link
/// to `.`, a link to a file already read, and the previous run's workbook inside it. Each real
/// file is read once, nothing blocks, and every file set aside is named with why.
#[cfg(unix)]
#[test]
fn a_folder_with_pipes_link_loops_and_old_results() {
    let dir = Dir::new();
    let folder = dir.path("报送");
    std::fs::create_dir_all(folder.join("子")).unwrap();
    std::fs::copy(data("hostile/good.xlsx"), folder.join("子/good.xlsx")).unwrap();
    std::os::unix::fs::symlink("..", folder.join("子/上级")).unwrap();
    std::os::unix::fs::symlink(".", folder.join("自己")).unwrap();
    std::os::unix::fs::symlink("子/good.xlsx", folder.join("链接.xlsx")).unwrap();
    let fifo = folder.join("管道.csv");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let first = dir.run(&["screen", "报送", "--as-of", "2025-12-31", "-o", "报送/结果.xlsx", "--jsonl", "out.jsonl"]);
    let err = stderr(&first);
    assert_eq!(first.status.code(), Some(0), "{err}");
    assert_eq!(crate::util::jsonl(&dir.path("out.jsonl")).len(), 3, "each person once: {err}");
    assert!(err.contains("跳过 报送/管道.csv：是命名管道"), "{err}");
    assert!(err.contains("跳过 报送/链接.xlsx：与已读的文件是同一个"), "{err}");
    assert!(err.contains("报送/自己：与已读的文件夹是同一个"), "{err}");
    // Again, with the first run's workbook now in the folder: it is not a roster.
    let second = dir.run(&["screen", "报送", "--as-of", "2025-12-31", "-o", "again.xlsx", "--jsonl", "out.jsonl"]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(0), "{err}");
    assert_eq!(crate::util::jsonl(&dir.path("out.jsonl")).len(), 3, "{err}");
    assert!(err.contains("跳过 报送/结果.xlsx：是 guantong 生成的筛选结果"), "{err}");
    // A pipe named directly is refused, not waited on.
    let piped = dir.run(&["screen", "报送/管道.csv", "--jsonl", "p.jsonl"]);
    assert_eq!(piped.status.code(), Some(3), "{}", stderr(&piped));
    assert!(stderr(&piped).contains("管道.csv"), "{}", stderr(&piped));
}

/// A CSV with one line of 400,000 commas is read in bounded memory: rows are not padded to the
/// widest line, and columns past the workbook's room are left out with one note.
#[test]
fn one_very_wide_csv_line() {
    let dir = Dir::new();
    let mut text = String::from("姓名,技能等级,技能等级取得时间\n张三,技师,2018-03-01\n");
    text.push_str(&",".repeat(400_000));
    text.push('\n');
    dir.write("wide.csv", text);
    let out = dir.run(&["screen", "wide.csv", "--as-of", "2025-12-31", "-o", "o.xlsx", "--jsonl", "o.jsonl"]);
    assert!(matches!(out.status.code(), Some(0 | 4)), "{}", stderr(&out));
}

/// A 荣誉称号 cell of 300 KB of Chinese on one line, in every encoding a roster's text is saved in
/// and at two alignments of its characters: each file is read as text and both people screened.
/// The format is told from the file's first bytes; a line that long fills them, and UTF-16
/// without a BOM was taken for binary while that was judged by how many zero bytes they hold.
#[test]
fn a_cell_of_300_kb_on_one_line_in_every_encoding() {
    let dir = Dir::new();
    let utf16 = |text: &str, le: bool| -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    };
    let mut files = Vec::new();
    for pad in ["", "x"] {
        let honours =
            format!("{pad}全国技术能手。{}", "长期扎根生产一线，刻苦钻研技术，带出徒弟一百余人；".repeat(4_000));
        assert!(honours.len() > 300_000, "300 KB in UTF-8");
        // Comma-separated text as Excel saves CSV, tab-separated as its "Unicode text".
        let text = |sep: &str| {
            [
                ["姓名", "技能等级", "技能等级取得时间", "荣誉称号"].join(sep),
                ["张三", "技师", "2018-03-01", &honours].join(sep),
                ["李四", "高级工", "2019-05-01", "无"].join(sep),
                String::new(),
            ]
            .join("\r\n")
        };
        let (csv, tsv) = (text(","), text("\t"));
        let encodings: [(&str, Vec<u8>); 6] = [
            ("utf8.csv", csv.as_bytes().to_vec()),
            ("utf8bom.csv", [b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat()),
            ("gbk.csv", encoding_rs::GBK.encode(&csv).0.into_owned()),
            ("utf16le_bom.txt", [b"\xFF\xFE".to_vec(), utf16(&tsv, true)].concat()),
            ("utf16le.txt", utf16(&tsv, true)),
            ("utf16be.txt", utf16(&tsv, false)),
        ];
        for (name, bytes) in encodings {
            let file = format!("{}{name}", pad.len());
            dir.write(&file, bytes);
            files.push(file);
        }
    }
    let mut args = vec!["screen", "--as-of", "2025-12-31", "--jsonl", "o.jsonl"];
    args.extend(files.iter().map(String::as_str));
    let out = dir.run(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let lines = crate::util::jsonl(&dir.path("o.jsonl"));
    for file in &files {
        let names: Vec<&str> =
            lines.iter().filter(|l| l["file"] == *file).map(|l| l["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["张三", "李四"], "{file}: {err}");
    }
}

/// 20,000 input columns: 筛选结果 holds what fits beside its result columns, 数据问题 says from
/// which column on the rest is left out, and the run completes with every person screened.
#[test]
fn more_input_columns_than_a_sheet_holds() {
    let dir = Dir::new();
    let mut header: Vec<String> = vec!["姓名".into(), "技能等级".into(), "技能等级取得时间".into()];
    header.extend((4..=20_000).map(|i| format!("附加{i}")));
    let mut text = header.join(",");
    text.push('\n');
    for name in ["张三", "李四"] {
        let mut row: Vec<String> = vec![name.into(), "技师".into(), "2018-03-01".into()];
        row.extend((4..=20_000).map(|i| i.to_string()));
        text.push_str(&row.join(","));
        text.push('\n');
    }
    dir.write("wide.csv", text);
    let out = dir.run(&["screen", "wide.csv", "--as-of", "2025-12-31", "-o", "o.xlsx", "--jsonl", "o.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(crate::util::jsonl(&dir.path("o.jsonl")).len(), 2);
    let results = sheet(&dir.path("o.xlsx"), "筛选结果");
    assert_eq!(results[0].len(), 16_384);
    assert_eq!(results[1][0], "张三");
    let issues = sheet(&dir.path("o.xlsx"), "数据问题");
    let notes: Vec<&String> = issues.iter().flatten().filter(|c| c.contains("未写入“筛选结果”")).collect();
    assert_eq!(notes.len(), 1, "one note: {notes:?}");
    assert!(notes[0].contains("输入共20000列"), "{}", notes[0]);
}

/// A path past the operating system's limit is named, with what to do.
#[test]
fn a_path_past_the_os_limit_is_named() {
    let dir = Dir::new();
    let long = format!("{}.xlsx", "名".repeat(100));
    let out = dir.run(&["screen", &long, "--jsonl", "o.jsonl", "-q"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains(&long) && err.contains("路径超出操作系统允许的长度"), "{err}");
}

/// A cell longer than Excel holds (32,767 characters) is written cut, with a data issue naming it.
#[test]
fn a_cell_longer_than_excel_holds() {
    let dir = Dir::new();
    let long = "很长的备注".repeat(7_000);
    dir.write("long.csv", format!("姓名,技能等级,技能等级取得时间,备注\n张三,技师,2018-03-01,{long}\n"));
    let out = dir.run(&["screen", "long.csv", "--as-of", "2025-12-31", "-o", "o.xlsx", "--jsonl", "o.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = &crate::util::jsonl(&dir.path("o.jsonl"))[0];
    let issue = line["issues"].as_array().unwrap().iter().find(|i| i["column"] == "备注").expect("an issue on 备注");
    assert!(issue["problem"].as_str().unwrap().contains("超过 Excel 的32767个字符"), "{issue}");
    let results = sheet(&dir.path("o.xlsx"), "筛选结果");
    assert_eq!(results[1][3].chars().count(), 32_767);
}

/// A workbook that lists a sheet whose XML is missing from the zip (a copy cut short, a tool that
/// dropped it): the sheet is refused in Chinese, naming it, and the other files are screened.
#[test]
fn a_sheet_whose_part_is_missing_from_the_zip_is_named_in_chinese() {
    use std::io::{Read, Write};
    let dir = Dir::new();
    std::fs::copy(data("hostile/good.xlsx"), dir.path("good.xlsx")).unwrap();
    let mut from = zip::ZipArchive::new(std::fs::File::open(data("hostile/good.xlsx")).unwrap()).unwrap();
    let mut to = zip::ZipWriter::new(std::fs::File::create(dir.path("missing_sheet.xlsx")).unwrap());
    for i in 0..from.len() {
        let mut entry = from.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        to.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        to.write_all(&bytes).unwrap();
    }
    to.finish().unwrap();
    let out = dir.run(&["screen", "good.xlsx", "missing_sheet.xlsx", "--as-of", "2025-12-31", "--jsonl", "o.jsonl"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("missing_sheet.xlsx「花名册」：工作表无法读取（工作簿中缺少这张工作表的内容"), "{err}");
    assert!(!err.contains("not found"), "no English: {err}");
    assert_eq!(crate::util::jsonl(&dir.path("o.jsonl")).len(), GOOD.len());
}
