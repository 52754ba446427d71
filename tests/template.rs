//! `guantong template`: the roster template an enterprise fills in. Its sheets, header and example
//! row read back; its checks and formats are in the sheet XML (calamine does not read them); the
//! policy in force fills its drop-downs; and the template filled in (tests/data/template, made by
//! scripts/make_template_fixtures.py) screens with no `--map` to the hand-derived answers.

use crate::util::{data, jsonl, sheet, sheet_names, stderr, Dir};
use serde_json::Value;
use std::io::Read;
use std::path::Path;

/// The header under 33号 for 2026: ROSTER.md's first header of each key, the appraisal one year a
/// column for the three years before 2026.
const HEADER_2026: [&str; 24] = [
    "姓名",
    "身份证号",
    "单位",
    "部门",
    "岗位类别",
    "职业（工种）",
    "从事本职业起始时间",
    "技能等级",
    "技能等级取得时间",
    "高级工取得时间",
    "技师取得时间",
    "职称",
    "职称取得时间",
    "学历",
    "技工院校班级",
    "所学专业",
    "所学专业是否对口",
    "2023年度考核",
    "2024年度考核",
    "2025年度考核",
    "荣誉称号",
    "技能竞赛",
    "技能大师工作室",
    "诚信情况",
];

/// `guantong template -o NAME --year YEAR EXTRA…` in `dir`, expecting success.
fn template(dir: &Dir, name: &str, year: &str, extra: &[&str]) -> std::path::PathBuf {
    let mut args = vec!["template", "-o", name, "--year", year];
    args.extend_from_slice(extra);
    let out = dir.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir.path(name)
}

/// The XML of each sheet of a workbook, by sheet name (in workbook order, as the writer numbers
/// its `sheetN.xml`), and the workbook's own XML.
fn sheet_xml(path: &Path) -> (Vec<(String, String)>, String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap();
        text
    };
    let workbook = read("xl/workbook.xml");
    let names: Vec<String> =
        workbook.split("<sheet name=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect();
    let sheets = names.into_iter().enumerate().map(|(i, n)| (n, read(&format!("xl/worksheets/sheet{}.xml", i + 1))));
    (sheets.collect(), workbook)
}

fn xml_of<'a>(sheets: &'a [(String, String)], name: &str) -> &'a str {
    &sheets.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("sheet {name}")).1
}

/// The `<dataValidation …>…</dataValidation>` elements of a sheet.
fn validations(xml: &str) -> Vec<&str> {
    xml.split("<dataValidation ").skip(1).map(|v| v.split("</dataValidation>").next().unwrap()).collect()
}

/// The check on a column (`H`), covering its data rows from row 2 on.
fn check_on<'a>(xml: &'a str, column: &str) -> &'a str {
    let sqref = format!("sqref=\"{column}2:{column}50001\"");
    validations(xml).into_iter().find(|v| v.contains(&sqref)).unwrap_or_else(|| panic!("no check on {column}"))
}

/// Excel's letter of a header's column.
fn letter(header: &str) -> String {
    let i = HEADER_2026.iter().position(|h| *h == header).unwrap();
    char::from(b'A' + i as u8).to_string()
}

#[test]
fn the_template_has_its_sheets_the_canonical_header_and_an_example_row() {
    let dir = Dir::new();
    let path = template(&dir, "花名册模板.xlsx", "2026", &[]);
    assert_eq!(sheet_names(&path), ["填表说明", "花名册"], "no list sheet: every 33号 list fits inline");
    let roster = sheet(&path, "花名册");
    assert_eq!(roster[0], HEADER_2026);
    assert_eq!(roster.len(), 2, "the header and the example row");
    assert_eq!(roster[1][0], "示例：张三");
    let notes: Vec<String> = sheet(&path, "填表说明").concat();
    let said = |text: &str| notes.iter().any(|c| c.contains(text));
    assert!(said("鞍人社〔2020〕33号《关于高技能人才与工程技术人才职业发展贯通工作实施方案》"), "the policy");
    assert!(said("第2行是示例") && said("筛选时自动跳过"), "the example row is skipped");
    assert!(said("2019年3月15日") && said("201903") && said("只写年份的（2019年）"), "the dates the reader takes");
    assert!(said("合格：优秀、良好、合格、称职；不合格：基本合格、不合格、基本称职、不称职"), "the grades");
    for header in HEADER_2026.iter().filter(|h| !h.ends_with("年度考核")) {
        assert!(notes.iter().any(|c| c == header), "{header} has its line in 填表说明");
    }
    let required: Vec<&str> = notes.iter().filter(|c| *c == "必填").map(String::as_str).collect();
    assert_eq!(required.len(), 3, "姓名, 身份证号, 岗位类别: {notes:?}");
}

