//! The workbook's contract: which sheets, in which order, holding whom — checked against the JSONL
//! of the same run — and that it is reproducible, masks 身份证号 and continues long lists.

use calamine::{open_workbook_auto, Data, DataType, Reader};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2025-12-31";

fn core() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/core.xlsx")
}

/// `guantong screen core.xlsx --as-of 2025-12-31 -o out.xlsx --jsonl out.jsonl -q EXTRA…` in `dir`;
/// returns the JSONL lines.
fn screen(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let input = core();
    let mut args =
        vec!["screen", input.to_str().unwrap(), "--as-of", AS_OF, "-o", "out.xlsx", "--jsonl", "out.jsonl", "-q"];
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_guantong")).args(&args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(dir.join("out.jsonl")).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Every sheet of a workbook, in order, as rows of cells; a list's table from its header row on
/// (the title block above it is checked by `lists_print_as_titled_paginated_documents`).
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb = open_workbook_auto(path).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let rows: Vec<Vec<Data>> = wb.worksheet_range(&n).unwrap().rows().map(<[Data]>::to_vec).collect();
            let header = rows.iter().take(5).position(|r| r.first().and_then(Data::get_string) == Some("序号"));
            (n.clone(), rows[header.unwrap_or(0)..].to_vec())
        })
        .collect()
}

fn sheet<'a>(all: &'a [(String, Vec<Vec<Data>>)], name: &str) -> &'a [Vec<Data>] {
    &all.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no sheet {name}")).1
}

/// The index of `header` in a sheet's first row.
fn col(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0].iter().position(|c| c.get_string() == Some(header)).unwrap_or_else(|| panic!("no column {header}"))
}

fn source_rows(rows: &[Vec<Data>]) -> Vec<u64> {
    let c = col(rows, "来源行号");
    rows[1..].iter().map(|r| r[c].as_f64().unwrap() as u64).collect()
}

/// The rule of `src/write/workbook/pathways.rs`, from the JSONL: the sheets a line puts its person on.
fn pathway_sheets(line: &Value) -> Vec<String> {
    let (title, skill) = (&line["title"], &line["skill"]);
    let mut on = Vec::new();
    if title["status"] == "eligible" {
        let best = title["best"].as_str().unwrap();
        let way = if title["regular"] == title["best"] { "可申报" } else { "破格申报" };
        on.push(format!("{way}{best}"));
    }
    if skill["status"] == "eligible" {
        on.push(format!("可申报{}", skill["level"].as_str().unwrap_or("职业技能评价")));
    }
    if title["status"] == "needs_review" || skill["status"] == "needs_review" {
        on.push("待核实".to_string());
    }
    on
}

/// Every pathway sheet that can exist, in the workbook's order.
fn pathway_order() -> Vec<String> {
    let titles = ["助理工程师", "工程师", "高级工程师", "正高级工程师"];
    let regular = titles.iter().map(|t| format!("可申报{t}"));
    let exceptional = titles.iter().map(|t| format!("破格申报{t}"));
    let skill = ["职业技能评价", "高级工", "技师", "高级技师"].map(|l| format!("可申报{l}"));
    regular.chain(exceptional).chain(skill).chain(["待核实".to_string()]).collect()
}

/// Is there a full 18-character 身份证号 (17 digits and a check character) in `s`?
fn has_full_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(18).any(|w| w[..17].iter().all(u8::is_ascii_digit) && (w[17].is_ascii_digit() || w[17] == b'X'))
}

#[test]
fn sheets_come_in_order_and_only_those_reached() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &[]);
    let reached: Vec<String> = lines.iter().flat_map(pathway_sheets).collect();
    let pathways = pathway_order().into_iter().filter(|s| reached.contains(s));
    let expected: Vec<String> = ["筛选结果".to_string()]
        .into_iter()
        .chain(pathways)
        .chain(["即将符合", "汇总", "数据问题", "政策依据"].map(String::from))
        .collect();
    let names: Vec<String> = sheets(&dir.path().join("out.xlsx")).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, expected);
    for must in ["可申报工程师", "破格申报正高级工程师", "可申报技师", "可申报高级技师", "待核实"]
    {
        assert!(names.iter().any(|n| n == must), "{must} is reached by the fixture");
    }
}

