#!/usr/bin/env python3
"""Fill in guantong's roster template as an enterprise would, and write what screening it must say.

Requires:  pip install openpyxl
Run from the repository root, on a template the binary wrote for the year 2026:

    cargo run -q -- template -o /tmp/花名册模板.xlsx --year 2026
    python3 scripts/make_template_fixtures.py /tmp/花名册模板.xlsx

Writes:

  tests/data/template/filled.xlsx    the template with eight people on rows 3–10, under its own header
                                     and below its example row (row 2, 示例：张三), which is left in as
                                     enterprises leave it. Dates are date cells, except 李例's level
                                     date, pasted as the text 2022年9月. Every 身份证号 is made up
                                     (region code 123456) with a correct GB 11643 check character.
  tests/data/template/expected.json  for each person, what `guantong screen filled.xlsx --as-of
                                     2026-06-30` must say (no --map), worked out BY HAND from
                                     shared/spec/RULES.md and the policy text (鞍人社〔2020〕33号); this
                                     script only copies the literals out, it computes nothing.

tests/template.rs checks that the header of filled.xlsx is still the header the binary writes, so
a change to the template's columns fails the test until this script is run again.
"""

import datetime as dt
import io
import json
import os
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.exit("make_template_fixtures.py needs openpyxl:  pip install openpyxl")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "template")
AS_OF = "2026-06-30"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_ISO = "2026-01-01T00:00:00Z"

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def made_up_id(birth, seq):
    """A 身份证号 of the made-up region 123456 with a correct check character."""
    body = "123456" + birth + seq
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def d(y, m, day):
    return dt.date(y, m, day)