#[test]
fn the_template_holds_drop_downs_date_and_id_checks_and_formats() {
    let dir = Dir::new();
    let path = template(&dir, "t.xlsx", "2026", &[]);
    let (sheets, _) = sheet_xml(&path);
    let xml = xml_of(&sheets, "花名册");
    let list = |column: &str| check_on(xml, &letter(column)).to_string();
    assert!(list("技能等级").contains("<formula1>\"学徒工,初级工,中级工,高级工,技师,高级技师\"</formula1>"));
    assert!(list("职称").contains("<formula1>\"技术员,助理工程师,工程师,高级工程师,正高级工程师\"</formula1>"));
    assert!(list("岗位类别").contains("<formula1>\"技能岗位,专业技术岗位,管理岗位\"</formula1>"));
    assert!(list("所学专业是否对口").contains("<formula1>\"是,否\"</formula1>"));
    for year in ["2023年度考核", "2024年度考核", "2025年度考核"] {
        assert!(list(year).contains("\"优秀,良好,合格,称职,基本合格,不合格,基本称职,不称职\""), "{year}");
        assert!(!list(year).contains("errorStyle"), "{year}: only the grades are taken");
    }
    // A title of another series, or a level as its certificate writes it, is taken after a warning.
    assert!(list("职称").contains("errorStyle=\"warning\""));
    assert!(list("技能等级").contains("errorStyle=\"warning\""));
    for date in ["从事本职业起始时间", "技能等级取得时间", "高级工取得时间", "技师取得时间", "职称取得时间"]
    {
        let check = list(date);
        assert!(check.starts_with("type=\"date\"") && check.contains("allowBlank=\"1\""), "{date}: {check}");
        // 1950-01-01 to 2100-12-31 as Excel serials: the years the reader takes.
        assert!(check.contains("<formula1>18264</formula1><formula2>73415</formula2>"), "{date}: {check}");
    }
    let id = list("身份证号");
    assert!(id.starts_with("type=\"textLength\" operator=\"equal\""), "{id}");
    assert!(id.contains("<formula1>18</formula1>") && id.contains("promptTitle=\"身份证号\""), "{id}");
    // The header row and 姓名 frozen; 身份证号 as text, dates as yyyy-mm-dd (the columns' styles).
    assert!(xml.contains("<pane xSplit=\"1\" ySplit=\"1\""), "frozen panes");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    let xfs: Vec<&str> =
        styles.split("<cellXfs").nth(1).unwrap().split("<xf ").skip(1).map(|x| x.split('>').next().unwrap()).collect();
    let style_of = |header: &str| {
        let column = HEADER_2026.iter().position(|h| *h == header).unwrap() + 1;
        let col = xml.split("<col ").find(|c| c.starts_with(&format!("min=\"{column}\""))).unwrap();
        let style = col.split("style=\"").nth(1).unwrap_or_else(|| panic!("{header}: its column has no format"));
        let index: usize = style.split('"').next().unwrap().parse().unwrap();
        xfs[index]
    };
    assert!(style_of("身份证号").contains("numFmtId=\"49\""), "text (@): {}", style_of("身份证号"));
    let date_format = styles.split("formatCode=\"yyyy-mm-dd\"").next().unwrap().rsplit("numFmtId=\"").next().unwrap();
    let date_format = date_format.split('"').next().unwrap();
    assert!(style_of("技能等级取得时间").contains(&format!("numFmtId=\"{date_format}\"")));
}

