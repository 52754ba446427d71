//! The command line: raw arguments parsed by clap, then turned into one validated
//! [`crate::pipeline::Config`] before any work starts.

use crate::exit::{self, Exit};
use crate::pipeline::Config;
use crate::policy::Policy;
use crate::read::header::{header_text, Key, FIELDS};
use crate::read::Cell;
use crate::write::template::Template;
use chrono::{Datelike, NaiveDate};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The help after each command's options: its examples, then the exit codes it can end with (from
/// the one table, [`crate::exit`]).
fn screen_help() -> String {
    let examples = concat!(
        "示例：\n",
        "  guantong screen 花名册.xlsx --as-of 2025-12-31 -o 筛选结果.xlsx --jsonl 筛选结果.jsonl\n",
        "  guantong screen submissions/ --as-of 2025-12-31 -o 2025年度筛选结果.xlsx\n",
        "  guantong screen a.xlsx b.xls c.csv --sheet 花名册 --map '从业工种=occupation'\n\n",
    );
    format!("{examples}{}", screening_codes())
}

/// The codes of a command that screens rosters (`screen`, `compare`).
fn screening_codes() -> String {
    exit::line(&[
        (Exit::Success, "成功"),
        (Exit::Error, "输出无法写入或运行出错"),
        (Exit::Usage, "用法错误或政策文件有错误"),
        (Exit::Unreadable, "输入无法读取"),
        (Exit::Partial, "部分输入无法读取"),
    ])
}

fn compare_help() -> String {
    let examples = concat!(
        "示例：\n",
        "  guantong compare 花名册.xlsx --against 新政策.toml -o 对比结果.xlsx\n",
        "  guantong compare 报送材料/ --policy 旧政策.toml --against 新政策.toml -o 对比结果.xlsx --jsonl 对比.jsonl\n",
        "  guantong compare 花名册.xlsx --as-of 2025-12-31 --against-as-of 2026-12-31 -o 明年对比.xlsx\n\n",
        "对比结果.xlsx：“对比结果”表逐人列出结论不同的人员（--all 时列出所有人）及每条路径在两边的结论、\n",
        "最高职称或等级、申报方式、依据条款和变化类型；“汇总”表按路径和变化类型计数，并有职称/等级的\n",
        "变化矩阵、各单位和决定增减的条款；“数据问题”和“政策依据”（两个政策文件及其 SHA-256）同筛选。\n\n",
    );
    format!("{examples}{}", screening_codes())
}

fn check_help() -> String {
    let examples = concat!(
        "示例：\n",
        "  guantong check 花名册.xlsx -o 检查结果.xlsx\n",
        "  guantong check 花名册.xlsx                     # 不写工作簿，只在终端显示各文件的问题条数\n",
        "  guantong check 报送材料/ --as-of 2025-12-31 -o 检查结果.xlsx\n\n",
        "检查结果.xlsx：“检查结果”表汇总各文件、工作表的问题条数，“数据问题”表逐条列出问题和处理建议，\n",
        "其后是名册原表的副本（行号与原表相同），有问题的单元格按严重程度着色并带批注。\n",
        "在自己的名册中改正后再次检查，直到没有“错误”，再报送。\n\n",
    );
    let codes = exit::line(&[
        (Exit::Success, "没有“错误”"),
        (Exit::ErrorsLeft, "有“错误”级的数据问题（无法读取的文件、无法检查的工作表也算）"),
        (Exit::Unreadable, "没有读到任何数据行"),
        (Exit::Usage, "用法错误或政策文件有错误"),
        (Exit::Error, "输出无法写入或运行出错"),
    ]);
    format!("{examples}{codes}")
}

fn template_help() -> String {
    let examples = concat!(
        "示例：\n",
        "  guantong template -o 花名册模板.xlsx\n",
        "  guantong template -o 花名册模板.xlsx --policy 我市政策.toml --year 2026\n\n",
        "填好的模板直接筛选，不需要 --map：guantong screen 花名册模板.xlsx -o 筛选结果.xlsx\n\n",
    );
    let codes = exit::line(&[
        (Exit::Success, "成功"),
        (Exit::Error, "输出无法写入"),
        (Exit::Usage, "用法错误或政策文件有错误"),
    ]);
    format!("{examples}{codes}")
}

