#!/usr/bin/env python3
"""Write the edge-case fixtures that test the streaming pipeline, deterministically.

Run from the repository root, after scripts/make_fixtures.py (pip install openpyxl):
    python3 scripts/make_edge_fixtures.py

  tests/data/broken_midway.xlsx  tests/data/core.xlsx with one bad cell three quarters down its
                                 sheet (past the rows the header search holds back) — a shared-
                                 string index that does not exist. calamine's streaming reader
                                 hands over the rows above it and then fails, which is how a
                                 damaged export from another system looks. None of the rows read
                                 before the failure may reach the outputs.
  tests/data/merged_id.xlsx      written with openpyxl: one person on two rows (two skill records)
                                 with 姓名 and 身份证号 merged down over both. The merged 身份证号
                                 belongs to both rows, so each is a duplicate of the other.
  tests/data/date_serial_1904.xlsx  written with openpyxl on the 1904 date system (Excel for Mac's
                                 old default, `<workbookPr date1904="1"/>`): its date cells are
                                 serials counted from 1904-01-01, 1,462 days off the 1900 system.
                                 Three 技师 on the as-of boundary 2025-12-31: 2022-12-31 (the 3rd
                                 anniversary: 工程师), 2023-01-01 (one day short) and 2018-06-15.
"""

import datetime as dt
import re
import zipfile

import openpyxl

CORE = "tests/data/core.xlsx"
BROKEN = "tests/data/broken_midway.xlsx"
MERGED_ID = "tests/data/merged_id.xlsx"
DATE_1904 = "tests/data/date_serial_1904.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
STAMP = (2025, 1, 1, 0, 0, 0)


def id_number(prefix17):
    """A 身份证号 with its GB 11643 check digit."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(prefix17, weights))
    return prefix17 + "10X98765432"[total % 11]


def write_broken():
    with zipfile.ZipFile(CORE) as src, zipfile.ZipFile(BROKEN, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == SHEET:
                xml = data.decode("utf-8")
                rows = [m.start() for m in re.finditer(r"<row ", xml)]
                cut = rows[len(rows) * 3 // 4]
                bad = '<row r="40"><c r="A40" t="s"><v>999999</v></c></row>'
                data = (xml[:cut] + bad + xml[cut:]).encode("utf-8")
            out.writestr(info, data)


def stamp(path):
    """Rewrites the zip entries with a fixed time so the file is byte-identical on every run."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries:
            out.writestr(zipfile.ZipInfo(name, date_time=STAMP), data, zipfile.ZIP_DEFLATED)


def write_date_1904():
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "身份证号", "技能等级", "技能等级取得时间", "近三年年度考核"])
    people = [
        ("周满期", "21030219800101345", dt.date(2022, 12, 31)),
        ("吴差一", "21030219810202456", dt.date(2023, 1, 1)),
        ("郑早年", "21030219820303567", dt.date(2018, 6, 15)),
    ]
    for row, (name, prefix, date) in enumerate(people, start=2):
        ws.append([name, id_number(prefix), "技师", date, "2023合格、2024合格、2025合格"])
        ws.cell(row=row, column=4).number_format = "yyyy-mm-dd"
    wb.properties.created = dt.datetime(*STAMP)
    wb.properties.modified = dt.datetime(*STAMP)
    wb.save(DATE_1904)
    stamp(DATE_1904)


def write_merged_id():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "身份证号", "工作单位", "技能等级", "技能等级取得时间", "职称"])
    ws.append(["韩合并", id_number("21030219800101123"), "鞍山合并机械厂", "高级工", "2015-03-01", ""])
    ws.append([None, None, "鞍山合并机械厂", "技师", "2019-03-01", ""])
    ws.append(["孙单行", id_number("21030219810202234"), "鞍山合并机械厂", "高级工", "2016-05-01", ""])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    wb.properties.created = dt.datetime(*STAMP)
    wb.properties.modified = dt.datetime(*STAMP)
    wb.save(MERGED_ID)
    stamp(MERGED_ID)


if __name__ == "__main__":
    write_broken()
    write_merged_id()
    write_date_1904()
