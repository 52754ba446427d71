//! The words of a policy's award rules, found in one pass ([`Lexicon`]): built once with the
//! policy, read by every award cell of every row (`crate::normalize::award`).

use super::{AwardWords, Exceptional, Matcher, Reach};
use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// Every word the award rules look for, found in one pass.
///
/// Built once, when the policy is loaded ([`super::Policy::lexicon`]): an Aho–Corasick automaton over all the words of the
/// policy's honours and near-misses and of the reaches, roles and placings below, and each rule as
/// word ids. Reading an item is one scan of its text plus tests on a bit set, where a substring
/// search per word stopped at nearly every character of CJK text. "The item contains word w" is
/// exactly "w was found": the automaton reports every occurrence of every word, overlaps included.
#[derive(Debug)]
pub struct Lexicon {
    /// `None` only inside [`Lexicon::fits`], which counts the words and builds nothing.
    automaton: Option<AhoCorasick>,
    /// Parallel to [`Exceptional::near_misses`].
    pub near_misses: Vec<Alternatives>,
    /// Parallel to [`Exceptional::honours`]; empty for rules that are not [`Matcher::Named`].
    pub certain: Vec<Alternatives>,
    pub unsure: Vec<Alternatives>,
    pub reach: Vec<(WordId, Reach)>,
    pub studio: Vec<WordId>,
    pub leads: Vec<WordId>,
    pub contest: Vec<WordId>,
    pub top: Vec<WordId>,
    pub not_top: Vec<WordId>,
}

pub type WordId = u16;
/// Alternatives, each a set of words that must all be found.
pub type Alternatives = Vec<Vec<WordId>>;

/// The words found in one item.
pub struct Found([u64; Found::WORDS / 64]);

impl Found {
    /// The most distinct words a lexicon may hold (the policy of 2020 needs about a hundred).
    const WORDS: usize = 256;

    pub fn has(&self, id: WordId) -> bool {
        self.0[usize::from(id) / 64] & (1 << (id % 64)) != 0
    }

    pub fn any(&self, ids: &[WordId]) -> bool {
        ids.iter().any(|&id| self.has(id))
    }

    /// Some alternative has all its words.
    pub fn one_of(&self, alternatives: &[Vec<WordId>]) -> bool {
        alternatives.iter().any(|all| all.iter().all(|&id| self.has(id)))
    }
}

impl Lexicon {
    /// The most distinct words a policy's award rules may name.
    pub const MAX_WORDS: usize = Found::WORDS;

    /// `Err(n)` when the policy's award rules name `n` words, more than [`Lexicon::MAX_WORDS`]
    /// (checked when a policy is loaded, so [`Lexicon::new`] never meets one).
    pub fn fits(ex: &Exceptional, aw: &AwardWords) -> Result<(), usize> {
        let n = Lexicon::build(ex, aw).1.len();
        if n > Lexicon::MAX_WORDS {
            Err(n)
        } else {
            Ok(())
        }
    }

    pub fn new(ex: &Exceptional, aw: &AwardWords) -> Lexicon {
        let (lexicon, words) = Lexicon::build(ex, aw);
        assert!(words.len() <= Found::WORDS, "a loaded policy's award words fit (Lexicon::fits)");
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("a few hundred short words always build an automaton");
        Lexicon { automaton: Some(automaton), ..lexicon }
    }

    /// The lexicon without its automaton, and its words.
    fn build(ex: &Exceptional, aw: &AwardWords) -> (Lexicon, Vec<&'static str>) {
        let mut words: Vec<&'static str> = Vec::new();
        let mut id = |w: &'static str| -> WordId {
            let i = words.iter().position(|x| *x == w).unwrap_or_else(|| {
                words.push(w);
                words.len() - 1
            });
            i as WordId
        };
        let mut alternatives = |a: &[Vec<&'static str>]| -> Alternatives {
            a.iter().map(|all| all.iter().map(|w| id(w)).collect()).collect()
        };
        let near_misses = ex.near_misses.iter().map(|m| alternatives(&m.words)).collect();
        let (certain, unsure) = ex
            .honours
            .iter()
            .map(|h| match &h.matcher {
                Matcher::Named { certain, unsure } => (alternatives(certain), alternatives(unsure)),
                Matcher::StudioLead(_) | Matcher::Podium(_) => (Vec::new(), Vec::new()),
            })
            .unzip();
        let mut ids = |list: &[&'static str]| -> Vec<WordId> { list.iter().map(|w| id(w)).collect() };
        let studio = ids(&aw.studio);
        let leads = ids(&aw.leads);
        let contest = ids(&aw.contest);
        let top = ids(&aw.top);
        let not_top = ids(&aw.not_top);
        let reach = aw.reach.iter().map(|(w, r)| (id(w), *r)).collect();
        let lexicon =
            Lexicon { automaton: None, near_misses, certain, unsure, reach, studio, leads, contest, top, not_top };
        (lexicon, words)
    }

    pub fn find(&self, s: &str) -> Found {
        let mut found = Found([0; Found::WORDS / 64]);
        let automaton = self.automaton.as_ref().expect("built by Lexicon::new");
        for m in automaton.find_overlapping_iter(s) {
            let id = m.pattern().as_usize();
            found.0[id / 64] |= 1 << (id % 64);
        }
        found
    }
}
