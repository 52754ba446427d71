//! Legal test cases as data (the OpenFisca habit): one row per case, the roster cells in, the
//! decision out, on the evaluation date 2025-12-31.

use super::*;
use crate::model::Status::*;
use crate::normalize::{person, Context};
use crate::policy::anshan::{clause::*, level as L, title as T};
use crate::policy::Policy;
use crate::read::header::locate;
use crate::read::{Cell, RawRow, RawSheet};

const AS_OF: (i32, u32, u32) = (2025, 12, 31);
const GOOD_APPRAISAL: (&str, &str) = ("近三年年度考核", "2023合格、2024优秀、2025合格");

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).unwrap()
}

/// Screens one row whose cells are given as (header, value); 姓名 and a passing appraisal are
/// added unless the case gives its own.
fn screen_on(cells: &[(&str, &str)], on: NaiveDate) -> Decision {
    screen_under(Policy::embedded(), cells, on)
}

fn screen_under(policy: &'static Policy, cells: &[(&str, &str)], on: NaiveDate) -> Decision {
    let mut all: Vec<(&str, &str)> = vec![("姓名", "测试"), GOOD_APPRAISAL];
    for (h, v) in cells {
        match all.iter_mut().find(|(x, _)| x == h) {
            Some(slot) => slot.1 = v,
            None => all.push((h, v)),
        }
    }
    let headers = all.iter().map(|c| Cell::Text(c.0.into())).collect();
    let values = all.iter().map(|c| Cell::Text(c.1.into())).collect();
    let sheet = RawSheet {
        sheet: "t".into(),
        merged: Vec::new(),
        rows: vec![RawRow { number: 1, cells: headers }, RawRow { number: 2, cells: values }],
    };
    let layout = locate(&sheet, &[]).expect("header");
    let ctx = Context::new(policy, on);
    evaluate(&person(&sheet.rows[1], &layout, &ctx), policy, on)
}

fn screen(cells: &[(&str, &str)]) -> Decision {
    screen_on(cells, as_of())
}

struct TitleCase {
    name: &'static str,
    cells: &'static [(&'static str, &'static str)],
    status: Status,
    best: Option<Title>,
    cites: &'static [Clause],
}

fn check_title(cases: &[TitleCase]) {
    for c in cases {
        let d = screen(c.cells);
        assert_eq!((d.title.status, d.title.best), (c.status, c.best), "{}: {:#?}", c.name, d.trace);
        for clause in c.cites {
            assert!(d.trace.clauses.contains(*clause), "{} should cite {clause}: {:?}", c.name, d.trace.clauses);
        }
    }
}

#[test]
fn clause_3_2_2_regular_route_by_years() {
    check_title(&[
        TitleCase {
            name: "高级工 on the 2nd anniversary",
            cells: &[("技能等级", "高级工"), ("取得时间", "2023-12-31")],
            status: Eligible,
            best: Some(T::Assistant),
            cites: &[Basic, Regular],
        },
        TitleCase {
            name: "高级工 one day short",
            cells: &[("技能等级", "高级工"), ("取得时间", "2024-01-01")],
            status: NotEligible,
            best: None,
            cites: &[Regular],
        },
        TitleCase {
            name: "技师 on the 3rd anniversary",
            cells: &[("技能等级", "技师"), ("取得时间", "2022-12-31")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Regular],
        },
        TitleCase {
            name: "技师 one day short, no 高级工 date: lower rule unknown",
            cells: &[("技能等级", "技师"), ("取得时间", "2023-01-01")],
            status: Eligible,
            best: Some(T::Assistant),
            cites: &[Regular],
        },
        TitleCase {
            name: "高级技师 on the 4th anniversary",
            cells: &[("技能等级", "高级技师"), ("取得时间", "2021-12-31")],
            status: Eligible,
            best: Some(T::Senior),
            cites: &[Regular],
        },
        TitleCase {
            name: "高级技师 one day short",
            cells: &[("技能等级", "高级技师（一级）"), ("取得时间", "2022-01-01")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Regular],
        },
        TitleCase {
            name: "技师 short, 高级工 history date long ago",
            cells: &[("技能等级", "技师"), ("取得时间", "2024-06-01"), ("高级工取得时间", "2018-06-01")],
            status: Eligible,
            best: Some(T::Assistant),
            cites: &[Regular],
        },
        TitleCase {
            name: "技师 short, 高级工 history also short",
            cells: &[("技能等级", "技师"), ("取得时间", "2025-06-01"), ("高级工取得时间", "2024-06-01")],
            status: NotEligible,
            best: None,
            cites: &[Regular],
        },
        TitleCase {
            name: "技师 short, no history: needs review for 助理工程师",
            cells: &[("技能等级", "技师"), ("取得时间", "2025-06-01")],
            status: NeedsReview,
            best: Some(T::Assistant),
            cites: &[Regular],
        },
        TitleCase {
            name: "month-only date counts from the 1st",
            cells: &[("技能等级", "三级/高级工"), ("取得时间", "2023年12月")],
            status: Eligible,
            best: Some(T::Assistant),
            cites: &[Regular],
        },
        TitleCase {
            name: "month-only one month late",
            cells: &[("技能等级", "高级工"), ("取得时间", "2024.01")],
            status: NotEligible,
            best: None,
            cites: &[Regular],
        },
        TitleCase {
            name: "year-only, same at both ends",
            cells: &[("技能等级", "高级工"), ("取得时间", "2023年")],
            status: Eligible,
            best: Some(T::Assistant),
            cites: &[Regular],
        },
        TitleCase {
            name: "year-only, both ends short",
            cells: &[("技能等级", "高级工"), ("取得时间", "2024年")],
            status: NotEligible,
            best: None,
            cites: &[Regular],
        },
        TitleCase {
            name: "no date at all",
            cells: &[("技能等级", "技师")],
            status: NeedsReview,
            best: Some(T::Engineer),
            cites: &[Regular],
        },
        TitleCase {
            name: "invalid date",
            cells: &[("技能等级", "技师"), ("取得时间", "2019-13-45")],
            status: NeedsReview,
            best: Some(T::Engineer),
            cites: &[Regular],
        },
        TitleCase {
            name: "特级技师 counts as 高级技师",
            cells: &[("技能等级", "特级技师"), ("取得时间", "2020-05-01")],
            status: Eligible,
            best: Some(T::Senior),
            cites: &[Regular],
        },
    ]);
}

