#!/usr/bin/env python3
"""Write guantong's layout fixtures: one small roster per layout quirk, deterministically.

Requires:  pip install openpyxl xlwt odfpy
Run from the repository root:  python3 scripts/make_layout_fixtures.py

Writes tests/data/layouts/ (same input → byte-identical output: fixed seed; zip entries, xlsx
docProps and ods meta stamped with a fixed time), all screened with --as-of 2025-12-31:

  vertical_merged_leaf.xlsx    openpyxl, real merged ranges. Merged title (row 1); a two-row
                               header (2–3): 序号 姓名 身份证号 岗位类别 近三年年度考核 荣誉称号 诚信情况
                               are each ONE cell merged over rows 2–3; 技能等级情况 (E2:F2) over
                               等级 | 取得时间, 职称情况 (G2:H2) over 职称名称 | 取得时间. The two
                               header rows are printed again, merged the same way, on rows 8–9.
  vertical_merged_leaf.xls     xlwt (write_merge), the same layout, other people; the header is
                               printed again on rows 7–8.
  three_row_header.xlsx        openpyxl, merged. Rows 1–3: 序号 merged A1:A3; 基本信息 over 姓名 |
                               身份证号 (these merged over rows 2–3); 技能等级情况 over 等级 | 取得时间
                               (merged over 2–3); 近三年年度考核 (F1:H1) over 年度 (F2:H2) over
                               2023 | 2024 | 2025; 职称, 职称取得时间, 荣誉称号 merged over rows 1–3.
  three_row_header.ods         odfpy, LibreOffice style (number-columns-spanned /
                               number-rows-spanned on the first cell, covered-table-cell for the
                               covered ones): a merged title row (1), then the same three-row
                               header on rows 2–4 with the years written 2023年 | 2024年 | 2025年.
  bracketed_header_note.xlsx   one header row with marks and notes: *姓名, 身份证号码（18位）,
                               取得时间（年.月）, 职称取得时间（年.月）, 荣誉称号（获奖情况）,
                               近三年年度考核（优秀/合格/基本合格/不合格）, 从事本职业\\n起始时间.
                               Dates are text such as 2018.05.
  repeated_header_text.csv     GBK, comma, CRLF (an HR-system export): two 取得时间 (the skill's,
                               then the title's), two 备注 with different values, a header cell
                               with a quoted line break ("近三年\\n年度考核"), and quoted line breaks
                               in 备注. Rows are record numbers, not physical lines.
  repeated_header_text.xlsx    openpyxl, the same idea: two 取得时间, two 备注, other people.
  combined_level_date.xlsx     技能等级及取得时间 and 职称及取得时间 hold level/title and date in one
                               cell (技师 2019.05, 高级工（2018年3月）, 高级技师2020-06,
                               工程师/2017.12); one cell gives a level without a date (技师), one
                               gives neither (见附件).
  title_series_column.xls      xlwt: 职称系列 (工程 / 经济 / empty) beside a grade-only 职称
                               (中级, 副高级, 助理级), with 从事本职业起始时间.
  integrity_three_valued.xlsx  the SAME seven people in three files, each clearly eligible for
  integrity_three_valued.csv   工程师 on route 三, with 诚信情况 blank / 无 / 无弄虚作假行为 /
  integrity_three_valued.ods   2021年伪造业绩材料 / 待查 / 有 / #N/A (an error cell in the xlsx
                               and the ods, the text #N/A in the UTF-8-with-BOM csv).
  expected.json                per file: as_of, sheet, header_rows, columns (index, path, key),
                               not_people, and the people with what the screening must say. The
                               outcomes are literals below, written BY HAND from
                               shared/spec/RULES.md; this script only copies them out and checks
                               that each person lands on the row written next to them and that
                               each column's path is what its merged header block gives.

Every 身份证号 is made up with a correct GB 11643 check digit (helpers copied from
scripts/make_fixtures.py / make_batch_fixtures.py) and all are distinct, except that the three
integrity files list the same seven people (the same 身份证号 in each).
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
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    import xlwt
    from odf import dc as odfdc, meta as odfmeta
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P as OdfP
except ImportError:  # pragma: no cover
    sys.exit("make_layout_fixtures.py needs openpyxl, xlwt and odfpy:  "
             "pip install openpyxl xlwt odfpy")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "layouts")

AS_OF = "2025-12-31"
CREATOR = "guantong make_layout_fixtures.py"
FIXED_TIME = (2025, 12, 1, 0, 0, 0)
FIXED_ISO = "2025-12-01T00:00:00Z"

# ---------------------------------------------------------------------------------------------
# 身份证号 (GB 11643-1999), copied from scripts/make_fixtures.py
# ---------------------------------------------------------------------------------------------
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
REGIONS = ["210302", "210303", "210304", "210311", "210381", "210321"]  # 鞍山: 铁东 铁西 立山 千山 海城 台安


def check_digit(first17):
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def make_id(rng, birth_year_range=(1966, 1990)):
    region = rng.choice(REGIONS)
    y = rng.randint(*birth_year_range)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    seq = rng.randint(1, 999)
    first17 = f"{region}{y:04d}{m:02d}{d:02d}{seq:03d}"
    return first17 + check_digit(first17)


def D(y, m, d):
    """A real date cell in .xlsx/.xls/.ods."""
    return dt.date(y, m, d)


NA_ERR = "#N/A"  # an error cell in xlsx/ods; plain text in a CSV

# ---------------------------------------------------------------------------------------------
# Expectations: statuses and canonical names, as in RULES.md.
#
# Conventions (the same as tests/data/expected_core.json and batch/expected.json):
#   * title_* is route 三, skill_* route 四. title_best is null when the route gives nothing,
#     when 三（一） fails, when vetoed or not applicable; with needs_review it is what the person
#     would get; with already_held it is the title the rules give (≤ the title held).
#   * skill_level is the level route 四 reaches (also when already_held or needs_review); null
#     when vetoed or not applicable.
#   * Vetoed (二（三）): both routes not_eligible, as RULES.md says ("statuses not_eligible").
#   * Nobody depends on a reading RULES.md leaves open. Where a file has no
#     从事本职业起始时间 column, every title holder's route-四 result is the same whether the
#     years after the title are counted from the title date (as the brief reads it) or left
#     unknown: either the title date is so recent that + 3 years is after the as-of date (and a
#     later start only makes it later), or no years are needed (四（三）2 / 四（四）2), or the
#     person already holds the highest level reachable.
#   * No date is year-only, none lies within a month of a boundary, no award has an unstated
#     placing, and 诚信情况 is blank except in the integrity files.
# ---------------------------------------------------------------------------------------------
E, NR, NE, NA, AH = "eligible", "needs_review", "not_eligible", "not_applicable", "already_held"
G3, G2, G1 = "高级工", "技师", "高级技师"
T1, T2, T3, T4 = "助理工程师", "工程师", "高级工程师", "正高级工程师"
APPR = "2023合格、2024优秀、2025合格"
APPR3 = "2023合格、2024合格、2025合格"


def X(ts, best, ss, sl, why, vetoed=False):
    return dict(vetoed=vetoed, title_status=ts, title_best=best, skill_status=ss, skill_level=sl,
                why=why)


def C(handle, path, key):
    """A column: the handle people's values use, its header path (top-down), its field key."""
    return (handle, list(path), key)


