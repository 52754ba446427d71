#!/usr/bin/env python3
"""Broken policy files for tests/policies.rs: each is policies/anshan-2020-33.toml with one defect.

Run from the repository root: `python3 scripts/make_bad_policies.py`. Writes
tests/data/policies/bad/*.toml (and one GBK file) and tests/data/policies/bad/cases.json, which
gives for each file the line `guantong policy check` must name, a fragment of the key and a
fragment of the Chinese message. The output is the same on every run.
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOOD = (ROOT / "policies" / "anshan-2020-33.toml").read_text(encoding="utf-8")
OUT = ROOT / "tests" / "data" / "policies" / "bad"


def replace(old, new, count=1):
    assert GOOD.count(old) >= count, old
    return GOOD.replace(old, new, count)


def line_of(text, marker, nth=1):
    """1-based line of the nth line containing marker."""
    seen = 0
    for i, line in enumerate(text.split("\n"), 1):
        if marker in line:
            seen += 1
            if seen == nth:
                return i
    raise AssertionError(marker)


REGULAR_TECHNICIAN = 'level = "技师"\nyears = 3\ngrants = "工程师"'
REGULAR_SENIOR = 'level = "高级工"\nyears = 2\ngrants = "助理工程师"'

cases = []


def case(name, text, marker, key, message, nth=1):
    (OUT / f"{name}.toml").write_text(text, encoding="utf-8")
    line = line_of(text, marker, nth) if marker else None
    cases.append({"file": f"{name}.toml", "line": line, "key": key, "message": message})


OUT.mkdir(parents=True, exist_ok=True)

t = replace('number = "鞍人社〔2020〕33号"', 'number = "鞍人社〔2020〕33号')
case("syntax_error", t, 'number = "鞍人社〔2020〕33号', "number", "TOML 格式错误")

t = replace('clause = "三（二）2"\nlevel = "技师"', 'clause = "三（二）9"\nlevel = "技师"')
case("unknown_clause", t, "三（二）9", "regular[2].clause", "未知的条款“三（二）9”")

t = replace(REGULAR_TECHNICIAN, REGULAR_TECHNICIAN.replace('"技师"', '"技帅"'))
case("unknown_level", t, '"技帅"', "regular[2].level", "未知的技能等级“技帅”")

t = replace('grants = "高级工程师"\n\n# 三（四）', 'grants = "高级工程帅"\n\n# 三（四）')
case("unknown_title", t, "高级工程帅", "regular[3].grants", "未知的职称“高级工程帅”")

t = GOOD.replace(REGULAR_SENIOR, "@@").replace(REGULAR_TECHNICIAN, REGULAR_SENIOR).replace("@@", REGULAR_TECHNICIAN)
case("ladder_out_of_order", t, 'level = "高级工"\nyears = 2'.split("\n")[0], "regular[2].level", "阶梯顺序不对", nth=2)

t = replace('grants = "助理工程师"\nany = ["市级技能大赛前三名选手及教练"]', 'grants = "助理工程师"\nany = []')
case("empty_tier", t, "any = []", "exceptional.tier[4].any", "永远无法达到")

t = replace('grants = "高级工程师"\nany = ["辽宁省有突出贡献高技能人才", "省级技能大师工作站领创人"]',
            'grants = "高级工程师"\nany = ["全国技术能手"]')
case("shadowed_tier", t, 'grants = "高级工程师"\nany = ["全国技术能手"]'.split("\n")[0], "exceptional.tier[2]", "永远无法达到", nth=2)

t = replace('any = ["市级技能大赛前三名选手及教练"]', 'any = ["市级技能大赛前三名选手及教练", "鞍山劳模"]')
case("unknown_honour", t, "鞍山劳模", "exceptional.tier[4].any", "未知的荣誉“鞍山劳模”")

t = replace('[[exceptional.tier]]\nclause = "三（四）4"\ngrants = "助理工程师"\nany = ["市级技能大赛前三名选手及教练"]\n', "")
case("honour_in_no_tier", t, 'name = "市级技能大赛前三名选手及教练"', "exceptional.honour[14]", "没有列入任何")

start = GOOD.index("levels = [\n")
t = GOOD[:start] + "levels = []" + GOOD[GOOD.index("\n]\n", start) + 2:]
case("empty_levels", t, "levels = []", "skill.levels", "列表为空")

t = replace('pass = ["优秀", "良好", "合格", "称职"]', "pass = []")
case("empty_pass", t, "pass = []", "basic.pass", "列表为空")

t = replace('id = "四（五）"', 'id = "四"')
case("duplicate_clause", t, 'id = "四"', "clause[21].id", "重复的条款 id“四”", nth=2)

t = replace('name = "鞍山工匠"', 'name = "辽宁工匠"')
case("duplicate_honour", t, 'name = "辽宁工匠"', "exceptional.honour[11].name", "重复的荣誉名称“辽宁工匠”", nth=2)

t = replace("years = 2\ngrants = \"助理工程师\"", "yeras = 2\ngrants = \"助理工程师\"")
case("unknown_key", t, "yeras = 2", "yeras", "未知的键 `yeras`")

t = replace("years = 2\ngrants = \"助理工程师\"", "years = \"两\"\ngrants = \"助理工程师\"")
case("wrong_type", t, 'years = "两"', "years", "值的类型不对")

t = replace('issued = "2020-05-25"', 'issued = "2020年5月25日"')
case("bad_date", t, "2020年5月25日", "document.issued", "日期“2020年5月25日”无法识别")

t = replace('studio_lead = "国家"', 'studio_lead = "县"')
case("unknown_reach", t, 'studio_lead = "县"', "exceptional.honour[4].studio_lead", "未知的级别“县”")

t = replace('title = "高级工程师"\nup_to = "正高级工程师"', 'title = "正高级工程师"\nup_to = "高级工程师"')
case("up_to_below_title", t, 'up_to = "高级工程师"', "reverse[6].up_to", "up_to 的职称低于 title")

start = GOOD.index("[basic]\n")
t = GOOD[:start] + GOOD[GOOD.index("\n\n", start) + 2:]
case("missing_section", t, None, "", "缺少键 `basic`")

case("empty_file", "", None, "", "缺少键")

(OUT / "gbk.toml").write_bytes(GOOD.encode("gb18030"))
cases.append({"file": "gbk.toml", "line": None, "key": "", "message": "不是 UTF-8 编码"})

(OUT / "cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {len(cases)} broken policies to {OUT.relative_to(ROOT)}")
