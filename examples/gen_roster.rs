//! Deterministic synthetic rosters (花名册) for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_roster -- --rows 200000 --seed 1 --format xlsx -o target/bench/r200k.xlsx
//! cargo run --release --example gen_roster -- --rows 200000 --seed 1 --format csv  -o target/bench/r200k.csv
//! cargo run --release --example gen_roster -- --rows 200000 --seed 1 --format xlsx --shared-strings -o r.xlsx
//! ```
//!
//! The same `--rows`/`--seed` give the same people in both formats and a byte-identical file on
//! every run. The layout is the one of `tests/data/core.xlsx`: a title row, then the header (its 24
//! columns, 备注 included), then one person per row. The values cover the forms of
//! `shared/spec/ROSTER.md`: levels such as `三级/高级工` and `国家职业资格二级（技师）`, titles such as
//! `高工` and `教授级高级工程师`, other series (`会计师`), honours and competition texts, and dates
//! written as `2019-03-15`, `2019/3/15`, `2019.3`, `2019年3月`, `20190315` or (xlsx only) real date
//! cells. 身份证号 are unique and carry valid GB 11643 check digits. About 30% of the 荣誉称号 cells
//! are empty; a small share of cells is deliberately wrong (impossible dates, a year-only date),
//! as in real exports.
//!
//! The xlsx is written by rust_xlsxwriter in constant-memory mode (inline strings, rows in order),
//! so a million rows cost a few megabytes of memory here. Excel and WPS save text in a shared-string
//! table instead; `--shared-strings` writes that (rust_xlsxwriter's low-memory mode), which readers
//! parse differently (calamine loads the table up front, then hands out `&str`). The CSV is UTF-8 with a BOM and CRLF line
//! ends, comma-separated: what Excel's "CSV UTF-8" saves.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const HEADERS: [&str; 24] = [
    "序号",
    "姓名",
    "身份证号",
    "工作单位",
    "部门",
    "岗位类别",
    "职业（工种）",
    "技能等级",
    "技能等级取得时间",
    "高级工取得时间",
    "技师取得时间",
    "职称",
    "职称取得时间",
    "学历",
    "技工院校班级",
    "所学专业",
    "所学专业是否对口",
    "从事本职业起始时间",
    "近三年年度考核",
    "荣誉称号",
    "技能竞赛",
    "技能大师工作室",
    "诚信情况",
    "备注",
];