fn policy_check_help() -> String {
    exit::line(&[(Exit::Success, "文件可用"), (Exit::Usage, "文件有错误（逐条列出行号和键）")])
}

fn policy_test_help() -> String {
    let examples = concat!(
        "示例：\n",
        "  guantong policy test                        # 内置政策及其案例\n",
        "  guantong policy test --policy 我市政策.toml  # 读同目录的 我市政策.cases.toml\n\n",
        "案例文件的写法见 policies/README.md。\n",
    );
    let codes = exit::line(&[
        (Exit::Success, "全部通过"),
        (Exit::Usage, "政策文件或案例文件有错误"),
        (Exit::CasesFailed, "有案例未通过（逐条列出）"),
    ]);
    format!("{examples}{codes}")
}

fn serve_help() -> String {
    let examples = concat!(
        "示例：\n",
        "  guantong serve                 # 打开浏览器；在终端按 Ctrl+C 停止\n",
        "  guantong serve --no-browser --port 8080\n\n",
        "只在本机（127.0.0.1）提供服务，其他电脑和其他网页都无法访问；地址中带有随机的访问令牌。\n",
        "上传的名册放在临时文件夹中，任务关闭、取消或服务停止时删除。\n\n",
    );
    let codes = exit::line(&[(Exit::Success, "已停止"), (Exit::Error, "无法启动（如端口已被占用）")]);
    format!("{examples}{codes}")
}