# A header block is a list of cells (r0, c0, r1, c1, text): rows r0..r1 and columns c0..c1
# (0-based, rows relative to the block's first row), merged when it covers more than one cell.

# ---------------------------------------------------------------------------------------------
# 1. vertical_merged_leaf.xlsx
# ---------------------------------------------------------------------------------------------
VM_COLS = [
    C("序号", ["序号"], None),
    C("姓名", ["姓名"], "name"),
    C("身份证号", ["身份证号"], "id_number"),
    C("岗位类别", ["岗位类别"], "post_type"),
    C("等级", ["技能等级情况", "等级"], "skill_level"),
    C("等级时间", ["技能等级情况", "取得时间"], "skill_date"),
    C("职称名称", ["职称情况", "职称名称"], "title"),
    C("职称时间", ["职称情况", "取得时间"], "title_date"),
    C("考核", ["近三年年度考核"], "appraisal"),
    C("荣誉称号", ["荣誉称号"], "awards"),
    C("诚信情况", ["诚信情况"], "integrity"),
]
VM_BLOCK = [
    (0, 0, 1, 0, "序号"), (0, 1, 1, 1, "姓名"), (0, 2, 1, 2, "身份证号"), (0, 3, 1, 3, "岗位类别"),
    (0, 4, 0, 5, "技能等级情况"), (1, 4, 1, 4, "等级"), (1, 5, 1, 5, "取得时间"),
    (0, 6, 0, 7, "职称情况"), (1, 6, 1, 6, "职称名称"), (1, 7, 1, 7, "取得时间"),
    (0, 8, 1, 8, "近三年年度考核"), (0, 9, 1, 9, "荣誉称号"), (0, 10, 1, 10, "诚信情况"),
]
VMX_TITLE = "鞍钢集团矿业有限公司2025年度技能人才贯通花名册"
VMX_LAYOUT = ["title", "header", "header+1", 4, 5, 6, 7, "header", "header+1", 10, 11, 12, 13]
VMX = [
    (4, "邹德山", dict(岗位类别="技能岗位", 等级="高级技师", 等级时间=D(2019, 5, 1), 考核=APPR3,
                      荣誉称号="辽宁工匠"),
     X(E, T4, NA, None, "三（四）1 辽宁工匠 → 正高级工程师 (highest tier); regular 三（二）2 高级技师 "
       "2019-05-01 (date cell) + 4 = 2023-05-01 → 高级工程师; best 正高级工程师. 三（一）2 three 合格 "
       "(2023–2025) met. No title → 四 not_applicable.")),
    (5, "范秀云", dict(岗位类别="技能岗位", 等级="技师", 等级时间="2020-09-01"),
     X(E, T2, NA, None, "三（二）2 技师 2020-09-01 + 3 = 2023-09-01 → 工程师. Read under the vertically "
       "merged leaves and the 技能等级情况 group. No title → 四 not_applicable.")),
    (6, "石磊", dict(岗位类别="技能岗位", 等级="高级工", 等级时间="2024-03-01"),
     X(NE, None, NA, None, "三（二）2 高级工 2024-03-01 + 2 = 2026-03-01 > as-of → not_eligible; "
       "no award. No title → 四 not_applicable.")),
    (7, "冯春来", dict(岗位类别="技能岗位", 等级="技师", 等级时间=D(2018, 6, 1), 职称名称="工程师",
                      职称时间="2023-09-01"),
     X(AH, T2, AH, G2, "三 技师 2018-06-01 + 3 → 工程师 ≤ held 工程师 (职称情况 › 职称名称, › 取得时间 is "
       "the title date) → already_held. 四（三）2 工程师 → 技师; 四（四）1 needs 3 years after "
       "2023-09-01 (or a later start): ≥ 2026-09-01 > as-of → 技师, held → already_held.")),
    # rows 8–9: the two header rows printed again, merged the same way
    (10, "高雅琴", dict(岗位类别="专业技术岗位", 等级="高级工", 等级时间="2019-04-01", 职称名称="助理工程师",
                       职称时间="2020-07-01"),
     X(AH, T1, NA, None, "First person after the repeated header. 专业技术岗位 is inside 三: 高级工 "
       "2019-04-01 + 2 → 助理工程师 ≤ held → already_held; outside 四 → not_applicable.")),
    (11, "黄振国", dict(岗位类别="管理岗位", 等级="技师", 等级时间="2017-05-01"),
     X(NA, None, NA, None, "一: 管理岗位 is outside 三 and 四 → both not_applicable.")),
    (12, "廖红霞", dict(岗位类别="技能岗位", 等级="高级工", 等级时间="2021-06-01",
                       考核="2023优秀、2024合格、2025不合格"),
     X(NE, None, NA, None, "三（一）2: 2025 不合格 fails → not_eligible (years alone would give "
       "助理工程师). No title → 四 not_applicable.")),
    (13, "包志远", dict(岗位类别="技能岗位", 等级="高级工", 等级时间=D(2025, 3, 1),
                       荣誉称号="2024年鞍山工匠"),
     X(E, T2, NA, None, "三（四）3 鞍山工匠 → 工程师 although the regular route is short (高级工 "
       "2025-03-01 + 2 = 2027-03-01 > as-of); alternatives combine like OR → eligible 工程师. No "
       "title → 四 not_applicable.")),
]

