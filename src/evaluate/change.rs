//! What changes for one person between two decisions — two policies, or one policy on two dates
//! (`guantong compare`) — route by route, in the words a bureau uses when it weighs a revision:
//! who gains, who loses, who may apply higher or lower, whose case now needs checking.

use super::Decision;
use crate::model::Status;
use crate::policy::rules::Outcome;

/// One route's decision as a comparison sees it: status, the best title or level (by name and
/// height, so that two policies' ladders compare), and how it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    pub status: Status,
    pub best: Option<Step>,
    /// 可申报, 可破格申报, 可直接申报 or 直接认定: only for a `best`.
    pub kind: Option<Outcome>,
}

/// A title or level of either policy: its name, and its height — a title's grade, a level's rank
/// — which two policies with the same grades and ladder bottom share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub name: &'static str,
    pub height: u8,
}

impl Side {
    /// Route 三 (技能→职称): the best title, by regular or exceptional conditions or a rule's outcome.
    pub fn title(d: &Decision) -> Side {
        let t = &d.title;
        let best = t.best.map(|b| Step { name: b.name(), height: b.grade() });
        let exceptional = t.best.is_some() && t.best == t.exceptional && t.regular.is_none_or(|r| Some(r) < t.best);
        let kind = t.best.map(|_| t.outcome.unwrap_or(if exceptional { Outcome::Exceptional } else { Outcome::Apply }));
        Side { status: t.status, best, kind }
    }

    /// Route 四 (职称→技能): the level reached.
    pub fn skill(d: &Decision) -> Side {
        let s = &d.skill;
        let best = s.level.map(|l| Step { name: l.name(), height: l.rank() });
        Side { status: s.status, best, kind: s.level.map(|_| s.outcome.unwrap_or(Outcome::Apply)) }
    }
}

/// The kind of change of one route, from the first decision (A) to the second (B).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// Not eligible under A, eligible under B.
    Gained,
    /// Eligible under A, not under B.
    Lost,
    /// Eligible under both, for a higher title or level under B.
    Higher,
    /// Eligible under both, for a lower one under B.
    Lower,
    /// Settled under A (either way), to be verified under B.
    ToReview,
    /// To be verified under A, settled under B (either way).
    FromReview,
    /// Any other difference: another title of the same grade, another way of being given it,
    /// one kind of 不符合 for another, both to be verified for different titles.
    Other,
}

impl Change {
    pub const ALL: [Change; 7] = [
        Change::Gained,
        Change::Lost,
        Change::Higher,
        Change::Lower,
        Change::ToReview,
        Change::FromReview,
        Change::Other,
    ];

    /// As the workbook and the terminal say it.
    pub fn label(self) -> &'static str {
        match self {
            Change::Gained => "新增可申报",
            Change::Lost => "不再可申报",
            Change::Higher => "可申报更高",
            Change::Lower => "可申报更低",
            Change::ToReview => "变为待核实",
            Change::FromReview => "不再待核实",
            Change::Other => "其他变化",
        }
    }

    /// As the JSONL names it.
    pub fn name(self) -> &'static str {
        match self {
            Change::Gained => "gained",
            Change::Lost => "lost",
            Change::Higher => "higher",
            Change::Lower => "lower",
            Change::ToReview => "to_review",
            Change::FromReview => "from_review",
            Change::Other => "other",
        }
    }

    /// A gain for the person (新增可申报, 可申报更高) or a loss (不再可申报, 可申报更低): what a
    /// clause of B decided, counted per clause on 汇总. `None` for the others.
    pub fn gain(self) -> Option<bool> {
        match self {
            Change::Gained | Change::Higher => Some(true),
            Change::Lost | Change::Lower => Some(false),
            _ => None,
        }
    }
}

