//! Reading a file in a child process of the same binary, so that one file can never cost the
//! others: a reading library that panics, aborts on an allocation it cannot make (a looping
//! sector chain in an `.xls`), grows without bound or spins takes only its own process down.
//!
//! The parent starts `guantong read-worker` under an address-space limit and sends it one file at
//! a time on its standard input; the child streams what it reads — sheets, rows, merged ranges —
//! back as length-prefixed postcard frames on its standard output, as the in-process reader would
//! hand them on. The parent hands each frame to its [`Rows`] receiver at once, so a million-row
//! sheet is never held in either process. A child that stops sending for [`STALL`] is killed; a
//! child that dies costs its file, and the next file gets a new child.

use super::{stream_file, RawRow, ReadError, Rows, SheetProblem, Span};
use serde::{Deserialize, Serialize};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a child may go without sending anything before it is taken to be spinning.
pub const STALL: Duration = Duration::from_secs(60);
/// The address space a child may map. The legitimate inputs that need most — a million-row xlsx
/// with its text in a shared-string table, and a 65,000-row xls, read whole — peak at 170 and
/// 215 MB resident, 1.2 GiB mapped (mimalloc reserving ahead), and read whole under 240 and
/// 512 MiB (BENCHMARKS.md, "The reading child's memory"). 2 GiB is four times that, above what
/// they map unbounded, and what an analyst's 8 GB laptop can spare. A reader that allocates
/// without end (round a looping sector chain the check in [`super::excel`] did not see) is
/// stopped there within a second; 8 GiB let it take 3.7 GB.
pub const MEMORY_LIMIT: u64 = 2 << 30;
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

/// What the parent asks for: one file, and the sheets wanted (all when empty).
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    path: PathBuf,
    only: Vec<String>,
}

/// The child's side: reads one request after another from `input`, each file's frames written to
/// `out`, until the parent closes `input`. Errors writing `out` mean the parent has gone; there is
/// nobody left to tell.
pub fn serve(input: impl Read, out: impl Write) -> std::io::Result<()> {
    let mut input = BufReader::new(input);
    let mut sender = Sender { out: BufWriter::with_capacity(1 << 16, out), error: None };
    let mut buffer = Vec::new();
    while let Some(request) = read_frame::<Request>(&mut input, &mut buffer)? {
        let last = match stream_file(&request.path, &request.only, &mut sender) {
            Ok(()) => Frame::Done,
            Err(e) => Frame::Failed(e.to_string()),
        };
        sender.send(&last);
        if let Some(e) = sender.error.take() {
            return Err(e);
        }
        sender.out.flush()?;
    }
    Ok(())
}

/// One length-prefixed postcard frame; `None` at the end of the stream.
fn read_frame<T: serde::de::DeserializeOwned>(
    input: &mut impl Read,
    buffer: &mut Vec<u8>,
) -> std::io::Result<Option<T>> {
    let mut length = [0u8; 4];
    match input.read_exact(&mut length) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    buffer.resize(u32::from_le_bytes(length) as usize, 0);
    input.read_exact(buffer)?;
    postcard::from_bytes(buffer).map(Some).map_err(std::io::Error::other)
}

fn write_frame<T: Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    let bytes = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
    out.write_all(&(bytes.len() as u32).to_le_bytes())?;
    out.write_all(&bytes)
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
        if let Err(e) = write_frame(&mut self.out, frame) {
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

/// The parent's side: a child process that reads file after file (starting one costs a few
/// milliseconds, which two thousand small submissions would feel), started again after a file
/// that took it down.
pub struct Readers {
    exe: PathBuf,
    worker: Option<Worker>,
    /// How long a child may go quiet ([`STALL`]).
    stall: Duration,
}

/// A running child: where to send requests, where its frames come from, what it said on stderr.
struct Worker {
    child: Arc<Mutex<Child>>,
    requests: ChildStdin,
    frames: BufReader<ChildStdout>,
    /// The last lines the child wrote on stderr (a panic's message), kept by a thread of its own.
    said: Arc<Mutex<Vec<String>>>,
}

impl Readers {
    pub fn new(exe: PathBuf) -> Readers {
        Readers { exe, worker: None, stall: STALL }
    }

    fn start(&self) -> std::io::Result<Worker> {
        let mut command = Command::new(&self.exe);
        command.arg(SUBCOMMAND).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        limit_memory(&mut command);
        let mut child = command.spawn()?;
        let (Some(requests), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            return Err(std::io::Error::other("无法连接读取进程"));
        };
        let said = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&said);
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut lines) = keep.lock() {
                    lines.push(line);
                    let excess = lines.len().saturating_sub(3);
                    lines.drain(..excess);
                }
            }
        });
        Ok(Worker {
            child: Arc::new(Mutex::new(child)),
            requests,
            frames: BufReader::with_capacity(1 << 18, stdout),
            said,
        })
    }

    /// Reads `path` in the child, handing what it reads to `sink`. A child that fails in any way
    /// is this file's [`ReadError`] (and is not used again); what it had already handed over is
    /// the caller's to discard, as with [`stream_file`].
    pub fn stream(&mut self, path: &Path, only: &[String], sink: &mut dyn Rows) -> Result<(), ReadError> {
        let died = |detail: String| ReadError::Crashed { path: path.to_path_buf(), detail };
        let mut worker = match self.worker.take() {
            Some(worker) => worker,
            None => self.start().map_err(|e| died(format!("无法启动读取进程：{e}")))?,
        };
        let request = Request { path: path.to_path_buf(), only: only.to_vec() };
        // A child that died before reading the request (as at its start) is described below.
        let sent = write_frame(&mut worker.requests, &request).and_then(|()| worker.requests.flush());
        let started = Instant::now();
        let last = AtomicU64::new(0);
        let stalled = AtomicBool::new(false);
        // Dropped when the file's stream ends, which wakes the watchdog at once.
        let (finished, done) = std::sync::mpsc::channel::<()>();
        let stall_after = self.stall;
        let outcome = std::thread::scope(|scope| {
            let (last_seen, stall, running) = (&last, &stalled, Arc::clone(&worker.child));
            scope.spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = done.recv_timeout(Duration::from_secs(1)) {
                    let quiet =
                        started.elapsed().saturating_sub(Duration::from_millis(last_seen.load(Ordering::Relaxed)));
                    if quiet > stall_after {
                        stall.store(true, Ordering::Relaxed);
                        let _ = running.lock().map(|mut c| c.kill());
                        return;
                    }
                }
            });
            let outcome = match &sent {
                Ok(()) => receive(&mut worker.frames, sink, || {
                    last.store(started.elapsed().as_millis() as u64, Ordering::Relaxed)
                }),
                Err(e) => Received::Cut(Some(e.to_string())),
            };
            drop(finished);
            outcome
        });
        match outcome {
            Received::Done => {
                self.worker = Some(worker);
                Ok(())
            }
            Received::Failed(message) => {
                self.worker = Some(worker);
                Err(ReadError::Reported { message })
            }
            Received::Cut(why) => {
                let status = worker.child.lock().ok().and_then(|mut c| c.wait().ok());
                // The stderr thread has the child's last words once the pipe closes.
                std::thread::sleep(Duration::from_millis(20));
                let said = worker.said.lock().map(|l| l.join(" ")).unwrap_or_default();
                Err(died(if stalled.load(Ordering::Relaxed) {
                    format!("读取超过{}秒没有进展，已中止（文件结构可能有循环）", stall_after.as_secs())
                } else {
                    describe(status, &said, why)
                }))
            }
        }
    }
}

