#!/usr/bin/env python3
"""Write the fixtures of rosters laid out as the world writes them (issue 22), deterministically.

Requires:  pip install openpyxl xlwt
Run from the repository root:  python3 scripts/make_world_fixtures.py

Writes tests/data/world/, screened with --as-of 2025-12-31 (expectations in tests/headers.rs):

  import_template.xlsx   openpyxl. An HR system's import template as enterprises fill it: one
                         header row of words nobody here wrote — 考生姓名, 证件号码, 工作单位,
                         技术职称, 专业技术职务评定时间, 职业等级, 获取时间 (beside the level),
                         近三年年度考核, 职称证书编号 (an attribute, kept), 职称等级 (a second title
                         column, kept), 卫计类专业技术职称 (not read in full, kept) — then a note
                         block merged over A2:M3 (注意：导入前请删除本说明…), then three people.
  certificates.xls       xlwt. A two-row header: 现有证书情况 (merged over three columns) above
                         职业（工种） | 等级 | 取证时间; 职称和职务 and 近三年年度考核 merged down over
                         both rows; a 填表说明 line as a row of its own under the header; two people.
"""

import os
import random
import sys

import openpyxl
import xlwt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_layout_fixtures import make_id, save_xlsx  # noqa: E402  (one place for the helpers)

OUT = os.path.join("tests", "data", "world")
NOTE = "注意：导入前请删除本说明；日期请写成2019-05-01的格式，职称写全称，证件号码为18位。"


def import_template(rng):
    headers = [
        "序号", "考生姓名", "证件号码", "工作单位", "技术职称", "专业技术职务评定时间", "职业等级", "获取时间",
        "近三年年度考核", "职称证书编号", "职称等级", "卫计类专业技术职称", "备注",
    ]
    people = [
        # A 技师 of 2019-05: 工程师 by 三（二）2 (3 years reached 2022-05-01).
        ["1", "甲技能", make_id(rng), "鞍山示例机械厂", "", "", "技师", "2019-05-01",
         "2023合格、2024合格、2025合格", "", "", "", ""],
        # An 工程师 of 2020-06 with no level: route 四 gives 高级技师 (3 years after the title).
        ["2", "乙职称", make_id(rng), "鞍山示例机械厂", "工程师", "2020-06-01", "", "",
         "2023合格、2024优秀、2025合格", "GC2020001", "中级", "", ""],
        # A 高级工 of 2024-03: 2 years not yet reached; 助理工程师 on 2026-03-01.
        ["3", "丙新手", make_id(rng), "鞍山示例机械厂", "", "", "高级工", "2024-03-01",
         "2023合格、2024合格、2025合格", "", "", "", ""],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "导入模板"
    for c, h in enumerate(headers, 1):
        ws.cell(row=1, column=c, value=h)
    ws.cell(row=2, column=1, value=NOTE)
    ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=len(headers))
    for r, person in enumerate(people, 4):
        for c, v in enumerate(person, 1):
            if v != "":
                ws.cell(row=r, column=c, value=v)
    save_xlsx(wb, os.path.join(OUT, "import_template.xlsx"))


def certificates(rng):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    for c, h in enumerate(["序号", "姓名", "身份证号"]):
        ws.write_merge(0, 1, c, c, h)
    ws.write_merge(0, 0, 3, 5, "现有证书情况")
    for c, h in zip(range(3, 6), ["职业（工种）", "等级", "取证时间"]):
        ws.write(1, c, h)
    ws.write_merge(0, 1, 6, 6, "职称和职务")
    ws.write_merge(0, 1, 7, 7, "近三年年度考核")
    ws.write(2, 0, "填表说明：等级填写技能等级证书上的等级，取证时间填写发证日期。")
    people = [
        # A 高级技师 of 2020-01: 高级工程师 by 三（二）2 (4 years reached 2024-01-01).
        ["1", "丁高技", make_id(rng), "电工", "高级技师", "2020-01-01", "", "2023合格、2024合格、2025合格"],
        # A 技师 of 2023-07 holding 助理工程师: the 2-year rung (via the level's date) gives
        # 助理工程师, which is held; 工程师 only on 2026-07-01.
        ["2", "戊焊工", make_id(rng), "焊工", "技师", "2023-07-01", "助理工程师", "2023合格、2024合格、2025合格"],
    ]
    for r, person in enumerate(people, 3):
        for c, v in enumerate(person):
            if v != "":
                ws.write(r, c, v)
    wb.save(os.path.join(OUT, "certificates.xls"))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(22)
    import_template(rng)
    certificates(rng)


if __name__ == "__main__":
    main()
