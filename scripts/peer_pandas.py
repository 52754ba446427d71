#!/usr/bin/env python3
"""The peer for the benchmarks: what an analyst would write in an afternoon with pandas + openpyxl.

    python3 scripts/peer_pandas.py ROSTER.xlsx|ROSTER.csv --as-of 2025-12-31 -o OUT.xlsx

It finds the header (the first row naming 姓名, below the title row), reads every column as text,
adds the 19 result columns of guantong's 筛选结果 sheet with simple rules (skill level + years since
its date -> title, honours by keyword -> exceptional title, title -> skill level, 待遇/学历比照), and
writes one sheet with openpyxl. It is deliberately straightforward (row-wise ``apply``), not tuned:
it is the baseline that a hand-written script gives, not a second implementation of RULES.md.
"""

import argparse
import datetime as dt
import re
import sys

import pandas as pd

LEVEL_WORDS = [
    ("首席技师", 5), ("特级技师", 5), ("高级技师", 5), ("技师", 4), ("高级工", 3), ("中级工", 2), ("初级工", 1),
    ("一级", 5), ("二级", 4), ("三级", 3), ("四级", 2), ("五级", 1),
    ("1级", 5), ("2级", 4), ("3级", 3), ("4级", 2), ("5级", 1),
    ("高级", 3), ("中级", 2), ("初级", 1),
]
LEVEL_NAMES = {1: "初级工", 2: "中级工", 3: "高级工", 4: "技师", 5: "高级技师"}
TITLE_WORDS = [
    ("教授级高级工程师", 5), ("正高级工程师", 5), ("教授级高工", 5), ("正高工", 5), ("高级工程师", 4), ("高工", 4),
    ("助理工程师", 2), ("助工", 2), ("初级工程师", 2), ("工程师", 3), ("技术员", 1),
]
TITLE_NAMES = {1: "技术员", 2: "助理工程师", 3: "工程师", 4: "高级工程师", 5: "正高级工程师"}
# skill level -> (years needed, title) of 三（二）2
LEVEL_TO_TITLE = {3: (2, 2), 4: (3, 3), 5: (4, 4)}
# title -> skill level of 四
TITLE_TO_LEVEL = {2: 3, 3: 4, 4: 5, 5: 5}
HONOURS = [
    (("中华技能大奖", "特殊津贴", "全国技术能手", "辽宁工匠", "功勋高技能人才"), 5, "三（四）1"),
    (("突出贡献高技能人才",), 4, "三（四）2"),
    (("辽宁省技术能手", "鞍山工匠", "鞍山市工匠"), 3, "三（四）3"),
]
CLASSES = {"中级工班": "中专", "高级工班": "大专", "预备技师班": "本科", "技师班": "本科"}
FULL_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９"}
RESULT_HEADERS = [
    "来源文件", "来源工作表", "来源行号", "技能→职称 结论", "常规路径", "破格路径", "破格依据", "可申报最高职称",
    "下一职称及日期", "职称→技能 结论", "可申报技能等级", "免理论考试", "晋级评价", "下一技能等级及日期", "待遇比照",
    "学历比照", "未满足/待核实", "依据条款", "数据问题",
]


def text(v):
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    return str(v).strip()


def level_of(s):
    if "工程师" in s:
        return None
    for word, lvl in LEVEL_WORDS:
        if word in s:
            return lvl
    return None


def title_of(s):
    for word, t in TITLE_WORDS:
        if word in s:
            return t
    return None


