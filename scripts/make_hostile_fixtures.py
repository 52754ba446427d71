#!/usr/bin/env python3
"""Write guantong's hostile-input corpus: broken, odd and misnamed files, deterministically.

Requires:  pip install openpyxl xlwt           (xlrd, if installed, is used to check the .xls)
Run from the repository root:  python3 scripts/make_hostile_fixtures.py

Writes tests/data/hostile/ (same input → byte-identical output: fixed seed; zip entries stamped
with a fixed time; xlsx docProps fixed). Each file is meant to be screened TOGETHER WITH
tests/data/hostile/good.xlsx, a plain good roster of 3 people, which must always be screened,
whatever the hostile file does. cases.json says, for each file, what a tolerant, careful program
must do with it: "screened" (with how many people, their names, and the rows that must carry a
data issue), "refused" (reported as unreadable/unsupported, naming the file) or "skipped".

Every roster has the header  序号 | 姓名 | 身份证号 | 技能等级 | 技能等级取得时间 | 职称 |
近三年年度考核 | 备注  on row 1 and its people on the rows below, each a 技师 whose 技能等级取得时间 is
2018-03-01 (a real date cell, number format yyyy-mm-dd, where the format has date cells; else the
text 2018-03-01), 职称 empty and 近三年年度考核 2023合格、2024合格、2025合格. Every 身份证号 is made up,
has a correct GB 11643 check digit (helpers copied from scripts/make_fixtures.py) and is distinct
across this corpus; all use region 210323 (岫岩), which no other fixture uses, so none collides
with the core, batch or layout fixtures.

The files (see cases.json for the expectations):

  good.xlsx                         openpyxl, 3 people: the companion of every case.
  date_serial_huge_negative.xlsx    openpyxl; E3 (date-formatted) patched to <v>-1e308</v>.
  date_serials_out_of_range.xlsx    openpyxl, 5 people; E2..E6 (date-formatted) patched to
                                    -1, -700000, 0, 2958466 (one past 9999-12-31) and NaN.
  looping_fat_chain.xls             xlwt, 3 people (5632 bytes); then ONE u32 of the FAT is
                                    patched so that the Workbook stream's sector chain loops.
                                    xlwt lays the compound file out as: the 512-byte header;
                                    sectors 0–7 = the Workbook stream (4096 bytes, xlwt's minimum,
                                    so it lives in the FAT, not the mini stream; FAT chain
                                    0→1→2→…→7→ENDOFCHAIN); sector 8 = the only FAT sector; sector
                                    9 = the directory (Root Entry, Workbook: start 0, size 4096).
                                    The sheet's BOF (BOUNDSHEET's stream offset) is at stream
                                    offset 1284, in sector 2. The patch: FAT[1] — the u32 at file
                                    offset 4612 = 512·(8+1) + 4·1 — changed from 2 to 0. The chain
                                    now reads 0→1→0→1→… for ever and never reaches the sheet. The
                                    header (magic, sector shifts, FAT count 1, directory start 9,
                                    DIFAT[0] = 8), the directory and every other byte are
                                    untouched. The script asserts all of these numbers, checks
                                    that a chain walk meets sector 0 twice and, where xlrd is
                                    installed, that xlrd refuses the file (CompDocError).
  huge_cell_reference.xlsx          openpyxl, 3 people; an extra cell ZZZZZZZZZZ2 (inline string
                                    超出范围) appended to row 2.
  bad_number_cell.xlsx              openpyxl, 3 people; E3 replaced by <c r="E3" t="n"><v>abc</v></c>.
  bad_bool_cell.xlsx                openpyxl, 3 people; H2 replaced by <c r="H2" t="b"><v>2</v></c>.
  unknown_cell_type.xlsx            openpyxl, 3 people; H3 replaced by <c r="H3" t="zz"><v>x</v></c>.
  chart_sheet_first.xlsx            openpyxl; sheet 1 is the chartsheet 图表 (a bar chart of 序号
                                    by 姓名 over the roster), sheet 2 is the roster 花名册, 3 people.
  no_sheets.xlsx                    openpyxl, 3 people; workbook.xml's <sheets> emptied to <sheets/>
                                    (the worksheet part and its relationship are still there).
  no_workbook_xml.xlsx              openpyxl output without xl/workbook.xml (everything else kept:
                                    [Content_Types].xml, _rels, the worksheet, styles …).
  html_table_saved_as.xls           UTF-8 HTML with <meta charset="utf-8"> and a <table> (<th>
                                    header row, <td> rows), as HR systems export "Excel"; 3 people.
  spreadsheetml_2003_saved_as.xls   XML Spreadsheet 2003; dates ss:Type="DateTime"
                                    2018-03-01T00:00:00.000 with a yyyy-mm-dd style; the empty 职称
                                    cell is left out and the next cell carries ss:Index="7", as
                                    Excel writes it; 3 people.
  tsv_saved_as.xls                  UTF-8 with BOM, tab, CRLF; 3 people.
  csv_saved_as.xlsx                 GBK, comma, CRLF; 3 people.
  xlsx_named.xls                    a real xlsx (openpyxl) named .xls; 3 people.
  xls_named.xlsx                    a real xls (xlwt) named .xlsx; 3 people.
  utf16le_no_bom.txt                UTF-16 LE without BOM, tab, CRLF; 3 people.
  lone_quote.csv                    UTF-8 (no BOM), comma, CRLF; row 3's last (unquoted) field is
                                    身高5'8" — a bare double quote, which Excel reads as text —
                                    and row 4 follows normally; 3 people.
  cr_only_line_endings.csv          UTF-8 (no BOM), comma, bare CR line endings; 3 people.
  gbk_then_utf8.csv                 comma, CRLF; header and rows 2–3 in GBK, rows 4–5 in UTF-8.
  empty.xlsx                        0 bytes.
  truncated.xlsx                    the first half of good.xlsx's bytes.
  random_bytes.xls                  4096 seeded pseudo-random bytes.
  report.docx                       a minimal, valid Word document (zip with word/document.xml).
  notes.pdf                         a tiny valid one-page %PDF-1.4.
  ~$good.xlsx                       an Office owner (lock) file, 165 bytes: a length byte, the
                                    user name in ANSI padded with spaces to 54 bytes, then a
                                    16-bit length and the name in UTF-16 LE, zero-padded.
  header_only.xlsx                  openpyxl: the header row, no data rows.
  merged_backwards.xlsx             openpyxl, 4 people (rows 2–5); <mergeCells> with
                                    <mergeCell ref="H5:A2"/> (backwards) and
                                    <mergeCell ref="A2:XFD1048576"/> (to the sheet's end) inserted
                                    after </sheetData>.
  looping_directory_chain.xls       xlwt, 3 people; FAT[9], the directory's own entry, patched
                                    from ENDOFCHAIN to 9: the directory's chain is 9→9→… . calamine
                                    reads the directory with no length bound, so it copied sectors
                                    until the reading child's memory limit stopped it (3.7 GB).
  looping_chain_4gib_stream.xls     xlwt, 3 people; FAT[1] = 0 as in looping_fat_chain.xls, and the
                                    Workbook entry's size patched from 4096 to 0xFFFFFE00 (4 GiB less
                                    512): calamine copies the loop until it has that length.
  {missing_columns,empty_template,not_a_roster}_{html_saved_as.xls,spreadsheetml_saved_as.xls,
   csv_saved_as.xlsx,xls_named.xlsx,xlsx_named.xls}
                                    15 sheets no genuine workbook would screen either — a header
                                    (序号 姓名 身份证号 工作单位 备注) without a skill-level or title
                                    column over 2 people; the roster header alone; a 填表说明 sheet
                                    without a header — each in five formats under another's name.
                                    Their expect carries "twin" (the same name with the genuine
                                    extension: the test copies the file to it) and "reason".
  truncated_xlsx_named.xls          the first half of an xlsx of the header alone, named .xls: it
                                    fails as its twin .xlsx does, the error noting what it is.
  cases.json                        [{file, writer, quirk, expect}] — see tests/data/README.md.
"""

