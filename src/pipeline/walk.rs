//! The folder walk: which files among the inputs are read, and why each other one is set aside.

use super::RunError;
use crate::read;
use std::path::{Path, PathBuf};

/// One file found among the inputs, or set aside with why.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// Why it is not read (a hidden file, a lock file, a link to a file already read …).
    pub skip: Option<String>,
}

/// Expands folders into files, recursively, in name order. Only regular files are read: a named
/// pipe, socket or device would block or never end. A link is followed once per real path, so a
/// link back up the tree (a loop) or to `.` reads nothing twice. Hidden files, Office lock files
/// (`~$…`), files of other types, guantong's own output workbooks and the run's own outputs are
/// set aside — each with why, so every file is accounted for.
pub fn expand_inputs(inputs: &[PathBuf], outputs: &[PathBuf]) -> Result<Vec<Found>, RunError> {
    let mut walk = Walk { seen: Vec::new(), out: Vec::new(), outputs };
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let before = walk.out.len();
                walk.dir(input)?;
                if walk.out.len() == before {
                    walk.out.push(Found { path: input.clone(), skip: Some("文件夹中没有任何文件".into()) });
                }
            }
            Ok(meta) if !meta.is_file() => {
                walk.out.push(Found { path: input.clone(), skip: Some(not_regular(&meta).into()) })
            }
            _ => walk.file(input, true),
        }
    }
    Ok(walk.out)
}

struct Walk<'a> {
    /// Real paths of the folders and files taken so far.
    seen: Vec<PathBuf>,
    out: Vec<Found>,
    outputs: &'a [PathBuf],
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path) -> Result<(), RunError> {
        let folder_error = |source| RunError::Folder { path: dir.to_path_buf(), source };
        let real = std::fs::canonicalize(dir).map_err(folder_error)?;
        if self.seen.contains(&real) {
            self.out.push(Found {
                path: dir.to_path_buf(),
                skip: Some("与已读的文件夹是同一个（链接或循环），不再重复读取".into()),
            });
            return Ok(());
        }
        self.seen.push(real);
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).map_err(folder_error)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let skip = |why: &str| Found { path: path.clone(), skip: Some(why.to_string()) };
            let meta = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    self.out.push(skip(&format!("无法访问（{e}），可能是失效的链接")));
                    continue;
                }
            };
            if name.starts_with("~$") {
                self.out.push(skip("Office 锁文件（有人正打开该工作簿时生成），不是名册"));
            } else if name.starts_with('.') {
                self.out.push(skip("隐藏文件"));
            } else if meta.is_dir() {
                self.dir(&path)?;
            } else if !meta.is_file() {
                self.out.push(skip(not_regular(&meta)));
            } else {
                self.file(&path, false);
            }
        }
        Ok(())
    }

    /// A file: taken, or set aside. One named on the command line is read whatever its type.
    fn file(&mut self, path: &Path, named: bool) {
        let skip = |why: String| Found { path: path.to_path_buf(), skip: Some(why) };
        let real = std::fs::canonicalize(path).ok();
        if let Some(real) = &real {
            if self.outputs.iter().any(|o| std::fs::canonicalize(o).ok().as_ref() == Some(real)) {
                self.out.push(skip("是本次运行的输出文件".into()));
                return;
            }
            if self.seen.contains(real) {
                self.out.push(skip("与已读的文件是同一个（链接），不再重复读取".into()));
                return;
            }
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // An HTML or XML file is a roster only when it holds a table (an export "to Excel").
        let markup = || {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
            matches!(ext.as_str(), "htm" | "html" | "xml")
                && matches!(read::sniff::sniff(path), Ok(read::sniff::Kind::Html | read::sniff::Kind::SpreadsheetMl))
        };
        if !named && read::format_of(path).is_none() && !markup() {
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            self.out.push(skip(format!("不支持的文件类型（.{ext}）；如其中有名册，请另存为 xlsx 后再筛选")));
            return;
        }
        if named && name.starts_with("~$") {
            self.out.push(skip(
                "这是 Office 锁文件（有人正打开该工作簿时生成），不是名册；请筛选同一文件夹中不带“~$”的原文件".into(),
            ));
            return;
        }
        if read::sniff::is_own_output(path) {
            self.out.push(skip("是 guantong 生成的筛选结果，不是名册".into()));
            return;
        }
        if let Some(real) = real {
            self.seen.push(real);
        }
        self.out.push(Found { path: path.to_path_buf(), skip: None });
    }
}

/// What a file that is not a regular file is, and why it is not read.
fn not_regular(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "是命名管道，不是普通文件，不读取";
        }
        if t.is_socket() {
            return "是套接字，不是普通文件，不读取";
        }
        if t.is_block_device() || t.is_char_device() {
            return "是设备文件，不是普通文件，不读取";
        }
    }
    let _ = meta;
    "不是普通文件，不读取"
}