# ---------------------------------------------------------------------------------------------
# 2. vertical_merged_leaf.xls
# ---------------------------------------------------------------------------------------------
VMS_TITLE = "鞍山钢铁冶金炉材有限公司2025年度技能人才花名册"
VMS_LAYOUT = ["title", "header", "header+1", 4, 5, 6, "header", "header+1", 9, 10, 11, 12]
VMS = [
    (4, "谭永安", dict(岗位类别="技能岗位", 等级="高级技师", 等级时间=D(2016, 10, 1), 考核=APPR,
                      荣誉称号="2021年全国技术能手"),
     X(E, T4, NA, None, "三（四）1 全国技术能手 → 正高级工程师; regular 高级技师 2016-10-01 + 4 → "
       "高级工程师; best 正高级工程师. No title → 四 not_applicable.")),
    (5, "韦丽华", dict(岗位类别="技能岗位", 等级="高级工", 等级时间="2022-04-01"),
     X(E, T1, NA, None, "三（二）2 高级工 2022-04-01 + 2 = 2024-04-01 → 助理工程师.")),
    (6, "严卫国", dict(岗位类别="技能岗位", 等级="高级技师", 等级时间="2022-06-01"),
     X(E, T2, NA, None, "高级技师 2022-06-01 + 4 = 2026-06-01 > as-of; it counts as 技师 with the same "
       "date (no 技师取得时间 column): + 3 = 2025-06-01 → 工程师.")),
    # rows 7–8: header printed again
    (9, "金凤英", dict(岗位类别="技能岗位", 等级="技师", 等级时间="2019-08-01", 职称名称="高级工程师",
                      职称时间="2022-12-01"),
     X(AH, T2, E, G1, "三 技师 → 工程师 ≤ held 高级工程师 → already_held. 四（四）2 高级工程师 on a "
       "技能岗位 → 高级技师 (no years needed) > held 技师 → eligible.")),
    (10, "陆海波", dict(岗位类别="技能岗位", 等级="技师", 等级时间=D(2020, 3, 1), 职称名称="经济师",
                       职称时间="2019-05-01"),
     X(E, T2, NA, None, "技师 2020-03-01 + 3 → 工程师; 经济师 is not an engineering title: not held for "
       "三, and 四 not_applicable.")),
    (11, "孟庆丰", dict(岗位类别="技能岗位", 等级="高级工", 等级时间="2020-11-01",
                       荣誉称号="2024年鞍山市技术能手"),
     X(E, T1, NA, None, "Near-miss 鞍山市技术能手 → no exceptional route; regular 高级工 2020-11-01 + 2 "
       "→ 助理工程师.")),
    (12, "贺建平", dict(岗位类别="技能岗位", 等级="技师", 等级时间="2021-02-01", 职称名称="助理工程师",
                       职称时间="2019-08-01"),
     X(E, T2, AH, G2, "三 技师 2021-02-01 + 3 = 2024-02-01 → 工程师 > held 助理工程师 → eligible. 四（二） "
       "助理工程师 → 高级工; 四（三）1 → 技师 at best (2019-08-01 + 3 = 2022-08-01; no 从事本职业起始时间 "
       "column): held 技师 → already_held 技师 whether or not those years are counted.")),
]

# ---------------------------------------------------------------------------------------------
# 3. three_row_header.xlsx / 4. three_row_header.ods
# ---------------------------------------------------------------------------------------------
def three_row_cols(years):
    return [
        C("序号", ["序号"], None),
        C("姓名", ["基本信息", "姓名"], "name"),
        C("身份证号", ["基本信息", "身份证号"], "id_number"),
        C("等级", ["技能等级情况", "等级"], "skill_level"),
        C("等级时间", ["技能等级情况", "取得时间"], "skill_date"),
        C("Y2023", ["近三年年度考核", "年度", years[0]], "appraisal"),
        C("Y2024", ["近三年年度考核", "年度", years[1]], "appraisal"),
        C("Y2025", ["近三年年度考核", "年度", years[2]], "appraisal"),
        C("职称", ["职称"], "title"),
        C("职称取得时间", ["职称取得时间"], "title_date"),
        C("荣誉称号", ["荣誉称号"], "awards"),
    ]


def three_row_block(years):
    return [
        (0, 0, 2, 0, "序号"),
        (0, 1, 0, 2, "基本信息"), (1, 1, 2, 1, "姓名"), (1, 2, 2, 2, "身份证号"),
        (0, 3, 0, 4, "技能等级情况"), (1, 3, 2, 3, "等级"), (1, 4, 2, 4, "取得时间"),
        (0, 5, 0, 7, "近三年年度考核"), (1, 5, 1, 7, "年度"),
        (2, 5, 2, 5, years[0]), (2, 6, 2, 6, years[1]), (2, 7, 2, 7, years[2]),
        (0, 8, 2, 8, "职称"), (0, 9, 2, 9, "职称取得时间"), (0, 10, 2, 10, "荣誉称号"),
    ]


TRX_YEARS = ["2023", "2024", "2025"]
TRO_YEARS = ["2023年", "2024年", "2025年"]


def Y3(a, b, c):
    return {"Y2023": a, "Y2024": b, "Y2025": c}


OK3 = Y3("合格", "优秀", "合格")

TRX_LAYOUT = ["header", "header+1", "header+2", 4, 5, 6, 7, 8, 9]
TRX = [
    (4, "欧阳明", dict(等级="技师", 等级时间="2018-06-01", **OK3),
     X(E, T2, NA, None, "三（二）2 技师 2018-06-01 + 3 = 2021-06-01 → 工程师; 三（一）2 合格/优秀/合格 in the "
       "three year columns under 近三年年度考核 › 年度. No post-type column: inside the scope. No "
       "title → 四 not_applicable.")),
    (5, "江海燕", dict(等级="高级工", 等级时间="2020-05-01", **Y3("合格", "基本合格", "合格")),
     X(NE, None, NA, None, "三（一）2: 2024 基本合格 fails → not_eligible (years alone would give "
       "助理工程师).")),
    (6, "汤志勇", dict(等级="高级技师", 等级时间=D(2017, 9, 1), **Y3("优秀", "良好", "合格")),
     X(E, T3, NA, None, "高级技师 2017-09-01 (date cell) + 4 → 高级工程师; 优秀/良好/合格 all pass.")),
    (7, "岳小红", dict(等级="高级工", 等级时间="2023-07-01", 荣誉称号="2024年全国技术能手提名",
                      **Y3("合格", "合格", "优秀")),
     X(E, T1, NA, None, "Near-miss 全国技术能手提名 → no exceptional route; regular 高级工 2023-07-01 + "
       "2 = 2025-07-01 → 助理工程师.")),
    (8, "薛建军", dict(等级="技师", 等级时间="2021-04-01", **Y3("", "合格", "合格")),
     X(NR, T2, NA, None, "三（一）2: the 2023 column is empty, only two appraisals known → "
       "needs_review, would get 工程师 (技师 2021-04-01 + 3 = 2024-04-01).")),
    (9, "柏玉梅", dict(等级="技师", 等级时间="2019-10-01", 职称="工程师", 职称取得时间="2023-10-01", **OK3),
     X(AH, T2, AH, G2, "三 技师 → 工程师 ≤ held 工程师 → already_held. 四（三）2 工程师 → 技师; 四（四）1 "
       "2023-10-01 + 3 = 2026-10-01 > as-of (a later start only later) → 技师, held → "
       "already_held.")),
]

TRO_TITLE = "鞍山市建筑安装工程有限公司高技能人才申报职称花名册"
TRO_LAYOUT = ["title", "header", "header+1", "header+2", 5, 6, 7, 8, 9, 10]
TRO = [
    (5, "田野", dict(等级="高级工", 等级时间="2019-12-01", 荣誉称号="2020年辽宁省技术能手", **OK3),
     X(E, T2, NA, None, "三（四）3 辽宁省技术能手 → 工程师; regular 高级工 2019-12-01 + 2 → 助理工程师; "
       "best 工程师.")),
    (6, "秦晓东", dict(等级="技师", 等级时间=D(2023, 3, 1), **OK3),
     X(E, T1, NA, None, "技师 2023-03-01 (date cell) + 3 = 2026-03-01 > as-of; 技师 counts as 高级工 with "
       "the same date: + 2 = 2025-03-01 → 助理工程师.")),
    (7, "魏淑兰", dict(等级="高级工", 等级时间="2021-08-01", **Y3("不合格", "合格", "合格")),
     X(NE, None, NA, None, "三（一）2: 2023年 不合格 fails → not_eligible.")),
    (8, "万国强", dict(等级="高级技师", 等级时间="2020-02-01", **Y3("称职", "优秀", "合格")),
     X(E, T3, NA, None, "高级技师 2020-02-01 + 4 = 2024-02-01 → 高级工程师; 称职/优秀/合格 all pass.")),
    (9, "龚丽", dict(等级="中级工", 等级时间="2015-06-01", **OK3),
     X(NA, None, NA, None, "三（一）1: 中级工 is below 高级工 → not_applicable; no title → 四 "
       "not_applicable.")),
    (10, "焦连生", dict(等级="高级工", 等级时间="2018-03-01", 职称="助理工程师", 职称取得时间="2023-06-01",
                       **OK3),
     X(AH, T1, AH, G3, "三 高级工 → 助理工程师 ≤ held → already_held. 四（二） 助理工程师 → 高级工; "
       "四（三）1 2023-06-01 + 3 = 2026-06-01 > as-of → 高级工, held → already_held.")),
]