#[derive(Debug, Parser)]
#[command(name = "guantong", version, about = "贯通：按职业发展贯通政策（默认鞍人社〔2020〕33号）批量筛选高技能人才与工程技术人才贯通资格", after_help = exit::table())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 筛选花名册，输出带注释的工作簿和/或JSONL
    #[command(after_help = screen_help())]
    Screen(ScreenArgs),
    /// 检查花名册：只读取和规范、不筛选，列出数据问题，输出标出问题单元格的工作簿；企业报送前自查
    #[command(after_help = check_help())]
    Check(CheckArgs),
    /// 对比两个政策（或同一政策的两个评价日期）：同一批名册下谁的结论变了、怎么变、依据哪条
    #[command(after_help = compare_help())]
    Compare(CompareArgs),
    /// 生成花名册模板：填表说明、带下拉列表的花名册和一行示例，企业填好后直接筛选
    #[command(after_help = template_help())]
    Template(TemplateArgs),
    /// 政策文件：显示正在使用的政策，或检查一个政策文件
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// 不用命令行：在本机启动一个网页，在浏览器中选择名册，筛选、检查、生成模板、检查政策文件（Windows 上双击 guantong.exe 即可）
    #[command(after_help = serve_help())]
    Serve(ServeArgs),
    /// Reads the files a parent run sends on stdin and streams what it reads on stdout
    /// (src/read/worker.rs).
    #[command(name = "read-worker", hide = true)]
    ReadWorker,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// 输出正在使用的政策文件（默认为内置的鞍人社〔2020〕33号），可另存后修改，再用 --policy 读回
    #[command(
        after_help = "示例：\n  guantong policy show > 我市政策.toml\n  guantong policy show --policy 我市政策.toml"
    )]
    Show {
        /// 显示这个政策文件（检查后原样输出）
        #[arg(long, value_name = "文件")]
        policy: Option<PathBuf>,
    },
    /// 检查政策文件：语法、条款编号、等级与职称名称、阶梯顺序、无法达到的破格档次
    #[command(after_help = policy_check_help())]
    Check {
        /// 要检查的政策文件（.toml）
        #[arg(value_name = "政策文件")]
        file: PathBuf,
    },
    /// 运行政策的测试案例：每个案例是一个人（表头 → 单元格）、评价日期和应得的结果，逐一筛选并比对
    #[command(after_help = policy_test_help())]
    Test {
        /// 政策文件（默认内置的鞍人社〔2020〕33号）
        #[arg(long, value_name = "文件")]
        policy: Option<PathBuf>,
        /// 案例文件（默认与政策文件同目录、同名的 .cases.toml）
        #[arg(long, value_name = "文件")]
        cases: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// 名册文件（xlsx、xlsm、xls、ods、csv、txt）或文件夹
    #[arg(required = true, value_name = "名册文件或文件夹")]
    pub inputs: Vec<PathBuf>,
    /// 评价日期（YYYY-MM-DD），默认今天；所有年限都计算到这一天
    #[arg(long, value_name = "日期")]
    pub as_of: Option<String>,
    /// 输出的工作簿（.xlsx）
    #[arg(short, long, value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 输出的JSONL（每行一人）
    #[arg(long, value_name = "文件")]
    pub jsonl: Option<PathBuf>,
    /// 只筛选这些工作表（可重复）
    #[arg(long, value_name = "工作表")]
    pub sheet: Vec<String>,
    /// 把某个表头映射为字段，如 '从业工种=职业（工种）' 或 '从业工种=occupation'（可重复）
    #[arg(long, value_name = "表头=字段")]
    pub map: Vec<String>,
    /// 按这个政策文件筛选（默认为内置的鞍人社〔2020〕33号；格式见 policies/README.md）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
    /// “即将符合”表看评价日期之后多少个月内满足年限的人员（默认 12）
    #[arg(long, value_name = "月数", default_value_t = 12, hide_default_value = true, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub horizon: u32,
    /// 身份证号脱敏（保留前6位和后4位）
    #[arg(long)]
    pub mask_id: bool,
    /// 另按这个字段拆分，每个单位一个工作簿（如 --split-by 单位；也可按 部门、岗位类别、职业（工种）），须同时给出 --split-dir 和 -o
    #[arg(long, value_name = "字段")]
    pub split_by: Option<String>,
    /// 拆分出的工作簿写到这个文件夹（不存在时新建；以前拆分出的同名文件会被替换，输入文件不会）
    #[arg(long, value_name = "文件夹")]
    pub split_dir: Option<PathBuf>,
    /// 拆分时一个分桶在内存中最多放多少行，只供测试使用
    #[arg(long, hide = true, default_value_t = crate::pipeline::split::HELD)]
    pub split_bucket_rows: usize,
    /// 工作簿的压缩级别：1 最快、文件最大，9 最慢、文件最小（默认 2：比 6 快约四分之一，文件大约三分之一）
    #[arg(long, value_name = "1-9", hide_default_value = true, default_value_t = crate::write::workbook::DEFAULT_ZIP_LEVEL, value_parser = clap::value_parser!(u8).range(1..=9))]
    pub zip_level: u8,
    /// 不显示进度和汇总
    #[arg(short, long)]
    pub quiet: bool,
    /// 每个结果工作表的最大行数（含表头），用于测试分表
    #[arg(long, hide = true, default_value_t = crate::write::workbook::EXCEL_MAX_ROWS)]
    pub max_rows_per_sheet: u32,
    /// 在本进程中读取工作簿（不用子进程隔离），只供 scripts/bench.sh 测量隔离的开销
    #[arg(long, hide = true)]
    pub read_in_process: bool,
    /// 进度以每行一个JSON对象写到标准输出（供 guantong serve 的页面显示），最后一行是结果
    #[arg(long, hide = true)]
    pub progress_json: bool,
}

