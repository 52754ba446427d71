//! Reading the integrity (诚信情况) cell, rule 二（三）: does it state a record of falsification,
//! plagiarism or other dishonesty, state that there is none, or neither?
//!
//! A list of veto words cannot answer this, because the same word is a record or its absence
//! depending on what surrounds it: `伪造学历` vetoes, `经核查无伪造、剽窃行为` clears, and
//! `非法伪造`, `未如实填报` are records although they hold a negating character. So the cell is
//! read as words ([`LEXICON`], longest match first) in clauses, and a negator counts only over the
//! records it stands before in its own clause (RULES.md 二（三）).
//!
//! Decisions for phrasings the rule does not spell out:
//! - Misconduct that is not dishonesty (`违法违纪`, `处分`, `不良记录`) clears when negated —
//!   `无违法违纪` states no record — and is unknown when stated, for a person to check whether
//!   it concerns falsification.
//! - A negation carries over `、`, `和`, `及`, `或` (one list under one `无`) and past a comma
//!   only into a clause that closes the list with `等` and says nothing of its own (the policy's
//!   own `无伪造学历、资历、业绩材料，剽窃他人成果等弄虚作假行为`, which a clean person copies from
//!   the 承诺书). Any other clause that begins with a record right after a negated list
//!   (`无违纪，伪造学历`) may continue the list or contradict it, and is unknown.
//! - Suspicion (`涉嫌`, `疑似`, `被举报`), pending checks (`待查`, `核查中`) and refuted reports
//!   (`不属实`, `未查实`) leave a record unestablished: unknown, unless a finding (`属实`, `查实`,
//!   `认定`) is in the cell.
//! - `是`, `有` alone name nothing and are unknown; a question answered in the cell
//!   (`是否存在弄虚作假：否`) is read with its answer; a topic with its answer after a colon
//!   (`弄虚作假情况：无`) is clean.
//! - `如实` is dishonest only when negated (`未按规定如实填报`); said plainly (`本人承诺如实填报`)
//!   it states nothing either way.

use super::text::is_none_word;

/// What a word does in the reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Ends a clause: punctuation, and the contrast words after which a negation no longer holds.
    Break,
    /// A dishonest act or its record — the veto's subject.
    Record,
    /// `如实`: a record when a negator stands before it (`未如实填报`), nothing otherwise.
    Truthfully,
    /// Denies what follows it in the clause; as an answer (`：无`), denies the topic before it.
    Negator,
    /// Asserts what follows; right after a negator it is part of it (`未发现有…`).
    Affirm,
    /// Misconduct other than dishonesty: its absence is clean, its presence a fact to check.
    Misconduct,
    /// Says the person is in good standing.
    Clean,
    /// Makes a record in the cell unestablished (suspicion, a pending check, a refuted report).
    Doubt,
    /// A finding that settles a doubt; negated (`未确认`), it is a doubt itself.
    Confirm,
    /// `是否`: the clause asks, and only its answer says.
    Question,
    /// `等`: closes a list (`…剽窃他人成果等弄虚作假行为`); otherwise a filler.
    Etc,
    /// What a record is about (学历, 证书, 填报 …): understood around a record, says nothing alone.
    Object,
    /// Words that change nothing: prefixes (经核查), subjects (本人), nouns like 行为, dates.
    Filler,
    /// A word the reader does not know.
    Unknown,
}

/// Punctuation as the caller leaves it: [`super::text::fold`] has made full-width forms ASCII
/// (`，` → `,`, `（` → `(`) but keeps `。` and `、`. A colon and a question mark join a topic to
/// its answer, so they are [`FILLERS`], not breaks.
const BREAKS: &str = ", ; 。 . ! ( ) [ ] 但是 但 然而";

