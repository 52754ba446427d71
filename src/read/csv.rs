//! CSV and delimited text through polars, in whatever encoding a Chinese Windows Excel saved it.
//!
//! The encoding is detected, not asked for: a UTF-8 BOM, a UTF-16 BOM (Excel's "Unicode text"),
//! valid UTF-8, or else GB18030 (a superset of GBK and GB2312). The separator is sniffed from the
//! first lines (comma, tab or semicolon). Every field is read as text: a roster's "numbers" are IDs
//! and dates that must not be reinterpreted. Polars keeps blank records, so record `i` is the
//! spreadsheet row `i + 1`.

use super::{Cell, RawRow, ReadError, Rows};
use polars::prelude::*;
use std::io::Cursor;
use std::path::Path;

pub fn read(path: &Path, sink: &mut dyn Rows) -> Result<(), ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    let text = decode(bytes);
    let separator = sniff_separator(&text);
    let width = max_fields(&text, separator);
    let csv_error = |e: PolarsError| ReadError::Csv { path: path.to_path_buf(), detail: e.to_string() };

    sink.sheet(&sheet_name(path));
    if text.trim().is_empty() {
        sink.end(Vec::new());
        return Ok(());
    }
    let schema: Schema = (0..width).map(|i| Field::new(format!("c{i}").into(), DataType::String)).collect();
    let frame = CsvReadOptions::default()
        .with_has_header(false)
        .with_schema(Some(Arc::new(schema)))
        .with_parse_options(
            CsvParseOptions::default()
                .with_separator(separator)
                .with_truncate_ragged_lines(true)
                .with_missing_is_null(true),
        )
        .into_reader_with_file_handle(Cursor::new(text.into_bytes()))
        .finish()
        .map_err(csv_error)?;

    let columns: Vec<&StringChunked> =
        frame.columns().iter().map(|c| c.str()).collect::<Result<_, _>>().map_err(csv_error)?;
    let mut iters: Vec<_> = columns.iter().map(|c| c.iter()).collect();
    for i in 0..frame.height() {
        let cells = iters
            .iter_mut()
            .map(|it| match it.next().flatten() {
                Some(s) if !s.is_empty() => Cell::Text(s.into()),
                _ => Cell::Empty,
            })
            .collect();
        sink.row(RawRow { number: i as u32 + 1, cells });
    }
    sink.end(Vec::new());
    Ok(())
}

/// A CSV has no sheets; its rows are reported under the file's stem.
fn sheet_name(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Decodes the file to UTF-8 text.
pub fn decode(bytes: Vec<u8>) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE.decode(&bytes).0.into_owned();
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE.decode(&bytes).0.into_owned();
    }
    // Valid UTF-8 becomes the text without a copy; anything else is read as GB18030.
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => encoding_rs::GB18030.decode(e.as_bytes()).0.into_owned(),
    }
}

/// The separator that splits the first lines into the most fields.
fn sniff_separator(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect();
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&sep| sample.iter().map(|l| l.bytes().filter(|&b| b == sep).count()).max().unwrap_or(0))
        .unwrap_or(b',')
}

/// The most fields any record has (quotes respected), so short title lines do not fix the width.
fn max_fields(text: &str, separator: u8) -> usize {
    let (mut max, mut fields, mut quoted) = (1, 1, false);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                max = max.max(fields);
                fields = 1;
            }
            _ if b == separator && !quoted => fields += 1,
            _ => {}
        }
    }
    max.max(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_utf8_bom_and_utf16() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,技能等级\n张三,高级工\n");
        assert_eq!(decode(gbk.into_owned()), "姓名,技能等级\n张三,高级工\n");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend("姓名".as_bytes());
        assert_eq!(decode(bom), "姓名");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("姓名\t职称".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(utf16), "姓名\t职称");
    }

    #[test]
    fn sniffs_separator_and_width() {
        assert_eq!(sniff_separator("标题\n姓名\t职称\t日期\n"), b'\t');
        assert_eq!(sniff_separator("姓名;职称\n"), b';');
        assert_eq!(sniff_separator("姓名,职称\n"), b',');
        assert_eq!(max_fields("t\na,\"b,c\",d\n", b','), 3);
    }
}
