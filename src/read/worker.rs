//! Reading a file in a child process of the same binary, so that one file can never cost the
//! others: a reading library that panics, aborts on an allocation it cannot make (a looping
//! sector chain in an `.xls`), grows without bound or spins takes only its own process down.
//!
//! The parent starts `guantong read-worker FILE [--sheet S]…` under an address-space limit, and
//! the child streams what it reads — sheets, rows, merged ranges — back as length-prefixed
//! postcard frames on its standard output, as the in-process reader would hand them on. The
//! parent hands each frame to its [`Rows`] receiver at once, so a million-row sheet is never held
//! in either process. A child that stops sending for [`STALL`] is killed.

use super::{stream_file, RawRow, ReadError, Rows, SheetProblem, Span};
use serde::{Deserialize, Serialize};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a child may go without sending anything before it is taken to be spinning.
pub const STALL: Duration = Duration::from_secs(60);
/// The address space a child may map: far more than a streamed million-row roster needs (under
/// 100 MiB), far less than the machine has.
pub const MEMORY_LIMIT: u64 = 8 << 30;
/// The subcommand the binary runs as a child.
pub const SUBCOMMAND: &str = "read-worker";

/// What the child sends, in order.
#[derive(Debug, Serialize, Deserialize)]
enum Frame {
    Sheet(String),
    MergesAhead(Vec<Span>),
    Row(RawRow),
    Problem(SheetProblem),
    End(Vec<Span>),
    /// The file was read to its end.
    Done,
    /// The file could not be read: the message names it.
    Failed(String),
}

/// The child's side: reads `path` and writes every frame to `out`. Errors writing `out` mean the
/// parent has gone; there is nobody left to tell.
pub fn serve(path: &Path, only: &[String], out: impl Write) -> std::io::Result<()> {
    let mut sender = Sender { out: BufWriter::with_capacity(1 << 16, out), error: None };
    let result = stream_file(path, only, &mut sender);
    let last = match result {
        Ok(()) => Frame::Done,
        Err(e) => Frame::Failed(e.to_string()),
    };
    sender.send(&last);
    if let Some(e) = sender.error.take() {
        return Err(e);
    }
    sender.out.flush()
}

struct Sender<W: Write> {
    out: BufWriter<W>,
    error: Option<std::io::Error>,
}

impl<W: Write> Sender<W> {
    fn send(&mut self, frame: &Frame) {
        if self.error.is_some() {
            return;
        }
        let sent = postcard::to_stdvec(frame).map_err(std::io::Error::other).and_then(|bytes| {
            self.out.write_all(&(bytes.len() as u32).to_le_bytes())?;
            self.out.write_all(&bytes)
        });
        if let Err(e) = sent {
            self.error = Some(e);
        }
    }
}

impl<W: Write> Rows for Sender<W> {
    fn sheet(&mut self, name: &str) {
        self.send(&Frame::Sheet(name.to_string()));
    }
    fn merges_ahead(&mut self, merged: &[Span]) {
        self.send(&Frame::MergesAhead(merged.to_vec()));
    }
    fn row(&mut self, row: RawRow) {
        self.send(&Frame::Row(row));
    }
    fn problem(&mut self, problem: SheetProblem) {
        self.send(&Frame::Problem(problem));
    }
    fn end(&mut self, merged: Vec<Span>) {
        self.send(&Frame::End(merged));
    }
}