# ---------------------------------------------------------------------------------------------
# 5. bracketed_header_note.xlsx
# ---------------------------------------------------------------------------------------------
BH_COLS = [
    C("序号", ["序号"], None),
    C("姓名", ["*姓名"], "name"),
    C("身份证号", ["身份证号码（18位）"], "id_number"),
    C("技能等级", ["技能等级"], "skill_level"),
    C("技能时间", ["取得时间（年.月）"], "skill_date"),
    C("职称", ["职称"], "title"),
    C("职称时间", ["职称取得时间（年.月）"], "title_date"),
    C("起始", ["从事本职业\n起始时间"], "occupation_start"),
    C("考核", ["近三年年度考核（优秀/合格/基本合格/不合格）"], "appraisal"),
    C("荣誉", ["荣誉称号（获奖情况）"], "awards"),
]
BH_LAYOUT = ["header", 2, 3, 4, 5, 6, 7, 8]
BH = [
    (2, "陶德华", dict(技能等级="技师", 技能时间="2018.05"),
     X(E, T2, NA, None, "技师 2018.05 (month only → 2018-05-01) + 3 → 工程师, read through 取得时间（年.月）. "
       "No title → 四 not_applicable.")),
    (3, "葛春燕", dict(技能等级="高级工", 技能时间="2022.07", 荣誉="2024年鞍山工匠"),
     X(E, T2, NA, None, "三（四）3 鞍山工匠 (in 荣誉称号（获奖情况）) → 工程师; regular 高级工 2022.07 + 2 → "
       "助理工程师; best 工程师.")),
    (4, "鲍国庆", dict(技能等级="高级技师", 技能时间="2019.11"),
     X(E, T3, NA, None, "高级技师 2019.11 (→ 2019-11-01) + 4 = 2023-11-01 → 高级工程师.")),
    (5, "程丽娜", dict(职称="助理工程师", 职称时间="2021.07", 起始="2015.07"),
     X(NA, None, E, G2, "No skill level → 三 not_applicable. 四（二） → 高级工; 四（三）1 from the later of "
       "2021-07-01 (title) and 2015-07-01 (从事本职业\\n起始时间): + 3 = 2024-07-01 → 技师.")),
    (6, "雷振宇", dict(技能等级="高级工", 技能时间="2017.09", 职称="工程师", 职称时间="2024.03", 起始="2010.07"),
     X(AH, T1, E, G2, "三 高级工 → 助理工程师 ≤ held 工程师 → already_held. 四（三）2 工程师 → 技师 > "
       "高级工 → eligible; 四（四）1 from 2024-03-01 (later than 2010-07-01) + 3 = 2027-03-01 > as-of.")),
    (7, "夏小梅", dict(技能等级="技师", 技能时间="2020.08", 考核="2023优秀、2024合格"),
     X(NR, T2, NA, None, "三（一）2: only two appraisals → needs_review, would get 工程师 (2020-08-01 + 3).")),
    (8, "骆文斌", dict(职称="工程师", 职称时间="2019.06", 起始="2023.05"),
     X(NA, None, E, G2, "No skill level → 三 not_applicable. 四（三）2 工程师 → 技师; 四（四）1 counts from "
       "the LATER start 2023-05-01: + 3 = 2026-05-01 > as-of (from the title date alone it would be "
       "2022-06-01) → 技师.")),
]

# ---------------------------------------------------------------------------------------------
# 6. repeated_header_text.csv / 7. repeated_header_text.xlsx
# ---------------------------------------------------------------------------------------------
RH_CSV_COLS = [
    C("序号", ["序号"], None),
    C("姓名", ["姓名"], "name"),
    C("身份证号", ["身份证号"], "id_number"),
    C("技能等级", ["技能等级"], "skill_level"),
    C("技能时间", ["取得时间"], "skill_date"),
    C("职称", ["职称"], "title"),
    C("职称时间", ["取得时间"], "title_date"),
    C("考核", ["近三年\n年度考核"], "appraisal"),
    C("备注1", ["备注"], None),
    C("备注2", ["备注"], None),
]
RHC_LAYOUT = ["header", 2, 3, 4, 5, 6, 7]
RHC = [
    (2, "石建华", dict(技能等级="技师", 技能时间="2019-03-01", 备注1="班组长", 备注2="2025年\n调入本厂"),
     X(E, T2, NA, None, "技师 2019-03-01 (first 取得时间) + 3 → 工程师. 备注 values differ; the second "
       "holds a quoted line break, so record 2 spans two physical lines after a header that spans "
       "two.")),
    (3, "卢美玲", dict(技能等级="高级工", 技能时间="2021-05-01", 职称="助理工程师", 职称时间="2023-04-01",
                      备注2="职称证书\n待补交"),
     X(AH, T1, AH, G3, "三 高级工 2021-05-01 + 2 → 助理工程师 ≤ held → already_held. 四（二） → 高级工; "
       "四（三）1 from the SECOND 取得时间 2023-04-01 + 3 = 2026-04-01 > as-of → 高级工, held → "
       "already_held (the first 取得时间 taken as the title date would wrongly give 技师).")),
    (4, "邱国栋", dict(技能等级="高级工", 技能时间="2024-06-01", 职称="经济师", 职称时间="2018-09-01",
                      备注1="外协"),
     X(NE, None, NA, None, "高级工 from the FIRST 取得时间 2024-06-01 + 2 = 2026-06-01 > as-of → "
       "not_eligible (the title's 2018-09-01 taken as the skill date would wrongly give 助理工程师); "
       "经济师 → 四 not_applicable.")),
    (5, "蔡玉兰", dict(技能等级="高级技师", 技能时间="2020-10-01", 备注1="兼任安全员,三班倒",
                      备注2="2026年\n退休"),
     X(E, T3, NA, None, "高级技师 2020-10-01 + 4 = 2024-10-01 → 高级工程师. 备注 one holds a quoted comma, "
       "备注 two a quoted line break.")),
    (6, "贾宏伟", dict(技能等级="技师", 技能时间="2022-05-01", 考核="2023合格，2024优秀，2025合格",
                      备注1="劳务派遣", 备注2="派遣单位：鞍山人力资源服务公司"),
     X(E, T2, NA, None, "技师 2022-05-01 + 3 = 2025-05-01 → 工程师; appraisals separated by full-width "
       "commas.")),
    (7, "蒋丽", dict(技能等级="高级工", 技能时间="2020-01-01", 考核="2023合格、2024不合格、2025合格",
                    备注1="夜班", 备注2="轮岗"),
     X(NE, None, NA, None, "三（一）2: 2024 不合格 → not_eligible.")),
]