import csv
import datetime as dt
import io
import json
import os
import random
import re
import struct
import sys
import warnings
import zipfile
from xml.dom import minidom

try:
    import openpyxl
    from openpyxl.chart import BarChart, Reference
    import xlwt
except ImportError:  # pragma: no cover
    sys.exit("make_hostile_fixtures.py needs openpyxl and xlwt:  pip install openpyxl xlwt")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "hostile")

FIXED_TIME = (2025, 12, 1, 0, 0, 0)
FIXED_ISO = "2025-12-01T00:00:00Z"
CREATOR = "guantong make_hostile_fixtures.py"
MAX_SIZE = 50 * 1024

# ---------------------------------------------------------------------------------------------
# 身份证号 (GB 11643-1999), as in scripts/make_fixtures.py
# ---------------------------------------------------------------------------------------------
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
REGION = "210323"  # 岫岩满族自治县 (鞍山): used by no other fixture


def check_digit(first17):
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def valid_id(pid):
    return (len(pid) == 18 and pid[:17].isdigit()
            and pid[17] == check_digit(pid[:17]))


_RNG = random.Random(20251201 + 17)
_USED_IDS = set()


def make_id():
    while True:
        y = _RNG.randint(1970, 1992)
        m = _RNG.randint(1, 12)
        d = _RNG.randint(1, 28)
        seq = _RNG.randint(1, 998)
        first17 = f"{REGION}{y:04d}{m:02d}{d:02d}{seq:03d}"
        pid = first17 + check_digit(first17)
        if pid not in _USED_IDS:
            _USED_IDS.add(pid)
            return pid


# ---------------------------------------------------------------------------------------------
# People: every file has its own, all distinct (names too, so a report is easy to read).
# ---------------------------------------------------------------------------------------------
NAMES = iter("""
    白玉成 柏青山 鲍志远 毕文海 卞春生 蔡国平 岑立华 常永安 车向东 陈晓峰 程建华 褚秀兰
    崔红旗 戴明亮 邓春梅 丁卫国 董晓光 杜长林 范玉珍 方志强 费海燕 封建设 冯德胜 符丽萍
    付振宇 甘立新 高凤英 葛宏伟 耿志刚 宫淑珍 龚建平 古月明 谷春雷 关玉梅 管永红 桂海涛
    郭爱民 韩立春 郝振东 何秀芝 贺东升 洪志勇 侯桂芳 胡建军 华丽娟 黄德福 霍春光 纪红梅
    季文斌 贾树林 江海波 姜玉兰 蒋德明 焦建国 金凤霞 景志华 康永胜 柯文杰 孔祥瑞 雷振华
    黎晓红 李长顺 梁秀英 廖志成 林海生 凌玉洁 刘福春 柳建新 龙海鹰 卢振国 鲁桂英 陆明辉
    吕东海 罗秀云 马春和 毛建勇 孟庆丰 米晓东 苗春燕 莫振兴 穆桂兰 倪志国 聂红艳 牛德宝
    欧阳明 潘秀梅 庞立军 裴永祥 彭德华 齐玉珍 钱国栋 乔建民 秦淑英 邱振海 屈春兰 任志明
""".split())

SKILL = "技师"
SKILL_DATE = dt.date(2018, 3, 1)
APPRAISAL = "2023合格、2024合格、2025合格"
HEADER = ["序号", "姓名", "身份证号", "技能等级", "技能等级取得时间", "职称", "近三年年度考核", "备注"]
COL = {h: i for i, h in enumerate(HEADER)}  # 0-based
DATE_COL_LETTER = "E"
REMARK_COL_LETTER = "H"


def people(n, remarks=None):
    """n people: dicts with the header's keys; 技能等级取得时间 as a date (writers decide how)."""
    out = []
    for i in range(n):
        out.append({"序号": i + 1, "姓名": next(NAMES), "身份证号": make_id(), "技能等级": SKILL,
                    "技能等级取得时间": SKILL_DATE, "职称": "", "近三年年度考核": APPRAISAL,
                    "备注": (remarks or {}).get(i, "")})
    return out


def text_rows(ps):
    """Header + rows of text, the way a text export shows them (dates as ISO text)."""
    rows = [list(HEADER)]
    for p in ps:
        rows.append([p[h].isoformat() if isinstance(p[h], dt.date) else str(p[h])
                     for h in HEADER])
    return rows


# ---------------------------------------------------------------------------------------------
# Zip and xlsx helpers (as in scripts/make_batch_fixtures.py)
# ---------------------------------------------------------------------------------------------
def rewrite_zip(raw, patch, drop=()):
    """Re-pack a zip with fixed entry times; patch(name, bytes) -> bytes; drop: names left out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = patch(info.filename, zin.read(info.filename))
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)
    return out.getvalue()


def make_zip(entries):
    """A fresh zip from [(name, bytes)] with fixed entry times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, data)
    return out.getvalue()


