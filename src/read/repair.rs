//! Mending a sheet that calamine stops reading at one malformed cell — a number cell holding
//! `abc`, a boolean holding `2`, a type no one knows, a shared string that does not exist, a
//! reference past Excel's last cell — so that the rest of the sheet is read.
//!
//! Only when a sheet has failed: its XML is taken from the zip, each such cell rewritten as the
//! text it holds (or dropped, when nothing of it is readable), and the workbook rebuilt in memory
//! with the mended sheet for calamine to read again. Every cell mended is named, by reference.

use std::io::{Cursor, Read, Write};
use std::path::Path;

/// A workbook rebuilt with one sheet mended, and what was mended.
pub struct Mended {
    pub workbook: Cursor<Vec<u8>>,
    pub cells: Vec<String>,
}

/// Mends the sheet `name` of the xlsx at `path`; `None` when there is nothing to mend (or the file
/// is not a zip we can take apart).
pub fn mend(path: &Path, name: &str) -> Option<Mended> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let part = sheet_part(&mut zip, name)?;
    let strings = entry(&mut zip, "xl/sharedStrings.xml").map_or(0, |x| count(&x, "<si>") + count(&x, "<si "));
    let xml = entry(&mut zip, &part)?;
    let (mended, cells) = mend_cells(&xml, strings);
    if cells.is_empty() {
        return None;
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).ok()?;
        if file.name().is_ok_and(|n| n == part.as_str()) {
            continue;
        }
        out.raw_copy_file(file).ok()?;
    }
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    out.start_file(part.as_str(), options).ok()?;
    out.write_all(mended.as_bytes()).ok()?;
    let mut workbook = out.finish().ok()?;
    workbook.set_position(0);
    Some(Mended { workbook, cells })
}

fn entry<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let mut text = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
    Some(text)
}

fn count(text: &str, what: &str) -> usize {
    text.matches(what).count()
}

/// The zip path of the sheet named `name`: workbook.xml names it with a relationship id, and the
/// workbook's relationships give that id's target.
fn sheet_part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let workbook = entry(zip, "xl/workbook.xml")?;
    let rels = entry(zip, "xl/_rels/workbook.xml.rels")?;
    let id = tags(&workbook, "sheet")
        .into_iter()
        .find(|t| attr(t, "name").is_some_and(|n| unescape(&n) == name))
        .and_then(|t| {
            // `r:id` under whatever prefix the writer chose.
            t.split_whitespace()
                .find_map(|a| a.split_once(":id=").map(|(_, v)| v.trim_matches(['"', '\'', '/', '>']).to_string()))
        })?;
    let target = tags(&rels, "Relationship")
        .into_iter()
        .find(|t| attr(t, "Id").as_deref() == Some(&id))
        .and_then(|t| attr(t, "Target"))?;
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    })
}

/// The start tags `<name …>` in `xml`, each as its text.
fn tags<'x>(xml: &'x str, name: &str) -> Vec<&'x str> {
    let open = format!("<{name} ");
    xml.match_indices(open.as_str()).filter_map(|(i, _)| xml[i..].find('>').map(|end| &xml[i..i + end + 1])).collect()
}

/// The value of attribute `name` in a start tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    for quote in ['"', '\''] {
        let key = format!(" {name}={quote}");
        if let Some(i) = tag.find(&key) {
            let rest = &tag[i + key.len()..];
            return rest.find(quote).map(|end| rest[..end].to_string());
        }
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The column and row of a reference like `E3`, if it is one of Excel's cells.
fn position(reference: &str) -> Option<(u32, u32)> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = reference.split_at(letters);
    let mut c: u32 = 0;
    for b in col.bytes() {
        c = c.checked_mul(26)?.checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)?;
    }
    let row: u32 = row.parse().ok()?;
    ((1..=16_384).contains(&c) && (1..=1_048_576).contains(&row)).then_some((c, row))
}

