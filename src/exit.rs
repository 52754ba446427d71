//! The exit codes, described once: the binary ends with them, and every help text that lists them
//! is made from this table, each command with the codes it can end with.

use std::process::ExitCode;

/// How a run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// An output cannot be written, or the run failed.
    Error,
    /// The command line is wrong, or the policy file (or its cases) has mistakes.
    Usage,
    /// Nothing could be screened: no roster, or no data rows.
    Unreadable,
    /// Done, but some input files could not be read or some sheets screened.
    Partial,
    /// `check`: an 错误 is left in the roster.
    ErrorsLeft,
    /// `policy test`: a case did not screen as it says.
    CasesFailed,
}

impl Exit {
    pub const ALL: [Exit; 7] =
        [Exit::Success, Exit::Error, Exit::Usage, Exit::Unreadable, Exit::Partial, Exit::ErrorsLeft, Exit::CasesFailed];

    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Error => 1,
            Exit::Usage => 2,
            Exit::Unreadable => 3,
            Exit::Partial => 4,
            Exit::ErrorsLeft => 5,
            Exit::CasesFailed => 6,
        }
    }

    /// What the code means, as the main help lists it.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "成功",
            Exit::Error => "输出无法写入或运行出错",
            Exit::Usage => "用法错误（参数不正确，或 --policy 指定的政策文件有错误）",
            Exit::Unreadable => "输入无法读取：没有任何可筛选的名册，或名册中没有数据行",
            Exit::Partial => "已完成，但部分输入文件无法读取或部分工作表无法筛选（见“数据问题”表）",
            Exit::ErrorsLeft => "check：名册中有“错误”级的数据问题须更正（无法读取的文件、无法检查的工作表也算）",
            Exit::CasesFailed => "policy test：有案例未通过",
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

/// The main help's table: every code on a line of its own.
pub fn table() -> String {
    let lines: Vec<String> = Exit::ALL.iter().map(|e| format!("  {}  {}", e.code(), e.meaning())).collect();
    format!("退出码：\n{}", lines.join("\n"))
}

/// One command's line: the codes it can end with, each with what it means for that command.
pub fn line(codes: &[(Exit, &str)]) -> String {
    let said: Vec<String> = codes.iter().map(|(e, what)| format!("{} {what}", e.code())).collect();
    format!("退出码：{}", said.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_its_own_and_listed() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, (0..7).collect::<Vec<u8>>());
        let table = table();
        for e in Exit::ALL {
            assert!(table.contains(&format!("  {}  {}", e.code(), e.meaning())), "{e:?}");
        }
        assert_eq!(
            line(&[(Exit::Success, "成功"), (Exit::CasesFailed, "有案例未通过")]),
            "退出码：0 成功；6 有案例未通过"
        );
    }
}
