//! What a file really is, read from its first bytes rather than its name: government and HR
//! systems save HTML tables, XML Spreadsheet 2003 and tab-separated text as ".xls", and people
//! rename files. Each is read as what it is, and the report says so when the name misleads.

use std::io::Read;
use std::path::Path;

/// A file's format, by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An Office Open XML workbook (xlsx, xlsm).
    Xlsx,
    /// Excel's binary workbook (xlsb).
    Xlsb,
    /// An OpenDocument spreadsheet.
    Ods,
    /// A compound file (OLE2): an Excel 97–2003 workbook, or another Office 97 document.
    Cfb,
    /// An HTML page (what "导出Excel" of many web systems writes).
    Html,
    /// Excel's XML Spreadsheet 2003.
    SpreadsheetMl,
    /// Delimited text (CSV, TSV), in any encoding.
    Text,
    /// A Word document, a PDF, an image …: not a table.
    Other(&'static str),
    /// Nothing in it.
    Empty,
}

impl Kind {
    /// The name a person knows the format by.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "Excel 工作簿（xlsx）",
            Kind::Xlsb => "Excel 二进制工作簿（xlsb）",
            Kind::Ods => "OpenDocument 表格（ods）",
            Kind::Cfb => "Excel 97–2003 工作簿（xls）",
            Kind::Html => "HTML 网页表格",
            Kind::SpreadsheetMl => "XML 表格（Excel 2003 XML）",
            Kind::Text => "文本表格（CSV/TSV）",
            Kind::Other(what) => what,
            Kind::Empty => "空文件",
        }
    }

    /// The kinds a file name's extension promises.
    pub fn expected(path: &Path) -> &'static [Kind] {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" => &[Kind::Xlsx],
            "xlsb" => &[Kind::Xlsb],
            "xls" => &[Kind::Cfb],
            "ods" => &[Kind::Ods],
            "csv" | "txt" | "tsv" => &[Kind::Text],
            "htm" | "html" => &[Kind::Html],
            "xml" => &[Kind::SpreadsheetMl],
            _ => &[],
        }
    }
}

/// Reads the start of `path` and says what it is.
pub fn sniff(path: &Path) -> std::io::Result<Kind> {
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(path)?.take(8192).read_to_end(&mut head)?;
    if head.is_empty() {
        return Ok(Kind::Empty);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(zip_kind(path));
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Kind::Cfb);
    }
    if head.starts_with(b"%PDF") {
        return Ok(Kind::Other("PDF 文档"));
    }
    if head.starts_with(b"\x89PNG") || head.starts_with(b"\xFF\xD8\xFF") || head.starts_with(b"GIF8") {
        return Ok(Kind::Other("图片"));
    }
    if head.starts_with(b"{\\rtf") {
        return Ok(Kind::Other("RTF 文档"));
    }
    let text = crate::read::csv::decode(head);
    let start = text.trim_start_matches('\u{FEFF}').trim_start();
    let lower: String = start.chars().take(4096).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<?xml") && lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        return Ok(Kind::SpreadsheetMl);
    }
    if (lower.starts_with('<') || lower.starts_with("<!doctype"))
        && (lower.contains("<table") || lower.contains("<html"))
    {
        return Ok(Kind::Html);
    }
    // Text is what is left, unless it is full of control characters (random bytes, a binary).
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let chars = text.chars().count().max(1);
    if (controls + replaced) * 20 > chars {
        return Ok(Kind::Other("无法识别的二进制文件"));
    }
    Ok(Kind::Text)
}

/// A zip is an xlsx, an ods, or another Office Open XML document.
fn zip_kind(path: &Path) -> Kind {
    let Ok(mut zip) = std::fs::File::open(path).map_err(|_| ()).and_then(|f| zip::ZipArchive::new(f).map_err(|_| ()))
    else {
        return Kind::Xlsx;
    };
    if let Ok(mut mimetype) = zip.by_name("mimetype") {
        let mut m = String::new();
        let _ = mimetype.read_to_string(&mut m);
        if m.contains("spreadsheet") {
            return Kind::Ods;
        }
        return Kind::Other("OpenDocument 文本或演示文稿");
    }
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    if names.iter().any(|n| n.starts_with("word/")) {
        return Kind::Other("Word 文档");
    }
    if names.iter().any(|n| n.starts_with("ppt/")) {
        return Kind::Other("PowerPoint 演示文稿");
    }
    if names.iter().any(|n| n == "xl/workbook.bin") {
        return Kind::Xlsb;
    }
    Kind::Xlsx
}

/// The mark guantong leaves in the workbooks it writes (a custom document property), so that a
/// folder screened again with its old results inside does not screen them as rosters.
pub const OWN_MARK: &str = "guantong";

/// Is this a workbook guantong wrote?
pub fn is_own_output(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return false };
    let Ok(mut zip) = zip::ZipArchive::new(file) else { return false };
    let Ok(custom) = zip.by_name("docProps/custom.xml") else { return false };
    let mut text = String::new();
    custom.take(1 << 16).read_to_string(&mut text).is_ok() && text.contains(&format!("name=\"{OWN_MARK}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], Kind); 7] = [
            ("a.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", Kind::Html),
            ("b.xls", b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">", Kind::SpreadsheetMl),
            ("c.xls", "姓名\t技能等级\n张三\t技师\n".as_bytes(), Kind::Text),
            ("d.xlsx", b"", Kind::Empty),
            ("e.xls", b"%PDF-1.4\n", Kind::Other("PDF 文档")),
            ("f.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], Kind::Cfb),
            ("g.csv", &[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0E], Kind::Other("无法识别的二进制文件")),
        ];
        for (name, bytes, kind) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(sniff(&path).unwrap(), kind, "{name}");
        }
        let utf16: Vec<u8> = "姓名\t技能等级\r\n张三\t技师\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let path = dir.path().join("u.txt");
        std::fs::write(&path, utf16).unwrap();
        assert_eq!(sniff(&path).unwrap(), Kind::Text);
    }
}