impl Drop for Readers {
    fn drop(&mut self) {
        // Closing its stdin ends the child's loop; waiting reaps it.
        if let Some(Worker { child, requests, .. }) = self.worker.take() {
            drop(requests);
            let _ = child.lock().map(|mut c| c.wait());
        }
    }
}

/// How the child's stream ended.
enum Received {
    Done,
    Failed(String),
    /// It stopped before saying it was done (what went wrong reading it, if anything).
    Cut(Option<String>),
}

fn receive(input: &mut impl Read, sink: &mut dyn Rows, mut tick: impl FnMut()) -> Received {
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[derive(Default)]
    struct Seen(Vec<String>);

    impl Rows for Seen {
        fn sheet(&mut self, name: &str) {
            self.0.push(format!("sheet {name}"));
        }
        fn row(&mut self, row: RawRow) {
            self.0.push(format!("row {}", row.number));
        }
        fn problem(&mut self, _: SheetProblem) {}
        fn end(&mut self, _: Vec<Span>) {
            self.0.push("end".into());
        }
    }

    /// A stand-in for the binary: a shell script that behaves as a child that goes wrong.
    fn child(dir: &Path, name: &str, body: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn a_child_that_aborts_costs_its_file_and_the_next_file_gets_a_new_child() {
        let dir = tempfile::tempdir().unwrap();
        let exe = child(dir.path(), "abort.sh", "kill -ABRT $$");
        let mut readers = Readers::new(exe);
        for _ in 0..2 {
            let err = readers.stream(Path::new("名册.xls"), &[], &mut Seen::default()).unwrap_err();
            assert!(err.to_string().contains("名册.xls：无法读取，读取库申请的内存超出限制而中止"), "{err}");
        }
    }

    #[test]
    fn a_child_that_says_why_it_died_is_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let exe = child(dir.path(), "panic.sh", "echo 'attempt to multiply with overflow' >&2; exit 101");
        let err = Readers::new(exe).stream(Path::new("a.xlsx"), &[], &mut Seen::default()).unwrap_err();
        assert!(err.to_string().contains("读取库内部出错（attempt to multiply with overflow）"), "{err}");
    }

    #[test]
    fn a_child_that_spins_is_killed() {
        let dir = tempfile::tempdir().unwrap();
        let exe = child(dir.path(), "spin.sh", "exec sleep 30");
        let mut readers = Readers::new(exe);
        readers.stall = Duration::from_secs(1);
        let started = Instant::now();
        let err = readers.stream(Path::new("a.xls"), &[], &mut Seen::default()).unwrap_err();
        assert!(err.to_string().contains("读取超过1秒没有进展，已中止"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    /// The real protocol, in process: frames written by `serve` come back as the same calls.
    #[test]
    fn frames_carry_what_the_reader_hands_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("名册.csv");
        std::fs::write(&path, "姓名,技能等级\n张三,技师\n").unwrap();
        let mut request = Vec::new();
        write_frame(&mut request, &Request { path: path.clone(), only: Vec::new() }).unwrap();
        let mut frames = Vec::new();
        serve(request.as_slice(), &mut frames).unwrap();
        let mut seen = Seen::default();
        assert!(matches!(receive(&mut frames.as_slice(), &mut seen, || {}), Received::Done));
        assert_eq!(seen.0, ["sheet 名册", "row 1", "row 2", "end"]);
        // Cut short: the stream ends before the file is done.
        let mut seen = Seen::default();
        assert!(matches!(receive(&mut &frames[..frames.len() - 3], &mut seen, || {}), Received::Cut(_)));
    }
}
