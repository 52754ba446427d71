//! The vocabulary of the policy as types: skill levels, engineering titles, clause ids, statuses.
//!
//! Strings exist only at the edges; inside the rules everything is one of these enums, which print
//! to the canonical Chinese names of RULES.md.

use serde::{Serialize, Serializer};
use std::fmt;

/// 职业资格 / 职业技能等级, low to high. 特级技师 and 首席技师 are read as [`SkillLevel::SeniorTechnician`]
/// (RULES.md: "for every rule here they count as 高级技师").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkillLevel {
    /// 学徒工: below the five levels, a word rosters use for a worker who holds none of them yet.
    Apprentice,
    /// 初级工（五级）
    Primary,
    /// 中级工（四级）
    Intermediate,
    /// 高级工（三级）
    Senior,
    /// 技师（二级）
    Technician,
    /// 高级技师（一级）
    SeniorTechnician,
}

impl SkillLevel {
    pub const ALL: [SkillLevel; 6] = [
        SkillLevel::Apprentice,
        SkillLevel::Primary,
        SkillLevel::Intermediate,
        SkillLevel::Senior,
        SkillLevel::Technician,
        SkillLevel::SeniorTechnician,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SkillLevel::Apprentice => "学徒工",
            SkillLevel::Primary => "初级工",
            SkillLevel::Intermediate => "中级工",
            SkillLevel::Senior => "高级工",
            SkillLevel::Technician => "技师",
            SkillLevel::SeniorTechnician => "高级技师",
        }
    }

    /// The next rung of the ladder, `None` at the top.
    pub fn next(self) -> Option<SkillLevel> {
        let i = self as usize;
        Self::ALL.get(i + 1).copied()
    }
}

/// 工程系列职称, low to high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Title {
    /// 技术员
    Technician,
    /// 助理工程师
    Assistant,
    /// 工程师
    Engineer,
    /// 高级工程师
    Senior,
    /// 正高级工程师
    Professor,
}

impl Title {
    pub fn name(self) -> &'static str {
        match self {
            Title::Technician => "技术员",
            Title::Assistant => "助理工程师",
            Title::Engineer => "工程师",
            Title::Senior => "高级工程师",
            Title::Professor => "正高级工程师",
        }
    }
}

/// 技工院校 class types of 三（二）1 and the schooling each is treated as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Education {
    /// 中专
    SecondaryVocational,
    /// 大专
    JuniorCollege,
    /// 本科
    Bachelor,
}

impl Education {
    pub fn name(self) -> &'static str {
        match self {
            Education::SecondaryVocational => "中专",
            Education::JuniorCollege => "大专",
            Education::Bachelor => "本科",
        }
    }
}

macro_rules! serialize_as_name {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    )*};
}
serialize_as_name!(SkillLevel, Title, Education, Status, Clause);

/// A route's outcome for one person (RULES.md, "Three-valued results").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Eligible,
    NeedsReview,
    NotEligible,
    NotApplicable,
    AlreadyHeld,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Eligible, Status::NeedsReview, Status::NotEligible, Status::AlreadyHeld, Status::NotApplicable];

    /// The machine name used in the JSONL.
    pub fn name(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::NeedsReview => "needs_review",
            Status::NotEligible => "not_eligible",
            Status::NotApplicable => "not_applicable",
            Status::AlreadyHeld => "already_held",
        }
    }

    /// The Chinese label used in the workbook.
    pub fn label(self) -> &'static str {
        match self {
            Status::Eligible => "符合",
            Status::NeedsReview => "待核实",
            Status::NotEligible => "不符合",
            Status::NotApplicable => "不适用",
            Status::AlreadyHeld => "已具备",
        }
    }
}

/// The clause ids of 鞍人社〔2020〕33号, in the document's order (the derived `Ord` is that order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Clause {
    /// 一、适用范围
    Scope,
    /// 二（三）坚持以德为先 — the one-vote veto
    Veto,
    /// 三（一）基本条件
    Basic,
    /// 三（二）1 技工院校学历比照
    TechSchool,
    /// 三（二）2 按取得技能等级年限申报
    Regular,
    /// 三（四）1
    Exceptional1,
    /// 三（四）2
    Exceptional2,
    /// 三（四）3
    Exceptional3,
    /// 三（四）4
    Exceptional4,
    /// 四 (preamble): theory-exam exemption
    TheoryExempt,
    /// 四（一）
    Reverse1,
    /// 四（二）
    Reverse2,
    /// 四（三）1
    Reverse3a,
    /// 四（三）2
    Reverse3b,
    /// 四（四）1
    Reverse4a,
    /// 四（四）2
    Reverse4b,
    /// 四（五）
    Promotion,
    /// 五（一）经历连续计算
    Continuous,
    /// 五（二）待遇比照
    Treatment,
}