#[test]
fn each_pathway_sheet_lists_exactly_its_people() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &[]);
    let all = sheets(&dir.path().join("out.xlsx"));
    for name in pathway_order() {
        let expected: Vec<&Value> = lines.iter().filter(|l| pathway_sheets(l).contains(&name)).collect();
        let Some((_, rows)) = all.iter().find(|(n, _)| *n == name) else {
            assert!(expected.is_empty(), "{name} missing");
            continue;
        };
        for header in ["序号", "姓名", "身份证号", "单位", "依据条款", "来源文件", "来源工作表", "来源行号"]
        {
            col(rows, header);
        }
        let names: Vec<String> = rows[1..].iter().map(|r| r[col(rows, "姓名")].to_string()).collect();
        let want: Vec<&str> = expected.iter().map(|l| l["name"].as_str().unwrap()).collect();
        assert_eq!(names, want, "{name}");
        let want_rows: Vec<u64> = expected.iter().map(|l| l["row"].as_u64().unwrap()).collect();
        assert_eq!(source_rows(rows), want_rows, "{name}");
    }
    let engineers = lines.iter().filter(|l| l["title"]["status"] == "eligible" && l["title"]["best"] == "工程师");
    let regular = engineers.filter(|l| l["title"]["regular"] == "工程师").count();
    assert_eq!(sheet(&all, "可申报工程师").len() - 1, regular);
    let review = sheet(&all, "待核实");
    let verify = col(review, "待核实事项");
    assert!(review[1..].iter().all(|r| !r[verify].to_string().is_empty()), "待核实 says what to verify");
}

#[test]
fn results_keep_every_row_with_real_dates_and_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &[]);
    let all = sheets(&dir.path().join("out.xlsx"));
    let rows = sheet(&all, "筛选结果");
    assert_eq!(rows.len(), lines.len() + 1);
    assert_eq!(source_rows(rows), lines.iter().map(|l| l["row"].as_u64().unwrap()).collect::<Vec<_>>());
    let label = |s: &str| match s {
        "eligible" => "符合",
        "needs_review" => "待核实",
        "not_eligible" => "不符合",
        "already_held" => "已具备",
        _ => "不适用",
    };
    let (title, skill) = (col(rows, "技能→职称 结论"), col(rows, "职称→技能 结论"));
    for (r, l) in rows[1..].iter().zip(&lines) {
        assert_eq!(r[title].to_string(), label(l["title"]["status"].as_str().unwrap()));
        assert_eq!(r[skill].to_string(), label(l["skill"]["status"].as_str().unwrap()));
    }
    // I5 of core.xlsx is a real date cell: it stays one.
    let date = col(rows, "技能等级取得时间");
    assert!(rows[1][date].as_date().is_some(), "{:?}", rows[1][date]);
    let next = col(rows, "下一职称及日期");
    for (r, l) in rows[1..].iter().zip(&lines) {
        let want = match l["title"]["next"].as_object() {
            Some(n) => format!("{}（{}）", n["title"].as_str().unwrap(), n["date"].as_str().unwrap()),
            None => String::new(),
        };
        assert_eq!(r[next].to_string(), want);
    }
}

