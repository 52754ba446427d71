//! What the operating system said, in words that say what to do. A leaf module: reading's spill
//! file ([`crate::pipeline`]) and every writer ([`crate::write`]) say their failures alike.

/// Why a file could not be written, in words that say what to do.
pub fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: the file is open in another program.
    if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) {
        return "文件正被其他程序打开，请在 Excel 或 WPS 中关闭它后重试".to_string();
    }
    match e.kind() {
        ErrorKind::PermissionDenied => {
            "没有写入权限：文件为只读、正被其他程序打开，或该文件夹不允许写入；请关闭文件或换一个文件夹".to_string()
        }
        ErrorKind::StorageFull => "磁盘空间不足，请清理磁盘或换一个磁盘".to_string(),
        ErrorKind::ReadOnlyFilesystem => "所在磁盘为只读，请换一个文件夹".to_string(),
        ErrorKind::IsADirectory => "该路径是一个文件夹，不是文件；请删去或改名这个文件夹".to_string(),
        ErrorKind::NotFound => "所在文件夹不存在或已被移走".to_string(),
        ErrorKind::InvalidFilename => "路径超出操作系统允许的长度，或文件名中有不允许的字符".to_string(),
        ErrorKind::ResourceBusy => "文件正被其他程序使用，请关闭它后重试".to_string(),
        ErrorKind::FileTooLarge => "文件超过了该磁盘允许的大小，请换一个磁盘".to_string(),
        // The operating system's own words (Chinese on a Chinese Windows).
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::reason;
    use std::io::{Error, ErrorKind};

    #[test]
    fn io_errors_say_what_to_do() {
        assert!(reason(&Error::from(ErrorKind::PermissionDenied)).contains("没有写入权限"));
        assert!(reason(&Error::from(ErrorKind::StorageFull)).contains("磁盘空间不足"));
        assert!(reason(&Error::from(ErrorKind::ReadOnlyFilesystem)).contains("只读"));
    }
}
