//! `guantong serve`: the program as a page in the browser, for clerks who never open a terminal.
//!
//! A small HTTP server on 127.0.0.1 (never another address) serves one page ([`PAGE`], everything
//! inline: no network) and an API under `/api/`. The page sends each file in a request of its own
//! (`PUT`, the raw bytes: no multipart parsing), then starts a task, which runs `guantong` itself
//! as a child process in the task's private folder ([`task`]), and polls it for progress and, at
//! the end, its report ([`report`]). Requests are checked by [`guard`]; what a browser may send is
//! bounded by [`upload`].
//!
//! A task's folder is removed when the page closes the task (after downloading, on 关闭 or when the
//! tab goes away), when it is cancelled, when it has not been asked about for [`task::IDLE`], and
//! with all the others when the server stops: on Ctrl+C or the console window closed (handled by
//! the `ctrlc` crate, so that running children are ended first), or by the `TempDir` that holds them
//! all when the server ends otherwise.

mod guard;
mod report;
mod task;
mod upload;

use crate::cli::ServeArgs;
use crate::exit::Exit;
use guard::{Guard, TOKEN_HEADER};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use task::{lock, Action, Output, Phase, Task};
use tiny_http::{Header, Method, Request, Response};

/// The page: HTML, CSS and script in one file, in the binary.
const PAGE: &str = include_str!("page.html");

/// Threads taking requests: uploads of several files at once, a poll and a download beside them.
const THREADS: usize = 8;
/// Tasks kept at once (each with its files), running or not.
const MAX_TASKS: usize = 16;
/// The largest policy file taken, and the largest request body of JSON.
const MAX_POLICY: u64 = 1 << 20;
const MAX_JSON: u64 = 64 << 10;

