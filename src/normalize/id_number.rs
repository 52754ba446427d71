//! 公民身份号码 (GB 11643-1999): 17 digits, a check character, a birth date inside.

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// What is wrong with an ID number, if anything.
pub fn problem(id: &str) -> Option<&'static str> {
    let chars: Vec<char> = id.chars().collect();
    match chars.len() {
        18 => {
            if !chars[..17].iter().all(char::is_ascii_digit) || !(chars[17].is_ascii_digit() || chars[17] == 'X') {
                return Some("身份证号含有非数字字符");
            }
            if birth_date(&id[6..14]).is_none() {
                return Some("身份证号中的出生日期无效");
            }
            let sum: u32 = chars[..17].iter().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
            (CHECK[(sum % 11) as usize] != chars[17]).then_some("身份证号校验码错误（GB 11643）")
        }
        15 => {
            if !chars.iter().all(char::is_ascii_digit) {
                Some("身份证号含有非数字字符")
            } else if birth_date(&format!("19{}", &id[6..12])).is_none() {
                Some("身份证号中的出生日期无效")
            } else {
                None
            }
        }
        _ => Some("身份证号应为18位（或旧式15位）"),
    }
}

fn birth_date(yyyymmdd: &str) -> Option<NaiveDate> {
    let y = yyyymmdd.get(..4)?.parse().ok()?;
    let m = yyyymmdd.get(4..6)?.parse().ok()?;
    let d = yyyymmdd.get(6..8)?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).filter(|d| *d >= NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN))
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
        ];
        for (id, expected) in cases {
            assert_eq!(problem(id), expected, "{id}");
        }
    }

    #[test]
    fn masks_all_but_first_six_and_last_four() {
        assert_eq!(mask("11010519491231002X"), "110105********002X");
        assert_eq!(mask("123"), "***");
    }
}