#[test]
fn summary_counts_match_the_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &[]);
    let path = dir.path().join("out.xlsx");
    let all = sheets(&path);
    let rows = sheet(&all, "汇总");
    let row = |label: &str| {
        rows.iter().find(|r| r[0].get_string() == Some(label)).unwrap_or_else(|| panic!("no row {label}"))
    };
    let count = |r: &[Data], c: usize| r[c].as_f64().unwrap() as usize;
    // Route 三: the 工程师 row, 符合 (column B) and 合计 (column G).
    let engineers = lines.iter().filter(|l| l["title"]["best"] == "工程师");
    assert_eq!(count(row("工程师"), 1), engineers.clone().filter(|l| l["title"]["status"] == "eligible").count());
    assert_eq!(count(row("工程师"), 6), engineers.count());
    // Route 四: the 技师 row.
    let technicians = lines.iter().filter(|l| l["skill"]["level"] == "技师" && l["skill"]["status"] == "eligible");
    assert_eq!(count(row("技师"), 1), technicians.count());
    // Both route tables total every row.
    let totals: Vec<usize> = rows
        .iter()
        .filter(|r| r[0].get_string() == Some("合计") && r.len() > 6 && !r[6].is_empty())
        .map(|r| count(r, 6))
        .collect();
    assert_eq!(totals, [lines.len(), lines.len()]);
    // Each list's count is its sheet's length.
    for (name, list) in all.iter().filter(|(n, _)| pathway_order().contains(n)) {
        assert_eq!(count(row(name), 1), list.len() - 1, "{name}");
    }
    // Employers: every row counted once, largest first.
    let start = rows.iter().position(|r| r[0].get_string() == Some("单位")).unwrap() + 1;
    let employers: Vec<usize> = rows[start..].iter().map(|r| count(r, 1)).collect();
    assert_eq!(employers.iter().sum::<usize>(), lines.len());
    assert!(employers.windows(2).all(|w| w[0] >= w[1]), "{employers:?}");
    // The charts are in the package (zip entry names are stored uncompressed).
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.windows(20).any(|w| w == b"xl/charts/chart1.xml"));
}

#[test]
fn issues_sheet_has_one_filterable_line_per_issue() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &[]);
    let all = sheets(&dir.path().join("out.xlsx"));
    let rows = sheet(&all, "数据问题");
    let headers: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        headers,
        ["来源文件", "工作表", "行号", "姓名", "身份证号", "单位", "严重程度", "列", "原始值", "问题", "处理建议"]
    );
    let text = |v: &Value| v.as_str().unwrap().to_string();
    let expected: Vec<(u64, String, String)> = lines
        .iter()
        .flat_map(|l| {
            let row = l["row"].as_u64().unwrap();
            l["issues"].as_array().unwrap().iter().map(move |i| (row, text(&i["column"]), text(&i["value"])))
        })
        .collect();
    let got: Vec<(u64, String, String)> =
        rows[1..].iter().map(|r| (r[2].as_f64().unwrap() as u64, r[7].to_string(), r[8].to_string())).collect();
    assert_eq!(got, expected);
    assert!(rows[1..].iter().all(|r| !r[10].to_string().is_empty()), "every issue says what to do");
    // Each line says how much it matters; an unlisted honour changes nothing, a bad date is an error.
    let severity = |problem: &str| {
        rows[1..].iter().find(|r| r[9].to_string().contains(problem)).map(|r| r[6].to_string()).unwrap_or_default()
    };
    assert_eq!(severity("不作为破格依据"), "提示");
    assert_eq!(severity("身份证号校验码错误"), "错误");
    assert_eq!(severity("日期晚于评价日期"), "错误");
    assert_eq!(severity("日期只有年份"), "待核实");
    assert_eq!(severity("名次不明确"), "待核实");
    assert!(rows[1..].iter().all(|r| ["错误", "待核实", "提示"].contains(&r[6].to_string().as_str())));
    // Each line carries the person's 身份证号 and 单位 (the first is 王芳's row 6 of core.xlsx).
    let first = &rows[1];
    let line = lines.iter().find(|l| l["row"].as_u64() == first[2].as_f64().map(|n| n as u64)).unwrap();
    assert_eq!(first[3].to_string(), line["name"].as_str().unwrap());
    assert!(!first[4].to_string().is_empty() && !first[5].to_string().is_empty(), "{first:?}");
}

