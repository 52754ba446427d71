//! Integration tests: the real binary on fixture rosters in a fresh temporary folder per test.

mod batch;
mod check;
mod cli;
mod compare;
mod formats;
mod headers;
mod hostile;
mod layouts;
mod phrasings;
mod policies;
mod serve;
mod split;
mod structure;
mod template;
mod util;
mod workbook;