#[test]
fn history_column_alone_dates_the_level_held() {
    let d = screen(&[("技能等级", "技师"), ("技能等级取得时间", ""), ("技师取得时间", "2023-06-01")]);
    assert_eq!((d.title.status, d.title.best), (Eligible, Some(T::Assistant)));
    let d =
        screen(&[("职称", "工程师"), ("技能等级", "技师"), ("技能等级取得时间", ""), ("技师取得时间", "2020-01-01")]);
    assert_eq!(d.skill.promotion, Some(L::SeniorTechnician));
}

#[test]
fn unrecognised_title_on_a_management_post_is_outside_route_4() {
    let d = screen(&[("职称", "大拿"), ("岗位类别", "管理岗位")]);
    assert_eq!(d.skill.status, NotApplicable);
    let d = screen(&[("职称", "大拿"), ("岗位类别", "技能岗位")]);
    assert_eq!(d.skill.status, NeedsReview);
}

#[test]
fn year_only_date_that_straddles_is_needs_review() {
    let d = screen_on(&[("技能等级", "高级工"), ("取得时间", "2023年")], NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    assert_eq!((d.title.status, d.title.best), (NeedsReview, Some(T::Assistant)));
}

#[test]
fn leap_day_anniversary() {
    let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let cells = [("技能等级", "技师"), ("取得时间", "2020-02-29"), ("高级工取得时间", "2010-01-01")];
    assert_eq!(screen_on(&cells, on(2023, 2, 27)).title.best, Some(T::Assistant));
    assert_eq!(screen_on(&cells, on(2023, 2, 28)).title.best, Some(T::Engineer));
}

#[test]
fn clause_3_1_basic_conditions() {
    check_title(&[
        TitleCase {
            name: "no 高级工: not applicable",
            cells: &[("技能等级", "中级工"), ("取得时间", "2010-01-01")],
            status: NotApplicable,
            best: None,
            cites: &[],
        },
        TitleCase {
            name: "no level at all",
            cells: &[("技能等级", ""), ("职称", "工程师")],
            status: NotApplicable,
            best: None,
            cites: &[],
        },
        TitleCase {
            name: "unrecognised level",
            cells: &[("技能等级", "五星工匠"), ("取得时间", "2010-01-01")],
            status: NeedsReview,
            best: None,
            cites: &[Basic],
        },
        TitleCase {
            name: "one 基本合格 in the last three",
            cells: &[
                ("技能等级", "技师"),
                ("取得时间", "2015-01-01"),
                ("近三年年度考核", "2023合格、2024基本合格、2025合格"),
            ],
            status: NotEligible,
            best: None,
            cites: &[Basic],
        },
        TitleCase {
            name: "old fail outside the last three",
            cells: &[
                ("技能等级", "技师"),
                ("取得时间", "2015-01-01"),
                ("近三年年度考核", "2022不合格、2023合格、2024合格、2025合格"),
            ],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Basic],
        },
        TitleCase {
            name: "only two years known",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("近三年年度考核", "2024合格、2025合格")],
            status: NeedsReview,
            best: Some(T::Engineer),
            cites: &[Basic],
        },
        TitleCase {
            name: "three undated results",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("近三年年度考核", "合格、称职、优秀")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Basic],
        },
        TitleCase {
            name: "不称职 fails",
            cells: &[
                ("技能等级", "技师"),
                ("取得时间", "2015-01-01"),
                ("近三年年度考核", "2023称职、2024不称职、2025称职"),
            ],
            status: NotEligible,
            best: None,
            cites: &[Basic],
        },
        TitleCase {
            name: "a year after the as-of year is not counted",
            cells: &[
                ("技能等级", "技师"),
                ("取得时间", "2015-01-01"),
                ("近三年年度考核", "2024合格、2025合格、2026合格"),
            ],
            status: NeedsReview,
            best: Some(T::Engineer),
            cites: &[Basic],
        },
    ]);
    let per_year = |y2024: &'static str| {
        let cells = [
            ("技能等级", "技师"),
            ("取得时间", "2015-01-01"),
            ("近三年年度考核", ""),
            ("2023年度考核", "合格"),
            ("2024年度考核", y2024),
            ("2025年度考核", "合格"),
        ];
        screen(&cells).title.status
    };
    assert_eq!(per_year("良好"), Eligible);
    assert_eq!(per_year("基本合格"), NotEligible);
    assert_eq!(per_year(""), NeedsReview);
}

