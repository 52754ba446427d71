//! The command line's contract: outputs, exit codes, and clear messages for bad input.

use crate::util::{sheet, sheet_names, stderr, Dir};

#[test]
fn screens_to_workbook_and_jsonl_and_never_touches_the_input() {
    let dir = Dir::new();
    let input = dir.copy("core.xlsx");
    let before = std::fs::read(&input).unwrap();
    let lines = dir.screen("core.xlsx", "2025-12-31", &[]);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let rows = sheet(&dir.path("out.xlsx"), "筛选结果");
    assert_eq!(rows.len(), lines.len() + 1);
    let header = &rows[0];
    assert_eq!(&header[..3], ["序号", "姓名", "身份证号"]);
    assert!(header.contains(&"备注".to_string()), "unknown columns pass through");
    for col in ["技能→职称 结论", "可申报最高职称", "职称→技能 结论", "未满足/待核实", "依据条款", "数据问题"]
    {
        assert!(header.contains(&col.to_string()), "{col}");
    }
    let issues: usize = lines.iter().map(|l| l["issues"].as_array().unwrap().len()).sum();
    assert_eq!(sheet(&dir.path("out.xlsx"), "数据问题").len(), issues + 1);
    assert!(sheet_names(&dir.path("out.xlsx")).contains(&"政策依据".to_string()));
    let leftovers: Vec<_> = std::fs::read_dir(dir.tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn jsonl_has_exactly_the_keys_of_roster_md() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let lines = dir.screen("core.xlsx", "2025-12-31", &[]);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut top = keys(&lines[0]);
    top.sort();
    assert_eq!(
        top,
        [
            "clauses",
            "education_equivalent",
            "file",
            "issues",
            "name",
            "policy",
            "reasons",
            "row",
            "sheet",
            "skill",
            "title",
            "treatment",
            "vetoed"
        ]
    );
    let mut title = keys(&lines[0]["title"]);
    title.sort();
    assert_eq!(title, ["best", "exceptional", "exceptional_basis", "next", "regular", "status"]);
    let mut skill = keys(&lines[0]["skill"]);
    skill.sort();
    assert_eq!(skill, ["level", "next", "promotion", "status", "theory_exempt"]);
    for l in &lines {
        for i in l["issues"].as_array().unwrap() {
            let mut k = keys(i);
            k.sort();
            assert_eq!(k, ["column", "problem", "value"]);
        }
    }
}

#[test]
fn a_bad_cell_is_a_data_issue_and_the_run_goes_on() {
    let dir = Dir::new();
    dir.write("bad.csv", "姓名,技能等级,取得时间,职称,近三年年度考核\n甲,技师,2019-13-45,,合格、合格、合格\n乙,五星工匠,2019-01-01,,合格、合格、合格\n丙,技师,2019-01-01,,合格、合格、合格\n");
    let lines = dir.screen("bad.csv", "2025-12-31", &[]);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["title"]["status"], "needs_review");
    assert_eq!(lines[0]["issues"][0]["column"], "取得时间");
    assert_eq!(lines[0]["issues"][0]["value"], "2019-13-45");
    assert_eq!(lines[1]["title"]["status"], "needs_review");
    assert_eq!(lines[1]["issues"][0]["problem"], "无法识别的技能等级");
    assert_eq!(lines[2]["title"]["status"], "eligible");
}

#[test]
fn unreadable_inputs_fail_with_a_message_naming_the_file() {
    let dir = Dir::new();
    dir.write("broken.xlsx", b"PK\x03\x04 this is not a workbook");
    dir.write("notes.docx", b"x");
    dir.write("empty.csv", b"");
    dir.write("no_header.csv", "说明\n这是填表说明\n");
    dir.write("no_level.csv", "姓名,单位,部门\n甲,A,B\n");
    let cases = [
        ("missing.xlsx", "missing.xlsx：文件不存在"),
        ("broken.xlsx", "broken.xlsx：无法作为工作簿打开"),
        ("notes.docx", "不支持的文件类型"),
        ("empty.csv", "没有找到可筛选的名册"),
        ("no_header.csv", "没有找到可筛选的名册"),
        ("no_level.csv", "缺少必需的列：技能等级或职称"),
    ];
    for (input, message) in cases {
        let out = dir.run(&["screen", input, "--jsonl", "o.jsonl", "-q"]);
        assert_eq!(out.status.code(), Some(3), "{input}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{input}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{input}");
    }
}

