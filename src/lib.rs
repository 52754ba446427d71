//! guantong (贯通): screens workforce rosters against 鞍人社〔2020〕33号.
//!
//! The data flow is the module order: [`read`] a roster into raw rows and locate its header,
//! [`normalize`] each row into a [`normalize::Person`], [`evaluate`] it against the [`policy`] table,
//! and [`write`](mod@write) the JSONL and the annotated workbook. [`pipeline`] runs them in that order.

// The documentation is built with private items (`cargo doc --document-private-items`, as `.ci/run`
// checks it): a module's doc names the private modules it is made of.
#![allow(rustdoc::private_intra_doc_links)]

pub mod cases;
pub mod check;
pub mod cli;
pub mod commands;
pub mod dropped;
pub mod evaluate;
pub mod exit;
pub mod model;
pub mod normalize;
pub mod os_error;
pub mod pipeline;
pub mod policy;
pub mod read;
pub mod serve;
pub mod summary;
pub mod text;
pub mod write;
