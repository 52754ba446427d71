//! 公民身份号码 (GB 11643-1999): 17 digits, a check character, a birth date inside.

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// What is wrong with an ID number, if anything.
pub fn problem(id: &str) -> Option<&'static str> {
    let b = id.as_bytes();
    let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    match id.chars().count() {
        18 => {
            if b.len() != 18 || !digits(&b[..17]) || !(b[17].is_ascii_digit() || b[17] == b'X') {
                return Some("身份证号含有非数字字符");
            }
            if birth_date(&b[6..14], 0).is_none() {
                return Some("身份证号中的出生日期无效");
            }
            let sum: u32 = b[..17].iter().zip(WEIGHTS).map(|(c, w)| u32::from(c - b'0') * w).sum();
            (CHECK[(sum % 11) as usize] != char::from(b[17])).then_some("身份证号校验码错误（GB 11643）")
        }
        15 => {
            if b.len() != 15 || !digits(b) {
                Some("身份证号含有非数字字符")
            } else if birth_date(&b[6..12], 1900).is_none() {
                Some("身份证号中的出生日期无效")
            } else {
                None
            }
        }
        _ => Some("身份证号应为18位（或旧式15位）"),
    }
}

/// Whether an ID number is a number in Excel's scientific notation (`2.10303E+17`, `2.1E17`):
/// what a CSV holds when it was saved from a sheet that took the 身份证号 for a number.
pub fn is_scientific(id: &str) -> bool {
    let Some((mantissa, exponent)) = id.split_once('E') else { return false };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    whole.len() == 1 && digits(whole) && digits(fraction) && !exponent.is_empty() && digits(exponent)
}

/// A birth date of ASCII digits (the callers checked them), `YYYYMMDD`, or `YYMMDD` after `century`.
fn birth_date(digits: &[u8], century: i32) -> Option<NaiveDate> {
    let number = |r: &[u8]| r.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let (year, rest) = digits.split_at(digits.len() - 4);
    let y = century + i32::try_from(number(year)).ok()?;
    let d = NaiveDate::from_ymd_opt(y, number(&rest[..2]), number(&rest[2..]))?;
    (d >= NaiveDate::from_ymd_opt(1900, 1, 1)?).then_some(d)
}

/// Keeps the first 6 and last 4 characters (`--mask-id`).
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..6].iter().collect();
    out.extend(std::iter::repeat_n('*', chars.len() - 10));
    out.extend(&chars[chars.len() - 4..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb11643_check_digit_and_birth_date() {
        let cases = [
            ("11010519491231002X", None),
            ("210302198507120015", None),
            ("210302198507120018", Some("身份证号校验码错误（GB 11643）")),
            ("210302198513120015", Some("身份证号中的出生日期无效")),
            ("21030219850712001", Some("身份证号应为18位（或旧式15位）")),
            ("2103021985071200x1", Some("身份证号含有非数字字符")),
            ("210302850712001", None),
            ("210302851312001", Some("身份证号中的出生日期无效")),
            ("21030285071200a", Some("身份证号含有非数字字符")),
            ("21030219850712001９", Some("身份证号含有非数字字符")),
            ("21030219000229001X", Some("身份证号中的出生日期无效")),
        ];
        for (id, expected) in cases {
            assert_eq!(problem(id), expected, "{id}");
        }
    }

    #[test]
    fn scientific_notation_is_told_from_an_id_with_an_x() {
        for sci in ["2.10303E+17", "2.1E17", "2E+17", "2.10303198001011E+17"] {
            assert!(is_scientific(sci), "{sci}");
        }
        for not in ["21030319800101123X", "210303198001011234", "E+17", "2.1E", "12.1E+17", "2.1E-X"] {
            assert!(!is_scientific(not), "{not}");
        }
    }

    #[test]
    fn masks_all_but_first_six_and_last_four() {
        assert_eq!(mask("11010519491231002X"), "110105********002X");
        assert_eq!(mask("123"), "***");
    }
}