RH_XLSX_COLS = [
    C("序号", ["序号"], None),
    C("姓名", ["姓名"], "name"),
    C("身份证号", ["身份证号"], "id_number"),
    C("岗位类别", ["岗位类别"], "post_type"),
    C("技能等级", ["技能等级"], "skill_level"),
    C("技能时间", ["取得时间"], "skill_date"),
    C("职称", ["职称"], "title"),
    C("职称时间", ["取得时间"], "title_date"),
    C("考核", ["近三年\n年度考核"], "appraisal"),
    C("备注1", ["备注"], None),
    C("备注2", ["备注"], None),
]
RHX_LAYOUT = ["header", 2, 3, 4, 5, 6, 7]
RHX = [
    (2, "万里", dict(岗位类别="技能岗位", 技能等级="技师", 技能时间=D(2020, 1, 1), 备注1="倒班", 备注2="驻外"),
     X(E, T2, NA, None, "技师 2020-01-01 (date cell, first 取得时间) + 3 → 工程师.")),
    (3, "孔繁荣", dict(岗位类别="技能岗位", 技能等级="高级技师", 技能时间="2015-06-01", 职称="工程师",
                      职称时间="2024-05-01", 备注1="首席操作", 备注2="2024年评定职称"),
     X(E, T3, AH, G2, "三 高级技师 2015-06-01 (first 取得时间) + 4 → 高级工程师 > held 工程师 → eligible "
       "(the title's 2024-05-01 as the skill date would give not_eligible). 四（三）2 工程师 → 技师; "
       "四（四）1 2024-05-01 + 3 = 2027-05-01 > as-of → 技师 ≤ held 高级技师 → already_held.")),
    (4, "樊丽君", dict(岗位类别="技能岗位", 技能等级="高级工", 技能时间="2023-02-01", 备注2="新入职"),
     X(E, T1, NA, None, "高级工 2023-02-01 + 2 = 2025-02-01 → 助理工程师; both title cells empty.")),
    (5, "侯德胜", dict(岗位类别="技能岗位", 技能等级="技师", 技能时间="2018-09-01", 职称="高级工程师",
                      职称时间=D(2021, 10, 1), 备注1="技术组长", 备注2="兼职培训师"),
     X(AH, T2, E, G1, "三 技师 → 工程师 ≤ held 高级工程师 → already_held. 四（四）2 高级工程师 → 高级技师 "
       "(no years) > 技师 → eligible.")),
    (6, "晏秋菊", dict(岗位类别="技能岗位", 技能等级="高级工", 技能时间="2019-06-01", 职称="政工师",
                      职称时间="2020-06-01", 备注1="党支部委员", 备注2=""),
     X(E, T1, NA, None, "高级工 2019-06-01 + 2 → 助理工程师; 政工师 is not an engineering title → not "
       "held, 四 not_applicable.")),
    (7, "车志强", dict(岗位类别="管理岗位", 技能等级="技师", 技能时间="2016-01-01", 备注1="车间主任",
                      备注2="原焊工"),
     X(NA, None, NA, None, "一: 管理岗位 → both routes not_applicable.")),
]

# ---------------------------------------------------------------------------------------------
# 8. combined_level_date.xlsx
# ---------------------------------------------------------------------------------------------
CL_COLS = [
    C("姓名", ["姓名"], "name"),
    C("身份证号", ["身份证号"], "id_number"),
    C("技能", ["技能等级及取得时间"], "skill_level_and_date"),
    C("职称", ["职称及取得时间"], "title_and_date"),
    C("考核", ["近三年年度考核"], "appraisal"),
]
CL_LAYOUT = ["header", 2, 3, 4, 5, 6, 7, 8]
CL = [
    (2, "白云飞", dict(技能="技师 2019.05"),
     X(E, T2, NA, None, "技能等级及取得时间 `技师 2019.05` → 技师 2019-05-01 + 3 → 工程师. No title → 四 "
       "not_applicable.")),
    (3, "尚红梅", dict(技能="高级工（2018年3月）"),
     X(E, T1, NA, None, "`高级工（2018年3月）` → 高级工 2018-03-01 + 2 → 助理工程师.")),
    (4, "伍建新", dict(技能="高级技师2020-06"),
     X(E, T3, NA, None, "`高级技师2020-06` (no separator, month only) → 2020-06-01 + 4 = 2024-06-01 → "
       "高级工程师.")),
    (5, "管玉洁", dict(技能="高级技师 2016.04", 职称="工程师/2017.12"),
     X(E, T3, AH, G1, "三 高级技师 2016-04-01 + 4 → 高级工程师 > held 工程师 (职称及取得时间 "
       "`工程师/2017.12`) → eligible. 四 工程师 → 技师, 四（四）1 → 高级技师 at most; held 高级技师 → "
       "already_held 高级技师 however the years are counted.")),
    (6, "路长青", dict(职称="助理工程师（2023年9月）"),
     X(NA, None, E, G3, "No skill level → 三 not_applicable. 四（二） 助理工程师 → 高级工; 四（三）1 "
       "2023-09-01 + 3 = 2026-09-01 > as-of → eligible 高级工.")),
    (7, "钟小燕", dict(技能="技师"),
     X(NR, T2, NA, None, "`技师` with no date: the level is known, its date unknown → needs_review, "
       "would get 工程师 (like 时迁 in the core set).")),
    (8, "纪文龙", dict(技能="见附件"),
     X(NR, None, NA, None, "`见附件` gives neither level nor date: unrecognised level (data issue) → "
       "needs_review, no would-get title (like 扈娘 in the core set).")),
]

