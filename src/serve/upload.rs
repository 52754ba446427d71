//! Files sent by the page: where each one is written inside a task's folder, and how much one task
//! may receive.
//!
//! A name from the browser is never opened as a path. It is cut at `/` and `\`, and each part
//! becomes a file or folder name of its own inside the task's input folder: `.` and `..` and empty
//! parts are dropped, control characters and the characters Windows refuses are replaced, names
//! Windows reserves for devices (`CON`, `COM1`, …) are prefixed, and every part is kept short. The
//! folders of a folder upload keep their (cleaned) names, so that the results name the files as
//! the clerk knows them.

use super::ServeError;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One file's largest size: a roster of a million rows is about 90 MB as xlsx and 200 MB as csv.
pub const MAX_FILE: u64 = 200 << 20;
/// The most files one task takes: a folder of every employer's submissions.
pub const MAX_FILES: usize = 2_000;
/// The most bytes one task takes, all files together.
pub const MAX_TOTAL: u64 = 2 << 30;
/// How many folders deep a file may sit; deeper parts are joined into the last one's name.
const MAX_DEPTH: usize = 8;
/// The longest name of one part, in characters (Windows allows 255 UTF-16 units).
const MAX_PART: usize = 100;

/// What one task has received so far, for the limits.
#[derive(Debug, Default)]
pub struct Received {
    pub files: usize,
    pub bytes: u64,
}

impl Received {
    /// Reserves room for a file of `declared` bytes (its `Content-Length`, when the browser gives
    /// one): refused before a byte is read when it is over a limit.
    pub fn reserve(&mut self, declared: u64) -> Result<(), ServeError> {
        if self.files >= MAX_FILES {
            return Err(ServeError::TooLarge(format!(
                "一次最多上传 {MAX_FILES} 个文件；请分批处理，或只选名册所在的文件夹"
            )));
        }
        if declared > MAX_FILE {
            return Err(too_big_file());
        }
        if self.bytes + declared > MAX_TOTAL {
            return Err(too_much());
        }
        self.files += 1;
        self.bytes += declared;
        Ok(())
    }

    /// Gives back a reservation that was not used (the upload failed), or corrects it to the
    /// bytes actually received.
    pub fn settle(&mut self, declared: u64, received: Option<u64>) {
        self.bytes = self.bytes.saturating_sub(declared);
        match received {
            Some(n) => self.bytes += n,
            None => self.files = self.files.saturating_sub(1),
        }
    }

    /// How many more bytes the task's total allows.
    pub fn room(&self) -> u64 {
        MAX_TOTAL.saturating_sub(self.bytes)
    }
}

fn too_big_file() -> ServeError {
    ServeError::TooLarge(format!("文件超过 {} MB，不能上传；请把名册另存为 xlsx 或拆成几个文件", MAX_FILE >> 20))
}

fn too_much() -> ServeError {
    ServeError::TooLarge(format!("一次上传的文件合计超过 {} GB；请分批处理", MAX_TOTAL >> 30))
}

/// The path, relative to the task's input folder, that a name from the browser becomes. Never
/// empty, never absolute, never with a `..`.
pub fn relative(name: &str) -> PathBuf {
    let mut parts: Vec<String> = name.split(['/', '\\']).filter_map(part).collect();
    if parts.len() > MAX_DEPTH {
        let tail = parts.split_off(MAX_DEPTH - 1).join("_");
        parts.push(shorten(&tail));
    }
    if parts.is_empty() {
        parts.push("文件".to_string());
    }
    parts.iter().collect()
}

/// One part of a name as a file or folder name that means the same on Windows and Linux, or
/// `None` when nothing is left of it.
fn part(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c })
        .collect();
    // Windows drops trailing dots and spaces: "a.xlsx." and "a.xlsx" would be one file there.
    let cleaned = cleaned.trim().trim_end_matches(['.', ' ']);
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        return None;
    }
    let cleaned = shorten(cleaned);
    Some(if reserved(&cleaned) { format!("_{cleaned}") } else { cleaned })
}

/// A name cut to [`MAX_PART`] characters, keeping its extension (the reader goes by it).
fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_PART {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.chars().count() <= 10 => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    let keep = MAX_PART - ext.chars().count();
    format!("{}{ext}", stem.chars().take(keep).collect::<String>())
}

/// Device names Windows reserves in every folder, with any extension (`con.xlsx` too).
fn reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