def xlsx_bytes(wb, patches=None, drop=()):
    """Save with fixed docProps; patches: {zip member: f(bytes) -> bytes}."""
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    buf = io.BytesIO()
    wb.save(buf)

    def patch(name, data):
        if name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                          rb"\g<1>" + FIXED_ISO.encode() + rb"\g<3>", data)
        f = (patches or {}).get(name)
        return f(data) if f else data

    return rewrite_zip(buf.getvalue(), patch, drop=drop)


def roster_sheet(ws, ps):
    ws.append(HEADER)
    for i, p in enumerate(ps, start=2):
        ws.append([p[h] if p[h] != "" else None for h in HEADER])
        ws.cell(row=i, column=COL["技能等级取得时间"] + 1).number_format = "yyyy-mm-dd"
        ws.cell(row=i, column=COL["身份证号"] + 1).number_format = "@"
    for letter, width in zip("ABCDEFGH", (6, 9, 21, 9, 16, 9, 30, 12)):
        ws.column_dimensions[letter].width = width


def roster_workbook(ps):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    roster_sheet(ws, ps)
    return wb


SHEET1 = "xl/worksheets/sheet1.xml"
SERIAL_2018_03_01 = "43160"


def cell_re(ref):
    # a whole <c> element: self-closing, or up to its first </c> (cells do not nest)
    return re.compile(r'<c r="%s"(?:\s[^>/]*)?(?:/>|>.*?</c>)' % re.escape(ref), re.S)


def replace_cell(ref, new):
    def f(data):
        xml = data.decode("utf-8")
        found = cell_re(ref).findall(xml)
        assert len(found) == 1, (ref, found)
        return cell_re(ref).sub(lambda m: new, xml).encode("utf-8")
    return f


def set_value(ref, value, expect=SERIAL_2018_03_01):
    """Patch the <v> of a numeric cell, keeping its attributes (the date style)."""
    def f(data):
        xml = data.decode("utf-8")
        found = cell_re(ref).findall(xml)
        assert len(found) == 1, (ref, found)
        old = found[0]
        assert f"<v>{expect}</v>" in old, old
        return xml.replace(old, old.replace(f"<v>{expect}</v>", f"<v>{value}</v>")).encode()
    return f


def chain(*fs):
    def f(data):
        for g in fs:
            data = g(data)
        return data
    return f


def write(name, data):
    assert len(data) < MAX_SIZE, (name, len(data))
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    return data


CASES = []


def case(file, writer, quirk, expect):
    assert "\n" not in quirk
    CASES.append({"file": file, "writer": writer, "quirk": quirk, "expect": expect})


def screened(ps, issue_rows=None, first_row=2, **extra):
    e = {"status": "screened", "people": len(ps),
         "rows": list(range(first_row, first_row + len(ps))),
         "names": [p["姓名"] for p in ps]}
    if issue_rows:
        e["issue_rows"] = issue_rows
    e.update(extra)
    return e


REFUSED = {"status": "refused"}
SKIPPED = {"status": "skipped"}


# ---------------------------------------------------------------------------------------------
# The files
# ---------------------------------------------------------------------------------------------
def good():
    ps = people(3, {1: "班组长"})
    data = write("good.xlsx", xlsx_bytes(roster_workbook(ps)))
    return ps, data


def date_serial_huge_negative():
    ps = people(3)
    write("date_serial_huge_negative.xlsx",
          xlsx_bytes(roster_workbook(ps), {SHEET1: set_value("E3", "-1e308")}))
    case("date_serial_huge_negative.xlsx", "openpyxl, sheet XML patched",
         "E3 is a date-formatted (yyyy-mm-dd) numeric cell whose value is -1e308",
         screened(ps, issue_rows=[3]))


def date_serials_out_of_range():
    ps = people(5)
    values = ["-1", "-700000", "0", "2958466", "NaN"]
    patches = [set_value(f"E{r}", v) for r, v in zip(range(2, 7), values)]
    write("date_serials_out_of_range.xlsx",
          xlsx_bytes(roster_workbook(ps), {SHEET1: chain(*patches)}))
    case("date_serials_out_of_range.xlsx", "openpyxl, sheet XML patched",
         "date-formatted 技能等级取得时间 cells E2..E6 hold -1, -700000, 0, 2958466 (past "
         "9999-12-31) and NaN",
         screened(ps, issue_rows=[2, 3, 4, 5, 6]))


# --- CFB (OLE2) ------------------------------------------------------------------------------
ENDOFCHAIN = 0xFFFFFFFE
# What the docstring says about looping_fat_chain.xls; asserted when it is written.
CFB_EXPECTED = dict(file_size=5632, size=4096, sectors=8, fat_sector=8, dir_sector=9,
                    sheet_bof=1284, loop_at=1, was=2, now=0, offset=4612)