impl Clause {
    pub const ALL: [Clause; 19] = [
        Clause::Scope,
        Clause::Veto,
        Clause::Basic,
        Clause::TechSchool,
        Clause::Regular,
        Clause::Exceptional1,
        Clause::Exceptional2,
        Clause::Exceptional3,
        Clause::Exceptional4,
        Clause::TheoryExempt,
        Clause::Reverse1,
        Clause::Reverse2,
        Clause::Reverse3a,
        Clause::Reverse3b,
        Clause::Reverse4a,
        Clause::Reverse4b,
        Clause::Promotion,
        Clause::Continuous,
        Clause::Treatment,
    ];

    /// The id exactly as the document numbers it.
    pub fn name(self) -> &'static str {
        match self {
            Clause::Scope => "一",
            Clause::Veto => "二（三）",
            Clause::Basic => "三（一）",
            Clause::TechSchool => "三（二）1",
            Clause::Regular => "三（二）2",
            Clause::Exceptional1 => "三（四）1",
            Clause::Exceptional2 => "三（四）2",
            Clause::Exceptional3 => "三（四）3",
            Clause::Exceptional4 => "三（四）4",
            Clause::TheoryExempt => "四",
            Clause::Reverse1 => "四（一）",
            Clause::Reverse2 => "四（二）",
            Clause::Reverse3a => "四（三）1",
            Clause::Reverse3b => "四（三）2",
            Clause::Reverse4a => "四（四）1",
            Clause::Reverse4b => "四（四）2",
            Clause::Promotion => "四（五）",
            Clause::Continuous => "五（一）",
            Clause::Treatment => "五（二）",
        }
    }
}

/// A set of clauses, iterated in the document's order: one bit each. Every decision carries one,
/// and a tree set allocated for it on every row.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct ClauseSet(u32);

// One bit per clause.
const _: () = assert!(Clause::ALL.len() <= 32);

impl ClauseSet {
    pub fn insert(&mut self, clause: Clause) {
        self.0 |= 1 << clause as u32;
    }

    pub fn contains(&self, clause: &Clause) -> bool {
        self.0 & (1 << *clause as u32) != 0
    }

    pub fn iter(&self) -> impl Iterator<Item = Clause> + '_ {
        Clause::ALL.into_iter().filter(|c| self.contains(c))
    }
}

impl fmt::Debug for ClauseSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// Three-valued truth (RULES.md): a condition is met, unmet, or unknown because the roster lacks
/// what is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tri {
    Met,
    Unknown,
    Unmet,
}

impl Tri {
    /// Conditions that must all hold: unmet beats unknown beats met.
    pub fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::Unmet, _) | (_, Tri::Unmet) => Tri::Unmet,
            (Tri::Unknown, _) | (_, Tri::Unknown) => Tri::Unknown,
            _ => Tri::Met,
        }
    }

    /// Alternative ways to the same result: met beats unknown beats unmet.
    pub fn or(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::Met, _) | (_, Tri::Met) => Tri::Met,
            (Tri::Unknown, _) | (_, Tri::Unknown) => Tri::Unknown,
            _ => Tri::Unmet,
        }
    }

    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::Met
        } else {
            Tri::Unmet
        }
    }

    /// Not ruled out: met or unknown.
    pub fn possible(self) -> bool {
        self != Tri::Unmet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tri_truth_tables() {
        use Tri::*;
        let cases = [
            (Met, Met, Met, Met),
            (Met, Unknown, Unknown, Met),
            (Met, Unmet, Unmet, Met),
            (Unknown, Unknown, Unknown, Unknown),
            (Unknown, Unmet, Unmet, Unknown),
            (Unmet, Unmet, Unmet, Unmet),
        ];
        for (a, b, and, or) in cases {
            assert_eq!(a.and(b), and, "{a:?} and {b:?}");
            assert_eq!(b.and(a), and, "{b:?} and {a:?}");
            assert_eq!(a.or(b), or, "{a:?} or {b:?}");
            assert_eq!(b.or(a), or, "{b:?} or {a:?}");
        }
    }

    #[test]
    fn ladders_are_ordered_and_named() {
        assert!(SkillLevel::Senior < SkillLevel::Technician);
        assert_eq!(SkillLevel::Technician.next(), Some(SkillLevel::SeniorTechnician));
        assert_eq!(SkillLevel::SeniorTechnician.next(), None);
        assert!(Title::Engineer < Title::Senior);
        assert_eq!(Title::Professor.name(), "正高级工程师");
        assert_eq!(Clause::Reverse3a.name(), "四（三）1");
        let mut sorted = Clause::ALL;
        sorted.sort();
        assert_eq!(sorted, Clause::ALL);
    }

    #[test]
    fn a_clause_set_lists_in_the_documents_order() {
        let mut set = ClauseSet::default();
        for c in [Clause::Treatment, Clause::Scope, Clause::Reverse3a, Clause::Scope] {
            set.insert(c);
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), [Clause::Scope, Clause::Reverse3a, Clause::Treatment]);
        assert!(set.contains(&Clause::Treatment) && !set.contains(&Clause::Veto));
        assert_eq!(format!("{set:?}"), "{Scope, Reverse3a, Treatment}");
        assert!(Clause::ALL.iter().enumerate().all(|(i, c)| *c as usize == i));
    }
}
