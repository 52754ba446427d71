//! CSV and delimited text through polars, in whatever encoding a Chinese Windows Excel saved it.
//!
//! The encoding is detected, not asked for: a UTF-8 BOM, a UTF-16 BOM (Excel's "Unicode text"),
//! valid UTF-8, or else GB18030 (a superset of GBK and GB2312). The separator is sniffed from the
//! first lines (comma, tab or semicolon). Every field is read as text: a roster's "numbers" are IDs
//! and dates that must not be reinterpreted. Polars keeps blank records, so record `i` is the
//! spreadsheet row `i + 1`. The decoded text is parsed in chunks of whole records ([`Shape`]), so
//! only one chunk's columns are in memory beside it.

use super::{Cell, RawRow, ReadError, Rows};
use polars::prelude::*;
use std::io::Cursor;
use std::path::Path;

/// How much text polars parses at a time. The whole file is parsed chunk by chunk, each chunk a run
/// of whole records: a million-row roster's columns would take three times its text in memory.
const CHUNK_BYTES: usize = 16 << 20;

pub fn read(path: &Path, sink: &mut dyn Rows) -> Result<(), ReadError> {
    read_in_chunks(path, sink, CHUNK_BYTES)
}

fn read_in_chunks(path: &Path, sink: &mut dyn Rows, chunk_bytes: usize) -> Result<(), ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    let mut text = decode(bytes);
    // Old Mac line endings: a line break is a CR alone.
    if !text.contains('\n') && text.contains('\r') {
        text = text.replace('\r', "\n");
    }
    let separator = sniff_separator(&text);
    if let Some(requoted) = requote_bare_quotes(&text, separator) {
        text = requoted;
    }
    let shape = Shape::of(&text, separator, chunk_bytes);
    let csv_error = |e: PolarsError| ReadError::Csv { path: path.to_path_buf(), source: e.into() };

    sink.sheet(&sheet_name(path));
    if text.trim().is_empty() {
        sink.end(Vec::new());
        return Ok(());
    }
    let mut number = 0u32;
    for piece in &shape.chunks {
        // Polars makes a column per field: a record thousands of fields wide is split here instead.
        if piece.width > BY_HAND {
            for cells in by_hand(&text[piece.start..piece.end], separator) {
                number += 1;
                sink.row(RawRow { number, cells });
            }
            continue;
        }
        let chunk = &text.as_bytes()[piece.start..piece.end];
        let schema: Arc<Schema> =
            Arc::new((0..piece.width).map(|i| Field::new(format!("c{i}").into(), DataType::String)).collect());
        let frame = CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(schema))
            .with_parse_options(
                CsvParseOptions::default()
                    .with_separator(separator)
                    .with_truncate_ragged_lines(true)
                    .with_missing_is_null(true),
            )
            .into_reader_with_file_handle(Cursor::new(chunk))
            .finish()
            .map_err(csv_error)?;
        let columns: Vec<&StringChunked> =
            frame.columns().iter().map(|c| c.str()).collect::<Result<_, _>>().map_err(csv_error)?;
        let mut iters: Vec<_> = columns.iter().map(|c| c.iter()).collect();
        for _ in 0..frame.height() {
            let cells = iters
                .iter_mut()
                .map(|it| match it.next().flatten() {
                    Some(s) if !s.is_empty() => Cell::Text(s.into()),
                    _ => Cell::Empty,
                })
                .collect();
            number += 1;
            sink.row(RawRow { number, cells });
        }
    }
    sink.end(Vec::new());
    Ok(())
}

/// Records wider than this are split without polars ([`by_hand`]).
const BY_HAND: usize = 4096;

