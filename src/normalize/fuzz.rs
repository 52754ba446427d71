//! Property tests: every normalizer, given any string or cell value, returns without panicking,
//! and what it returns is bounded by what it was given (no reading multiplies its input); every
//! decision, of any row or of rows of plausible values, keeps what RULES.md says of all decisions
//! ([`invariants`]).

use super::*;
use crate::policy::Policy;
use crate::read::header::locate;
use crate::read::RawSheet;
use proptest::prelude::*;

/// Strings from the characters rosters are made of, and some they should not hold.
fn roster_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("技师".to_string()),
        Just("高级工".to_string()),
        Just("工程师".to_string()),
        Just("正高级".to_string()),
        Just("年".to_string()),
        Just("月".to_string()),
        Just("合格".to_string()),
        Just("基本合格".to_string()),
        Just("辽宁工匠".to_string()),
        Just("第一名".to_string()),
        Just("无".to_string()),
        Just("伪造".to_string()),
        "[0-9]{1,9}",
        "[.\\-/、，;（）()\\s]{1,3}",
        "\\PC{0,6}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn any_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        roster_text().prop_map(|s| Cell::Text(s.into())),
        any::<f64>().prop_map(Cell::Number),
        prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-1e308), Just(1e308), Just(-1.0), Just(0.0)]
            .prop_map(Cell::Number),
        any::<bool>().prop_map(Cell::Bool),
        Just(Cell::Error("#N/A".into())),
        (-200_000i32..3_000_000)
            .prop_filter_map("a date", |d| { chrono::NaiveDate::from_num_days_from_ce_opt(d).map(Cell::Date) }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn text_normalizers_never_panic_and_stay_bounded(s in roster_text()) {
        let _ = credential::skill_level(&s, Policy::embedded());
        let _ = credential::title(&s, &Policy::embedded().titles);
        let _ = credential::series(&s, &Policy::embedded().titles);
        let (what, when) = credential::split_dated(&s);
        prop_assert!(what.len() + when.map_or(0, |w| w.len()) <= s.len());
        let (found, _) = appraisal::parse(&s, None, &Policy::embedded().appraisal);
        prop_assert!(found.len() <= s.chars().count());
        let lexicon = &Policy::embedded().lexicon;
        let items = award::parse(&s, Policy::embedded(), lexicon, false).count();
        prop_assert!(items <= s.chars().count() + 1);
        let _ = id_number::problem(&s);
        let _ = id_number::mask(&s);
        let _ = integrity(&text::fold(&s));
    }

    #[test]
    fn date_cells_never_panic(cell in any_cell()) {
        if let Ok(Some(span)) = date::parse_date(&cell) {
            prop_assert!(span.lo <= span.hi);
        }
    }

    /// A whole row of arbitrary cells under every header: one issue at most per cell and item.
    #[test]
    fn a_row_of_anything_is_read(cells in proptest::collection::vec(any_cell(), 12)) {
        let headers = [
            "姓名", "身份证号", "岗位类别", "技能等级", "取得时间", "职称系列", "职称", "职称取得时间",
            "近三年年度考核", "荣誉称号", "诚信情况", "技能等级及取得时间",
        ];
        let sheet = RawSheet {
            sheet: "s".into(),
            merged: Vec::new(),
            rows: vec![
                RawRow { number: 1, cells: headers.iter().map(|h| Cell::Text((*h).into())).collect() },
                RawRow { number: 2, cells: cells.clone() },
            ],
        };
        let layout = locate(&sheet, &[]).unwrap();
        let ctx = Context::new(Policy::embedded(), chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        let p = person(&sheet.rows[1], &layout, &ctx);
        let input: usize = cells.iter().map(|c| c.text().chars().count() + 1).sum();
        prop_assert!(p.issues.len() <= input + headers.len());
        let d = crate::evaluate::evaluate(&p, Policy::embedded(), ctx.as_of);
        invariants(&d, ctx.as_of)?;
    }

    /// Rows of the values rosters hold (levels, titles, dates, appraisals, honours, integrity,
    /// posts): every decision keeps what RULES.md says of all decisions.
    #[test]
    fn a_plausible_row_keeps_the_rules_invariants(
        level in prop::sample::select(vec!["", "中级工", "高级工", "技师", "高级技师", "特级技师", "工匠技师"]),
        level_date in 1995i32..2026,
        title in prop::sample::select(vec!["", "技术员", "助理工程师", "工程师", "高级工程师", "会计师", "中级"]),
        title_date in 1995i32..2026,
        appraisal in prop::sample::select(vec!["", "2023合格、2024合格、2025合格", "2024基本合格、2025合格", "合格"]),
        award in prop::sample::select(vec!["", "全国技术能手", "辽宁工匠", "鞍山市技术能手", "市级技能大赛第一名", "省级技能大赛一等奖"]),
        integrity in prop::sample::select(vec!["", "无", "伪造学历", "待查", "经核查无伪造、剽窃行为"]),
        post in prop::sample::select(vec!["", "技能岗位", "专业技术岗位", "管理岗位"]),
        year_only in any::<bool>(),
    ) {
        let date = |y: i32| if year_only { format!("{y}年") } else { format!("{y}-06-15") };
        let cells = [
            "测试".to_string(), post.to_string(), level.to_string(), date(level_date), title.to_string(),
            date(title_date), appraisal.to_string(), award.to_string(), integrity.to_string(),
        ];
        let headers = ["姓名", "岗位类别", "技能等级", "技能等级取得时间", "职称", "职称取得时间", "近三年年度考核", "荣誉称号", "诚信情况"];
        let sheet = RawSheet {
            sheet: "s".into(),
            merged: Vec::new(),
            rows: vec![
                RawRow { number: 1, cells: headers.iter().map(|h| Cell::Text((*h).into())).collect() },
                RawRow { number: 2, cells: cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.as_str().into()) }).collect() },
            ],
        };
        let layout = locate(&sheet, &[]).unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let ctx = Context::new(Policy::embedded(), as_of);
        let p = person(&sheet.rows[1], &layout, &ctx);
        let d = crate::evaluate::evaluate(&p, Policy::embedded(), as_of);
        invariants(&d, as_of)?;
        // A route open to nobody of this kind is never eligible: no level, no title 三; no title, no 四.
        if level.is_empty() || level == "中级工" {
            prop_assert_ne!(d.title.status, crate::model::Status::Eligible);
        }
        if title.is_empty() || title == "会计师" {
            prop_assert_ne!(d.skill.status, crate::model::Status::Eligible);
        }
        // A management post is outside both routes (一).
        if post == "管理岗位" && !d.vetoed {
            prop_assert_eq!(d.title.status, crate::model::Status::NotApplicable);
        }
    }
}

