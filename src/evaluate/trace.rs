//! The evidence a decision carries: the clauses it used, why, and what is left to verify.

use crate::model::{Clause, ClauseSet};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// In the document's order.
    pub clauses: ClauseSet,
    pub reasons: Vec<String>,
    /// Open points: what a person must check before the route is settled.
    pub verify: Vec<String>,
}

impl Trace {
    pub fn cite(&mut self, clause: Clause) {
        self.clauses.insert(clause);
    }

    pub fn reason(&mut self, text: impl Into<String>) {
        self.reasons.push(text.into());
    }

    pub fn verify(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !self.verify.contains(&text) {
            self.verify.push(text);
        }
    }
}