#[test]
fn policy_sheet_records_how_the_workbook_was_made() {
    let dir = tempfile::tempdir().unwrap();
    screen(dir.path(), &[]);
    let all = sheets(&dir.path().join("out.xlsx"));
    let rows = sheet(&all, "政策依据");
    let find =
        |label: &str| rows.iter().find(|r| r[0].to_string().starts_with(label)).unwrap_or_else(|| panic!("{label}"));
    let policy = &guantong::policy::Policy::embedded().document;
    assert_eq!(find("文号")[1].to_string(), policy.number);
    assert!(find("政策文件")[1].to_string().contains(policy.name));
    assert!(find("政策来源")[1].to_string().starts_with("程序内置"), "{:?}", find("政策来源"));
    assert_eq!(find("评价日期")[1].as_date().map(|d| d.to_string()).as_deref(), Some(AS_OF));
    assert_eq!(find("程序版本")[1].to_string(), format!("guantong {}", env!("CARGO_PKG_VERSION")));
    let command = find("命令行")[1].to_string();
    assert!(command.starts_with("guantong screen ") && command.contains("--as-of 2025-12-31"), "{command}");
    let file = find(core().to_str().unwrap());
    let sha: String = Sha256::digest(std::fs::read(core()).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!((file[1].to_string(), file[2].as_f64()), (sha, Some(59.0)));
    let embedded = guantong::policy::Policy::embedded();
    for c in &embedded.committee_checks {
        let listed = rows.iter().any(|r| r[0].get_string() == Some(c.clauses) && r[1].get_string() == Some(c.text));
        assert!(listed, "{}", c.clauses);
    }
    // Every clause with its quoted text, so the committee reads what each reason cites.
    for c in embedded.clauses {
        assert!(rows.iter().any(|r| r[0].get_string() == Some(c.id) && r[1].get_string() == Some(c.text)), "{}", c.id);
    }
}

#[test]
fn same_inputs_and_options_give_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    screen(a.path(), &[]);
    let first = std::fs::read(a.path().join("out.xlsx")).unwrap();
    screen(a.path(), &[]);
    assert!(std::fs::read(a.path().join("out.xlsx")).unwrap() == first, "second run in the same folder differs");
    screen(b.path(), &[]);
    assert!(std::fs::read(b.path().join("out.xlsx")).unwrap() == first, "run in another folder differs");
}

#[test]
fn mask_id_leaves_no_full_id_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &["--mask-id"]);
    let all = sheets(&dir.path().join("out.xlsx"));
    for (name, rows) in &all {
        for cell in rows.iter().flatten() {
            assert!(!has_full_id(&cell.to_string()), "{name}: {cell}");
        }
    }
    for line in &lines {
        assert!(!has_full_id(&line.to_string()), "{line}");
    }
    let results = sheet(&all, "筛选结果");
    let id = results[1][col(results, "身份证号")].to_string();
    assert_eq!(id, "210302********5598", "first 6 and last 4 kept");
    let list = sheet(&all, "可申报工程师");
    assert!(list[1..].iter().all(|r| r[col(list, "身份证号")].to_string().contains("********")));
}

#[test]
fn long_results_continue_on_numbered_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &["--max-rows-per-sheet", "21"]);
    let all = sheets(&dir.path().join("out.xlsx"));
    let parts: Vec<&(String, Vec<Vec<Data>>)> = all.iter().filter(|(n, _)| n.starts_with("筛选结果")).collect();
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["筛选结果", "筛选结果(2)", "筛选结果(3)"]);
    let sizes: Vec<usize> = parts.iter().map(|(_, rows)| rows.len() - 1).collect();
    assert_eq!(sizes, [20, 20, 19]);
    let rows: Vec<u64> = parts.iter().flat_map(|(_, rows)| source_rows(rows)).collect();
    assert_eq!(rows, lines.iter().map(|l| l["row"].as_u64().unwrap()).collect::<Vec<_>>());
    assert!(parts.iter().all(|(_, rows)| rows[0] == parts[0].1[0]), "every part repeats the header");
}

