#!/usr/bin/env python3
"""Write tests/data/broken_midway.xlsx: tests/data/core.xlsx with one bad cell halfway down its
sheet (three quarters down, past the rows the header search holds) — a shared-string index that does not exist. calamine's streaming reader hands over the
rows above it and then fails, which is how a damaged export from another system looks. The
integration test checks that none of the rows read before the failure reach the outputs.

Run from the repository root, after scripts/make_fixtures.py:
    python3 scripts/make_broken_fixture.py
Deterministic: the zip entries keep core.xlsx's order and timestamps.
"""

import re
import zipfile

SOURCE = "tests/data/core.xlsx"
TARGET = "tests/data/broken_midway.xlsx"
SHEET = "xl/worksheets/sheet1.xml"


def main():
    with zipfile.ZipFile(SOURCE) as src, zipfile.ZipFile(TARGET, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == SHEET:
                xml = data.decode("utf-8")
                rows = [m.start() for m in re.finditer(r"<row ", xml)]
                cut = rows[len(rows) * 3 // 4]
                bad = '<row r="40"><c r="A40" t="s"><v>999999</v></c></row>'
                data = (xml[:cut] + bad + xml[cut:]).encode("utf-8")
            out.writestr(info, data)


if __name__ == "__main__":
    main()
