//! 33号's levels, titles and clauses as constants, for the unit tests' tables of cases: a table
//! reads `best: Some(T::Engineer)` and `cites: &[Regular]` as the document does. Values compare by
//! rank and place, not by address, so these equal the embedded policy's own; the test below checks
//! that each names what the embedded file has at its place.

#![allow(non_upper_case_globals)]

/// Skill levels of 33号, by rank.
pub mod level {
    use crate::model::{Rung, SkillLevel};
    macro_rules! levels {
        ($($id:ident = $rank:literal $name:literal),* $(,)?) => {
            $(pub const $id: SkillLevel = SkillLevel(&Rung { rank: $rank, name: $name });)*
            pub const ALL: &[SkillLevel] = &[$($id),*];
        };
    }
    levels! {
        Apprentice = 0 "学徒工",
        Primary = 1 "初级工",
        Intermediate = 2 "中级工",
        Senior = 3 "高级工",
        Technician = 4 "技师",
        SeniorTechnician = 5 "高级技师",
    }
}

/// Engineering titles of 33号, by grade (the series is the first, 工程).
pub mod title {
    use crate::model::{Title, TitleDef};
    macro_rules! titles {
        ($($id:ident = $grade:literal $name:literal),* $(,)?) => {
            $(pub const $id: Title = Title(&TitleDef { grade: $grade, series: 0, name: $name });)*
            pub const ALL: &[Title] = &[$($id),*];
        };
    }
    titles! {
        Technician = 0 "技术员",
        Assistant = 1 "助理工程师",
        Engineer = 2 "工程师",
        Senior = 3 "高级工程师",
        Professor = 4 "正高级工程师",
    }
}

/// The clauses of 33号 that decisions cite, by their place in the policy file.
pub mod clause {
    use crate::model::{Clause, ClauseDef};
    macro_rules! clauses {
        ($($id:ident = $index:literal $name:literal),* $(,)?) => {
            $(pub const $id: Clause = Clause(&ClauseDef { index: $index, id: $name, text: "" });)*
            pub const ALL: &[Clause] = &[$($id),*];
        };
    }
    clauses! {
        Scope = 0 "一",
        Veto = 1 "二（三）",
        Basic = 2 "三（一）",
        TechSchool = 3 "三（二）1",
        Regular = 4 "三（二）2",
        Exceptional1 = 7 "三（四）1",
        Exceptional2 = 8 "三（四）2",
        Exceptional3 = 9 "三（四）3",
        Exceptional4 = 10 "三（四）4",
        TheoryExempt = 11 "四",
        Reverse1 = 12 "四（一）",
        Reverse2 = 13 "四（二）",
        Reverse3a = 15 "四（三）1",
        Reverse3b = 16 "四（三）2",
        Reverse4a = 18 "四（四）1",
        Reverse4b = 19 "四（四）2",
        Promotion = 20 "四（五）",
        Continuous = 21 "五（一）",
        Treatment = 22 "五（二）",
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::Policy;

    #[test]
    fn the_constants_name_what_the_embedded_policy_has_at_their_place() {
        let p = Policy::embedded();
        for l in super::level::ALL {
            assert_eq!(p.skill.levels[usize::from(l.rank())].name, l.name());
        }
        for t in super::title::ALL {
            assert_eq!(p.titles.of_grade(t.series(), t.grade()).map(|x| x.name()), Some(t.name()));
        }
        for c in super::clause::ALL {
            assert_eq!(p.clauses[usize::from(c.0.index)].id, c.name());
        }
    }
}
