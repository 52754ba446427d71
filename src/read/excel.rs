//! xlsx, xlsm, xlsb, xls and ods through calamine.
//!
//! xlsx and xlsm are read with calamine's streaming cell reader: each row goes on as soon as its
//! last cell is read, so a million-row sheet is never held. The other formats have no streaming
//! reader and go through `worksheet_range` (a whole sheet in memory; they are limited to 65,536
//! rows (xls) or rarely large (ods)).

use super::sniff::Kind;
use super::{Cell, Library, RawRow, ReadError, Rows, SheetProblem, Span};
use calamine::{
    open_workbook, Data, DataRef, Dimensions, ExcelDateTime, Ods, Reader, Sheet, SheetType, Sheets, Xls, Xlsb, Xlsx,
};
use chrono::Datelike;
use std::io::{Read, Seek};
use std::path::Path;

/// Reads a workbook of the kind its content says it is, whatever its name.
pub fn read(path: &Path, kind: Kind, only: &[String], sink: &mut dyn Rows) -> Result<(), ReadError> {
    let failed = |e: Library| ReadError::Workbook { path: path.to_path_buf(), source: e };
    let workbook = match kind {
        Kind::Xlsx => {
            let workbook = open_workbook::<Xlsx<_>, _>(path).map_err(|e| failed(e.into()))?;
            return read_streaming(path, workbook, only, sink);
        }
        Kind::Cfb => {
            if let Some(chain) = looping_chain(path) {
                return Err(ReadError::Structure {
                    path: path.to_path_buf(),
                    why: format!(
                        "旧版 xls 文件的内部结构损坏（{chain}的扇区链首尾相接，读不到尽头）；请向报送单位重新索取文件"
                    ),
                });
            }
            Sheets::Xls(open_workbook::<Xls<_>, _>(path).map_err(|e| failed(e.into()))?)
        }
        Kind::Xlsb => Sheets::Xlsb(open_workbook::<Xlsb<_>, _>(path).map_err(|e| failed(e.into()))?),
        _ => Sheets::Ods(open_workbook::<Ods<_>, _>(path).map_err(|e| failed(e.into()))?),
    };
    read_ranges(path, workbook, only, sink)
}

/// Sector numbers from this one up mark the end of a chain, a free sector or a FAT sector.
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;

/// The sector chain of an `.xls` (a compound file) that loops, if one calamine follows does: the
/// directory's, the mini stream's, the mini FAT's or the workbook stream's. calamine follows a
/// chain, copying each sector it passes, until it has the stream's declared length — the
/// directory's has none — so round a loop it copied 3.6 GB before the reading child's memory
/// limit stopped it. A chain that passes more sectors than the file has loops; read here from
/// the header, FAT and directory, it is refused before calamine opens the file. Anything else
/// wrong (a sector past the end, a header calamine refuses) is left to calamine to find and say.
fn looping_chain(path: &Path) -> Option<&'static str> {
    let file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    looping_chain_in(&mut std::io::BufReader::new(file), len)
}