#[test]
fn one_unreadable_file_among_good_ones_finishes_with_exit_4() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    // A cut zip: text named .xlsx would be read as the text it is (and skipped, as its .csv twin).
    dir.write("broken.xlsx", b"PK\x03\x04 garbage");
    let out = dir.run(&["screen", "core.xlsx", "broken.xlsx", "--as-of", "2025-12-31", "--jsonl", "o.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.xlsx"));
    assert_eq!(crate::util::jsonl(&dir.path("o.jsonl")).len(), 59);
}

#[test]
fn usage_errors_exit_2() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let cases: [(&[&str], &str); 7] = [
        (&["screen", "core.xlsx", "--as-of", "2025/13/01", "-o", "o.xlsx"], "评价日期“2025/13/01”的月份不存在"),
        (
            &["screen", "core.xlsx", "--map", "从业工种=job", "-o", "o.xlsx"],
            "可用字段：姓名（name）、身份证号（id_number）",
        ),
        (&["screen", "core.xlsx", "--map", "从业工种", "-o", "o.xlsx"], "表头=字段"),
        (&["screen", "core.xlsx"], "请用 -o 指定输出工作簿"),
        (&["screen", "core.xlsx", "-o", "core.xlsx"], "输出文件不能与输入文件相同"),
        (&["screen", "core.xlsx", "-o", "same.out", "--jsonl", "same.out"], "-o 和 --jsonl 指向同一个文件"),
        (&["screen", "core.xlsx", "-o", "same.out", "--jsonl", "./sub/../same.out"], "-o 和 --jsonl 指向同一个文件"),
    ];
    for (args, message) in cases {
        let out = dir.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn an_output_folder_that_does_not_exist_is_named_before_anything_is_read() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    for flag in ["-o", "--jsonl"] {
        let out = dir.run(&["screen", "core.xlsx", flag, "没有这个文件夹/结果.xlsx", "-q"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("没有这个文件夹/结果.xlsx：所在文件夹不存在"), "{}", stderr(&out));
    }
}

/// The usual mistakes, each said in Chinese with what to do — clap's English never shows.
#[test]
fn command_line_mistakes_are_said_in_chinese() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let cases: &[(&[&str], &str)] = &[
        (&["screen", "core.xlsx", "--foo", "-o", "o.xlsx"], "不认识的参数“--foo”"),
        // clap names every command near enough (`serve` too), the nearest last.
        (&["scren", "core.xlsx"], "screen？）"),
        (&["screen"], "缺少必需的参数：<名册文件或文件夹>"),
        (&["screen", "core.xlsx", "-o", "o.xlsx", "--zip-level", "12"], "参数 --zip-level <1-9> 的值“12”无效"),
        (&["screen", "core.xlsx", "-o", "out.xls"], "须以 .xlsx 结尾"),
        (&["screen", "core.xlsx", "-o", "out"], "须以 .xlsx 结尾"),
        (&["screen", "core.xlsx", "-o", "o.xlsx", "--as-of", "2025-13-01"], "月份不存在"),
        (&["screen", "core.xlsx", "-o", "o.xlsx", "--as-of", "2025-02-30"], "日期不存在"),
    ];
    for (k, (args, message)) in cases.iter().enumerate() {
        let out = dir.run(args);
        let said = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains(message), "{args:?}: {said}");
        for english in ["error:", "Usage:", "tip:", "For more information"] {
            assert!(!said.contains(english), "{args:?}: {said}");
        }
        // The parser's mistakes (the first four) say where the options are listed.
        assert!(k >= 4 || said.contains("--help"), "{args:?} says where to look: {said}");
    }
    let help = dir.run(&["screen", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.status.success() && text.contains("用法：guantong screen [选项]") && text.contains("显示帮助"),
        "{text}"
    );
    assert!(!text.contains("Usage:") && !text.contains("Options:") && !text.contains("[default"), "{text}");
}