/// `guantong check`: the options of `screen` that reading and normalizing need, and the workbook.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 名册文件（xlsx、xlsm、xls、ods、csv、txt）或文件夹
    #[arg(required = true, value_name = "名册文件或文件夹")]
    pub inputs: Vec<PathBuf>,
    /// 检查结果工作簿（.xlsx）；不写时只在终端显示各文件的问题条数
    #[arg(short, long, value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 评价日期（YYYY-MM-DD），默认今天；晚于这一天的日期记为数据问题
    #[arg(long, value_name = "日期")]
    pub as_of: Option<String>,
    /// 只检查这些工作表（可重复）
    #[arg(long, value_name = "工作表")]
    pub sheet: Vec<String>,
    /// 把某个表头映射为字段，如 '从业工种=职业（工种）' 或 '从业工种=occupation'（可重复）
    #[arg(long, value_name = "表头=字段")]
    pub map: Vec<String>,
    /// 按这个政策文件识别等级、职称、考核等次和荣誉（默认为内置的鞍人社〔2020〕33号）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
    /// 身份证号脱敏（保留前6位和后4位）
    #[arg(long)]
    pub mask_id: bool,
    /// 不显示读取情况、进度和各文件的问题条数（错误照常显示）
    #[arg(short, long)]
    pub quiet: bool,
    /// 在本进程中读取工作簿（不用子进程隔离），只供 scripts/bench.sh 测量隔离的开销
    #[arg(long, hide = true)]
    pub read_in_process: bool,
    /// 进度以每行一个JSON对象写到标准输出（供 guantong serve 的页面显示），最后一行是结果
    #[arg(long, hide = true)]
    pub progress_json: bool,
}

/// `guantong compare`: `screen`'s reading options, two sides (policy A and its date, policy B
/// and its date) and the outputs of the comparison.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// 名册文件（xlsx、xlsm、xls、ods、csv、txt）或文件夹
    #[arg(required = true, value_name = "名册文件或文件夹")]
    pub inputs: Vec<PathBuf>,
    /// 对比的一方（A）：这个政策文件（默认为内置的鞍人社〔2020〕33号）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
    /// 对比的另一方（B）：这个政策文件（不写时与 A 相同，只对比两个评价日期）
    #[arg(long, value_name = "文件")]
    pub against: Option<PathBuf>,
    /// A 的评价日期（YYYY-MM-DD），默认今天
    #[arg(long, value_name = "日期")]
    pub as_of: Option<String>,
    /// B 的评价日期，默认与 A 相同（如明年的同一天：到那时谁符合）
    #[arg(long, value_name = "日期")]
    pub against_as_of: Option<String>,
    /// 输出的对比工作簿（.xlsx）
    #[arg(short, long, value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 输出的JSONL（每个结论不同的人一行，含两边的结论和变化类型）
    #[arg(long, value_name = "文件")]
    pub jsonl: Option<PathBuf>,
    /// 结论相同的人也列出（默认只计数）
    #[arg(long)]
    pub all: bool,
    /// 只读这些工作表（可重复）
    #[arg(long, value_name = "工作表")]
    pub sheet: Vec<String>,
    /// 把某个表头映射为字段，如 '从业工种=职业（工种）' 或 '从业工种=occupation'（可重复）
    #[arg(long, value_name = "表头=字段")]
    pub map: Vec<String>,
    /// 身份证号脱敏（保留前6位和后4位）
    #[arg(long)]
    pub mask_id: bool,
    /// 不显示进度和汇总
    #[arg(short, long)]
    pub quiet: bool,
    /// 在本进程中读取工作簿（不用子进程隔离），只供 scripts/bench.sh 测量隔离的开销
    #[arg(long, hide = true)]
    pub read_in_process: bool,
    /// 进度以每行一个JSON对象写到标准输出（供 guantong serve 的页面显示），最后一行是结果
    #[arg(long, hide = true)]
    pub progress_json: bool,
}

/// `guantong serve`: the page in the browser ([`crate::serve`]).
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 不自动打开浏览器（只在终端显示地址）
    #[arg(long)]
    pub no_browser: bool,
    /// 端口（默认 0：任选一个空闲端口）
    #[arg(long, value_name = "端口", default_value_t = 0, hide_default_value = true)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// 输出的模板工作簿（.xlsx）
    #[arg(short, long, value_name = "文件")]
    pub output: PathBuf,
    /// 按这个政策文件生成下拉列表和填表说明（默认为内置的鞍人社〔2020〕33号）
    #[arg(long, value_name = "文件")]
    pub policy: Option<PathBuf>,
    /// 填报年份，默认今年：年度考核列为此前的几个年度（年数由政策规定，33号为3年：2026 → 2023、2024、2025年度考核）
    #[arg(long, value_name = "年份", value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub year: Option<i32>,
}