fn looping_chain_in(file: &mut (impl Read + Seek), len: u64) -> Option<&'static str> {
    let mut header = [0u8; 512];
    file.read_exact(&mut header).ok()?;
    let size: usize = match u16::from_le_bytes([header[30], header[31]]) {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    // calamine's bound on a sector number; a chain without a loop passes each sector once at most.
    let sectors = usize::try_from(len / size as u64).ok()?;
    let words = |bytes: &[u8]| -> Vec<u32> {
        bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
    };
    let mut sector = |id: u32| -> Option<Vec<u8>> {
        file.seek(std::io::SeekFrom::Start((u64::from(id) + 1) * size as u64)).ok()?;
        let mut bytes = Vec::with_capacity(size);
        file.by_ref().take(size as u64).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    };
    let head = words(&header);
    // The FAT's sectors: 109 listed in the header, the rest in the DIFAT chain, whose sectors
    // each end with the next one's number.
    let mut fat_sectors: Vec<u32> = head[19..].to_vec();
    let mut next = head[17];
    let mut steps = 0;
    while next < RESERVED_SECTORS {
        steps += 1;
        if steps > sectors + 1 {
            return Some("扇区分配表索引");
        }
        let mut listed = words(&sector(next)?);
        next = listed.pop()?;
        fat_sectors.extend(listed);
    }
    // Entries for sectors past the file's end are never followed: the FAT is read only that far.
    let mut fat: Vec<u32> = Vec::new();
    for &id in fat_sectors.iter().filter(|&&id| id < RESERVED_SECTORS) {
        if fat.len() > sectors {
            break;
        }
        fat.extend(words(&sector(id)?));
    }
    // The sectors of the chain from `start`; `None` when it passes more than the file has. A
    // chain that runs off the FAT or the file ends there: calamine says what is wrong with it.
    let chain = |start: u32| -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        let mut id = start;
        while id < RESERVED_SECTORS && id as usize <= sectors {
            if ids.len() > sectors {
                return None;
            }
            ids.push(id);
            match fat.get(id as usize) {
                Some(&following) => id = following,
                None => break,
            }
        }
        Some(ids)
    };
    let Some(directory) = chain(head[12]) else { return Some("目录") };
    // Each 128-byte directory entry: its name (UTF-16, cut at the first zero), first sector, size.
    let mut entries: Vec<(String, u32, u64)> = Vec::new();
    for id in directory {
        for entry in sector(id)?.chunks_exact(128) {
            let name: Vec<u16> =
                entry[..64].chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).take_while(|&u| u != 0).collect();
            let entry = words(entry);
            let declared = match size {
                512 => u64::from(entry[30]),
                _ => u64::from(entry[30]) | u64::from(entry[31]) << 32,
            };
            entries.push((String::from_utf16_lossy(&name), entry[29], declared));
        }
    }
    // The mini stream (the root entry's chain) and the mini FAT, read whenever there is a mini FAT.
    if head[16] > 0 {
        if entries.first().is_some_and(|&(_, start, _)| chain(start).is_none()) {
            return Some("小数据流");
        }
        if chain(head[15]).is_none() {
            return Some("小扇区表");
        }
    }
    // The workbook stream (`Book` in Excel 5 files), when it is large enough to be in the FAT.
    let workbook = |name: &str| name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book");
    if entries.iter().any(|(name, start, declared)| workbook(name) && *declared >= 4096 && chain(*start).is_none()) {
        return Some("工作簿数据流");
    }
    None
}

/// Checks that every sheet named with `--sheet` exists, and returns the ones to read, in order,
/// each with what it is when it is not a worksheet (a chart sheet holds no roster).
fn select(path: &Path, sheets: &[Sheet], only: &[String]) -> Result<Vec<(String, Option<&'static str>)>, ReadError> {
    for wanted in only {
        if !sheets.iter().any(|s| &s.name == wanted) {
            return Err(ReadError::NoSuchSheet {
                path: path.to_path_buf(),
                sheet: wanted.clone(),
                available: sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("、"),
            });
        }
    }
    let kind = |t: &SheetType| match t {
        SheetType::WorkSheet => None,
        SheetType::ChartSheet => Some("图表工作表"),
        SheetType::DialogSheet => Some("对话框工作表"),
        SheetType::MacroSheet => Some("宏工作表"),
        SheetType::Vba => Some("VBA 模块"),
    };
    Ok(sheets
        .iter()
        .filter(|s| only.is_empty() || only.contains(&s.name))
        .map(|s| (s.name.clone(), kind(&s.typ)))
        .collect())
}

/// A chart sheet (or another that is no worksheet) is said to be skipped and ended at once.
fn skipped(kind: Option<&str>, sink: &mut dyn Rows) -> bool {
    let Some(kind) = kind else { return false };
    sink.problem(SheetProblem::NotWorksheet(kind.to_string()));
    sink.end(Vec::new());
    true
}

fn read_streaming(
    path: &Path,
    mut workbook: Xlsx<std::io::BufReader<std::fs::File>>,
    only: &[String],
    sink: &mut dyn Rows,
) -> Result<(), ReadError> {
    let sheets = workbook.sheets_metadata().to_vec();
    for (name, kind) in select(path, &sheets, only)? {
        sink.sheet(&name);
        if skipped(kind, sink) {
            continue;
        }
        // The merged ranges sit after the cell data in the sheet's XML, so finding them is a
        // second pass over it: done on the other core, from a second handle, while this one reads.
        let merged = std::thread::scope(|scope| {
            let merged = scope.spawn(|| {
                let mut second = open_workbook::<Xlsx<_>, _>(path).ok()?;
                second.merge_cells_by_sheet_name(&name).ok()
            });
            let mut counted = Counted { sink: &mut *sink, last: 0 };
            let streamed = guarded(|| stream_rows(&mut workbook, &name, &mut counted, 0));
            let last = counted.last;
            let merged: Vec<Span> = merged.join().ok().flatten().unwrap_or_default().iter().map(span).collect();
            if let Err(problem) = streamed {
                let problem = mend_and_go_on(path, &name, sink, last, problem);
                sink.problem(problem);
            }
            merged
        });
        sink.end(merged);
    }
    Ok(())
}

