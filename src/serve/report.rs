//! What the page shows when a run has ended: how it ended, the child's own summary, the counts
//! per route × status × level (from the JSONL), the data issues by severity (from the workbook's
//! 数据问题 sheets, where each has its 严重程度: the JSONL does not carry it), the files not read and
//! why, and what can be downloaded.

use super::task::{split_dir, Kind, Output, OUTPUT};
use crate::exit::Exit;
use crate::model::Status;
use crate::normalize::Severity;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

/// The end of a run, as the page shows it.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The child's exit code; `None` when it was ended by a signal (crashed or killed).
    pub exit: Option<i32>,
    /// Whether there are results to look at (the run did what it was asked, maybe with warnings).
    pub ok: bool,
    /// One line: how it ended.
    pub headline: String,
    /// What the terminal would have shown: the child's summary, or its messages.
    pub summary: String,
    /// Files not (fully) read, and why.
    pub files: Vec<FileNote>,
    pub routes: Vec<Route>,
    /// Data issues by severity, in [`Severity::ALL`]'s order; empty when there is no workbook.
    pub issues: Vec<Count>,
    pub downloads: Vec<Download>,
}

#[derive(Debug, Serialize)]
pub struct FileNote {
    pub file: String,
    pub state: &'static str,
    pub why: Option<String>,
}

/// One route's people by status, each status by the level or title it leads to.
#[derive(Debug, Serialize)]
pub struct Route {
    pub route: &'static str,
    pub statuses: Vec<StatusCount>,
}

#[derive(Debug, Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub count: u64,
    pub levels: Vec<Count>,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Serialize)]
pub struct Download {
    pub kind: &'static str,
    pub name: &'static str,
    pub bytes: u64,
}