/// Dishonesty about credentials, experience, exams or achievements (the class RULES.md names).
const RECORDS: &str = "伪造 变造 涂改 篡改 编造 捏造 虚构 剽窃 抄袭 盗用 窃取 造假 作假 弄虚作假 弄虚 虚假 \
    虚报 瞒报 谎报 隐瞒 欺骗 骗取 冒用 冒充 冒名 冒名顶替 顶替 替考 代考 作弊 舞弊 假证 \
    假证书 假文凭 假学历 假材料 假资料 假档案 假冒 买卖证书 购买证书 买证 挂证 失信 不诚信 \
    不诚实 不守信 诚信缺失 学术不端 不实 不真实 与事实不符 非法获取 非法取得";

const NEGATORS: &str = "无 没有 没 未 未曾 未有 未见 未发现 没有发现 没发现 未查出 未查到 查无 并无 并未 从无 \
    从未 从来没有 不存在 不涉及 不属于 不是 并非 非 不 否 未能 没能 不能 绝无";

const AFFIRMS: &str = "有 存在 确有 曾有 是 系 属";

const MISCONDUCT: &str = "不良 不良记录 不良行为 违法 违纪 违规 犯罪 处分 处罚 问题 诚信问题 污点 劣迹 非法 异常 \
    负面";

const CLEAN: &str = "良好 正常 守信 诚信 诚实守信 遵纪守法 清白 合格 优良 符合 符合要求 真实 真实有效 真实准确 \
    真实可靠";

const DOUBTS: &str = "待查 待核实 待核查 待确认 待定 待审核 待调查 核查中 调查中 审查中 正在核查 正在调查 涉嫌 \
    疑似 怀疑 举报 投诉 反映 可能 不属实 未查实 未经查实 查无实据 不成立";

const CONFIRMS: &str = "属实 查实 经查实 确认 认定";

/// Not fillers: negated alone (`未申报`, `无证书`) they say something was not done or not held,
/// which is not a clean integrity record.
const OBJECTS: &str = "学历 学位 文凭 毕业证 证书 证件 证明 资格 资历 经历 工作经历 业绩 成绩 材料 资料 成果 \
    论文 著作 专利 他人 年限 工龄 档案 考试 鉴定 技能鉴定 职称 身份 奖项 荣誉 申报 填报 \
    提供 提交 报送 参加 评审 评价 申请 考核 年度考核 结果 等级 信息 工作 名单 被执行人 \
    技能 职业 取得 获得 列入 纳入";

const FILLERS: &str = "经核查 经查 经审核 经审查 经核实 经调查 经了解 经 核查结果 审查结果 已核实 已核查 本人 \
    同志 该同志 员工 该员工 职工 该职工 该人 此人 其 个人 承诺 保证 声明 发现 任何 此 该 \
    此类 此项 类似 上述 以上 相关 有关 情况 现象 行为 记录 事项 情形 方面 的 之 \
    在 中 期间 过程 过 曾 曾经 因 被 受 受到 已 均 都 也 亦 及 和 与 或 以及 或者 \
    、 年 月 日 年度 至今 以来 近 历年 现 目前 一直 从业 任职 人员 按规定 按要求 所填 所填写 所报 所提供 所提交 所列 \
    信用 诚信情况 诚信记录 信用记录 诚信档案 诚信方面 一 二 三 四 五 六 七 八 九 十 两 \
    零 : ? \" “ ” ' ‘ ’ - / …";

/// Every word the reader knows, by what it does, as space-separated lists. A word is read by its
/// longest match, so `未如实` is not `未`, `非法` is not `非` and `不存在` is not `不`.
const LEXICON: &[(Kind, &str)] = &[
    (Kind::Break, BREAKS),
    (Kind::Record, RECORDS),
    (Kind::Truthfully, "如实"),
    (Kind::Negator, NEGATORS),
    (Kind::Affirm, AFFIRMS),
    (Kind::Misconduct, MISCONDUCT),
    (Kind::Clean, CLEAN),
    (Kind::Doubt, DOUBTS),
    (Kind::Confirm, CONFIRMS),
    (Kind::Question, "是否"),
    (Kind::Etc, "等 等等"),
    (Kind::Object, OBJECTS),
    (Kind::Filler, FILLERS),
];

