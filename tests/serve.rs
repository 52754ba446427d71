//! `guantong serve` over HTTP: the real binary on a free port, driven with raw requests as a
//! browser (or a hostile page) would send them.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `guantong serve --no-browser --port 0`, its temporary folders under `tmp`; killed
/// when dropped.
struct Served {
    child: Child,
    port: u16,
    token: String,
    tmp: tempfile::TempDir,
}

/// An answer: status, headers (names lower-cased) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or_default().to_string()
    }
}

impl Served {
    fn start() -> Served {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_guantong"))
            .args(["serve", "--no-browser", "--port", "0"])
            .env("TMPDIR", tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start guantong serve");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let url = first.split_once("http://").map_or("", |(_, u)| u.trim());
        let (host, token) = url.split_once("/?token=").unwrap_or_else(|| panic!("no address in {first:?}"));
        let port = host.strip_prefix("127.0.0.1:").unwrap().parse().unwrap();
        Served { child, port, token: token.trim().to_string(), tmp }
    }

    /// Sends one request as written (with `Connection: close`) and reads the whole answer.
    fn raw(&self, request: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        parse(&bytes)
    }

    /// A request with this server's Host and token, and these extra headers.
    fn send(&self, method: &str, path: &str, extra: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        let token = format!("X-Guantong-Token: {}\r\n", self.token);
        if !extra.iter().any(|(n, _)| n.eq_ignore_ascii_case("X-Guantong-Token")) {
            head.push_str(&token);
        }
        for (n, v) in extra {
            if !v.is_empty() {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        self.raw(&request)
    }

    fn api(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        self.send(method, &format!("/api/{path}"), &[], body)
    }

    fn new_task(&self) -> String {
        let a = self.api("POST", "tasks", b"");
        assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
        a.json()["id"].as_str().unwrap().to_string()
    }

    fn upload(&self, task: &str, name: &str, bytes: &[u8]) -> Answer {
        self.api("PUT", &format!("tasks/{task}/files?name={}", encode(name)), bytes)
    }

    fn start_task(&self, task: &str, action: &str) -> Answer {
        self.api("POST", &format!("tasks/{task}/start"), action.as_bytes())
    }

    /// Polls until the task has finished; returns its report, and every status seen on the way.
    fn wait(&self, task: &str) -> (Value, Vec<Value>) {
        let started = Instant::now();
        let mut seen = Vec::new();
        loop {
            let status = self.api("GET", &format!("tasks/{task}"), b"").json();
            if status["state"] == "finished" {
                return (status["report"].clone(), seen);
            }
            seen.push(status);
            assert!(started.elapsed() < Duration::from_secs(120), "task {task} did not finish: {:?}", seen.last());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The folder holding every task's folder (`guantong-serve-…` under the server's TMPDIR).
    fn root(&self) -> PathBuf {
        std::fs::read_dir(self.tmp.path())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("guantong-serve-"))
            .expect("the server's temporary folder")
    }

    /// Whether the server still answers.
    fn alive(&self) -> bool {
        self.send("GET", "/", &[], b"").status == 200
    }
}

impl Drop for Served {
    /// Stops the server as Ctrl+C does, so that no run it started outlives the test; killed if it
    /// does not stop.
    fn drop(&mut self) {
        #[cfg(unix)]
        if Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().is_ok_and(|s| s.success()) {
            let until = Instant::now() + Duration::from_secs(10);
            while Instant::now() < until {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn parse(bytes: &[u8]) -> Answer {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| {
        panic!("no complete answer: {:?}", String::from_utf8_lossy(bytes));
    });
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer { status, headers, body: bytes[split + 4..].to_vec() }
}

/// encodeURIComponent, as the page does it.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn sample_roster() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/花名册_2025.xlsx")).unwrap()
}

/// A CSV roster of `rows` people: long enough to watch (or cancel) a run in a debug build.
fn big_roster(rows: usize) -> Vec<u8> {
    let mut csv = String::from("姓名,单位,技能等级,技能等级取得时间\n");
    for i in 0..rows {
        csv.push_str(&format!("职工{i},单位{},技师,2018-03-01\n", i % 7));
    }
    csv.into_bytes()
}

const SCREEN: &str = r#"{"action":"screen","as_of":"2025-12-31","horizon":12}"#;

#[test]
fn a_roster_uploaded_and_screened_comes_back_as_a_workbook() {
    use calamine::Reader;
    let s = Served::start();
    let task = s.new_task();
    assert_eq!(s.upload(&task, "花名册_2025.xlsx", &sample_roster()).status, 200);
    assert_eq!(s.upload(&task, "说明.doc", b"not a roster").status, 200);
    assert_eq!(s.start_task(&task, SCREEN).status, 200);
    let (report, _) = s.wait(&task);
    assert_eq!(report["exit"], 0, "{report}");
    assert_eq!(report["headline"], "筛选完成");
    // Counts per route × status from the JSONL: the sample's 300 people on each route, as the
    // terminal summary says.
    for route in report["routes"].as_array().unwrap() {
        let total: u64 = route["statuses"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).sum();
        assert_eq!(total, 300, "{route}");
    }
    let title = &report["routes"][0];
    assert_eq!(title["route"], "技能→职称");
    assert_eq!(title["statuses"][0]["status"], "符合");
    assert_eq!(title["statuses"][0]["count"], 147);
    let summary = report["summary"].as_str().unwrap();
    assert!(summary.contains("符合 147"), "{report}");
    // Where the child wrote its outputs means nothing in the browser: the downloads say it.
    assert!(!summary.contains("结果/"), "{summary}");
    // Data issues by severity, from 数据问题: as the terminal counts them.
    let issues: Vec<(String, u64)> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(issues, [("错误".to_string(), 10), ("待核实".to_string(), 22), ("提示".to_string(), 229)]);
    // The file that is not a roster is named, with why.
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{report}");
    assert_eq!(files[0]["file"], "名册/说明.doc");
    assert_eq!(files[0]["state"], "已跳过");
    let kinds: Vec<&str> =
        report["downloads"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["workbook", "jsonl"]);

    let workbook = s.api("GET", &format!("tasks/{task}/download/workbook"), b"");
    assert_eq!(workbook.status, 200);
    let disposition = workbook.header("content-disposition").unwrap();
    assert!(disposition.contains("filename*=UTF-8''%E7%AD%9B%E9%80%89%E7%BB%93%E6%9E%9C.xlsx"), "{disposition}");
    // Its length is said (not sent in chunks), so that the browser shows the download's progress.
    assert_eq!(workbook.header("content-length"), Some(workbook.body.len().to_string().as_str()));
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(workbook.body)).unwrap();
    assert!(book.sheet_names().contains(&"筛选结果".to_string()));
    let rows = book.worksheet_range("筛选结果").unwrap().height();
    assert_eq!(rows, 301);
    // A download link carries the token in its query (a link cannot send a header).
    let link =
        s.send("GET", &format!("/api/tasks/{task}/download/jsonl?token={}", s.token), &[("X-Guantong-Token", "")], b"");
    assert_eq!(link.status, 200);
    assert_eq!(String::from_utf8_lossy(&link.body).lines().count(), 300);

    let folder = s.root().join(&task);
    assert!(folder.join("结果/筛选结果.xlsx").is_file());
    assert_eq!(s.api("DELETE", &format!("tasks/{task}"), b"").status, 200);
    assert!(!folder.exists(), "the task's folder is removed when the page closes it");
    assert_eq!(s.api("GET", &format!("tasks/{task}"), b"").status, 404);
}

#[test]
fn progress_is_reported_while_a_roster_is_screened() {
    let s = Served::start();
    let task = s.new_task();
    s.upload(&task, "大名册.csv", &big_roster(20_000));
    assert_eq!(s.start_task(&task, SCREEN).status, 200);
    let (report, seen) = s.wait(&task);
    assert_eq!(report["exit"], 0, "{report}");
    assert!(seen.iter().all(|v| v["state"] == "running"), "{seen:?}");
    let screening = seen.iter().find(|v| v["phase"] == "screen" && v["total"] == 20_000);
    assert!(screening.is_some(), "no screening progress seen: {seen:?}");
    assert!(seen.iter().any(|v| v["percent"].as_f64().is_some_and(|p| (0.0..=100.0).contains(&p))));
}

#[test]
fn the_api_refuses_a_wrong_or_missing_token() {
    let s = Served::start();
    for token in ["", "0123456789abcdef0123456789abcdef"] {
        let a = s.send("POST", "/api/tasks", &[("X-Guantong-Token", token)], b"");
        assert_eq!(a.status, 403, "{token:?}");
        assert!(a.error().contains("访问令牌"), "{}", a.error());
    }
    let a = s.send("GET", "/api/tasks/1/download/workbook?token=wrong", &[("X-Guantong-Token", "")], b"");
    assert_eq!(a.status, 403);
    // The page itself holds no secret: it is served without the token (a reload keeps working).
    let page = s.send("GET", "/", &[("X-Guantong-Token", "")], b"");
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("贯通资格筛选"));
    assert!(page.header("content-security-policy").unwrap().contains("default-src 'none'"));
}

#[test]
fn a_foreign_host_is_refused_against_dns_rebinding() {
    let s = Served::start();
    for host in ["evil.example:".to_string(), "127.0.0.1:1".to_string(), String::new()] {
        let host = if host.ends_with(':') { format!("{host}{}", s.port) } else { host };
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let a = s.raw(request.as_bytes());
        assert_eq!(a.status, 403, "{host:?}");
        let request = format!(
            "POST /api/tasks HTTP/1.1\r\nHost: {host}\r\nX-Guantong-Token: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            s.token
        );
        assert_eq!(s.raw(request.as_bytes()).status, 403, "{host:?}");
    }
    let localhost = format!("GET / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n", s.port);
    assert_eq!(s.raw(localhost.as_bytes()).status, 200);
}

#[test]
fn a_foreign_origin_is_refused() {
    let s = Served::start();
    let a = s.send("POST", "/api/tasks", &[("Origin", "http://evil.example")], b"");
    assert_eq!(a.status, 403);
    assert!(a.error().contains("Origin"), "{}", a.error());
    let same = format!("http://127.0.0.1:{}", s.port);
    assert_eq!(s.send("POST", "/api/tasks", &[("Origin", &same)], b"").status, 200);
}

#[test]
fn an_oversize_upload_is_refused_before_its_body_is_read() {
    let s = Served::start();
    let task = s.new_task();
    // Only the head is sent: the answer must come without the 201 MiB.
    let request = format!(
        "PUT /api/tasks/{task}/files?name=big.csv HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Guantong-Token: {}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        s.port,
        s.token,
        201u64 << 20
    );
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    while !bytes.windows(4).any(|w| w == b"\r\n\r\n") || !String::from_utf8_lossy(&bytes).contains('}') {
        let n = stream.read(&mut buf).expect("an answer before the body");
        assert!(n > 0, "closed without an answer");
        bytes.extend_from_slice(&buf[..n]);
    }
    drop(stream);
    let a = parse(&bytes);
    assert_eq!(a.status, 413);
    assert!(a.error().contains("200 MB"), "{}", a.error());
    assert!(!s.root().join(&task).join("名册/big.csv").exists());
    assert!(s.alive());
}

#[test]
fn a_file_name_with_dots_and_slashes_stays_inside_the_task_folder() {
    let s = Served::start();
    let task = s.new_task();
    for name in ["../../逃逸.csv", "..\\..\\逃逸.csv", "/etc/名册.csv", "a/../../b/CON.csv"] {
        assert_eq!(s.upload(&task, name, b"x").status, 200, "{name}");
    }
    let inputs = s.root().join(&task).join("名册");
    assert!(inputs.join("逃逸.csv").is_file());
    assert!(inputs.join("逃逸(2).csv").is_file());
    assert!(inputs.join("etc/名册.csv").is_file());
    assert!(inputs.join("a/b/_CON.csv").is_file());
    // Nothing was written beside the task folders.
    let outside: Vec<String> = std::fs::read_dir(s.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("guantong-serve-"))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
    let tasks: Vec<String> =
        std::fs::read_dir(s.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(tasks, [task]);
}

#[test]
fn two_tasks_at_once_both_finish() {
    let s = Served::start();
    let (a, b) = (s.new_task(), s.new_task());
    s.upload(&a, "甲.csv", &big_roster(3_000));
    s.upload(&b, "乙.xlsx", &sample_roster());
    assert_eq!(s.start_task(&a, SCREEN).status, 200);
    assert_eq!(s.start_task(&b, r#"{"action":"check","as_of":"2025-12-31"}"#).status, 200);
    let (ra, _) = s.wait(&a);
    let (rb, _) = s.wait(&b);
    assert_eq!(ra["exit"], 0, "{ra}");
    assert!(ra["summary"].as_str().unwrap().contains("共筛选 3,000 行"), "{ra}");
    // The sample roster has 错误-level issues: check ends with 5 and still writes its workbook.
    assert_eq!(rb["exit"], 5, "{rb}");
    assert_eq!(rb["downloads"][0]["kind"], "check");
    assert_eq!(rb["issues"][0]["name"], "错误");
    assert!(rb["issues"][0]["count"].as_u64().unwrap() > 0);
}

#[test]
fn a_third_run_is_refused_and_cancel_kills_the_run_and_removes_its_folder() {
    let s = Served::start();
    let tasks: Vec<String> = (0..3).map(|_| s.new_task()).collect();
    let roster = big_roster(200_000);
    for t in &tasks {
        assert_eq!(s.upload(t, "大名册.csv", &roster).status, 200);
    }
    assert_eq!(s.start_task(&tasks[0], SCREEN).status, 200);
    assert_eq!(s.start_task(&tasks[1], SCREEN).status, 200);
    let third = s.start_task(&tasks[2], SCREEN);
    assert_eq!(third.status, 409);
    assert!(third.error().contains("已有 2 个任务在运行"), "{}", third.error());
    let folders: Vec<PathBuf> = tasks.iter().map(|t| s.root().join(t)).collect();
    for (t, folder) in tasks.iter().zip(&folders).take(2) {
        assert_eq!(s.api("GET", &format!("tasks/{t}"), b"").json()["state"], "running");
        assert_eq!(s.api("POST", &format!("tasks/{t}/cancel"), b"").status, 200);
        assert!(!folder.exists(), "cancel removes the task's folder");
        assert_eq!(s.api("GET", &format!("tasks/{t}"), b"").status, 404);
        #[cfg(target_os = "linux")]
        assert!(!running_in(folder), "a process still runs in {}", folder.display());
    }
    // Their places are free again.
    assert_eq!(s.start_task(&tasks[2], SCREEN).status, 200);
    assert_eq!(s.api("POST", &format!("tasks/{}/cancel", tasks[2]), b"").status, 200);
    assert!(!folders[2].exists());
}

/// Whether a process works in `folder` (its current directory there, or in it once removed).
#[cfg(target_os = "linux")]
fn running_in(folder: &Path) -> bool {
    let wanted = folder.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path().join("cwd")).ok())
        .any(|cwd| cwd.to_string_lossy().starts_with(&wanted))
}

#[test]
fn the_server_survives_malformed_requests() {
    let s = Served::start();
    let task = s.new_task();
    for garbage in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"\x00\x01\x02\xff\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"PUT /api/tasks/1/files HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
    ] {
        let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = stream.write_all(garbage);
        let _ = stream.read_to_end(&mut Vec::new());
    }
    for (method, path, body, status) in [
        ("PUT", format!("tasks/{task}/files?name=%E5%9"), &b"x"[..], 400),
        ("PUT", format!("tasks/{task}/files"), b"x", 400),
        ("POST", format!("tasks/{task}/start"), b"{not json", 400),
        ("POST", format!("tasks/{task}/start"), br#"{"action":"rm -rf"}"#, 400),
        ("POST", format!("tasks/{task}/start"), br#"{"action":"screen"}"#, 400),
        ("GET", "tasks/99999999999999999999999".to_string(), b"", 404),
        ("GET", format!("tasks/{task}/download/../../etc/passwd"), b"", 404),
        ("GET", format!("tasks/{task}/download/workbook"), b"", 404),
        ("DELETE", "tasks".to_string(), b"", 404),
    ] {
        let a = s.api(method, &path, body);
        assert_eq!(a.status, status, "{method} {path}: {}", String::from_utf8_lossy(&a.body));
        assert!(!a.error().is_empty());
    }
    assert!(s.alive());
    // The task is still usable after all that.
    s.upload(&task, "花名册.xlsx", &sample_roster());
    assert_eq!(s.start_task(&task, SCREEN).status, 200);
    assert_eq!(s.wait(&task).0["exit"], 0);
}

#[test]
fn a_policy_file_is_checked_and_a_template_made() {
    let s = Served::start();
    let task = s.new_task();
    let broken = b"[document]\nnumber = 1\n";
    assert_eq!(s.api("PUT", &format!("tasks/{task}/policy"), broken).status, 200);
    assert_eq!(s.start_task(&task, r#"{"action":"policy_check"}"#).status, 200);
    let (report, _) = s.wait(&task);
    assert_eq!(report["exit"], 2, "{report}");
    assert_eq!(report["headline"], "政策文件有错误（见下方逐条说明）");
    assert!(report["summary"].as_str().unwrap().contains("政策.toml"), "{report}");

    let task = s.new_task();
    assert_eq!(s.start_task(&task, r#"{"action":"template"}"#).status, 200);
    let (report, _) = s.wait(&task);
    assert_eq!(report["exit"], 0, "{report}");
    let template = s.api("GET", &format!("tasks/{task}/download/template"), b"");
    assert_eq!(template.status, 200);
    assert!(template.body.starts_with(b"PK"));
    assert!(template.header("content-disposition").unwrap().contains("filename*=UTF-8''"));
}

#[test]
fn serve_is_a_command_and_a_near_miss_suggests_only_the_likeliest() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_guantong")).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout)
    };
    assert!(run(&["servr"]).contains("是否想用 serve？"));
    // `scren` is near `serve` too; only `screen`, the nearest, is named.
    assert!(run(&["scren", "x"]).contains("（是否想用 screen？）"));
    let help = run(&["serve", "--help"]);
    assert!(help.contains("--no-browser") && help.contains("Ctrl+C"), "{help}");
    // Typed in a terminal with nothing (not double-clicked): the help, which names serve.
    assert!(run(&[]).contains("guantong serve"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_runs_and_removes_the_temporary_folder() {
    let mut s = Served::start();
    let task = s.new_task();
    s.upload(&task, "大名册.csv", &big_roster(200_000));
    assert_eq!(s.start_task(&task, SCREEN).status, 200);
    let root = s.root();
    let killed = Command::new("kill").args(["-INT", &s.child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = s.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(!root.exists(), "the temporary folder is removed on Ctrl+C");
    #[cfg(target_os = "linux")]
    assert!(!running_in(&root));
}