/// Makes the report of a run that ended with `exit`, its outputs in `out`. `done` is its last
/// progress line, when it gave one; `text` and `errors` are the ends of its standard output and
/// error.
pub fn make(kind: Kind, out: &Path, exit: Option<i32>, done: Option<Value>, text: &str, errors: &str) -> Report {
    if kind == (Kind::Screen { split: true }) {
        if let Err(e) = zip_split(&split_dir(out), &out.join(Output::Split.file_name())) {
            eprintln!("无法打包拆分出的工作簿：{}", crate::os_error::reason(&e));
        }
    }
    // The lines that say where the outputs were written name the task's folder, which means
    // nothing in the browser: the downloads stand for them.
    let summary = done.as_ref().and_then(|d| d["summary"].as_str()).map(|s| {
        s.lines()
            .filter(|l| !l.contains(&format!("{OUTPUT}/")) && !l.contains(&format!("{OUTPUT}\\")))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let summary = summary.unwrap_or_else(|| [text.trim(), errors.trim()].join("\n").trim().to_string());
    let files = done.as_ref().map(|d| file_notes(&d["files"])).unwrap_or_default();
    let routes = match kind {
        Kind::Screen { .. } => routes(&out.join(Output::Jsonl.file_name())),
        _ => Vec::new(),
    };
    let workbook = match kind {
        Kind::Screen { .. } => Some(Output::Workbook),
        Kind::Check => Some(Output::Check),
        _ => None,
    };
    let issues = workbook.map(|w| severities(&out.join(w.file_name()))).unwrap_or_default();
    let downloads: Vec<Download> = Output::ALL
        .iter()
        .filter_map(|o| {
            let meta = std::fs::metadata(out.join(o.file_name())).ok()?;
            Some(Download { kind: o.id(), name: o.file_name(), bytes: meta.len() })
        })
        .collect();
    Report {
        exit,
        ok: !downloads.is_empty() || exit == Some(0),
        headline: headline(kind, exit),
        summary,
        files,
        routes,
        issues,
        downloads,
    }
}

/// How a run ended, in one line.
fn headline(kind: Kind, exit: Option<i32>) -> String {
    let Some(code) = exit else {
        return "处理程序意外结束（可能是内存不足或文件损坏）；其他文件可分开再试".to_string();
    };
    let exit = Exit::ALL.into_iter().find(|e| i32::from(e.code()) == code);
    match (kind, exit) {
        (Kind::PolicyCheck, Some(Exit::Success)) => "政策文件可用".to_string(),
        (Kind::PolicyCheck, Some(Exit::Usage)) => "政策文件有错误（见下方逐条说明）".to_string(),
        (Kind::Template, Some(Exit::Success)) => "模板已生成".to_string(),
        (Kind::Check, Some(Exit::Success)) => "检查完成：没有“错误”级的数据问题".to_string(),
        (Kind::Check, Some(Exit::ErrorsLeft)) => {
            "检查完成：名册中有“错误”级的数据问题须更正（见检查结果工作簿，改正后再检查）".to_string()
        }
        (Kind::Screen { .. }, Some(Exit::Success)) => "筛选完成".to_string(),
        (_, Some(e)) => e.meaning().to_string(),
        (_, None) => format!("处理程序以代码 {code} 结束"),
    }
}

/// The files of the `done` line that were not screened whole.
fn file_notes(files: &Value) -> Vec<FileNote> {
    let Some(files) = files.as_array() else { return Vec::new() };
    files
        .iter()
        .filter_map(|f| {
            let state = match f["state"].as_str()? {
                "partly_read" => "未能完整读取",
                "skipped" => "已跳过",
                "unreadable" => "无法读取",
                "not_screened" => "未筛选",
                _ => return None,
            };
            Some(FileNote {
                file: f["file"].as_str().unwrap_or_default().to_string(),
                state,
                why: f["why"].as_str().map(str::to_string),
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct Line {
    title: RouteLine,
    skill: RouteLine,
}

#[derive(Deserialize)]
struct RouteLine {
    status: String,
    /// 技能→职称: the highest title that can be applied for.
    #[serde(default)]
    best: Option<String>,
    /// 职称→技能: the level that can be applied for.
    #[serde(default)]
    level: Option<String>,
}

/// People per route × status × level, read from the JSONL line by line (a million rows is a
/// few seconds and no more memory than one line).
fn routes(jsonl: &Path) -> Vec<Route> {
    let Ok(file) = std::fs::File::open(jsonl) else { return Vec::new() };
    let mut counts: [BTreeMap<(usize, String), u64>; 2] = Default::default();
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { break };
        let Ok(l) = serde_json::from_str::<Line>(&line) else { continue };
        for (route, (status, level)) in
            [(l.title.status, l.title.best), (l.skill.status, l.skill.level)].into_iter().enumerate()
        {
            if let Some(s) = Status::ALL.iter().position(|s| s.name() == status) {
                *counts[route].entry((s, level.unwrap_or_default())).or_default() += 1;
            }
        }
    }
    let order = ladder_order();
    let rank = |name: &str| {
        order.iter().position(|n| *n == name).unwrap_or(if name == "（无）" { usize::MAX } else { usize::MAX - 1 })
    };
    let mut routes = Vec::new();
    for (route, counts) in ["技能→职称", "职称→技能"].into_iter().zip(counts) {
        let statuses = Status::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut levels: Vec<Count> = counts
                    .iter()
                    .filter(|((si, _), _)| *si == i)
                    .map(|((_, level), n)| Count {
                        name: if level.is_empty() { "（无）".into() } else { level.clone() },
                        count: *n,
                    })
                    .collect();
                levels.sort_by_key(|l| rank(&l.name));
                StatusCount { status: s.label(), count: levels.iter().map(|l| l.count).sum(), levels }
            })
            .collect();
        routes.push(Route { route, statuses });
    }
    routes
}

/// The levels and titles as the built-in policy ranks them (its skill ladder, then its titles by
/// grade), so that a route's levels read from low to high; a name of another policy goes after
/// them (in the JSONL's name order), and "（无）" (none) last. The server never parses an uploaded
/// policy itself: that is the child's.
fn ladder_order() -> Vec<&'static str> {
    let policy = crate::policy::Policy::embedded();
    let mut titles: Vec<crate::model::Title> =
        policy.titles.series.iter().flat_map(|s| s.titles.iter().copied()).collect();
    titles.sort();
    policy.skill.levels.iter().map(|r| r.name).chain(titles.iter().map(|t| t.name())).collect()
}

/// Data issues by severity: the 严重程度 column of every 数据问题 sheet (数据问题, 数据问题(2), …),
/// read cell by cell.
fn severities(workbook: &Path) -> Vec<Count> {
    let mut counts = [0u64; 3];
    if count_severities(workbook, &mut counts).is_err() {
        return Vec::new();
    }
    Severity::ALL.iter().zip(counts).map(|(s, n)| Count { name: s.label().to_string(), count: n }).collect()
}

fn count_severities(workbook: &Path, counts: &mut [u64; 3]) -> Result<(), calamine::XlsxError> {
    use calamine::{DataRef, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(workbook)?;
    let sheets: Vec<String> = book
        .sheet_names()
        .into_iter()
        .filter(|n| n == "数据问题" || (n.starts_with("数据问题(") && n.ends_with(')')))
        .collect();
    for sheet in sheets {
        let mut cells = book.worksheet_cells_reader(&sheet)?;
        let mut column: Option<(u32, u32)> = None;
        while let Some(cell) = cells.next_cell()? {
            let (row, col) = cell.get_position();
            let text = match cell.get_value() {
                DataRef::String(s) => s.as_str(),
                DataRef::SharedString(s) => s,
                _ => continue,
            };
            match column {
                None if text == "严重程度" => column = Some((row, col)),
                Some((header, c)) if col == c && row > header => {
                    if let Some(i) = Severity::ALL.iter().position(|s| s.label() == text) {
                        counts[i] += 1;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The split workbooks in one zip, stored as they are (an xlsx is compressed already).
fn zip_split(dir: &Path, to: &Path) -> std::io::Result<()> {
    let mut names: Vec<std::path::PathBuf> =
        std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to)?);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for path in names {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        std::io::copy(&mut std::fs::File::open(&path)?, &mut zip)?;
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn routes_count_status_by_level_from_the_jsonl() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let line = |ts: &str, best: Value, ss: &str, level: Value| {
            json!({"title":{"status":ts,"best":best},"skill":{"status":ss,"level":level}}).to_string()
        };
        let lines = [
            line("eligible", json!("工程师"), "not_applicable", Value::Null),
            line("eligible", json!("工程师"), "eligible", json!("技师")),
            line("eligible", json!("助理工程师"), "needs_review", json!("高级工")),
            line("not_eligible", Value::Null, "eligible", json!("高级技师")),
            line("not_eligible", json!("正高级工程师"), "eligible", json!("技师")),
            line("not_eligible", json!("高级工程师"), "eligible", json!("高级技师")),
            "not json".to_string(),
        ];
        std::fs::write(&path, lines.join("\n")).unwrap();
        let r = routes(&path);
        assert_eq!(r[0].route, "技能→职称");
        let eligible = &r[0].statuses[0];
        assert_eq!((eligible.status, eligible.count), ("符合", 3));
        let levels: Vec<(&str, u64)> = eligible.levels.iter().map(|c| (c.name.as_str(), c.count)).collect();
        assert_eq!(levels, [("助理工程师", 1), ("工程师", 2)]);
        let review: Vec<&str> = r[1].statuses[1].levels.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(review, ["高级工"]);
        let skill: Vec<(&str, u64)> = r[1].statuses.iter().map(|s| (s.status, s.count)).collect();
        assert_eq!(skill.iter().map(|(_, n)| n).sum::<u64>(), 6);
        // By rank, not by name: 技师 before 高级技师, 高级工程师 before 正高级工程师, none last.
        let skill_eligible: Vec<&str> = r[1].statuses[0].levels.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(skill_eligible, ["技师", "高级技师"]);
        let not_eligible: Vec<&str> = r[0].statuses[2].levels.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(not_eligible, ["高级工程师", "正高级工程师", "（无）"]);
    }

    #[test]
    fn files_not_screened_are_listed_with_why() {
        let notes = file_notes(&json!([
            {"file":"a.xlsx","state":"screened","why":null},
            {"file":"b.doc","state":"skipped","why":"不支持的文件类型"},
            {"file":"c.xls","state":"unreadable","why":null},
        ]));
        let got: Vec<(&str, &str)> = notes.iter().map(|n| (n.file.as_str(), n.state)).collect();
        assert_eq!(got, [("b.doc", "已跳过"), ("c.xls", "无法读取")]);
    }

    #[test]
    fn headline_says_how_it_ended() {
        assert_eq!(headline(Kind::Screen { split: false }, Some(0)), "筛选完成");
        assert_eq!(headline(Kind::PolicyCheck, Some(2)), "政策文件有错误（见下方逐条说明）");
        assert!(headline(Kind::Check, None).contains("意外结束"));
        assert!(headline(Kind::Check, Some(5)).starts_with("检查完成：名册中有“错误”"));
        assert_eq!(headline(Kind::Screen { split: false }, Some(4)), Exit::Partial.meaning());
    }
}