def parse_date(v):
    """Returns (date, ok). Empty -> (None, True)."""
    s = text(v).translate(FULL_WIDTH)
    if not s:
        return None, True
    s = s.split(" ")[0].split("T")[0]
    try:
        if re.fullmatch(r"\d{8}", s):
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:])), True
        parts = [p for p in re.split(r"[-/.年月日]", s) if p]
        if not parts or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            return None, False
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(y, m, d), True
    except ValueError:
        return None, False


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def screen(row, as_of, cols, file, sheet):
    issues = []
    reasons = []
    clauses = []

    def date(col):
        if col not in cols:
            return None
        d, ok = parse_date(row[col])
        if not ok:
            issues.append(f"{col}：无法识别的日期（{text(row[col])}）")
        return d

    level = level_of(text(row.get("技能等级")))
    level_date = date("技能等级取得时间")
    title = title_of(text(row.get("职称")))
    title_date = date("职称取得时间")
    appraisal = text(row.get("近三年年度考核"))
    appraisal_ok = bool(appraisal) and "不合格" not in appraisal and "基本合格" not in appraisal
    vetoed = any(w in text(row.get("诚信情况")) for w in ("伪造", "弄虚作假", "剽窃", "抄袭"))
    awards = "、".join(text(row.get(c)) for c in ("荣誉称号", "技能竞赛", "技能大师工作室"))
    post = text(row.get("岗位类别"))

    # 技能 -> 职称
    regular = None
    next_title = ""
    if level in LEVEL_TO_TITLE and level_date:
        years, t = LEVEL_TO_TITLE[level]
        reached = add_years(level_date, years)
        if reached <= as_of:
            regular = t
            reasons.append(f"取得{LEVEL_NAMES[level]}已满{years}年，可申报{TITLE_NAMES[t]}")
            clauses.append("三（二）2")
        else:
            next_title = f"{TITLE_NAMES[t]}（{reached.isoformat()}）"
            reasons.append(f"取得{LEVEL_NAMES[level]}未满{years}年")
    exceptional = None
    basis = []
    for words, t, clause in HONOURS:
        for w in words:
            if w in awards and "提名" not in awards:
                basis.append(f"{w}→{TITLE_NAMES[t]}（{clause}）")
                exceptional = max(exceptional or 0, t)
                clauses.append(clause)
    if re.search(r"(省|全国).*(大赛|竞赛).*(第[一二三]名|金牌|银牌|铜牌)", awards):
        exceptional = max(exceptional or 0, 3)
        basis.append("省级以上技能大赛前三名→工程师（三（四）3）")
    elif re.search(r"市.*(大赛|竞赛).*(第[一二三]名|金牌|银牌|铜牌)", awards):
        exceptional = max(exceptional or 0, 2)
        basis.append("市级技能大赛前三名→助理工程师（三（四）4）")
    best = max(regular or 0, exceptional or 0) or None
    if vetoed:
        status = "不符合"
        reasons.append("有弄虚作假记录，一票否决（二（三））")
        regular = exceptional = best = None
    elif "管理" in post or "专业技术" in post or level is None:
        status = "不适用"
    elif not appraisal_ok:
        status = "不符合"
        reasons.append("近3年年度考核不全为合格以上（三（一））")
    elif title is not None and best is not None and title >= best:
        status = "已具备"
    elif best is not None:
        status = "符合"
    else:
        status = "不符合"

    # 职称 -> 技能
    skill_status, skill_level, exempt, promotion, next_level = "不适用", "", "", "", ""
    if title in TITLE_TO_LEVEL and not vetoed:
        lvl = TITLE_TO_LEVEL[title]
        if level is not None and level >= lvl:
            skill_status = "已具备"
        elif title_date and add_years(title_date, 1) <= as_of:
            skill_status, skill_level, exempt = "符合", LEVEL_NAMES[lvl], "是"
            clauses.append("四（二）")
        elif title_date:
            skill_status = "待核实"
            next_level = f"{LEVEL_NAMES[lvl]}（{add_years(title_date, 1).isoformat()}）"
        else:
            skill_status = "待核实"
        if lvl < 5:
            promotion = LEVEL_NAMES[lvl + 1]

    treatment = TITLE_NAMES[LEVEL_TO_TITLE[level][1]] if level in LEVEL_TO_TITLE else ""
    if treatment:
        clauses.append("五（二）")
    education = CLASSES.get(text(row.get("技工院校班级")), "")
    if education:
        clauses.append("三（二）1")

    return [
        file, sheet, int(row["__row"]), status,
        TITLE_NAMES.get(regular, ""), TITLE_NAMES.get(exceptional, ""), "\n".join(basis),
        TITLE_NAMES.get(best, ""), next_title,
        skill_status, skill_level, exempt, promotion, next_level,
        treatment, education, "\n".join(reasons), "、".join(dict.fromkeys(clauses)), "\n".join(issues),
    ]


def header_row_xlsx(path):
    top = pd.read_excel(path, header=None, nrows=30, dtype=str, engine="openpyxl")
    for i, r in top.iterrows():
        if any(text(v) == "姓名" for v in r.values):
            return i
    sys.exit(f"{path}: no header row naming 姓名")


def header_row_csv(path):
    with open(path, encoding="utf-8-sig") as f:
        for i, line in enumerate(f):
            if "姓名" in line.split(","):
                return i
            if i > 30:
                break
    sys.exit(f"{path}: no header row naming 姓名")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--as-of", default=dt.date.today().isoformat())
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    as_of = dt.date.fromisoformat(a.as_of)
    file = a.input.replace("\\", "/").split("/")[-1]

    if a.input.lower().endswith(".csv"):
        h = header_row_csv(a.input)
        df = pd.read_csv(a.input, skiprows=h, header=0, dtype=str, encoding="utf-8-sig", keep_default_na=False)
        sheet = file.rsplit(".", 1)[0]
    else:
        h = header_row_xlsx(a.input)
        df = pd.read_excel(a.input, header=h, dtype=str, engine="openpyxl", keep_default_na=False)
        sheet = pd.ExcelFile(a.input, engine="openpyxl").sheet_names[0]
    df.columns = [text(c) for c in df.columns]
    df = df[df["姓名"].map(text) != ""]
    cols = set(df.columns)
    # The row as Excel shows it: header row (0-based h) + 1, then data.
    df["__row"] = df.index + h + 2
    results = df.apply(lambda r: screen(r, as_of, cols, file, sheet), axis=1, result_type="expand")
    results.columns = RESULT_HEADERS
    out = pd.concat([df.drop(columns="__row"), results], axis=1)
    with pd.ExcelWriter(a.output, engine="openpyxl") as w:
        out.to_excel(w, sheet_name="筛选结果", index=False)
        ws = w.sheets["筛选结果"]
        ws.freeze_panes = "C2"
        ws.auto_filter.ref = ws.dimensions
    print(f"peer: {len(out)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
