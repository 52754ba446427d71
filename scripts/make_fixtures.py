#!/usr/bin/env python3
"""Write guantong's roster fixtures, deterministically.

Requires:  pip install openpyxl xlwt        (xlrd only to read the .xls back, optional)
Run from the repository root:  python3 scripts/make_fixtures.py

Writes (same input → byte-identical output: fixed seed, fixed dates, zip entries and
docProps stamped with a fixed time):

  tests/data/core.xlsx            花名册: merged title row, 填报单位 line, blank row, header, data,
                                  blank row, footer. Some dates are real date cells, others text.
  tests/data/core.xls             the same rows (old binary Excel): header on row 1, footer.
  tests/data/core_gbk.csv         the same rows, GBK, comma-separated, title line first, footer last.
  tests/data/core_utf8bom.csv     the same rows, UTF-8 with BOM, tab-separated, header on line 1.
  tests/data/expected_core.json   one object per data row, in order: what the screening must say
                                  with --as-of 2025-12-31. Written BY HAND from
                                  shared/spec/RULES.md (the literals in CORE below); this script
                                  only copies them out — nothing here computes an expectation.
  tests/data/straddle.csv         two rows, UTF-8 (no BOM), comma — year-only dates that straddle
  tests/data/expected_straddle.json   the evaluation date; these expectations are for
                                  --as-of 2025-06-30 (with --as-of on a 31 December no year-only
                                  date can straddle: d ∈ [1 Jan Y, 31 Dec Y] + N years ≤ 31 Dec
                                  holds at both ends or at neither).
  sample_data/花名册_2025.xlsx     ~300 made-up people in 6 enterprises, seeded random, messy forms.
  sample_data/花名册_2025_gbk.csv  the same rows, GBK.

Every 身份证号 is made up, with a correct GB 11643 check digit, except 鲁达 in the core set
(deliberately wrong) and a few in the sample data (one wrong check digit, one duplicate).
All text dates such as "2019.3" are strings in every file (never floats).
"""

import csv
import datetime as dt
import io
import json
import os
import random
import re
import sys
import zipfile

try:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    import xlwt
except ImportError:  # pragma: no cover
    sys.exit("make_fixtures.py needs openpyxl and xlwt:  pip install openpyxl xlwt")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data")
SAMPLE = os.path.join(ROOT, "sample_data")

FIXED_TIME = (2025, 12, 1, 0, 0, 0)
FIXED_ISO = "2025-12-01T00:00:00Z"

HEADERS = [
    "序号", "姓名", "身份证号", "工作单位", "部门", "岗位类别", "职业（工种）", "技能等级",
    "技能等级取得时间", "高级工取得时间", "技师取得时间", "职称", "职称取得时间", "学历",
    "技工院校班级", "所学专业", "所学专业是否对口", "从事本职业起始时间", "近三年年度考核",
    "荣誉称号", "技能竞赛", "技能大师工作室", "诚信情况", "备注",
]
TITLE = "鞍钢测试集团2025年度技能人才花名册"
FILLED_BY = "填报单位：XX公司    填报日期：2025年12月1日"
FOOTER = "填表人：王某  审核人：李某"

# ---------------------------------------------------------------------------------------------
# 身份证号 (GB 11643-1999)
# ---------------------------------------------------------------------------------------------
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
REGIONS = ["210302", "210303", "210304", "210311", "210381", "210321"]  # 鞍山: 铁东 铁西 立山 千山 海城 台安


def check_digit(first17):
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def make_id(rng, birth_year_range=(1966, 1990), wrong=False):
    region = rng.choice(REGIONS)
    y = rng.randint(*birth_year_range)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    seq = rng.randint(1, 999)
    first17 = f"{region}{y:04d}{m:02d}{d:02d}{seq:03d}"
    c = check_digit(first17)
    if wrong:
        c = CHECK[(CHECK.index(c) + 3) % 11]  # any other character
    return first17 + c


def D(y, m, d):
    """A real date cell in .xlsx/.xls; ISO text in .csv."""
    return dt.date(y, m, d)


# ---------------------------------------------------------------------------------------------
# The core set: every clause of RULES.md on both sides. --as-of 2025-12-31.
#
# Expectations are hand-derived from shared/spec/RULES.md. Conventions used throughout (each is
# a reading of RULES.md; the rows avoid the places where it is silent, or say so in `why`):
#   * `title_*` describe route 三, `skill_*` route 四; `regular`/`exceptional`/`best` are null
#     when the route gives nothing, when 三（一） fails, when vetoed, or when not applicable.
#   * `title_next` is the title the highest skill level leads to in the 三（二）2 table, with its
#     date, when that date is after the as-of date. No row has a next title that is not above
#     `best` or that is already held: RULES.md (literally) keeps it there, src/evaluate drops it.
#   * `theory_exempt` and `promotion` are only set on rows where route 四 applies (engineering
#     title on a 技能岗位); elsewhere the 是/否 cell is left empty and no title+level pair exists,
#     so the value is null under any reading.
#   * Leap day: RULES.md does not say whether 29 Feb + N years is 28 Feb or 1 Mar in a common
#     year (src/normalize/date.rs uses 28 Feb, chrono's `checked_add_months` and 《民法典》's
#     month-end rule; 1 Mar is the other common reading). With --as-of 2025-12-31 no anniversary
#     of 29 Feb can sit on the boundary, so 曹阳's row (技师 2020-02-29 → 2023-02-28 or 03-01,
#     both ≤ 2025-12-31) tests only that 2020-02-29 is a valid date and is counted, under either
#     convention.
# ---------------------------------------------------------------------------------------------
AS_OF = "2025-12-31"
APPR = "2023合格、2024优秀、2025合格"
EMP_A = "鞍钢测试集团炼钢厂"
EMP_B = "鞍钢测试集团设备检修公司"


def P(name, level="", level_date="", *, post="技能岗位", occ="焊工", senior="", tech="",
      title="", title_date="", edu="技校", cls="", major="", related="", start="",
      appr=APPR, honours="", comps="", studio="", integrity="无", note="",
      emp=EMP_A, dept="炼钢车间", bad_id=False):
    return dict(name=name, level=level, level_date=level_date, post=post, occ=occ,
                senior=senior, tech=tech, title=title, title_date=title_date, edu=edu, cls=cls,
                major=major, related=related, start=start, appr=appr, honours=honours,
                comps=comps, studio=studio, integrity=integrity, note=note, emp=emp, dept=dept,
                bad_id=bad_id)


def X(*, ts, reg, exc, best, nxt, ss, sl, te, promo, treat, edu, why, vetoed=False):
    return dict(vetoed=vetoed, title_status=ts, title_best=best, title_regular=reg,
                title_exceptional=exc,
                title_next=None if nxt is None else {"title": nxt[0], "date": nxt[1]},
                skill_status=ss, skill_level=sl, theory_exempt=te, promotion=promo,
                treatment=treat, education_equivalent=edu, why=why)


