//! The rows read, kept on disk between reading and screening.
//!
//! A duplicate 身份证号 must be named on every row that carries it, including rows read long before
//! its twin, so no output can be written until every input has been read. Holding a million rows'
//! results in memory until then took 3 GiB; instead each data row is appended here as it is read
//! and read back once, a batch at a time, while the outputs are written. Rows are stored with
//! postcard (varints, no field names): a generated roster row takes about 250 bytes. The file is
//! a named temporary file (so it can be reopened for reading with its own position) and is removed
//! when the [`Spill`] is dropped.

use crate::read::RawRow;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use tempfile::NamedTempFile;

/// Rows per batch: written as one frame, read back and screened together.
pub const BATCH: usize = 4096;

/// A data row and the sheet it came from (its index among the run's sources).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spilled {
    pub source: u32,
    pub row: RawRow,
}

/// Appends rows, a frame per [`BATCH`]: the frame's length (u32, little-endian), then the batch.
pub struct Writer {
    file: BufWriter<NamedTempFile>,
    batch: Vec<Spilled>,
    bytes: Vec<u8>,
    /// Bytes in complete frames.
    offset: u64,
    rows: usize,
}

/// A point to go back to: everything appended after it can be dropped.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    offset: u64,
    rows: usize,
}

fn postcard_error(e: postcard::Error) -> io::Error {
    io::Error::other(e)
}

impl Writer {
    /// A new spill file in `dir` (the system's temporary folder when `None`).
    pub fn new(dir: Option<&Path>) -> io::Result<Writer> {
        // Named so that one left behind by a killed run says what it is.
        let mut name = tempfile::Builder::new();
        name.prefix(".guantong-rows-").suffix(".tmp");
        let file = match dir {
            Some(dir) => name.tempfile_in(dir)?,
            None => name.tempfile()?,
        };
        Ok(Writer {
            file: BufWriter::new(file),
            batch: Vec::with_capacity(BATCH),
            bytes: Vec::new(),
            offset: 0,
            rows: 0,
        })
    }

    pub fn push(&mut self, source: u32, row: RawRow) -> io::Result<()> {
        self.batch.push(Spilled { source, row });
        self.rows += 1;
        if self.batch.len() == BATCH {
            self.write_batch()?;
        }
        Ok(())
    }

    /// Rows appended so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    fn write_batch(&mut self) -> io::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        self.offset += write_frame(&mut self.file, &self.batch, &mut self.bytes)?;
        self.batch.clear();
        Ok(())
    }

    /// Where the spill stands now (the pending batch is written first).
    pub fn mark(&mut self) -> io::Result<Mark> {
        self.write_batch()?;
        Ok(Mark { offset: self.offset, rows: self.rows })
    }

    /// Drops everything appended after `mark`.
    pub fn rewind(&mut self, mark: Mark) -> io::Result<()> {
        self.batch.clear();
        self.file.flush()?;
        let file = self.file.get_mut().as_file_mut();
        file.set_len(mark.offset)?;
        file.seek(SeekFrom::Start(mark.offset))?;
        self.offset = mark.offset;
        self.rows = mark.rows;
        Ok(())
    }

    /// Writes what is pending; the rows can now be read back.
    pub fn finish(mut self) -> io::Result<Spill> {
        self.write_batch()?;
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        Ok(Spill { file, rows: self.rows })
    }
}

/// The rows of a whole run, on disk.
pub struct Spill {
    file: NamedTempFile,
    rows: usize,
}

impl std::fmt::Debug for Spill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Spill({} rows)", self.rows)
    }
}

impl Spill {
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The rows in the order they were appended, a batch at a time, through a handle of their own.
    pub fn batches(&self) -> io::Result<Batches> {
        Ok(Frames::new(self.file.reopen()?))
    }
}

/// Appends `value` to `out` as one frame — its length (u32, little-endian), then its postcard
/// bytes — encoded in `bytes` (kept between calls, so a frame costs no allocation); returns the
/// frame's length. The spill and the buckets of [`super::split`] are both files of frames.
pub fn write_frame<T: Serialize>(out: &mut impl Write, value: &T, bytes: &mut Vec<u8>) -> io::Result<u64> {
    bytes.clear();
    bytes.extend_from_slice(&[0; 4]);
    let mut framed = postcard::to_extend(value, std::mem::take(bytes)).map_err(postcard_error)?;
    let len = u32::try_from(framed.len() - 4).map_err(io::Error::other)?;
    framed[..4].copy_from_slice(&len.to_le_bytes());
    out.write_all(&framed)?;
    let written = framed.len() as u64;
    *bytes = framed;
    Ok(written)
}

/// The spill's frames: a batch of rows each.
pub type Batches = Frames<Vec<Spilled>>;

/// Reads a file of frames ([`write_frame`]) back, in order.
pub struct Frames<T> {
    reader: BufReader<File>,
    bytes: Vec<u8>,
    of: std::marker::PhantomData<T>,
}

impl<T> Frames<T> {
    pub fn new(file: File) -> Frames<T> {
        Frames { reader: BufReader::new(file), bytes: Vec::new(), of: std::marker::PhantomData }
    }
}

impl<T: serde::de::DeserializeOwned> Iterator for Frames<T> {
    type Item = io::Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut len = [0u8; 4];
        match self.reader.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return None,
            Err(e) => return Some(Err(e)),
        }
        self.bytes.resize(u32::from_le_bytes(len) as usize, 0);
        if let Err(e) = self.reader.read_exact(&mut self.bytes) {
            return Some(Err(e));
        }
        Some(postcard::from_bytes(&self.bytes).map_err(postcard_error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Cell;
    use chrono::NaiveDate;

    fn row(number: u32) -> RawRow {
        let long = "鞍山钢铁集团有限公司第二炼钢厂设备维修作业区".repeat(usize::from(number % 3 == 0));
        RawRow {
            number,
            cells: vec![
                Cell::Text(format!("张{number}").into()),
                Cell::Empty,
                Cell::Number(f64::from(number) + 0.5),
                Cell::Date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default()),
                Cell::Bool(number % 2 == 0),
                Cell::Error("#N/A".into()),
                Cell::Text(long.into()),
            ],
        }
    }

    #[test]
    fn rows_come_back_in_order_across_frames_and_a_rewind_drops_a_tail() {
        let mut w = Writer::new(None).unwrap();
        let n = BATCH as u32 + 10;
        for i in 0..n {
            w.push(i % 3, row(i)).unwrap();
        }
        let mark = w.mark().unwrap();
        for i in 0..BATCH as u32 * 2 {
            w.push(7, row(i)).unwrap();
        }
        w.rewind(mark).unwrap();
        w.push(1, row(99_999)).unwrap();
        let spill = w.finish().unwrap();
        assert_eq!(spill.rows(), n as usize + 1);
        let back: Vec<Spilled> = spill.batches().unwrap().flat_map(Result::unwrap).collect();
        let mut expected: Vec<Spilled> = (0..n).map(|i| Spilled { source: i % 3, row: row(i) }).collect();
        expected.push(Spilled { source: 1, row: row(99_999) });
        assert_eq!(back, expected);
        // A second reader starts from the beginning again.
        assert_eq!(spill.batches().unwrap().flat_map(Result::unwrap).count(), n as usize + 1);
    }
}