const TITLE_ROW: &str = "鞍钢测试集团2025年度技能人才花名册（合成数据）";

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() >> 32) * n) >> 32
    }

    fn range(&mut self, lo: i64, hi_inclusive: i64) -> i64 {
        lo + self.below((hi_inclusive - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100 (tenths allowed: 0.5).
    fn chance(&mut self, percent: f64) -> bool {
        (self.below(10_000) as f64) < percent * 100.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Picks from `(weight, item)` pairs.
    fn weighted<'a, T>(&mut self, items: &'a [(u32, T)]) -> &'a T {
        let total: u32 = items.iter().map(|(w, _)| w).sum();
        let mut x = self.below(total as u64) as u32;
        for (w, item) in items {
            if x < *w {
                return item;
            }
            x -= w;
        }
        &items[items.len() - 1].1
    }
}

/// One generated cell.
enum Val {
    Empty,
    Text(String),
    Number(f64),
    /// A real date cell in xlsx; ISO text in CSV.
    Date(NaiveDate),
}

impl From<&str> for Val {
    fn from(s: &str) -> Val {
        if s.is_empty() {
            Val::Empty
        } else {
            Val::Text(s.to_string())
        }
    }
}

impl From<String> for Val {
    fn from(s: String) -> Val {
        if s.is_empty() {
            Val::Empty
        } else {
            Val::Text(s)
        }
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾",
    "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪",
    "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛",
    "邱", "秦", "江", "史", "欧阳", "司马", "上官",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "力", "鹏", "志", "海", "宇", "俊", "峰", "红", "玉", "兰",
    "凤", "斌", "浩", "凯", "波", "宁", "雪", "琳", "晶", "欣", "鑫", "亮", "东", "新", "春", "立", "成", "德", "林",
    "飞", "云", "龙", "佳", "彬", "博", "晨", "婷", "颖", "瑞", "帆", "阳", "健", "继", "福", "永", "振", "长", "庆",
    "利", "金", "荣", "胜",
];

/// 鞍山 districts and counties (first six digits of 身份证号), and a few from elsewhere in 辽宁.
const REGIONS: &[&str] = &[
    "210302", "210303", "210304", "210311", "210321", "210323", "210381", "210102", "210202", "211002", "210402",
    "211302",
];

const EMPLOYERS: &[&str] = &[
    "鞍钢测试集团炼钢总厂",
    "鞍钢测试集团炼铁总厂",
    "鞍钢测试集团热轧带钢厂",
    "鞍钢测试集团冷轧厂",
    "鞍钢测试集团设备检修协力中心",
    "鞍钢测试集团能源管控中心",
    "鞍山钢铁测试矿业公司",
    "鞍钢测试集团运输部",
    "鞍钢测试集团质检计量中心",
    "鞍山测试重型机械有限公司",
    "鞍山测试化工有限公司",
    "鞍钢测试集团建设公司",
];

const DEPARTMENTS: &[&str] = &[
    "炼钢车间",
    "连铸车间",
    "精炼车间",
    "轧钢一车间",
    "轧钢二车间",
    "检修一车间",
    "检修二车间",
    "电气车间",
    "机加车间",
    "动力车间",
    "运行作业区",
    "设备科",
    "生产技术科",
    "质量管理部",
    "安全环保部",
    "综合办公室",
];

const OCCUPATIONS: &[&str] = &[
    "焊工",
    "钳工",
    "车工",
    "铣工",
    "维修电工",
    "起重工",
    "炼钢工",
    "连铸工",
    "轧钢工",
    "炼铁工",
    "化学检验员",
    "仪表维修工",
    "锅炉运行值班员",
    "电工",
    "机修钳工",
    "铁路机车司机",
    "天车工",
    "热处理工",
    "无损检测员",
    "计量检定员",
];

const MAJORS: &[&str] = &[
    "机械制造",
    "焊接技术",
    "电气自动化",
    "机电一体化",
    "冶金技术",
    "钢铁冶金",
    "材料成型",
    "化学工艺",
    "数控加工",
    "工业分析",
    "热能动力",
    "计算机应用",
    "会计",
];

/// Skill level forms, by canonical level (0 初级工 … 4 高级技师).
const LEVEL_FORMS: [&[(u32, &str)]; 5] = [
    &[(6, "初级工"), (2, "五级"), (1, "职业资格五级"), (1, "初级")],
    &[(6, "中级工"), (2, "四级"), (1, "中级工（四级）"), (1, "中级"), (1, "４级")],
    &[
        (6, "高级工"),
        (2, "三级/高级工"),
        (1, "三级（高级工）"),
        (1, "高级"),
        (1, "职业资格三级"),
        (1, "国家职业资格三级"),
    ],
    &[(7, "技师"), (2, "国家职业资格二级（技师）"), (1, "二级/技师"), (1, "二级")],
    &[(7, "高级技师"), (2, "高级技师（一级）"), (1, "一级/高级技师"), (1, "特级技师"), (1, "首席技师")],
];

/// Title forms: (weight, text).
const TITLE_FORMS: &[(u32, &str)] = &[
    (8, "助理工程师"),
    (6, "助工"),
    (1, "初级工程师"),
    (12, "工程师"),
    (4, "中级工程师"),
    (2, "机械工程师"),
    (6, "高级工程师"),
    (3, "高工"),
    (1, "副高级工程师"),
    (1, "教授级高级工程师"),
    (1, "正高级工程师"),
    (3, "技术员"),
    (2, "会计师"),
    (1, "经济师"),
    (1, "高级经济师"),
    (1, "政工师"),
];

/// 荣誉称号 items: recognised honours, near-misses and plain company honours.
const HONOURS: &[(u32, &str)] = &[
    (3, "全国技术能手"),
    (6, "鞍山工匠"),
    (2, "鞍山市工匠"),
    (4, "辽宁省技术能手"),
    (1, "辽宁工匠"),
    (1, "辽宁省有突出贡献高技能人才"),
    (1, "享受国务院特殊津贴"),
    (8, "鞍山市技术能手"),
    (2, "全国技术能手提名"),
    (10, "公司先进生产者"),
    (8, "优秀员工"),
    (4, "劳动模范"),
    (4, "优秀共产党员"),
    (3, "青年岗位能手"),
];

/// 技能竞赛 items.
const COMPETITIONS: &[(u32, &str)] = &[
    (4, "辽宁省职业技能大赛第一名"),
    (3, "辽宁省职业技能大赛第三名"),
    (4, "鞍山市职业技能大赛第二名"),
    (4, "鞍山市职业技能大赛第一名"),
    (4, "省级技能大赛一等奖"),
    (3, "全国钢铁行业职业技能竞赛第五名"),
    (2, "全国职业技能大赛银牌"),
    (6, "集团公司技能比武第一名"),
    (1, "世界技能大赛优胜奖"),
    (2, "鞍山市第三届职业技能大赛第二名"),
    (2, "辽宁省技能大赛集训队"),
];

/// 技能大师工作室 items.
const STUDIOS: &[(u32, &str)] = &[
    (3, "鞍山市技能大师工作站领创人"),
    (2, "省级技能大师工作站领创人"),
    (1, "国家级技能大师工作室领办人"),
    (3, "省级技能大师工作站成员"),
    (3, "公司级技能大师工作室"),
    (2, "技能大师工作室带头人"),
];

const GRADES_PASS: &[(u32, &str)] = &[(14, "合格"), (5, "优秀"), (2, "称职"), (1, "良好")];
const GRADES_FAIL: &[&str] = &["基本合格", "不合格"];

const INTEGRITY: &[(u32, &str)] = &[(70, "无"), (15, ""), (10, "良好"), (3, "无不良记录"), (2, "正常")];

const REMARKS: &[(u32, &str)] = &[(90, ""), (3, "退休返聘"), (3, "借调"), (2, "劳务派遣"), (2, "2025年新入职")];

const EDUCATION: &[(u32, &str)] =
    &[(20, "技校"), (12, "技工院校"), (15, "中专"), (10, "高中"), (20, "大专"), (20, "本科"), (3, "硕士")];

const CLASSES: &[&str] = &["中级工班", "高级工班", "预备技师班", "技师班"];

/// GB 11643-1999 check character of the first 17 digits.
fn check_char(first17: &[u8]) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHARS: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| (d - b'0') as u32 * w).sum();
    CHARS[(sum % 11) as usize] as char
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// Birth days from 1965-01-01 on (about 38 years) times 1000 sequence numbers: each row index maps
/// to a distinct (birth day, sequence) pair, so no 身份证号 repeats for up to this many rows.
const ID_DAYS: u64 = 13_870;
const ID_SPACE: u64 = ID_DAYS * 1000;
const ID_STRIDE: u64 = 7_368_787;

struct Ids {
    offset: u64,
    base: NaiveDate,
}

impl Ids {
    fn new(seed: u64) -> Ids {
        assert_eq!(gcd(ID_STRIDE, ID_SPACE), 1);
        let base = NaiveDate::from_ymd_opt(1965, 1, 1).unwrap_or_default();
        Ids { offset: Rng(seed ^ 0x1D5).next() % ID_SPACE, base }
    }

    /// The birth date and 身份证号 of row `i`.
    fn get(&self, i: u64, region: &str) -> (NaiveDate, String) {
        let key = (i as u128 * ID_STRIDE as u128 + self.offset as u128) % ID_SPACE as u128;
        let key = key as u64;
        let birth = self.base + chrono::Days::new(key / 1000);
        let mut id = format!("{region}{:04}{:02}{:02}{:03}", birth.year(), birth.month(), birth.day(), key % 1000);
        let check = check_char(id.as_bytes());
        id.push(check);
        (birth, id)
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Latest date any credential may carry (the benchmarks evaluate on 2025-12-31).
fn last_day() -> NaiveDate {
    date(2025, 11, 30)
}

/// A day uniformly between `lo` and `hi` (or `lo` when the range is empty).
fn day_between(rng: &mut Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    let span = (hi - lo).num_days();
    if span <= 0 {
        return lo.min(hi);
    }
    lo + chrono::Days::new(rng.below(span as u64 + 1))
}

/// A date written the way rosters write it.
fn messy_date(rng: &mut Rng, d: NaiveDate) -> Val {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let form = *rng.weighted(&[
        (28, 0u8), // 2019-03-15
        (14, 1),   // 2019/3/15
        (10, 2),   // 2019.3 (text)
        (10, 3),   // 2019年3月
        (10, 4),   // 20190315
        (5, 5),    // 2019年3月15日
        (20, 6),   // a real date cell
        (1, 7),    // ２０１９年３月 (full-width)
        (1, 8),    // 2019年 (year only)
        (1, 9),    // 2019.03.15
    ]);
    match form {
        0 => Val::Text(format!("{y}-{m:02}-{day:02}")),
        1 => Val::Text(format!("{y}/{m}/{day}")),
        2 => Val::Text(format!("{y}.{m}")),
        3 => Val::Text(format!("{y}年{m}月")),
        4 => Val::Text(format!("{y}{m:02}{day:02}")),
        5 => Val::Text(format!("{y}年{m}月{day}日")),
        6 => Val::Date(d),
        7 => Val::Text(
            format!("{y}年{m}月")
                .chars()
                .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
                .collect(),
        ),
        8 => Val::Text(format!("{y}年")),
        _ => Val::Text(format!("{y}.{m:02}.{day:02}")),
    }
}

/// A date cell, sometimes (0.2%) impossible as real exports have them.
fn date_cell(rng: &mut Rng, d: NaiveDate) -> Val {
    if rng.chance(0.2) {
        return Val::Text(format!("{}-13-{:02}", d.year(), d.day() + 31));
    }
    messy_date(rng, d)
}

fn items(rng: &mut Rng, pool: &[(u32, &str)], year_lo: i32) -> String {
    let n = *rng.weighted(&[(75, 1usize), (20, 2), (5, 3)]);
    let mut out: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let item = *rng.weighted(pool);
        let item = if rng.chance(40.0) && year_lo < 2025 {
            format!("{}年{item}", rng.range(year_lo as i64, 2025))
        } else {
            item.to_string()
        };
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out.join("、")
}

struct Gen {
    rng: Rng,
    ids: Ids,
    employers: Vec<String>,
}

impl Gen {
    /// `employers`: that many employers, named 鞍山测试第N有限公司, the rows spread over them
    /// evenly (for `--split-by` at bureau scale); otherwise 5–10 of [`EMPLOYERS`].
    fn new(seed: u64, employers: Option<usize>) -> Gen {
        let mut rng = Rng(seed);
        if let Some(n) = employers {
            let pool = (1..=n.max(1)).map(|k| format!("鞍山测试第{k}有限公司")).collect();
            return Gen { rng, ids: Ids::new(seed), employers: pool };
        }
        let mut pool: Vec<&'static str> = EMPLOYERS.to_vec();
        // Fisher–Yates, then keep 5–10.
        for i in (1..pool.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            pool.swap(i, j);
        }
        let keep = 5 + rng.below(6) as usize;
        pool.truncate(keep);
        Gen { rng, ids: Ids::new(seed), employers: pool.into_iter().map(String::from).collect() }
    }

    fn row(&mut self, i: u64) -> Vec<Val> {
        let r = &mut self.rng;
        let region = *r.pick(REGIONS);
        let (birth, id) = self.ids.get(i, region);
        let name = {
            let mut s = r.pick(SURNAMES).to_string();
            s.push_str(r.pick::<&str>(GIVEN));
            if r.chance(65.0) {
                s.push_str(r.pick::<&str>(GIVEN));
            }
            s
        };
        let employer = r.pick(&self.employers).clone();
        let department = *r.pick(DEPARTMENTS);
        // 0 skill, 1 professional, 2 management, 3 blank
        let post_kind = *r.weighted(&[(74, 0u8), (15, 1), (5, 2), (6, 3)]);
        let post = match post_kind {
            0 => *r.weighted(&[(9, "技能岗位"), (1, "生产操作岗位")]),
            1 => "专业技术岗位",
            2 => "管理岗位",
            _ => "",
        };
        let occupation = *r.pick(OCCUPATIONS);

        // Career: start at 18–24, credentials later.
        let start_year = (birth.year() + r.range(18, 24) as i32).min(2024);
        let start = day_between(r, date(start_year, 1, 1), date(start_year, 12, 31)).min(last_day());
        let has_level = match post_kind {
            1 => r.chance(40.0),
            2 => r.chance(50.0),
            _ => r.chance(95.0),
        };
        let level: Option<usize> = has_level.then(|| *r.weighted(&[(10, 0usize), (25, 1), (35, 2), (20, 3), (10, 4)]));
        let mut level_text = String::new();
        let mut level_date = Val::Empty;
        let mut senior_date = Val::Empty;
        let mut technician_date = Val::Empty;
        if let Some(l) = level {
            level_text = r.weighted(LEVEL_FORMS[l]).to_string();
            let earliest = (start + chrono::Days::new(365 * (1 + l as u64))).min(last_day());
            let got = day_between(r, earliest, last_day());
            level_date = date_cell(r, got);
            if l >= 3 && r.chance(50.0) {
                let before = day_between(r, start, (got - chrono::Days::new(730)).max(start));
                senior_date = messy_date(r, before);
            }
            if l == 4 && r.chance(50.0) {
                let before = day_between(r, start, (got - chrono::Days::new(1095)).max(start));
                technician_date = messy_date(r, before);
            }
        }
        let has_title = match post_kind {
            1 => r.chance(88.0),
            2 => r.chance(45.0),
            _ => r.chance(14.0),
        };
        let (title, title_date) = if has_title {
            let t = *r.weighted(TITLE_FORMS);
            let got = day_between(r, (start + chrono::Days::new(365 * 2)).min(last_day()), last_day());
            (t, date_cell(r, got))
        } else {
            ("", Val::Empty)
        };
        let education = *r.weighted(EDUCATION);
        let class = if education == "技工院校" { *r.pick(CLASSES) } else { "" };
        let (major, related) = if r.chance(70.0) {
            (*r.pick(MAJORS), *r.weighted(&[(60, "是"), (15, "否"), (25, "")]))
        } else {
            ("", "")
        };
        let occupation_start = if r.chance(80.0) { messy_date(r, start) } else { Val::Empty };
        let appraisal = match r.below(100) {
            0..=2 => String::new(),
            3..=7 => {
                let fail = *r.pick(GRADES_FAIL);
                format!("2023合格、2024{fail}、2025合格")
            }
            8..=14 => (0..3).map(|_| *r.weighted(GRADES_PASS)).collect::<Vec<_>>().join("、"),
            _ => (2023..=2025).map(|y| format!("{y}{}", r.weighted(GRADES_PASS))).collect::<Vec<_>>().join("、"),
        };
        let first_year = start.year();
        let honours = if r.chance(70.0) { items(r, HONOURS, first_year) } else { String::new() };
        let competitions = if r.chance(18.0) { items(r, COMPETITIONS, first_year) } else { String::new() };
        let studio = if r.chance(4.0) { r.weighted(STUDIOS).to_string() } else { String::new() };
        let integrity = if r.chance(0.3) { "2021年伪造业绩材料" } else { *r.weighted(INTEGRITY) };
        let remark = *r.weighted(REMARKS);

        vec![
            Val::Number((i + 1) as f64),
            name.into(),
            id.into(),
            employer.into(),
            department.into(),
            post.into(),
            occupation.into(),
            level_text.into(),
            level_date,
            senior_date,
            technician_date,
            title.into(),
            title_date,
            education.into(),
            class.into(),
            major.into(),
            related.into(),
            occupation_start,
            appraisal.into(),
            honours.into(),
            competitions.into(),
            studio.into(),
            integrity.into(),
            remark.into(),
        ]
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Csv,
}

struct Args {
    shared_strings: bool,
    rows: u64,
    seed: u64,
    kind: Kind,
    out: PathBuf,
    employers: Option<usize>,
}

const USAGE: &str =
    "usage: gen_roster --rows N [--seed S] --format xlsx|csv [--shared-strings] [--employers N] -o PATH";

fn args() -> Result<Args, String> {
    let mut rows = None;
    let mut seed = 1;
    let mut kind = None;
    let mut out = None;
    let mut shared_strings = false;
    let mut employers = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--rows" => rows = Some(value()?.parse::<u64>().map_err(|e| format!("--rows: {e}"))?),
            "--seed" => seed = value()?.parse::<u64>().map_err(|e| format!("--seed: {e}"))?,
            "--format" => {
                kind = Some(match value()?.as_str() {
                    "xlsx" => Kind::Xlsx,
                    "csv" => Kind::Csv,
                    other => return Err(format!("unknown format {other}")),
                })
            }
            "-o" | "--output" => out = Some(PathBuf::from(value()?)),
            "--shared-strings" => shared_strings = true,
            "--employers" => employers = Some(value()?.parse::<usize>().map_err(|e| format!("--employers: {e}"))?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let rows = rows.ok_or(USAGE)?;
    let out = out.ok_or(USAGE)?;
    let kind = match kind {
        Some(k) => k,
        None if out.extension().is_some_and(|e| e == "csv") => Kind::Csv,
        None => Kind::Xlsx,
    };
    // Title row + header row + data must fit one sheet.
    if kind == Kind::Xlsx && rows + 2 > 1_048_576 {
        return Err("xlsx holds at most 1,048,574 rows here".into());
    }
    if rows > ID_SPACE {
        return Err(format!("at most {ID_SPACE} rows (unique 身份证号)"));
    }
    Ok(Args { shared_strings, rows, seed, kind, out, employers })
}

fn write_xlsx(a: &Args, g: &mut Gen) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let created = date(2025, 12, 1).and_hms_opt(0, 0, 0).unwrap_or_default();
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    let header = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = if a.shared_strings {
        workbook.add_worksheet_with_low_memory()?
    } else {
        workbook.add_worksheet_with_constant_memory()?
    };
    sheet.set_name("花名册")?;
    sheet.merge_range(0, 0, 0, HEADERS.len() as u16 - 1, TITLE_ROW, &title)?;
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &header)?;
    }
    for i in 0..a.rows {
        let row = i as u32 + 2;
        for (c, v) in g.row(i).into_iter().enumerate() {
            let c = c as u16;
            match v {
                Val::Empty => {}
                Val::Text(s) => {
                    sheet.write_string(row, c, s)?;
                }
                Val::Number(n) => {
                    sheet.write_number(row, c, n)?;
                }
                Val::Date(d) => {
                    sheet.write_datetime_with_format(row, c, d, &date_format)?;
                }
            }
        }
    }
    workbook.save(&a.out)
}

fn csv_field(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    if s.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", s.replace('"', "\"\""))
    } else {
        out.write_all(s.as_bytes())
    }
}

fn write_csv(a: &Args, g: &mut Gen) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&a.out)?);
    out.write_all(b"\xEF\xBB\xBF")?;
    csv_field(&mut out, TITLE_ROW)?;
    out.write_all(b"\r\n")?;
    out.write_all(HEADERS.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    for i in 0..a.rows {
        for (c, v) in g.row(i).into_iter().enumerate() {
            if c > 0 {
                out.write_all(b",")?;
            }
            match v {
                Val::Empty => {}
                Val::Text(s) => csv_field(&mut out, &s)?,
                Val::Number(n) => write!(out, "{n}")?,
                Val::Date(d) => write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())?,
            }
        }
        out.write_all(b"\r\n")?;
    }
    out.flush()
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut g = Gen::new(a.seed, a.employers);
    let result = match a.kind {
        Kind::Xlsx => write_xlsx(&a, &mut g).map_err(|e| e.to_string()),
        Kind::Csv => write_csv(&a, &mut g).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_roster: {}: {e}", a.out.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        // From tests/data/core.xlsx (row 5).
        assert_eq!(check_char(b"21030219720217559"), '8');
    }
}
