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