/// Words that make a header a question: `是否有弄虚作假行为`, `有无不良记录`.
const ASKING: &[&str] = &["是否存在", "是否有", "有没有", "是否", "有无"];

/// What an integrity header asks about, when it is a question: the header without its asking
/// words (`弄虚作假行为`); `None` for a header that names the column (`诚信情况`).
pub(super) fn asked(header: &str) -> Option<String> {
    let h = super::text::fold(header);
    let w = ASKING.iter().find(|w| h.contains(*w))?;
    Some(h.replacen(w, "", 1))
}

/// A bare answer in a column whose header asks a question ([`asked`]): 否 is clean; 是 is
/// whatever the record asked about reads as — a falsification is a record (the veto), `违纪违法`
/// is to be checked. `None` for any other cell, or a header that asks nothing.
pub(super) fn answered(cell: &str, header: &str) -> Option<bool> {
    let yes = match cell {
        "是" | "有" | "存在" | "Y" | "y" | "√" => true,
        "否" | "没有" | "不存在" | "N" | "n" | "×" => false,
        _ => return None,
    };
    let record = asked(header)?;
    if yes {
        integrity(&format!("有{record}"))
    } else {
        Some(false)
    }
}

/// What a non-empty, folded integrity cell says: `Some(true)` a record, `Some(false)` clean,
/// `None` neither or not clear — a fact to check, never a veto and never a pass.
pub(super) fn integrity(s: &str) -> Option<bool> {
    if is_none_word(s) {
        return Some(false);
    }
    let words = words(s);
    let clauses: Vec<Clause> = words.split(|k| *k == Kind::Break).filter(|c| !c.is_empty()).map(clause).collect();
    let mut verdicts: Vec<Verdict> = clauses.iter().map(|c| c.verdict).collect();
    for (i, pair) in clauses.windows(2).enumerate() {
        let (before, after) = (&pair[0], &pair[1]);
        // `伪造学历，无`: the answer may deny the record before it or follow it; which is not clear.
        if before.verdict == Verdict::Record && after.bare_answer {
            verdicts[i] = Verdict::Unknown;
        }
        if after.verdict == Verdict::Record && after.opens_with_record && before.ends_negated {
            let continues = after.closes_list && before.denies_record;
            verdicts[i + 1] = if continues { Verdict::Clean } else { Verdict::Unknown };
        }
    }
    if clauses.iter().any(|c| c.doubt) && !clauses.iter().any(|c| c.confirmed) {
        for v in verdicts.iter_mut().filter(|v| **v == Verdict::Record) {
            *v = Verdict::Unknown;
        }
    }
    if verdicts.contains(&Verdict::Record) {
        Some(true)
    } else if verdicts.contains(&Verdict::Unknown) {
        None
    } else {
        verdicts.contains(&Verdict::Clean).then_some(false)
    }
}

/// The cell as the kinds of its words; adjacent unknown characters are one unknown word.
fn words(s: &str) -> Vec<Kind> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let (kind, len) = if c.is_ascii_digit() {
            (Kind::Filler, rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()))
        } else if c.is_ascii_alphabetic() {
            let len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            (ascii_word(&rest[..len]), len)
        } else {
            // The words starting with this character, longest first: the first that matches.
            by_first_char()
                .get(&c)
                .and_then(|ws| ws.iter().find(|(w, _)| rest.starts_with(w)))
                .map_or((Kind::Unknown, c.len_utf8()), |(w, kind)| (*kind, w.len()))
        };
        if kind != Kind::Unknown || out.last() != Some(&Kind::Unknown) {
            out.push(kind);
        }
        rest = &rest[len..];
    }
    out
}