#[test]
fn clause_3_4_exceptional_route() {
    check_title(&[
        TitleCase {
            name: "全国技术能手 → 正高",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("荣誉称号", "全国技术能手")],
            status: Eligible,
            best: Some(T::Professor),
            cites: &[Exceptional1],
        },
        TitleCase {
            name: "世界技能大赛铜牌教练 → 正高",
            cells: &[("技能等级", "技师"), ("取得时间", "2025-01-01"), ("技能竞赛", "第46届世界技能大赛铜牌（教练）")],
            status: Eligible,
            best: Some(T::Professor),
            cites: &[Exceptional1],
        },
        TitleCase {
            name: "辽宁省有突出贡献高技能人才 → 高工",
            cells: &[("技能等级", "技师"), ("取得时间", "2025-01-01"), ("荣誉称号", "辽宁省有突出贡献高技能人才")],
            status: Eligible,
            best: Some(T::Senior),
            cites: &[Exceptional2],
        },
        TitleCase {
            name: "省级工作站领创人 → 高工",
            cells: &[("技能等级", "技师"), ("取得时间", "2025-01-01"), ("技能大师工作室", "省级技能大师工作站领创人")],
            status: Eligible,
            best: Some(T::Senior),
            cites: &[Exceptional2],
        },
        TitleCase {
            name: "鞍山工匠 → 工程师",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("荣誉称号", "鞍山工匠")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Exceptional3],
        },
        TitleCase {
            name: "省赛金牌教练 → 工程师",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("技能竞赛", "辽宁省职业技能大赛金牌教练")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Exceptional3],
        },
        TitleCase {
            name: "市赛第二名 → 助工",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("技能竞赛", "鞍山市职业技能大赛第二名")],
            status: Eligible,
            best: Some(T::Assistant),
            cites: &[Exceptional4],
        },
        TitleCase {
            name: "一等奖: needs review, never granted",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("技能竞赛", "辽宁省职业技能大赛一等奖")],
            status: NeedsReview,
            best: Some(T::Engineer),
            cites: &[Exceptional3],
        },
        TitleCase {
            name: "鞍山市技术能手 is a near-miss",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("荣誉称号", "鞍山市技术能手")],
            status: NotEligible,
            best: None,
            cites: &[],
        },
        TitleCase {
            name: "全国技术能手提名 is a near-miss",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("荣誉称号", "全国技术能手提名")],
            status: NotEligible,
            best: None,
            cites: &[],
        },
        TitleCase {
            name: "世界技能大赛优胜奖 is a near-miss",
            cells: &[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("技能竞赛", "世界技能大赛优胜奖")],
            status: NotEligible,
            best: None,
            cites: &[],
        },
        TitleCase {
            name: "工作室成员 is a near-miss",
            cells: &[
                ("技能等级", "高级工"),
                ("取得时间", "2025-01-01"),
                ("技能大师工作室", "国家级技能大师工作室成员"),
            ],
            status: NotEligible,
            best: None,
            cites: &[],
        },
        TitleCase {
            name: "honour needs 高级工 too",
            cells: &[("技能等级", "中级工"), ("取得时间", "2015-01-01"), ("荣誉称号", "全国技术能手")],
            status: NotApplicable,
            best: None,
            cites: &[],
        },
        TitleCase {
            name: "honour needs the appraisals too",
            cells: &[
                ("技能等级", "高级工"),
                ("取得时间", "2015-01-01"),
                ("荣誉称号", "全国技术能手"),
                ("近三年年度考核", "2023合格、2024不合格、2025合格"),
            ],
            status: NotEligible,
            best: None,
            cites: &[Basic],
        },
        TitleCase {
            name: "regular met beats an unknown exceptional at the same title",
            cells: &[("技能等级", "技师"), ("取得时间", "2020-01-01"), ("技能竞赛", "辽宁省技能大赛一等奖")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Regular, Exceptional3],
        },
    ]);
    let d = screen(&[("技能等级", "高级工"), ("取得时间", "2020-01-01"), ("荣誉称号", "全国技术能手")]);
    assert_eq!((d.title.regular, d.title.exceptional), (Some(T::Assistant), Some(T::Professor)));
    assert_eq!(d.title.exceptional_basis[0].clause, Exceptional1);
}