/// How every command's help reads: in Chinese, clap's own words replaced.
const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line in Chinese: clap's help and version flags, headings and template replaced on
/// every (sub)command. clap's own English is kept out of what a user reads.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    chinese(Cli::command(), "")
}

/// `cmd` in Chinese; `parent` is the command line above it (`guantong `), for its usage line.
fn chinese(cmd: clap::Command, parent: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    let mut cmd = cmd
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    if cmd.get_version().is_some() {
        cmd = cmd
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本"));
    }
    let ids: Vec<(clap::Id, bool)> = cmd.get_arguments().map(|a| (a.get_id().clone(), a.is_positional())).collect();
    for (id, positional) in ids {
        cmd = cmd.mut_arg(id, |a| a.help_heading(if positional { "参数" } else { "选项" }));
    }
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").replace("[OPTIONS]", "[选项]").replace("<COMMAND>", "<命令>");
    let parent = format!("{parent}{} ", cmd.get_name());
    cmd.override_usage(format!("{parent}{}", usage.split_once(' ').map_or("", |(_, rest)| rest)))
        .mut_subcommands(|sub| chinese(sub, &parent))
}

/// What is said after the help when the program is started with nothing.
const NOTHING_GIVEN: &str =
    "没有给出命令或名册。筛选时可以把名册文件或文件夹拖到 guantong（Windows 上是 guantong.exe）上，\
     结果按默认设置写在它旁边（筛选结果_年月日.xlsx）；或在命令行中写 guantong screen 名册文件或文件夹 -o 结果.xlsx；\
     不用命令行时运行 guantong serve（或双击 guantong.exe），在浏览器中操作";

/// Parses the command line, or paths dropped on the program ([`crate::dropped`]) as `screen` with
/// the defaults; help and version are printed and the process exits, as clap does, and a mistake
/// (or nothing given) is said in Chinese (exit 2).
pub fn parse() -> Result<Cli, String> {
    use crate::dropped::{arguments, screen_command, Arguments};
    use clap::FromArgMatches;
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let program = argv.first().cloned().unwrap_or_else(|| "guantong".into());
    let command = command();
    let mut subcommands: Vec<&str> = command.get_subcommands().map(clap::Command::get_name).collect();
    subcommands.push("help");
    match arguments(argv.get(1..).unwrap_or_default(), &subcommands) {
        // Double-clicked (nothing given, the console the program's own): the page in the browser.
        Arguments::Typed if argv.len() == 1 && crate::dropped::console_is_ours() => argv.push("serve".into()),
        Arguments::Typed => {}
        Arguments::Dropped(paths) => argv = screen_command(program, &paths, chrono::Local::now().date_naive()),
        Arguments::Missing(paths) => return Err(crate::dropped::missing(&paths)),
    }
    let matches = command.try_get_matches_from(argv).map_err(|e| match e.kind() {
        clap::error::ErrorKind::DisplayVersion => {
            println!("guantong {}", env!("CARGO_PKG_VERSION"));
            std::process::exit(0)
        }
        clap::error::ErrorKind::DisplayHelp => e.exit(),
        // Nothing given (on Windows, the exe double-clicked): the help, and the way to start
        // that needs no command line, returned so that the window is held open to read it.
        clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            NOTHING_GIVEN.to_string()
        }
        _ => mistake(&e),
    })?;
    Cli::from_arg_matches(&matches).map_err(|e| mistake(&e))
}

