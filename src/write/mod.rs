//! Writing the results: the JSONL for machines and the annotated workbook for people, both fed the
//! screened rows batch by batch. Every output is written to a temporary file beside its target and
//! renamed into place only when complete ([`Staged`]), so an existing output is never left
//! half-written and an input is never touched.

pub mod jsonl;
pub mod template;
pub mod text;
pub mod workbook;

use std::path::{Path, PathBuf};

/// Why an output could not be written. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}：输出文件不能与输入文件相同")]
    OutputIsInput { path: PathBuf },
    #[error("{path}：所在文件夹不存在")]
    NoFolder { path: PathBuf },
    #[error("{path}：是一个文件夹，请给出输出文件的名字")]
    IsFolder { path: PathBuf },
    #[error("{path}：无法写入（{}）", crate::os_error::reason(source))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}：无法生成工作簿（{detail}）")]
    Workbook { path: PathBuf, detail: String },
}

impl WriteError {
    /// A workbook rust_xlsxwriter could not write. What the file system refused (a full disk, no
    /// permission, the temporary files) is said in words a person can act on; anything else is a
    /// fault of this program, shown as the library says it, to be reported.
    pub fn workbook(path: &Path, e: &rust_xlsxwriter::XlsxError) -> WriteError {
        use rust_xlsxwriter::XlsxError;
        let detail = match e {
            XlsxError::IoError(io) | XlsxError::ZipError(zip::result::ZipError::Io(io)) => crate::os_error::reason(io),
            XlsxError::TempFileError(dir, io) => {
                format!("无法在 {} 中写临时文件：{}", dir.display(), crate::os_error::reason(io))
            }
            other => format!("程序内部错误，请报告（rust_xlsxwriter：{other}）"),
        };
        WriteError::Workbook { path: path.to_path_buf(), detail }
    }

    /// The output this error is about.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::OutputIsInput { path }
            | WriteError::NoFolder { path }
            | WriteError::IsFolder { path }
            | WriteError::Io { path, .. }
            | WriteError::Workbook { path, .. } => path,
        }
    }
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

/// Refuses, before any input is read, an output that could not be written at the end: its folder
/// missing or not writable (the temporary files go there too), or the file itself read-only or
/// held open by another program.
pub fn check_folder(output: &Path) -> Result<(), WriteError> {
    let dir = output.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(WriteError::NoFolder { path: output.to_path_buf() });
    }
    if output.is_dir() {
        return Err(WriteError::IsFolder { path: output.to_path_buf() });
    }
    let fail = |source| WriteError::Io { path: output.to_path_buf(), source };
    tempfile::Builder::new().prefix(".guantong-check").tempfile_in(dir).map_err(fail)?;
    if output.is_file() {
        std::fs::OpenOptions::new().append(true).open(output).map_err(fail)?;
    }
    Ok(())
}

/// An output being written: a temporary file in the target's folder, renamed into place by
/// [`Staged::commit`] only when complete, and removed if dropped before — so an existing output is
/// never left half-written, whatever stops the run.
#[derive(Debug)]
pub struct Staged {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staged {
    pub fn new(target: &Path) -> Staged {
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = target.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp{ext}", std::process::id()));
        Staged { target: target.to_path_buf(), tmp, committed: false }
    }

    /// Where to write.
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// The output it becomes.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The error of writing this output.
    pub fn io_error(&self, source: std::io::Error) -> WriteError {
        WriteError::Io { path: self.target.clone(), source }
    }

    /// Moves the finished file into place.
    pub fn commit(mut self) -> Result<(), WriteError> {
        std::fs::rename(&self.tmp, &self.target).map_err(|e| self.io_error(e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