#[test]
fn already_held_and_next() {
    check_title(&[
        TitleCase {
            name: "技师 already holding 工程师",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("职称", "工程师")],
            status: AlreadyHeld,
            best: Some(T::Engineer),
            cites: &[Regular],
        },
        TitleCase {
            name: "技师 holding 助工 moves up",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("职称", "助工")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[Regular],
        },
        TitleCase {
            name: "open points that could give nothing above the title held",
            cells: &[("技能等级", "高级工"), ("取得时间", "2015-01-01"), ("职称", "工程师"), ("近三年年度考核", "")],
            status: AlreadyHeld,
            best: Some(T::Assistant),
            cites: &[],
        },
        TitleCase {
            name: "other series title is not held",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("职称", "会计师")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[],
        },
    ]);
    let d = screen(&[("技能等级", "技师"), ("取得时间", "2024-05-20"), ("高级工取得时间", "2015-01-01")]);
    assert_eq!(
        d.title.next.map(|n| (n.to, n.date, n.clause, n.years)),
        Some((T::Engineer, NaiveDate::from_ymd_opt(2027, 5, 20).unwrap(), Regular, 3))
    );
    let d = screen(&[("技能等级", "技师"), ("取得时间", "2015-01-01")]);
    assert_eq!(d.title.next, None, "already reached");
    let d = screen(&[("技能等级", "技师"), ("取得时间", "2024-05-20"), ("荣誉称号", "全国技术能手")]);
    assert_eq!(
        (d.title.best, d.title.next.map(|n| n.to)),
        (Some(T::Professor), Some(T::Engineer)),
        "next is defined by the level alone"
    );
    let d = screen(&[("技能等级", "技师"), ("取得时间", "2024-05-20"), ("诚信情况", "伪造学历")]);
    assert_eq!(d.title.next, None, "vetoed");
}

#[test]
fn clause_1_scope_and_2_3_veto() {
    check_title(&[
        TitleCase {
            name: "management post",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("岗位类别", "管理岗位")],
            status: NotApplicable,
            best: None,
            cites: &[Scope],
        },
        TitleCase {
            name: "professional post is inside 三",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("岗位类别", "专业技术岗位")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[],
        },
        TitleCase {
            name: "empty post type cell",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("岗位类别", "")],
            status: NeedsReview,
            best: Some(T::Engineer),
            cites: &[Scope],
        },
        TitleCase {
            name: "veto",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("诚信情况", "2021年伪造业绩材料")],
            status: NotEligible,
            best: None,
            cites: &[Veto],
        },
        TitleCase {
            name: "无 is no record",
            cells: &[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("诚信情况", "无")],
            status: Eligible,
            best: Some(T::Engineer),
            cites: &[],
        },
    ]);
    let d = screen(&[
        ("技能等级", "技师"),
        ("取得时间", "2015-01-01"),
        ("职称", "助理工程师"),
        ("诚信情况", "剽窃他人成果"),
    ]);
    assert!(d.vetoed);
    assert_eq!((d.title.status, d.skill.status), (NotEligible, NotEligible));
    assert_eq!(d.title.regular, None);
    let d = screen(&[("职称", "工程师"), ("技能等级", "技师"), ("岗位类别", "专业技术岗位")]);
    assert_eq!(d.skill.status, NotApplicable, "专业技术岗位 is outside 四");
}

struct SkillCase {
    name: &'static str,
    cells: &'static [(&'static str, &'static str)],
    status: Status,
    level: Option<SkillLevel>,
    cites: &'static [Clause],
}

