//! Phrasings of rosters nobody here wrote, each class pinned by one row: what an HR analyst reads
//! in it, per RULES.md and ROSTER.md (found by an audit of about 900 phrasings; the people are
//! made up).

use crate::util::Dir;
use serde_json::Value;

/// Screens `csv` (a header line and rows) at 2025-12-31; the JSONL lines by name.
fn screen(csv: &str) -> std::collections::BTreeMap<String, Value> {
    let dir = Dir::new();
    dir.write("花名册.csv", csv);
    let lines = dir.screen("花名册.csv", "2025-12-31", &[]);
    lines.into_iter().map(|l| (l["name"].as_str().unwrap().to_string(), l)).collect()
}

fn issues(line: &Value) -> String {
    line["issues"].as_array().unwrap().iter().map(|i| i["problem"].as_str().unwrap()).collect::<Vec<_>>().join("；")
}

const HEAD: &str =
    "姓名,岗位类别,技能等级,技能等级取得时间,高级工取得时间,职称,近三年年度考核,荣誉称号,技能竞赛,是否有弄虚作假行为";

/// One person of [`HEAD`] on a skill post, 高级工 since 2015, three passes.
fn row(name: &str, level: &str, date: &str, title: &str, awards: &str, contest: &str, integrity: &str) -> String {
    format!("{name},技能岗位,{level},{date},2015-05-01,{title},2023-2025均合格,{awards},{contest},{integrity}")
}

#[test]
fn a_question_header_about_falsification_is_answered_by_yes_and_no() {
    let csv = format!(
        "{HEAD}\n{}\n{}\n",
        row("甲", "技师", "2019-05-01", "", "", "", "是"),
        row("乙", "技师", "2019-05-01", "", "", "", "否")
    );
    let people = screen(&csv);
    assert_eq!(people["甲"]["vetoed"], true, "{}", people["甲"]);
    assert_eq!(people["乙"]["vetoed"], false);
    assert_eq!(people["乙"]["title"]["status"], "eligible");
}

#[test]
fn selection_rounds_candidates_and_team_placings_are_not_what_they_select_for() {
    let csv = format!(
        "{HEAD}\n{}\n{}\n{}\n{}\n",
        row("选拔", "技师", "2019-05-01", "", "", "世界技能大赛中国选拔赛第一名", "无"),
        row("候选", "技师", "2019-05-01", "", "全国技术能手候选人", "", "无"),
        row("团体", "技师", "2019-05-01", "", "", "辽宁省技能大赛团体第一名", "无"),
        row("国赛", "高级工", "2024-05-01", "", "", "国赛银牌", "无"),
    );
    let people = screen(&csv);
    // A WorldSkills selection round is no WorldSkills medal (正高): a national round, to verify.
    let basis = &people["选拔"]["title"]["exceptional_basis"][0];
    assert_eq!(
        (basis["tier"].as_str(), basis["confirmed"].as_bool()),
        (Some("工程师"), Some(false)),
        "{}",
        people["选拔"]
    );
    assert_eq!(people["选拔"]["title"]["best"], "工程师");
    assert!(issues(&people["选拔"]).contains("选拔赛"), "{}", people["选拔"]);
    // A candidate: the regular 工程师 only, and said why the honour does not count.
    assert_eq!(people["候选"]["title"]["best"], "工程师");
    assert!(issues(&people["候选"]).contains("尚未授予"), "{}", people["候选"]);
    assert_eq!(people["团体"]["title"]["exceptional_basis"][0]["confirmed"], false, "{}", people["团体"]);
    assert!(issues(&people["团体"]).contains("团体"), "{}", people["团体"]);
    // 国赛: a national contest, top three → 工程师 by 三（四）3 (a 高级工 of 2024 has no other way).
    assert_eq!(people["国赛"]["title"]["exceptional"], "工程师", "{}", people["国赛"]);
    assert_eq!(people["国赛"]["title"]["status"], "eligible", "{}", people["国赛"]);
}

#[test]
fn practising_qualifications_posts_and_pending_titles_are_not_titles_held() {
    let csv = format!(
        "{HEAD}\n{}\n{}\n{}\n{}\n",
        row("注册", "", "", "注册安全工程师", "", "", "无"),
        row("总工", "", "", "总工程师", "", "", "无"),
        row("在评", "", "", "高级工程师（在评）", "", "", "无"),
        row("两个", "", "", "助理工程师、工程师", "", "", "无"),
    );
    let people = screen(&csv);
    for (name, said) in [("注册", "执业"), ("总工", "岗位"), ("在评", "尚未取得")] {
        assert_eq!(people[name]["skill"]["status"], "needs_review", "{name}: {}", people[name]);
        assert!(issues(&people[name]).contains(said), "{name}: {}", issues(&people[name]));
    }
    // Of two titles, the higher: 工程师 (四（三）2, 四（四）1), not 助理工程师.
    assert!(people["两个"]["reasons"][0].as_str().unwrap().starts_with("取得工程师"), "{}", people["两个"]);
}

#[test]
fn a_year_and_month_run_together_is_no_excel_serial() {
    let csv = format!("{HEAD}\n{}\n", row("连写", "技师", "2024 5", "", "", "", "无"));
    let people = screen(&csv);
    assert!(issues(&people["连写"]).contains("无法识别的日期"), "{}", people["连写"]);
}

#[test]
fn a_certificates_grade_column_is_the_level_not_its_name_column() {
    let csv = "姓名,岗位类别,职业资格证书名称,职业资格证书等级,取得时间,近三年年度考核\n甲,技能岗位,维修电工,技师,2019-05-01,2023—2025均合格\n";
    let people = screen(csv);
    assert_eq!(people["甲"]["title"]["status"], "eligible", "{}", people["甲"]);
    assert_eq!(people["甲"]["title"]["best"], "工程师", "{}", people["甲"]);
    assert!(!issues(&people["甲"]).contains("技能等级"), "{}", issues(&people["甲"]));
}

/// `职称/技能等级`, `职称或职业资格`: one column of either; each cell is read by what it holds, and
/// the date beside it is that credential's.
#[test]
fn a_column_of_either_credential_reads_each_cell_by_what_it_holds() {
    for header in ["职称/技能等级", "职称或职业资格", "职称（职业资格）", "技能等级/职称"] {
        let csv = format!(
            "姓名,岗位类别,{header},取得时间,近三年年度考核\n甲,技能岗位,技师,2019-05-01,2023-2025均合格\n乙,技能岗位,工程师,2015-05-01,2023-2025均合格\n丙,技能岗位,大拿,2015-05-01,2023-2025均合格\n"
        );
        let people = screen(&csv);
        assert_eq!(people["甲"]["title"]["best"], "工程师", "{header}: {}", people["甲"]);
        assert_eq!(people["甲"]["skill"]["status"], "not_applicable", "{header}");
        assert_eq!(people["乙"]["skill"]["level"], "高级技师", "{header}: {}", people["乙"]);
        assert_eq!(people["乙"]["title"]["status"], "not_applicable", "{header}");
        assert!(issues(&people["丙"]).contains("无法识别的职称或技能等级"), "{header}: {}", people["丙"]);
    }
}