/// Splits whole records into cells: fields quoted only when they start with a quote (bare quotes
/// were quoted by [`requote_bare_quotes`]), `""` a quote inside them, line breaks inside quotes
/// kept, a CR before the line break dropped. Each record is as wide as it is, not padded.
fn by_hand(text: &str, separator: u8) -> Vec<Vec<Cell>> {
    let separator = separator as char;
    let mut records = Vec::new();
    let (mut cells, mut field, mut quoted, mut at_start) = (Vec::new(), String::new(), false, true);
    let mut chars = text.chars().peekable();
    let push = |cells: &mut Vec<Cell>, field: &mut String| {
        let value = std::mem::take(field);
        cells.push(if value.is_empty() { Cell::Empty } else { Cell::Text(value.into()) });
    };
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            c if quoted => field.push(c),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                push(&mut cells, &mut field);
                records.push(std::mem::take(&mut cells));
                at_start = true;
                continue;
            }
            c if c == separator => {
                push(&mut cells, &mut field);
                at_start = true;
                continue;
            }
            c => field.push(c),
        }
        at_start = false;
    }
    if !field.is_empty() || !cells.is_empty() {
        push(&mut cells, &mut field);
        records.push(cells);
    }
    records
}

/// What one scan of the text tells: where to cut it into chunks of about `chunk_bytes`, each cut
/// just after a line break outside quotes (a quoted field with line breaks is never split), and
/// the most fields a record of each chunk has. Polars pads every record of a chunk to that width,
/// so a record far wider than those before it (one line of 400,000 commas) is a chunk of its own:
/// it costs its own width once, not once per record.
#[derive(Debug, PartialEq)]
struct Shape {
    chunks: Vec<Piece>,
}

/// A run of whole records, `start..end` in the text, and the most fields one of them has.
#[derive(Debug, PartialEq)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
}

impl Shape {
    fn of(text: &str, separator: u8, chunk_bytes: usize) -> Shape {
        let (mut fields, mut quoted) = (1, false);
        let mut chunks: Vec<Piece> = Vec::new();
        let mut current = Piece { start: 0, end: 0, width: 1 };
        let mut line_start = 0;
        let end_record =
            |current: &mut Piece, chunks: &mut Vec<Piece>, fields: usize, line_start: usize, end: usize| {
                let wide = fields > 4 * current.width + 64;
                if wide && line_start > current.start {
                    // The wide record alone: what came before it is a chunk of its own.
                    chunks.push(Piece { start: current.start, end: line_start, width: current.width });
                    *current = Piece { start: line_start, end: line_start, width: 1 };
                }
                current.width = current.width.max(fields);
                current.end = end;
                if (wide || end - current.start >= chunk_bytes) && end < text.len() {
                    chunks.push(Piece { start: current.start, end, width: current.width });
                    *current = Piece { start: end, end, width: 1 };
                }
            };
        for (i, b) in text.bytes().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    end_record(&mut current, &mut chunks, fields, line_start, i + 1);
                    fields = 1;
                    line_start = i + 1;
                }
                _ if b == separator && !quoted => fields += 1,
                _ => {}
            }
        }
        if line_start < text.len() {
            end_record(&mut current, &mut chunks, fields, line_start, text.len());
        }
        if current.end > current.start || chunks.is_empty() {
            current.end = text.len();
            chunks.push(current);
        }
        Shape { chunks }
    }
}

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
    // UTF-16 without a BOM: the zero high bytes of its tabs, digits and line breaks all fall on
    // one side. Text in UTF-8 or GBK has no zero bytes at all.
    match utf16_order(&bytes) {
        Some(Utf16::Le) => return encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes).0.into_owned(),
        Some(Utf16::Be) => return encoding_rs::UTF_16BE.decode_without_bom_handling(&bytes).0.into_owned(),
        None => {}
    }
    // Valid UTF-8 becomes the text without a copy; anything else is read as GB18030, line by line
    // when some lines are UTF-8 (two exports pasted together): Chinese in GBK is never valid UTF-8.
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            let lines = || bytes.split_inclusive(|&b| b == b'\n');
            let utf8 = lines().filter(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok()).count();
            if utf8 == 0 {
                return encoding_rs::GB18030.decode(&bytes).0.into_owned();
            }
            lines()
                .map(|l| match std::str::from_utf8(l) {
                    Ok(s) => std::borrow::Cow::Borrowed(s),
                    Err(_) => encoding_rs::GB18030.decode(l).0,
                })
                .collect()
        }
    }
}

