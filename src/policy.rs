//! 鞍人社〔2020〕33号 as data: every number, ladder and award list the rules use, each entry with
//! the clause it comes from.
//!
//! The evaluator ([`crate::evaluate`]) is generic over a [`Policy`]; nothing in it names a level, a
//! year count or an honour. Read this file side by side with the policy text: each table below is
//! one paragraph of it. The structs are plain data so that a later version can load them from a
//! file.

use crate::model::{Clause, Education, SkillLevel, Title};

/// The whole policy.
#[derive(Debug)]
pub struct Policy {
    pub name: &'static str,
    pub number: &'static str,
    pub issuer: &'static str,
    pub issued: &'static str,
    /// 三（一）1: the lowest skill level that makes a 高技能人才.
    pub high_skill_floor: LevelFloor,
    /// 三（一）2: the annual appraisals.
    pub appraisal: AppraisalRule,
    /// 三（二）1: 技工院校 classes and the schooling they count as.
    pub tech_school: &'static [SchoolRule],
    /// 三（二）2: years after a skill level → title.
    pub regular: &'static [RegularRule],
    /// 三（四）: honours that open the exceptional route.
    pub honours: &'static [HonourRule],
    /// Texts that look like an honour of 三（四） but are not one (RULES.md, near-misses).
    pub near_misses: &'static [NearMiss],
    /// 四（一）–（四）: title → skill level.
    pub reverse: &'static [ReverseRule],
    /// 四（五）: years a title holder must hold a skill level before promotion.
    pub promotion: PromotionRule,
    /// 五（二）: skill level ↔ title treatment.
    pub treatment: &'static [TreatmentRule],
    /// Conditions left to people (shown in the workbook's 政策依据 sheet).
    pub committee_checks: &'static [(&'static str, &'static str)],
}

#[derive(Debug)]
pub struct LevelFloor {
    pub clause: Clause,
    pub level: SkillLevel,
}

#[derive(Debug)]
pub struct AppraisalRule {
    pub clause: Clause,
    /// How many of the most recent appraisals must pass.
    pub years: usize,
    /// Grades that pass; longest words are matched first so 基本合格 is never read as 合格.
    pub pass: &'static [&'static str],
    pub fail: &'static [&'static str],
}

#[derive(Debug)]
pub struct SchoolRule {
    pub clause: Clause,
    /// Words of the class type, any of which identifies it.
    pub class: &'static [&'static str],
    pub counts_as: Education,
}

#[derive(Debug)]
pub struct RegularRule {
    pub clause: Clause,
    pub level: SkillLevel,
    pub years: u32,
    pub grants: Title,
}

/// Where an honour was given. Ordered low to high so "省级以上" is `>= Provincial`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reach {
    Enterprise,
    City,
    Provincial,
    National,
    World,
}