/// Runs a read of calamine's, a panic inside it being this sheet's problem.
fn guarded(read: impl FnOnce() -> Result<(), SheetProblem>) -> Result<(), SheetProblem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(SheetProblem::Unreadable("读取库内部出错".into())))
}

/// A sheet stopped at a cell calamine cannot read: mended ([`super::repair`]) and read on from the row
/// after the last one handed over. What is said is which cells were mended, or, when the sheet
/// cannot be mended, where it stopped.
fn mend_and_go_on(path: &Path, name: &str, sink: &mut dyn Rows, last: u32, stopped: SheetProblem) -> SheetProblem {
    let Some(mended) = super::repair::mend(path, name) else { return stopped };
    let Ok(mut workbook) = Xlsx::new(mended.workbook) else { return stopped };
    let mut counted = Counted { sink, last };
    match guarded(|| stream_rows(&mut workbook, name, &mut counted, last + 1)) {
        Ok(()) => SheetProblem::PartlyRead(format!(
            "{}个单元格无法按原样读取：{}；其余单元格照常读取",
            mended.cells.len(),
            mended.cells.join("，")
        )),
        Err(_) => stopped,
    }
}

/// Hands rows on, noting the last row number handed over.
struct Counted<'a> {
    sink: &'a mut dyn Rows,
    last: u32,
}

impl Rows for Counted<'_> {
    fn sheet(&mut self, name: &str) {
        self.sink.sheet(name);
    }
    fn row(&mut self, row: RawRow) {
        self.last = row.number;
        self.sink.row(row);
    }
    fn problem(&mut self, problem: SheetProblem) {
        self.sink.problem(problem);
    }
    fn end(&mut self, merged: Vec<Span>) {
        self.sink.end(merged);
    }
}

/// Excel's limits: a cell reference past them (`ZZZZZZZZZZ2`) is not a cell of any sheet.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// A sheet's rows from row `from` on, through calamine's streaming cell reader, with the row
/// numbers Excel shows, each handed on when the next one starts. A cell the reader cannot read
/// ends the sheet there: the rows before that cell's row stand, and the problem says where.
fn stream_rows<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
    sink: &mut dyn Rows,
    from: u32,
) -> Result<(), SheetProblem> {
    let mut reader =
        workbook.worksheet_cells_reader(name).map_err(|e| SheetProblem::Unreadable(Library::from(e).to_string()))?;
    let mut row: Option<RawRow> = None;
    let mut handed = 0u32;
    let mut outside = 0usize;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                // The row being read is left out whole: it is read again, mended, from its start.
                let said = Library::from(e).to_string();
                return Err(match handed {
                    0 => SheetProblem::Unreadable(said),
                    n => {
                        SheetProblem::PartlyRead(format!("读到第{n}行后，下一个单元格无法读取（{said}），其后的行未读"))
                    }
                });
            }
        };
        let (r, c) = cell.get_position();
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            outside += 1;
            continue;
        }
        if r + 1 < from {
            continue;
        }
        let value = cell_ref(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        let current = match row.take() {
            Some(current) if current.number == r + 1 => current,
            done => {
                if let Some(done) = done {
                    handed = done.number;
                    sink.row(done);
                }
                RawRow { number: r + 1, cells: Vec::new() }
            }
        };
        let current = row.insert(current);
        let c = c as usize;
        if current.cells.len() <= c {
            current.cells.resize(c + 1, Cell::Empty);
        }
        current.cells[c] = value;
    }
    if let Some(last) = row {
        sink.row(last);
    }
    if outside > 0 {
        return Err(SheetProblem::PartlyRead(format!(
            "{outside}个单元格的位置超出 Excel 的范围（{MAX_ROWS}行、{MAX_COLUMNS}列），已忽略"
        )));
    }
    Ok(())
}