/// What changed on one route from `a` to `b`; `None` when status, best (by name) and kind are the
/// same. Verification comes first: a case that starts or stops needing it is said so, whatever
/// else changed, because that is what the bureau must act on.
pub fn change(a: Side, b: Side) -> Option<Change> {
    let name = |s: Side| s.best.map(|b| b.name);
    if a.status == b.status && name(a) == name(b) && a.kind == b.kind {
        return None;
    }
    let (review_a, review_b) = (a.status == Status::NeedsReview, b.status == Status::NeedsReview);
    let (eligible_a, eligible_b) = (a.status == Status::Eligible, b.status == Status::Eligible);
    Some(match () {
        _ if review_a && !review_b => Change::FromReview,
        _ if !review_a && review_b => Change::ToReview,
        _ if !eligible_a && eligible_b => Change::Gained,
        _ if eligible_a && !eligible_b => Change::Lost,
        _ if eligible_a && eligible_b => {
            let height = |s: Side| s.best.map(|b| b.height);
            match height(b).cmp(&height(a)) {
                std::cmp::Ordering::Greater => Change::Higher,
                std::cmp::Ordering::Less => Change::Lower,
                std::cmp::Ordering::Equal => Change::Other,
            }
        }
        _ => Change::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn side(status: Status, best: Option<(&'static str, u8)>, kind: Option<Outcome>) -> Side {
        Side { status, best: best.map(|(name, height)| Step { name, height }), kind }
    }

    const ENGINEER: Option<(&str, u8)> = Some(("工程师", 2));
    const SENIOR: Option<(&str, u8)> = Some(("高级工程师", 3));
    const ASSISTANT: Option<(&str, u8)> = Some(("助理工程师", 1));
    const APPLY: Option<Outcome> = Some(Outcome::Apply);

    /// Every row of the table in the README, and its edges.
    #[test]
    fn each_pair_of_decisions_has_one_change() {
        let cases: &[(Side, Side, Option<Change>)] = &[
            (side(Eligible, ENGINEER, APPLY), side(Eligible, ENGINEER, APPLY), None),
            (side(NotEligible, None, None), side(NotEligible, None, None), None),
            (side(NotEligible, None, None), side(Eligible, ENGINEER, APPLY), Some(Change::Gained)),
            (side(NotApplicable, None, None), side(Eligible, ENGINEER, APPLY), Some(Change::Gained)),
            (side(AlreadyHeld, None, None), side(Eligible, SENIOR, APPLY), Some(Change::Gained)),
            (side(Eligible, ENGINEER, APPLY), side(NotEligible, None, None), Some(Change::Lost)),
            (side(Eligible, ENGINEER, APPLY), side(Eligible, SENIOR, APPLY), Some(Change::Higher)),
            (side(Eligible, ENGINEER, APPLY), side(Eligible, ASSISTANT, APPLY), Some(Change::Lower)),
            (side(Eligible, ENGINEER, APPLY), side(NeedsReview, ENGINEER, APPLY), Some(Change::ToReview)),
            (side(NotEligible, None, None), side(NeedsReview, ENGINEER, APPLY), Some(Change::ToReview)),
            (side(NeedsReview, ENGINEER, APPLY), side(Eligible, ENGINEER, APPLY), Some(Change::FromReview)),
            (side(NeedsReview, ENGINEER, APPLY), side(NotEligible, None, None), Some(Change::FromReview)),
            (side(NeedsReview, ENGINEER, APPLY), side(NeedsReview, SENIOR, APPLY), Some(Change::Other)),
            (side(NotEligible, None, None), side(NotApplicable, None, None), Some(Change::Other)),
            // The same title given another way: 可申报 → 可破格申报.
            (side(Eligible, SENIOR, APPLY), side(Eligible, SENIOR, Some(Outcome::Exceptional)), Some(Change::Other)),
            // Another title of the same grade (another series).
            (side(Eligible, ENGINEER, APPLY), side(Eligible, Some(("经济师", 2)), APPLY), Some(Change::Other)),
        ];
        for (i, (a, b, want)) in cases.iter().enumerate() {
            assert_eq!(change(*a, *b), *want, "case {i}: {a:?} → {b:?}");
        }
    }

    #[test]
    fn gains_and_losses_are_the_four_that_move_eligibility_or_height() {
        let gains: Vec<Change> = Change::ALL.into_iter().filter(|c| c.gain() == Some(true)).collect();
        let losses: Vec<Change> = Change::ALL.into_iter().filter(|c| c.gain() == Some(false)).collect();
        assert_eq!(gains, [Change::Gained, Change::Higher]);
        assert_eq!(losses, [Change::Lost, Change::Lower]);
    }
}