/// How an honour of 三（四） is recognised in free text.
#[derive(Debug)]
pub enum Matcher {
    /// A named honour: matches when, for some alternative, all its words appear. `certain` names
    /// the honour with its issuer; `unsure` is the same honour with the issuer left out (to verify).
    Named { certain: &'static [&'static [&'static str]], unsure: &'static [&'static [&'static str]] },
    /// The leading role (领创人/领办人/带头人) of a 技能大师工作室/工作站 of exactly this reach.
    StudioLead(Reach),
    /// A top-three placing (contestant or coach) in a 技能大赛 whose reach is one of these.
    Podium(&'static [Reach]),
}

#[derive(Debug)]
pub struct HonourRule {
    pub clause: Clause,
    pub grants: Title,
    /// The honour as the policy names it.
    pub label: &'static str,
    pub matcher: Matcher,
}

#[derive(Debug)]
pub struct NearMiss {
    /// Alternatives, each a set of words that must all appear.
    pub words: &'static [&'static [&'static str]],
    pub why: &'static str,
}

/// What a title holder's condition is in 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReverseCondition {
    /// Holding the title on a skill post is enough.
    Holds,
    /// This many years in the occupation after the title.
    YearsAfter(u32),
}

#[derive(Debug)]
pub struct ReverseRule {
    pub clause: Clause,
    /// The lowest title that satisfies the rule.
    pub title_from: Title,
    /// The highest title the rule is written for (四（三）1 is for 助理工程师 only).
    pub title_to: Title,
    pub condition: ReverseCondition,
    /// `None` for 四（一）: the skill evaluation of the post's occupation, with no level set here.
    pub grants: Option<SkillLevel>,
}

#[derive(Debug)]
pub struct PromotionRule {
    pub clause: Clause,
    pub years: u32,
}

#[derive(Debug)]
pub struct TreatmentRule {
    pub clause: Clause,
    pub level: SkillLevel,
    pub treated_as: Title,
}

/// 鞍人社〔2020〕33号, 2020-05-25. One line per entry, so the table can be read against the text.
#[rustfmt::skip]
pub static ANSHAN_2020_33: Policy = Policy {
    name: "关于高技能人才与工程技术人才职业发展贯通工作实施方案",
    number: "鞍人社〔2020〕33号",
    issuer: "鞍山市人力资源和社会保障局",
    issued: "2020-05-25",
    high_skill_floor: LevelFloor { clause: Clause::Basic, level: SkillLevel::Senior },
    appraisal: AppraisalRule {
        clause: Clause::Basic,
        years: 3,
        pass: &["优秀", "良好", "合格", "称职"],
        fail: &["基本合格", "不合格", "基本称职", "不称职"],
    },
    tech_school: &[
        SchoolRule { clause: Clause::TechSchool, class: &["中级工班"], counts_as: Education::SecondaryVocational },
        SchoolRule { clause: Clause::TechSchool, class: &["高级工班"], counts_as: Education::JuniorCollege },
        SchoolRule { clause: Clause::TechSchool, class: &["预备技师", "技师班"], counts_as: Education::Bachelor },
    ],
    regular: &[
        RegularRule { clause: Clause::Regular, level: SkillLevel::Senior, years: 2, grants: Title::Assistant },
        RegularRule { clause: Clause::Regular, level: SkillLevel::Technician, years: 3, grants: Title::Engineer },
        RegularRule { clause: Clause::Regular, level: SkillLevel::SeniorTechnician, years: 4, grants: Title::Senior },
    ],
    honours: &[
        HonourRule { clause: Clause::Exceptional1, grants: Title::Professor, label: "中华技能大奖获得者", matcher: Matcher::Named { certain: &[&["中华技能大奖"]], unsure: &[] } },
        HonourRule { clause: Clause::Exceptional1, grants: Title::Professor, label: "享受国务院特殊津贴的高技能人才", matcher: Matcher::Named { certain: &[&["国务院", "特殊津贴"], &["国务院", "特贴"]], unsure: &[&["政府特殊津贴"], &["政府特贴"], &["特殊津贴"]] } },
        HonourRule { clause: Clause::Exceptional1, grants: Title::Professor, label: "全国技术能手", matcher: Matcher::Named { certain: &[&["全国技术能手"]], unsure: &[] } },
        HonourRule { clause: Clause::Exceptional1, grants: Title::Professor, label: "国家级技能大师工作室领创人", matcher: Matcher::StudioLead(Reach::National) },
        HonourRule { clause: Clause::Exceptional1, grants: Title::Professor, label: "辽宁工匠", matcher: Matcher::Named { certain: &[&["辽宁工匠"], &["辽宁省工匠"]], unsure: &[] } },
        HonourRule { clause: Clause::Exceptional1, grants: Title::Professor, label: "辽宁省功勋高技能人才", matcher: Matcher::Named { certain: &[&["辽宁", "功勋高技能人才"]], unsure: &[&["功勋高技能人才"]] } },
        HonourRule { clause: Clause::Exceptional1, grants: Title::Professor, label: "世界技能大赛金牌、银牌、铜牌选手及其技术指导专家和教练", matcher: Matcher::Podium(&[Reach::World]) },
        HonourRule { clause: Clause::Exceptional2, grants: Title::Senior, label: "辽宁省有突出贡献高技能人才", matcher: Matcher::Named { certain: &[&["辽宁", "突出贡献高技能人才"]], unsure: &[&["突出贡献高技能人才"]] } },
        HonourRule { clause: Clause::Exceptional2, grants: Title::Senior, label: "省级技能大师工作站领创人", matcher: Matcher::StudioLead(Reach::Provincial) },
        HonourRule { clause: Clause::Exceptional3, grants: Title::Engineer, label: "辽宁省技术能手", matcher: Matcher::Named { certain: &[&["辽宁省技术能手"], &["辽宁技术能手"]], unsure: &[&["省级技术能手"], &["省技术能手"]] } },
        HonourRule { clause: Clause::Exceptional3, grants: Title::Engineer, label: "鞍山工匠", matcher: Matcher::Named { certain: &[&["鞍山工匠"], &["鞍山市工匠"]], unsure: &[] } },
        HonourRule { clause: Clause::Exceptional3, grants: Title::Engineer, label: "市级技能大师工作站领创人", matcher: Matcher::StudioLead(Reach::City) },
        HonourRule { clause: Clause::Exceptional3, grants: Title::Engineer, label: "省级以上技能大赛前三名选手及教练", matcher: Matcher::Podium(&[Reach::Provincial, Reach::National, Reach::World]) },
        HonourRule { clause: Clause::Exceptional4, grants: Title::Assistant, label: "市级技能大赛前三名选手及教练", matcher: Matcher::Podium(&[Reach::City]) },
    ],
    near_misses: &[
        NearMiss { words: &[&["提名"]], why: "提名不等于获得该荣誉" },
        NearMiss { words: &[&["省", "特殊津贴"], &["市", "特殊津贴"], &["省", "特贴"], &["市", "特贴"]], why: "省、市政府特殊津贴不是国务院特殊津贴" },
        NearMiss { words: &[&["市", "功勋"], &["市", "突出贡献"]], why: "市级荣誉不在三（四）1、2所列之内" },
        NearMiss { words: &[&["世界", "优秀奖"]], why: "世界技能大赛优秀（优胜）奖不是金、银、铜牌" },
        NearMiss { words: &[&["市技术能手"], &["市级技术能手"]], why: "市级技术能手不在三（四）所列荣誉之内" },
        NearMiss { words: &[&["集训队"]], why: "集训队成员不等于获得名次" },
        NearMiss { words: &[&["世界", "优胜奖"]], why: "世界技能大赛优胜奖不是金、银、铜牌" },
        NearMiss { words: &[&["鼓励奖"], &["参赛奖"], &["入围"]], why: "未获得前三名" },
        NearMiss { words: &[&["工作室", "成员"], &["工作站", "成员"]], why: "技能大师工作室（站）成员不是领创人" },
        NearMiss { words: &[&["裁判"]], why: "裁判不是选手或教练" },
    ],
    reverse: &[
        ReverseRule { clause: Clause::Reverse1, title_from: Title::Technician, title_to: Title::Technician, condition: ReverseCondition::Holds, grants: None },
        ReverseRule { clause: Clause::Reverse2, title_from: Title::Assistant, title_to: Title::Assistant, condition: ReverseCondition::Holds, grants: Some(SkillLevel::Senior) },
        ReverseRule { clause: Clause::Reverse3a, title_from: Title::Assistant, title_to: Title::Assistant, condition: ReverseCondition::YearsAfter(3), grants: Some(SkillLevel::Technician) },
        ReverseRule { clause: Clause::Reverse3b, title_from: Title::Engineer, title_to: Title::Professor, condition: ReverseCondition::Holds, grants: Some(SkillLevel::Technician) },
        ReverseRule { clause: Clause::Reverse4a, title_from: Title::Engineer, title_to: Title::Engineer, condition: ReverseCondition::YearsAfter(3), grants: Some(SkillLevel::SeniorTechnician) },
        ReverseRule { clause: Clause::Reverse4b, title_from: Title::Senior, title_to: Title::Professor, condition: ReverseCondition::Holds, grants: Some(SkillLevel::SeniorTechnician) },
    ],
    promotion: PromotionRule { clause: Clause::Promotion, years: 1 },
    treatment: &[
        TreatmentRule { clause: Clause::Treatment, level: SkillLevel::Senior, treated_as: Title::Assistant },
        TreatmentRule { clause: Clause::Treatment, level: SkillLevel::Technician, treated_as: Title::Engineer },
        TreatmentRule { clause: Clause::Treatment, level: SkillLevel::SeniorTechnician, treated_as: Title::Senior },
    ],
    committee_checks: &[
        ("三（一）", "符合国家、省、市规定的工程技术人才职称评价基本标准条件；遵守单位规章制度和生产操作规程（由评委会审查，本程序不计算）"),
        ("三（三）", "职业能力、工作业绩、技能技艺等评审条件（由评委会综合评价）"),
        ("三（四）", "荣誉、竞赛名次以证书和表彰文件为准；世界技能大赛奖牌须为鞍山选手及其技术指导专家和教练"),
        ("四", "毕业证书专业与所申报职业（专业）是否对口，以毕业证书为准"),
        ("四（三）、四（四）", "从事本职业或相关职业（工种）工作的年限与连续性，以单位证明为准（五（一））"),
        ("二（三）", "伪造学历、资历、业绩材料，剽窃他人成果等弄虚作假者实行“一票否决”"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The regular ladder reads like the table of 三（二）2 and climbs one rung at a time.
    #[test]
    fn regular_ladder_matches_clause_3_2_2() {
        let rows: Vec<_> = ANSHAN_2020_33
            .regular
            .iter()
            .map(|r| (r.level.name(), r.years, r.grants.name(), r.clause.name()))
            .collect();
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
        for h in ANSHAN_2020_33.honours {
            let expected = match h.grants {
                Title::Professor => Clause::Exceptional1,
                Title::Senior => Clause::Exceptional2,
                Title::Engineer => Clause::Exceptional3,
                Title::Assistant => Clause::Exceptional4,
                Title::Technician => unreachable!("no honour grants 技术员"),
            };
            assert_eq!(h.clause, expected, "{}", h.label);
        }
    }

    #[test]
    fn treatment_pairs_match_clause_5_2() {
        let pairs: Vec<_> = ANSHAN_2020_33.treatment.iter().map(|t| (t.level.name(), t.treated_as.name())).collect();
        assert_eq!(pairs, [("高级工", "助理工程师"), ("技师", "工程师"), ("高级技师", "高级工程师")]);
    }
}