# ---------------------------------------------------------------------------------------------
# 9. title_series_column.xls
# ---------------------------------------------------------------------------------------------
TS_COLS = [
    C("姓名", ["姓名"], "name"),
    C("身份证号", ["身份证号"], "id_number"),
    C("岗位类别", ["岗位类别"], "post_type"),
    C("技能等级", ["技能等级"], "skill_level"),
    C("取得时间", ["取得时间"], "skill_date"),
    C("职称系列", ["职称系列"], "title_series"),
    C("职称", ["职称"], "title"),
    C("职称取得时间", ["职称取得时间"], "title_date"),
    C("起始", ["从事本职业起始时间"], "occupation_start"),
    C("考核", ["近三年年度考核"], "appraisal"),
]
TS_LAYOUT = ["header", 2, 3, 4, 5, 6, 7]
TS = [
    (2, "赖文杰", dict(岗位类别="技能岗位", 职称系列="工程", 职称="中级", 职称取得时间=D(2019, 7, 1),
                      起始="2012-07-01"),
     X(NA, None, E, G1, "工程 + 中级 → 工程师. No skill level → 三 not_applicable. 四（四）1 from the later "
       "of 2019-07-01 and 2012-07-01: + 3 = 2022-07-01 → 高级技师.")),
    (3, "易淑珍", dict(岗位类别="技能岗位", 技能等级="技师", 取得时间="2017-04-01", 职称系列="工程",
                      职称="副高级", 职称取得时间="2021-11-01", 起始="2008-07-01"),
     X(AH, T2, E, G1, "工程 + 副高级 → 高级工程师. 三 技师 → 工程师 ≤ held → already_held. 四（四）2 "
       "高级工程师 → 高级技师 > 技师 → eligible.")),
    (4, "章国华", dict(岗位类别="技能岗位", 技能等级="高级工", 取得时间="2020-06-01", 职称系列="经济",
                      职称="中级", 职称取得时间="2019-03-01", 起始="2010-07-01"),
     X(E, T1, NA, None, "经济 + 中级 (经济师) is not an engineering title: not held for 三 → 高级工 "
       "2020-06-01 + 2 → 助理工程师 eligible; 四 not_applicable.")),
    (5, "柯玉芬", dict(岗位类别="技能岗位", 职称系列="", 职称="中级", 职称取得时间="2024-04-01",
                      起始="2015-07-01"),
     X(NA, None, NR, G2, "中级 with an empty 职称系列: engineering or not is unknown (data issue) → 四 "
       "needs_review, would get 技师 if it is 工程师 (四（三）2; 四（四）1 2024-04-01 + 3 = 2027-04-01 > "
       "as-of). No skill level → 三 not_applicable.")),
    (6, "聂永刚", dict(岗位类别="技能岗位", 技能等级="高级工", 取得时间=D(2018, 10, 1), 职称系列="工程",
                      职称="助理级", 职称取得时间="2021-03-01", 起始="2019-09-01"),
     X(AH, T1, E, G2, "工程 + 助理级 → 助理工程师. 三 高级工 → 助理工程师 ≤ held → already_held. 四（三）1 "
       "from the later 2021-03-01 + 3 = 2024-03-01 → 技师 > 高级工 → eligible.")),
    (7, "庞秀兰", dict(岗位类别="技能岗位", 技能等级="高级技师", 取得时间="2018-05-01", 起始="2000-07-01"),
     X(E, T3, NA, None, "高级技师 2018-05-01 + 4 → 高级工程师; 职称系列 and 职称 both empty: no title, no "
       "issue → 四 not_applicable.")),
]

# ---------------------------------------------------------------------------------------------
# 10. integrity_three_valued.{xlsx,csv,ods}
# ---------------------------------------------------------------------------------------------
IN_COLS = [
    C("序号", ["序号"], None),
    C("姓名", ["姓名"], "name"),
    C("身份证号", ["身份证号"], "id_number"),
    C("技能等级", ["技能等级"], "skill_level"),
    C("技能等级取得时间", ["技能等级取得时间"], "skill_date"),
    C("考核", ["近三年年度考核"], "appraisal"),
    C("诚信情况", ["诚信情况"], "integrity"),
]
IN_LAYOUT = ["header", 2, 3, 4, 5, 6, 7, 8]
IN_BASE = dict(技能等级="技师", 技能等级取得时间="2018-03-01", 考核=APPR3)
IN_UNKNOWN = ("unknown integrity → the eligible route becomes needs_review (核实诚信情况（二（三））), "
              "would get 工程师; never a veto; 四 not_applicable (no title).")
IN = [
    (2, "林卫东", dict(诚信情况=""),
     X(E, T2, NA, None, "二（三） blank → clean. 技师 2018-03-01 + 3 → 工程师.")),
    (3, "胡桂香", dict(诚信情况="无"),
     X(E, T2, NA, None, "二（三） 无 is a none word → clean → 工程师.")),
    (4, "郑光明", dict(诚信情况="无弄虚作假行为"),
     X(E, T2, NA, None, "二（三） 无弄虚作假行为 is negated → clean → 工程师.")),
    (5, "谢长春", dict(诚信情况="2021年伪造业绩材料"),
     X(NE, None, NE, None, "二（三） 伪造业绩材料, not negated → vetoed: both routes not_eligible "
       "(otherwise eligible 工程师).", vetoed=True)),
    (6, "罗美华", dict(诚信情况="待查"), X(NR, T2, NA, None, "二（三） 待查 is neither: " + IN_UNKNOWN)),
    (7, "梁德胜", dict(诚信情况="有"), X(NR, T2, NA, None, "二（三） bare 有 names nothing: " + IN_UNKNOWN)),
    (8, "宋玉兰", dict(诚信情况=NA_ERR),
     X(NR, T2, NA, None, "二（三） #N/A (an error cell in xlsx/ods, the text #N/A in the csv; the same "
       "answer in every format): " + IN_UNKNOWN)),
]
IN = [(row, name, dict(IN_BASE, **vals), x) for row, name, vals, x in IN]

# ---------------------------------------------------------------------------------------------
# The files, in the order expected.json lists them
# ---------------------------------------------------------------------------------------------
# name, sheet, columns, header block (None: one row of the columns' paths), layout, people, note
FILES = [
    ("vertical_merged_leaf.xlsx", "花名册", VM_COLS, VM_BLOCK, VMX_LAYOUT, VMX,
     "openpyxl; merged title A1:K1; two-row header 2–3 with the leaf columns merged vertically "
     "and two groups merged horizontally; the two header rows printed again (merged) on 8–9"),
    ("vertical_merged_leaf.xls", "花名册", VM_COLS, VM_BLOCK, VMS_LAYOUT, VMS,
     "xlwt write_merge; merged title row 1; the same two-row header on 2–3, printed again on 7–8"),
    ("three_row_header.xlsx", "花名册", three_row_cols(TRX_YEARS), three_row_block(TRX_YEARS),
     TRX_LAYOUT, TRX,
     "openpyxl; three-row header 1–3 (group / middle 年度 / leaf years), 序号 merged A1:A3"),
    ("three_row_header.ods", "花名册", three_row_cols(TRO_YEARS), three_row_block(TRO_YEARS),
     TRO_LAYOUT, TRO,
     "odfpy, LibreOffice spans and covered cells; merged title row 1; three-row header 2–4"),
    ("bracketed_header_note.xlsx", "花名册", BH_COLS, None, BH_LAYOUT, BH,
     "openpyxl; one header row with *, bracketed notes and a line break; dates as text yyyy.mm"),
    ("repeated_header_text.csv", "repeated_header_text", RH_CSV_COLS, None, RHC_LAYOUT, RHC,
     "GBK, comma, CRLF; a quoted line break in a header cell and in data; rows are records"),
    ("repeated_header_text.xlsx", "花名册", RH_XLSX_COLS, None, RHX_LAYOUT, RHX,
     "openpyxl; two 取得时间, two 备注 with different values"),
    ("combined_level_date.xlsx", "花名册", CL_COLS, None, CL_LAYOUT, CL,
     "openpyxl; 技能等级及取得时间 and 职称及取得时间 combined columns"),
    ("title_series_column.xls", "花名册", TS_COLS, None, TS_LAYOUT, TS,
     "xlwt; 职称系列 beside a grade-only 职称"),
    ("integrity_three_valued.xlsx", "花名册", IN_COLS, None, IN_LAYOUT, IN,
     "openpyxl; 诚信情况 three-valued; G8 is an error cell #N/A"),
    ("integrity_three_valued.csv", "integrity_three_valued", IN_COLS, None, IN_LAYOUT, IN,
     "UTF-8 with BOM, comma, CRLF; the same people as the xlsx, #N/A as text"),
    ("integrity_three_valued.ods", "花名册", IN_COLS, None, IN_LAYOUT, IN,
     "odfpy; the same people as the xlsx, G8 an error cell (calcext:value-type=\"error\")"),
]


