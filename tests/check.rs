//! `guantong check`: an enterprise's roster read and normalized, its problems counted by severity,
//! and a workbook that shows them — 数据问题 as `screen` writes it, the roster at its own row
//! numbers with every problem cell filled and noted, and nowhere else.

use crate::util::{cell_styles, data, notes, sheet, sheet_at, sheet_names, sheet_xml, stderr, style_fills, Dir};

const AS_OF: &str = "2025-12-31";

/// A roster as an enterprise types it, with one problem of each kind the test pins: a title line
/// (row 1), the header (2), a clean row (3), a wrong check digit (4), an impossible date and a
/// 身份证号 that row 6 has too (5), the duplicate — written with a small `x` — and a year-only
/// date (6), a blank row (7), an honour cell with a 提示 and a 待核实 (8), and a footer (9).
const ROSTER: &str = "\
单位花名册（测试）
姓名,身份证号,技能等级,技能等级取得时间,职称,职称取得时间,荣誉称号
张伟,210302197202175598,技师,2019-03-15,,,
李四,21030419880820452X,高级工,2020-05-01,,,
王芳,21031119720107402X,技师,2019-13-45,,,
赵六,21031119720107402x,高级工,2021年,,,
,,,,,,
钱七,210303197007132820,高级技师,2015-06-01,工程师,2016-09-01,全国技术能手提名；2024年辽宁省职业技能大赛一等奖
填表人：某某
";

/// The problem cells of [`ROSTER`] and their most serious severities, as derived by hand, in the
/// order of their references.
const PROBLEMS: [(&str, &str); 6] =
    [("B4", "错误"), ("B5", "错误"), ("B6", "错误"), ("D5", "错误"), ("D6", "待核实"), ("G8", "待核实")];

/// `guantong check ARGS…` in `dir`.
fn check(dir: &Dir, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--as-of", AS_OF];
    all.extend_from_slice(args);
    dir.run(&all)
}

