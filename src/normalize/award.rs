//! Award, competition and master-studio free text into the honours of 三（四）.
//!
//! Each cell may list several items (`全国技术能手、2019年辽宁省职业技能大赛车工第一名`). An item is
//! read as one of: an honour of the policy's table (certain, or needing review when its placing,
//! role or level is not stated), a near-miss that the policy does not name, or unrecognised text.

use super::text::{fold, is_none_word};
use crate::model::Tri;
use crate::policy::lexicon::{Found, Lexicon, WordId};
use crate::policy::{Matcher, Policy, Reach};
use std::borrow::Cow;

/// One item of award text, read.
#[derive(Debug, Clone, PartialEq)]
pub enum AwardReading {
    Honour(Honour),
    /// Looks like an honour of 三（四） but is not one.
    NearMiss {
        text: String,
        why: &'static str,
    },
    Unrecognised {
        text: String,
        why: &'static str,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Honour {
    /// The item as the roster wrote it.
    pub text: String,
    /// Index into the policy's honours ([`crate::policy::Exceptional::honours`]).
    pub rule: usize,
    /// `Met` when the text states the honour fully; `Unknown` when a placing, role or level must be
    /// checked against the certificate.
    pub certain: Tri,
    pub open_point: Option<&'static str>,
}

/// Splits a cell into items and reads each. In a 技能大师工作室 column every item is about a studio,
/// so `省级/领办人` is read as one, and a comma only separates its level from its role.
pub fn parse<'a>(
    raw: &'a str,
    policy: &'a Policy,
    lexicon: &'a Lexicon,
    studio_column: bool,
) -> impl Iterator<Item = AwardReading> + 'a {
    let separators: &[char] = if studio_column {
        &['、', ';', '；', '\n', '\r']
    } else {
        &['、', ',', '，', ';', '；', '。', '\n', '\r']
    };
    raw.split(separators)
        .map(str::trim)
        .map(|item| (item, fold(item)))
        .filter(|(_, folded)| !is_none_word(folded))
        .map(move |(item, folded)| read_item(item, &folded, policy, lexicon, studio_column))
}

/// Reads one item; `folded` is the item after [`fold`].
fn read_item(item: &str, folded: &str, policy: &Policy, lexicon: &Lexicon, studio_column: bool) -> AwardReading {
    let s = strip_edition(folded);
    let text = item.to_string();
    let found = lexicon.find(&s);

    if let Some(i) = lexicon.near_misses.iter().position(|m| found.one_of(m)) {
        return AwardReading::NearMiss { text, why: policy.exceptional.near_misses[i].why };
    }
    if pending(&s) {
        return AwardReading::NearMiss { text, why: PENDING_WHY };
    }
    if let Some(rule) = lexicon.certain.iter().position(|a| found.one_of(a)) {
        return AwardReading::Honour(Honour { text, rule, certain: Tri::Met, open_point: None });
    }
    if let Some(rule) = lexicon.unsure.iter().position(|a| found.one_of(a)) {
        let note = policy.exceptional.honours[rule].unsure_note;
        let open_point = Some(note.unwrap_or(policy.exceptional.wording.issuer_unstated));
        return AwardReading::Honour(Honour { text, rule, certain: Tri::Unknown, open_point });
    }
    let reach = lexicon.reach.iter().find(|(id, _)| found.has(*id)).map(|(_, r)| *r);
    if studio_column || found.any(&lexicon.studio) {
        return studio(text, found.any(&lexicon.leads), reach, policy);
    }
    if found.any(&lexicon.contest) {
        let reach = organiser(&s, &found, lexicon, policy).or(reach);
        return competition(text, placing(&s, &found, lexicon), reach, open_point(&s), policy);
    }
    AwardReading::Unrecognised { text, why: policy.exceptional.wording.not_listed }
}