/// The parent's side: reads `path` in a child process started from `exe`, handing what it reads
/// to `sink`. A child that fails in any way is this file's [`ReadError`]; what it had already
/// handed over is the caller's to discard, as with [`stream_file`].
pub fn stream_isolated(exe: &Path, path: &Path, only: &[String], sink: &mut dyn Rows) -> Result<(), ReadError> {
    let died = |detail: String| ReadError::Crashed { path: path.to_path_buf(), detail };
    let mut command = Command::new(exe);
    command.arg(SUBCOMMAND).arg(path);
    for sheet in only {
        command.arg("--sheet").arg(sheet);
    }
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    limit_memory(&mut command);
    let mut child = command.spawn().map_err(|e| died(format!("无法启动读取进程：{e}")))?;
    let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        return Err(died("无法连接读取进程".into()));
    };
    let child = Mutex::new(child);
    let started = Instant::now();
    let last = AtomicU64::new(0);
    let (finished, stalled) = (AtomicBool::new(false), AtomicBool::new(false));
    std::thread::scope(|scope| {
        // Whatever the child says on stderr (a panic's message) is kept, its last lines only.
        let said = scope.spawn(move || {
            let mut text = Vec::new();
            let _ = stderr.read_to_end(&mut text);
            let text = String::from_utf8_lossy(&text).into_owned();
            text.lines().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" ")
        });
        scope.spawn(|| {
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let quiet = started.elapsed().saturating_sub(Duration::from_millis(last.load(Ordering::Relaxed)));
                if quiet > STALL && !finished.load(Ordering::Relaxed) {
                    stalled.store(true, Ordering::Relaxed);
                    if let Ok(mut child) = child.lock() {
                        let _ = child.kill();
                    }
                    return;
                }
            }
        });
        let outcome = receive(stdout, sink, || last.store(started.elapsed().as_millis() as u64, Ordering::Relaxed));
        finished.store(true, Ordering::Relaxed);
        let status = child.lock().map_err(|_| died("读取进程状态不明".into()))?.wait();
        let said = said.join().unwrap_or_default();
        match outcome {
            Received::Done => Ok(()),
            Received::Failed(message) => Err(ReadError::Reported { message }),
            Received::Cut(why) => Err(died(if stalled.load(Ordering::Relaxed) {
                format!("读取超过{}秒没有进展，已中止（文件结构可能有循环）", STALL.as_secs())
            } else {
                describe(status.ok(), &said, why)
            })),
        }
    })
}

/// How the child's stream ended.
enum Received {
    Done,
    Failed(String),
    /// It stopped before saying it was done (what went wrong reading it, if anything).
    Cut(Option<String>),
}

fn receive(stdout: impl Read, sink: &mut dyn Rows, mut tick: impl FnMut()) -> Received {
    let mut input = BufReader::with_capacity(1 << 18, stdout);
    let mut buffer = Vec::new();
    loop {
        let mut length = [0u8; 4];
        if let Err(e) = input.read_exact(&mut length) {
            return Received::Cut((e.kind() != std::io::ErrorKind::UnexpectedEof).then(|| e.to_string()));
        }
        tick();
        buffer.resize(u32::from_le_bytes(length) as usize, 0);
        if let Err(e) = input.read_exact(&mut buffer) {
            return Received::Cut(Some(e.to_string()));
        }
        match postcard::from_bytes::<Frame>(&buffer) {
            Ok(Frame::Sheet(name)) => sink.sheet(&name),
            Ok(Frame::MergesAhead(merged)) => sink.merges_ahead(&merged),
            Ok(Frame::Row(row)) => sink.row(row),
            Ok(Frame::Problem(problem)) => sink.problem(problem),
            Ok(Frame::End(merged)) => sink.end(merged),
            Ok(Frame::Done) => return Received::Done,
            Ok(Frame::Failed(message)) => return Received::Failed(message),
            Err(e) => return Received::Cut(Some(e.to_string())),
        }
    }
}

/// Why a child ended without finishing, in words for the person who gave the file.
fn describe(status: Option<std::process::ExitStatus>, said: &str, why: Option<String>) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.and_then(|s| s.signal()) {
            Some(6) => return "读取库申请的内存超出限制而中止（文件结构可能已损坏）".into(),
            Some(9) => return "读取进程被终止（可能占用内存过多）".into(),
            Some(11) => return "读取库访问越界而中止（文件结构可能已损坏）".into(),
            Some(n) => return format!("读取进程因信号 {n} 中止"),
            None => {}
        }
    }
    let said = said.trim();
    match (status.and_then(|s| s.code()), said.is_empty()) {
        (Some(101), false) => format!("读取库内部出错（{said}）"),
        (_, false) => format!("读取进程异常退出（{said}）"),
        _ => format!("读取进程异常退出（{}）", why.unwrap_or_else(|| "没有说明原因".into())),
    }
}

/// Caps the child's address space, so a library that allocates without bound fails in the child
/// instead of exhausting the machine.
#[cfg(unix)]
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit { rlim_cur: MEMORY_LIMIT as libc::rlim_t, rlim_max: MEMORY_LIMIT as libc::rlim_t };
    // SAFETY: the closure runs in the forked child before exec and only calls setrlimit, which is
    // async-signal-safe; it touches no memory of the parent's but the copied `limit`.
    unsafe {
        command.pre_exec(move || {
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_: &mut Command) {}

/// The binary to start children from.
pub fn current_exe() -> Option<PathBuf> {
    std::env::current_exe().ok()
}
