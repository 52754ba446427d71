#!/usr/bin/env python3
"""Write guantong's batch fixtures: one folder as the bureau receives it, deterministically.

Requires:  pip install openpyxl xlwt odfpy      (xlrd only to read the .xls back, optional)
Run from the repository root:  python3 scripts/make_batch_fixtures.py

Writes tests/data/batch/ (same input → byte-identical output: fixed seed; zip entries, xlsx
docProps and ods meta stamped with a fixed time):

  鞍钢股份/花名册.xlsx      openpyxl. Sheet 填表说明 (instructions only, no roster) first, then
                            sheet 花名册: merged title (row 1), 填报单位 line (row 2), a TWO-ROW
                            header (rows 3–4: 序号 姓名 身份证号 工作单位 岗位类别 merged over both
                            rows; group 技能等级情况 over 技能等级 | 取得时间; group 职称情况 over
                            职称 | 取得时间; 近三年年度考核, 荣誉称号 merged over both rows; a hidden
                            column L 备注), data rows 5–15. Row 10 is hidden and holds a real person.
                            A5 is the formula =ROW()-4 with the cached value 1 (patched into the
                            zip: openpyxl writes no cached values); G8 is the error #N/A in the
                            skill-date column; C11 holds the 身份证号 as a number (Excel's 15
                            significant digits, the last three lost). One cell (J9) lists the
                            appraisals on three lines.
  鞍钢股份/~$花名册.xlsx    an Office owner (lock) file: junk bytes; must be skipped.
  鞍山重型机械/花名册.xls   xlwt. Merged title (row 1), header (row 2), the header printed again
                            every 4 people (rows 7 and 13), a blank row inside the data (10), a
                            blank row (16) and the footer 填表人：张某    联系电话：0412-1234567 (17).
                            One person is listed twice (rows 4 and 15, same 身份证号).
  鞍山化工/花名册.csv       GBK, comma, CRLF, as Excel's "CSV (逗号分隔)" writes it: title line (1,
                            padded with commas to the table's width), header (2), data (3–9),
                            footer 审核人：李某 (10, padded). One quoted field holds a comma.
  鞍山电力/花名册.txt       UTF-16 LE with BOM, tab, CRLF, as Excel's "Unicode 文本" writes it:
                            header on line 1, data 2–7; no 序号 column.
  鞍山建设/花名册.ods       odfpy. Plain header on row 1, data 2–7; appraisals in three columns
                            2023年度考核 / 2024年度考核 / 2025年度考核; some real date cells.
  鞍山机电/花名册.xlsm      openpyxl, saved as .xlsm (macro-enabled content type, no macros).
                            Header on row 1 with other synonyms (公民身份号码, 所在单位, 职业资格等级,
                            发证日期, 专业技术职务, 评定时间, 获奖情况) and 从业工种, which needs
                            --map 从业工种=occupation. Data rows 2–7.
  .DS_Store                 junk bytes; a hidden file, must be skipped.
  expected.json             per file: the roster sheet(s), header row, the people rows in order
                            with what the screening must say for --as-of 2025-12-31, the rows
                            that are not people; and the duplicate 身份证号 with where each
                            appears. The outcomes are literals below, written BY HAND from
                            shared/spec/RULES.md; this script only copies them out and checks
                            that each person lands on the row number written next to them.

Every 身份证号 is made up with a correct GB 11643 check digit (helpers copied from
scripts/make_fixtures.py). 王立新 is in 鞍钢股份 (row 7) and 鞍山电力 (line 2) with the same
身份证号; 郭金龙 is twice in 鞍山重型机械 (rows 4 and 15). 赵国庆's number is stored as a float and
cannot be recovered.
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
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P as OdfP
except ImportError:  # pragma: no cover
    sys.exit("make_batch_fixtures.py needs openpyxl, xlwt and odfpy:  "
             "pip install openpyxl xlwt odfpy")

# 身份证号 (GB 11643) and the fixed zip timestamps are shared with the core fixtures.
from make_fixtures import FIXED_ISO, FIXED_TIME, REGIONS, check_digit  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH = os.path.join(ROOT, "tests", "data", "batch")

AS_OF = "2025-12-31"
CREATOR = "guantong make_batch_fixtures.py"


def make_id(rng, birth_year_range=(1966, 1988), sex=None):
    """sex "男"/"女" makes the 17th digit odd/even (GB 11643), where the roster has 性别."""
    region = rng.choice(REGIONS)
    y = rng.randint(*birth_year_range)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    seq = rng.randint(1, 998)
    if sex is not None and (seq % 2 == 1) != (sex == "男"):
        seq += 1
    first17 = f"{region}{y:04d}{m:02d}{d:02d}{seq:03d}"
    return first17 + check_digit(first17)


def D(y, m, d):
    """A real date cell in .xlsx/.xls/.ods."""
    return dt.date(y, m, d)


# ---------------------------------------------------------------------------------------------
# Expectations: E/NR/NE/NA/AH and canonical names, as in RULES.md.
#
# Conventions (the same as tests/data/expected_core.json):
#   * title_* is route 三, skill_* route 四. title_best is null when the route gives nothing,
#     when 三（一） fails, when vetoed or not applicable; with needs_review it is what the person
#     would get; with already_held it is the title the rules give (≤ the title held).
#   * skill_level is the level route 四 reaches (also when already_held); null when vetoed or
#     not applicable.
#   * Nobody here depends on a reading RULES.md leaves open: route 四 years are only counted where
#     the file has 从事本职业起始时间; in files without it, title holders are on a 专业技术岗位,
#     hold a non-engineering title, or hold 高级工程师 (四（四）2 needs no years).
# ---------------------------------------------------------------------------------------------
E, NR, NE, NA, AH = "eligible", "needs_review", "not_eligible", "not_applicable", "already_held"
G3, G2, G1 = "高级工", "技师", "高级技师"
T1, T2, T3, T4 = "助理工程师", "工程师", "高级工程师", "正高级工程师"
APPR = "2023合格、2024优秀、2025合格"


def X(ts, best, ss, sl, why):
    return dict(title_status=ts, title_best=best, skill_status=ss, skill_level=sl, why=why)


# ---------------------------------------------------------------------------------------------
# 1. 鞍钢股份/花名册.xlsx
# ---------------------------------------------------------------------------------------------
AG_EMP = "鞍钢股份有限公司炼钢总厂"
AG_TITLE = "鞍钢股份有限公司2025年度高技能人才与专业技术人才贯通花名册"
AG_FILLED = "填报单位：鞍钢股份有限公司炼钢总厂（盖章）        填报日期：2025年12月1日"
AG_INSTRUCTIONS = [
    "填表说明",
    "1. 本表由各单位人力资源部门填写，一人一行，不得合并单元格。",
    "2. 身份证号请以文本格式填写18位号码，末位为X的请大写。",
    "3. 技能等级填写国家职业资格或职业技能等级（初级工、中级工、高级工、技师、高级技师）。",
    "4. 取得时间请填写证书上的发证日期，格式为yyyy-mm-dd。",
    "5. 职称仅填写经评审或认定取得的专业技术资格，聘任情况请在备注中说明。",
    "6. 近三年年度考核请依次填写2023、2024、2025年度考核结果。",
    "7. 荣誉称号须附证书或表彰文件复印件。",
]
# columns A..L; L (备注) is hidden
AG_COLS = ["序号", "姓名", "身份证号", "工作单位", "岗位类别", "技能等级", "skill_date", "职称",
           "title_date", "近三年年度考核", "荣誉称号", "备注"]

# (row, name, {column: value}, expectation)
AG = [
    (5, "张建国", dict(岗位类别="技能岗位", 技能等级="技师", skill_date=D(2019, 3, 15), 备注="班组长"),
     X(E, T2, NA, None, "技师 2019-03-15 (date cell) + 3 = 2022-03-15 → 工程师; no title → 四 "
       "not_applicable. 序号 is the formula =ROW()-4 with cached value 1.")),
    (6, "李秀英", dict(岗位类别="专业技术岗位", 技能等级="高级技师", skill_date=D(2018, 6, 1),
                      职称="工程师", title_date=D(2017, 9, 1)),
     X(E, T3, NA, None, "专业技术岗位 is inside 三: 高级技师 2018-06-01 + 4 → 高级工程师 > held 工程师; "
       "outside 四 → not_applicable.")),
    (7, "王立新", dict(岗位类别="技能岗位", 技能等级="高级工", skill_date="2021-07-01", 备注="2025年调出"),
     X(E, T1, NA, None, "高级工 2021-07-01 (text) + 2 → 助理工程师. Same 身份证号 as 鞍山电力 line 2.")),
    (8, "刘海涛", dict(岗位类别="技能岗位", 技能等级="高级工", skill_date="#N/A"),
     X(NR, T1, NA, None, "技能等级取得时间 is the error value #N/A: the only level's date is unknown → "
       "needs_review, would get 助理工程师 (like 时迁 in the core set).")),
    (9, "陈志刚", dict(岗位类别="技能岗位", 技能等级="高级工", skill_date=D(2022, 6, 1),
                      近三年年度考核="2023合格\n2024合格\n2025优秀", 荣誉称号="2023年辽宁省技术能手"),
     X(E, T2, NA, None, "三（四）3 辽宁省技术能手 → 工程师; regular 高级工 2022-06-01 + 2 → 助理工程师; "
       "best 工程师. Appraisal cell has line breaks between the three results.")),
    (10, "杨淑华", dict(岗位类别="技能岗位", 技能等级="高级技师", skill_date="2016-03-01", 备注="隐藏行"),
     X(E, T3, NA, None, "HIDDEN ROW, a real person: 高级技师 2016-03-01 + 4 → 高级工程师.")),
    (11, "赵国庆", dict(岗位类别="技能岗位", 技能等级="高级工", skill_date=D(2019, 9, 1)),
     X(E, T1, NA, None, "身份证号 stored as a number (Excel's 15 significant digits, the last three lost): a data issue only; "
       "高级工 2019-09-01 + 2 → 助理工程师.")),
    (12, "周丽娟", dict(岗位类别="技能岗位", 技能等级="高级工", skill_date="2020-08-01",
                      近三年年度考核="2023合格、2024基本合格、2025合格"),
     X(NE, None, NA, None, "三（一）2: 2024 基本合格 fails → not_eligible.")),
    (13, "孙红梅", dict(岗位类别="技能岗位", 技能等级="中级工", skill_date="2018-01-01"),
     X(NA, None, NA, None, "三（一）1: 中级工 is below 高级工 → not_applicable; no title → 四 "
       "not_applicable.")),
    (14, "钱卫东", dict(岗位类别="技能岗位", 技能等级="技师", skill_date=D(2023, 5, 1), 备注="返聘"),
     X(E, T1, NA, None, "技师 2023-05-01 + 3 = 2026-05-01 > as-of; 技师 counts as 高级工 with the "
       "same date: + 2 = 2025-05-01 → 助理工程师 (next 工程师 2026-05-01).")),
    (15, "吴桂芳", dict(岗位类别="专业技术岗位", 技能等级="高级工", skill_date="2019-05-01",
                      职称="助理工程师", title_date="2020-07-01"),
     X(AH, T1, NA, None, "高级工 2019-05-01 → 助理工程师, already held → already_held; "
       "专业技术岗位 → 四 not_applicable.")),
]
AG_HIDDEN_ROW = 10
AG_FORMULA = ("A5", "ROW()-4", "1")
AG_FLOAT_ID_ROW = 11

# ---------------------------------------------------------------------------------------------
# 2. 鞍山重型机械/花名册.xls
# ---------------------------------------------------------------------------------------------
ZJ_EMP = "鞍山重型机械有限公司"
ZJ_TITLE = "鞍山重型机械有限公司2025年技能人才花名册"
ZJ_FOOTER = "填表人：张某    联系电话：0412-1234567"
ZJ_COLS = ["序号", "姓名", "性别", "身份证号码", "单位名称", "车间", "岗位类别", "职业（工种）", "技能等级",
           "技能等级取得时间", "职称", "职称取得时间", "从事本职业起始时间", "所学专业是否对口",
           "近三年考核结果", "技能竞赛", "诚信情况"]

ZJ = [
    (3, "马德福", dict(性别="男", 车间="铆焊车间", 岗位类别="技能岗位", 工种="焊工", 技能等级="技师",
                      技能等级取得时间=D(2018, 9, 1), 职称="工程师", 职称取得时间="2024-06-01",
                      从事本职业起始时间="2008-07-01", 所学专业是否对口="是"),
     X(AH, T2, AH, G2, "三 技师 → 工程师, held → already_held. 四（三）2 工程师 → 技师, held; 四（四）1 "
       "2024-06-01 + 3 = 2027-06-01 > as-of → already_held 技师.")),
    (4, "郭金龙", dict(性别="男", 车间="机加车间", 岗位类别="技能岗位", 工种="车工", 技能等级="高级技师",
                      技能等级取得时间="2016-05-01"),
     X(E, T3, NA, None, "高级技师 2016-05-01 + 4 → 高级工程师. Listed again on row 15 (same 身份证号).")),
    (5, "何春燕", dict(性别="女", 车间="装配车间", 岗位类别="技能岗位", 工种="装配钳工", 职称="助理工程师",
                      职称取得时间="2023-07-01", 从事本职业起始时间="2022-07-01"),
     X(NA, None, E, G3, "No skill level → 三 not_applicable. 四（二） 助理工程师 → 高级工; 四（三）1 "
       "2023-07-01 + 3 = 2026-07-01 > as-of → eligible 高级工.")),
    (6, "罗振华", dict(性别="男", 车间="铆焊车间", 岗位类别="技能岗位", 工种="焊工", 技能等级="高级工",
                      技能等级取得时间="2022.03"),
     X(E, T1, NA, None, "高级工 2022.03 (month only → 2022-03-01) + 2 → 助理工程师.")),
    # row 7: header printed again
    (8, "梁玉兰", dict(性别="女", 车间="热处理车间", 岗位类别="技能岗位", 工种="热处理工", 技能等级="技师",
                      技能等级取得时间=D(2015, 6, 1), 职称="高级工程师", 职称取得时间="2019-12-01",
                      从事本职业起始时间="2005-07-01", 所学专业是否对口="是"),
     X(AH, T2, E, G1, "三 技师 → 工程师 ≤ held 高级工程师 → already_held. 四（四）2 高级工程师 → "
       "高级技师 > 技师 → eligible.")),
    (9, "宋宝山", dict(性别="男", 车间="生产管理部", 岗位类别="管理岗位", 工种="机修钳工", 技能等级="技师",
                      技能等级取得时间="2021-01-01"),
     X(NA, None, NA, None, "一: 管理岗位 is outside 三 and 四 → not_applicable (would be 工程师).")),
    # row 10: blank
    (11, "韩冬梅", dict(性别="女", 车间="机加车间", 岗位类别="技能岗位", 工种="铣工", 技能等级="高级工",
                       技能等级取得时间="2020-10-01", 职称="助理工程师", 职称取得时间="2022-07-01",
                       从事本职业起始时间="2015-07-01", 诚信情况="2023年伪造技能竞赛获奖证书"),
     X(NE, None, NE, None, "二（三） veto (诚信情况 records a forged certificate) → both routes "
       "not_eligible (without it: 三 already_held 助理工程师, 四 eligible 技师).")),
    (12, "唐永刚", dict(性别="男", 车间="机修车间", 岗位类别="技能岗位", 工种="机修钳工", 技能等级="技师",
                       技能等级取得时间="2020-12-01", 近三年考核结果="2024合格、2025合格"),
     X(NR, T2, NA, None, "三（一）2: only two appraisals known → needs_review, would get 工程师 "
       "(技师 2020-12-01 + 3).")),
    # row 13: header printed again
    (14, "许文斌", dict(性别="男", 车间="铆焊车间", 岗位类别="技能岗位", 工种="焊工", 技能等级="高级工",
                       技能等级取得时间="2021-05-01", 技能竞赛="2023年辽宁省职业技能大赛焊工项目第二名"),
     X(E, T2, NA, None, "三（四）3 provincial 技能大赛 第二名 (contestant) → 工程师; regular 助理工程师.")),
    (15, "郭金龙", None,  # the same person as row 4, copied
     X(E, T3, NA, None, "Duplicate of row 4 (same 身份证号, same data) → 高级工程师.")),
]
ZJ_LAYOUT = ["title", "header", 3, 4, 5, 6, "header", 8, 9, "blank", 11, 12, "header", 14, 15,
             "blank", "footer"]

# ---------------------------------------------------------------------------------------------
# 3. 鞍山化工/花名册.csv (GBK)
# ---------------------------------------------------------------------------------------------
HG_EMP = "鞍山化工有限公司"
HG_TITLE = "鞍山化工有限公司2025年度技能人才花名册"
HG_FOOTER = "审核人：李某"
HG_COLS = ["序号", "姓名", "身份证号", "企业名称", "部门", "岗位性质", "工种", "职业技能等级", "取证时间",
           "现职称", "职称取得日期", "学历", "技工院校班级", "从事本职业起始时间", "专业是否对口",
           "近三年考核结果", "表彰奖励", "技能大赛获奖", "失信记录"]

HG = [
    (3, "冯淑珍", dict(部门="合成车间", 岗位性质="技能岗位", 工种="化工总控工", 职业技能等级="高级技师",
                      取证时间="2017年6月", 学历="大专", 失信记录="无"),
     X(E, T3, NA, None, "高级技师 2017年6月 (→ 2017-06-01) + 4 → 高级工程师.")),
    (4, "曹立军", dict(部门="仪表车间", 岗位性质="技能岗位", 工种="仪表维修工", 职业技能等级="高级工",
                      取证时间="2019/7/1", 现职称="工程师", 职称取得日期="2023/8/1", 学历="本科",
                      从事本职业起始时间="2010/7/1", 专业是否对口="否", 失信记录="无"),
     X(AH, T1, E, G2, "三 高级工 → 助理工程师 ≤ held 工程师 → already_held. 四（三）2 工程师 → 技师 > "
       "高级工 → eligible; 四（四）1 2023-08-01 + 3 = 2026-08-01 > as-of.")),
    (5, "邓丽", dict(部门="合成车间", 岗位性质="技能岗位", 工种="化工总控工", 职业技能等级="高级工",
                    取证时间="2020.9", 学历="技工学校", 技工院校班级="高级工班", 失信记录="无"),
     X(E, T1, NA, None, "高级工 2020.9 (→ 2020-09-01) + 2 → 助理工程师; 高级工班 → 大专.")),
    (6, "彭金山", dict(部门="合成车间", 岗位性质="技能岗位", 工种="化工总控工", 职业技能等级="高级工",
                      取证时间="2023/9/1", 学历="中专", 表彰奖励="2022年度公司先进生产者,2023年度鞍山工匠",
                      失信记录="无"),
     X(E, T2, NA, None, "三（四）3 鞍山工匠 → 工程师; regular 高级工 2023-09-01 + 2 = 2025-09-01 → "
       "助理工程师; best 工程师. The awards field is quoted (it holds a comma); 公司先进生产者 is "
       "not a listed honour.")),
    (7, "蒋春花", dict(部门="仪表车间", 岗位性质="", 工种="仪表维修工", 职业技能等级="技师",
                      取证时间="2019/5/1", 学历="大专"),
     X(NR, T2, NA, None, "一: 岗位性质 column present, cell empty → 三 needs_review, would get 工程师; "
       "no title → 四 not_applicable.")),
    (8, "魏明辉", dict(部门="仪表车间", 岗位性质="技能岗位", 工种="仪表维修工", 现职称="高级工程师",
                      职称取得日期="2018/12/1", 学历="本科", 从事本职业起始时间="2003/7/1",
                      专业是否对口="是", 失信记录="无"),
     X(NA, None, E, G1, "No skill level → 三 not_applicable. 四（四）2 高级工程师 → 高级技师.")),
    (9, "薛红", dict(部门="安环部", 岗位性质="技能岗位", 工种="化学检验员", 职业技能等级="高级工",
                    取证时间="2024/5/1", 学历="中专", 失信记录="无"),
     X(NE, None, NA, None, "高级工 2024-05-01 + 2 = 2026-05-01 > as-of → not_eligible.")),
]
HG_LAYOUT = ["title", "header", 3, 4, 5, 6, 7, 8, 9, "footer"]

# ---------------------------------------------------------------------------------------------
# 4. 鞍山电力/花名册.txt (UTF-16 LE, tab)
# ---------------------------------------------------------------------------------------------
DL_EMP = "鞍山电力设备安装有限公司"
DL_COLS = ["姓名", "身份证号", "工作单位", "部门", "岗位类别", "职业", "技能等级", "技能等级取得时间",
           "职称", "职称取得时间", "最高学历", "从事本职业起始时间", "所学专业", "所学专业是否对口",
           "近三年年度考核", "荣誉", "技能大师工作室", "诚信情况"]

DL = [
    (2, "王立新", dict(部门="输变电工区", 岗位类别="技能岗位", 职业="变电设备检修工", 技能等级="高级工",
                      技能等级取得时间="2021/7/1", 最高学历="中专", 从事本职业起始时间="2012/7/1"),
     X(E, T1, NA, None, "Same person (身份证号) as 鞍钢股份 row 7: 高级工 2021-07-01 + 2 → 助理工程师.")),
    (3, "沈国栋", dict(部门="输变电工区", 岗位类别="技能岗位", 职业="送电线路工", 技能等级="高级工",
                      技能等级取得时间="2018/6/1", 最高学历="大专", 从事本职业起始时间="2008/7/1",
                      技能大师工作室="省级技能大师工作站领创人"),
     X(E, T3, NA, None, "三（四）2 省级技能大师工作站领创人 → 高级工程师; regular 助理工程师.")),
    (4, "韩雪", dict(部门="电气试验班", 岗位类别="技能岗位", 职业="电气试验工", 技能等级="高级工",
                    技能等级取得时间="2014/7/1", 职称="工程师", 职称取得时间="2021/9/1", 最高学历="本科",
                    从事本职业起始时间="2015/7/1", 所学专业="电气工程及其自动化", 所学专业是否对口="是"),
     X(AH, T1, E, G1, "三 高级工 → 助理工程师 ≤ held 工程师 → already_held. 四（四）1 from the later "
       "of 2021-09-01 and 2015-07-01: + 3 = 2024-09-01 → 高级技师.")),
    (5, "吕志强", dict(部门="调试班", 岗位类别="技能岗位", 职业="继电保护员", 职称="助理工程师",
                      职称取得时间="2020/7/1", 最高学历="本科", 从事本职业起始时间="2023/3/1",
                      所学专业="自动化", 所学专业是否对口="否"),
     X(NA, None, E, G3, "No skill level → 三 not_applicable. 四（三）1 counts from the later start "
       "2023-03-01: + 3 = 2026-03-01 > as-of; 四（二） → 高级工.")),
    (6, "田晓燕", dict(部门="输变电工区", 岗位类别="技能岗位", 职业="变电设备检修工", 技能等级="高级技师",
                      技能等级取得时间="2020/12/1", 职称="政工师", 职称取得时间="2019/10/1",
                      最高学历="本科", 从事本职业起始时间="2002/7/1"),
     X(E, T3, NA, None, "高级技师 2020-12-01 + 4 = 2024-12-01 → 高级工程师; 政工师 is not an "
       "engineering title: not held for 三, 四 not_applicable.")),
    (7, "苏海", dict(部门="调试班", 岗位类别="技能岗位", 职业="电工", 技能等级="高级工",
                    技能等级取得时间="2022/10/1", 最高学历="中专", 从事本职业起始时间="2016/7/1",
                    荣誉="2023年鞍山市技术能手"),
     X(E, T1, NA, None, "Near-miss 鞍山市技术能手 → no exceptional route; regular 高级工 2022-10-01 + 2 "
       "→ 助理工程师.")),
]
DL_LAYOUT = ["header", 2, 3, 4, 5, 6, 7]

# ---------------------------------------------------------------------------------------------
# 5. 鞍山建设/花名册.ods
# ---------------------------------------------------------------------------------------------
JS_EMP = "鞍山建设集团有限公司"
JS_COLS = ["序号", "姓名", "身份证号", "单位", "所在部门", "岗位类型", "工种", "技能等级", "技能等级取得时间",
           "职称", "职称取得时间", "2023年度考核", "2024年度考核", "2025年度考核", "荣誉称号", "竞赛成绩",
           "诚信情况"]
OK3 = {"2023年度考核": "合格", "2024年度考核": "优秀", "2025年度考核": "合格"}

JS = [
    (2, "朱德明", dict(所在部门="第一工程处", 岗位类型="技能岗位", 工种="电焊工", 技能等级="技师",
                      技能等级取得时间=D(2018, 11, 1), **OK3),
     X(E, T2, NA, None, "技师 2018-11-01 (date cell) + 3 → 工程师; appraisals in three columns.")),
    (3, "秦桂兰", dict(所在部门="第二工程处", 岗位类型="技能岗位", 工种="砌筑工", 技能等级="高级工",
                      技能等级取得时间="2021-12-01", **{"2023年度考核": "合格", "2024年度考核": "不合格",
                                                  "2025年度考核": "合格"}),
     X(NE, None, NA, None, "三（一）2: 2024年度考核 不合格 → not_eligible.")),
    (4, "尤振宇", dict(所在部门="机械设备处", 岗位类型="技能岗位", 工种="起重装卸机械操作工",
                      技能等级="高级技师", 技能等级取得时间=D(2019, 4, 1),
                      **{"2023年度考核": "优秀", "2024年度考核": "良好", "2025年度考核": "称职"}),
     X(E, T3, NA, None, "高级技师 2019-04-01 + 4 → 高级工程师; 优秀/良好/称职 all pass.")),
    (5, "贾春生", dict(所在部门="第一工程处", 岗位类型="技能岗位", 工种="钢筋工", 技能等级="高级工",
                      技能等级取得时间="2022-04-01", **{"2023年度考核": "合格", "2024年度考核": "合格"}),
     X(NR, T1, NA, None, "2025年度考核 empty: two appraisals known → needs_review, would get "
       "助理工程师 (2022-04-01 + 2).")),
    (6, "孔令辉", dict(所在部门="技术质量部", 岗位类型="专业技术岗位", 工种="测量放线工", 技能等级="技师",
                      技能等级取得时间="2021-09-01", 职称="工程师", 职称取得时间="2022-05-01", **OK3),
     X(AH, T2, NA, None, "技师 2021-09-01 + 3 → 工程师, already held → already_held; 专业技术岗位 → 四 "
       "not_applicable.")),
    (7, "侯建军", dict(所在部门="第二工程处", 岗位类型="技能岗位", 工种="砌筑工", 技能等级="高级工",
                      技能等级取得时间=D(2019, 10, 1), 竞赛成绩="2022年辽宁省职业技能大赛砌筑工项目第三名",
                      **OK3),
     X(E, T2, NA, None, "三（四）3 provincial 技能大赛 第三名 → 工程师; regular 助理工程师.")),
]
JS_LAYOUT = ["header", 2, 3, 4, 5, 6, 7]

# ---------------------------------------------------------------------------------------------
# 6. 鞍山机电/花名册.xlsm
# ---------------------------------------------------------------------------------------------
JD_EMP = "鞍山机电设备有限公司"
JD_COLS = ["序号", "姓名", "公民身份号码", "所在单位", "岗位类别", "从业工种", "职业资格等级", "发证日期",
           "专业技术职务", "评定时间", "近三年年度考核", "获奖情况"]

JD = [
    (2, "黄金海", dict(岗位类别="技能岗位", 从业工种="维修电工", 职业资格等级="技师", 发证日期=D(2020, 6, 1)),
     X(E, T2, NA, None, "技师 2020-06-01 + 3 → 工程师.")),
    (3, "林淑芬", dict(岗位类别="技能岗位", 从业工种="数控车工", 职业资格等级="高级技师",
                      发证日期="2021-03-01"),
     X(E, T3, NA, None, "高级技师 2021-03-01 + 4 = 2025-03-01 → 高级工程师.")),
    (4, "徐长江", dict(岗位类别="技能岗位", 从业工种="装配钳工", 职业资格等级="高级工",
                      发证日期=D(2023, 11, 1)),
     X(E, T1, NA, None, "高级工 2023-11-01 + 2 = 2025-11-01 → 助理工程师.")),
    (5, "蔡文静", dict(岗位类别="技能岗位", 从业工种="电工", 职业资格等级="技师", 发证日期="2019-08-01",
                      专业技术职务="高级工程师", 评定时间="2021-12-01"),
     X(AH, T2, E, G1, "三 技师 → 工程师 ≤ held 高级工程师 → already_held. 四（四）2 高级工程师 → 高级技师 "
       "(no years needed).")),
    (6, "潘永福", dict(岗位类别="技能岗位", 从业工种="铣工", 职业资格等级="高级工", 发证日期="2018-05-01",
                      获奖情况="2021年全国技术能手"),
     X(E, T4, NA, None, "三（四）1 全国技术能手 → 正高级工程师; regular 助理工程师.")),
    (7, "董丽萍", dict(岗位类别="技能岗位", 从业工种="车工", 职业资格等级="高级工", 发证日期="2020-02-01",
                      专业技术职务="经济师", 评定时间="2019-10-01"),
     X(E, T1, NA, None, "高级工 2020-02-01 + 2 → 助理工程师; 经济师 is not an engineering title → "
       "四 not_applicable.")),
]
JD_LAYOUT = ["header", 2, 3, 4, 5, 6, 7]

# ---------------------------------------------------------------------------------------------
# 身份证号: one per person, seeded, in a fixed order; duplicates share theirs.
# ---------------------------------------------------------------------------------------------
def assign_ids():
    rng = random.Random(20251231 + 33)
    ids = {}
    for table in (AG, ZJ, HG, DL, JS, JD):
        for _, name, cells, _ in table:
            if name not in ids:
                ids[name] = make_id(rng, sex=(cells or {}).get("性别"))
    assert len(set(ids.values())) == len(ids), "身份证号 must be unique per person"
    return ids


IDS = assign_ids()


def float_id(pid):
    """What Excel keeps of an 18-digit number typed into a General cell: 15 significant digits."""
    return float(int(pid[:15]) * 1000)


def excel_text(v):
    """A date as Excel's CSV/Unicode-text export shows a yyyy/m/d date cell."""
    if isinstance(v, dt.date):
        return f"{v.year}/{v.month}/{v.day}"
    return "" if v is None else str(v)