#[test]
fn a_policy_file_changes_the_drop_downs_and_the_appraisal_years() {
    let dir = Dir::new();
    let policy = data("policies/test-2099-1.toml").display().to_string();
    let path = template(&dir, "t.xlsx", "2026", &["--policy", &policy]);
    let header = &sheet(&path, "花名册")[0];
    // Two appraisal years under the test policy.
    let years: Vec<&String> = header.iter().filter(|h| h.ends_with("年度考核")).collect();
    assert_eq!(years, ["2024年度考核", "2025年度考核"]);
    let (sheets, _) = sheet_xml(&path);
    let xml = xml_of(&sheets, "花名册");
    let checks = validations(xml).join("\n");
    assert!(checks.contains("\"学徒工,初级工,中级工,高级工,技师,高级技师,特级技师,首席技师\""), "eight levels");
    assert!(checks.contains("\"技术员,助理工程师,工程师,高级工程师,正高级工程师,工艺美术员,助理工艺美术师,工艺美术师,高级工艺美术师,正高级工艺美术师\""), "both series the routes cover");
    assert!(checks.contains("\"优秀,合格,称职,基本合格,不合格,不称职\""), "the test policy's grades");
    assert!(!checks.contains("良好"), "33号's grades are gone");
    let notes = sheet(&path, "填表说明").concat();
    assert!(notes.iter().any(|c| c.contains("测试人社〔2099〕1号")));
    assert!(!notes.iter().any(|c| c.contains("鞍人社")), "nothing of 33号 is left");
}

/// A level name so long that the list passes Excel's 255 characters: the list goes to a hidden
/// sheet, referred to by its range.
#[test]
fn a_drop_down_too_long_for_excel_goes_to_a_hidden_list_sheet() {
    let dir = Dir::new();
    let long = format!("学徒工{}", "（含企业新型学徒制、现代学徒制和校企合作培养的各类学徒人员）".repeat(9));
    let text = std::fs::read_to_string(data("policies/test-2099-1.toml")).unwrap();
    let text = text.replace(
        "{ name = \"学徒工\", aliases = [\"学徒\"] }",
        &format!("{{ name = \"{long}\", aliases = [\"学徒\"] }}"),
    );
    assert!(text.contains(&long));
    dir.write("long.toml", text);
    let path = template(&dir, "t.xlsx", "2026", &["--policy", "long.toml"]);
    let (sheets, workbook) = sheet_xml(&path);
    assert!(workbook.contains("<sheet name=\"下拉列表\" sheetId=\"3\" state=\"hidden\""), "{workbook}");
    let levels = check_on(xml_of(&sheets, "花名册"), &letter("技能等级"));
    assert!(levels.contains("<formula1>'下拉列表'!$A$1:$A$8</formula1>"), "{levels}");
    let list = sheet(&path, "下拉列表");
    assert_eq!(list.len(), 8);
    assert_eq!(list[0][0], long);
    assert_eq!(list[7][0], "首席技师");
}

/// The fixture is the template of 2026 filled in: its header must still be the template's, or the
/// fixture is stale (run scripts/make_template_fixtures.py again).
#[test]
fn the_filled_template_screens_with_no_map_to_the_hand_derived_answers() {
    let dir = Dir::new();
    let fresh = template(&dir, "t.xlsx", "2026", &[]);
    let filled = dir.write("filled.xlsx", std::fs::read(data("template/filled.xlsx")).unwrap());
    assert_eq!(sheet(&filled, "花名册")[0], sheet(&fresh, "花名册")[0], "filled.xlsx has the template's header");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(data("template/expected.json")).unwrap()).unwrap();
    let out = dir.run(&["screen", "filled.xlsx", "--as-of", expected["as_of"].as_str().unwrap(), "--jsonl", "o.jsonl"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("原样保留的列"), "every column is recognised: {err}");
    assert!(err.contains("数据8行（跳过空行0、表尾0、重复表头0、示例行1）"), "{err}");
    assert!(err.contains("跳过 filled.xlsx「填表说明」"), "{err}");
    let lines = jsonl(&dir.path("o.jsonl"));
    let people = expected["people"].as_array().unwrap();
    assert_eq!(lines.len(), people.len(), "the example row is not a person");
    assert!(lines.iter().all(|l| l["row"] != expected["example_row"]));
    for (line, want) in lines.iter().zip(people) {
        let who = format!("{}: {}", want["name"], want["why"]);
        assert_eq!((&line["name"], &line["row"]), (&want["name"], &want["row"]), "{who}");
        assert_eq!(line["policy"], expected["policy"], "{who}");
        let got = [
            ("title_status", &line["title"]["status"]),
            ("title_best", &line["title"]["best"]),
            ("title_regular", &line["title"]["regular"]),
            ("title_exceptional", &line["title"]["exceptional"]),
            ("title_next", &line["title"]["next"]),
            ("skill_status", &line["skill"]["status"]),
            ("skill_level", &line["skill"]["level"]),
            ("treatment", &line["treatment"]),
        ];
        for (key, value) in got {
            assert_eq!(value, &want[key], "{who}: {key}; reasons {}", line["reasons"]);
        }
        assert_eq!(line["issues"], Value::Array(Vec::new()), "{who}");
    }
}