/// What RULES.md says of every decision, whatever the row holds.
fn invariants(d: &crate::evaluate::Decision, as_of: chrono::NaiveDate) -> Result<(), TestCaseError> {
    use crate::model::Status;
    let t = &d.title;
    if t.status == Status::Eligible {
        prop_assert!(t.best.is_some(), "eligible with no title: {d:#?}");
    }
    prop_assert!(t.regular.max(t.exceptional) <= t.best, "best below a route's title: {d:#?}");
    if d.vetoed {
        prop_assert_eq!((t.status, d.skill.status), (Status::NotEligible, Status::NotEligible));
        prop_assert!(t.best.is_none() && d.skill.level.is_none());
    }
    if t.status == Status::NotApplicable {
        prop_assert!(t.best.is_none());
    }
    if d.skill.status == Status::Eligible {
        prop_assert!(d.skill.level.is_some() || d.skill.evaluation, "{d:#?}");
    }
    // 待核实 always says what to verify.
    if t.status == Status::NeedsReview || d.skill.status == Status::NeedsReview {
        prop_assert!(!d.trace.verify.is_empty(), "needs_review with nothing to verify: {d:#?}");
    }
    for next in [t.next.map(|n| n.date), d.skill.next.map(|n| n.date)].into_iter().flatten() {
        prop_assert!(next > as_of);
    }
    Ok(())
}