#[test]
fn clause_4_title_to_skill() {
    let cases = [
        SkillCase {
            name: "技术员 on a skill post",
            cells: &[("职称", "技术员"), ("职称取得时间", "2024-01-01"), ("岗位类别", "技能岗位")],
            status: Eligible,
            level: None,
            cites: &[Reverse1],
        },
        SkillCase {
            name: "助工 → 高级工",
            cells: &[("职称", "助理工程师"), ("职称取得时间", "2024-01-01")],
            status: Eligible,
            level: Some(L::Senior),
            cites: &[Reverse2],
        },
        SkillCase {
            name: "助工 3 years → 技师 on the anniversary",
            cells: &[("职称", "助工"), ("职称取得时间", "2022-12-31")],
            status: Eligible,
            level: Some(L::Technician),
            cites: &[Reverse3a],
        },
        SkillCase {
            name: "助工 one day short → 高级工",
            cells: &[("职称", "助工"), ("职称取得时间", "2023-01-01")],
            status: Eligible,
            level: Some(L::Senior),
            cites: &[Reverse2, Reverse3a],
        },
        SkillCase {
            name: "助工 without date → 技师 to verify",
            cells: &[("职称", "助工")],
            status: NeedsReview,
            level: Some(L::Technician),
            cites: &[Reverse3a],
        },
        SkillCase {
            name: "助工, occupation started later",
            cells: &[("职称", "助工"), ("职称取得时间", "2020-01-01"), ("从事本职业起始时间", "2023-06-01")],
            status: Eligible,
            level: Some(L::Senior),
            cites: &[Continuous],
        },
        SkillCase {
            name: "工程师 → 技师",
            cells: &[("职称", "中级工程师"), ("职称取得时间", "2024-01-01")],
            status: Eligible,
            level: Some(L::Technician),
            cites: &[Reverse3b],
        },
        SkillCase {
            name: "工程师 3 years → 高级技师",
            cells: &[("职称", "工程师"), ("职称取得时间", "2022-12-31")],
            status: Eligible,
            level: Some(L::SeniorTechnician),
            cites: &[Reverse4a],
        },
        SkillCase {
            name: "高工 → 高级技师",
            cells: &[("职称", "高工"), ("职称取得时间", "2025-01-01")],
            status: Eligible,
            level: Some(L::SeniorTechnician),
            cites: &[Reverse4b],
        },
        SkillCase {
            name: "正高 → 高级技师",
            cells: &[("职称", "教授级高级工程师")],
            status: Eligible,
            level: Some(L::SeniorTechnician),
            cites: &[Reverse4b],
        },
        SkillCase {
            name: "会计师: other series, outside 一",
            cells: &[("职称", "会计师"), ("职称取得时间", "2010-01-01")],
            status: NotApplicable,
            level: None,
            cites: &[Scope],
        },
        SkillCase {
            name: "no title", cells: &[("技能等级", "技师")], status: NotApplicable, level: None, cites: &[]
        },
        SkillCase {
            name: "management post",
            cells: &[("职称", "工程师"), ("岗位类别", "管理岗位")],
            status: NotApplicable,
            level: None,
            cites: &[Scope],
        },
        SkillCase {
            name: "already holds 高级技师",
            cells: &[("职称", "高级工程师"), ("技能等级", "高级技师"), ("取得时间", "2020-01-01")],
            status: AlreadyHeld,
            level: Some(L::SeniorTechnician),
            cites: &[Reverse4b],
        },
        SkillCase {
            name: "holds 高级工, 工程师 gives 技师",
            cells: &[
                ("职称", "工程师"),
                ("职称取得时间", "2025-01-01"),
                ("技能等级", "高级工"),
                ("取得时间", "2020-01-01"),
            ],
            status: Eligible,
            level: Some(L::Technician),
            cites: &[Reverse3b],
        },
    ];
    for c in &cases {
        let d = screen(c.cells);
        assert_eq!((d.skill.status, d.skill.level), (c.status, c.level), "{}: {:#?}", c.name, d.trace);
        for clause in c.cites {
            assert!(d.trace.clauses.contains(*clause), "{} should cite {clause}: {:?}", c.name, d.trace.clauses);
        }
    }
    // Why an other series' title is outside, said; an empty title cell says nothing of route 四;
    // a sheet without a title column says the column is missing, not a bare 不适用.
    let other = screen(&[("职称", "经济师")]);
    assert!(other.trace.reasons.iter().any(|r| r == "所持职称不属于工程系列，不在职称→技能路径的适用范围内（一）"));
    let none = screen(&[("技能等级", "技师"), ("职称", "")]);
    assert!(!none.trace.reasons.iter().any(|r| r.contains("职称→技能")), "{:?}", none.trace.reasons);
    let no_column = screen(&[("技能等级", "技师")]);
    assert_eq!(no_column.skill.status, NotApplicable);
    assert!(
        no_column.trace.reasons.iter().any(|r| r.starts_with("名册中没有职称列，无法判断职称→技能路径")),
        "{:?}",
        no_column.trace.reasons
    );
    let no_level = screen(&[("职称", "工程师")]);
    assert_eq!(no_level.title.status, NotApplicable);
    assert!(
        no_level.trace.reasons.iter().any(|r| r.starts_with("名册中没有技能等级列，无法判断技能→职称路径")),
        "{:?}",
        no_level.trace.reasons
    );
}