# ---------------------------------------------------------------------------------------------
# 身份证号: one per person, seeded, in a fixed order
# ---------------------------------------------------------------------------------------------
def assign_ids():
    rng = random.Random(20251231 + 2033)
    ids = {}
    seen_tables = []
    for _, _, _, _, _, people, _ in FILES:
        if any(people is t for t in seen_tables):
            continue  # the integrity people are the same in their three files
        seen_tables.append(people)
        for _, name, _, _ in people:
            assert name not in ids, f"name {name} used twice"
            ids[name] = make_id(rng)
    assert len(set(ids.values())) == len(ids), "身份证号 must be unique per person"
    for pid in ids.values():
        assert len(pid) == 18 and check_digit(pid[:17]) == pid[17]
    return ids


IDS = assign_ids()


def block_grid(block, ncols):
    """The block as a grid: grid[r][c] = ("start", text, rows, cols) | ("covered",) | None."""
    nrows = max(r1 for _, _, r1, _, _ in block) + 1
    grid = [[None] * ncols for _ in range(nrows)]
    for r0, c0, r1, c1, text in block:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                assert grid[r][c] is None, ("overlap", r, c)
                grid[r][c] = ("covered",)
        grid[r0][c0] = ("start", text, r1 - r0 + 1, c1 - c0 + 1)
    return grid


def block_paths(block, ncols):
    """Each column's header path: the texts down the block (a merged cell gives its text to every
    cell it covers), consecutive repeats collapsed, trimmed, empties left out."""
    nrows = max(r1 for _, _, r1, _, _ in block) + 1
    filled = [[""] * ncols for _ in range(nrows)]
    for r0, c0, r1, c1, text in block:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                filled[r][c] = text.strip()
    out = []
    for c in range(ncols):
        path = []
        for r in range(nrows):
            t = filled[r][c]
            if t and (not path or path[-1] != t):
                path.append(t)
        out.append(path)
    return out


def single_block(cols):
    return [(0, i, 0, i, path[0]) for i, (_, path, _) in enumerate(cols)]


def row_values(cols, people_values, name, seq):
    """The values of one person's row, in column order."""
    base = dict(序号=seq, 姓名=name, 身份证号=IDS[name], 考核=APPR)
    base.update(people_values)
    return [base.get(h, "") for h, _, _ in cols]


def walk(layout, people, cols):
    """Yields (1-based row, kind, payload) for every row of a layout.

    kind: "title", "header" (payload: block row index), "person" (payload: values)."""
    by_row = {row: (name, vals) for row, name, vals, _ in people}
    seq = 0
    for i, item in enumerate(layout, 1):
        if item == "title":
            yield i, "title", None
        elif isinstance(item, str) and item.startswith("header"):
            k = int(item.split("+")[1]) if "+" in item else 0
            yield i, "header", k
        else:
            assert item == i, (item, i)
            name, vals = by_row[item]
            seq += 1
            yield i, "person", row_values(cols, vals, name, seq)
    assert seq == len(people)