/// `--as-of` takes the forms people type.
#[test]
fn as_of_takes_the_forms_people_type() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let want = dir.screen("core.xlsx", "2025-12-31", &[]);
    for form in ["2025/12/31", "20251231", "2025年12月31日"] {
        assert_eq!(dir.screen("core.xlsx", form, &[]), want, "{form}");
    }
}

/// An output that could not be written at the end is refused before anything is read: here a
/// folder stands where the workbook should go.
#[test]
fn an_output_that_cannot_be_written_is_refused_before_reading() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    std::fs::create_dir(dir.path("结果.xlsx")).unwrap();
    let out = dir.run(&["screen", "core.xlsx", "-o", "结果.xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("结果.xlsx：是一个文件夹"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("读取 core.xlsx"), "refused before reading: {}", stderr(&out));
}

#[test]
fn an_output_that_cannot_be_written_does_not_stop_the_other() {
    // A JSONL name so long (250 bytes) that its temporary file's name, longer still, cannot be
    // made: the JSONL fails once the screening has begun, and the workbook is still written.
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let long = format!("{}.jsonl", "j".repeat(244));
    let out = dir.run(&["screen", "core.xlsx", "--as-of", "2025-12-31", "-o", "out.xlsx", "--jsonl", &long, "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{long}：无法写入")), "{}", stderr(&out));
    assert!(stderr(&out).contains("已写出：out.xlsx"), "which output was written: {}", stderr(&out));
    assert!(stderr(&out).contains(&format!("未写出：{long}（原有文件不变）")), "{}", stderr(&out));
    assert_eq!(crate::util::sheet(&dir.path("out.xlsx"), "筛选结果").len(), 60, "the workbook is complete");
    let left: Vec<_> = std::fs::read_dir(dir.path(".")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().starts_with('.')), "no temporary file left: {left:?}");
}

#[test]
fn an_existing_output_is_replaced_whole() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    dir.write("out.jsonl", "old\n");
    let lines = dir.screen("core.xlsx", "2025-12-31", &[]);
    assert_eq!(lines.len(), 59);
}

#[test]
fn map_names_an_unknown_header() {
    let dir = Dir::new();
    dir.write("m.csv", "姓名,从业工种,等级,发证时间\n甲,车工,技师,2015-01-01\n");
    let lines = dir.screen("m.csv", "2025-12-31", &["--map", "等级=skill_level"]);
    assert_eq!(lines[0]["title"]["best"], "工程师");
}

#[test]
fn the_run_prints_what_it_read_and_a_summary() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let out = dir.run(&["screen", "core.xlsx", "--as-of", "2025-12-31", "-o", "o.xlsx"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("表头第4行，数据59行"), "{err}");
    assert!(err.contains("原样保留的列：序号，备注"), "{err}");
    assert!(err.contains("共筛选 59 行"), "{err}");
}

/// Explorer starts the program with the dropped paths and nothing else: `screen` with the defaults,
/// the results beside the dropped folder (not in it), dated today, never over an earlier run's.
#[test]
fn a_folder_dropped_on_the_program_is_screened_beside_it_with_the_defaults() {
    let dir = Dir::new();
    crate::util::copy_tree(&crate::util::data("batch"), &dir.path("各单位 报送"));
    let today = chrono::Local::now().date_naive();
    let out = dir.run(&["各单位 报送"]);
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr(&out));
    let name = format!("筛选结果_{}", today.format("%Y%m%d"));
    let workbook = dir.path(&format!("{name}.xlsx"));
    assert!(stderr(&out).contains(&format!("工作簿：{}", workbook.display())), "{}", stderr(&out));
    let dropped = crate::util::jsonl(&dir.path(&format!("{name}.jsonl")));
    let typed = dir.run(&[
        "screen",
        "各单位 报送",
        "--as-of",
        &today.format("%Y-%m-%d").to_string(),
        "--jsonl",
        "typed.jsonl",
        "-q",
    ]);
    assert!(typed.status.success(), "{}", stderr(&typed));
    assert_eq!(dropped, crate::util::jsonl(&dir.path("typed.jsonl")), "the defaults are screen's");
    assert_eq!(sheet(&workbook, "筛选结果").len(), dropped.len() + 1);
    assert!(!dir.path("各单位 报送").join(format!("{name}.xlsx")).exists(), "not into the dropped folder");

    let before = std::fs::read(&workbook).unwrap();
    let again = dir.run(&["各单位 报送"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read(&workbook).unwrap(), before, "an earlier run's workbook is kept");
    assert!(dir.path(&format!("{name}(2).xlsx")).exists() && dir.path(&format!("{name}(2).jsonl")).exists());
}

