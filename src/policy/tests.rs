//! The embedded policy read against its document, and what loading checks.

use super::anshan::{clause, level, title};
use super::*;

fn p() -> &'static Policy {
    Policy::embedded()
}

/// The regular ladder reads like the table of 三（二）2 and climbs one rung at a time.
#[test]
fn regular_ladder_matches_clause_3_2_2() {
    let rows: Vec<_> =
        p().regular.iter().map(|r| (r.level.name(), r.years, r.grants.name(), r.clause.name())).collect();
    assert_eq!(
        rows,
        [
            ("高级工", 2, "助理工程师", "三（二）2"),
            ("技师", 3, "工程师", "三（二）2"),
            ("高级技师", 4, "高级工程师", "三（二）2"),
        ]
    );
}

#[test]
fn every_honour_tier_cites_its_paragraph() {
    let tiers: Vec<_> =
        p().exceptional.tiers.iter().map(|t| (t.clause.name(), t.grants.name(), t.any.len(), t.level)).collect();
    assert_eq!(
        tiers,
        [
            ("三（四）1", "正高级工程师", 7, None),
            ("三（四）2", "高级工程师", 2, None),
            ("三（四）3", "工程师", 4, None),
            ("三（四）4", "助理工程师", 1, None),
        ]
    );
    for h in &p().exceptional.honours {
        assert_eq!(h.tiers.len(), 1, "{} is in exactly one tier", h.label);
    }
}

#[test]
fn treatment_pairs_match_clause_5_2() {
    let pairs: Vec<_> = p().treatment.iter().map(|t| (t.level.name(), t.treated_as.name())).collect();
    assert_eq!(pairs, [("高级工", "助理工程师"), ("技师", "工程师"), ("高级技师", "高级工程师")]);
}

#[test]
fn title_to_skill_rows_match_clause_4() {
    let rows: Vec<_> = p()
        .reverse
        .iter()
        .map(|r| (r.clause.name(), *r.grades.start(), *r.grades.end(), r.condition, r.grants.map(|l| l.name())))
        .collect();
    use ReverseCondition::*;
    assert_eq!(
        rows,
        [
            ("四（一）", 0, 0, Holds, None),
            ("四（二）", 1, 1, Holds, Some("高级工")),
            ("四（三）1", 1, 1, YearsAfter(3), Some("技师")),
            ("四（三）2", 2, 4, Holds, Some("技师")),
            ("四（四）1", 2, 2, YearsAfter(3), Some("高级技师")),
            ("四（四）2", 3, 4, Holds, Some("高级技师")),
        ]
    );
}

#[test]
fn the_top_levels_count_as_senior_technician() {
    let counted: Vec<_> = p().skill.words.iter().filter(|(w, _)| w.ends_with("级技师") && w.len() == 12).collect();
    assert!(counted.iter().all(|(_, l)| *l == level::SeniorTechnician), "{counted:?}");
    assert_eq!(p().skill.next(level::Technician), Some(level::SeniorTechnician));
    assert_eq!(p().skill.next(level::SeniorTechnician), None);
    assert_eq!(p().high_skill_floor.level, level::Senior);
    assert_eq!(p().titles_granted(), [title::Assistant, title::Engineer, title::Senior, title::Professor]);
    assert_eq!(p().evaluation_clause(), Some(clause::Reverse1));
}

/// The words the program says about award texts, made from the file (33号's section and issuers).
#[test]
fn award_wording_is_made_from_the_policy() {
    let w = &p().exceptional.wording;
    assert_eq!(w.not_listed, "不在三（四）所列荣誉之内");
    assert_eq!(w.issuer_unstated, "未写明授予单位（文件所列为国务院或辽宁省授予）");
    assert_eq!(w.contest_reach_unstated, "未写明竞赛级别（市级/省级以上）");
}

/// Every quoted clause text appears in the document (`../shared/policy/anshan-2020-33.txt`, beside
/// the repository). Line breaks are left out of the comparison: the document breaks lines where
/// its pages did. In a clone without `../shared` there is nothing to compare with, and the test
/// says so and passes.
#[test]
fn every_quoted_clause_is_in_the_document() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/policy/anshan-2020-33.txt");
    let Ok(document) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is not there", path.display());
        return;
    };
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let document = squeeze(&document);
    for c in p().clauses {
        assert!(document.contains(&squeeze(c.text)), "{} is not quoted from the document: {}", c.id, c.text);
    }
    for c in &p().committee_checks {
        assert!(!c.clauses.is_empty() && !c.text.is_empty());
    }
}

/// `policy show` prints the embedded text, which loads to the same policy.
#[test]
fn the_embedded_text_loads_back_the_same() {
    let again = Policy::from_text(EMBEDDED_TEXT, Path::new("again.toml")).expect("loads");
    assert_eq!(again.source.sha256, p().source.sha256);
    assert_eq!(again.clauses.len(), p().clauses.len());
    assert_eq!(format!("{:?}", again.regular), format!("{:?}", p().regular));
    assert_eq!(format!("{:?}", again.exceptional.tiers), format!("{:?}", p().exceptional.tiers));
}

/// One broken file of each kind: its message names the line and the key, in Chinese.
#[test]
fn a_broken_file_names_line_and_key() {
    let broken = EMBEDDED_TEXT.replacen("level = \"技师\"\nyears = 3", "level = \"技帅\"\nyears = 3", 1);
    let Err(e) = Policy::from_text(&broken, Path::new("bad.toml")) else { panic!("accepted") };
    let message = e.to_string();
    let line = broken.lines().position(|l| l.contains("技帅")).unwrap() + 1;
    assert!(message.contains(&format!("第{line}行")), "{message}");
    assert!(message.contains("regular[2].level") && message.contains("未知的技能等级“技帅”"), "{message}");
}