# Each person: the cells an enterprise fills (by header), and the hand-derived answer with
# --as-of 2026-06-30 under 鞍人社〔2020〕33号. The appraisal columns are 2023–2025年度考核.
PEOPLE = [
    {
        "cells": {
            "姓名": "王建国", "身份证号": made_up_id("19800312", "001"), "单位": "某某机械制造有限公司",
            "部门": "金工车间", "岗位类别": "技能岗位", "职业（工种）": "车工", "从事本职业起始时间": d(2002, 7, 1),
            "技能等级": "技师", "技能等级取得时间": d(2015, 6, 1), "高级工取得时间": d(2010, 3, 1),
            "学历": "中专", "所学专业": "机械加工", "所学专业是否对口": "是",
            "2023年度考核": "合格", "2024年度考核": "优秀", "2025年度考核": "合格", "诚信情况": "无",
        },
        "why": "技师 since 2015-06-01, 3 years reached 2018-06-01 <= as-of (三（二）2); three passed "
               "appraisals 2023–2025 (三（一）); no title: route 四 not applicable; 技师 is treated as 工程师 (五（二）)",
        "title_status": "eligible", "title_best": "工程师", "title_regular": "工程师",
        "title_exceptional": None, "title_next": None,
        "skill_status": "not_applicable", "skill_level": None, "treatment": "工程师",
    },
    {
        "cells": {
            "姓名": "李例", "身份证号": made_up_id("19950820", "002"), "单位": "某某机械制造有限公司",
            "部门": "维修车间", "岗位类别": "技能岗位", "职业（工种）": "电工", "从事本职业起始时间": d(2016, 9, 1),
            "技能等级": "高级工", "技能等级取得时间": "2022年9月",
            "2023年度考核": "合格", "2024年度考核": "合格", "2025年度考核": "合格",
        },
        "why": "a name holding 例 is a person, not an example row; 高级工 since 2022年9月 (the 1st), 2 years "
               "reached 2024-09-01 <= as-of (三（二）2) → 助理工程师; 高级工 is treated as 助理工程师",
        "title_status": "eligible", "title_best": "助理工程师", "title_regular": "助理工程师",
        "title_exceptional": None, "title_next": None,
        "skill_status": "not_applicable", "skill_level": None, "treatment": "助理工程师",
    },
    {
        "cells": {
            "姓名": "赵工", "身份证号": made_up_id("19880105", "003"), "单位": "某某机械制造有限公司",
            "部门": "金工车间", "岗位类别": "技能岗位", "职业（工种）": "数控车工", "从事本职业起始时间": d(2016, 1, 1),
            "职称": "工程师", "职称取得时间": d(2018, 7, 1), "学历": "本科", "所学专业": "机械设计制造及其自动化",
            "所学专业是否对口": "是",
        },
        "why": "工程师 on a skill post: 3 years in the occupation from the later of the title (2018-07-01) and "
               "the start (2016-01-01) reached 2021-07-01 <= as-of (四（四）1) → 高级技师, above 四（三）2's 技师; "
               "no skill level: route 三 not applicable",
        "title_status": "not_applicable", "title_best": None, "title_regular": None,
        "title_exceptional": None, "title_next": None,
        "skill_status": "eligible", "skill_level": "高级技师", "treatment": None,
    },
    {
        "cells": {
            "姓名": "钱缺", "身份证号": made_up_id("19851111", "004"), "单位": "某某机械制造有限公司",
            "部门": "装配车间", "岗位类别": "技能岗位", "职业（工种）": "钳工", "技能等级": "技师",
            "2023年度考核": "合格", "2024年度考核": "合格", "2025年度考核": "良好",
        },
        "why": "技师 with no date: neither 三（二）2 row can be decided (the 高级工 row takes the 技师 date too), "
               "so needs_review, showing 工程师 once the date is verified",
        "title_status": "needs_review", "title_best": "工程师", "title_regular": "工程师",
        "title_exceptional": None, "title_next": None,
        "skill_status": "not_applicable", "skill_level": None, "treatment": "工程师",
    },
    {
        "cells": {
            "姓名": "孙会计", "身份证号": made_up_id("19900402", "005"), "单位": "某某机械制造有限公司",
            "部门": "财务部", "岗位类别": "专业技术岗位", "职称": "会计师", "职称取得时间": d(2015, 1, 1),
            "学历": "本科", "所学专业": "会计学",
        },
        "why": "会计师 is not an engineering title: route 四 not applicable (一); no skill level: route 三 "
               "not applicable",
        "title_status": "not_applicable", "title_best": None, "title_regular": None,
        "title_exceptional": None, "title_next": None,
        "skill_status": "not_applicable", "skill_level": None, "treatment": None,
    },
    {
        "cells": {
            "姓名": "周不合格", "身份证号": made_up_id("19780930", "006"), "单位": "某某机械制造有限公司",
            "部门": "锻造车间", "岗位类别": "技能岗位", "职业（工种）": "锻造工", "技能等级": "高级技师",
            "技能等级取得时间": d(2015, 1, 1),
            "2023年度考核": "合格", "2024年度考核": "不合格", "2025年度考核": "合格",
        },
        "why": "高级技师 for 11 years, but 2024年度考核 不合格 fails 三（一）: not_eligible, no title shown; "
               "高级技师 is treated as 高级工程师",
        "title_status": "not_eligible", "title_best": None, "title_regular": None,
        "title_exceptional": None, "title_next": None,
        "skill_status": "not_applicable", "skill_level": None, "treatment": "高级工程师",
    },
    {
        "cells": {
            "姓名": "吴管理", "身份证号": made_up_id("19750618", "007"), "单位": "某某机械制造有限公司",
            "部门": "办公室", "岗位类别": "管理岗位", "技能等级": "技师", "技能等级取得时间": d(2010, 1, 1),
            "2023年度考核": "优秀", "2024年度考核": "优秀", "2025年度考核": "优秀",
        },
        "why": "管理岗位 is outside both routes (一): not_applicable; the treatment of 五（二） is a fact and "
               "still reported",
        "title_status": "not_applicable", "title_best": None, "title_regular": None,
        "title_exceptional": None, "title_next": None,
        "skill_status": "not_applicable", "skill_level": None, "treatment": "工程师",
    },
    {
        "cells": {
            "姓名": "郑破格", "身份证号": made_up_id("19980203", "008"), "单位": "某某机械制造有限公司",
            "部门": "焊接车间", "岗位类别": "技能岗位", "职业（工种）": "焊工", "技能等级": "高级工",
            "技能等级取得时间": d(2025, 3, 1),
            "2023年度考核": "合格", "2024年度考核": "合格", "2025年度考核": "优秀",
            "技能竞赛": "2024年 辽宁省职业技能大赛 焊工项目 第一名",
        },
        "why": "高级工 since 2025-03-01: 2 years not reached (三（二）2, reached 2027-03-01, so next); first "
               "place in a provincial contest opens 工程师 (三（四）3)",
        "title_status": "eligible", "title_best": "工程师", "title_regular": None,
        "title_exceptional": "工程师", "title_next": {"title": "助理工程师", "date": "2027-03-01"},
        "skill_status": "not_applicable", "skill_level": None, "treatment": "助理工程师",
    },
]

FIRST_ROW = 3  # row 1 the header, row 2 the example


def save_xlsx(wb, path):
    """openpyxl stamps docProps/core.xml and the zip entries with the current time: fix both, so
    that the same template gives the same fixture (as scripts/make_fixtures.py does)."""
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


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    wb = openpyxl.load_workbook(sys.argv[1])
    ws = wb["花名册"]
    header = [c.value for c in ws[1]]
    if not str(ws.cell(2, 1).value).startswith("示例"):
        sys.exit("row 2 of 花名册 should be the template's example row")
    for i, person in enumerate(PEOPLE):
        row = FIRST_ROW + i
        for name, value in person["cells"].items():
            cell = ws.cell(row, header.index(name) + 1, value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    wb.properties.lastModifiedBy = "guantong make_template_fixtures.py"
    os.makedirs(OUT, exist_ok=True)
    save_xlsx(wb, os.path.join(OUT, "filled.xlsx"))
    expected = {
        "as_of": AS_OF,
        "policy": "鞍人社〔2020〕33号",
        "example_row": 2,
        "people": [
            {"row": FIRST_ROW + i, "name": p["cells"]["姓名"], **{k: v for k, v in p.items() if k != "cells"}}
            for i, p in enumerate(PEOPLE)
        ],
    }
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {OUT}/filled.xlsx ({len(PEOPLE)} people) and expected.json")


if __name__ == "__main__":
    main()