/// Excel's reading of quotes: a field is quoted only when it starts with a quote, and a quote
/// anywhere else in an unquoted field is text (`身高5'8"`). Polars would take such a quote for
/// the start of a quoted field and fail on the whole file, so those fields are quoted here, their
/// quotes doubled. `None` when no field needs it (nearly every file: one scan, no copy).
fn requote_bare_quotes(text: &str, separator: u8) -> Option<String> {
    if !text.contains('"') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut start, mut i, mut quoted, mut bare) = (0usize, 0usize, false, false);
    // Each field as it ends: copied as it is, or quoted when it holds a bare quote.
    let flush = |out: &mut Option<String>, from: usize, to: usize, bare: bool| {
        if bare {
            let o = out.get_or_insert_with(|| text[..from].to_string());
            o.push('"');
            o.push_str(&text[from..to].replace('"', "\"\""));
            o.push('"');
        } else if let Some(o) = out.as_mut() {
            o.push_str(&text[from..to]);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' {
            if i == start {
                quoted = true;
            } else {
                bare = true;
            }
        } else if b == separator || b == b'\n' || (b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            flush(&mut out, start, i, bare);
            let end = if b == b'\r' { i + 2 } else { i + 1 };
            if let Some(o) = out.as_mut() {
                o.push_str(&text[i..end]);
            }
            i = end;
            start = i;
            bare = false;
            continue;
        }
        i += 1;
    }
    flush(&mut out, start, bytes.len(), bare);
    out
}

enum Utf16 {
    Le,
    Be,
}