fn studio(text: String, leads: bool, reach: Option<Reach>, policy: &Policy) -> AwardReading {
    let wording = &policy.exceptional.wording;
    let rules = |r: Reach| {
        policy.exceptional.honours.iter().position(|h| matches!(h.matcher, Matcher::StudioLead(x) if x == r))
    };
    match reach {
        Some(Reach::Enterprise) => AwardReading::NearMiss { text, why: wording.enterprise_studio },
        Some(r) => match rules(r) {
            Some(rule) if leads => AwardReading::Honour(Honour { text, rule, certain: Tri::Met, open_point: None }),
            Some(rule) => AwardReading::Honour(Honour {
                text,
                rule,
                certain: Tri::Unknown,
                open_point: Some("未写明是否为工作室（站）领创人"),
            }),
            None => AwardReading::Unrecognised { text, why: wording.studio_reach_not_listed },
        },
        None => match (Reach::ALL_COUNTED.iter().find_map(|r| rules(*r)), leads) {
            (Some(rule), _) => AwardReading::Honour(Honour {
                text,
                rule,
                certain: Tri::Unknown,
                open_point: Some("未写明技能大师工作室（站）的级别"),
            }),
            (None, _) => AwardReading::Unrecognised { text, why: "技能大师工作室（站）级别不明确" },
        },
    }
}

/// Roster words that say an honour is not (yet) awarded: a candidate, a nomination for it, an
/// application or review in progress, a publicity period. Words of the roster, not of a policy:
/// every document's honours are awarded, never proposed.
const PENDING: &[&str] = &[
    "候选",
    "推荐人选",
    "推荐对象",
    "推荐中",
    "拟推荐",
    "拟表彰",
    "拟授予",
    "拟命名",
    "拟认定",
    "拟评",
    "（拟）",
    "(拟)",
    "申报",
    "在评",
    "评审中",
    "评选",
    "公示",
    "待批",
    "待审",
];

const PENDING_WHY: &str = "尚未授予（候选、推荐、申报、评审或公示中），不等于获得该荣誉；授予后凭证书和表彰文件申报";

/// Whether an item says its honour is still to come. One that also says it was won (`经推荐获得`)
/// is read as won; `全国技术能手（辽宁省推荐）` names who recommended an honour won.
fn pending(s: &str) -> bool {
    // Every word of PENDING has one of these: most items have none and are passed in one scan.
    const MARKS: [char; 7] = ['候', '推', '拟', '申', '评', '公', '待'];
    s.contains(MARKS) && PENDING.iter().any(|w| s.contains(w)) && !s.contains('获')
}

/// Contest words that name a round before the contest itself or a part of it: its placing is
/// not a placing in the contest it selects for.
const HEATS: &[&str] = &["选拔赛", "预赛", "赛区", "初赛", "复赛", "海选"];

/// Whether an item may name a heat: each of [`HEATS`] has one of these characters, most contest
/// items none (one scan instead of six searches).
fn may_be_heat(s: &str) -> bool {
    s.contains(['拔', '预', '区', '初', '复', '海'])
}

/// What must be checked of a contest item beyond its placing and reach: a heat or selection
/// round's placing, a team's placing (the policy names 选手).
fn open_point(s: &str) -> Option<&'static str> {
    if may_be_heat(s) && HEATS.iter().any(|h| s.contains(h)) {
        Some("选拔赛、预赛或赛区的名次，不等于所选拔的竞赛本身的名次：按组织单位的级别和证书核实")
    } else if s.contains("团体") {
        Some("团体名次：须核实本人是否为获得名次的选手")
    } else {
        None
    }
}

/// The reach of a contest: its organiser's, the reach word nearest before the last contest noun —
/// `世界技能大赛中国选拔赛` is a national round, `辽宁省鞍山市职业技能大赛` a city contest,
/// `鞍山钢铁集团公司职工技能大赛` an enterprise's. `None` when no reach word stands before one.
/// Only the words `found` in the item are looked for (the policy's words, by their ids in
/// `lexicon`, parallel to [`crate::policy::AwardWords`]'s lists).
fn organiser(s: &str, found: &Found, lexicon: &Lexicon, policy: &Policy) -> Option<Reach> {
    let aw = &policy.awards;
    let present = |ids: &[WordId], i: usize| ids.get(i).is_some_and(|id| found.has(*id));
    // A bracketed note (`（辽宁省二类竞赛）`) describes the contest; the organiser is in the name.
    let s = s.find(['（', '(']).map_or(s, |at| &s[..at]);
    let contests = aw.contest.iter().enumerate().filter(|(i, _)| present(&lexicon.contest, *i)).map(|(_, w)| w);
    let heats = HEATS.iter().filter(|_| may_be_heat(s));
    let last = contests.chain(heats).filter_map(|w| s.rfind(w)).max()?;
    let before = &s[..last];
    // Nearest end first; of two ending together (`辽宁省`, `省`), the longer.
    lexicon
        .reach
        .iter()
        .zip(&aw.reach)
        .filter(|((id, _), _)| found.has(*id))
        .filter_map(|(_, (w, r))| before.rfind(w).map(|at| (at + w.len(), w.len(), *r)))
        .max_by_key(|(end, len, _)| (*end, *len))
        .map(|(_, _, r)| r)
}