def cfb_parse(data):
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    shift, = struct.unpack_from("<H", data, 0x1E)
    ssz = 1 << shift
    assert ssz == 512
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    n_difat, = struct.unpack_from("<I", data, 0x48)
    assert n_difat == 0 and n_fat <= 109
    fat_sectors = list(struct.unpack_from("<%dI" % n_fat, data, 0x4C))
    fat = []
    for s in fat_sectors:
        fat.extend(struct.unpack_from("<128I", data, (s + 1) * ssz))
    entries = {}
    s, seen = first_dir, set()
    while s != ENDOFCHAIN:
        assert s not in seen
        seen.add(s)
        base = (s + 1) * ssz
        for i in range(ssz // 128):
            e = data[base + 128 * i: base + 128 * (i + 1)]
            nlen, = struct.unpack_from("<H", e, 64)
            if nlen:
                name = e[:nlen - 2].decode("utf-16-le")
                start, size = struct.unpack_from("<II", e, 116)
                entries[name] = (start, size)
        s = fat[s]
    return ssz, fat_sectors, fat, entries


def cfb_chain(fat, start):
    """The sector chain from start; raises on a loop."""
    out, seen, s = [], set(), start
    while s != ENDOFCHAIN:
        if s in seen:
            raise ValueError(f"sector chain loops: sector {s} met twice after {out}")
        seen.add(s)
        out.append(s)
        s = fat[s]
    return out


def xls_bytes(ps):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    head = xlwt.easyxf("font: bold on")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for c, h in enumerate(HEADER):
        ws.write(0, c, h, head)
    for r, p in enumerate(ps, start=1):
        for c, h in enumerate(HEADER):
            v = p[h]
            if isinstance(v, dt.date):
                ws.write(r, c, v, date_style)
            elif v != "":
                ws.write(r, c, v)
    for c, w in enumerate((6, 9, 21, 9, 16, 9, 30, 12)):
        ws.col(c).width = w * 256
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def looping_fat_chain():
    ps = people(3)
    data = bytearray(xls_bytes(ps))
    ssz, fat_sectors, fat, entries = cfb_parse(bytes(data))
    start, size = entries["Workbook"]
    sectors = cfb_chain(fat, start)
    assert size >= 4096 and len(sectors) == -(-size // ssz)  # in the FAT, not the mini stream
    assert sectors == list(range(len(sectors))), sectors   # xlwt: sectors 0, 1, 2, … in order
    stream = b"".join(bytes(data[(s + 1) * ssz:(s + 2) * ssz]) for s in sectors)[:size]
    # BOUNDSHEET (0x0085): u32 stream offset of the sheet's BOF
    pos, sheet_bof = 0, None
    while pos < len(stream):
        rid, rlen = struct.unpack_from("<HH", stream, pos)
        if rid == 0x0085:
            sheet_bof, = struct.unpack_from("<I", stream, pos + 4)
            break
        pos += 4 + rlen
    assert sheet_bof is not None
    k = sheet_bof // ssz            # index (in the chain) of the sector holding the sheet's BOF
    assert k >= 2, k
    loop_at = sectors[k - 1]      # the last sector read before the sheet: send it back to the start
    # FAT[loop_at] lives in FAT sector loop_at // 128 at entry loop_at % 128
    fat_sector = fat_sectors[loop_at // 128]
    off = (fat_sector + 1) * ssz + 4 * (loop_at % 128)
    assert struct.unpack_from("<I", data, off)[0] == sectors[k]
    header = bytes(data[:ssz])
    struct.pack_into("<I", data, off, sectors[0])
    data = bytes(data)
    facts = dict(file_size=len(data), size=size, sectors=len(sectors), fat_sector=fat_sector,
                 dir_sector=struct.unpack_from("<I", data, 0x30)[0], sheet_bof=sheet_bof,
                 loop_at=loop_at, was=sectors[k], now=sectors[0], offset=off)
    assert facts == CFB_EXPECTED, facts  # the docstring describes exactly this patch
    assert data[:ssz] == header and fat_sectors == [8]
    # check: the header is unchanged, the chain now loops
    _, _, fat2, entries2 = cfb_parse(data)
    assert entries2 == entries
    try:
        cfb_chain(fat2, start)
        raise AssertionError("the chain does not loop")
    except ValueError:
        pass
    try:
        import xlrd
        try:
            xlrd.open_workbook(file_contents=data, logfile=io.StringIO())
            raise AssertionError("xlrd read the looping file")
        except xlrd.compdoc.CompDocError:
            pass
    except ImportError:  # pragma: no cover
        pass
    write("looping_fat_chain.xls", data)
    case("looping_fat_chain.xls", "xlwt, then the CFB FAT patched",
         f"the Workbook stream's FAT chain loops: FAT[{loop_at}] = {sectors[0]} (was "
         f"{sectors[k]}), so it reads 0→1→0→1→… and never reaches the sheet; header and "
         "directory valid",
         REFUSED)
    return facts


def fat_entry(ssz, fat_sectors, sector):
    """The file offset of FAT[sector]."""
    return (fat_sectors[sector // (ssz // 4)] + 1) * ssz + 4 * (sector % (ssz // 4))


def looping_chains():
    """Loops worse than looping_fat_chain.xls: one in the directory's chain, which calamine follows
    with no length bound, and one in a stream whose directory entry declares 4 GiB."""
    ps = people(3)
    base = xls_bytes(ps)
    ssz, fat_sectors, fat, entries = cfb_parse(base)
    directory = struct.unpack_from("<I", base, 0x30)[0]
    data = bytearray(base)
    off = fat_entry(ssz, fat_sectors, directory)
    assert struct.unpack_from("<I", data, off)[0] == ENDOFCHAIN
    struct.pack_into("<I", data, off, directory)
    fat2 = list(struct.unpack_from(f"<{ssz // 4}I", data, (fat_sectors[0] + 1) * ssz))
    try:
        cfb_chain(fat2, directory)
        raise AssertionError("the directory's chain does not loop")
    except ValueError:
        pass
    write("looping_directory_chain.xls", bytes(data))
    case("looping_directory_chain.xls", "xlwt, then the CFB FAT patched",
         f"the directory's FAT entry points to itself: FAT[{directory}] = {directory} (was "
         "ENDOFCHAIN), so the directory's chain never ends; calamine reads it with no length bound",
         REFUSED)

    start, size = entries["Workbook"]
    assert (start, size) == (0, 4096)
    data = bytearray(base)
    off = fat_entry(ssz, fat_sectors, 1)
    assert struct.unpack_from("<I", data, off)[0] == 2
    struct.pack_into("<I", data, off, 0)
    # the Workbook entry's size, at byte 120 of its 128-byte directory entry
    base_dir = (directory + 1) * ssz
    names = [bytes(data[base_dir + 128 * i: base_dir + 128 * i + 16]) for i in range(ssz // 128)]
    i = names.index("Workbook".encode("utf-16-le"))
    struct.pack_into("<I", data, base_dir + 128 * i + 120, 0xFFFFFE00)
    _, _, _, entries2 = cfb_parse(bytes(data))
    assert entries2["Workbook"] == (0, 0xFFFFFE00)
    write("looping_chain_4gib_stream.xls", bytes(data))
    case("looping_chain_4gib_stream.xls", "xlwt, then the CFB FAT and directory patched",
         "the Workbook stream's FAT chain loops (FAT[1] = 0, was 2) and its directory entry "
         "declares 4294966784 bytes (was 4096): calamine copies the loop until it has them",
         REFUSED)


def huge_cell_reference():
    ps = people(3)

    def f(data):
        xml = data.decode("utf-8")
        m = re.search(r'<row r="2"[^>]*>.*?</row>', xml, re.S)
        row = m.group(0)
        new = row[:-len("</row>")] + \
            '<c r="ZZZZZZZZZZ2" t="inlineStr"><is><t>超出范围</t></is></c></row>'
        return xml.replace(row, new).encode("utf-8")

    write("huge_cell_reference.xlsx", xlsx_bytes(roster_workbook(ps), {SHEET1: f}))
    case("huge_cell_reference.xlsx", "openpyxl, sheet XML patched",
         "row 2 has an extra cell with the reference ZZZZZZZZZZ2 (far past column XFD)",
         screened(ps, optional_issue_rows=[2]))


def bad_number_cell():
    ps = people(3)
    write("bad_number_cell.xlsx", xlsx_bytes(
        roster_workbook(ps), {SHEET1: replace_cell("E3", '<c r="E3" t="n"><v>abc</v></c>')}))
    case("bad_number_cell.xlsx", "openpyxl, sheet XML patched",
         'E3 (技能等级取得时间) is <c r="E3" t="n"><v>abc</v></c>: a number cell that is not a number',
         screened(ps, issue_rows=[3]))


def bad_bool_cell():
    ps = people(3, {0: "占位"})
    write("bad_bool_cell.xlsx", xlsx_bytes(
        roster_workbook(ps), {SHEET1: replace_cell("H2", '<c r="H2" t="b"><v>2</v></c>')}))
    case("bad_bool_cell.xlsx", "openpyxl, sheet XML patched",
         'H2 (备注) is <c r="H2" t="b"><v>2</v></c>: a boolean that is neither 0 nor 1',
         screened(ps, optional_issue_rows=[2]))


def unknown_cell_type():
    ps = people(3, {1: "占位"})
    write("unknown_cell_type.xlsx", xlsx_bytes(
        roster_workbook(ps), {SHEET1: replace_cell("H3", '<c r="H3" t="zz"><v>x</v></c>')}))
    case("unknown_cell_type.xlsx", "openpyxl, sheet XML patched",
         'H3 (备注) is <c r="H3" t="zz"><v>x</v></c>: a cell type the format does not have',
         screened(ps, optional_issue_rows=[3]))


def chart_sheet_first():
    ps = people(3)
    wb = roster_workbook(ps)
    ws = wb["花名册"]
    cs = wb.create_chartsheet("图表", 0)
    chart = BarChart()
    chart.title = "序号"
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=len(ps) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=len(ps) + 1))
    cs.add_chart(chart)
    wb.active = 1
    data = write("chart_sheet_first.xlsx", xlsx_bytes(wb))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        wbxml = z.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', wbxml)
    assert names == ["图表", "花名册"], names
    case("chart_sheet_first.xlsx", "openpyxl",
         "the first sheet is a chartsheet (图表, a bar chart over the roster); the roster is "
         "the second sheet, 花名册",
         screened(ps, sheet="花名册"))


def no_sheets():
    ps = people(3)

    def f(data):
        new, n = re.subn(rb"<sheets>.*?</sheets>", b"<sheets/>", data, flags=re.S)
        assert n == 1
        return new

    write("no_sheets.xlsx", xlsx_bytes(roster_workbook(ps), {"xl/workbook.xml": f}))
    case("no_sheets.xlsx", "openpyxl, workbook.xml patched",
         "xl/workbook.xml has an empty <sheets/> (the worksheet part is still in the zip)",
         REFUSED)


def no_workbook_xml():
    ps = people(3)
    data = write("no_workbook_xml.xlsx",
                 xlsx_bytes(roster_workbook(ps), drop=("xl/workbook.xml",)))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "xl/workbook.xml" not in z.namelist() and SHEET1 in z.namelist()
        assert "[Content_Types].xml" in z.namelist()
    case("no_workbook_xml.xlsx", "openpyxl, xl/workbook.xml removed from the zip",
         "a zip with [Content_Types].xml, _rels and a worksheet but no xl/workbook.xml",
         REFUSED)


def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def html_table():
    ps = people(3, {2: "A&B班"})
    rows = text_rows(ps)
    out = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel" '
           'xmlns="http://www.w3.org/TR/REC-html40">',
           "<head>",
           '<meta charset="utf-8">',
           '<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=utf-8">',
           "<title>花名册</title>",
           "<style>td.id { mso-number-format: '\\@'; }</style>",
           "</head>",
           "<body>",
           '<table border="1" cellspacing="0">']
    out.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in rows[0]) + "</tr>")
    for r in rows[1:]:
        cells = []
        for c, v in enumerate(r):
            cls = ' class="id"' if c == COL["身份证号"] else ""
            cells.append(f"<td{cls}>{esc(v)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</table>", "</body>", "</html>", ""]
    write("html_table_saved_as.xls", "\r\n".join(out).encode("utf-8"))
    case("html_table_saved_as.xls", "hand-written HTML",
         "an HTML <table> (UTF-8, <meta charset>) named .xls, as HR systems export \"Excel\"",
         screened(ps, twin="html_table_saved_as.html"))


def spreadsheetml_2003():
    ps = people(3)
    x = ['<?xml version="1.0"?>',
         '<?mso-application progid="Excel.Sheet"?>',
         '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"',
         ' xmlns:o="urn:schemas-microsoft-com:office:office"',
         ' xmlns:x="urn:schemas-microsoft-com:office:excel"',
         ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"',
         ' xmlns:html="http://www.w3.org/TR/REC-html40">',
         ' <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">',
         f'  <Author>{CREATOR}</Author>',
         f'  <Created>{FIXED_ISO}</Created>',
         ' </DocumentProperties>',
         ' <Styles>',
         '  <Style ss:ID="Default" ss:Name="Normal">',
         '   <Alignment ss:Vertical="Center"/>',
         '   <Font ss:FontName="宋体" x:CharSet="134" ss:Size="11"/>',
         '  </Style>',
         '  <Style ss:ID="s62"><NumberFormat ss:Format="yyyy\\-mm\\-dd"/></Style>',
         '  <Style ss:ID="s63"><NumberFormat ss:Format="@"/></Style>',
         ' </Styles>',
         ' <Worksheet ss:Name="花名册">',
         f'  <Table ss:ExpandedColumnCount="{len(HEADER)}" ss:ExpandedRowCount="{len(ps) + 1}"'
         ' x:FullColumns="1" x:FullRows="1">',
         '   <Row>' + "".join(f'<Cell><Data ss:Type="String">{esc(h)}</Data></Cell>'
                             for h in HEADER) + '</Row>']
    for p in ps:
        cells, skipped = [], False
        for c, h in enumerate(HEADER):
            v = p[h]
            idx = f' ss:Index="{c + 1}"' if skipped else ""
            skipped = False
            if v == "":
                skipped = True
                continue
            if isinstance(v, dt.date):
                cells.append(f'<Cell{idx} ss:StyleID="s62"><Data ss:Type="DateTime">'
                             f'{v.isoformat()}T00:00:00.000</Data></Cell>')
            elif isinstance(v, int):
                cells.append(f'<Cell{idx}><Data ss:Type="Number">{v}</Data></Cell>')
            else:
                style = ' ss:StyleID="s63"' if h == "身份证号" else ""
                cells.append(f'<Cell{idx}{style}><Data ss:Type="String">{esc(v)}</Data></Cell>')
        x.append("   <Row>" + "".join(cells) + "</Row>")
    x += ['  </Table>',
          '  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">',
          '   <ProtectObjects>False</ProtectObjects>',
          '   <ProtectScenarios>False</ProtectScenarios>',
          '  </WorksheetOptions>',
          ' </Worksheet>',
          '</Workbook>', '']
    data = write("spreadsheetml_2003_saved_as.xls", "\r\n".join(x).encode("utf-8"))
    minidom.parseString(data)
    assert data.count(b'ss:Index="7"') == len(ps)
    case("spreadsheetml_2003_saved_as.xls", "hand-written XML Spreadsheet 2003",
         "an XML Spreadsheet 2003 (SpreadsheetML) named .xls; dates ss:Type=\"DateTime\"; the "
         "empty 职称 cell is left out and the next cell has ss:Index=\"7\"",
         screened(ps, twin="spreadsheetml_2003_saved_as.xml"))


def delimited(rows, sep, eol="\r\n"):
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator=eol).writerows(rows)
    return buf.getvalue()


def tsv_saved_as_xls():
    ps = people(3)
    write("tsv_saved_as.xls", b"\xef\xbb\xbf" + delimited(text_rows(ps), "\t").encode("utf-8"))
    case("tsv_saved_as.xls", "python text (UTF-8 with BOM, tab, CRLF)",
         "tab-separated UTF-8 text with a BOM, named .xls", screened(ps, twin="tsv_saved_as.tsv"))


def csv_saved_as_xlsx():
    ps = people(3)
    write("csv_saved_as.xlsx", delimited(text_rows(ps), ",").encode("gbk"))
    case("csv_saved_as.xlsx", "python text (GBK, comma, CRLF)",
         "a GBK comma-separated CSV named .xlsx", screened(ps, twin="csv_saved_as.csv"))


def misnamed():
    ps = people(3)
    data = write("xlsx_named.xls", xlsx_bytes(roster_workbook(ps)))
    assert data[:2] == b"PK"
    case("xlsx_named.xls", "openpyxl", "a real xlsx (zip) named .xls", screened(ps, twin="xlsx_named.xlsx"))
    ps2 = people(3)
    data = write("xls_named.xlsx", xls_bytes(ps2))
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    case("xls_named.xlsx", "xlwt", "a real xls (BIFF8 in CFB) named .xlsx",
         screened(ps2, twin="xls_named.xls"))
    return data


def utf16le_no_bom():
    ps = people(3)
    data = write("utf16le_no_bom.txt", delimited(text_rows(ps), "\t").encode("utf-16-le"))
    assert data[:2] not in (b"\xff\xfe", b"\xfe\xff")
    case("utf16le_no_bom.txt", "python text (UTF-16 LE, no BOM, tab, CRLF)",
         "UTF-16 LE text without a BOM, tab-separated, CRLF", screened(ps))


def lone_quote():
    ps = people(3, {1: "身高5'8\""})
    lines = []
    for r in text_rows(ps):
        lines.append(",".join(r))   # written by hand: no field is quoted
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    assert data.count(b'"') == 1 and b"5'8\"\r\n" in data
    write("lone_quote.csv", data)
    case("lone_quote.csv", "python text (UTF-8, comma, CRLF)",
         "row 3's unquoted 备注 is 身高5'8\" (a bare double quote inside an unquoted field, "
         "text to Excel); row 4 follows normally",
         screened(ps, values=[{"row": 3, "column": "备注", "value": "身高5'8\""}]))


def cr_only():
    ps = people(3)
    data = delimited(text_rows(ps), ",", eol="\r").encode("utf-8")
    assert b"\n" not in data and data.count(b"\r") == 4
    write("cr_only_line_endings.csv", data)
    case("cr_only_line_endings.csv", "python text (UTF-8, comma, CR only)",
         "old-Mac line endings: every line ends in a bare CR", screened(ps))


def gbk_then_utf8():
    ps = people(4)
    rows = text_rows(ps)
    first = delimited(rows[:3], ",").encode("gbk")
    second = delimited(rows[3:], ",").encode("utf-8")
    data = first + second
    # the two halves are really different bytes (not ASCII-only)
    assert rows[3][1].encode("gbk") != rows[3][1].encode("utf-8")
    write("gbk_then_utf8.csv", data)
    case("gbk_then_utf8.csv", "python text (comma, CRLF; GBK then UTF-8)",
         "header and rows 2–3 are GBK, rows 4–5 are UTF-8 (two exports pasted together)",
         screened(ps))


def not_rosters(good_data):
    write("empty.xlsx", b"")
    case("empty.xlsx", "python (an empty file)", "0 bytes", REFUSED)

    half = good_data[:len(good_data) // 2]
    write("truncated.xlsx", half)
    try:
        zipfile.ZipFile(io.BytesIO(half))
        raise AssertionError("truncated.xlsx still opens")
    except zipfile.BadZipFile:
        pass
    case("truncated.xlsx", "openpyxl, cut",
         f"the first half ({len(half)} of {len(good_data)} bytes) of good.xlsx: no central "
         "directory", REFUSED)

    rng = random.Random(4096)
    junk = bytes(rng.randrange(256) for _ in range(4096))
    assert junk[:2] != b"PK" and junk[:4] != bytes.fromhex("D0CF11E0")
    write("random_bytes.xls", junk)
    case("random_bytes.xls", "python random.Random(4096)", "4096 pseudo-random bytes named .xls",
         REFUSED)

    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    docx = make_zip([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" '
         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         f'<w:document xmlns:w="{W}"><w:body>'
         '<w:p><w:r><w:t>关于报送2025年度技能人才花名册的说明</w:t></w:r></w:p>'
         '<w:p><w:r><w:t>花名册见附件。</w:t></w:r></w:p>'
         '</w:body></w:document>'),
    ])
    write("report.docx", docx)
    case("report.docx", "python zipfile (minimal WordprocessingML)",
         "a Word document (a zip with word/document.xml), not a spreadsheet", REFUSED)

    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        pdf += b"%010d 00000 n \n" % off
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    write("notes.pdf", pdf)
    case("notes.pdf", "hand-written PDF", "a one-page %PDF-1.4 file, not a spreadsheet", REFUSED)


def lock_file():
    # Excel's owner file: a length byte, the user name (ANSI) padded with spaces to 54 bytes,
    # a 16-bit length, the name in UTF-16 LE, then zeros to 165 bytes.
    user = "zhangmou"
    owner = bytes([len(user)]) + user.encode("ascii").ljust(53, b" ")
    owner += struct.pack("<H", len(user)) + user.encode("utf-16-le")
    owner = owner.ljust(165, b"\x00")
    assert len(owner) == 165
    write("~$good.xlsx", owner)
    case("~$good.xlsx", "python bytes (Excel owner file)",
         "an Office owner (lock) file beside good.xlsx: 165 bytes, a length byte and a user name",
         SKIPPED)


def header_only():
    wb = roster_workbook([])
    write("header_only.xlsx", xlsx_bytes(wb))
    case("header_only.xlsx", "openpyxl", "the roster header on row 1 and no data rows",
         screened([]))


def merged_backwards():
    ps = people(4)

    def f(data):
        assert b"<mergeCells" not in data and data.count(b"</sheetData>") == 1
        return data.replace(b"</sheetData>",
                            b'</sheetData><mergeCells count="2"><mergeCell ref="H5:A2"/>'
                            b'<mergeCell ref="A2:XFD1048576"/></mergeCells>')

    write("merged_backwards.xlsx", xlsx_bytes(roster_workbook(ps), {SHEET1: f}))
    case("merged_backwards.xlsx", "openpyxl, sheet XML patched",
         'two merged ranges over the data: <mergeCell ref="H5:A2"/> (backwards) and '
         '<mergeCell ref="A2:XFD1048576"/> (to the sheet\'s end)',
         screened(ps, optional_issue_rows=[2, 3, 4, 5]))


# --- Misnamed files that hold no roster to screen -------------------------------------------
# Each is a sheet that a genuine xlsx would not screen either: a roster header without the
# credential columns, an empty template, a sheet of instructions. Saved in five formats under a
# name that says another, each must end as its twin with the right name does (the same name with
# the genuine extension, made by the test), with a note of what it really is.
def html_of(rows):
    out = ['<html><head><meta charset="utf-8"><title>导出</title></head><body>', '<table border="1">']
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in r) + "</tr>")
    out += ["</table>", "</body></html>", ""]
    return "\r\n".join(out).encode("utf-8")