# ---------------------------------------------------------------------------------------------
# Zip post-processing (xlsx, xlsm, ods)
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


def save_xlsx(wb, path, *, sheet_patches=None, macro_enabled=False):
    """Save with fixed docProps times; sheet_patches: {zip member: [(old bytes, new bytes)]}."""
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    buf = io.BytesIO()
    wb.save(buf)

    def patch(name, data):
        if name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                          rb"\g<1>" + FIXED_ISO.encode() + rb"\g<3>", data)
        if macro_enabled and name == "[Content_Types].xml":
            old = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
            assert old in data
            data = data.replace(old, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        for old, new in (sheet_patches or {}).get(name, []):
            assert data.count(old) == 1, (name, old)
            data = data.replace(old, new)
        return data

    with open(path, "wb") as f:
        f.write(rewrite_zip(buf.getvalue(), patch))


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def set_cell(ws, row, col, v, *, date_format="yyyy-mm-dd"):
    cell = ws.cell(row=row, column=col)
    cell.border = BOX
    if v is None or v == "":
        return cell
    cell.value = v
    if isinstance(v, dt.date):
        cell.number_format = date_format
    elif isinstance(v, str) and v == "#N/A":
        assert cell.data_type == "e"  # openpyxl writes "#N/A" as an error cell
    elif isinstance(v, str):
        cell.data_type = "s"
        if "\n" in v:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def write_angang(path):
    wb = openpyxl.Workbook()
    ins = wb.active
    ins.title = "填表说明"
    for i, line in enumerate(AG_INSTRUCTIONS, 1):
        ins.cell(row=i, column=1, value=line).font = Font(bold=(i == 1), size=14 if i == 1 else 11)
    ins.column_dimensions["A"].width = 90

    ws = wb.create_sheet("花名册")
    n = len(AG_COLS)
    ws.cell(row=1, column=1, value=AG_TITLE).font = Font(bold=True, size=16)
    ws.cell(row=1, column=1).alignment = CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.row_dimensions[1].height = 30
    ws.cell(row=2, column=1, value=AG_FILLED)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)

    # two-row header, rows 3-4
    bold = Font(bold=True)
    single = {1: "序号", 2: "姓名", 3: "身份证号", 4: "工作单位", 5: "岗位类别", 10: "近三年年度考核",
              11: "荣誉称号", 12: "备注"}
    for r in (3, 4):
        for c in range(1, n + 1):
            ws.cell(row=r, column=c).border = BOX
    for c, h in single.items():
        cell = ws.cell(row=3, column=c, value=h)
        cell.font, cell.alignment = bold, CENTER
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    for c, group, subs in ((6, "技能等级情况", ("技能等级", "取得时间")), (8, "职称情况", ("职称", "取得时间"))):
        cell = ws.cell(row=3, column=c, value=group)
        cell.font, cell.alignment = bold, CENTER
        ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + 1)
        for k, sub in enumerate(subs):
            cell = ws.cell(row=4, column=c + k, value=sub)
            cell.font, cell.alignment = bold, CENTER

    r = 5
    for seq, (row, name, cells, _) in enumerate(AG, 1):
        assert r == row, (name, r, row)
        pid = IDS[name]
        values = dict(序号=seq, 姓名=name, 身份证号=pid, 工作单位=AG_EMP, 近三年年度考核=APPR)
        values.update(cells)
        if row == AG_FLOAT_ID_ROW:
            assert pid[-1] != "X"
            values["身份证号"] = float_id(pid)
        for c, key in enumerate(AG_COLS, 1):
            set_cell(ws, r, c, values.get(key))
        r += 1
    formula_cell, formula, cached = AG_FORMULA
    ws[formula_cell] = "=" + formula
    ws.row_dimensions[AG_HIDDEN_ROW].hidden = True
    ws.column_dimensions["L"].hidden = True
    widths = [6, 9, 21, 26, 13, 10, 12, 12, 12, 30, 24, 12]
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "C5"

    # openpyxl writes <f>ROW()-4</f><v /> for a formula: give it Excel's cached value.
    sheet = "xl/worksheets/sheet2.xml"
    old = f"<f>{formula}</f><v />".encode()
    new = f"<f>{formula}</f><v>{cached}</v>".encode()
    save_xlsx(wb, path, sheet_patches={sheet: [(old, new)]})