#[test]
fn errors_left_exit_5_with_counts_per_file_and_in_all() {
    let dir = Dir::new();
    dir.write("花名册.csv", ROSTER);
    let out = check(&dir, &["花名册.csv", "-o", "检查结果.xlsx"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(err.contains("检查 花名册.csv：5行，错误 4，待核实 2，提示 1\n"), "{err}");
    assert!(err.contains("合计：1个文件，5行，数据问题 7 条（错误 4，待核实 2，提示 1）"), "{err}");
    assert!(err.contains("工作簿：检查结果.xlsx"), "{err}");
    assert!(err.contains("请在名册中改正“错误”后再次检查"), "{err}");
    // 检查结果 says the same, and how the rows were set aside.
    let summary = sheet(&dir.path("检查结果.xlsx"), "检查结果");
    let line = summary.iter().find(|r| r[0] == "花名册.csv").expect("a line for the file");
    // 工作表, 名册表, 表头, 数据行, 错误, 待核实, 提示, 空行, 表尾, 重复表头, 示例行
    assert_eq!(line[1..12], ["花名册", "花名册", "第2行", "5", "4", "2", "1", "1", "1", "0", "0"]);
    let total = summary.iter().find(|r| r[0] == "合计").expect("合计");
    assert_eq!(total[4..8], ["5", "4", "2", "1"]);
    assert!(summary.iter().flatten().any(|c| c.contains("再运行 guantong check")), "how to use it");
}

#[test]
fn clean_roster_exits_0_and_without_o_only_the_terminal_report() {
    let dir = Dir::new();
    let clean: String =
        ROSTER.lines().filter(|l| !l.starts_with("李四") && !l.starts_with("王芳")).collect::<Vec<_>>().join("\n");
    // 赵六 alone: no duplicate left; his year-only date and 钱七's honours still to verify.
    dir.write("花名册.csv", clean);
    let out = check(&dir, &["花名册.csv"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("检查 花名册.csv：3行，错误 0，待核实 2，提示 1"), "{err}");
    assert!(err.contains("没有错误；“待核实”的内容请对照原始材料核实后报送"), "{err}");
    assert!(!err.contains("工作簿："), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["花名册.csv"], "no workbook, no temporary file left");
    // -q: nothing but the exit code.
    let quiet = check(&dir, &["花名册.csv", "-q"]);
    assert_eq!((quiet.status.code(), stderr(&quiet)), (Some(0), String::new()));
}

#[test]
fn data_issues_are_those_of_screen() {
    // core.xlsx (a title, a header on row 4, a footer) and the batch folder (six layouts, a
    // duplicate across files, a #N/A, a sheet that is not a roster, files set aside).
    for (input, extra) in [("core.xlsx", vec![]), ("batch", vec!["--map", "从业工种=occupation"])] {
        let dir = Dir::new();
        let input = data(input);
        let input = input.to_str().unwrap();
        let mut args = vec!["screen", input, "--as-of", AS_OF, "-o", "screen.xlsx", "-q"];
        args.extend_from_slice(&extra);
        let screened = dir.run(&args);
        assert!(matches!(screened.status.code(), Some(0 | 4)), "{}", stderr(&screened));
        let mut args = vec![input, "-o", "check.xlsx", "-q"];
        args.extend_from_slice(&extra);
        let checked = check(&dir, &args);
        assert_eq!(checked.status.code(), Some(5), "{}", stderr(&checked));
        let issues = sheet(&dir.path("check.xlsx"), "数据问题");
        assert!(issues.len() > 5, "{input}: issues to compare");
        assert_eq!(issues, sheet(&dir.path("screen.xlsx"), "数据问题"), "{input}");
    }
}

#[test]
fn roster_rows_keep_their_row_numbers() {
    let dir = Dir::new();
    let out = check(&dir, &[data("core.xlsx").to_str().unwrap(), "-o", "检查结果.xlsx", "-q"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let book = dir.path("检查结果.xlsx");
    assert_eq!(sheet_names(&book), ["检查结果", "数据问题", "花名册"]);
    let copy = sheet_at(&book, "花名册");
    let original = sheet_at(&data("core.xlsx"), "花名册");
    // The title (1), 填报单位 (2) and blank (3) rows are not people: left blank.
    assert!(copy[..3].iter().flatten().all(String::is_empty), "{:?}", &copy[..3]);
    // The header on row 4, the data rows on 5–63 (序号 1–59), cell by cell, dates as dates.
    assert_eq!(copy[3], original[3]);
    assert_eq!(copy[4][1], "张伟");
    assert_eq!(copy.len(), 63, "nothing after the last data row (the footer is not a person)");
    for r in 4..63 {
        let width = original[r].iter().rposition(|c| !c.is_empty()).map_or(0, |c| c + 1);
        assert_eq!(copy[r][..width], original[r][..width], "row {}", r + 1);
    }
    assert!(original.len() > 63 && original[63..].iter().flatten().any(|c| c.starts_with("填表人")));
    // 数据问题's row numbers point at the copy's rows: 鲁达's 身份证号 (row 56) is the one flagged.
    let issues = sheet(&book, "数据问题");
    let luda = issues.iter().find(|r| r[3] == "鲁达").expect("鲁达's issue");
    assert_eq!((luda[2].as_str(), luda[7].as_str()), ("56", "身份证号"));
    assert_eq!(copy[55][1], "鲁达");
    let (xml, comments) = sheet_xml(&book, "花名册");
    assert!(notes(&comments.expect("notes")).contains_key("C56"));
    assert!(xml.contains(r#"<pane xSplit="2" ySplit="4""#), "frozen below the header, right of 姓名");
}

#[test]
fn problem_cells_are_filled_and_noted_and_nowhere_else() {
    let dir = Dir::new();
    dir.write("花名册.csv", ROSTER);
    let out = check(&dir, &["花名册.csv", "-o", "检查结果.xlsx", "-q"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let book = dir.path("检查结果.xlsx");
    let (xml, comments) = sheet_xml(&book, "花名册");
    let notes = notes(&comments.expect("the roster sheet has notes"));
    let noted: Vec<&str> = notes.keys().map(String::as_str).collect();
    assert_eq!(noted, PROBLEMS.map(|(cell, _)| cell), "{notes:#?}");
    for (cell, severity) in PROBLEMS {
        assert!(notes[cell].starts_with(&format!("{severity}：")), "{cell}: {}", notes[cell]);
        assert!(notes[cell].contains("处理建议："), "{cell}: {}", notes[cell]);
    }
    assert!(notes["B4"].contains("校验码错误"), "{}", notes["B4"]);
    assert!(notes["B5"].contains("身份证号重复") && notes["B5"].contains("第6行"), "{}", notes["B5"]);
    assert!(notes["D5"].contains("不存在的日期"), "{}", notes["D5"]);
    assert!(notes["D6"].contains("只有年份") && notes["D6"].contains("补充到月或日"), "{}", notes["D6"]);
    // Two problems in one cell: the more serious first, each naming its part of the cell.
    let (review, note) = notes["G8"].split_once("\n\n").expect("two problems");
    assert!(review.starts_with("待核实：「2024年辽宁省职业技能大赛一等奖」名次不明确"), "{review}");
    assert!(note.starts_with("提示：「全国技术能手提名」不作为破格依据"), "{note}");
    // Every other cell of the data rows keeps the plain style; a problem cell is in its
    // severity's fill.
    let styles = cell_styles(&xml);
    let fills = style_fills(&book);
    let fill = |cell: &str| fills[styles[cell] as usize].as_deref();
    for (cell, &style) in styles.iter().filter(|(c, _)| !c.ends_with('2')) {
        match PROBLEMS.iter().find(|(p, _)| p == cell) {
            Some((_, "错误")) => assert_eq!(fill(cell), Some("FFFFC7CE"), "{cell}"),
            Some(_) => assert_eq!(fill(cell), Some("FFFFEB9C"), "{cell}"),
            None => assert_eq!(style, 0, "{cell} is not a problem: plain"),
        }
    }
    // The rows set aside (title, blank, footer) are not written.
    assert!(styles.keys().all(|c| !c.ends_with('1') && !c.ends_with('7') && !c.ends_with('9')), "{styles:?}");
    // 数据问题 lists the same five, with their rows and columns.
    let issues = sheet(&book, "数据问题");
    let lines: Vec<(String, String, String)> =
        issues[1..].iter().map(|r| (r[2].clone(), r[7].clone(), r[6].clone())).collect();
    let want = [
        ("4", "身份证号", "错误"),
        ("5", "技能等级取得时间", "错误"),
        ("5", "身份证号", "错误"),
        ("6", "技能等级取得时间", "待核实"),
        ("6", "身份证号", "错误"),
        ("8", "荣誉称号", "提示"),
        ("8", "荣誉称号", "待核实"),
    ];
    assert_eq!(lines, want.map(|(r, c, s)| (r.to_string(), c.to_string(), s.to_string())));
}

#[test]
fn same_header_twice_marks_the_cell_holding_the_value() {
    // Two `取得时间`: the level's (C) and the title's (E). The title's date is after --as-of.
    let dir = Dir::new();
    dir.write("花名册.csv", "姓名,技能等级,取得时间,职称,取得时间\n张伟,技师,2019-03-15,工程师,2026-05-01\n");
    let out = check(&dir, &["花名册.csv", "-o", "检查结果.xlsx", "-q"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let (_, comments) = sheet_xml(&dir.path("检查结果.xlsx"), "花名册");
    let notes = notes(&comments.expect("notes"));
    assert_eq!(notes.keys().collect::<Vec<_>>(), ["E2"], "{notes:?}");
    assert!(notes["E2"].contains("晚于评价日期"), "{}", notes["E2"]);
}

#[test]
fn mask_id_masks_the_roster_copy_and_its_notes() {
    let dir = Dir::new();
    dir.write("花名册.csv", ROSTER);
    let out = check(&dir, &["花名册.csv", "-o", "检查结果.xlsx", "-q", "--mask-id"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let book = dir.path("检查结果.xlsx");
    let copy = sheet_at(&book, "花名册");
    assert_eq!(copy[2][1], "210302********5598");
    let everything: Vec<String> =
        sheet_names(&book).iter().flat_map(|n| sheet_at(&book, n).into_iter().flatten()).collect();
    for id in ["21031119720107402", "21030419880820452"] {
        assert!(everything.iter().all(|c| !c.contains(id)), "no whole 身份证号 anywhere: {id}");
        // Nor in a note: 赵六's duplicate is written `…x`, the notice's value is `…X`.
        let (_, comments) = sheet_xml(&book, "花名册");
        assert!(!comments.unwrap().contains(id), "{id}");
    }
}

#[test]
fn unreadable_file_beside_a_good_one_is_still_checked() {
    let dir = Dir::new();
    std::fs::create_dir(dir.path("报送")).unwrap();
    std::fs::copy(data("hostile/good.xlsx"), dir.path("报送/good.xlsx")).unwrap();
    std::fs::copy(data("hostile/truncated.xlsx"), dir.path("报送/truncated.xlsx")).unwrap();
    let out = check(&dir, &["报送", "-o", "检查结果.xlsx"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "an unreadable file is an error to fix: {err}");
    assert!(err.contains("检查 报送/truncated.xlsx：无法读取，错误 1，待核实 0，提示 0"), "{err}");
    assert!(err.contains("检查 报送/good.xlsx：3行，错误 0"), "{err}");
    let book = dir.path("检查结果.xlsx");
    let names = sheet_names(&book);
    assert_eq!(names.len(), 3, "{names:?}");
    let good = sheet_at(&book, &names[2]);
    assert!(good.iter().flatten().any(|c| c == "白玉成"), "the good file's roster: {good:?}");
    let summary = sheet(&book, "检查结果");
    let bad = summary.iter().find(|r| r[0] == "报送/truncated.xlsx").expect("the unreadable file's line");
    assert_eq!(bad[5], "1");
    assert!(bad[12].starts_with("无法读取："), "{bad:?}");
    let issues = sheet(&book, "数据问题");
    assert!(issues.iter().any(|r| r[0] == "报送/truncated.xlsx" && r[6] == "错误"), "{issues:?}");
}

#[test]
fn nothing_to_check_exits_3_and_usage_errors_2() {
    let dir = Dir::new();
    std::fs::copy(data("hostile/header_only.xlsx"), dir.path("header_only.xlsx")).unwrap();
    let out = check(&dir, &["header_only.xlsx", "-o", "检查结果.xlsx"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(!dir.path("检查结果.xlsx").exists());
    let out = check(&dir, &["header_only.xlsx", "-o", "检查结果.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("须以 .xlsx 结尾"), "{}", stderr(&out));
    let out = check(&dir, &["header_only.xlsx", "-o", "header_only.xlsx"]);
    assert_eq!(out.status.code(), Some(2), "the output is an input: {}", stderr(&out));
    let out = check(&dir, &["header_only.xlsx", "-o", "没有这个文件夹/检查结果.xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn notes_stop_at_their_cap_and_highlights_go_on() {
    // One bad date per row, 10,010 rows: the first 10,000 problem cells get notes.
    let dir = Dir::new();
    let mut csv = String::from("姓名,技能等级,技能等级取得时间\n");
    for i in 0..10_010 {
        csv.push_str(&format!("员工{i},技师,2019-13-45\n"));
    }
    dir.write("花名册.csv", csv);
    let out = check(&dir, &["花名册.csv", "-o", "检查结果.xlsx", "-q"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let book = dir.path("检查结果.xlsx");
    let (xml, comments) = sheet_xml(&book, "花名册");
    let notes = notes(&comments.expect("notes"));
    assert_eq!(notes.len(), 10_000);
    assert!(notes.contains_key("C10001") && !notes.contains_key("C10002"));
    let styles = cell_styles(&xml);
    assert_eq!(styles["C10011"], styles["C2"], "past the cap, still filled");
    assert_ne!(styles["C10011"], styles["B10011"]);
    assert!(
        sheet(&book, "检查结果").iter().flatten().any(|c| c.contains("批注已达上限") && c.contains("其后的10个只着色")),
        "检查结果 says the cap cut them"
    );
}

/// A cell of several lines in the roster (Alt+Enter) is wrapped in the copy, problem cell or not,
/// in a row tall enough, so it reads as in the roster.
#[test]
fn a_cell_of_several_lines_is_wrapped_in_the_copy() {
    let dir = Dir::new();
    dir.write(
        "多行.csv",
        "姓名,身份证号,技能等级,技能等级取得时间,备注\n\
         张三,210303198001011234,技师,2018-03-01,\"第一行\n第二行\"\n\
         李四,210303198001011234,技师,\"不详\n待查\",一行\n",
    );
    let out = check(&dir, &["多行.csv", "-o", "检查结果.xlsx", "-q"]);
    assert!(matches!(out.status.code(), Some(0 | 5)), "{}", stderr(&out));
    let book = dir.path("检查结果.xlsx");
    let copy = sheet_names(&book).into_iter().find(|n| n != "检查结果" && n != "数据问题").expect("the copy");
    let (xml, _) = sheet_xml(&book, &copy);
    let styles = cell_styles(&xml);
    let styles_xml = crate::util::xlsx_part(&book, "xl/styles.xml").unwrap();
    let xfs = &styles_xml[styles_xml.find("<cellXfs").unwrap()..styles_xml.find("</cellXfs>").unwrap()];
    let wraps: Vec<bool> =
        xfs.split("<xf ").skip(1).map(|xf| xf.split("</xf>").next().unwrap().contains("wrapText=\"1\"")).collect();
    let wrapped = |cell: &str| wraps[styles[cell] as usize];
    assert!(wrapped("E2"), "several lines: wrapped");
    assert!(style_fills(&book)[styles["D3"] as usize].is_some(), "D3 is a problem cell (no date, on two lines)");
    assert!(wrapped("D3"), "a problem cell of several lines: wrapped too");
    assert!(!wrapped("E3"), "one line: as it was");
    // Each of those rows tall enough for its two lines.
    for r in [2, 3] {
        let row = xml.split(&format!("<row r=\"{r}\"")).nth(1).and_then(|t| t.split('>').next()).unwrap();
        assert!(row.contains("ht=\"30\""), "row {r}: {row}");
    }
}