#[test]
fn clause_4_theory_exemption_promotion_and_next() {
    let exempt = |v: &'static str| screen(&[("职称", "工程师"), ("所学专业是否对口", v)]).skill.theory_exempt;
    assert_eq!((exempt("是"), exempt("否"), exempt("")), (Some(true), Some(false), None));

    let promo =
        |date: &'static str| screen(&[("职称", "工程师"), ("技能等级", "中级工"), ("取得时间", date)]).skill.promotion;
    assert_eq!(promo("2024-12-31"), Some(L::Senior), "held a full year");
    assert_eq!(promo("2025-01-01"), None, "one day short");
    assert_eq!(promo(""), None, "unknown");
    let d = screen(&[("职称", "工程师"), ("技能等级", "中级工"), ("取得时间", "2024-12-31")]);
    assert!(d.trace.clauses.contains(Promotion));

    let d = screen(&[("职称", "助理工程师"), ("职称取得时间", "2024-03-10")]);
    assert_eq!(
        d.skill.next.map(|n| (n.to, n.date)),
        Some((L::Technician, NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()))
    );
    let d = screen(&[("职称", "助理工程师"), ("职称取得时间", "2020-03-10")]);
    assert_eq!(d.skill.next, None);
}

#[test]
fn clause_5_2_treatment_and_3_2_1_education() {
    let treat = |l: &'static str| screen(&[("技能等级", l)]).treatment;
    assert_eq!(treat("高级工"), Some(T::Assistant));
    assert_eq!(treat("技师"), Some(T::Engineer));
    assert_eq!(treat("高级技师"), Some(T::Senior));
    assert_eq!(treat("中级工"), None);
    let d = screen(&[("技能等级", "技师")]);
    assert!(d.trace.clauses.contains(Treatment));

    let edu = |c: &'static str| screen(&[("技能等级", "高级工"), ("技工院校班级", c)]).education_equivalent;
    assert_eq!(edu("中级工班"), Some(Education("中专")));
    assert_eq!(edu("高级工班"), Some(Education("大专")));
    assert_eq!(edu("预备技师班"), Some(Education("本科")));
    assert_eq!(edu("技师班"), Some(Education("本科")));
    assert_eq!(edu(""), None);
    let from_education = screen(&[("技能等级", "高级工"), ("学历", "技工院校高级工班")]);
    assert_eq!(from_education.education_equivalent, Some(Education("大专")));
    assert_eq!(screen(&[("技能等级", "高级工"), ("学历", "本科")]).education_equivalent, None);
    assert!(screen(&[("技能等级", "高级工"), ("技工院校班级", "高级工班")]).trace.clauses.contains(TechSchool));
}

/// 二（三）: an integrity cell that says neither clean nor a record holds open what would be
/// granted, and vetoes nothing (RULES.md's three values).
#[test]
fn clause_2_3_unknown_integrity_is_never_a_veto_and_never_a_pass() {
    for unknown in ["待查", "有", "见附件", "#N/A"] {
        let d = screen(&[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("诚信情况", unknown)]);
        assert!(!d.vetoed, "{unknown}");
        assert_eq!((d.title.status, d.title.best), (NeedsReview, Some(T::Engineer)), "{unknown}");
        assert!(d.trace.verify.iter().any(|v| v == "核实诚信情况（二（三））"), "{unknown}: {:?}", d.trace);
        assert!(d.trace.clauses.contains(Veto));
        let d = screen(&[("职称", "助理工程师"), ("职称取得时间", "2015-01-01"), ("诚信情况", unknown)]);
        assert_eq!((d.skill.status, d.skill.level), (NeedsReview, Some(L::Technician)), "{unknown}");
    }
    // What is settled otherwise stays settled.
    let d = screen(&[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("职称", "工程师"), ("诚信情况", "待查")]);
    assert_eq!(d.title.status, AlreadyHeld);
    let d = screen(&[("技能等级", "中级工"), ("诚信情况", "待查")]);
    assert_eq!((d.title.status, d.skill.status), (NotApplicable, NotApplicable));
    assert!(d.trace.verify.is_empty());
}

