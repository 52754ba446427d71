//! Annual appraisal results (年度考核, 三（一）2): one column per year, or one cell such as
//! `2022不合格、2023合格、2024合格`.

use super::text::fold;
use crate::policy::AppraisalRule;

/// One appraisal result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appraisal {
    /// The year, when the roster says it.
    pub year: Option<i32>,
    pub pass: bool,
    pub grade: &'static str,
}

/// Words between results that carry no meaning, longer than one character (tried first, so
/// 年度 is never read as 年 then an unknown 度).
const FILLER_WORDS: &[&str] = &["近三年", "近3年", "年度", "考核", "结果", "等次", "情况", "全部"];

/// Single characters between results that carry no meaning.
fn filler_char(c: char) -> bool {
    matches!(
        c,
        '年' | '为'
            | '均'
            | '都'
            | '是'
            | ':'
            | '('
            | ')'
            | '：'
            | '、'
            | ','
            | '，'
            | ';'
            | '；'
            | '/'
            | '|'
            | '-'
            | '。'
            | '.'
    )
}

/// Reads every result in `text`; `default_year` is the year of a per-year column. Returns the
/// results and whether anything in the text was not understood.
///
/// Besides `2023合格、2024优秀`, rosters write the year after the grade (`合格(2025)`), one grade
/// for several years (`2023、2024、2025年度均为合格`, `2023-2025年度均合格`), or only `近三年均为合格`
/// — which, in a column of the recent appraisals, is that many passes.
pub fn parse(text: &str, default_year: Option<i32>, rule: &AppraisalRule) -> (Vec<Appraisal>, bool) {
    let s = fold(text);
    // The longest grade word at a position wins, so 基本合格 is never read as 合格.
    let grade_at = |rest: &str| {
        let pass = rule.pass.iter().map(|g| (*g, true));
        let fail = rule.fail.iter().map(|g| (*g, false));
        pass.chain(fail).filter(|(g, _)| rest.starts_with(g)).max_by_key(|(g, _)| g.len())
    };

    // One grade for several years (`2023、2024、2025年度均为合格`).
    let all = s.contains('均') || s.contains("全部") || s.contains("都");
    let mut out: Vec<Appraisal> = Vec::new();
    let mut unknown = false;
    let mut years: Vec<i32> = Vec::new();
    let mut range = false;
    // Whether the last thing read was a grade without a year (a year may follow it: `合格(2025)`).
    let mut open_grade = false;
    let mut rest: &str = &s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 4 {
            let year: i32 = rest[..4].parse().unwrap_or_default();
            rest = &rest[4..];
            if open_grade {
                if let Some(last) = out.last_mut() {
                    last.year = Some(year);
                }
                open_grade = false;
            } else if range {
                let from = years.last().copied().unwrap_or(year);
                years.extend((from + 1..=year).take(10));
                range = false;
            } else {
                years.push(year);
            }
        } else if let Some((g, pass)) = grade_at(rest) {
            match years.len() {
                0 if all => out.extend((0..rule.years).map(|_| Appraisal { year: default_year, pass, grade: g })),
                0 => {
                    out.push(Appraisal { year: default_year, pass, grade: g });
                    open_grade = default_year.is_none();
                }
                1 => out.push(Appraisal { year: years.pop(), pass, grade: g }),
                _ if all => out.extend(years.drain(..).map(|y| Appraisal { year: Some(y), pass, grade: g })),
                _ => {
                    unknown = true;
                    years.clear();
                }
            }
            rest = &rest[g.len()..];
        } else if rest.starts_with(['-', '至', '~', '～', '—', '–', '－', '―']) && !years.is_empty() {
            range = true;
            rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
        } else if let Some(f) = FILLER_WORDS.iter().find(|f| rest.starts_with(*f)) {
            rest = &rest[f.len()..];
        } else if let Some(c) = rest.chars().next().filter(|c| filler_char(*c)) {
            rest = &rest[c.len_utf8()..];
        } else {
            unknown = true;
            let skip = rest.chars().next().map_or(1, char::len_utf8);
            rest = &rest[skip..];
        }
    }
    (out, unknown || !years.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    fn read(s: &str) -> (Vec<(Option<i32>, bool)>, bool) {
        let (v, unknown) = parse(s, None, &Policy::embedded().appraisal);
        (v.into_iter().map(|a| (a.year, a.pass)).collect(), unknown)
    }

    #[test]
    fn one_cell_forms() {
        assert_eq!(
            read("2022不合格、2023合格、2024合格"),
            (vec![(Some(2022), false), (Some(2023), true), (Some(2024), true)], false)
        );
        assert_eq!(
            read("2023年度：优秀；2024年度：基本合格；2025年度：称职"),
            (vec![(Some(2023), true), (Some(2024), false), (Some(2025), true)], false)
        );
        assert_eq!(read("2023合格2024优秀2025良好").0.len(), 3);
        assert_eq!(read("合格、合格、合格"), (vec![(None, true); 3], false));
        assert_eq!(read("基本称职").0, vec![(None, false)]);
        assert_eq!(read("不称职").0, vec![(None, false)]);
        assert_eq!(read("2024合格、2025待定"), (vec![(Some(2024), true)], true));
        assert_eq!(read(""), (vec![], false));
        assert_eq!(
            read("合格(2025)、合格(2024)、合格(2023)、不合格(2022)"),
            (vec![(Some(2025), true), (Some(2024), true), (Some(2023), true), (Some(2022), false)], false)
        );
        assert_eq!(
            read("2023、2024、2025年度均为合格"),
            (vec![(Some(2023), true), (Some(2024), true), (Some(2025), true)], false)
        );
        assert_eq!(
            read("2023-2025年度均合格"),
            (vec![(Some(2023), true), (Some(2024), true), (Some(2025), true)], false)
        );
        for dash in ["—", "–", "－", "～"] {
            assert_eq!(
                read(&format!("2023{dash}2025均合格")),
                (vec![(Some(2023), true), (Some(2024), true), (Some(2025), true)], false),
                "{dash}"
            );
        }
        assert_eq!(read("近三年均为合格"), (vec![(None, true); 3], false));
        assert_eq!(read("2023、2024合格"), (vec![], true), "two years, one grade, no 均: not guessed");
    }

    #[test]
    fn per_year_column_takes_the_header_year() {
        let (v, unknown) = parse("合格", Some(2024), &Policy::embedded().appraisal);
        assert_eq!(v, vec![Appraisal { year: Some(2024), pass: true, grade: "合格" }]);
        assert!(!unknown);
    }
}