/// The XML parts of a workbook, by name (the sheets, the charts, workbook.xml).
fn parts(path: &Path) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().ok()?.to_string();
            let mut text = String::new();
            (name.ends_with(".xml") && f.read_to_string(&mut text).is_ok()).then_some((name, text))
        })
        .collect()
}

/// What a printed list looks like: its title block (name, policy, evaluation date) above the
/// table, A4 landscape fitted to the width, the title block and header repeated on each page, a
/// page header with the count and the policy number, a page-numbered footer; tall rows for
/// multi-line reasons.
#[test]
fn lists_print_as_titled_paginated_documents() {
    let dir = tempfile::tempdir().unwrap();
    let lines = screen(dir.path(), &[]);
    let path = dir.path().join("out.xlsx");
    let mut wb = open_workbook_auto(&path).unwrap();
    let rows: Vec<Vec<Data>> = wb.worksheet_range("可申报工程师").unwrap().rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[0][0].to_string(), "可申报工程师");
    let policy = rows[1][0].to_string();
    assert!(policy.contains("鞍人社〔2020〕33号") && policy.contains("评价日期：2025-12-31"), "{policy}");
    assert_eq!(rows[2][0].to_string(), "序号");
    let people = lines
        .iter()
        .filter(|l| {
            l["title"]["status"] == "eligible" && l["title"]["best"] == "工程师" && l["title"]["regular"] == "工程师"
        })
        .count();

    let parts = parts(&path);
    let list = parts
        .iter()
        .find(|(_, xml)| xml.contains(&format!("可申报工程师（共{people}人）")))
        .map(|(_, xml)| xml)
        .expect("the list's page header counts its people");
    for must in [
        "orientation=\"landscape\"",
        "paperSize=\"9\"",
        "fitToHeight=\"0\"",
        "fitToPage=\"1\"",
        "&amp;P",
        "&amp;N",
        "鞍人社〔2020〕33号",
    ] {
        assert!(list.contains(must), "{must}");
    }
    assert!(list.contains("customHeight=\"1\""), "rows of several lines are made tall");
    let workbook = &parts.iter().find(|(n, _)| n == "xl/workbook.xml").unwrap().1;
    assert!(workbook.contains("_xlnm.Print_Titles") && workbook.contains("可申报工程师!$1:$3"), "{workbook}");
    // 筛选结果 prints too, its header repeated, its multi-line rows tall.
    let results = parts.iter().find(|(_, xml)| xml.contains("&amp;L&amp;\"-,Bold\"筛选结果")).map(|(_, x)| x);
    assert!(results.expect("筛选结果's page header").contains("customHeight=\"1\""));
}

/// 汇总's employer chart: a bar chart whose category axis runs top to bottom (the largest employer,
/// the table's first row, at the top) and whose value axis is not reversed (bars grow rightwards).
#[test]
fn the_employer_chart_reads_left_to_right_largest_first() {
    let dir = tempfile::tempdir().unwrap();
    screen(dir.path(), &[]);
    let parts = parts(&dir.path().join("out.xlsx"));
    let bar = parts.iter().find(|(n, xml)| n.starts_with("xl/charts/") && xml.contains("<c:barDir val=\"bar\"/>"));
    let xml = &bar.expect("the employer chart").1;
    let axis = |tag: &str| {
        let start = xml.find(&format!("<c:{tag}>")).unwrap_or_else(|| panic!("{tag}"));
        let end = xml[start..].find(&format!("</c:{tag}>")).unwrap() + start;
        xml[start..end].to_string()
    };
    assert!(axis("catAx").contains("<c:orientation val=\"maxMin\"/>"), "categories top to bottom");
    assert!(axis("valAx").contains("<c:orientation val=\"minMax\"/>"), "values left to right");
}