/// An unreadable level or title is something to verify, never "not held".
#[test]
fn unreadable_level_or_title_is_needs_review() {
    let d = screen(&[("技能等级", "五星工匠"), ("取得时间", "2015-01-01")]);
    assert_eq!(d.title.status, NeedsReview);
    let d = screen(&[("技能等级", "工匠技师"), ("取得时间", "2015-01-01")]);
    assert_eq!(d.title.status, NeedsReview, "工匠技师 is not a rung of the ladder");
    let d = screen(&[("职称", "大拿"), ("岗位类别", "技能岗位")]);
    assert_eq!(d.skill.status, NeedsReview);
    let d = screen(&[("技能等级", "技师"), ("取得时间", "2015-01-01"), ("职称", "大拿")]);
    assert_eq!(d.title.status, NeedsReview, "the title held might be 工程师 already");
    // 特级技师 and 首席技师 count as 高级技师; 学徒工 is below the route.
    for top in ["特级技师", "首席技师"] {
        let d = screen(&[("技能等级", top), ("取得时间", "2015-01-01")]);
        assert_eq!((d.title.status, d.title.best), (Eligible, Some(T::Senior)), "{top}");
    }
    assert_eq!(screen(&[("技能等级", "学徒工")]).title.status, NotApplicable);
}

/// 三（四）: a placing in a competition whose level is not stated is not certain; several honours
/// of different tiers in one cell take the highest.
#[test]
fn clause_3_4_unstated_level_and_several_tiers() {
    let d = screen(&[("技能等级", "高级工"), ("取得时间", "2025-01-01"), ("技能竞赛", "职业技能大赛第一名")]);
    assert_eq!(d.title.status, NeedsReview);
    assert!(d.title.exceptional_basis.iter().all(|b| !b.confirmed));
    let d = screen(&[
        ("技能等级", "高级工"),
        ("取得时间", "2025-01-01"),
        ("荣誉称号", "鞍山工匠、辽宁工匠；辽宁省技术能手"),
    ]);
    assert_eq!((d.title.status, d.title.best), (Eligible, Some(T::Professor)));
    assert_eq!(d.title.exceptional_basis.iter().map(|b| b.tier).max(), Some(T::Professor));
    assert!(d.trace.clauses.contains(Exceptional1));
}

/// 三（一）2: a grade that is not one of the pass or fail words is a data issue and the route waits.
#[test]
fn clause_3_1_unrecognised_appraisal_grade() {
    let cells = [("技能等级", "技师"), ("取得时间", "2015-01-01"), ("近三年年度考核", "2023合格、2024待定、2025合格")];
    let d = screen(&cells);
    assert_eq!(d.title.status, NeedsReview);
    let sheet = RawSheet {
        sheet: "t".into(),
        merged: Vec::new(),
        rows: vec![
            RawRow {
                number: 1, cells: ["姓名", "技能等级", "近三年年度考核"].map(|h| Cell::Text(h.into())).to_vec()
            },
            RawRow {
                number: 2,
                cells: ["测试", "技师", "2023合格、2024待定、2025合格"].map(|h| Cell::Text(h.into())).to_vec(),
            },
        ],
    };
    let layout = locate(&sheet, &[]).unwrap();
    let p = person(&sheet.rows[1], &layout, &Context::new(Policy::embedded(), as_of()));
    assert!(p.issues.iter().any(|i| i.problem.contains("无法识别的考核结果")), "{:?}", p.issues);
}

/// 四: a year-only date is unknown where its two ends disagree, never unmet; `next` of route 四
/// and 四（五） with a year-only date.
#[test]
fn clause_4_year_only_dates_and_next() {
    let mid_year = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let d = screen_on(&[("职称", "助理工程师"), ("职称取得时间", "2022年")], mid_year);
    assert_eq!((d.skill.status, d.skill.level), (NeedsReview, Some(L::Technician)));
    let d = screen_on(&[("职称", "助理工程师"), ("职称取得时间", "2021年")], mid_year);
    assert_eq!((d.skill.status, d.skill.level), (Eligible, Some(L::Technician)));

    let d = screen(&[("职称", "工程师"), ("职称取得时间", "2024-03-10")]);
    assert_eq!(
        d.skill.next.map(|n| (n.to, n.date)),
        Some((L::SeniorTechnician, NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()))
    );

    let d = screen_on(&[("职称", "工程师"), ("技能等级", "中级工"), ("取得时间", "2024年")], mid_year);
    assert_eq!(d.skill.promotion, None);
    assert!(d.trace.verify.iter().any(|v| v.contains("只精确到年") && v.contains("四（五）")), "{:?}", d.trace);
    let d = screen_on(&[("职称", "工程师"), ("技能等级", "中级工"), ("取得时间", "2023年")], mid_year);
    assert_eq!(d.skill.promotion, Some(L::Senior));
}