def write_zhongji(path):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    title = xlwt.easyxf("font: bold on, height 320; align: horiz center")
    head = xlwt.easyxf("font: bold on; align: horiz center; borders: left thin, right thin, "
                       "top thin, bottom thin")
    body = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin")
    date_style = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin",
                             num_format_str="yyyy-mm-dd")
    n = len(ZJ_COLS)
    people = {row: (name, cells) for row, name, cells, _ in ZJ}
    first = {}  # name -> cells of the first listing (for the duplicate)
    seq = 0
    for r0, item in enumerate(ZJ_LAYOUT):
        if item == "title":
            ws.write_merge(r0, r0, 0, n - 1, ZJ_TITLE, title)
        elif item == "header":
            for c, h in enumerate(ZJ_COLS):
                ws.write(r0, c, h, head)
        elif item == "blank":
            pass
        elif item == "footer":
            ws.write(r0, 0, ZJ_FOOTER)
        else:
            assert item == r0 + 1, (item, r0)
            name, cells = people[item]
            if cells is None:
                cells = first[name]
            first.setdefault(name, cells)
            seq += 1
            values = dict(序号=seq, 姓名=name, 身份证号码=IDS[name], 单位名称=ZJ_EMP, 近三年考核结果=APPR,
                          诚信情况="无")
            values.update({("职业（工种）" if k == "工种" else k): v for k, v in cells.items()})
            for c, key in enumerate(ZJ_COLS):
                v = values.get(key, "")
                if isinstance(v, dt.date):
                    ws.write(r0, c, v, date_style)
                else:
                    ws.write(r0, c, v, body)
    for c, w in enumerate([5, 8, 5, 21, 22, 11, 10, 12, 9, 12, 11, 12, 12, 10, 28, 36, 26]):
        ws.col(c).width = w * 256
    buf = io.BytesIO()
    wb.save(buf)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def table_rows(layout, people, cols, base, *, title=None, footer=None):
    """Rows of text cells (Excel's CSV / Unicode text view) following a layout."""
    by_row = {row: (name, cells) for row, name, cells, _ in people}
    out = []
    seq = 0
    for i, item in enumerate(layout, 1):
        if item == "title":
            out.append([title] + [""] * (len(cols) - 1))   # Excel pads to the used width
        elif item == "header":
            out.append(list(cols))
        elif item == "footer":
            out.append([footer] + [""] * (len(cols) - 1))
        else:
            assert item == i, (item, i)
            name, cells = by_row[item]
            seq += 1
            values = dict(base(name, seq))
            values.update(cells)
            out.append([excel_text(values.get(k, "")) for k in cols])
    return out


