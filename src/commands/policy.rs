//! The commands about the policy itself — `policy show`, `policy check`, `policy test` — and
//! `template`, the roster form a policy asks for.

use super::{load_policy, CommandError};
use crate::cases::Cases;
use crate::cli::{PolicyCommand, TemplateArgs};
use crate::exit::Exit;
use crate::policy::Policy;
use crate::summary;
use crate::write;
use std::path::Path;

/// `policy show` prints the policy in force exactly as its file reads, so that `--policy` of the
/// printed file screens the same; `policy check` says whether a file can be used, every problem
/// with its line.
pub fn policy(command: &PolicyCommand) -> Result<Exit, CommandError> {
    match command {
        PolicyCommand::Show { policy } => {
            use std::io::Write;
            let p = load_policy(policy.as_deref())?;
            let mut out = std::io::stdout().lock();
            out.write_all(p.source.text.as_bytes()).and_then(|()| out.flush()).map_err(CommandError::Stdout)?;
            Ok(Exit::Success)
        }
        PolicyCommand::Check { file } => {
            let p = Policy::from_file(file)?;
            println!("{}：可以使用。{}", file.display(), summary::policy(p));
            for w in &p.warnings {
                let key = if w.key.is_empty() { String::new() } else { format!("（{}）", w.key) };
                println!("  提示：第{}行{key}：{}", w.line, w.what);
            }
            Ok(Exit::Success)
        }
        PolicyCommand::Test { policy, cases } => policy_test(policy.as_deref(), cases.as_deref()),
    }
}

/// `policy test`: the policy's cases, each screened and compared; every failing case said with
/// what differs.
fn policy_test(path: Option<&Path>, cases: Option<&Path>) -> Result<Exit, CommandError> {
    let policy = load_policy(path)?;
    let cases = match (cases, path) {
        (Some(file), _) => Cases::from_file(file),
        (None, Some(policy)) => {
            let beside = Cases::beside(policy);
            if !beside.exists() {
                return Err(CommandError::NoCases(beside));
            }
            Cases::from_file(&beside)
        }
        (None, None) => Cases::embedded(),
    };
    let cases = cases?;
    let mut failed = 0;
    for case in &cases.cases {
        let wrong = case.run(policy);
        if !wrong.is_empty() {
            failed += 1;
            println!("未通过 第{}行「{}」：", case.line, case.name);
            for w in wrong {
                println!("    {w}");
            }
        }
    }
    let total = cases.cases.len();
    println!(
        "政策测试：{}，案例文件 {}：共 {total} 例，通过 {} 例，未通过 {failed} 例",
        summary::policy(policy),
        cases.file,
        total - failed
    );
    Ok(if failed > 0 { Exit::CasesFailed } else { Exit::Success })
}

/// `template` writes the roster template of the policy in force, checked like `screen`'s `-o`
/// before anything is written.
pub fn template(args: &TemplateArgs) -> Result<Exit, CommandError> {
    let policy = load_policy(args.policy.as_deref())?;
    let template = args.template(chrono::Local::now().date_naive(), policy)?;
    write::check_not_input(&args.output, args.policy.as_slice()).map_err(CommandError::OutputIsInput)?;
    write::check_folder(&args.output).and_then(|()| write::template::write(&args.output, &template))?;
    eprintln!(
        "已写出：{}（{}，填报年度 {}年，年度考核列 {}）",
        args.output.display(),
        policy.document.number,
        template.year,
        template.appraisal_years().iter().map(|y| format!("{y}年度")).collect::<Vec<_>>().join("、")
    );
    Ok(Exit::Success)
}