E, NR, NE, NA, AH = "eligible", "needs_review", "not_eligible", "not_applicable", "already_held"
G3, G2, G1 = "高级工", "技师", "高级技师"
T1, T2, T3, T4 = "助理工程师", "工程师", "高级工程师", "正高级工程师"

CORE = [
    # 1 ─ baseline; 三（二）1 中级工班
    (P("张伟", "技师", D(2019, 3, 15), cls="中级工班", major="焊接技术", start="2012-07-01"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu="中专",
       why="三（二）2 技师 since 2019-03-15 (date cell), 3 years reached 2022-03-15 → 工程师; "
           "三（二）1 中级工班 → 中专; no title so 四 not_applicable.")),
    # 2 ─ 二（三） veto, fail side
    (P("王芳", "高级技师", "2015-06-20", title="工程师", title_date="2016-09-01",
       start="2008-07-01", edu="大专", integrity="2021年伪造业绩材料", emp=EMP_B, dept="检修一车间",
       occ="钳工"),
     X(vetoed=True, ts=NE, reg=None, exc=None, best=None, nxt=None, ss=NE, sl=None, te=None,
       promo=None, treat=T3, edu=None,
       why="二（三） veto: 诚信情况 records falsified achievements → vetoed, both routes not_eligible "
           "(without it she would be 李强). treatment: RULES.md does not say whether the veto also "
           "clears the 五（二） equivalence; we expect it still reported (it is not an application "
           "route) — do not rely on this field if the lead reads it otherwise. promotion is null "
           "under any reading (高级技师 has no next level).")),
    # 3 ─ 二（三） veto, pass side; 四（四）1 already_held
    (P("李强", "高级技师", "2015-06-20", title="工程师", title_date="2016-09-01",
       start="2008-07-01", edu="大专", related="是", major="机械制造", integrity="无",
       emp=EMP_B, dept="检修一车间", occ="钳工"),
     X(ts=E, reg=T3, exc=None, best=T3, nxt=None, ss=AH, sl=G1, te=True, promo=None, treat=T3,
       edu=None,
       why="二（三） pass side (诚信情况 = 无). 三（二）2 高级技师 2015-06-20 + 4 → 高级工程师 > held 工程师; "
           "四（四）1 工程师 2016-09-01 + 3 → 高级技师, already held → already_held.")),
    # 4 ─ 一 scope: 管理岗位
    (P("赵敏", "高级技师", "2016-05-10", post="管理岗位", title="工程师", title_date="2017-04-01",
       start="2010-03-01", edu="本科", occ="钳工", dept="生产管理部"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T3, edu=None,
       why="一 scope: 岗位类别 管理岗位 is outside 三 and 四 (would otherwise be eligible 高级工程师 / "
           "already_held 高级技师); 五（二） treatment is not tied to the post.")),
    # 5 ─ 一 scope: 专业技术岗位
    (P("孙磊", "高级技师", "2020-11-20", post="专业技术岗位", title="工程师",
       title_date="2018-07-01", start="2009-08-01", edu="本科", occ="维修电工",
       emp=EMP_B, dept="电气车间"),
     X(ts=E, reg=T3, exc=None, best=T3, nxt=None, ss=NA, sl=None, te=None, promo=None, treat=T3,
       edu=None,
       why="一 scope: 专业技术岗位 is inside 三 (高级技师 2020-11-20 + 4 = 2024-11-20 → 高级工程师) "
           "and outside 四 → not_applicable.")),
    # 6 ─ 一 scope: empty post-type cell
    (P("周杰", "技师", "2019-08-01", post="", occ="连铸工", dept="连铸车间"),
     X(ts=NR, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="一 scope: 岗位类别 column present, cell empty → 三 needs_review (would be 工程师). "
           "四 is not_applicable because he holds no title, which does not depend on the post; "
           "RULES.md says 'the row is needs_review' — we read it as every route the post decides.")),
    # 7 ─ 三（一）1 without 高级工
    (P("吴静", "中级工", "2015-05-01", occ="炼钢工"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=None, edu=None,
       why="三（一）1: 中级工 is below 高级工 → 三 not_applicable; no title → 四 not_applicable; "
           "no 五（二） treatment below 高级工.")),
    # 8 ─ 三（一）2 one fail
    (P("郑浩", "技师", "2018-04-01", appr="2023合格、2024基本合格、2025合格", occ="炼钢工"),
     X(ts=NE, reg=None, exc=None, best=None, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="三（一）2: 2024 基本合格 among the three most recent appraisals → not_eligible "
           "(years alone would give 工程师).")),
    # 9 ─ 三（一）2 only two known
    (P("冯雪", "高级工", "2020-05-01", appr="2024合格、2025优秀", occ="连铸工", dept="连铸车间"),
     X(ts=NR, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（一）2: only two appraisals known → needs_review, would get 助理工程师 "
           "(高级工 2020-05-01 + 2).")),
    # 10 ─ 三（一）2 an old fail outside the three most recent
    (P("陈刚", "高级工", "2021-06-30", appr="2022不合格、2023合格、2024合格、2025合格", occ="车工",
       emp=EMP_B, dept="机加车间"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（一）2: the three most recent years 2023–2025 pass; 2022 不合格 is older → eligible "
           "助理工程师.")),
    # 11 ─ 三（一）2 one cell of three results without years; 三（二）1 技师班
    (P("褚红", "技师", "2020-10-10", appr="优秀、合格、称职", edu="技工院校", cls="技师班",
       major="电气自动化", occ="维修电工", emp=EMP_B, dept="电气车间"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu="本科",
       why="三（一）2: a single cell listing three results counts as three (all pass); 技师 "
           "2020-10-10 + 3 → 工程师; 三（二）1 技师班 → 本科.")),
    # 12 ─ 三（二）1 高级工班; integrity 否 is a none word
    (P("卫东", "高级工", "2022-07-01", edu="技工院校", cls="高级工班", major="机电一体化",
       integrity="否", occ="钳工", emp=EMP_B, dept="检修二车间"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu="大专",
       why="三（二）1 高级工班 → 大专; 诚信情况 否 is a none word (no veto); 高级工 2022-07-01 + 2 → "
           "助理工程师.")),
    # 13 ─ 三（二）1 预备技师班
    (P("蒋琳", "技师", "2021-07-15", edu="技工院校", cls="预备技师班", major="焊接加工",
       integrity="没有"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu="本科",
       why="三（二）1 预备技师班 → 本科; 技师 2021-07-15 + 3 = 2024-07-15 → 工程师; 诚信情况 没有 → "
           "no veto.")),
    # 14 ─ 三（二）2 高级工 exactly on the anniversary
    (P("沈涛", "高级工", D(2023, 12, 31), occ="起重工"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（二）2 boundary: 高级工 2023-12-31 (date cell) + 2 = 2025-12-31 = as-of, the "
           "anniversary counts → eligible; next null (not after as-of).")),
    # 15 ─ 三（二）2 高级工 one day short; near-miss 鞍山市技术能手
    (P("韩梅", "高级工", D(2024, 1, 1), honours="2023年鞍山市技术能手", occ="起重工"),
     X(ts=NE, reg=None, exc=None, best=None, nxt=(T1, "2026-01-01"), ss=NA, sl=None, te=None,
       promo=None, treat=T1, edu=None,
       why="三（二）2 one day short: 高级工 2024-01-01 + 2 = 2026-01-01 > as-of → not_eligible, next "
           "助理工程师 on 2026-01-01; 鞍山市技术能手 is a near-miss (not 鞍山工匠/辽宁省技术能手) → no "
           "exceptional route.")),
    # 16 ─ 三（二）2 技师 exactly on the anniversary
    (P("杨帆", "技师", "2022-12-31", occ="炼钢工"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="三（二）2 boundary: 技师 2022-12-31 (text) + 3 = 2025-12-31 → 工程师.")),
    # 17 ─ 三（二）2 技师 one day short, falls back to the 高级工 rule
    (P("朱丽", "技师", "2023-01-01", occ="炼钢工"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=(T2, "2026-01-01"), ss=NA, sl=None, te=None,
       promo=None, treat=T2, edu=None,
       why="三（二）2 one day short for 工程师 (2023-01-01 + 3 = 2026-01-01); 技师 counts as 高级工 with "
           "the same date, + 2 = 2025-01-01 → 助理工程师 eligible; next 工程师 2026-01-01.")),
    # 18 ─ 三（二）2 高级技师 exactly on the anniversary
    (P("秦岭", "高级技师", "2021-12-31", occ="钳工", emp=EMP_B, dept="检修一车间"),
     X(ts=E, reg=T3, exc=None, best=T3, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T3, edu=None,
       why="三（二）2 boundary: 高级技师 2021-12-31 + 4 = 2025-12-31 → 高级工程师.")),
    # 19 ─ 三（二）2 高级技师 one day short, lower levels without dates
    (P("尤佳", "高级技师", "2022-01-01", occ="钳工", emp=EMP_B, dept="检修一车间"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=(T3, "2026-01-01"), ss=NA, sl=None, te=None,
       promo=None, treat=T3, edu=None,
       why="三（二）2: 高级技师 2022-01-01 + 4 = 2026-01-01 > as-of; no 技师/高级工 dates so the 技师 "
           "rule uses 2022-01-01: + 3 = 2025-01-01 → 工程师 eligible; next 高级工程师 2026-01-01.")),
    # 20 ─ 三（二）2 lower rule fails only because its date is unknown
    (P("许诺", "技师", "2024-06-01", occ="维修电工", emp=EMP_B, dept="电气车间"),
     X(ts=NR, reg=T1, exc=None, best=T1, nxt=(T2, "2027-06-01"), ss=NA, sl=None, te=None,
       promo=None, treat=T2, edu=None,
       why="三（二）2: 技师 2024-06-01 + 3 not reached (definite); the 高级工 rule with the 技师 date "
           "(+2 = 2026-06-01) fails only because the 高级工 date is unknown → needs_review 助理工程师; "
           "next 工程师 2027-06-01.")),
    # 21 ─ 三（二）2 history column 高级工取得时间
    (P("何平", "技师", "2024-03-01", senior="2019-05-01", occ="维修电工", emp=EMP_B,
       dept="电气车间"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=(T2, "2027-03-01"), ss=NA, sl=None, te=None,
       promo=None, treat=T2, edu=None,
       why="三（二）2 history: 高级工取得时间 2019-05-01 + 2 → 助理工程师 eligible; 技师 2024-03-01 "
           "+ 3 = 2027-03-01 is next.")),
    # 22 ─ 三（二）2 history column 技师取得时间
    (P("吕方", "高级技师", "2023-03-01", tech="2018-03-01", occ="炼钢工"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=(T3, "2027-03-01"), ss=NA, sl=None, te=None,
       promo=None, treat=T3, edu=None,
       why="三（二）2 history: 技师取得时间 2018-03-01 + 3 → 工程师 eligible; 高级技师 2023-03-01 + 4 "
           "= 2027-03-01 is next.")),
    # 23 ─ month-only date
    (P("施琪", "高级工", "2023年12月", occ="连铸工", dept="连铸车间"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="Month-only date 2023年12月 counts from 2023-12-01; + 2 = 2025-12-01 ≤ as-of → "
           "助理工程师.")),
    # 24 ─ year-only date, same decision at both ends
    (P("张敏", "高级工", "2023年", occ="连铸工", dept="连铸车间"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="Year-only 2023年 = [2023-01-01, 2023-12-31]; + 2 ≤ 2025-12-31 at both ends → stands, "
           "eligible 助理工程师 (reported as a data issue).")),
    # 25 ─ year-only date on 高级技师: 4-year rule unmet at both ends, 技师 rule met at both ends
    (P("孔亮", "高级技师", "2022年", occ="炼钢工"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=(T3, "2026-12-31"), ss=NA, sl=None, te=None,
       promo=None, treat=T3, edu=None,
       why="Year-only 2022年: 高级技师 + 4 ∈ [2026-01-01, 2026-12-31], after as-of at both ends → "
           "unmet; 技师 via the same date + 3 ∈ [2025-01-01, 2025-12-31] → 工程师 eligible. "
           "AMBIGUITY: RULES.md does not say which end gives next.date for a year-only date; we "
           "expect the day it is surely reached, 2026-12-31.")),
    # 26 ─ leap day (see the note above CORE)
    (P("曹阳", "技师", D(2020, 2, 29), occ="焊工"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="Leap day 2020-02-29 (date cell) is valid; + 3 years is 2023-02-28 (chrono/民法典) or "
           "2023-03-01 — both ≤ as-of, so 工程师 under either convention.")),
    # 27 ─ 三（四）1 全国技术能手
    (P("严华", "技师", "2021-05-01", honours="2019年全国技术能手", occ="焊工"),
     X(ts=E, reg=T2, exc=T4, best=T4, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="三（四）1 全国技术能手 → 正高级工程师 (regular 工程师: 2021-05-01 + 3); best = 正高级工程师.")),
    # 28 ─ 三（四）2 辽宁省有突出贡献高技能人才
    (P("华强", "高级工", "2020-07-01", honours="2022年辽宁省有突出贡献高技能人才", occ="钳工",
       emp=EMP_B, dept="检修二车间"),
     X(ts=E, reg=T1, exc=T3, best=T3, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（四）2 辽宁省有突出贡献高技能人才 → 高级工程师 (regular 助理工程师).")),
    # 29 ─ 三（四）3 鞍山工匠
    (P("金鑫", "高级工", "2021-09-01", honours="2023年度鞍山工匠", occ="车工", emp=EMP_B,
       dept="机加车间"),
     X(ts=E, reg=T1, exc=T2, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（四）3 鞍山工匠 → 工程师 (regular 助理工程师).")),
    # 30 ─ 三（四）4 市级技能大赛第二名
    (P("魏东", "高级工", "2021-10-01", comps="2024年鞍山市职业技能大赛钳工项目第二名", occ="钳工",
       emp=EMP_B, dept="检修二车间"),
     X(ts=E, reg=T1, exc=T1, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（四）4 市级技能大赛第二名 → 助理工程师 (exceptional recognised; regular 高级工 "
           "2021-10-01 + 2 also gives 助理工程师). A tier-4 award that matters needs the regular "
           "years unmet, and then RULES.md's literal next (助理工程师) disagrees with the reading "
           "'no next when it is not above best' — that case is left out.")),
    # 31 ─ 三（四）3 省级技能大赛金牌 coach
    (P("陶然", "高级工", "2020-04-01", comps="2022年辽宁省职业技能大赛焊工项目金牌（教练）",
       occ="焊工"),
     X(ts=E, reg=T1, exc=T2, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（四）3 coach of a provincial (辽宁省) 技能大赛 gold medallist → 工程师 (regular 助理工程师).")),
    # 32 ─ 三（四）2 省级技能大师工作站领创人
    (P("姜涛", "技师", "2019-09-01", studio="省级技能大师工作站领创人", occ="维修电工", emp=EMP_B,
       dept="电气车间"),
     X(ts=E, reg=T2, exc=T3, best=T3, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="三（四）2 省级技能大师工作站领创人 → 高级工程师 (regular 工程师).")),
    # 33 ─ near-miss 全国技术能手提名
    (P("戚明", "高级工", "2021-03-01", honours="全国技术能手提名", occ="焊工"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="Near-miss: 全国技术能手提名 is not 全国技术能手 → no exceptional route; regular "
           "助理工程师.")),
    # 34 ─ near-miss 世界技能大赛优胜奖
    (P("谢云", "技师", "2020-06-01", comps="第45届世界技能大赛优胜奖", occ="焊工"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="Near-miss: 世界技能大赛优胜奖 is named in RULES.md's near-miss list → no exceptional route; "
           "regular 工程师. AMBIGUITY: RULES.md also lists 优胜奖 among the texts that 'do not state a "
           "placing' (→ needs_review); we follow the near-miss list, which names this exact award "
           "(at WorldSkills it is the Medallion for Excellence, not a medal).")),
    # 35 ─ near-miss 技能大师工作室成员
    (P("邹静", "高级工", "2020-09-01", studio="国家级技能大师工作室成员", occ="车工", emp=EMP_B,
       dept="机加车间"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="Near-miss: a 技能大师工作室 member (成员) is not its 领创人 → no exceptional route; "
           "regular 助理工程师.")),
    # 36 ─ placing not stated: 省级技能大赛一等奖
    (P("喻明", "高级工", "2021-04-01", comps="2024年辽宁省职业技能大赛一等奖", occ="焊工"),
     X(ts=NR, reg=T1, exc=T2, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="三（四）3 placing: 一等奖 does not state a placing (名次不明确) → the row is needs_review "
           "(RULES.md), would get 工程师; regular 助理工程师 is certain (高级工 2021-04-01 + 2) but "
           "does not make the row eligible: the open point is about a higher title.")),
    # 37 ─ 三（四） still needs 三（一）
    (P("柏林", "技师", "2019-06-01", honours="2021年辽宁工匠", appr="2023优秀、2024不合格、2025合格",
       occ="焊工"),
     X(ts=NE, reg=None, exc=None, best=None, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="三（四）1 辽宁工匠 but 三（一）2 fails (2024 不合格): the basic conditions apply to the "
           "exceptional route too → not_eligible.")),
    # 38 ─ 三 already_held; 四（四）1; 四（五） ≥ 1 year; 中级工程师
    (P("水清", "技师", "2018-05-20", title="中级工程师", title_date=D(2019, 7, 1),
       start="2012-07-01", edu="大专", major="焊接技术及自动化", related="是", occ="焊工"),
     X(ts=AH, reg=T2, exc=None, best=T2, nxt=None, ss=E, sl=G1, te=True, promo=G1, treat=T2,
       edu=None,
       why="三 already_held: 技师 → 工程师, held (中级工程师 = 工程师). 四（四）1 工程师 2019-07-01 + 3 → "
           "高级技师 > 技师 → eligible; 对口 是 → theory exempt; 四（五） 技师 held ≥ 1 year → "
           "promotion 高级技师.")),
    # 39 ─ 四（一） 技术员 on a skill post
    (P("窦凯", "", "", title="技术员", title_date="2022-07-01", start="2021-07-01", edu="中专",
       major="电气运行与控制", related="否", occ="维修电工", emp=EMP_B, dept="电气车间"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=E, sl=None, te=False, promo=None,
       treat=None, edu=None,
       why="四（一） 技术员 on a 技能岗位 → eligible for the post's occupation evaluation, no level set "
           "by the document (skill_level null — RULES.md's table gives none); 对口 否 → false.")),
    # 40 ─ 四（二） 助工, under 3 years
    (P("章宇", "", "", title="助工", title_date="2024-03-01", start="2023-07-01", edu="本科",
       major="机械设计制造及其自动化", related="是", occ="钳工", emp=EMP_B, dept="检修二车间"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=E, sl=G3, te=True, promo=None,
       treat=None, edu=None,
       why="四（二） 助工 = 助理工程师 → 高级工; 四（三）1 needs 3 years from 2024-03-01 (not reached); "
           "对口 是 → true.")),
    # 41 ─ 四（三）1 助理工程师 + 3 years; 三 already_held
    (P("鲁超", "高级工", D(2019, 4, 1), title="助理工程师", title_date="2021-06-01",
       start="2016-07-01", edu="大专", major="机电一体化", occ="钳工", emp=EMP_B, dept="检修二车间"),
     X(ts=AH, reg=T1, exc=None, best=T1, nxt=None, ss=E, sl=G2, te=None, promo=G2, treat=T1,
       edu=None,
       why="四（三）1 助理工程师 2021-06-01 (later than the 2016 start) + 3 = 2024-06-01 → 技师 > 高级工; "
           "三 高级工 → 助理工程师 is held → already_held; 四（五） 高级工 since 2019 → 技师; 对口 empty → "
           "null.")),
    # 42 ─ 四（三）1 counted from the later occupation start
    (P("韦林", "", "", title="助理工程师", title_date="2020-03-01", start="2023-06-01",
       edu="本科", major="自动化", related="否", occ="仪表维修工", emp=EMP_B, dept="电气车间"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=E, sl=G3, te=False, promo=None,
       treat=None, edu=None,
       why="四（三）1 counts from the later of title (2020-03-01) and occupation start (2023-06-01): "
           "2026-06-01 > as-of → no 技师; 四（二） → 高级工; 对口 否 → false.")),
    # 43 ─ 四（四）1 工程师 exactly 3 years
    (P("常乐", "", "", title="工程师", title_date="2022-12-31", start="2015-03-01", edu="本科",
       major="冶金工程", related="是", occ="炼钢工"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=E, sl=G1, te=True, promo=None,
       treat=None, edu=None,
       why="四（四）1 boundary: 工程师 2022-12-31 + 3 = 2025-12-31 → 高级技师; 对口 是.")),
    # 44 ─ 四（三）2 工程师 one day short of 四（四）1
    (P("马超", "", "", title="工程师", title_date="2023-01-01", start="2016-09-01", edu="本科",
       major="冶金工程", occ="炼钢工"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=E, sl=G2, te=None, promo=None,
       treat=None, edu=None,
       why="四（三）2 工程师 → 技师; 四（四）1 one day short (2023-01-01 + 3 = 2026-01-01); 对口 empty → "
           "null.")),
    # 45 ─ 四（四）2 高工
    (P("苗青", "", "", title="高工", title_date="2019-12-01", start="2005-07-01", edu="本科",
       major="机械工程", related="是", occ="钳工", emp=EMP_B, dept="检修一车间"),
     X(ts=NA, reg=None, exc=None, best=None, nxt=None, ss=E, sl=G1, te=True, promo=None,
       treat=None, edu=None,
       why="四（四）2 高工 = 高级工程师 → 高级技师.")),
    # 46 ─ 四（四）2 正高 (教授级高级工程师); 三 already_held
    (P("凤阳", "技师", "2016-04-01", title="教授级高级工程师", title_date="2021-10-01",
       start="2000-07-01", edu="研究生", major="材料成型", occ="焊工"),
     X(ts=AH, reg=T2, exc=None, best=T2, nxt=None, ss=E, sl=G1, te=None, promo=G1, treat=T2,
       edu=None,
       why="四（四）2 教授级高级工程师 = 正高级工程师 → 高级技师 > 技师; 三 技师 → 工程师 ≤ 正高 → "
           "already_held; 四（五） → 高级技师.")),
    # 47 ─ other series title; a date after the as-of date where nothing depends on it
    (P("花蕾", "高级工", "2020-06-01", title="会计师", title_date="2026-03-01", edu="大专",
       major="会计", occ="仓库保管工", dept="物资供应部"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="会计师 is not an engineering title: 四 not_applicable and no held title for 三 → "
           "助理工程师 eligible. 职称取得时间 2026-03-01 is after as-of (data issue only; no decision "
           "depends on it).")),
    # 48 ─ 四（五） < 1 year; 三级/高级工; 技术员 (四（一）)
    (P("方圆", "三级/高级工", "2025-03-01", title="技术员", title_date="2023-07-01",
       start="2020-07-01", edu="中专", major="机电技术应用", related="是", occ="钳工", emp=EMP_B,
       dept="检修二车间"),
     X(ts=NE, reg=None, exc=None, best=None, nxt=(T1, "2027-03-01"), ss=E, sl=None, te=True,
       promo=None, treat=T1, edu=None,
       why="四（五） short: 三级/高级工 since 2025-03-01, 1 year = 2026-03-01 > as-of → promotion null; "
           "四（一） 技术员 on a skill post → eligible (no level); 三 高级工 + 2 = 2027-03-01 → "
           "not_eligible (技术员 is below 助理工程师, so not already_held).")),
    # 49 ─ 四（五） exactly 1 year; 四 already_held; 三 already_held via history
    (P("路遥", "国家职业资格二级（技师）", D(2024, 12, 31), senior="2020-05-01", title="助理工程师",
       title_date="2021-03-01", start="2019-03-01", edu="大专", major="焊接技术", occ="焊工"),
     X(ts=AH, reg=T1, exc=None, best=T1, nxt=(T2, "2027-12-31"), ss=AH, sl=G2, te=None,
       promo=G1, treat=T2, edu=None,
       why="四（五） boundary: 技师 2024-12-31 (date cell) + 1 = 2025-12-31 → promotion 高级技师; "
           "四（三）1 助理工程师 2021-03-01 + 3 → 技师, held → already_held; 三 高级工 2020-05-01 + 2 → "
           "助理工程师, held → already_held; next 工程师 2027-12-31.")),
    # 50 ─ 高级技师（一级）, 2019/3/15
    (P("宋江", "高级技师（一级）", "2019/3/15", occ="炼钢工"),
     X(ts=E, reg=T3, exc=None, best=T3, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T3, edu=None,
       why="Messy forms: 高级技师（一级） = 高级技师, date 2019/3/15; + 4 → 高级工程师.")),
    # 51 ─ 2019.3 as text
    (P("林冲", "技师", "2019.3", occ="焊工"),
     X(ts=E, reg=T2, exc=None, best=T2, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T2, edu=None,
       why="Messy date: text 2019.3 = March 2019 (month-only, from 2019-03-01); + 3 → 工程师.")),
    # 52 ─ 20190315; deliberately wrong 身份证号 check digit
    (P("鲁达", "高级", "20190315", occ="起重工", bad_id=True),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="Messy forms: 高级 = 高级工, date 20190315; 身份证号 has a wrong check digit (data issue "
           "only, decisions unchanged) → 助理工程师.")),
    # 53 ─ full-width date
    (P("武松", "高级工", "２０１９年３月", occ="起重工"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="Messy date: full-width ２０１９年３月 = 2019-03-01; + 2 → 助理工程师.")),
    # 54 ─ impossible date
    (P("时迁", "高级工", "2019-13-45", occ="车工", emp=EMP_B, dept="机加车间"),
     X(ts=NR, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="Invalid date 2019-13-45 on the only level → years unknown → needs_review, would get "
           "助理工程师; next null because no date is known.")),
    # 55 ─ unrecognised level
    (P("扈娘", "五星工匠", "2015-01-01", occ="车工", emp=EMP_B, dept="机加车间"),
     X(ts=NR, reg=None, exc=None, best=None, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=None, edu=None,
       why="Unrecognised level 五星工匠: never dropped, never granted → 三 needs_review; no level is "
           "known, so no would-get title, no next and no treatment.")),
    # 56 ─ 特级技师 counts as 高级技师
    (P("卢俊", "特级技师", "2018-10-01", occ="炼钢工"),
     X(ts=E, reg=T3, exc=None, best=T3, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T3, edu=None,
       why="特级技师 counts as 高级技师: + 4 → 高级工程师; 五（二） → 高级工程师.")),
    # 57 ─ already_held with an open point
    (P("燕青", "高级工", "2019-11-01", title="工程师", title_date="2020-08-01",
       start="2014-07-01", appr="2024合格、2025合格", edu="大专", major="机械制造与自动化",
       related="否", occ="车工", emp=EMP_B, dept="机加车间"),
     X(ts=AH, reg=T1, exc=None, best=T1, nxt=None, ss=E, sl=G1, te=False, promo=G2, treat=T1,
       edu=None,
       why="三 open point (two appraisals) whose best answer gives 助理工程师 ≤ held 工程师 → "
           "already_held; 四（四）1 工程师 2020-08-01 + 3 → 高级技师; 四（五） 高级工 → 技师; 对口 否.")),
    # 58 ─ 四 already_held (工程师 holding 技师)
    (P("潘石", "技师", "2017-03-01", title="工程师", title_date="2024-06-01", start="2010-07-01",
       edu="本科", major="电气工程及其自动化", related="是", occ="维修电工", emp=EMP_B,
       dept="电气车间"),
     X(ts=AH, reg=T2, exc=None, best=T2, nxt=None, ss=AH, sl=G2, te=True, promo=G1, treat=T2,
       edu=None,
       why="四（三）2 工程师 → 技师, held → already_held (四（四）1 needs 2027-06-01); 三 技师 → 工程师, "
           "held → already_held; 四（五） → 高级技师.")),
    # 59 ─ 三（四）1 world medal, technical expert
    (P("白洁", "高级技师", "2017-05-01", comps="第46届世界技能大赛焊接项目铜牌（技术指导专家）",
       occ="焊工"),
     X(ts=E, reg=T3, exc=T4, best=T4, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T3, edu=None,
       why="三（四）1 technical expert (技术指导专家) of a 世界技能大赛 bronze medallist → "
           "正高级工程师 (regular 高级工程师).")),
]

# The straddle set, --as-of 2025-06-30 (see the module docstring).
AS_OF_STRADDLE = "2025-06-30"
STRADDLE = [
    (P("孟秋", "技师", "2024-02-01", senior="2023年", occ="焊工"),
     X(ts=NR, reg=T1, exc=None, best=T1, nxt=(T2, "2027-02-01"), ss=NA, sl=None, te=None,
       promo=None, treat=T2, edu=None,
       why="As-of 2025-06-30. 高级工取得时间 2023年 + 2 ∈ [2025-01-01, 2025-12-31] straddles the "
           "as-of date → needs_review 助理工程师; 技师 2024-02-01 + 3 = 2027-02-01 (next).")),
    (P("冬青", "高级工", "2022年", occ="焊工"),
     X(ts=E, reg=T1, exc=None, best=T1, nxt=None, ss=NA, sl=None, te=None, promo=None,
       treat=T1, edu=None,
       why="As-of 2025-06-30. 高级工 2022年 + 2 ∈ [2024-01-01, 2024-12-31], both ≤ as-of → stands, "
           "助理工程师.")),
]


def rows_of(people, seed):
    """Cell values per HEADERS for each person; 身份证号 drawn from a seeded generator."""
    rng = random.Random(seed)
    out = []
    for i, (p, _) in enumerate(people, 1):
        out.append([
            i, p["name"], make_id(rng, wrong=p["bad_id"]), p["emp"], p["dept"], p["post"],
            p["occ"], p["level"], p["level_date"], p["senior"], p["tech"], p["title"],
            p["title_date"], p["edu"], p["cls"], p["major"], p["related"], p["start"],
            p["appr"], p["honours"], p["comps"], p["studio"], p["integrity"], p["note"],
        ])
    return out


def expected_of(people):
    return [dict(name=p["name"], **x) for p, x in people]


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------
def as_text(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    return "" if v is None else str(v)


def save_xlsx(wb, path):
    """openpyxl stamps docProps/core.xml and the zip entries with the current time: fix both."""
    wb.properties.creator = "guantong make_fixtures.py"
    wb.properties.lastModifiedBy = "guantong make_fixtures.py"
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>" + FIXED_ISO.encode() + rb"\g<3>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def write_xlsx(path, rows, *, title, filled_by, footer, widths=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    n = len(HEADERS)
    r = 1
    if title:
        ws.cell(row=r, column=1, value=title).font = Font(bold=True, size=16)
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    if filled_by:
        ws.cell(row=r, column=1, value=filled_by)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 2  # and a blank row
    for c, h in enumerate(HEADERS, 1):
        ws.cell(row=r, column=c, value=h).font = Font(bold=True)
    r += 1
    for row in rows:
        for c, v in enumerate(row, 1):
            if v == "" or v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(v, str):
                cell.data_type = "s"  # "2019.3", "20190315", 身份证号 stay text
        r += 1
    if footer:
        r += 1  # blank row
        ws.cell(row=r, column=1, value=footer)
    for c, h in enumerate(HEADERS, 1):
        letter = openpyxl.utils.get_column_letter(c)
        ws.column_dimensions[letter].width = (widths or {}).get(h, 14)
    save_xlsx(wb, path)


MERGED_HEADERS = ["序号", "工作单位", "姓名", "技能等级", "技能等级取得时间", "近三年年度考核"]
MERGED_ROWS = [
    # 工作单位 is merged down over the rows of its people (rows 3-5 and 6-7 as Excel shows them).
    ["1", "鞍山合并单元格机械厂", "甲一", "技师", "2015-01-01", "2023合格、2024合格、2025合格"],
    ["2", None, "甲二", "高级工", "2015-01-01", "2023合格、2024合格、2025合格"],
    ["3", None, "甲三", "高级技师", "2015-01-01", "2023合格、2024合格、2025合格"],
    ["4", "鞍山合并单元格化工厂", "乙一", "技师", "2024-06-01", "2023合格、2024合格、2025合格"],
    ["5", None, "乙二", "高级工", "2015-01-01", "2023合格、2024合格、2025合格"],
]


def write_merged(xlsx_path, xls_path):
    """A title row merged across the sheet and an employer merged down over its people."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.cell(row=1, column=1, value="合并单元格测试花名册")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(MERGED_HEADERS))
    for c, h in enumerate(MERGED_HEADERS, 1):
        ws.cell(row=2, column=c, value=h)
    for r, row in enumerate(MERGED_ROWS, 3):
        for c, v in enumerate(row, 1):
            if v is not None:
                ws.cell(row=r, column=c, value=v).data_type = "s"
    ws.merge_cells("B3:B5")
    ws.merge_cells("B6:B7")
    save_xlsx(wb, xlsx_path)

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    ws.write_merge(0, 0, 0, len(MERGED_HEADERS) - 1, "合并单元格测试花名册")
    for c, h in enumerate(MERGED_HEADERS):
        ws.write(1, c, h)
    for r, row in enumerate(MERGED_ROWS, 2):
        for c, v in enumerate(row):
            if c == 1:
                continue
            ws.write(r, c, v)
    ws.write_merge(2, 4, 1, 1, MERGED_ROWS[0][1])
    ws.write_merge(5, 6, 1, 1, MERGED_ROWS[3][1])
    buf = io.BytesIO()
    wb.save(buf)
    with open(xls_path, "wb") as f:
        f.write(buf.getvalue())


def write_xls(path, rows, *, footer):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    bold = xlwt.easyxf("font: bold on")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for c, h in enumerate(HEADERS):
        ws.write(0, c, h, bold)
    r = 1
    for row in rows:
        for c, v in enumerate(row):
            if v == "" or v is None:
                continue
            if isinstance(v, dt.date):
                ws.write(r, c, v, date_style)
            else:
                ws.write(r, c, v)
        r += 1
    if footer:
        ws.write(r + 1, 0, footer)
    buf = io.BytesIO()
    wb.save(buf)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def write_csv(path, rows, *, encoding, delimiter, title=None, footer=None):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    if title:
        w.writerow([title])
    w.writerow(HEADERS)
    for row in rows:
        w.writerow([as_text(v) for v in row])
    if footer:
        w.writerow([footer])
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))  # strict: fails loudly on a non-GBK character


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
# Sample data: ~300 made-up people, seeded.
# ---------------------------------------------------------------------------------------------
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国宇浩凯鑫斌波林峰志海东亮晶雪琳颖健博文龙飞俊成荣新春雷兵")

ENTERPRISES = [
    ("鞍钢股份有限公司炼钢总厂", ["一炼钢车间", "二炼钢车间", "连铸作业区", "设备点检站"],
     ["炼钢工", "连铸工", "维修电工", "钳工", "起重工", "仪表维修工"]),
    ("鞍钢股份有限公司冷轧厂", ["酸轧作业区", "镀锌作业区", "设备作业区", "质检站"],
     ["轧钢工", "维修电工", "钳工", "金属材料检验工", "仪表维修工"]),
    ("鞍钢股份有限公司炼铁总厂", ["高炉作业区", "烧结作业区", "原料作业区"],
     ["高炉炼铁工", "烧结工", "维修电工", "钳工", "焊工"]),
    ("鞍山华兴机械制造有限公司", ["机加车间", "铆焊车间", "装配车间", "技术科"],
     ["车工", "铣工", "焊工", "装配钳工", "数控车工", "电工"]),
    ("鞍山同创重型机械有限公司", ["结构车间", "热处理车间", "机修车间"],
     ["焊工", "热处理工", "机修钳工", "起重工", "电工"]),
    ("鞍山新程化工有限公司", ["合成车间", "仪表车间", "安环部"],
     ["化工总控工", "仪表维修工", "电工", "化学检验员"]),
]

LEVEL_FORMS = {
    "中级工": ["中级工", "四级", "中级", "四级/中级工"],
    "高级工": ["高级工", "三级/高级工", "高级", "三级", "职业资格三级", "高级工（三级）"],
    "技师": ["技师", "国家职业资格二级（技师）", "二级", "二级/技师", "技师（二级）"],
    "高级技师": ["高级技师", "高级技师（一级）", "一级", "一级/高级技师"],
}
TITLE_FORMS = {
    "技术员": ["技术员"],
    "助理工程师": ["助理工程师", "助工", "初级工程师"],
    "工程师": ["工程师", "中级工程师", "机械工程师", "电气工程师"],
    "高级工程师": ["高级工程师", "高工"],
    "正高级工程师": ["正高级工程师", "教授级高级工程师"],
    "other": ["会计师", "经济师", "政工师", "助理经济师"],
}
COMPANY_HONOURS = ["{y}年度公司先进生产者", "{y}年度厂级劳动模范", "{y}年度优秀共产党员",
                   "{y}年度安全生产先进个人", "{y}年度公司技术革新能手", "{y}年度青年岗位能手"]
TIER_HONOURS = [
    "{y}年全国技术能手", "{y}年享受国务院政府特殊津贴", "{y}年辽宁工匠", "{y}年辽宁省有突出贡献高技能人才",
    "{y}年辽宁省技术能手", "{y}年度鞍山工匠", "{y}年鞍山市技术能手", "{y}年全国技术能手提名",
]
COMPETITIONS = [
    "{y}年公司职工技能比武第一名", "{y}年鞍山市职业技能大赛{o}项目第一名",
    "{y}年鞍山市职业技能大赛{o}项目第三名", "{y}年鞍山市职业技能大赛二等奖",
    "{y}年辽宁省职业技能大赛{o}项目银牌", "{y}年辽宁省职业技能大赛{o}项目一等奖",
    "指导选手获{y}年辽宁省职业技能大赛{o}项目金牌（教练）", "{y}年全国行业职业技能竞赛第二名",
    "第46届世界技能大赛优胜奖", "{y}年世界技能大赛全国选拔赛集训队",
]
STUDIOS = ["国家级技能大师工作室领创人", "省级技能大师工作站领创人", "市级技能大师工作室领办人",
           "省级技能大师工作室成员", "市级技能大师工作室带头人"]
NOTES = ["", "", "", "", "", "", "返聘", "借调", "劳务派遣", "内退前", "新入职", "转岗"]
FW = str.maketrans("0123456789", "０１２３４５６７８９")


def fmt_date(rng, d, style=None):
    """One of the ways rosters write a date. Returns a date (a real cell) or a string."""
    style = style or rng.choices(
        ["cell", "iso", "slash", "dot_month", "compact", "cn_month", "cn_day", "fullwidth",
         "year", "bad"],
        weights=[30, 20, 10, 10, 6, 10, 6, 3, 3, 2])[0]
    if style == "cell":
        return d
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "dot_month":
        return f"{d.year}.{d.month:02d}" if rng.random() < 0.5 else f"{d.year}.{d.month}"
    if style == "compact":
        return f"{d.year}{d.month:02d}{d.day:02d}"
    if style == "cn_month":
        return f"{d.year}年{d.month}月"
    if style == "cn_day":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "fullwidth":
        return f"{d.year}年{d.month}月".translate(FW)
    if style == "year":
        return f"{d.year}年"
    return rng.choice([f"{d.year}-13-{d.day:02d}", f"{d.year}.02.30", "待补", f"{d.year + 2}-02-29"])


def rand_date(rng, y0, y1):
    return dt.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))


def appraisal(rng):
    pass_grades = ["合格", "合格", "合格", "优秀", "良好", "称职"]
    u = rng.random()
    if u < 0.05:
        years = [2024, 2025]
    elif u < 0.12:
        years = [2022, 2023, 2024, 2025]
    else:
        years = [2023, 2024, 2025]
    grades = [rng.choice(pass_grades) for _ in years]
    if rng.random() < 0.06:
        grades[rng.randrange(len(grades))] = rng.choice(["基本合格", "不合格", "基本称职"])
    sep = rng.choice(["、", "；", "，", " "])
    if rng.random() < 0.1:
        return sep.join(grades)
    return sep.join(f"{y}{g}" for y, g in zip(years, grades))


def sample_rows(n=300, seed=20250525):
    rng = random.Random(seed)
    rows = []
    used_names = set()
    ids = []
    for i in range(1, n + 1):
        emp, depts, occs = ENTERPRISES[rng.choices(range(6), weights=[22, 18, 16, 18, 14, 12])[0]]
        while True:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
            if name not in used_names:
                used_names.add(name)
                break
        pid = make_id(rng, (1965, 2000))
        ids.append(pid)
        birth_year = int(pid[6:10])
        work_from = birth_year + rng.randint(18, 23)
        post = rng.choices(["技能岗位", "专业技术岗位", "管理岗位", "", "生产岗位"],
                           weights=[80, 9, 5, 2, 4])[0]
        occ = rng.choice(occs)
        canon = rng.choices(["", "中级工", "高级工", "技师", "高级技师", "特级技师", "五星工匠"],
                            weights=[8, 15, 36, 25, 13, 1, 1])[0]
        level, level_date, senior, tech = "", "", "", ""
        if canon in LEVEL_FORMS:
            level = rng.choice(LEVEL_FORMS[canon])
        elif canon:
            level = canon
        if canon:
            base = rand_date(rng, max(work_from + 2, 2000), 2025)
            level_date = fmt_date(rng, base)
            if canon in ("技师", "高级技师") and rng.random() < 0.35:
                senior = fmt_date(rng, base.replace(year=max(base.year - rng.randint(2, 6), 1995)),
                                  rng.choice(["iso", "cell", "cn_month"]))
            if canon == "高级技师" and rng.random() < 0.35:
                tech = fmt_date(rng, base.replace(year=max(base.year - rng.randint(3, 5), 1998)),
                                rng.choice(["iso", "cell", "cn_month"]))
        tcanon = rng.choices(["", "技术员", "助理工程师", "工程师", "高级工程师", "正高级工程师", "other"],
                             weights=[62, 5, 11, 12, 6, 1, 3])[0]
        title, title_date, major, related = "", "", "", ""
        if tcanon:
            title = rng.choice(TITLE_FORMS[tcanon])
            title_date = fmt_date(rng, rand_date(rng, max(work_from + 1, 2000), 2025),
                                  rng.choice(["cell", "iso", "cn_month", "slash", "dot_month"]))
            major = rng.choice(["机械设计制造及其自动化", "电气工程及其自动化", "冶金工程", "材料成型及控制工程",
                                "化学工程与工艺", "焊接技术与工程", "自动化", "会计学", "工商管理"])
            related = rng.choices(["是", "否", ""], weights=[55, 20, 25])[0]
        edu = rng.choices(["技工学校", "中专", "高中", "大专", "本科", "研究生"],
                          weights=[25, 15, 12, 25, 20, 3])[0]
        cls = ""
        if edu == "技工学校" and rng.random() < 0.7:
            cls = rng.choice(["中级工班", "高级工班", "预备技师班", "技师班"])
        start = fmt_date(rng, rand_date(rng, work_from, min(work_from + 6, 2024)),
                         rng.choice(["cell", "iso", "cn_month"]))
        honours = ""
        if rng.random() >= 0.30:
            y = rng.randint(2018, 2025)
            if rng.random() < 0.12:
                honours = rng.choice(TIER_HONOURS).format(y=y)
            else:
                honours = rng.choice(COMPANY_HONOURS).format(y=y)
                if rng.random() < 0.15:
                    honours += "；" + rng.choice(COMPANY_HONOURS).format(y=min(y + 1, 2025))
        comps = ""
        if rng.random() < 0.12:
            comps = rng.choice(COMPETITIONS).format(y=rng.randint(2018, 2025), o=occ)
        studio = rng.choice(STUDIOS) if rng.random() < 0.03 else ""
        integrity = rng.choices(["无", "", "否", "没有", "2022年伪造业绩材料", "2019年论文抄袭他人成果"],
                                weights=[55, 35, 4, 4, 0.6, 0.4])[0]
        rows.append([i, name, pid, emp, rng.choice(depts), post, occ, level, level_date, senior,
                     tech, title, title_date, edu, cls, major, related, start, appraisal(rng),
                     honours, comps, studio, integrity, rng.choice(NOTES)])
    # Data issues a real roster has: a wrong check digit, and the same person listed twice.
    rows[17][2] = rows[17][2][:-1] + CHECK[(CHECK.index(rows[17][2][-1]) + 1) % 11]
    rows[211][2] = rows[96][2]
    return rows


# ---------------------------------------------------------------------------------------------
def main():
    os.makedirs(DATA, exist_ok=True)
    os.makedirs(SAMPLE, exist_ok=True)
    widths = {"身份证号": 21, "工作单位": 26, "近三年年度考核": 34, "荣誉称号": 30, "技能竞赛": 40,
              "技能大师工作室": 26, "技能等级": 22, "技能等级取得时间": 16, "姓名": 8, "序号": 6}

    core = rows_of(CORE, seed=20251231)
    write_xlsx(os.path.join(DATA, "core.xlsx"), core, title=TITLE, filled_by=FILLED_BY,
               footer=FOOTER, widths=widths)
    write_xls(os.path.join(DATA, "core.xls"), core, footer=FOOTER)
    write_csv(os.path.join(DATA, "core_gbk.csv"), core, encoding="gbk", delimiter=",",
              title=TITLE, footer=FOOTER)
    write_csv(os.path.join(DATA, "core_utf8bom.csv"), core, encoding="utf-8-sig", delimiter="\t")
    write_json(os.path.join(DATA, "expected_core.json"), expected_of(CORE))

    straddle = rows_of(STRADDLE, seed=20250630)
    write_csv(os.path.join(DATA, "straddle.csv"), straddle, encoding="utf-8", delimiter=",")
    write_json(os.path.join(DATA, "expected_straddle.json"), expected_of(STRADDLE))

    sample = sample_rows()
    sample_title = "2025年度鞍山市高技能人才与工程技术人才贯通花名册（示例数据）"
    write_xlsx(os.path.join(SAMPLE, "花名册_2025.xlsx"), sample, title=sample_title,
               filled_by="填报单位：鞍山市人力资源和社会保障局（汇总）    填报日期：2025年12月1日",
               footer=FOOTER, widths=widths)
    write_csv(os.path.join(SAMPLE, "花名册_2025_gbk.csv"), sample, encoding="gbk", delimiter=",",
              title=sample_title, footer=FOOTER)

    write_merged(os.path.join(DATA, "merged_cells.xlsx"), os.path.join(DATA, "merged_cells.xls"))

    assert len({p["name"] for p, _ in CORE}) == len(CORE), "core names must be unique"
    print(f"core: {len(CORE)} rows; straddle: {len(STRADDLE)} rows; sample: {len(sample)} rows")


if __name__ == "__main__":
    main()