fn read_ranges(
    path: &Path,
    mut workbook: Sheets<std::io::BufReader<std::fs::File>>,
    only: &[String],
    sink: &mut dyn Rows,
) -> Result<(), ReadError> {
    let sheets = workbook.sheets_metadata().to_vec();
    for (name, kind) in select(path, &sheets, only)? {
        sink.sheet(&name);
        if skipped(kind, sink) {
            continue;
        }
        let range = match workbook.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => {
                sink.problem(SheetProblem::Unreadable(Library::from(e).to_string()));
                sink.end(Vec::new());
                continue;
            }
        };
        let first_row = range.start().map_or(0, |(r, _)| r);
        let first_col = range.start().map_or(0, |(_, c)| c) as usize;
        // calamine reads the merged ranges of xls only; in ods a merge's other cells are empty.
        let merged: Vec<Span> = match &workbook {
            Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&name).ok().map(|m| m.iter().map(span).collect()),
            _ => None,
        }
        .unwrap_or_default();
        sink.merges_ahead(&merged);
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; first_col];
            cells.extend(row.iter().map(cell));
            sink.row(RawRow { number: first_row + i as u32 + 1, cells });
        }
        sink.end(merged);
    }
    Ok(())
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.as_str().into()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.as_str().into()),
        Data::Error(e) => Cell::Error(e.to_string().into()),
    }
}

fn cell_ref(d: &DataRef) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.as_str().into()),
        DataRef::SharedString(s) => Cell::Text((*s).into()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => excel_date(dt),
        DataRef::Error(e) => Cell::Error(e.to_string().into()),
    }
}

/// A date-formatted cell: a date when its serial is one Excel shows as a date (1900-01-01 to
/// 9999-12-31), otherwise the number it holds — a date column then reports it as a data issue.
/// A serial far outside (`-1e308`) would make the conversion panic, and one just outside (`-1`,
/// `0`) would come out as 1899-12-30: neither is a date.
fn excel_date(dt: &ExcelDateTime) -> Cell {
    let serial = dt.as_f64();
    if !(serial.is_finite() && (0.0..2_958_466.0).contains(&serial)) {
        return Cell::Number(serial);
    }
    match dt.as_datetime() {
        Some(t) if dt.is_datetime() && (1900..=9999).contains(&t.year()) => Cell::Date(t.date()),
        _ => Cell::Number(serial),
    }
}

/// A calamine range as 1-based rows and 0-based columns.
fn span(d: &Dimensions) -> Span {
    ((d.start.0 + 1, d.start.1), (d.end.0 + 1, d.end.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    /// An xls as xlwt writes it: sectors 0–7 the workbook stream, 8 the FAT, 9 the directory.
    fn xls() -> Vec<u8> {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/xls_named.xlsx")).unwrap()
    }

    /// `FAT[sector] = to`, in the one FAT sector (sector 8).
    fn patch_fat(bytes: &mut [u8], sector: usize, to: u32) {
        let at = 512 * 9 + 4 * sector;
        bytes[at..at + 4].copy_from_slice(&to.to_le_bytes());
    }

    fn looping(bytes: &[u8]) -> Option<&'static str> {
        looping_chain_in(&mut std::io::Cursor::new(bytes), bytes.len() as u64)
    }

    #[test]
    fn a_sector_chain_that_loops_is_named() {
        let sound = xls();
        assert_eq!(looping(&sound), None);
        let mut stream = sound.clone();
        patch_fat(&mut stream, 1, 0);
        assert_eq!(looping(&stream), Some("工作簿数据流"));
        let mut directory = sound.clone();
        patch_fat(&mut directory, 9, 9);
        assert_eq!(looping(&directory), Some("目录"));
        // Broken in other ways, the file is calamine's to judge: a chain running off the file, a cut header.
        let mut off_the_end = sound.clone();
        patch_fat(&mut off_the_end, 1, 4000);
        assert_eq!(looping(&off_the_end), None);
        assert_eq!(looping(&sound[..300]), None);
        assert_eq!(
            looping(
                &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/looping_fat_chain.xls"))
                    .unwrap()
            ),
            Some("工作簿数据流")
        );
    }

    #[test]
    fn serials_outside_excels_dates_are_numbers_never_dates_or_panics() {
        let date = |v: f64, is_1904: bool| excel_date(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904));
        let day = |y, m, d| Cell::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(date(43464.0, false), day(2018, 12, 30));
        assert_eq!(date(43464.0, true), day(2022, 12, 31));
        assert_eq!(date(1.0, false), day(1900, 1, 1));
        assert_eq!(date(2_958_465.0, false), day(9999, 12, 31));
        for bad in [-1e308, -700_000.0, -1.0, 0.0, 0.5, 2_958_466.0, 1e308, f64::NAN, f64::INFINITY, f64::NEG_INFINITY]
        {
            assert!(matches!(date(bad, false), Cell::Number(_)), "{bad}");
            assert!(matches!(date(bad, true), Cell::Number(_) | Cell::Date(_)), "{bad}");
        }
    }
}