/// 即将符合's boundaries (as-of 2025-12-31, horizon 12 months: 2026-01-01 to 2026-12-31): the last
/// day is in, the day after is out, a `next` already reached is not a next, and a step to a title
/// already held is no step. Sorted by date; counted in 汇总 by month; `--horizon` narrows it.
#[test]
fn upcoming_lists_who_reaches_the_years_within_the_horizon_by_date() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "姓名,身份证号,单位,岗位类别,技能等级,技能等级取得时间,职称,职称取得时间,近三年年度考核\n\
        末日,,甲厂,技能岗位,技师,2023-12-31,,,2023合格、2024合格、2025合格\n\
        次日,,甲厂,技能岗位,技师,2024-01-01,,,2023合格、2024合格、2025合格\n\
        已满,,甲厂,技能岗位,技师,2022-12-31,,,2023合格、2024合格、2025合格\n\
        已有,,乙厂,技能岗位,技师,2023-06-15,工程师,2020-01-01,2023合格、2024合格、2025合格\n\
        年中,,乙厂,技能岗位,,,工程师,2023-06-30,2023合格、2024合格、2025合格\n";
    std::fs::write(dir.path().join("名册.csv"), roster).unwrap();
    let run = |horizon: &str| {
        let args = ["screen", "名册.csv", "--as-of", AS_OF, "-o", "out.xlsx", "--jsonl", "out.jsonl", "-q"];
        let out = Command::new(env!("CARGO_BIN_EXE_guantong"))
            .args(args)
            .args(["--horizon", horizon])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        sheets(&dir.path().join("out.xlsx"))
    };
    let all = run("12");
    let soon = sheet(&all, "即将符合");
    let cell = |r: &Vec<Data>, h: &str| r[col(soon, h)].to_string();
    let lines: Vec<(String, String, String, String)> = soon[1..]
        .iter()
        .map(|r| (cell(r, "姓名"), cell(r, "路径"), cell(r, "届时可申报"), cell(r, "依据条款")))
        .collect();
    let line = |n: &str, route: &str, to: &str, clause: &str| (n.into(), route.into(), to.into(), clause.into());
    assert_eq!(
        lines,
        [line("年中", "职称→技能", "高级技师", "四（四）1"), line("末日", "技能→职称", "工程师", "三（二）2")]
    );
    let dates: Vec<String> =
        soon[1..].iter().map(|r| r[col(soon, "满足日期")].as_date().unwrap().to_string()).collect();
    assert_eq!(dates, ["2026-06-30", "2026-12-31"]);
    // The JSONL keeps every `next`, the one past the window too.
    let text = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    let next: Vec<Value> =
        text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["title"]["next"].clone()).collect();
    assert_eq!(next[1]["date"], "2027-01-01");
    assert_eq!(next[2], Value::Null, "reached on the evaluation date: no next");
    // 汇总: a row per month of the window, the two lines in June and December.
    let summary = sheet(&all, "汇总");
    let month = |m: &str| {
        summary
            .iter()
            .find(|r| r[0].get_string() == Some(m))
            .map(|r| r[1..4].iter().map(|c| c.as_f64().unwrap_or(-1.0)).collect::<Vec<_>>())
    };
    assert_eq!(month("2026年06月"), Some(vec![0.0, 1.0, 1.0]));
    assert_eq!(month("2026年12月"), Some(vec![1.0, 0.0, 1.0]));
    assert_eq!(month("2026年01月"), Some(vec![0.0, 0.0, 0.0]));
    assert_eq!(month("2027年01月"), None);
    // Six months: December is past the window.
    let all = run("6");
    let soon = sheet(&all, "即将符合");
    assert_eq!(soon.len(), 2, "only 年中 within six months");
}