/// [`LEXICON`] by each word's first character, longest word first: a 30% share of rows has an
/// integrity cell to read, and trying every word at every character cost a quarter of the time
/// of normalizing a row.
fn by_first_char() -> &'static std::collections::HashMap<char, Vec<(&'static str, Kind)>> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, Vec<(&'static str, Kind)>>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: std::collections::HashMap<char, Vec<(&'static str, Kind)>> = std::collections::HashMap::new();
        for (kind, ws) in LEXICON {
            for w in ws.split(' ').filter(|w| !w.is_empty()) {
                if let Some(c) = w.chars().next() {
                    table.entry(c).or_default().push((w, *kind));
                }
            }
        }
        for list in table.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        table
    })
}

/// `N`, `No` mean none in rosters filled in English or by a checkbox export.
fn ascii_word(w: &str) -> Kind {
    let is = |list: &[&str]| list.iter().any(|l| w.eq_ignore_ascii_case(l));
    if is(&["n", "no", "none", "nil"]) {
        Kind::Negator
    } else if is(&["y", "yes"]) {
        Kind::Affirm
    } else {
        Kind::Unknown
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// Says nothing either way (`经查`, `有`).
    Empty,
    Clean,
    Record,
    Unknown,
}

/// How a record or misconduct word stands in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Polarity {
    Asserted,
    Denied,
    /// A negator is in front, but with words between that the reader does not know.
    Unclear,
}

/// What a negator governs so far in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Open,
    Negated {
        /// A record or misconduct word has been denied.
        named: bool,
        /// An object or unknown word has been denied (`未提供`, `无证书`).
        vague: bool,
    },
    Unclear,
}

/// One clause's reading, with what its neighbours need to know.
struct Clause {
    verdict: Verdict,
    /// An unnegated doubt word: a record anywhere in the cell is unestablished.
    doubt: bool,
    /// An unnegated finding, which settles the cell's doubts.
    confirmed: bool,
    /// Only an answer (`无`, `良好`), nothing it answers about.
    bare_answer: bool,
    /// Its first meaningful word is a record.
    opens_with_record: bool,
    /// It ends inside a negation that denied records (`无伪造学历、资历`).
    ends_negated: bool,
    /// It closes a list with `等` and has no negator, assertion, doubt or finding of its own: a
    /// negation before it reaches over the comma (`…业绩材料，剽窃他人成果等弄虚作假行为`).
    closes_list: bool,
    /// It denies a record (not only misconduct): the list a `等` clause may continue.
    denies_record: bool,
}