/// A clap error in Chinese, with what to do next.
fn mistake(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let arg = if arg.is_empty() { context(ContextKind::InvalidSubcommand) } else { arg };
    // clap lists every near name, the likeliest last (`scren` is near `serve` too): that one only.
    let likeliest = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.last().cloned().unwrap_or_default(),
        _ => context(kind),
    };
    let suggested = likeliest(ContextKind::SuggestedArg);
    let suggested = if suggested.is_empty() { likeliest(ContextKind::SuggestedSubcommand) } else { suggested };
    let hint = if suggested.is_empty() { String::new() } else { format!("（是否想用 {suggested}？）") };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”{hint}"),
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令“{arg}”{hint}；可用的命令：screen（筛选）、check（检查名册）、compare（对比政策）、template（花名册模板）、policy（政策文件）、serve（在浏览器中操作）")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", arg.replace("...", ""))
        }
        ErrorKind::MissingSubcommand => {
            "缺少命令：screen（筛选）、check（检查名册）、template（花名册模板）、policy（政策文件）或 serve（在浏览器中操作）；\
             也可以只给名册文件或文件夹（或在 Windows 上把它们拖到 guantong.exe 上），按默认设置筛选"
                .to_string()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = context(ContextKind::InvalidValue);
            let valid = context(ContextKind::ValidValue);
            let valid = if valid.is_empty() { String::new() } else { format!("，可用的值：{valid}") };
            format!("参数 {arg} 的值“{value}”无效{valid}")
        }
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与 {} 同时使用", context(ContextKind::PriorArg)),
        _ => "命令行有误".to_string(),
    };
    format!("{what}\n运行 guantong --help 或 guantong screen --help 查看全部命令和选项")
}