#[test]
fn dropped_paths_of_which_one_is_missing_name_it() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let out = dir.run(&["core.xlsx", "没有这个.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("找不到文件或文件夹 “没有这个.xlsx”"), "{}", stderr(&out));
    assert!(std::fs::read_dir(dir.path(".")).unwrap().count() == 1, "nothing written");
}

#[test]
fn an_option_after_dropped_paths_says_how_to_use_options() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    let out = dir.run(&["core.xlsx", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不能再加选项 “-q”；要用选项请写 guantong screen"), "{}", stderr(&out));
}

/// Double-clicked, the program has no arguments: the help, then how to start without a command line.
#[test]
fn started_with_nothing_it_shows_the_help_and_how_to_drop_a_folder() {
    let out = Dir::new().run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("用法：guantong <命令>"), "{}", stderr(&out));
    assert!(stderr(&out).contains("把名册文件或文件夹拖到 guantong"), "{}", stderr(&out));
}

/// `--progress-json` is what `guantong serve`'s page reads: one JSON object per line on stdout,
/// the last saying how the run ended, every file with what became of it, and the summary — also
/// under `-q`, which only keeps the terminal quiet.
#[test]
fn progress_json_ends_with_the_exit_every_file_and_the_summary() {
    let dir = Dir::new();
    dir.copy("core.xlsx");
    dir.write("broken.xlsx", b"PK\x03\x04 garbage");
    dir.write("notes.txt.bak", b"x");
    let out = dir.run(&["screen", ".", "--as-of", "2025-12-31", "--jsonl", "o.jsonl", "-q", "--progress-json"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.xlsx"), "errors still go to stderr: {}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let phases: Vec<&str> = lines.iter().map(|l| l["phase"].as_str().unwrap()).collect();
    assert_eq!(phases.last(), Some(&"done"), "{phases:?}");
    assert!(phases.contains(&"read") && phases.contains(&"screen"), "{phases:?}");
    let screen = lines.iter().rfind(|l| l["phase"] == "screen").unwrap();
    assert_eq!((screen["rows"].as_u64(), screen["total"].as_u64()), (Some(59), Some(59)));
    let done = lines.last().unwrap();
    assert_eq!(done["exit"], 4);
    let states: Vec<(String, String)> = done["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string(), f["state"].to_string()))
        .collect();
    assert_eq!(
        states,
        [
            ("broken.xlsx".to_string(), "\"unreadable\"".to_string()),
            ("core.xlsx".to_string(), "\"screened\"".to_string()),
            ("notes.txt.bak".to_string(), "\"skipped\"".to_string()),
        ]
    );
    assert!(done["summary"].as_str().unwrap().contains("59"), "{done}");
}

#[test]
fn progress_json_says_why_a_run_stopped() {
    let dir = Dir::new();
    let out = dir.run(&["check", "nowhere.xlsx", "--progress-json"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let last = String::from_utf8_lossy(&out.stdout).lines().last().map(str::to_string).unwrap_or_default();
    let done: serde_json::Value = serde_json::from_str(&last).unwrap_or_else(|e| panic!("{last}: {e}"));
    assert_eq!((done["phase"].as_str(), done["exit"].as_u64()), (Some("done"), Some(3)));
    assert!(done["summary"].as_str().unwrap().starts_with("错误："), "{done}");
}