def write_huagong(path):
    rows = table_rows(HG_LAYOUT, HG, HG_COLS,
                      lambda name, seq: dict(序号=seq, 姓名=name, 身份证号=IDS[name], 企业名称=HG_EMP,
                                             近三年考核结果=APPR),
                      title=HG_TITLE, footer=HG_FOOTER)
    buf = io.StringIO()
    csv.writer(buf, delimiter=",", lineterminator="\r\n").writerows(rows)
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode("gbk"))  # strict: fails loudly on a non-GBK character


def write_dianli(path):
    rows = table_rows(DL_LAYOUT, DL, DL_COLS,
                      lambda name, seq: dict(姓名=name, 身份证号=IDS[name], 工作单位=DL_EMP,
                                             近三年年度考核=APPR, 诚信情况="无"))
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t", lineterminator="\r\n").writerows(rows)
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + buf.getvalue().encode("utf-16-le"))


def write_jianshe(path):
    doc = OpenDocumentSpreadsheet()
    # Fixed dates in meta.xml; odfpy writes its own meta:generator on save (patched below).
    from odf import meta as odfmeta, dc as odfdc
    doc.meta.addElement(odfdc.Date(text=FIXED_ISO[:-1]))
    doc.meta.addElement(odfmeta.CreationDate(text=FIXED_ISO[:-1]))

    wide = Style(name="co1", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="3.2cm"))
    doc.automaticstyles.addElement(wide)
    table = Table(name="花名册")
    table.addElement(TableColumn(numbercolumnsrepeated=len(JS_COLS), stylename=wide))

    def cell(v):
        if v is None or v == "":
            return TableCell()
        if isinstance(v, dt.date):
            c = TableCell(valuetype="date", datevalue=v.isoformat())
            c.addElement(OdfP(text=v.isoformat()))
        elif isinstance(v, int):
            c = TableCell(valuetype="float", value=str(v))
            c.addElement(OdfP(text=str(v)))
        else:
            c = TableCell(valuetype="string")
            c.addElement(OdfP(text=str(v)))
        return c

    by_row = {row: (name, cells) for row, name, cells, _ in JS}
    seq = 0
    for i, item in enumerate(JS_LAYOUT, 1):
        tr = TableRow()
        if item == "header":
            for h in JS_COLS:
                tr.addElement(cell(h))
        else:
            assert item == i, (item, i)
            name, cells = by_row[item]
            seq += 1
            values = dict(序号=seq, 姓名=name, 身份证号=IDS[name], 单位=JS_EMP, 诚信情况="无")
            values.update(cells)
            for k in JS_COLS:
                tr.addElement(cell(values.get(k)))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.save(buf)

    def patch(name, data):
        if name == "meta.xml":
            data = re.sub(rb"<meta:generator>[^<]*</meta:generator>",
                          b"<meta:generator>" + CREATOR.encode() + b"</meta:generator>", data)
        return data

    with open(path, "wb") as f:
        f.write(rewrite_zip(buf.getvalue(), patch, first_stored="mimetype"))