/// Rewrites the cells calamine cannot read; returns the XML and the cells mended, as a person
/// reads them (`E3（数值单元格中是“abc”，按文字读取）`).
fn mend_cells(xml: &str, strings: usize) -> (String, Vec<String>) {
    let mut out = String::with_capacity(xml.len());
    let mut notes = Vec::new();
    let mut rest = xml;
    while let Some(i) = find_cell(rest) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..=tag_end];
        let (whole, inner) = if tag.ends_with("/>") {
            (tag_end + 1, "")
        } else {
            match rest.find("</c>") {
                Some(close) => (close + 4, &rest[tag_end + 1..close]),
                None => break,
            }
        };
        let reference = attr(tag, "r").unwrap_or_default();
        let kind = attr(tag, "t").unwrap_or_else(|| "n".into());
        let value = between(inner, "<v>", "</v>").map(str::trim);
        let style = attr(tag, "s").map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
        let problem = if !reference.is_empty() && position(&reference).is_none() {
            Some(("位置超出 Excel 的范围，已忽略".to_string(), None))
        } else {
            match (kind.as_str(), value) {
                (_, None) => None,
                ("n", Some(v)) if v.parse::<f64>().is_err() => {
                    Some((format!("数值单元格中是“{v}”，按文字读取"), Some(v)))
                }
                ("b", Some(v)) if v != "0" && v != "1" => Some((format!("逻辑值单元格中是“{v}”，按文字读取"), Some(v))),
                ("s", Some(v)) if v.parse::<usize>().map_or(true, |n| n >= strings) => {
                    Some((format!("引用的共享字符串（第{v}项）不存在，按空白读取"), None))
                }
                ("n" | "b" | "s" | "e" | "str" | "inlineStr" | "d", _) => None,
                (other, Some(v)) => Some((format!("未知的单元格类型“{other}”，按文字读取"), Some(v))),
            }
        };
        match problem {
            None => out.push_str(&rest[..whole]),
            Some((why, text)) => {
                notes.push(format!("{reference}（{why}）"));
                if let (Some(text), Some(_)) = (text, position(&reference)) {
                    out.push_str(&format!("<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t>{text}</t></is></c>"));
                }
            }
        }
        rest = &rest[whole..];
    }
    out.push_str(rest);
    (out, notes)
}

/// Where the next `<c …>` cell element starts (not `<col>`, `<cfRule>` …).
fn find_cell(xml: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = xml[from..].find("<c") {
        let at = from + i;
        if matches!(xml.as_bytes().get(at + 2), Some(b' ' | b'>' | b'/')) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

fn between<'x>(text: &'x str, open: &str, close: &str) -> Option<&'x str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_cells_become_text_or_are_dropped_and_are_named() {
        let xml = concat!(
            r#"<sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="E2" t="n"><v>abc</v></c>"#,
            r#"<c r="H2" t="b"><v>2</v></c><c r="I2" t="zz"><v>x</v></c><c r="J2" t="s"><v>99</v></c>"#,
            r#"<c r="ZZZZZZZZZZ2" t="inlineStr"><is><t>far</t></is></c><c r="K2" s="3"/><c r="L2"><v>1.5</v></c></row></sheetData>"#,
            r#"<cols><col min="1"/></cols>"#
        );
        let (mended, notes) = mend_cells(xml, 1);
        assert_eq!(
            notes,
            [
                "E2（数值单元格中是“abc”，按文字读取）",
                "H2（逻辑值单元格中是“2”，按文字读取）",
                "I2（未知的单元格类型“zz”，按文字读取）",
                "J2（引用的共享字符串（第99项）不存在，按空白读取）",
                "ZZZZZZZZZZ2（位置超出 Excel 的范围，已忽略）",
            ]
        );
        assert!(mended.contains(r#"<c r="A2" t="s"><v>0</v></c>"#));
        assert!(mended.contains(r#"<c r="E2" t="inlineStr"><is><t>abc</t></is></c>"#));
        assert!(!mended.contains("J2") && !mended.contains("ZZZ"));
        assert!(mended.contains(r#"<c r="K2" s="3"/><c r="L2"><v>1.5</v></c>"#));
        assert!(mended.ends_with(r#"<cols><col min="1"/></cols>"#));
        assert_eq!(mend_cells(r#"<c r="A1"><v>1</v></c>"#, 0).1, Vec::<String>::new());
    }

    #[test]
    fn references() {
        assert_eq!(position("A1"), Some((1, 1)));
        assert_eq!(position("XFD1048576"), Some((16_384, 1_048_576)));
        assert_eq!(position("XFE1"), None);
        assert_eq!(position("ZZZZZZZZZZ2"), None);
        assert_eq!(position("A0"), None);
    }
}