# ---------------------------------------------------------------------------------------------
# Zip post-processing (xlsx, ods), copied from scripts/make_batch_fixtures.py
# ---------------------------------------------------------------------------------------------
def rewrite_zip(raw, patch, first_stored=None):
    """Re-pack a zip with fixed entry times; patch(name, bytes) -> bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = patch(info.filename, zin.read(info.filename))
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = (zipfile.ZIP_STORED if info.filename == first_stored
                                else zipfile.ZIP_DEFLATED)
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)
    return out.getvalue()


def save_xlsx(wb, path):
    """Save with fixed docProps times and fixed zip entry times."""
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    buf = io.BytesIO()
    wb.save(buf)

    def patch(name, data):
        if name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                          rb"\g<1>" + FIXED_ISO.encode() + rb"\g<3>", data)
        return data

    with open(path, "wb") as f:
        f.write(rewrite_zip(buf.getvalue(), patch))


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)


def xl_set(ws, row, col, v):
    cell = ws.cell(row=row, column=col)
    cell.border = BOX
    if v is None or v == "":
        return cell
    cell.value = v
    if isinstance(v, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(v, str) and v == NA_ERR:
        assert cell.data_type == "e"  # openpyxl writes "#N/A" as an error cell
    elif isinstance(v, str):
        cell.data_type = "s"
        if "\n" in v:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def xl_header(ws, top, block, ncols):
    """A header block at 1-based row `top`, merged as the block says."""
    nrows = max(r1 for _, _, r1, _, _ in block) + 1
    for r in range(nrows):
        for c in range(ncols):
            ws.cell(row=top + r, column=c + 1).border = BOX
    for r0, c0, r1, c1, text in block:
        cell = ws.cell(row=top + r0, column=c0 + 1, value=text)
        cell.data_type = "s"
        cell.font, cell.alignment = BOLD, CENTER
        if (r0, c0) != (r1, c1):
            ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1,
                           end_column=c1 + 1)


def write_xlsx(path, sheet, cols, block, layout, people, *, title=None, widths=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    n = len(cols)
    block = block or single_block(cols)
    header_top = None
    for r, kind, payload in walk(layout, people, cols):
        if kind == "title":
            cell = ws.cell(row=r, column=1, value=title)
            cell.font, cell.alignment = Font(bold=True, size=16), CENTER
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            ws.row_dimensions[r].height = 30
        elif kind == "header":
            if payload == 0:
                xl_header(ws, r, block, n)
                header_top = header_top or r
        else:
            for c, v in enumerate(payload, 1):
                xl_set(ws, r, c, v)
    for c in range(1, n + 1):
        ws.column_dimensions[get_column_letter(c)].width = (widths or {}).get(c, 14)
    nrows = max(r1 for _, _, r1, _, _ in block) + 1
    ws.freeze_panes = ws.cell(row=header_top + nrows, column=3)
    save_xlsx(wb, path)


def write_xls(path, sheet, cols, block, layout, people, *, title=None):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    title_style = xlwt.easyxf("font: bold on, height 320; align: horiz center, vert center")
    head = xlwt.easyxf("font: bold on; align: horiz center, vert center, wrap on; "
                       "borders: left thin, right thin, top thin, bottom thin")
    body = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin")
    date_style = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin",
                             num_format_str="yyyy-mm-dd")
    n = len(cols)
    block = block or single_block(cols)
    for r, kind, payload in walk(layout, people, cols):
        r0 = r - 1
        if kind == "title":
            ws.write_merge(r0, r0, 0, n - 1, title, title_style)
        elif kind == "header":
            if payload == 0:
                for br0, bc0, br1, bc1, text in block:
                    if (br0, bc0) == (br1, bc1):
                        ws.write(r0 + br0, bc0, text, head)
                    else:
                        ws.write_merge(r0 + br0, r0 + br1, bc0, bc1, text, head)
        else:
            for c, v in enumerate(payload):
                if isinstance(v, dt.date):
                    ws.write(r0, c, v, date_style)
                else:
                    ws.write(r0, c, v, body)
    for c in range(n):
        ws.col(c).width = 14 * 256
    buf = io.BytesIO()
    wb.save(buf)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def csv_text(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    return "" if v is None else str(v)


def write_csv(path, cols, layout, people, *, encoding, bom=b""):
    rows = []
    for _, kind, payload in walk(layout, people, cols):
        if kind == "header":
            rows.append([path_[0] for _, path_, _ in cols])
        else:
            rows.append([csv_text(v) for v in payload])
    buf = io.StringIO()
    # Excel's CSV: CRLF between records, a line break inside a quoted field stays a bare LF.
    csv.writer(buf, delimiter=",", lineterminator="\r\n").writerows(rows)
    with open(path, "wb") as f:
        f.write(bom + buf.getvalue().encode(encoding))  # strict: fails on a non-GBK character


ODS_NA_FORMULA = "of:=NA()"


def write_ods(path, sheet, cols, block, layout, people, *, title=None):
    doc = OpenDocumentSpreadsheet()
    doc.meta.addElement(odfdc.Date(text=FIXED_ISO[:-1]))
    doc.meta.addElement(odfmeta.CreationDate(text=FIXED_ISO[:-1]))
    wide = Style(name="co1", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="3.2cm"))
    doc.automaticstyles.addElement(wide)
    n = len(cols)
    block = block or single_block(cols)
    grid = block_grid(block, n)
    table = Table(name=sheet)
    table.addElement(TableColumn(numbercolumnsrepeated=n, stylename=wide))

    def text_cell(v, **span):
        if v is None or v == "":
            return TableCell(**span)
        if isinstance(v, dt.date):
            c = TableCell(valuetype="date", datevalue=v.isoformat(), **span)
            c.addElement(OdfP(text=v.isoformat()))
        elif isinstance(v, int):
            c = TableCell(valuetype="float", value=str(v), **span)
            c.addElement(OdfP(text=str(v)))
        elif v == NA_ERR:
            # LibreOffice's error cell; calcext:value-type="error" is patched in below.
            c = TableCell(formula=ODS_NA_FORMULA, valuetype="string", stringvalue="")
            c.addElement(OdfP(text=NA_ERR))
        else:
            c = TableCell(valuetype="string", **span)
            for k, line in enumerate(str(v).split("\n")):
                c.addElement(OdfP(text=line))
        return c

    n_errors = 0
    for _, kind, payload in walk(layout, people, cols):
        tr = TableRow()
        if kind == "title":
            tr.addElement(text_cell(title, numbercolumnsspanned=n, numberrowsspanned=1))
            for _ in range(n - 1):
                tr.addElement(CoveredTableCell())
        elif kind == "header":
            for g in grid[payload]:
                if g is None:
                    tr.addElement(TableCell())
                elif g[0] == "covered":
                    tr.addElement(CoveredTableCell())
                else:
                    _, text, rs, cs = g
                    span = {}
                    if cs > 1 or rs > 1:
                        span = dict(numbercolumnsspanned=cs, numberrowsspanned=rs)
                    tr.addElement(text_cell(text, **span))
        else:
            for v in payload:
                n_errors += v == NA_ERR
                tr.addElement(text_cell(v))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.save(buf)

    def patch(name, data):
        if name == "meta.xml":
            data = re.sub(rb"<meta:generator>[^<]*</meta:generator>",
                          b"<meta:generator>" + CREATOR.encode() + b"</meta:generator>", data)
        if name == "content.xml" and n_errors:
            root = b"<office:document-content "
            assert data.count(root) == 1
            data = data.replace(root, root + b'xmlns:calcext="urn:org:documentfoundation:names:'
                                b'experimental:calc:xmlns:calcext:1.0" '
                                b'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" ')
            old = f'table:formula="{ODS_NA_FORMULA}"'.encode()
            assert data.count(old) == n_errors, data.count(old)
            data = data.replace(old, old + b' calcext:value-type="error"')
        return data

    with open(path, "wb") as f:
        f.write(rewrite_zip(buf.getvalue(), patch, first_stored="mimetype"))


# ---------------------------------------------------------------------------------------------
# expected.json
# ---------------------------------------------------------------------------------------------
def expected_entry(sheet, cols, block, layout, people, note):
    header_rows, not_people, rows = [], [], []
    seen_people = False
    for r, kind, _ in walk(layout, people, cols):
        if kind == "header" and not seen_people and (not header_rows or r == header_rows[-1] + 1):
            header_rows.append(r)
        elif kind == "person":
            seen_people = True
        elif header_rows:
            not_people.append(r)
    paths = block_paths(block or single_block(cols), len(cols))
    columns = []
    for i, ((_, path, key), got) in enumerate(zip(cols, paths)):
        assert path == got, (path, got)
        columns.append(dict(index=i, path=path, key=key))
    by_row = {row: (name, x) for row, name, _, x in people}
    people_out = []
    for r, kind, _ in walk(layout, people, cols):
        if kind == "person":
            name, x = by_row[r]
            people_out.append(dict(row=r, name=name, **x))
    return dict(as_of=AS_OF, sheet=sheet, header_rows=header_rows, columns=columns,
                not_people=not_people, people=people_out, note=note)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
def main():
    os.makedirs(OUT, exist_ok=True)
    titles = {"vertical_merged_leaf.xlsx": VMX_TITLE, "vertical_merged_leaf.xls": VMS_TITLE,
              "three_row_header.ods": TRO_TITLE}
    exp = {}
    for name, sheet, cols, block, layout, people, note in FILES:
        path = os.path.join(OUT, name)
        title = titles.get(name)
        if name.endswith(".xlsx"):
            write_xlsx(path, sheet, cols, block, layout, people, title=title)
        elif name.endswith(".xls"):
            write_xls(path, sheet, cols, block, layout, people, title=title)
        elif name.endswith(".ods"):
            write_ods(path, sheet, cols, block, layout, people, title=title)
        elif name == "repeated_header_text.csv":
            write_csv(path, cols, layout, people, encoding="gbk")
        elif name == "integrity_three_valued.csv":
            write_csv(path, cols, layout, people, encoding="utf-8", bom=b"\xef\xbb\xbf")
        else:
            raise AssertionError(name)
        exp[name] = expected_entry(sheet, cols, block, layout, people, note)
        assert 4 <= len(people) <= 8
    write_json(os.path.join(OUT, "expected.json"), exp)
    n = sum(len(e["people"]) for e in exp.values())
    print(f"layouts: {len(exp)} files, {n} person rows, {len(IDS)} distinct 身份证号")


if __name__ == "__main__":
    main()