#[test]
fn the_empty_template_has_no_data_rows_and_exits_3() {
    let dir = Dir::new();
    template(&dir, "t.xlsx", "2026", &[]);
    let out = dir.run(&["screen", "t.xlsx", "--jsonl", "o.jsonl", "-o", "o.xlsx"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("名册中没有数据行"), "{err}");
    assert!(err.contains("「花名册」有表头但没有数据行（已跳过示例行1行）"), "{err}");
    assert!(!dir.path("o.xlsx").exists() && !dir.path("o.jsonl").exists(), "nothing is written");
    // Any roster with a header and nothing under it says the same.
    dir.write("header_only.csv", "姓名,技能等级,技能等级取得时间\n\n");
    let out = dir.run(&["screen", "header_only.csv", "--jsonl", "o.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("header_only.csv：「header_only」有表头但没有数据行"), "{}", stderr(&out));
}

#[test]
fn the_same_policy_and_year_give_the_same_bytes() {
    let dir = Dir::new();
    let a = std::fs::read(template(&dir, "a.xlsx", "2026", &[])).unwrap();
    let b = std::fs::read(template(&dir, "b.xlsx", "2026", &[])).unwrap();
    assert!(a == b, "two runs differ");
    // Not merely two runs within one second: the document says it was made on 1 January.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml").unwrap().read_to_string(&mut core).unwrap();
    assert!(core.contains(">2026-01-01T00:00:00Z</dcterms:created>"), "{core}");
    let other = std::fs::read(template(&dir, "c.xlsx", "2027", &[])).unwrap();
    assert!(a != other, "another year is another template");
}

#[test]
fn the_template_is_refused_where_it_cannot_be_written() {
    let dir = Dir::new();
    let out = dir.run(&["template", "-o", "t.xls"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("模板“t.xls”须以 .xlsx 结尾"), "{}", stderr(&out));
    let out = dir.run(&["template", "-o", "没有的文件夹/t.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("所在文件夹不存在"), "{}", stderr(&out));
    let out = dir.run(&["template"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("缺少必需的参数：--output"), "{}", stderr(&out));
    dir.write("bad.toml", "[document]\nnumber = 1\n");
    let out = dir.run(&["template", "-o", "t.xlsx", "--policy", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!dir.path("t.xlsx").exists());
    // Without --year, the year is this year's.
    let out = dir.run(&["template", "-o", "t.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let year: i32 = chrono::Local::now().format("%Y").to_string().parse().unwrap();
    let header = &sheet(&dir.path("t.xlsx"), "花名册")[0];
    assert!(header.contains(&format!("{}年度考核", year - 1)) && !header.contains(&format!("{year}年度考核")));
}

/// `2019.03` typed or pasted into the template's date-formatted column is the serial 2019.03, which
/// Excel shows as 1905-07-11: a data issue and 待核实, never a level held for 120 years.
#[test]
fn a_number_in_a_date_formatted_cell_is_not_a_date_of_1905() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = Dir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["姓名", "岗位类别", "技能等级", "技能等级取得时间"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "钱数").unwrap();
    sheet.write_string(1, 1, "技能岗位").unwrap();
    sheet.write_string(1, 2, "技师").unwrap();
    sheet.write_number_with_format(1, 3, 2019.03, &date).unwrap();
    book.save(dir.path("r.xlsx")).unwrap();
    let lines = dir.screen("r.xlsx", "2026-06-30", &[]);
    assert_eq!(lines[0]["title"]["status"], "needs_review", "{}", lines[0]);
    let issue = &lines[0]["issues"][0];
    assert_eq!(issue["column"], "技能等级取得时间");
    assert!(issue["problem"].as_str().unwrap().contains("不在1950年至2100年之间"), "{issue}");
}