/// A usage error found while validating arguments.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error("评价日期“{given}”{why}：请写成 2025-12-31、2025/12/31、20251231 或 2025年12月31日")]
    AsOf { given: String, why: &'static str },
    #[error("输出工作簿“{0}”须以 .xlsx 结尾（Excel 和 WPS 按扩展名识别文件类型；JSONL 请用 --jsonl）")]
    NotXlsx(PathBuf),
    #[error("模板“{0}”须以 .xlsx 结尾（Excel 和 WPS 按扩展名识别文件类型）")]
    TemplateNotXlsx(PathBuf),
    #[error("--map “{0}”格式应为 表头=字段")]
    MapSyntax(String),
    #[error("--map 中的字段“{key}”不存在。可用字段：{valid}")]
    MapKey { key: String, valid: String },
    #[error("请用 -o 指定输出工作簿，或用 --jsonl 指定JSONL输出")]
    NoOutput,
    #[error("-o 和 --jsonl 指向同一个文件“{0}”：工作簿和 JSONL 请写到不同的文件")]
    SameOutput(PathBuf),
    #[error("--split-by 的字段“{0}”不能用于拆分。可用：单位、部门、岗位类别、职业（工种）")]
    SplitKey(String),
    #[error("{0}")]
    SplitNeeds(&'static str),
    #[error("没有可对比的：请用 --against 指定另一个政策文件，或用 --against-as-of 指定另一个评价日期")]
    NothingToCompare,
}

impl ScreenArgs {
    /// `--split-by` and `--split-dir`: the field and the folder, both or neither, with `-o` (the
    /// main workbook lists what was split in 拆分结果).
    pub fn split(&self) -> Result<Option<(Key, PathBuf)>, UsageError> {
        match (&self.split_by, &self.split_dir) {
            (None, None) => Ok(None),
            (None, Some(_)) => {
                Err(UsageError::SplitNeeds("--split-dir 须与 --split-by 一起使用（如 --split-by 单位）"))
            }
            (Some(_), None) => {
                Err(UsageError::SplitNeeds("--split-by 须同时用 --split-dir 指定拆分出的工作簿写到哪个文件夹"))
            }
            (Some(_), Some(_)) if self.output.is_none() => Err(UsageError::SplitNeeds(
                "--split-by 须同时用 -o 指定总工作簿（其中的“拆分结果”表列出拆分出的各个文件）",
            )),
            (Some(by), Some(dir)) => {
                let key = crate::pipeline::split::key(by).ok_or_else(|| UsageError::SplitKey(by.clone()))?;
                Ok(Some((key, dir.clone())))
            }
        }
    }

    pub fn config(&self, today: NaiveDate, policy: &'static Policy) -> Result<Config, UsageError> {
        if self.output.is_none() && self.jsonl.is_none() {
            return Err(UsageError::NoOutput);
        }
        if let (Some(o), Some(j)) = (&self.output, &self.jsonl) {
            if same_file(o, j) {
                return Err(UsageError::SameOutput(o.clone()));
            }
        }
        Roster {
            inputs: &self.inputs,
            workbook: self.output.as_deref(),
            as_of: self.as_of.as_deref(),
            sheets: &self.sheet,
            maps: &self.map,
            mask_id: self.mask_id,
            outputs: self.output.iter().chain(&self.jsonl).cloned().collect(),
            read_in_process: self.read_in_process,
            horizon: self.horizon,
        }
        .config(today, policy)
    }
}

impl CompareArgs {
    /// The configuration of side A, whose run reads the rosters (B's declared facts are read
    /// from the same rows: their headers are among the maps), and the date of side B.
    pub fn config(
        &self,
        today: NaiveDate,
        a: &'static Policy,
        b: &'static Policy,
    ) -> Result<(Config, NaiveDate), UsageError> {
        if self.against.is_none() && self.against_as_of.is_none() {
            return Err(UsageError::NothingToCompare);
        }
        if self.output.is_none() && self.jsonl.is_none() {
            return Err(UsageError::NoOutput);
        }
        if let (Some(o), Some(j)) = (&self.output, &self.jsonl) {
            if same_file(o, j) {
                return Err(UsageError::SameOutput(o.clone()));
            }
        }
        let mut config = Roster {
            inputs: &self.inputs,
            workbook: self.output.as_deref(),
            as_of: self.as_of.as_deref(),
            sheets: &self.sheet,
            maps: &self.map,
            mask_id: self.mask_id,
            outputs: self.output.iter().chain(&self.jsonl).cloned().collect(),
            read_in_process: self.read_in_process,
            horizon: 12,
        }
        .config(today, a)?;
        let columns = b.fact_columns_after(a);
        let own = |k: &Key| !config.maps.iter().any(|(_, key)| key == k);
        let maps: Vec<(String, Key)> = b.fact_maps_at(&columns).filter(|(_, k)| own(k)).collect();
        config.maps.extend(maps);
        let against = match &self.against_as_of {
            None => config.as_of,
            Some(s) => as_of(s).map_err(|why| UsageError::AsOf { given: s.to_string(), why })?,
        };
        Ok((config, against))
    }
}

impl CheckArgs {
    /// Validated as `screen`'s options are; `-o` is optional (without it, the terminal report only).
    pub fn config(&self, today: NaiveDate, policy: &'static Policy) -> Result<Config, UsageError> {
        Roster {
            inputs: &self.inputs,
            workbook: self.output.as_deref(),
            as_of: self.as_of.as_deref(),
            sheets: &self.sheet,
            maps: &self.map,
            mask_id: self.mask_id,
            outputs: self.output.iter().cloned().collect(),
            read_in_process: self.read_in_process,
            // No 即将符合 in a check: the default, unused.
            horizon: 12,
        }
        .config(today, policy)
    }
}

/// What `screen` and `check` both take, validated one way into a [`Config`].
struct Roster<'a> {
    inputs: &'a [PathBuf],
    /// `-o`, which must be an .xlsx.
    workbook: Option<&'a std::path::Path>,
    as_of: Option<&'a str>,
    sheets: &'a [String],
    maps: &'a [String],
    mask_id: bool,
    /// Every output of the run: never read as an input, and where the spill goes.
    outputs: Vec<PathBuf>,
    read_in_process: bool,
    horizon: u32,
}