fn clause(words: &[Kind]) -> Clause {
    let words = resolve_truthfully(words);
    let mut acts: Vec<(Kind, Polarity)> = Vec::new();
    let (mut clean, mut negated, mut unclear, mut unknown) = (false, false, false, false);
    let (mut doubt, mut confirmed) = (false, false);
    let mut scope = Scope::Open;
    // A negation that denied only objects or words it does not know says nothing understood.
    let close = |scope: Scope, unclear: &mut bool| {
        if let Scope::Negated { named: false, vague: true } = scope {
            *unclear = true;
        }
    };
    let mut previous = None;
    for &kind in &words {
        match kind {
            Kind::Negator => {
                close(scope, &mut unclear);
                negated = true;
                // `并非没有伪造`: a double negation is not read.
                scope = if previous == Some(Kind::Negator) {
                    unclear = true;
                    Scope::Unclear
                } else {
                    Scope::Negated { named: false, vague: false }
                };
            }
            // After a denied record, `有` starts a new statement (`无伪造学历有抄袭行为`).
            Kind::Affirm => {
                if let Scope::Negated { named: true, .. } = scope {
                    scope = Scope::Open;
                }
            }
            Kind::Record | Kind::Misconduct => {
                let polarity = match scope {
                    Scope::Open => Polarity::Asserted,
                    Scope::Negated { .. } => Polarity::Denied,
                    Scope::Unclear => Polarity::Unclear,
                };
                acts.push((kind, polarity));
                if let Scope::Negated { named, .. } = &mut scope {
                    *named = true;
                }
            }
            Kind::Clean => match scope {
                Scope::Open => clean = true,
                _ => unclear = true,
            },
            Kind::Doubt => doubt |= scope == Scope::Open,
            Kind::Confirm => match scope {
                Scope::Open => confirmed = true,
                _ => doubt = true,
            },
            Kind::Object => {
                if let Scope::Negated { vague, .. } = &mut scope {
                    *vague = true;
                }
            }
            Kind::Unknown => {
                unknown = true;
                if let Scope::Negated { named, .. } = scope {
                    unclear |= !named;
                    scope = Scope::Unclear;
                }
            }
            Kind::Question | Kind::Filler | Kind::Break | Kind::Truthfully | Kind::Etc => {}
        }
        previous = Some(kind);
    }
    close(scope, &mut unclear);
    let question = words.contains(&Kind::Question);
    answer(&words, question, &mut acts);

    let polarity = |p: Polarity| acts.iter().any(|(k, q)| *k == Kind::Record && *q == p);
    let misconduct_stated = acts.iter().any(|(k, q)| *k == Kind::Misconduct && *q != Polarity::Denied);
    let verdict = if polarity(Polarity::Asserted) {
        Verdict::Record
    } else if polarity(Polarity::Unclear) || misconduct_stated || unclear || doubt || (question && acts.is_empty()) {
        Verdict::Unknown
    } else if !acts.is_empty() {
        Verdict::Clean
    } else if unknown {
        Verdict::Unknown
    } else if negated || clean {
        Verdict::Clean
    } else {
        Verdict::Empty
    };
    let meaningful: Vec<Kind> = words.iter().copied().filter(|k| *k != Kind::Filler).collect();
    Clause {
        verdict,
        doubt,
        confirmed,
        bare_answer: matches!(meaningful[..], [Kind::Negator | Kind::Clean]),
        opens_with_record: meaningful.first() == Some(&Kind::Record),
        ends_negated: matches!(scope, Scope::Negated { named: true, .. }),
        denies_record: acts.contains(&(Kind::Record, Polarity::Denied)),
        closes_list: words.contains(&Kind::Etc)
            && !words.iter().any(|k| {
                matches!(k, Kind::Negator | Kind::Affirm | Kind::Doubt | Kind::Confirm | Kind::Question | Kind::Unknown)
            }),
    }
}

/// `如实` preceded by a negator (over objects and fillers only) is the act of not reporting
/// truthfully: the negator is part of it and denies nothing. Otherwise it says nothing.
fn resolve_truthfully(words: &[Kind]) -> Vec<Kind> {
    let mut out = words.to_vec();
    for i in 0..out.len() {
        if out[i] != Kind::Truthfully {
            continue;
        }
        let negator = (0..i)
            .rev()
            .take_while(|&j| matches!(out[j], Kind::Filler | Kind::Object | Kind::Negator))
            .find(|&j| out[j] == Kind::Negator);
        out[i] = match negator {
            Some(j) => {
                out[j] = Kind::Filler;
                Kind::Record
            }
            None => Kind::Filler,
        };
    }
    out
}