def spreadsheetml_of(sheet, rows):
    x = ['<?xml version="1.0"?>',
         '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"',
         ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
         f' <Worksheet ss:Name="{esc(sheet)}">',
         '  <Table>']
    for r in rows:
        x.append("   <Row>" + "".join(f'<Cell><Data ss:Type="String">{esc(str(v))}</Data></Cell>'
                                    for v in r) + "</Row>")
    x += ['  </Table>', ' </Worksheet>', '</Workbook>', '']
    data = "\r\n".join(x).encode("utf-8")
    minidom.parseString(data)
    return data


def xls_of(sheet, rows):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_of(sheet, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    return xlsx_bytes(wb)


# what each content is, the sheet name its workbook formats give it, and how a genuine file of it
# ends beside good.xlsx: the status, and words the reason says
NOT_SCREENED = [
    ("missing_columns", "花名册", dict(REFUSED, reason="缺少必需的列")),
    ("empty_template", "花名册", dict(screened([]), reason="表头下没有数据行")),
    ("not_a_roster", "填表说明", dict(SKIPPED, reason="未找到表头")),
]
# (the format, the name's ending, the genuine ending, how it is written)
MISNAMED = [
    ("html", "_saved_as.xls", ".html", "hand-written HTML (UTF-8)"),
    ("spreadsheetml", "_saved_as.xls", ".xml", "hand-written XML Spreadsheet 2003"),
    ("csv", "_saved_as.xlsx", ".csv", "python text (GBK, comma, CRLF)"),
    ("xls", "_named.xlsx", ".xls", "xlwt"),
    ("xlsx", "_named.xls", ".xlsx", "openpyxl"),
]


def misnamed_non_rosters():
    ps = people(2)
    contents = {
        "missing_columns": [["序号", "姓名", "身份证号", "工作单位", "备注"]]
        + [[p["序号"], p["姓名"], p["身份证号"], "鞍山岫岩机械厂", ""] for p in ps],
        "empty_template": [list(HEADER)],
        "not_a_roster": [["填表说明"], ["1. 姓名按身份证填写。"],
                         ["2. 技能等级填写职业资格证书或职业技能等级证书上的等级。"],
                         ["3. 日期写作 2018-03-01。"]],
    }
    quirks = {
        "missing_columns": "a roster header (序号 姓名 身份证号 工作单位 备注) without a skill-level or "
                           "title column, and 2 people",
        "empty_template": "the roster header and no data rows",
        "not_a_roster": "a sheet of instructions (填表说明), no header",
    }
    for content, sheet, expect in NOT_SCREENED:
        rows = contents[content]
        text = [[str(v) for v in r] for r in rows]
        for fmt, ending, genuine, writer in MISNAMED:
            stem = f"{content}_{fmt}{ending.rsplit('.', 1)[0]}"
            data = {"html": lambda: html_of(text),
                    "spreadsheetml": lambda: spreadsheetml_of(sheet, text),
                    "csv": lambda: delimited(text, ",").encode("gbk"),
                    "xls": lambda: xls_of(sheet, rows),
                    "xlsx": lambda: xlsx_of(sheet, rows)}[fmt]()
            name = stem + "." + ending.rsplit(".", 1)[1]
            write(name, data)
            case(name, writer, f"{quirks[content]}; {fmt} named {ending.rsplit('.', 1)[1]}",
                 dict(expect, twin=stem + genuine))
    # a file that cannot be read, named as another format: the same error, and what it really is
    half = xlsx_of("花名册", [list(HEADER)])
    half = half[:len(half) // 2]
    write("truncated_xlsx_named.xls", half)
    case("truncated_xlsx_named.xls", "openpyxl, cut",
         "the first half of an xlsx (no central directory), named .xls",
         dict(REFUSED, reason="文件不完整", twin="truncated_xlsx_named.xlsx"))


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------
PATCHED_XML = {
    "date_serial_huge_negative.xlsx": [SHEET1],
    "date_serials_out_of_range.xlsx": [SHEET1],
    "huge_cell_reference.xlsx": [SHEET1],
    "bad_number_cell.xlsx": [SHEET1],
    "bad_bool_cell.xlsx": [SHEET1],
    "unknown_cell_type.xlsx": [SHEET1],
    "no_sheets.xlsx": ["xl/workbook.xml"],
    "merged_backwards.xlsx": [SHEET1],
}
# the good ones open in openpyxl, and so does -1e308 (read as an error value, with a warning);
# openpyxl itself fails on abc, NaN, ZZZZZZZZZZ2 and H5:A2 (it reads t="zz" and t="b" 2).
OPENPYXL_OK = ["good.xlsx", "chart_sheet_first.xlsx", "xlsx_named.xls", "header_only.xlsx",
               "date_serial_huge_negative.xlsx"]
OPENPYXL_FAILS = ["bad_number_cell.xlsx", "date_serials_out_of_range.xlsx",
                  "huge_cell_reference.xlsx", "merged_backwards.xlsx"]
GOOD_NAMES = ["白玉成", "柏青山", "鲍志远"]  # named in tests/data/README.md


def check(good_ps):
    for name, members in PATCHED_XML.items():
        with zipfile.ZipFile(os.path.join(OUT, name)) as z:
            assert z.testzip() is None, name
            for m in z.namelist():
                if m.endswith(".xml") or m.endswith(".rels"):
                    minidom.parseString(z.read(m))  # every part well-formed, patched ones too
            for m in members:
                assert m in z.namelist(), (name, m)
    for name in OPENPYXL_OK:
        with open(os.path.join(OUT, name), "rb") as f, warnings.catch_warnings():
            warnings.simplefilter("ignore" if name.startswith("date_") else "error")
            wb = openpyxl.load_workbook(io.BytesIO(f.read()))
        ws = wb["花名册"]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == HEADER, (name, rows[0])
        if name == "good.xlsx":
            assert [r[1] for r in rows[1:]] == [p["姓名"] for p in good_ps]
            assert all(r[4] == dt.datetime(2018, 3, 1) for r in rows[1:])
    for name in OPENPYXL_FAILS:
        with open(os.path.join(OUT, name), "rb") as f, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                openpyxl.load_workbook(io.BytesIO(f.read()))
                raise AssertionError(f"openpyxl reads {name}")
            except ValueError:
                pass
    assert [p["姓名"] for p in good_ps] == GOOD_NAMES
    try:
        import xlrd
        book = xlrd.open_workbook(os.path.join(OUT, "xls_named.xlsx"), logfile=io.StringIO())
        sh = book.sheet_by_name("花名册")
        assert sh.row_values(0) == HEADER and sh.nrows == 4
        assert xlrd.xldate_as_tuple(sh.cell_value(1, COL["技能等级取得时间"]), book.datemode)[:3] \
            == (2018, 3, 1)
    except ImportError:  # pragma: no cover
        pass
    with zipfile.ZipFile(os.path.join(OUT, "merged_backwards.xlsx")) as z:
        assert b'<mergeCell ref="H5:A2"/>' in z.read(SHEET1)
    with zipfile.ZipFile(os.path.join(OUT, "report.docx")) as z:
        minidom.parseString(z.read("word/document.xml"))
    # text files decode as intended and give the right names
    for name, enc in (("tsv_saved_as.xls", "utf-8-sig"), ("csv_saved_as.xlsx", "gbk"),
                      ("utf16le_no_bom.txt", "utf-16-le"), ("lone_quote.csv", "utf-8"),
                      ("cr_only_line_endings.csv", "utf-8")):
        case_ = next(c for c in CASES if c["file"] == name)
        with open(os.path.join(OUT, name), "rb") as f:
            text = f.read().decode(enc)
        lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
        sep = "\t" if "\t" in lines[0] else ","
        assert lines[0].split(sep) == HEADER, name
        assert [ln.split(sep)[1] for ln in lines[1:]] == case_["expect"]["names"], name
        for ln in lines[1:]:
            assert valid_id(ln.split(sep)[2])
    with open(os.path.join(OUT, "gbk_then_utf8.csv"), "rb") as f:
        raw = f.read().split(b"\r\n")
    names = [raw[i].decode("gbk").split(",")[1] for i in (1, 2)] + \
            [raw[i].decode("utf-8").split(",")[1] for i in (3, 4)]
    assert names == next(c for c in CASES if c["file"] == "gbk_then_utf8.csv")["expect"]["names"]
    assert all(valid_id(p) for p in _USED_IDS)


def write_cases():
    text = json.dumps(CASES, ensure_ascii=False, indent=1)
    # lists of plain numbers or strings on one line
    text = re.sub(r"\[\n\s*((?:(?:\d+|\"[^\"\n]*\"),\n\s*)*(?:\d+|\"[^\"\n]*\"))\n\s*\]",
                  lambda m: "[" + re.sub(r",\n\s*", ", ", m.group(1)) + "]", text)
    assert json.loads(text) == CASES
    with open(os.path.join(OUT, "cases.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    good_ps, good_data = good()
    date_serial_huge_negative()
    date_serials_out_of_range()
    cfb = looping_fat_chain()
    huge_cell_reference()
    bad_number_cell()
    bad_bool_cell()
    unknown_cell_type()
    chart_sheet_first()
    no_sheets()
    no_workbook_xml()
    html_table()
    spreadsheetml_2003()
    tsv_saved_as_xls()
    csv_saved_as_xlsx()
    misnamed()
    utf16le_no_bom()
    lone_quote()
    cr_only()
    gbk_then_utf8()
    not_rosters(good_data)
    lock_file()
    header_only()
    merged_backwards()
    looping_chains()
    misnamed_non_rosters()
    check(good_ps)
    write_cases()
    print(f"hostile: {len(CASES)} cases + good.xlsx, {len(_USED_IDS)} 身份证号; "
          f"looping_fat_chain.xls: {cfb}")


if __name__ == "__main__":
    main()