/// 33号's file with `edit` applied, loaded as a policy of its own.
fn edited(edit: impl Fn(&str) -> String) -> &'static Policy {
    let text = edit(Policy::embedded().source.text);
    Policy::from_text(&text, std::path::Path::new("edited.toml")).expect("the edited policy loads")
}

#[test]
fn a_rung_of_no_years_is_the_level_alone_never_zero_years() {
    let policy = edited(|t| t.replacen("level = \"高级工\"\nyears = 2", "level = \"高级工\"\nyears = 0", 1));
    // No date at all: holding the level is enough.
    let d = screen_under(policy, &[("技能等级", "高级工")], as_of());
    assert_eq!((d.title.status, d.title.best), (Eligible, Some(T::Assistant)), "{:#?}", d.trace);
    assert!(d.trace.reasons.iter().any(|r| r == "取得高级工，可申报助理工程师（三（二）2）"), "{:?}", d.trace.reasons);
    assert!(!d.trace.reasons.iter().any(|r| r.contains("0年")), "{:?}", d.trace.reasons);
}

#[test]
fn a_title_to_skill_row_is_for_its_own_series_only() {
    // A second series in scope whose middle grade has a row of its own: an 工程师 gets 工程's
    // rows once, never the other series' reasons as well.
    let policy = edited(|t| {
        t.replacen(
            "# Series the document does not cover",
            "[[title.series]]\nname = \"测绘\"\nwords = [\"测绘\"]\ntitles = [\n  { name = \"测绘工程师\", grade = \"中级\" },\n]\n\n# Series the document does not cover",
            1,
        )
        .replacen("title_to_skill = { posts = [\"skill\"], series = [\"工程\"] }", "title_to_skill = { posts = [\"skill\"], series = [\"工程\", \"测绘\"] }", 1)
        .replacen(
            "# 四（五）",
            "[[reverse]]\nclause = \"四（三）2\"\ntitle = \"测绘工程师\"\ngrants = \"技师\"\n\n# 四（五）",
            1,
        )
    });
    let d = screen_under(policy, &[("职称", "工程师"), ("职称取得时间", "2020-01-01")], as_of());
    assert_eq!(d.skill.level, Some(L::SeniorTechnician), "{:#?}", d.trace);
    let technician: Vec<&String> = d.trace.reasons.iter().filter(|r| r.contains("四（三）2")).collect();
    assert_eq!(technician.len(), 1, "{:?}", d.trace.reasons);
    let d = screen_under(policy, &[("职称", "测绘工程师"), ("职称取得时间", "2020-01-01")], as_of());
    assert_eq!(d.skill.level, Some(L::Technician), "{:#?}", d.trace);
    assert!(!d.trace.reasons.iter().any(|r| r.contains("四（四）1")), "{:?}", d.trace.reasons);
}

#[test]
fn a_history_date_is_read_for_every_level_of_the_ladder() {
    // The test policy's ladder goes to 首席技师; its 高级技师 rung is 5 years (→ 高级工程师) and its
    // 特级技师 rung 2 years (→ 正高级工程师).
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/policies/test-2099-1.toml");
    let policy = Policy::from_file(&path).expect("the test policy");
    let principal = [("技能等级", "特级技师"), ("技能等级取得时间", "2025-01-01")];
    // Without 高级技师取得时间 the 高级技师 rung counts from 2025 and is only to verify …
    let d = screen_under(policy, &principal, as_of());
    assert_eq!(d.title.status, NeedsReview, "{:#?}", d.trace);
    // … with it, the rung is met by the level's own date.
    let with = [principal[0], principal[1], ("高级技师取得时间", "2015-01-01")];
    let d = screen_under(policy, &with, as_of());
    assert_eq!(d.title.status, Eligible, "{:#?}", d.trace);
    assert_eq!(d.title.best.map(|t| t.name()), Some("高级工程师"));
}

#[test]
fn the_title_to_skill_next_is_pinned_on_the_evaluation_day() {
    // 工程师 → 高级技师 after 3 years (四（四）1): reached on the evaluation day itself, it is
    // given now and is no next step; a day later, it is the next step on that day.
    let on_the_day = screen(&[("职称", "工程师"), ("职称取得时间", "2022-12-31")]);
    assert_eq!((on_the_day.skill.level, on_the_day.skill.next), (Some(L::SeniorTechnician), None));
    let day_after = screen(&[("职称", "工程师"), ("职称取得时间", "2023-01-01")]);
    assert_eq!(day_after.skill.level, Some(L::Technician));
    let next = day_after.skill.next.expect("a next step");
    assert_eq!((next.to, next.date), (L::SeniorTechnician, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
}