/// Creates the file that a name from the browser becomes under `folder` ([`relative`]),
/// numbered `(2)`, `(3)`, … when a file of that name was already sent (one file chosen twice).
/// Called with the task locked, so that two uploads of one name never pick the same file.
pub fn create(folder: &Path, name: &str) -> Result<(PathBuf, File), ServeError> {
    let wanted = folder.join(relative(name));
    if let Some(parent) = wanted.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            ServeError::BadRequest(format!("无法建立文件夹（与已上传的文件同名？）：{}", crate::os_error::reason(&e)))
        })?;
    }
    let stem = wanted.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = wanted.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let mut n = 1u32;
    loop {
        let path = if n == 1 { wanted.clone() } else { wanted.with_file_name(format!("{stem}({n}){ext}")) };
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n <= MAX_FILES as u32 => n += 1,
            Err(source) => return Err(ServeError::Io { what: "无法保存上传的文件".into(), source }),
        }
    }
}

/// Writes a request body into `file` (at `path`), at most `limit` bytes: more is refused and the
/// file removed, as it is when the body breaks off. Returns the bytes written.
pub fn fill(body: &mut dyn Read, mut file: File, path: &Path, limit: u64) -> Result<u64, ServeError> {
    let copied = std::io::copy(&mut body.take(limit + 1), &mut file);
    let result = match copied {
        Ok(n) if n > limit => Err(if limit >= MAX_FILE { too_big_file() } else { too_much() }),
        Ok(n) => Ok(n),
        // The browser went away mid-file (tab closed): nothing of it is kept.
        Err(e) => Err(ServeError::BadRequest(format!("上传中断：{}", crate::os_error::reason(&e)))),
    };
    drop(file);
    if result.is_err() {
        let _ = std::fs::remove_file(path);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_from_the_browser_stays_inside_the_folder() {
        for (name, want) in [
            ("花名册.xlsx", "花名册.xlsx"),
            ("各单位/鞍钢/名册.xls", "各单位/鞍钢/名册.xls"),
            ("../../etc/passwd", "etc/passwd"),
            ("..\\..\\Windows\\win.ini", "Windows/win.ini"),
            ("/abs/名册.csv", "abs/名册.csv"),
            ("C:\\Users\\x\\名册.csv", "C_/Users/x/名册.csv"),
            ("a/./b/../c.xlsx", "a/b/c.xlsx"),
            ("..", "文件"),
            ("", "文件"),
            ("名\u{0}册\n.xlsx", "名_册_.xlsx"),
            ("CON", "_CON"),
            ("com1.xlsx", "_com1.xlsx"),
            ("COM0.xlsx", "COM0.xlsx"),
            ("末尾点.xlsx. ", "末尾点.xlsx"),
            ("a?b*c:d|e\"f<g>.csv", "a_b_c_d_e_f_g_.csv"),
        ] {
            assert_eq!(relative(name), PathBuf::from(want), "{name:?}");
        }
    }

    #[test]
    fn a_long_or_deep_name_is_cut_keeping_its_extension() {
        let long = format!("{}.xlsx", "鞍".repeat(300));
        let p = relative(&long);
        let s = p.to_str().unwrap();
        assert_eq!(s.chars().count(), MAX_PART);
        assert!(s.ends_with(".xlsx"));
        let deep = (0..20).map(|i| i.to_string()).collect::<Vec<_>>().join("/") + "/名册.csv";
        let p = relative(&deep);
        assert_eq!(p.components().count(), MAX_DEPTH);
        assert!(p.to_str().unwrap().ends_with("名册.csv"));
    }

    #[test]
    fn the_same_name_twice_is_numbered() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _) = create(dir.path(), "a/名册.xlsx").unwrap();
        assert_eq!(first, dir.path().join("a/名册.xlsx"));
        assert_eq!(create(dir.path(), "a/名册.xlsx").unwrap().0, dir.path().join("a/名册(2).xlsx"));
        assert_eq!(create(dir.path(), "./a/名册.xlsx").unwrap().0, dir.path().join("a/名册(3).xlsx"));
    }

    #[test]
    fn a_body_over_the_limit_is_refused_and_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (path, file) = create(dir.path(), "big.csv").unwrap();
        let err = fill(&mut &[0u8; 11][..], file, &path, 10).unwrap_err();
        assert!(matches!(err, ServeError::TooLarge(_)), "{err}");
        assert!(!path.exists());
        let (path, file) = create(dir.path(), "big.csv").unwrap();
        assert_eq!(fill(&mut &[0u8; 10][..], file, &path, 10).unwrap(), 10);
    }

    #[test]
    fn limits_count_files_and_bytes() {
        let mut r = Received::default();
        assert!(matches!(r.reserve(MAX_FILE + 1), Err(ServeError::TooLarge(_))));
        r.reserve(MAX_FILE).unwrap();
        r.settle(MAX_FILE, Some(5));
        assert_eq!((r.files, r.bytes), (1, 5));
        r.reserve(0).unwrap();
        r.settle(0, None);
        assert_eq!(r.files, 1);
        r.files = MAX_FILES;
        assert!(matches!(r.reserve(1), Err(ServeError::TooLarge(_))));
    }
}
