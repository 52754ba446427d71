//! Writing the results: the JSONL for machines and the annotated workbook for people. Every output
//! is written to a temporary file beside its target and renamed into place only when complete, so
//! an existing output is never left half-written and an input is never touched.

pub mod jsonl;
pub mod text;
pub mod workbook;

use std::path::{Path, PathBuf};

/// Why an output could not be written. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}：输出文件不能与输入文件相同")]
    OutputIsInput { path: PathBuf },
    #[error("{path}：无法写入（{source}）")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("写出JSONL的线程意外终止")]
    Panicked,
    #[error("{path}：无法生成工作簿（{detail}）")]
    Workbook { path: PathBuf, detail: String },
}

/// Refuses an output path that is one of the inputs.
pub fn check_not_input(output: &Path, inputs: &[PathBuf]) -> Result<(), WriteError> {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let out = canon(output);
    let same = inputs.iter().any(|i| i == output || (out.is_some() && canon(i) == out));
    if same {
        return Err(WriteError::OutputIsInput { path: output.to_path_buf() });
    }
    Ok(())
}

/// Writes `path` through a temporary file in the same folder, renamed into place on success.
pub fn atomically<E>(path: &Path, write: impl FnOnce(&Path) -> Result<(), E>) -> Result<(), E>
where
    E: From<WriteError>,
{
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp{ext}", std::process::id()));
    let io = |source| WriteError::Io { path: path.to_path_buf(), source };
    match write(&tmp) {
        Ok(()) => std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            E::from(io(e))
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