fn competition(
    text: String,
    placing: Placing,
    reach: Option<Reach>,
    also: Option<&'static str>,
    policy: &Policy,
) -> AwardReading {
    if placing == Placing::NotTop {
        return AwardReading::NearMiss { text, why: policy.exceptional.wording.not_placed };
    }
    let ex = &policy.exceptional;
    // The podium honour of this reach that opens the highest title.
    let podium = |r: Reach| {
        (0..ex.honours.len())
            .filter(|&i| matches!(&ex.honours[i].matcher, Matcher::Podium(reaches) if reaches.contains(&r)))
            .max_by_key(|&i| ex.best_grant(i))
    };
    let (rule, reach_known) = match reach {
        Some(Reach::Enterprise) => {
            return AwardReading::NearMiss { text, why: ex.wording.enterprise_contest };
        }
        Some(r) => (podium(r), true),
        None => (Reach::ALL_COUNTED.iter().find_map(|r| podium(*r)), false),
    };
    let Some(rule) = rule else {
        return AwardReading::Unrecognised { text, why: ex.wording.contest_reach_not_listed };
    };
    let open_point = match (placing, reach_known) {
        (Placing::TopThree, true) => also,
        (Placing::TopThree, false) => Some(ex.wording.contest_reach_unstated),
        (_, true) => Some(ex.wording.placing_unclear),
        (_, false) => Some("竞赛级别与名次均不明确"),
    };
    let certain = if open_point.is_none() { Tri::Met } else { Tri::Unknown };
    AwardReading::Honour(Honour { text, rule, certain, open_point })
}

