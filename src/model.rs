//! The vocabulary of the policy as types: skill levels, engineering titles, clause ids, statuses.
//!
//! Strings exist only at the edges; inside the rules everything is one of these enums, which print
//! to the canonical Chinese names of RULES.md.

use serde::{Serialize, Serializer};
use std::fmt;

/// A rung of the policy's skill ladder: its place (0 is the lowest) and its name.
#[derive(Debug)]
pub struct Rung {
    pub rank: u8,
    pub name: &'static str,
}

/// 职业资格 / 职业技能等级: a rung of the loaded policy's ladder ([`crate::policy::SkillLadder`]).
/// Compared by rank, so `level >= floor` reads as the document does; a level the policy counts as
/// another (特级技师 as 高级技师 in 33号) is that rung.
#[derive(Clone, Copy)]
pub struct SkillLevel(pub &'static Rung);

impl SkillLevel {
    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn rank(self) -> u8 {
        self.0.rank
    }
}

/// A title of one of the policy's series: its grade (0 is the lowest of the policy's grades), its
/// series (an index into [`crate::policy::Titles::series`]) and its name.
#[derive(Debug)]
pub struct TitleDef {
    pub grade: u8,
    pub series: u8,
    pub name: &'static str,
}

/// 职称: a title of the loaded policy. Ordered by grade, then series.
#[derive(Clone, Copy)]
pub struct Title(pub &'static TitleDef);

impl Title {
    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn grade(self) -> u8 {
        self.0.grade
    }

    pub fn series(self) -> u8 {
        self.0.series
    }
}

/// The schooling a 技工院校 class counts as (三（二）1 of 33号: 中专, 大专, 本科), named by the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Education(pub &'static str);

impl Education {
    pub fn name(self) -> &'static str {
        self.0
    }
}

/// One clause of the loaded policy: its place in the document (its bit in a [`ClauseSet`]), its
/// id exactly as the document numbers it, and its text quoted from the document.
#[derive(Debug)]
pub struct ClauseDef {
    pub index: u8,
    pub id: &'static str,
    pub text: &'static str,
}

/// A clause of the loaded policy; clauses compare by their place in the document.
#[derive(Clone, Copy)]
pub struct Clause(pub &'static ClauseDef);

impl Clause {
    pub fn name(self) -> &'static str {
        self.0.id
    }
}

/// Values of the loaded policy compare by their place in its ladders, never by address: two
/// loads of one file give equal values.
macro_rules! ordered_by {
    ($t:ty, |$v:ident| $key:expr) => {
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                self.cmp(other) == std::cmp::Ordering::Equal
            }
        }
        impl Eq for $t {}
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $t {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                let key = |$v: &Self| $key;
                key(self).cmp(&key(other))
            }
        }
        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                let $v = self;
                $key.hash(state);
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
ordered_by!(SkillLevel, |v| v.0.rank);
ordered_by!(Title, |v| (v.0.grade, v.0.series));
ordered_by!(Clause, |v| v.0.index);

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

/// A set of clauses, iterated in the document's order: one bit each. Every decision carries one,
/// and a tree set allocated for it on every row would cost more than the rules.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct ClauseSet(u128);

impl ClauseSet {
    /// The most clauses a policy may cite.
    pub const CAPACITY: usize = 128;

    pub fn insert(&mut self, clause: Clause) {
        self.0 |= 1 << clause.0.index;
    }

    pub fn contains(&self, clause: Clause) -> bool {
        self.0 & (1 << clause.0.index) != 0
    }

    /// The clauses of `table` (the loaded policy's, in the document's order) in this set.
    pub fn iter<'a>(&'a self, table: &'static [ClauseDef]) -> impl Iterator<Item = Clause> + 'a {
        table.iter().map(Clause).filter(|c| self.contains(*c))
    }
}

impl fmt::Debug for ClauseSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClauseSet({:#x})", self.0)
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
    fn a_clause_set_lists_in_the_documents_order() {
        static TABLE: [ClauseDef; 3] = [
            ClauseDef { index: 0, id: "一", text: "" },
            ClauseDef { index: 1, id: "二", text: "" },
            ClauseDef { index: 2, id: "三", text: "" },
        ];
        let mut set = ClauseSet::default();
        for i in [2, 0, 2] {
            set.insert(Clause(&TABLE[i]));
        }
        let ids: Vec<_> = set.iter(&TABLE).map(Clause::name).collect();
        assert_eq!(ids, ["一", "三"]);
        assert!(set.contains(Clause(&TABLE[2])) && !set.contains(Clause(&TABLE[1])));
        assert!(Clause(&TABLE[0]) < Clause(&TABLE[1]));
    }
}

/// The kind of post (岗位类别), which decides the scope of 一.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Post {
    Skill,
    Professional,
    Management,
}

impl Post {
    pub const ALL: [Post; 3] = [Post::Skill, Post::Professional, Post::Management];

    /// The post type as a roster writes it: what the template's drop-down offers, and a word
    /// `normalize::post_type` reads back as this post.
    pub fn name(self) -> &'static str {
        match self {
            Post::Skill => "技能岗位",
            Post::Professional => "专业技术岗位",
            Post::Management => "管理岗位",
        }
    }
}
