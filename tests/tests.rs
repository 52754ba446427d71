//! Integration tests: the real binary on fixture rosters in a fresh temporary folder per test.

mod batch;
mod check;
mod cli;
mod formats;
mod headers;
mod hostile;
mod layouts;
mod policies;
mod serve;
mod split;
mod template;
mod util;
mod workbook;