impl Reach {
    /// Reaches that open some route, lowest first: what an item of unstated level at least is.
    const ALL_COUNTED: [Reach; 4] = [Reach::City, Reach::Provincial, Reach::National, Reach::World];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placing {
    TopThree,
    NotTop,
    /// 一等奖 and the like, or nothing said.
    Unclear,
}

/// Characters of an ordinal number (`第三`, `第12`).
const ORDINALS: &str = "一二三四五六七八九十1234567890";

/// The placing an item states; `found` holds its words of the policy's `top` and `not_top`
/// ([`crate::policy::AwardWords`]).
fn placing(s: &str, found: &Found, lexicon: &Lexicon) -> Placing {
    if found.any(&lexicon.top) {
        return Placing::TopThree;
    }
    // 第四名 … 第十名, 第12名.
    if let Some(i) = s.find('第') {
        let after = &s[i + '第'.len_utf8()..];
        let digits: String = after.chars().take_while(|c| ORDINALS.contains(*c)).collect();
        if !digits.is_empty() && after[digits.len()..].starts_with('名') {
            return Placing::NotTop;
        }
    }
    if found.any(&lexicon.not_top) {
        return Placing::NotTop;
    }
    Placing::Unclear
}

/// Removes `第三届`, `第12次`, `第二期`: an edition number is not a placing.
fn strip_edition(s: &str) -> Cow<'_, str> {
    if !s.contains('第') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('第') {
        let after = &rest[i + '第'.len_utf8()..];
        let n: usize = after.chars().take_while(|c| ORDINALS.contains(*c)).map(char::len_utf8).sum();
        let tail = &after[n..];
        out.push_str(&rest[..i]);
        if n > 0 && (tail.starts_with('届') || tail.starts_with('次') || tail.starts_with('期')) {
            rest = &tail['届'.len_utf8()..];
        } else {
            out.push('第');
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clause, Title};
    use crate::policy::anshan::{clause, title};
    use crate::policy::Policy;

    fn parse(s: &str, studio_column: bool) -> Vec<AwardReading> {
        super::parse(s, Policy::embedded(), &Policy::embedded().lexicon, studio_column).collect()
    }

    /// The clause of the tier an honour opens (each honour of 33号 is in one tier).
    fn tier_clause(honour: usize) -> Clause {
        let ex = &Policy::embedded().exceptional;
        ex.tiers[ex.honours[honour].tiers[0]].clause
    }

    /// (text, clause of the honour or None, certain?)
    fn read(s: &str) -> Vec<(Option<Clause>, Option<Title>, Tri)> {
        parse(s, false)
            .into_iter()
            .map(|r| match r {
                AwardReading::Honour(h) => {
                    let ex = &Policy::embedded().exceptional;
                    let tier = &ex.tiers[ex.honours[h.rule].tiers[0]];
                    (Some(tier.clause), Some(tier.grants), h.certain)
                }
                _ => (None, None, Tri::Unmet),
            })
            .collect()
    }

    #[test]
    fn every_tier_of_clause_3_4() {
        use clause::*;
        use title::*;
        let cases: &[(&str, Option<Clause>, Option<Title>, Tri)] = &[
            ("中华技能大奖", Some(Exceptional1), Some(Professor), Tri::Met),
            ("享受国务院特殊津贴", Some(Exceptional1), Some(Professor), Tri::Met),
            ("全国技术能手", Some(Exceptional1), Some(Professor), Tri::Met),
            ("国家级技能大师工作室领创人", Some(Exceptional1), Some(Professor), Tri::Met),
            ("辽宁工匠", Some(Exceptional1), Some(Professor), Tri::Met),
            ("辽宁省功勋高技能人才", Some(Exceptional1), Some(Professor), Tri::Met),
            ("第45届世界技能大赛焊接项目金牌", Some(Exceptional1), Some(Professor), Tri::Met),
            ("世界技能大赛铜牌（教练）", Some(Exceptional1), Some(Professor), Tri::Met),
            ("辽宁省有突出贡献高技能人才", Some(Exceptional2), Some(Senior), Tri::Met),
            ("省级技能大师工作站领办人", Some(Exceptional2), Some(Senior), Tri::Met),
            ("辽宁省技术能手", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("鞍山工匠", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("市级技能大师工作站带头人", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("2019年辽宁省职业技能大赛车工第一名", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("全国数控技能大赛亚军", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("省级技能大赛金牌教练", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("鞍山市第三届职业技能大赛第二名", Some(Exceptional4), Some(Assistant), Tri::Met),
            ("市级技能大赛季军", Some(Exceptional4), Some(Assistant), Tri::Met),
            // Placing not stated: needs review, never granted.
            ("辽宁省职业技能大赛一等奖", Some(Exceptional3), Some(Engineer), Tri::Unknown),
            ("鞍山市技能大赛三等奖", Some(Exceptional4), Some(Assistant), Tri::Unknown),
            ("省级技能大师工作站", Some(Exceptional2), Some(Senior), Tri::Unknown),
            // Near-misses and other honours: no route.
            ("鞍山市技术能手", None, None, Tri::Unmet),
            ("全国技术能手提名", None, None, Tri::Unmet),
            ("世界技能大赛优胜奖", None, None, Tri::Unmet),
            // Elsewhere 优胜奖 states no placing (RULES.md): needs review.
            ("辽宁省职业技能大赛优胜奖", Some(Exceptional3), Some(Engineer), Tri::Unknown),
            ("世界技能大赛中国集训队", None, None, Tri::Unmet),
            ("国家级技能大师工作室成员", None, None, Tri::Unmet),
            ("辽宁省职业技能大赛第四名", None, None, Tri::Unmet),
            ("公司技能比武第一名", None, None, Tri::Unmet),
            ("集团技能大赛第一名", None, None, Tri::Unmet),
            ("五一劳动奖章", None, None, Tri::Unmet),
            // The issuer matters: only 国务院 and 辽宁省 honours are named.
            ("享受辽宁省政府特殊津贴", None, None, Tri::Unmet),
            ("鞍山市功勋高技能人才", None, None, Tri::Unmet),
            ("鞍山市有突出贡献高技能人才", None, None, Tri::Unmet),
            ("世界技能大赛优秀奖", None, None, Tri::Unmet),
            ("享受政府特殊津贴", Some(Exceptional1), Some(Professor), Tri::Unknown),
            ("功勋高技能人才", Some(Exceptional1), Some(Professor), Tri::Unknown),
            ("吉林省技术能手", Some(Exceptional3), Some(Engineer), Tri::Unknown),
            ("中华人民共和国第一届职业技能大赛金牌", Some(Exceptional3), Some(Engineer), Tri::Met),
            // The organiser is the reach word nearest before the contest: a selection round for
            // WorldSkills is a national round, never a WorldSkills medal — and a round, to verify.
            ("世界技能大赛中国选拔赛第一名", Some(Exceptional3), Some(Engineer), Tri::Unknown),
            ("第46届世界技能大赛全国选拔赛第二名", Some(Exceptional3), Some(Engineer), Tri::Unknown),
            ("世界技能大赛鞍山市选拔赛第一名", Some(Exceptional4), Some(Assistant), Tri::Unknown),
            ("辽宁省鞍山市职业技能大赛第一名", Some(Exceptional4), Some(Assistant), Tri::Met),
            ("辽宁省技能大赛鞍山赛区第一名", Some(Exceptional4), Some(Assistant), Tri::Unknown),
            ("鞍山钢铁集团公司职工技能大赛第一名", None, None, Tri::Unmet),
            ("辽宁省技能大赛团体第一名", Some(Exceptional3), Some(Engineer), Tri::Unknown),
            // Not (yet) awarded: no route.
            ("全国技术能手候选人", None, None, Tri::Unmet),
            ("拟推荐全国技术能手", None, None, Tri::Unmet),
            ("全国技术能手（在评）", None, None, Tri::Unmet),
            ("辽宁省技术能手（公示中）", None, None, Tri::Unmet),
            ("申报辽宁工匠", None, None, Tri::Unmet),
            ("辽宁省技能大赛第二名（拟）", None, None, Tri::Unmet),
            ("经推荐获得全国技术能手称号", Some(Exceptional1), Some(Professor), Tri::Met),
            ("全国技术能手（辽宁省推荐）", Some(Exceptional1), Some(Professor), Tri::Met),
            ("全国技术能手（推荐人选）", None, None, Tri::Unmet),
            // The short names of contests carry their reach.
            ("国赛银牌", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("省赛第二名", Some(Exceptional3), Some(Engineer), Tri::Met),
            ("市赛第一名", Some(Exceptional4), Some(Assistant), Tri::Met),
            ("鞍山市技能大赛第一名（辽宁省二类竞赛）", Some(Exceptional4), Some(Assistant), Tri::Met),
            ("虚拟仿真技能大赛（辽宁省）第一名", Some(Exceptional3), Some(Engineer), Tri::Met),
        ];
        for (input, clause, grants, certain) in cases {
            assert_eq!(read(input), vec![(*clause, *grants, *certain)], "{input}");
        }
    }

    #[test]
    fn several_items_per_cell() {
        let items = parse("全国技术能手、鞍山工匠\n五一劳动奖章；无", false);
        assert_eq!(items.len(), 3);
        assert!(matches!(items[2], AwardReading::Unrecognised { .. }));
        assert!(parse("无", false).is_empty());
        assert!(parse("", false).is_empty());
    }

    #[test]
    fn studio_column_reads_level_and_role_alone() {
        let read = |s: &str| -> Vec<(Option<Clause>, Tri)> {
            parse(s, true)
                .into_iter()
                .map(|r| match r {
                    AwardReading::Honour(h) => (Some(tier_clause(h.rule)), h.certain),
                    _ => (None, Tri::Unmet),
                })
                .collect()
        };
        assert_eq!(read("国家级 领创人"), [(Some(clause::Exceptional1), Tri::Met)]);
        assert_eq!(read("省级/领办人"), [(Some(clause::Exceptional2), Tri::Met)]);
        assert_eq!(read("国家级技能大师工作室，领创人"), [(Some(clause::Exceptional1), Tri::Met)]);
        assert_eq!(read("国家级"), [(Some(clause::Exceptional1), Tri::Unknown)]);
        assert_eq!(read("领创人"), [(Some(clause::Exceptional3), Tri::Unknown)]);
        assert_eq!(read("省级工作站成员"), [(None, Tri::Unmet)]);
    }

    #[test]
    fn edition_numbers_are_not_placings() {
        assert_eq!(strip_edition("第三届大赛第二名"), "大赛第二名");
        let lexicon = &Policy::embedded().lexicon;
        let placing = |s: &str| placing(s, &lexicon.find(s), lexicon);
        assert_eq!(placing("大赛第12名"), Placing::NotTop);
        assert_eq!(placing("大赛第一名"), Placing::TopThree);
        assert_eq!(placing("大赛前八名"), Placing::NotTop);
        assert_eq!(placing("大赛一等奖"), Placing::Unclear);
    }
}