impl Roster<'_> {
    fn config(self, today: NaiveDate, policy: &'static Policy) -> Result<Config, UsageError> {
        if let Some(o) = self.workbook.filter(|o| !is_xlsx(o)) {
            return Err(UsageError::NotXlsx(o.to_path_buf()));
        }
        let as_of = match self.as_of {
            None => today,
            Some(s) => as_of(s).map_err(|why| UsageError::AsOf { given: s.to_string(), why })?,
        };
        let maps = self
            .maps
            .iter()
            .map(|m| {
                let (header, key) = m.rsplit_once('=').ok_or_else(|| UsageError::MapSyntax(m.clone()))?;
                let key = Key::from_id(key.trim()).ok_or_else(|| UsageError::MapKey {
                    key: key.trim().to_string(),
                    valid: FIELDS.iter().map(|f| format!("{}（{}）", f.label, f.id)).collect::<Vec<_>>().join("、"),
                })?;
                Ok((header_text(&Cell::Text(header.into())), key))
            })
            .chain(policy.fact_maps().map(Ok))
            .collect::<Result<_, _>>()?;
        // The spill goes beside the outputs: a disk with room for them has room for it.
        let spill_dir = self.outputs.first().and_then(|p| p.parent()).map(|d| {
            if d.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                d.to_path_buf()
            }
        });
        Ok(Config {
            inputs: self.inputs.to_vec(),
            sheets: self.sheets.to_vec(),
            maps,
            as_of,
            mask_id: self.mask_id,
            spill_dir,
            reader: if self.read_in_process { None } else { crate::read::worker::current_exe() },
            outputs: self.outputs,
            policy,
            horizon: self.horizon,
        })
    }
}

impl TemplateArgs {
    /// The template to write: for the policy in force and the year given, or `today`'s.
    pub fn template(&self, today: NaiveDate, policy: &'static Policy) -> Result<Template, UsageError> {
        if !is_xlsx(&self.output) {
            return Err(UsageError::TemplateNotXlsx(self.output.clone()));
        }
        Ok(Template { policy, year: self.year.unwrap_or_else(|| today.year()) })
    }
}

/// Does Excel (and WPS) open this path as a workbook? They go by the extension.
fn is_xlsx(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// An evaluation date as people type it: `2025-12-31`, `2025/12/31`, `2025.12.31`, `20251231`,
/// `2025年12月31日`, full-width digits too. `Err` says what is wrong, for the message.
fn as_of(s: &str) -> Result<NaiveDate, &'static str> {
    let folded = crate::normalize::text::fold(s);
    let digits: Vec<&str> = folded.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let parts: Vec<u32> = match digits.as_slice() {
        [all] if all.len() == 8 => {
            vec![all[..4].parse().unwrap_or(0), all[4..6].parse().unwrap_or(0), all[6..].parse().unwrap_or(0)]
        }
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            [y, m, d].iter().map(|p| p.parse().unwrap_or(0)).collect()
        }
        [y, m] if y.len() == 4 && m.len() <= 2 => return Err("只写到月份，评价日期须写到日"),
        [y] if y.len() == 4 => return Err("只写了年份，评价日期须写到日"),
        _ => return Err("无法识别"),
    };
    let (year, month, day) = (parts[0] as i32, parts[1], parts[2]);
    if !(1..=12).contains(&month) {
        return Err("的月份不存在（应为 1 到 12）");
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or("的日期不存在（该月没有这一天）")
}

/// Do two paths name one file? Compared as absolute paths with `.` and `..` taken out (the files
/// need not exist yet), and by their real paths where both exist (a link to the other).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    use std::path::Component;
    let lexical = |p: &std::path::Path| {
        let mut out = PathBuf::new();
        for c in std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    };
    lexical(a) == lexical(b) || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_takes_the_forms_people_type() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        for s in ["2025-12-31", "2025/12/31", "2025.12.31", "20251231", "2025年12月31日", " ２０２５－１２－３１ "]
        {
            assert_eq!(as_of(s), Ok(d), "{s}");
        }
        assert_eq!(as_of("2025-1-5"), Ok(NaiveDate::from_ymd_opt(2025, 1, 5).unwrap()));
        assert_eq!(as_of("2025-13-01"), Err("的月份不存在（应为 1 到 12）"));
        assert_eq!(as_of("2025-02-30"), Err("的日期不存在（该月没有这一天）"));
        assert_eq!(as_of("2025-12"), Err("只写到月份，评价日期须写到日"));
        assert_eq!(as_of("明天"), Err("无法识别"));
    }
}
