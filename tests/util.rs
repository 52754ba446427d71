//! Helpers that keep each integration test a few lines long.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture in `tests/data`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// Copies a folder of fixtures, sub-folders and all.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh folder for one test; removed when dropped.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Copies a fixture in, so a test can never touch the original.
    pub fn copy(&self, fixture: &str) -> PathBuf {
        let to = self.path(fixture);
        std::fs::copy(data(fixture), &to).expect("copy fixture");
        to
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let to = self.path(name);
        std::fs::write(&to, bytes).expect("write");
        to
    }

    /// Runs `guantong` with these arguments in this folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_guantong"))
            .args(args)
            .current_dir(self.tmp.path())
            .output()
            .expect("run guantong")
    }

    /// `guantong screen INPUT --as-of AS_OF --jsonl out.jsonl -o out.xlsx -q EXTRA…`, expecting success;
    /// returns the JSONL lines.
    pub fn screen(&self, input: &str, as_of: &str, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["screen", input, "--as-of", as_of, "--jsonl", "out.jsonl", "-o", "out.xlsx", "-q"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr(&out));
        jsonl(&self.path("out.jsonl"))
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("read jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// A JSONL line without the keys that say where it came from.
pub fn without_place(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        for k in ["file", "sheet", "row"] {
            o.remove(k);
        }
    }
    v
}

/// The cells of a sheet as text, row by row (calamine reads back what we wrote).
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).expect("open workbook");
    let range = wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

pub fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::{open_workbook_auto, Reader};
    open_workbook_auto(path).expect("open workbook").sheet_names()
}

/// The cells of a sheet as text, each at its own place: `[0][0]` is A1, whatever the first cell
/// written (calamine's own rows start at the first non-empty one).
pub fn sheet_at(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).expect("open workbook");
    let range = wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    let Some((first_row, first_col)) = range.start() else { return Vec::new() };
    let mut rows = vec![Vec::new(); first_row as usize];
    for r in range.rows() {
        let mut row = vec![String::new(); first_col as usize];
        row.extend(r.iter().map(|c| c.to_string()));
        rows.push(row);
    }
    rows
}

/// One part of an xlsx (a zip) as text — `xl/workbook.xml`, `xl/comments1.xml` — if it has it:
/// what calamine does not read (styles, notes) is checked here.
pub fn xlsx_part(path: &Path, part: &str) -> Option<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open xlsx")).expect("xlsx is a zip");
    let mut file = zip.by_name(part).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).expect("part is text");
    Some(text)
}

/// The value of attribute `name` in the start tag `tag` (`<c r="B4" s="9">`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

/// The start tags `<element …>` of `xml`, in order.
fn tags<'a>(xml: &'a str, element: &str) -> Vec<&'a str> {
    let open = format!("<{element} ");
    xml.match_indices(&open).map(|(i, _)| &xml[i..i + xml[i..].find('>').unwrap_or(0)]).collect()
}

/// The part a relationship of `rels` (an `_rels/*.rels` part) points to, by its id or its type's
/// last word (`comments`), as a path inside the zip relative to `base` (the folder of its part).
fn target(rels: &str, base: &str, matches: impl Fn(&str) -> bool) -> Option<String> {
    let tag = tags(rels, "Relationship").into_iter().find(|t| matches(t))?;
    let mut path: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in attribute(tag, "Target")?.split('/') {
        match part {
            ".." => {
                path.pop();
            }
            p => path.push(p),
        }
    }
    Some(path.join("/"))
}

/// The XML of the sheet named `name` and of its notes (`xl/comments*.xml`), if it has any: found
/// through `xl/workbook.xml` and the relationships, as Excel finds them.
pub fn sheet_xml(path: &Path, name: &str) -> (String, Option<String>) {
    let workbook = xlsx_part(path, "xl/workbook.xml").expect("xl/workbook.xml");
    let sheet = tags(&workbook, "sheet").into_iter().find(|t| attribute(t, "name") == Some(name));
    let id = sheet.and_then(|t| attribute(t, "r:id")).unwrap_or_else(|| panic!("no sheet {name}"));
    let rels = xlsx_part(path, "xl/_rels/workbook.xml.rels").expect("workbook rels");
    let part = target(&rels, "xl", |t| attribute(t, "Id") == Some(id)).expect("sheet's part");
    let xml = xlsx_part(path, &part).expect("sheet XML");
    let (folder, file) = part.rsplit_once('/').unwrap_or(("", &part));
    let notes = xlsx_part(path, &format!("{folder}/_rels/{file}.rels"))
        .and_then(|rels| target(&rels, folder, |t| attribute(t, "Type").is_some_and(|t| t.ends_with("/comments"))))
        .and_then(|part| xlsx_part(path, &part));
    (xml, notes)
}

/// Each cell's style index (`s`, 0 when absent) in a sheet's XML, by its reference (`B4`).
pub fn cell_styles(sheet_xml: &str) -> std::collections::BTreeMap<String, u32> {
    tags(sheet_xml, "c")
        .into_iter()
        .filter_map(|t| Some((attribute(t, "r")?.to_string(), attribute(t, "s").map_or(0, |s| s.parse().unwrap()))))
        .collect()
}

/// The fill colour (`FFRRGGBB`) of each cell style index, from `xl/styles.xml`; `None` unfilled.
pub fn style_fills(path: &Path) -> Vec<Option<String>> {
    let styles = xlsx_part(path, "xl/styles.xml").expect("xl/styles.xml");
    let section = |name: &str| {
        let start = styles.find(&format!("<{name} ")).unwrap_or_else(|| panic!("{name} in styles"));
        let end = styles[start..].find(&format!("</{name}>")).unwrap() + start;
        &styles[start..end]
    };
    let fills: Vec<Option<String>> = section("fills")
        .split("<fill>")
        .skip(1)
        .map(|f| tags(f, "fgColor").first().and_then(|t| attribute(t, "rgb")).map(str::to_string))
        .collect();
    tags(section("cellXfs"), "xf")
        .into_iter()
        .map(|xf| fills.get(attribute(xf, "fillId").map_or(0, |i| i.parse().unwrap())).cloned().flatten())
        .collect()
}

/// The notes of a comments part, by cell reference: their text, runs joined, entities undone.
pub fn notes(comments_xml: &str) -> std::collections::BTreeMap<String, String> {
    let unescape = |s: &str| s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    comments_xml
        .split("<comment ")
        .skip(1)
        .map(|c| {
            let cell = attribute(&format!(" {c}"), "ref").unwrap_or_default().to_string();
            let body = c.split("</comment>").next().unwrap_or_default();
            let text: String = body
                .split("<t")
                .skip(1)
                // `<t>` or `<t xml:space="preserve">`, not `<text>`.
                .filter(|t| t.starts_with('>') || t.starts_with(' '))
                .filter_map(|t| t.split_once('>').map(|(_, rest)| rest.split("</t>").next().unwrap_or_default()))
                .map(unescape)
                .collect();
            (cell, text)
        })
        .collect()
}