/// The byte order of UTF-16 text without a BOM. Text in UTF-8 or GBK has no zero bytes at all; in
/// UTF-16 each tab, comma, semicolon, line break, space and digit is its ASCII byte beside a zero —
/// after it in little-endian, before it in big-endian. The order is the side those zeros fall on.
/// How many there are does not matter: a line of Chinese runs thousands of characters without
/// one (a 300 KB 荣誉称号 cell filled the first 4 KB with them, and when the share of zeros was
/// what counted, the file was taken for binary). A Chinese character with a zero byte (`一` is
/// U+4E00) is never one of these bytes beside a zero, whichever the order.
fn utf16_order(bytes: &[u8]) -> Option<Utf16> {
    let structure = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | b' ' | b',' | b';' | b'1'..=b'9');
    let head = &bytes[..bytes.len().min(4096) & !1];
    let (mut le, mut be) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        match *pair {
            [b, 0] if structure(b) => le += 1,
            [0, b] if structure(b) => be += 1,
            _ => {}
        }
    }
    match () {
        _ if le > 0 && be * 20 <= le => Some(Utf16::Le),
        _ if be > 0 && le * 20 <= be => Some(Utf16::Be),
        _ => None,
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
    fn a_bare_quote_in_an_unquoted_field_is_text() {
        assert_eq!(requote_bare_quotes("a,\"b,c\",d\n", b','), None);
        assert_eq!(
            requote_bare_quotes("姓名,备注\n张三,身高5'8\"\n李四,无\n", b','),
            Some("姓名,备注\n张三,\"身高5'8\"\"\"\n李四,无\n".into())
        );
        assert_eq!(
            requote_bare_quotes("a\tx\"y\r\nb\t\"q\"\"q\"", b'\t'),
            Some("a\t\"x\"\"y\"\r\nb\t\"q\"\"q\"".into())
        );
    }

    #[test]
    fn lines_of_two_encodings_are_decoded_each_as_written() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,技能等级\n张三,高级工\n");
        let mut bytes = gbk.into_owned();
        bytes.extend("李四,技师\n".as_bytes());
        assert_eq!(decode(bytes), "姓名,技能等级\n张三,高级工\n李四,技师\n");
    }

    #[test]
    fn utf16_without_a_bom_is_found_by_its_zero_bytes() {
        let text = "姓名\t技能等级\r\n张三\t高级工\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(le), text);
        assert_eq!(decode(be), text);
    }

    /// The byte order is found however long the first lines are: a cell of 100,000 Chinese
    /// characters (many of them `一`, whose UTF-16 has a zero byte) after a short header.
    #[test]
    fn utf16_without_a_bom_is_found_beside_a_very_long_line() {
        let honours = "全国技术能手一等奖　".repeat(10_000);
        let text = format!("姓名\t荣誉称号\r\n张三\t{honours}\r\n李四\t无\r\n");
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(le), text);
        assert_eq!(decode(be), text);
        // Text in UTF-8 or GBK has no zero byte: it is never taken for UTF-16.
        assert!(utf16_order(text.as_bytes()).is_none());
        assert!(utf16_order(&encoding_rs::GBK.encode(&text).0).is_none());
    }

    #[test]
    fn sniffs_separator_and_width() {
        assert_eq!(sniff_separator("标题\n姓名\t职称\t日期\n"), b'\t');
        assert_eq!(sniff_separator("姓名;职称\n"), b';');
        assert_eq!(sniff_separator("姓名,职称\n"), b',');
        assert_eq!(Shape::of("t\na,\"b,c\",d\n", b',', 1 << 20).chunks, [Piece { start: 0, end: 12, width: 3 }]);
    }

    #[derive(Default)]
    struct Grid(Vec<RawRow>);

    impl Rows for Grid {
        fn sheet(&mut self, _: &str) {}
        fn row(&mut self, row: RawRow) {
            self.0.push(row);
        }
        fn problem(&mut self, _: super::super::SheetProblem) {}
        fn end(&mut self, _: Vec<super::super::Span>) {}
    }

    /// Reading in chunks of one record each gives the rows and row numbers of one whole read:
    /// blank records, a quoted field with a line break, a short record, a record with a BOM before it.
    #[test]
    fn chunked_reading_matches_a_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("名册.csv");
        let text = "\u{FEFF}标题\n姓名,职称,备注\n张三,工程师,\"第一行\n第二行\"\n\n李四\n王五,技术员,无\n";
        std::fs::write(&path, text).unwrap();
        let (mut whole, mut chunked) = (Grid::default(), Grid::default());
        read_in_chunks(&path, &mut whole, 1 << 20).unwrap();
        read_in_chunks(&path, &mut chunked, 1).unwrap();
        // Each chunk is as wide as its widest record: rows differ only in trailing empty cells.
        let trimmed = |rows: &[RawRow]| -> Vec<RawRow> {
            rows.iter()
                .map(|r| {
                    let keep = r.cells.iter().rposition(|c| *c != Cell::Empty).map_or(0, |i| i + 1);
                    RawRow { number: r.number, cells: r.cells[..keep].to_vec() }
                })
                .collect()
        };
        assert_eq!(trimmed(&whole.0), trimmed(&chunked.0));
        let numbers: Vec<u32> = chunked.0.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
        assert_eq!(chunked.0[2].cells[2], Cell::Text("第一行\n第二行".into()));
        assert_eq!(whole.0[3].cells, [Cell::Empty, Cell::Empty, Cell::Empty]);
        assert_eq!(whole.0[4].cells, [Cell::Text("李四".into()), Cell::Empty, Cell::Empty]);
    }

    /// Chunks end after a line break outside quotes, never inside a quoted field.
    #[test]
    fn chunks_cut_between_records() {
        let text = "a,b\n\"x\ny\",z\nc,d\ne";
        let shape = Shape::of(text, b',', 1);
        let pieces: Vec<&str> = shape.chunks.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(pieces, ["a,b\n", "\"x\ny\",z\n", "c,d\n", "e"]);
        assert_eq!(Shape::of("a,b\n", b',', 1).chunks, [Piece { start: 0, end: 4, width: 2 }]);
    }

    #[test]
    fn wide_records_are_split_by_hand_as_polars_would() {
        let rows = by_hand("a,\"b,\"\"c\"\"\",,d\r\n\"x\ny\",z\n,\n", b',');
        let t = |s: &str| Cell::Text(s.into());
        assert_eq!(
            rows,
            [vec![t("a"), t("b,\"c\""), Cell::Empty, t("d")], vec![t("x\ny"), t("z")], vec![Cell::Empty, Cell::Empty]]
        );
    }

    /// One record far wider than the others is a chunk of its own, so the others are not padded.
    #[test]
    fn a_very_wide_record_is_a_chunk_of_its_own() {
        let wide = ",".repeat(1000);
        let text = format!("姓名,技能等级\n张三,技师\n{wide}\n李四,高级工\n");
        let shape = Shape::of(&text, b',', 1 << 20);
        let widths: Vec<usize> = shape.chunks.iter().map(|p| p.width).collect();
        assert_eq!(widths, [2, 1001, 2]);
        let pieces: String = shape.chunks.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(pieces, text);
    }
}