/// The test policy of rules as conditions (`tests/data/policies/test-conditions.toml`).
fn conditions_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/policies/test-conditions.toml");
    std::fs::read_to_string(path).unwrap()
}

/// Rules as conditions: every name resolved against the policy, a mistake said with its line and
/// the path to it inside the condition.
#[test]
fn a_condition_naming_what_the_policy_lacks_is_refused_with_its_place() {
    let text = conditions_text();
    assert!(Policy::from_text(&text, Path::new("c.toml")).is_ok());
    let cases: [(&str, &str, &str); 7] = [
        ("{ level = \"特级技师\" }", "{ level = \"特技\" }", "rule[1].when.all[1].level"),
        ("{ fact = \"聘任到特级技师岗位\", is = \"是\" }", "{ fact = \"聘任\", is = \"是\" }", "未知的事实“聘任”"),
        ("{ honour = \"测试工匠\" },\n  { years", "{ honour = \"工匠\" },\n  { years", "未知的荣誉“工匠”"),
        ("since = \"occupation_start\"", "since = \"入职\"", "未知的起算点“入职”"),
        ("{ count = 2, of", "{ count = 3, of", "count 应为 1 到 2 之间的整数"),
        ("at_least = 72", "at_least = \"72\"", "数值类写 at_least = 数"),
        ("outcome = \"可直接申报\"", "outcome = \"直接上报\"", "未知的结果种类“直接上报”"),
    ];
    for (from, to, said) in cases {
        assert!(text.contains(from), "{from}");
        let broken = text.replacen(from, to, 1);
        let Err(e) = Policy::from_text(&broken, Path::new("c.toml")) else { panic!("accepted: {to}") };
        let message = e.to_string();
        assert!(message.contains(said), "{to}: {message}");
        // The line of the `when` (or the key) the mistake is in: a place inside a value is not kept.
        let lines: Vec<&str> = broken.lines().collect();
        let at = lines.iter().position(|l| l.contains(to.lines().next().unwrap_or(to))).unwrap();
        let when = (0..=at).rev().find(|&i| lines[i].starts_with("when") || i == at && !lines[i].starts_with(' '));
        let line = when.unwrap_or(at) + 1;
        assert!(message.contains(&format!("第{line}行")), "{to}: line {line}: {message}");
    }
    // A node and a leaf at once, and a leaf of no kind.
    let both = text.replacen(
        "{ honour = \"省级以上技能大赛金牌获得者\", role = \"选手\" }",
        "{ honour = \"测试工匠\", level = \"技师\" }",
        1,
    );
    let e = Policy::from_text(&both, Path::new("c.toml")).unwrap_err().to_string();
    assert!(e.contains("一个条件只能是一种"), "{e}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// A policy file with any line dropped, or any line's text replaced, loads or is refused —
        /// never a panic, and a refusal always names at least one problem.
        #[test]
        fn a_mangled_policy_file_is_loaded_or_refused(line in 0usize..600, text in "\\PC{0,12}", drop in any::<bool>()) {
            let mut lines: Vec<&str> = EMBEDDED_TEXT.lines().collect();
            let at = line % lines.len();
            if drop {
                lines.remove(at);
            } else {
                lines[at] = &text;
            }
            let mangled = lines.join("\n");
            if let Err(e) = Policy::from_text(&mangled, Path::new("mangled.toml")) {
                if let PolicyError::Invalid { problems, .. } = &e {
                    prop_assert!(!problems.is_empty());
                }
                prop_assert!(e.to_string().contains("mangled.toml"));
            }
        }
    }
}

/// `policy check` points out a rule that repeats another or that another always outdoes, and a
/// title → skill row written twice; the file still loads.
#[test]
fn rules_that_repeat_or_are_outdone_are_pointed_out() {
    let text = conditions_text();
    assert!(Policy::from_text(&text, Path::new("c.toml")).unwrap().warnings.is_empty());
    let rule = "\n[[rule]]\nclause = \"第十七条\"\nroute = \"skill_to_title\"\noutcome = \"可破格申报\"\ngrants = \"GRANT\"\nwhen = { count = 2, of = [{ honour = \"测试工匠\" }, { honour = \"全国技术能手\" }] }\n";
    let repeated = format!("{text}{}", rule.replace("GRANT", "正高级工程师"));
    let p = Policy::from_text(&repeated, Path::new("c.toml")).unwrap();
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(p.warnings[0].what.contains("与 rule[3] 完全相同"), "{:?}", p.warnings);
    let lower = format!("{text}{}", rule.replace("GRANT", "工程师"));
    let p = Policy::from_text(&lower, Path::new("c.toml")).unwrap();
    assert!(p.warnings[0].what.contains("永远不会决定结果"), "{:?}", p.warnings);
    // The first title → skill row written twice.
    let twice = text.replacen("[[reverse]]\nclause = \"第九条（一）\"", "[[reverse]]\nclause = \"第九条（一）\"\ntitle = \"助理工程师\"\ngrants = \"高级工\"\n\n[[reverse]]\nclause = \"第九条（一）\"", 1);
    let p = Policy::from_text(&twice, Path::new("c.toml")).unwrap();
    assert!(
        p.warnings.iter().any(|w| w.key == "reverse[2]" && w.what.contains("与 reverse[1] 相同")),
        "{:?}",
        p.warnings
    );
}