/// A clause that ends in an answer after its records (`弄虚作假行为：无`, `是否失信被执行人：否`)
/// is a topic and its answer: the answer decides. A question left unanswered says nothing.
fn answer(words: &[Kind], question: bool, acts: &mut [(Kind, Polarity)]) {
    let last_act = words.iter().rposition(|k| matches!(k, Kind::Record | Kind::Misconduct));
    let tail = last_act.map_or(&[][..], |i| &words[i + 1..]);
    // The answer is the one word said after the records, and ends the clause: `伪造学历未提供证明`
    // has none.
    let said = tail.iter().filter(|k| !matches!(k, Kind::Filler | Kind::Object)).count();
    let answer = tail
        .iter()
        .rev()
        .find(|k| **k != Kind::Filler)
        .filter(|k| said == 1 && matches!(k, Kind::Negator | Kind::Affirm | Kind::Clean))
        .copied();
    for (_, polarity) in acts.iter_mut() {
        *polarity = match (answer, *polarity) {
            (Some(Kind::Negator), Polarity::Asserted) => Polarity::Denied,
            // `是否无弄虚作假：否`: no to a denial.
            (Some(Kind::Negator), Polarity::Denied) if question => Polarity::Asserted,
            // `弄虚作假情况：良好` answers with a judgment, not a yes or no.
            (Some(Kind::Clean), Polarity::Asserted) => Polarity::Unclear,
            (Some(Kind::Affirm | Kind::Negator | Kind::Clean), p) => p,
            (_, _) if question => Polarity::Unclear,
            (_, p) => p,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text::fold;

    /// Records, as rosters write them (the caller folds full-width forms before reading).
    const RECORDED: &[&str] = &[
        "非法伪造学历证书",
        "未如实填报工作经历",
        "没有如实申报业绩材料",
        "考试作弊",
        "替考",
        "冒名顶替参加技能鉴定",
        "虚报工作年限",
        "隐瞒真实学历",
        "篡改年度考核结果",
        "持假证书申报",
        "曾因伪造证书受处理",
        "经查，存在学历造假",
        "有弄虚作假行为",
        "未如实填报",
        "2019年考试作弊被取消成绩",
        "失信被执行人",
        "2021年伪造业绩材料",
        "２０２１年伪造业绩材料。",
        "剽窃他人成果",
        "论文抄袭",
        "申报材料虚假",
        "不如实提供工作经历",
        "未能如实提供个人信息",
        "未按规定如实申报",
        "未按要求如实填报工作经历",
        "2018年被列为失信被执行人",
        "经核查，该同志存在伪造业绩材料行为。",
        "2020年职称申报中弄虚作假，已处理",
        "瞒报工作经历",
        "谎报工作年限",
        "冒用他人业绩",
        "请人代考，被取消资格",
        "持假证上岗",
        "购买假文凭",
        "变造技能等级证书",
        "涂改学历证书",
        "编造工作经历",
        "虚构业绩",
        "骗取职业资格证书",
        "申报材料与事实不符",
        "被认定为失信被执行人",
        "是否存在弄虚作假：是",
        "弄虚作假情况：有",
        "无违纪，但有抄袭行为",
        "未发现伪造学历，但存在剽窃",
        "无伪造学历有抄袭行为",
        "被举报伪造学历，经查属实",
        "伪造学历；未如实填报工作经历",
        "学术不端",
        "诚信缺失，伪造证书",
        "不诚信",
        "“伪造学历”",
        "技能鉴定舞弊",
        "隐瞒工作经历，骗取评审资格",
        "无；2021年伪造业绩材料",
        "良好，2019年抄袭他人论文",
        "是否失信被执行人：是",
        "挂证",
    ];

    /// Clean: a none word, a good standing, or a negation of the record itself.
    const CLEARED: &[&str] = &[
        "无伪造学历、资历、业绩材料，剽窃他人成果等弄虚作假行为",
        "本人无伪造学历、资历、业绩材料，剽窃他人成果等弄虚作假行为。",
        "本人承诺所填信息真实，无弄虚作假",
        "所提供材料真实有效",
        "无",
        "无。",
        "否",
        "没有",
        "良好",
        "正常",
        "无不良记录",
        "无不良诚信记录。",
        "无弄虚作假行为",
        "未发现弄虚作假",
        "不存在",
        "无记录",
        "暂无",
        "无此情况",
        "未发现弄虚作假、剽窃等行为",
        "经核查无伪造、剽窃行为",
        "无失信记录",
        "不存在虚假申报",
        "无违法违纪",
        "本人承诺无弄虚作假行为",
        "诚信良好",
        "经核查，无弄虚作假行为。",
        "经核查：无伪造学历证书情况",
        "非失信被执行人",
        "不是失信被执行人",
        "未列入失信被执行人名单",
        "经查，无",
        "N",
        "No",
        "ＮＯ",
        "未发现",
        "没有发现弄虚作假行为",
        "未发现有弄虚作假行为",
        "从未有过弄虚作假行为",
        "并无伪造、剽窃情况",
        "本人承诺如实填报，无弄虚作假行为",
        "弄虚作假情况：无",
        "弄虚作假行为：无",
        "是否存在弄虚作假：否",
        "是否失信被执行人：否",
        "是否无弄虚作假：是",
        "诚信情况良好",
        "遵纪守法，诚实守信",
        "近三年无违纪违法及弄虚作假行为",
        "无任何弄虚作假行为",
        "不存在伪造学历、资历、业绩材料或剽窃他人成果等情况",
        "经审核，该同志无学历造假、业绩造假问题",
        "无不如实填报情况",
        "未发现未如实申报工作经历的情况",
        "无替考、作弊记录",
        "不涉及弄虚作假",
        "从未弄虚作假",
        "查无弄虚作假行为",
        "无弄虚作假、未如实填报等行为",
        "无虚报、瞒报、伪造等情况",
        "未见弄虚作假",
        "2023年经核查未发现弄虚作假行为",
        "未发现涉嫌弄虚作假行为",
        "无（经核查）",
        "没有问题",
        "合格",
        "守信",
        "诚信",
    ];

    /// Neither, or not clear: for a person to check.
    const UNCLEAR: &[&str] = &[
        "待查",
        "有",
        "是",
        "见附件",
        "详见档案",
        "#N/A",
        "经查",
        "2019年",
        "Y",
        "未提供",
        "未核实",
        "未核查",
        "暂未核实",
        "未填写",
        "不详",
        "无法确认",
        "无证书",
        "不合格",
        "不正常",
        "有不良记录",
        "有违纪记录",
        "受过处分",
        "诚信情况：有",
        "涉嫌伪造学历",
        "疑似替考",
        "曾被举报",
        "被举报伪造学历，经查不属实",
        "被举报伪造学历，正在核查",
        "被举报伪造学历，未确认",
        "伪造学历（待核实）",
        "无弄虚作假，待核实",
        "是否存在弄虚作假",
        "是否如实填报：否",
        "弄虚作假情况：良好",
        "未发现张三伪造学历",
        "未核实无伪造",
        "并非没有伪造",
        "无违纪，伪造学历",
        "无违纪，伪造学历等",
        "无伪造学历，剽窃他人成果等行为属实",
        "伪造学历，无",
        "学历与档案不符",
    ];

    #[test]
    fn phrasings() {
        let mut wrong = Vec::new();
        for (cases, expected) in [(RECORDED, Some(true)), (CLEARED, Some(false)), (UNCLEAR, None)] {
            for case in cases {
                let got = integrity(&fold(case));
                if got != expected {
                    wrong.push(format!("{case}: {got:?}, expected {expected:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert!(RECORDED.len() >= 40 && CLEARED.len() + UNCLEAR.len() >= 40);
    }

    /// Longest match decides a word's kind; a word listed under two kinds would read by list order.
    #[test]
    fn the_lexicon_names_each_word_once() {
        let mut all: Vec<&str> = LEXICON.iter().flat_map(|(_, ws)| ws.split(' ')).collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count);
        assert!(!all.contains(&""), "an empty word would match everywhere and read nothing");
    }
    #[test]
    fn a_question_header_is_answered_by_yes_or_no() {
        let answer = |header: &str, cell: &str| answered(cell, header);
        assert_eq!(answer("是否有弄虚作假行为", "是"), Some(true));
        assert_eq!(answer("是否有弄虚作假行为", "否"), Some(false));
        assert_eq!(answer("有无弄虚作假行为", "有"), Some(true));
        assert_eq!(answer("是否存在弄虚作假", "是"), Some(true));
        // A discipline record is not itself a falsification: to be checked.
        assert_eq!(answer("有无违纪违法", "有"), None);
        assert_eq!(answer("有无违纪违法", "否"), Some(false));
        assert_eq!(answer("诚信情况", "是"), None);
        assert_eq!(answer("是否有弄虚作假行为", "不清楚"), None);
    }
}
