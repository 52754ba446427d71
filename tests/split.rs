//! `--split-by 单位 --split-dir DIR`: besides the main workbook, one workbook per employer, each with
//! only its own rows, files and columns; 拆分结果 in the main workbook lists them.

use crate::util::{copy_tree, data, sheet, sheet_names, stderr, Dir};
use std::collections::BTreeSet;
use std::path::Path;

/// `guantong screen INPUT -o out.xlsx --split-by 单位 --split-dir FOLDER EXTRA…`, expecting
/// success; the names of the files in FOLDER, sorted.
fn split_into(dir: &Dir, input: &str, folder: &str, extra: &[&str]) -> Vec<String> {
    let args =
        ["screen", input, "--as-of", "2025-12-31", "-o", "out.xlsx", "--split-by", "单位", "--split-dir", folder, "-q"];
    let out = dir.run(&[&args[..], extra].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files: Vec<String> = std::fs::read_dir(dir.path(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// The rows of a workbook's 筛选结果 as (来源 …, 姓名) — the header row found by its 姓名 cell.
fn results(path: &Path) -> Vec<Vec<String>> {
    let rows = sheet(path, "筛选结果");
    rows.into_iter().skip(1).filter(|r| r.iter().any(|c| !c.is_empty())).collect()
}

fn column(path: &Path, header: &str) -> Vec<String> {
    let rows = sheet(path, "筛选结果");
    let c = rows[0].iter().position(|h| h == header).unwrap_or_else(|| panic!("no {header} in {}", path.display()));
    rows[1..].iter().map(|r| r[c].clone()).collect()
}

#[test]
fn a_batch_splits_into_one_workbook_per_employer_whose_rows_partition_the_whole() {
    let dir = Dir::new();
    copy_tree(&data("batch"), &dir.path("batch"));
    let files = split_into(&dir, "batch", "各单位", &["--map", "从业工种=occupation"]);
    let whole = dir.path("out.xlsx");
    let expected = [
        "鞍山化工有限公司",
        "鞍山建设集团有限公司",
        "鞍山机电设备有限公司",
        "鞍山电力设备安装有限公司",
        "鞍山重型机械有限公司",
        "鞍钢股份有限公司炼钢总厂",
    ]
    .map(|e| format!("{e}.xlsx"));
    assert_eq!(files, expected, "one workbook per employer, named after it");
    // Every row of the whole is in exactly one part, and a part holds only its employer.
    let place = |p: &Path| -> Vec<(String, String)> {
        column(p, "来源文件").into_iter().zip(column(p, "来源行号")).collect::<Vec<_>>()
    };
    let mut parts = Vec::new();
    for file in &files {
        let path = dir.path("各单位").join(file);
        let names = sheet_names(&path);
        for must in ["筛选结果", "即将符合", "汇总", "数据问题", "政策依据"] {
            assert!(names.iter().any(|n| n == must), "{file}: {must}");
        }
        // 汇总's table of employers has the one row.
        let employer = file.trim_end_matches(".xlsx");
        let summary = sheet(&path, "汇总");
        let start = summary.iter().position(|r| r[0] == "单位").unwrap() + 1;
        let rows: Vec<&String> = summary[start..].iter().map(|r| &r[0]).filter(|c| !c.is_empty()).collect();
        assert_eq!(rows, [employer], "{file} holds only {employer}");
        parts.extend(place(&path));
        // Its own submission's files only (its folder's), in 政策依据: 鞍钢股份's Excel lock file
        // `~$花名册.xlsx`, set aside, is listed with its roster.
        let policy = sheet(&path, "政策依据");
        let folder = |p: &str| Path::new(p).parent().unwrap().to_path_buf();
        let inputs: Vec<&Vec<String>> = policy.iter().filter(|r| r[0].starts_with("batch/")).collect();
        assert!(!inputs.is_empty());
        let first = folder(&inputs[0][0]);
        assert!(inputs.iter().all(|r| folder(&r[0]) == first), "{file}: another employer's file is listed");
    }
    let mut whole_rows = place(&whole);
    whole_rows.sort();
    parts.sort();
    assert_eq!(parts, whole_rows);
    assert_eq!(results(&whole).len(), whole_rows.len());
    // 拆分结果 lists each file with its count.
    let index = sheet(&whole, "拆分结果");
    let listed: Vec<(String, String)> = index.iter().skip(3).map(|r| (r[2].clone(), r[9].clone())).collect();
    assert_eq!(listed.iter().map(|(f, _)| f.clone()).collect::<BTreeSet<_>>(), files.iter().cloned().collect());
    assert!(listed.iter().all(|(_, result)| result == "已写出"));
    let counted: f64 = index.iter().skip(3).map(|r| r[3].parse::<f64>().unwrap()).sum();
    assert_eq!(counted as usize, whole_rows.len());
}

#[test]
fn employer_names_become_windows_safe_numbered_file_names() {
    let dir = Dir::new();
    dir.write(
        "名册.csv",
        "姓名,单位,技能等级,技能等级取得时间\n\
         甲,鞍钢/炼钢:总厂,技师,2015-01-01\n\
         乙,鞍钢_炼钢_总厂,技师,2015-01-01\n\
         丙,\"A*B?<>|\"\"\",技师,2015-01-01\n\
         丁,,技师,2015-01-01\n\
         戊,鞍钢/炼钢:总厂,高级工,2015-01-01\n",
    );
    let files = split_into(&dir, "名册.csv", "拆分", &[]);
    assert_eq!(files, ["A_B_____.xlsx", "未填单位.xlsx", "鞍钢_炼钢_总厂(2).xlsx", "鞍钢_炼钢_总厂.xlsx"]);
    // The first employer keeps the plain name and both its people.
    let first = dir.path("拆分").join("鞍钢_炼钢_总厂.xlsx");
    assert_eq!(column(&first, "姓名"), ["甲", "戊"]);
}

/// A long Chinese employer name is cut to what Linux takes (255 bytes a name, 3 a character, and
/// the part is first written under a longer temporary name), not only to 100 characters.
#[test]
fn a_long_chinese_employer_name_is_cut_to_a_name_linux_takes() {
    let dir = Dir::new();
    let long = "鞍山".repeat(75);
    dir.write("名册.csv", format!("姓名,单位,技能等级,技能等级取得时间\n甲,{long},技师,2015-01-01\n"));
    let files = split_into(&dir, "名册.csv", "拆分", &[]);
    assert_eq!(files.len(), 1);
    assert!(files[0].len() <= 200 && long.starts_with(files[0].trim_end_matches(".xlsx")), "{}", files[0]);
    assert_eq!(column(&dir.path("拆分").join(&files[0]), "姓名"), ["甲"]);
}

#[test]
fn a_roster_without_an_employer_column_is_named_by_its_submission() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.path("收件/鞍山化工")).unwrap();
    let roster = "姓名,技能等级,技能等级取得时间\n甲,技师,2015-01-01\n";
    std::fs::write(dir.path("收件/鞍山化工/花名册.csv"), roster).unwrap();
    std::fs::write(dir.path("收件/鞍山建设.csv"), roster).unwrap();
    let files = split_into(&dir, "收件", "拆分", &[]);
    assert_eq!(files, ["鞍山化工.xlsx", "鞍山建设.xlsx"]);
}

#[test]
fn split_options_are_checked_before_reading() {
    let dir = Dir::new();
    dir.write("名册.csv", "姓名,单位,技能等级\n甲,乙厂,技师\n");
    for (args, says) in [
        (&["--split-by", "单位"][..], "--split-dir"),
        (&["--split-dir", "拆分"][..], "--split-by"),
        (&["--split-by", "姓名", "--split-dir", "拆分"][..], "不能用于拆分"),
    ] {
        let mut all = vec!["screen", "名册.csv", "-o", "out.xlsx"];
        all.extend_from_slice(args);
        let out = dir.run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let out = dir.run(&["screen", "名册.csv", "--jsonl", "o.jsonl", "--split-by", "单位", "--split-dir", "拆分"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o"), "{}", stderr(&out));
    assert!(!dir.path("o.jsonl").exists());
}

/// A part's rows are the whole's rows: every column of each part's 筛选结果 (the results, the
/// reasons, the data issues with their duplicate notices) holds what the whole's holds for the same
/// source row — whether its bucket was held in memory or read once per part, and however many
/// buckets there were.
#[test]
fn parts_hold_the_wholes_rows_however_the_buckets_fall() {
    let dir = Dir::new();
    copy_tree(&data("batch"), &dir.path("batch"));
    let split = |rows: &str| {
        let folder = format!("各单位_{rows}");
        let extra = ["--map", "从业工种=occupation", "--split-bucket-rows", rows];
        let files: Vec<_> =
            split_into(&dir, "batch", &folder, &extra).iter().map(|f| dir.path(&folder).join(f)).collect();
        files.iter().map(|f| sheet(f, "筛选结果")).collect::<Vec<_>>()
    };
    // 4 rows a bucket: every bucket is over it and read once per part; 40: held, several parts a bucket.
    let (streamed, held, default) = (split("4"), split("40"), split("32768"));
    let whole = sheet(&dir.path("out.xlsx"), "筛选结果");
    let at = |rows: &[Vec<String>], h: &str| rows[0].iter().position(|x| x == h).unwrap();
    let key = |rows: &[Vec<String>], r: &[String]| (r[at(rows, "来源文件")].clone(), r[at(rows, "来源行号")].clone());
    let by_place: std::collections::HashMap<_, _> = whole[1..].iter().map(|r| (key(&whole, r), r)).collect();
    assert_eq!(streamed, held);
    assert_eq!(held, default);
    let mut notices = 0;
    for part in &default {
        for r in &part[1..] {
            let w = by_place[&key(part, r)];
            for (c, h) in part[0].iter().enumerate() {
                assert_eq!(&r[c], &w[at(&whole, h)], "{h} of {:?}", key(part, r));
            }
            notices += usize::from(r[at(part, "数据问题")].contains("重复"));
        }
    }
    assert!(notices > 0, "the batch has a 身份证号 shared across files: its notice is in the parts too");
}

/// A part named like an input in the split folder (a roster without a 单位 column is named after
/// its file) never writes over it: the part takes the next number.
#[test]
fn a_part_never_writes_over_an_input_in_the_split_folder() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.path("收件")).unwrap();
    let input = dir.path("收件/甲厂.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "技能等级", "技能等级取得时间"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["张三", "技师", "2015-01-01"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    book.save(&input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.run(&[
        "screen",
        "收件",
        "--as-of",
        "2025-12-31",
        "-o",
        "全部.xlsx",
        "--split-by",
        "单位",
        "--split-dir",
        "收件",
        "-q",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input is untouched");
    assert!(dir.path("收件/甲厂(2).xlsx").exists());
    assert_eq!(sheet_names(&dir.path("收件/甲厂.xlsx")), ["Sheet1"]);
}

/// A part that cannot be put in place (its name is taken by a folder; on Windows, a workbook left
/// open in Excel) is only known to fail after the main workbook was saved beside it: 拆分结果 is
/// then written again, so it says which part was not written, and the run says so and fails.
#[test]
fn a_part_that_fails_while_the_whole_is_saved_is_marked_in_the_index() {
    let dir = Dir::new();
    copy_tree(&data("batch"), &dir.path("batch"));
    std::fs::create_dir_all(dir.path("各单位/鞍山化工有限公司.xlsx")).unwrap();
    let args = [
        "screen",
        "batch",
        "--as-of",
        "2025-12-31",
        "-o",
        "out.xlsx",
        "--split-by",
        "单位",
        "--split-dir",
        "各单位",
        "--map",
        "从业工种=occupation",
        "-q",
    ];
    let out = dir.run(&args);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("鞍山化工有限公司.xlsx"), "{}", stderr(&out));
    let index = sheet(&dir.path("out.xlsx"), "拆分结果");
    let results: Vec<(String, String)> =
        index.iter().filter(|r| r.len() > 9 && r[2].ends_with(".xlsx")).map(|r| (r[2].clone(), r[9].clone())).collect();
    assert_eq!(results.len(), 6, "{index:?}");
    for (file, result) in &results {
        if file == "鞍山化工有限公司.xlsx" {
            assert!(result.starts_with("未写出"), "{file}: {result}");
            assert!(result.contains("该路径是一个文件夹") && !result.contains("os error"), "in Chinese: {result}");
        } else {
            assert_eq!(result, "已写出", "{file}");
        }
    }
    assert!(index[1][0].contains("已写出 5 个"), "{:?}", index[1]);
    assert!(dir.path("各单位/鞍山建设集团有限公司.xlsx").is_file());
}

/// A file an enterprise sent that could not be read is in that enterprise's workbook (its 数据问题),
/// not only in the whole's; an enterprise none of whose files could be read still gets a workbook,
/// named after its folder, and 拆分结果 says what is in it.
#[test]
fn a_submissions_unreadable_file_reaches_its_own_workbook() {
    let dir = Dir::new();
    copy_tree(&data("batch"), &dir.path("batch"));
    std::fs::copy(data("hostile/truncated.xlsx"), dir.path("batch/鞍山化工/补充.xlsx")).unwrap();
    std::fs::create_dir(dir.path("batch/鞍山新厂")).unwrap();
    std::fs::copy(data("hostile/random_bytes.xls"), dir.path("batch/鞍山新厂/花名册.xls")).unwrap();
    let args =
        ["screen", "batch", "--as-of", "2025-12-31", "-o", "out.xlsx", "--split-by", "单位", "--split-dir", "各单位"];
    let out = dir.run(&args);
    assert_eq!(out.status.code(), Some(4), "files could not be read: {}", stderr(&out));
    let problems = |file: &str| -> Vec<String> {
        sheet(&dir.path("各单位").join(file), "数据问题").iter().map(|r| r.join("|")).collect()
    };
    let chemical = problems("鞍山化工有限公司.xlsx");
    assert!(chemical.iter().any(|l| l.contains("batch/鞍山化工/补充.xlsx") && l.contains("错误")), "{chemical:?}");
    assert!(!chemical.iter().any(|l| l.contains("鞍山新厂")), "not another's file: {chemical:?}");
    let new_plant = problems("鞍山新厂.xlsx");
    assert!(new_plant.iter().any(|l| l.contains("batch/鞍山新厂/花名册.xls") && l.contains("错误")), "{new_plant:?}");
    assert_eq!(results(&dir.path("各单位/鞍山新厂.xlsx")).len(), 0, "no rows");
    let summary = sheet(&dir.path("各单位/鞍山新厂.xlsx"), "汇总");
    assert!(
        summary[1][0]
            .ends_with("共筛选 0 行；数据问题 0 条（错误 0，待核实 0，提示 0）；另有1 个文件无法读取（见“数据问题”）"),
        "{:?}",
        summary[1]
    );
    let others = problems("鞍山建设集团有限公司.xlsx");
    assert!(!others.iter().any(|l| l.contains("补充.xlsx") || l.contains("鞍山新厂")), "{others:?}");

    let index = sheet(&dir.path("out.xlsx"), "拆分结果");
    let result = |part: &str| index.iter().find(|r| r[1] == part).map(|r| (r[3].clone(), r[9].clone()));
    assert_eq!(
        result("鞍山化工有限公司"),
        Some(("7".into(), "已写出；其中1 个文件无法读取，见该工作簿的“数据问题”".into()))
    );
    assert_eq!(result("鞍山新厂"), Some(("0".into(), "已写出；其中1 个文件无法读取，见该工作簿的“数据问题”".into())));
    assert_eq!(result("鞍山建设集团有限公司").map(|r| r.1), Some("已写出".into()));
    // The longer result wraps, in a row tall enough for its two lines.
    let at = index.iter().position(|r| r[1] == "鞍山新厂").unwrap() + 1;
    let (xml, _) = crate::util::sheet_xml(&dir.path("out.xlsx"), "拆分结果");
    let row = xml.split(&format!("<row r=\"{at}\"")).nth(1).and_then(|r| r.split('>').next()).unwrap();
    assert!(row.contains("ht=\"30\""), "row {at}: {row}");
}
