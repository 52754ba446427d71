//! What the terminal says of the files and sheets of a run that were not read, or not wholly.

use crate::pipeline::{FileOutcome, Run, SheetOutcome, Source};

/// Why nothing could be screened, file by file: what a person needs to fix it, `-q` or not.
pub(super) fn nothing_to_screen(run: &Run) -> String {
    let headline = if run.sources.iter().any(|s| s.outcome == SheetOutcome::Screened) {
        "名册中没有数据行，没有可筛选的人："
    } else {
        "没有找到可筛选的名册（需要包含“姓名”和技能等级或职称列的表头）："
    };
    let mut lines = vec![headline.to_string()];
    for (i, file) in run.files.iter().enumerate() {
        let why = match &file.outcome {
            FileOutcome::Unreadable { .. } => file.outcome.error().unwrap_or_default(),
            FileOutcome::Skipped(why) => format!("{}：已跳过，{why}", file.display),
            FileOutcome::Read { .. } => {
                let sheets: Vec<String> = run
                    .sources
                    .iter()
                    .filter(|s| s.file == i)
                    .map(|s| match &s.outcome {
                        SheetOutcome::Skipped(why) | SheetOutcome::Failed(why) => {
                            format!("「{}」{why}", s.sheet)
                        }
                        SheetOutcome::Screened => {
                            format!("「{}」有表头但没有数据行{}", s.sheet, set_aside(s))
                        }
                    })
                    .collect();
                let sheets = if sheets.is_empty() { "没有工作表".to_string() } else { sheets.join("；") };
                format!("{}：{sheets}", file.display)
            }
        };
        lines.push(format!("  {why}"));
    }
    lines.join("\n")
}

/// The rows of a sheet set aside as not people, for a sheet with none left: `（已跳过示例行1行）`.
fn set_aside(s: &Source) -> String {
    let counts = [
        ("空行", s.blank_rows),
        ("表尾", s.footer_rows),
        ("重复表头", s.repeated_headers),
        ("示例行", s.example_rows),
        ("说明行", s.note_rows),
    ];
    let said: Vec<String> = counts.iter().filter(|(_, n)| *n > 0).map(|(what, n)| format!("{what}{n}行")).collect();
    if said.is_empty() {
        String::new()
    } else {
        format!("（已跳过{}）", said.join("、"))
    }
}

/// Files and sheets that could not be read, one line each; the run goes on without them. Files
/// set aside (hidden, lock files, other types) are listed too, unless `quiet`.
pub(super) fn unreadable(run: &Run, quiet: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if !quiet {
        for file in &run.files {
            if let FileOutcome::Skipped(why) = &file.outcome {
                lines.push(format!("跳过 {}：{why}", file.display));
            }
        }
        for file in &run.files {
            if let FileOutcome::Read { really: Some(kind) } = file.outcome {
                lines.push(format!("注意：{} 的内容实为{kind}，已按其内容读取", file.display));
            }
        }
    }
    for file in &run.files {
        if let Some(error) = file.outcome.error() {
            lines.push(format!("错误：{error}"));
        }
    }
    for s in run.failed_sheets() {
        if let SheetOutcome::Failed(why) = &s.outcome {
            lines.push(format!("错误：{}「{}」：{why}", run.files[s.file].display, s.sheet));
        }
    }
    for s in run.partly_read_sheets() {
        let why = s.partly_read.as_deref().unwrap_or_default();
        lines.push(format!(
            "警告：{}「{}」未能按原样完整读取，已处理读到的内容：{why}",
            run.files[s.file].display, s.sheet
        ));
    }
    lines
}