/// Everything that can go wrong in the server, as a message for the terminal or the page.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("无法在 127.0.0.1:{port} 上开始服务（端口已被占用？可用 --port 换一个）：{source}")]
    Bind {
        port: u16,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("无法取得随机数作为访问令牌：{0}")]
    Random(String),
    #[error("无法处理 Ctrl+C：{0}")]
    Signal(#[source] ctrlc::Error),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{what}：{}", crate::os_error::reason(source))]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

impl ServeError {
    /// The HTTP status a request that failed this way is answered with.
    fn status(&self) -> u16 {
        match self {
            ServeError::Forbidden(_) => 403,
            ServeError::BadRequest(_) => 400,
            ServeError::NotFound(_) => 404,
            ServeError::TooLarge(_) => 413,
            ServeError::Conflict(_) => 409,
            ServeError::Bind { .. } | ServeError::Random(_) | ServeError::Signal(_) | ServeError::Io { .. } => 500,
        }
    }
}

/// Runs the server until Ctrl+C; says on the terminal what went wrong if it cannot start.
pub fn main(args: &ServeArgs) -> Exit {
    match run(args) {
        Ok(()) => Exit::Success,
        Err(e) => {
            eprintln!("错误：{e}");
            Exit::Error
        }
    }
}

/// What every request thread shares.
struct Server {
    guard: Guard,
    /// This program, run for each task.
    exe: PathBuf,
    /// The folder that holds every task's folder.
    root: PathBuf,
    tasks: Mutex<HashMap<u64, task::Shared>>,
    next_id: AtomicU64,
    running: Arc<AtomicUsize>,
    /// Folders that could not be removed yet (a process still had a file open, on Windows).
    leftovers: Mutex<Vec<PathBuf>>,
}

fn run(args: &ServeArgs) -> Result<(), ServeError> {
    let exe = std::env::current_exe()
        .map_err(|source| ServeError::Io { what: "找不到本程序的位置".into(), source })?;
    let root = tempfile::Builder::new()
        .prefix("guantong-serve-")
        .tempdir()
        .map_err(|source| ServeError::Io { what: "无法建立临时文件夹".into(), source })?;
    let http = tiny_http::Server::http(("127.0.0.1", args.port))
        .map_err(|source| ServeError::Bind { port: args.port, source })?;
    let port = http.server_addr().to_ip().map_or(args.port, |a| a.port());
    let server = Arc::new(Server {
        guard: Guard { token: guard::token()?, port },
        exe,
        root: root.path().to_path_buf(),
        tasks: Mutex::new(HashMap::new()),
        next_id: AtomicU64::new(1),
        running: Arc::new(AtomicUsize::new(0)),
        leftovers: Mutex::new(Vec::new()),
    });
    let stopping = Arc::clone(&server);
    ctrlc::set_handler(move || {
        stopping.stop();
        say("已停止，临时文件已删除。");
        std::process::exit(0)
    })
    .map_err(ServeError::Signal)?;

    let url = format!("http://127.0.0.1:{port}/?token={}", server.guard.token);
    say(&format!("guantong 已在本机启动：{url}"));
    say("请在浏览器中打开上面的地址（只有本机能访问，文件不会离开这台电脑）。按 Ctrl+C 停止。");
    if !args.no_browser && open_browser(&url).is_err() {
        say("无法自动打开浏览器：请复制上面的地址到浏览器中打开。");
    }

    let sweeper = Arc::clone(&server);
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(30));
        sweeper.sweep();
    });
    let http = Arc::new(http);
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            let (http, server) = (Arc::clone(&http), Arc::clone(&server));
            std::thread::spawn(move || {
                while let Ok(request) = http.recv() {
                    // A request that panics is answered 500 by tiny_http when it is dropped in
                    // the unwinding; the thread goes on with the next.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.handle(request)));
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    server.stop();
    drop(root);
    Ok(())
}

/// A line on the terminal, flushed. Never a panic: the terminal may be gone (its window closed, or
/// a script that read the address and closed the pipe), and the server must still stop cleanly.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Opens the default browser on `url`, without waiting for it. On Windows through
/// `url.dll,FileProtocolHandler` (no `cmd /c start`, whose parsing of `&` and `^` would need
/// escaping), elsewhere through the desktop's opener; no crate needed for three lines each.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("rundll32");
        c.args(["url.dll,FileProtocolHandler", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    use std::process::Stdio;
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// What a request is answered with.
enum Reply {
    Data(Response<Cursor<Vec<u8>>>),
    File(Response<File>),
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// A request's header, when it is there once.
fn header_value<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str())
}

fn json_reply(status: u16, value: &Value) -> Reply {
    let mut response = Response::from_string(value.to_string()).with_status_code(status);
    if let Some(h) = header("Content-Type", "application/json; charset=utf-8") {
        response.add_header(h);
    }
    Reply::Data(response)
}

/// Decodes `%XX` escapes of a query value, as UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A query parameter's decoded value.
fn query(url: &str, name: &str) -> Result<Option<String>, ServeError> {
    let Some((_, query)) = url.split_once('?') else { return Ok(None) };
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key == name {
            return percent_decode(value)
                .map(Some)
                .ok_or_else(|| ServeError::BadRequest(format!("参数 {name} 不是有效的 UTF-8 编码")));
        }
    }
    Ok(None)
}

/// RFC 5987: a Chinese file name in `filename*`, with an ASCII one for old clients.
fn disposition(name: &str, ascii: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

impl Server {
    fn handle(&self, mut request: Request) {
        let reply =
            self.route(&mut request).unwrap_or_else(|e| json_reply(e.status(), &json!({ "error": e.to_string() })));
        // Every answer: not cached, not sniffed, not framed, no referrer.
        let common = [
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
        ];
        let _ = match reply {
            Reply::Data(mut r) => {
                common.iter().filter_map(|(n, v)| header(n, v)).for_each(|h| r.add_header(h));
                request.respond(r)
            }
            Reply::File(mut r) => {
                common.iter().filter_map(|(n, v)| header(n, v)).for_each(|h| r.add_header(h));
                request.respond(r)
            }
        };
    }

    fn route(&self, request: &mut Request) -> Result<Reply, ServeError> {
        self.guard.place(header_value(request, "Host"), header_value(request, "Origin"))?;
        let url = request.url().to_string();
        let path = url.split('?').next().unwrap_or_default();
        let method = request.method().clone();
        if path == "/" || path == "/index.html" {
            return match method {
                Method::Get | Method::Head => Ok(page()),
                _ => Err(ServeError::BadRequest("不支持的请求".into())),
            };
        }
        let Some(api) = path.strip_prefix("/api/") else { return Err(ServeError::NotFound("没有这个页面")) };
        // A download is a plain link (the browser saves the file as it comes, a large workbook
        // too), and a link cannot carry a header: the token may come in the query instead.
        let token = match header_value(request, TOKEN_HEADER) {
            Some(t) => Some(t.to_string()),
            None => query(&url, "token")?,
        };
        self.guard.token(token.as_deref())?;
        let parts: Vec<&str> = api.split('/').collect();
        match (method, parts.as_slice()) {
            (Method::Post, ["tasks"]) => self.create(),
            (Method::Get, ["tasks", id]) => {
                let task = self.task(id)?;
                let mut task = lock(&task);
                task.touched = std::time::Instant::now();
                Ok(json_reply(200, &task.status()))
            }
            (Method::Put, ["tasks", id, "files"]) => {
                let name = query(&url, "name")?.ok_or_else(|| ServeError::BadRequest("缺少文件名".into()))?;
                self.upload(request, id, &name)
            }
            (Method::Put, ["tasks", id, "policy"]) => self.upload_policy(request, id),
            (Method::Post, ["tasks", id, "start"]) => {
                let task = self.task(id)?;
                let mut body = Vec::new();
                request
                    .as_reader()
                    .take(MAX_JSON)
                    .read_to_end(&mut body)
                    .map_err(|e| ServeError::BadRequest(format!("请求不完整：{}", crate::os_error::reason(&e))))?;
                let action: Action = serde_json::from_slice(&body)
                    .map_err(|e| ServeError::BadRequest(format!("无法识别要做的事：{e}")))?;
                task::start(&task, action, &self.exe, &self.running)?;
                Ok(json_reply(200, &json!({ "started": true })))
            }
            (Method::Post, ["tasks", id, "cancel"]) | (Method::Delete, ["tasks", id]) => {
                self.close(id)?;
                Ok(json_reply(200, &json!({ "closed": true })))
            }
            (Method::Get, ["tasks", id, "download", kind]) => self.download(id, kind),
            _ => Err(ServeError::NotFound("没有这个操作")),
        }
    }

    fn create(&self) -> Result<Reply, ServeError> {
        let mut tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
        if tasks.len() >= MAX_TASKS {
            return Err(ServeError::Conflict(format!(
                "同时打开的任务已有 {MAX_TASKS} 个：请关闭已完成的任务，或刷新页面后重试"
            )));
        }
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let task = Task::new(&self.root, &id.to_string())?;
        tasks.insert(id, Arc::new(Mutex::new(task)));
        Ok(json_reply(200, &json!({ "id": id.to_string() })))
    }

    fn task(&self, id: &str) -> Result<task::Shared, ServeError> {
        let id: u64 = id.parse().map_err(|_| ServeError::NotFound("没有这个任务"))?;
        let tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
        tasks.get(&id).cloned().ok_or(ServeError::NotFound("没有这个任务（已关闭，或超过一小时未使用已被删除）"))
    }

    fn upload(&self, request: &mut Request, id: &str, name: &str) -> Result<Reply, ServeError> {
        let shared = self.task(id)?;
        let declared = request.body_length().map(|n| n as u64);
        let (path, file, limit) = {
            let mut task = lock(&shared);
            if task.phase != Phase::Open {
                return Err(ServeError::Conflict("任务已经开始，不能再添加文件".into()));
            }
            task.received.reserve(declared.unwrap_or(0))?;
            task.touched = std::time::Instant::now();
            let limit = upload::MAX_FILE.min(declared.unwrap_or(task.received.room()));
            match upload::create(&task.inputs(), name) {
                Ok((path, file)) => (path, file, limit),
                Err(e) => {
                    task.received.settle(declared.unwrap_or(0), None);
                    return Err(e);
                }
            }
        };
        let written = upload::fill(request.as_reader(), file, &path, limit);
        lock(&shared).received.settle(declared.unwrap_or(0), written.as_ref().ok().copied());
        written?;
        Ok(json_reply(200, &json!({ "saved": true })))
    }

    fn upload_policy(&self, request: &mut Request, id: &str) -> Result<Reply, ServeError> {
        let shared = self.task(id)?;
        let path = {
            let task = lock(&shared);
            if task.phase != Phase::Open {
                return Err(ServeError::Conflict("任务已经开始，不能再添加文件".into()));
            }
            task.policy()
        };
        if request.body_length().is_some_and(|n| n as u64 > MAX_POLICY) {
            return Err(ServeError::TooLarge("政策文件超过 1 MB，不像是政策文件".into()));
        }
        let file =
            File::create(&path).map_err(|source| ServeError::Io { what: "无法保存政策文件".into(), source })?;
        upload::fill(request.as_reader(), file, &path, MAX_POLICY).map_err(|e| match e {
            ServeError::TooLarge(_) => ServeError::TooLarge("政策文件超过 1 MB，不像是政策文件".into()),
            e => e,
        })?;
        Ok(json_reply(200, &json!({ "saved": true })))
    }

    fn download(&self, id: &str, kind: &str) -> Result<Reply, ServeError> {
        let output = Output::ALL.into_iter().find(|o| o.id() == kind).ok_or(ServeError::NotFound("没有这种结果"))?;
        let shared = self.task(id)?;
        let path = {
            let mut task = lock(&shared);
            task.touched = std::time::Instant::now();
            task.output(output).ok_or(ServeError::NotFound("这个任务没有这项结果"))?
        };
        let file =
            File::open(&path).map_err(|source| ServeError::Io { what: "无法读取结果文件".into(), source })?;
        let ascii = format!("guantong-{}.{}", output.id(), path.extension().and_then(|e| e.to_str()).unwrap_or("bin"));
        // With its length, not in chunks (tiny_http's default past 32 KiB): the browser then shows
        // the download's size and how far it is.
        let mut response = Response::from_file(file).with_chunked_threshold(usize::MAX);
        for h in [
            header("Content-Type", output.content_type()),
            header("Content-Disposition", &disposition(output.file_name(), &ascii)),
        ]
        .into_iter()
        .flatten()
        {
            response.add_header(h);
        }
        Ok(Reply::File(response))
    }

    /// Ends a task: its run killed, its folder removed.
    fn close(&self, id: &str) -> Result<(), ServeError> {
        let shared = self.task(id)?;
        if let Ok(id) = id.parse::<u64>() {
            self.tasks.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        }
        self.discard(&shared);
        Ok(())
    }

    fn discard(&self, shared: &task::Shared) {
        let mut task = lock(shared);
        task.kill();
        if std::fs::remove_dir_all(&task.dir).is_err() && task.dir.exists() {
            self.leftovers.lock().unwrap_or_else(|p| p.into_inner()).push(task.dir.clone());
        }
    }

    /// Removes the tasks left alone for [`task::IDLE`], and retries folders that could not be
    /// removed before.
    fn sweep(&self) {
        let idle: Vec<task::Shared> = {
            let mut tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
            let ids: Vec<u64> =
                tasks.iter().filter(|(_, t)| lock(t).touched.elapsed() > task::IDLE).map(|(id, _)| *id).collect();
            ids.iter().filter_map(|id| tasks.remove(id)).collect()
        };
        for task in &idle {
            self.discard(task);
        }
        self.leftovers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|dir| std::fs::remove_dir_all(dir).is_err() && dir.exists());
    }

    /// Ends every run and removes every task's folder, and the folder of them all.
    fn stop(&self) {
        let all: Vec<task::Shared> =
            self.tasks.lock().unwrap_or_else(|p| p.into_inner()).drain().map(|(_, t)| t).collect();
        for task in &all {
            lock(task).kill();
        }
        // A child's own reading children may hold a file open a moment longer (Windows).
        for _ in 0..10 {
            if std::fs::remove_dir_all(&self.root).is_ok() || !self.root.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// The page, with a policy that lets it load nothing from anywhere and talk only to this server.
fn page() -> Reply {
    let mut response = Response::from_string(PAGE);
    for h in [
        header("Content-Type", "text/html; charset=utf-8"),
        header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; \
             connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
        ),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    Reply::Data(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_decoded_as_utf8() {
        let url = "/api/tasks/1/files?x=1&name=%E5%90%8D%E5%86%8C%2F..%2Fa+b.xlsx";
        assert_eq!(query(url, "name").unwrap().as_deref(), Some("名册/../a+b.xlsx"));
        assert_eq!(query(url, "none").unwrap(), None);
        assert!(query("/x?name=%FF", "name").is_err());
        assert!(query("/x?name=%E5%9", "name").is_err());
    }

    #[test]
    fn a_task_left_alone_an_hour_is_removed_with_its_folder() {
        let root = tempfile::tempdir().unwrap();
        let server = Server {
            guard: Guard { token: guard::token().unwrap(), port: 1 },
            exe: PathBuf::from("guantong"),
            root: root.path().to_path_buf(),
            tasks: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
            running: Arc::new(AtomicUsize::new(0)),
            leftovers: Mutex::new(Vec::new()),
        };
        assert!(server.create().is_ok());
        assert!(server.create().is_ok());
        let (old, fresh) = (server.task("1").unwrap(), server.task("2").unwrap());
        let hour_ago = std::time::Instant::now().checked_sub(task::IDLE + Duration::from_secs(1));
        let Some(hour_ago) = hour_ago else { return };
        lock(&old).touched = hour_ago;
        server.sweep();
        assert!(!root.path().join("1").exists());
        assert!(root.path().join("2").exists());
        assert!(server.task("1").is_err());
        assert!(Arc::ptr_eq(&server.task("2").unwrap(), &fresh));
    }

    #[test]
    fn a_chinese_download_name_is_written_by_rfc_5987() {
        assert_eq!(
            disposition("筛选结果.xlsx", "guantong-workbook.xlsx"),
            "attachment; filename=\"guantong-workbook.xlsx\"; filename*=UTF-8''%E7%AD%9B%E9%80%89%E7%BB%93%E6%9E%9C.xlsx"
        );
    }
}