def write_jidian(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    bold = Font(bold=True)
    for c, h in enumerate(JD_COLS, 1):
        cell = set_cell(ws, 1, c, h)
        cell.font, cell.alignment = bold, CENTER
    r = 2
    for seq, (row, name, cells, _) in enumerate(JD, 1):
        assert r == row, (name, r, row)
        values = dict(序号=seq, 姓名=name, 公民身份号码=IDS[name], 所在单位=JD_EMP, 近三年年度考核=APPR)
        values.update(cells)
        for c, key in enumerate(JD_COLS, 1):
            set_cell(ws, r, c, values.get(key), date_format="yyyy/m/d")
        r += 1
    for c, w in enumerate([6, 9, 21, 22, 11, 11, 13, 11, 14, 11, 30, 22], 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A2"
    save_xlsx(wb, path, macro_enabled=True)


def write_junk(batch):
    # Excel's owner file: a length byte, the user name padded to 54 bytes, then UTF-16 of it.
    user = "zhangmou"
    owner = bytes([len(user)]) + user.encode("ascii").ljust(53, b" ")
    owner += bytes([len(user), 0]) + user.encode("utf-16-le")
    owner = owner.ljust(165, b"\x00")
    with open(os.path.join(batch, "鞍钢股份", "~$花名册.xlsx"), "wb") as f:
        f.write(owner)
    rng = random.Random(7)
    ds = b"\x00\x00\x00\x01Bud1" + bytes(rng.randrange(256) for _ in range(120))
    with open(os.path.join(batch, ".DS_Store"), "wb") as f:
        f.write(ds)


# ---------------------------------------------------------------------------------------------
# expected.json
# ---------------------------------------------------------------------------------------------
FILES = [
    # path, table, header_row, layout, first_data_row, kind, note
    ("鞍山化工/花名册.csv", HG, 2, HG_LAYOUT, "csv",
     "GBK, comma, CRLF; title line 1, header line 2, footer line 10; row = record (line) number"),
    ("鞍山建设/花名册.ods", JS, 1, JS_LAYOUT, "ods",
     "header row 1; appraisals in 2023年度考核 / 2024年度考核 / 2025年度考核"),
    ("鞍山机电/花名册.xlsm", JD, 1, JD_LAYOUT, "xlsm",
     "header row 1; needs --map 从业工种=occupation"),
    ("鞍山电力/花名册.txt", DL, 1, DL_LAYOUT, "txt",
     "UTF-16 LE with BOM, tab, CRLF; header line 1; row = record (line) number"),
    ("鞍山重型机械/花名册.xls", ZJ, 2, ZJ_LAYOUT, "xls",
     "title row 1, header row 2 repeated on rows 7 and 13, blank rows 10 and 16, footer row 17"),
    ("鞍钢股份/花名册.xlsx", AG, 3, None, "xlsx",
     "sheet 填表说明 holds no roster; title row 1, 填报单位 row 2, two-row header 3–4 (header_row "
     "is the upper row), data 5–15; row 10 is hidden (a real person); column L 备注 is hidden"),
]


def skipped(layout, header_row):
    """Rows after the header that are not people (repeated headers, blanks, footers)."""
    out = []
    for i, item in enumerate(layout, 1):
        if i > header_row and not isinstance(item, int):
            out.append(i)
    return out


def expected():
    files = []
    where = {}
    for path, table, header_row, layout, kind, note in FILES:
        rows = []
        for row, name, _, x in table:
            rows.append(dict(row=row, name=name, **x))
            where.setdefault(IDS[name], []).append(dict(file=path, sheet="花名册", row=row))
        entry = dict(path=path, format=kind, sheets=[dict(
            sheet="花名册", header_row=header_row, rows=rows,
            skipped_rows=skipped(layout, header_row) if layout else [])], note=note)
        if kind == "xlsx":
            entry["sheets"][0]["header_rows"] = [3, 4]
            entry["sheets"][0]["hidden_rows"] = [AG_HIDDEN_ROW]
            entry["sheets"][0]["hidden_columns"] = ["L"]
            entry["not_roster_sheets"] = ["填表说明"]
        files.append(entry)
    # 赵国庆's number is a float in the file: it is no longer his 身份证号 and matches nobody.
    ag_float = IDS[[n for r, n, _, _ in AG if r == AG_FLOAT_ID_ROW][0]]
    dups = [dict(id_number=pid, rows=rows) for pid, rows in where.items()
            if len(rows) > 1 and pid != ag_float]
    dups.sort(key=lambda d: d["id_number"])
    return {
        "as_of": AS_OF,
        "map": ["从业工种=occupation"],
        "sheet_of_csv": "a CSV/TXT file's rows are reported under the file's stem (花名册)",
        "skipped_files": [".DS_Store", "鞍钢股份/~$花名册.xlsx"],
        "files": files,
        "duplicates": dups,
    }


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
def main():
    for d in ("鞍钢股份", "鞍山重型机械", "鞍山化工", "鞍山电力", "鞍山建设", "鞍山机电"):
        os.makedirs(os.path.join(BATCH, d), exist_ok=True)
    write_angang(os.path.join(BATCH, "鞍钢股份", "花名册.xlsx"))
    write_zhongji(os.path.join(BATCH, "鞍山重型机械", "花名册.xls"))
    write_huagong(os.path.join(BATCH, "鞍山化工", "花名册.csv"))
    write_dianli(os.path.join(BATCH, "鞍山电力", "花名册.txt"))
    write_jianshe(os.path.join(BATCH, "鞍山建设", "花名册.ods"))
    write_jidian(os.path.join(BATCH, "鞍山机电", "花名册.xlsm"))
    write_junk(BATCH)
    exp = expected()
    assert len(exp["duplicates"]) == 2
    names = [r["name"] for f in exp["files"] for s in f["sheets"] for r in s["rows"]]
    assert len(names) - len(set(names)) == 2  # 王立新 and 郭金龙 twice
    write_json(os.path.join(BATCH, "expected.json"), exp)
    print(f"batch: {len(exp['files'])} files, {len(names)} rows, "
          f"{len(exp['duplicates'])} duplicate 身份证号")


if __name__ == "__main__":
    main()
