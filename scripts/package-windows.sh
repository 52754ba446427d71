#!/usr/bin/env bash
# The Windows package: guantong.exe cross-built with mingw-w64, tested under wine against the Linux
# build, then zipped with its Chinese guide, the sample rosters and the roster template.
#
#   scripts/package-windows.sh        → dist/guantong-<version>-windows-x64.zip
#
# Installs what it needs (the rustup target, mingw-w64, wine; apt-get as root or with sudo). The
# package is tested before it is written: the exe screens the sample roster, the batch fixtures
# (in a folder whose name has Chinese and a space), the batch split by 单位, employers named with
# characters Windows refuses in file names, device names and 150 characters, a roster at a path past
# 260 characters, a folder dropped on it (`wine guantong.exe FOLDER`) and the exe started with
# nothing (double-clicked: the page is served, fetched with its token; typed: the help); each JSONL
# must equal the Linux binary's and each workbook's sheets the Linux workbook's, paths' `\` read as
# `/`. Any difference, or any run that fails, stops the script before the zip is written.
#
# Not part of .ci/run: from a fresh clone it took 10 min 41 s on 2 cores (both builds; README).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=x86_64-pc-windows-gnu
started=$(date +%s)

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf '失败：%s\n' "$*" >&2; exit 1; }

apt_install() {
    local sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

say "工具：rustup 目标 $TARGET、mingw-w64、wine、curl"
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
command -v x86_64-w64-mingw32-gcc >/dev/null || apt_install gcc-mingw-w64-x86-64
command -v wine >/dev/null || apt_install wine wine64
command -v curl >/dev/null || apt_install curl
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

say "编译：Linux 版（对照）和 Windows 版"
cargo build --release --locked --bin guantong --example sheets
cargo build --release --locked --target "$TARGET" --bin guantong
LINUX=$ROOT/target/release/guantong
SHEETS=$ROOT/target/release/examples/sheets

WORK=$ROOT/target/package-windows
rm -rf "$WORK"
mkdir -p "$WORK/bin" "$WORK/stage"
EXE=$WORK/bin/guantong.exe
cp "target/$TARGET/release/guantong.exe" "$EXE"
x86_64-w64-mingw32-strip "$EXE"
# Wine 8 lacks bcryptprimitives.dll (scripts/windows/bcryptprimitives.c says why): the shim sits
# beside the exe under test only.
x86_64-w64-mingw32-gcc -O2 -shared -o "$WORK/bin/bcryptprimitives.dll" scripts/windows/bcryptprimitives.c -ladvapi32

export WINEPREFIX=$WORK/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
say "wine：新建 $WINEPREFIX"
wineboot --init >/dev/null 2>&1 || die "wineboot 无法初始化 $WINEPREFIX"
wine "$EXE" --version </dev/null >/dev/null 2>&1 || die "guantong.exe 在 wine 中无法启动（wine $(wine --version)）"

# Runs guantong.exe under wine with these arguments in the current folder; its input is not a
# terminal, so a console is never held open.
win() { wine "$EXE" "$@" </dev/null; }
# A path as Windows (wine) spells it: Z:\… for the Linux file system.
winpath() { winepath -w "$1" 2>/dev/null; }

# JSONL with paths' backslashes read as slashes (JSON writes `\` as `\\`).
same_jsonl() {
    cmp -s <(sed 's/\\\\/\//g' "$1") <(sed 's/\\\\/\//g' "$2") ||
        { diff <(sed 's/\\\\/\//g' "$1") <(sed 's/\\\\/\//g' "$2") | head -20 >&2; die "JSONL 不同：$1 与 $2"; }
}
# Every sheet's cells, paths' backslashes read as slashes.
same_sheets() {
    local a b
    a=$("$SHEETS" "$1" | sed 's/\\/\//g') || die "无法读取 $1"
    b=$("$SHEETS" "$2" | sed 's/\\/\//g') || die "无法读取 $2"
    [ "$a" = "$b" ] || { diff <(echo "$a") <(echo "$b") | head -20 >&2; die "工作簿内容不同：$1 与 $2"; }
}
# Runs the same screen with both builds in folder $1, each writing 结果.xlsx and 结果.jsonl (the
# workbook records its command line), then kept as linux.* and windows.*.
both() {
    local dir=$1 code_l code_w
    shift
    (cd "$dir" && "$LINUX" "$@" -o 结果.xlsx --jsonl 结果.jsonl -q) && code_l=0 || code_l=$?
    mv "$dir/结果.xlsx" "$dir/linux.xlsx" && mv "$dir/结果.jsonl" "$dir/linux.jsonl"
    (cd "$dir" && win "$@" -o 结果.xlsx --jsonl 结果.jsonl -q) && code_w=0 || code_w=$?
    mv "$dir/结果.xlsx" "$dir/windows.xlsx" && mv "$dir/结果.jsonl" "$dir/windows.jsonl"
    [ "$code_l" = "$code_w" ] || die "$dir：退出码不同（Linux $code_l，Windows $code_w）：$*"
    [ "$code_l" -le 4 ] || die "$dir：筛选失败（退出码 $code_l）：$*"
    same_jsonl "$dir/linux.jsonl" "$dir/windows.jsonl"
    same_sheets "$dir/linux.xlsx" "$dir/windows.xlsx"
}

T=$WORK/test
mkdir -p "$T"

say "测试 1：示例名册"
mkdir -p "$T/sample"
cp -r sample_data "$T/sample/"
for roster in sample_data/*; do
    both "$T/sample" screen "sample_data/$(basename "$roster")" --as-of 2025-12-31
done

say "测试 2：一整个文件夹的报送（文件夹名含中文和空格）"
mkdir -p "$T/batch"
cp -r tests/data/batch "$T/batch/各单位 报送"
both "$T/batch" screen "各单位 报送" --as-of 2025-12-31 --map 从业工种=occupation

say "测试 3：按单位拆分，文件名以单位命名"
for build in linux windows; do
    mkdir -p "$T/split/$build"
    cp -r tests/data/batch "$T/split/$build/各单位 报送"
done
(cd "$T/split/linux" && "$LINUX" screen "各单位 报送" --as-of 2025-12-31 -o 总表.xlsx --split-by 单位 --split-dir 拆分 -q) ||
    die "Linux 版拆分失败"
(cd "$T/split/windows" && win screen "各单位 报送" --as-of 2025-12-31 -o 总表.xlsx --split-by 单位 --split-dir 拆分 -q) ||
    die "Windows 版拆分失败"
same_sheets "$T/split/linux/总表.xlsx" "$T/split/windows/总表.xlsx"
linux_parts=$(cd "$T/split/linux/拆分" && ls | sort)
windows_parts=$(cd "$T/split/windows/拆分" && ls | sort)
[ "$linux_parts" = "$windows_parts" ] || die "拆分出的文件名不同：$linux_parts ≠ $windows_parts"
[ -n "$linux_parts" ] || die "没有拆分出任何文件"
while IFS= read -r part; do
    same_sheets "$T/split/linux/拆分/$part" "$T/split/windows/拆分/$part"
done <<<"$linux_parts"

say "测试 3b：单位名中有 Windows 文件名不允许的字符、设备名、过长的名字"
for build in linux windows; do
    mkdir -p "$T/names/$build"
    python3 - "$T/names/$build/名册.csv" <<'PY'
import sys
long = "鞍山" * 75
names = ["鞍钢/炼钢:总厂", "A*B?<C>|D", "con", "末尾点.", "COM3", "鞍钢_炼钢_总厂", long, "引号\"单位\""]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("姓名,单位,技能等级,技能等级取得时间\n")
    for i, n in enumerate(names):
        q = '"' + n.replace('"', '""') + '"'
        f.write(f"职工{i},{q},技师,2018-03-01\n")
PY
done
(cd "$T/names/linux" && "$LINUX" screen 名册.csv --as-of 2025-12-31 -o 总表.xlsx --split-by 单位 --split-dir 拆分 -q) ||
    die "Linux 版按单位拆分（特殊单位名）失败"
(cd "$T/names/windows" && win screen 名册.csv --as-of 2025-12-31 -o 总表.xlsx --split-by 单位 --split-dir 拆分 -q) ||
    die "Windows 版按单位拆分（特殊单位名）失败"
linux_parts=$(cd "$T/names/linux/拆分" && ls | sort)
windows_parts=$(cd "$T/names/windows/拆分" && ls | sort)
[ "$linux_parts" = "$windows_parts" ] || die "拆分出的文件名不同：$linux_parts ≠ $windows_parts"
[ "$(wc -l <<<"$windows_parts")" -eq 8 ] || die "没有为每个单位写出一个工作簿：$windows_parts"
same_sheets "$T/names/linux/总表.xlsx" "$T/names/windows/总表.xlsx"

say "测试 4：超过 260 个字符的路径"
deep=$T/long
for i in 1 2 3 4 5 6 7 8; do
    deep=$deep/第${i}层文件夹的名字比较长一些以便超过旧版Windows的路径长度限制
done
mkdir -p "$deep"
cp sample_data/花名册_2025.xlsx "$deep/"
rel=${deep#"$T/long/"}
# Counted in characters, as Windows counts (winepath itself stops at 260).
chars=$(printf 'Z:%s' "$deep/花名册_2025.xlsx" | python3 -c 'import sys; print(len(sys.stdin.read()))')
[ "$chars" -gt 300 ] || die "测试路径不够长（$chars 个字符）"
both "$T/long" screen "$rel/花名册_2025.xlsx" --as-of 2025-12-31
(cd "$T/long" && win screen "$rel/花名册_2025.xlsx" --as-of 2025-12-31 -o "$rel/结果.xlsx" --jsonl "$rel/结果.jsonl" -q) ||
    die "Windows 版无法写到超过 260 个字符的路径"
same_jsonl "$T/long/windows.jsonl" "$deep/结果.jsonl"

say "测试 5：把文件夹拖到 guantong.exe 上"
mkdir -p "$T/drop/linux" "$T/drop/windows"
cp -r tests/data/batch "$T/drop/linux/各单位 报送"
cp -r tests/data/batch "$T/drop/windows/各单位 报送"
"$LINUX" "$T/drop/linux/各单位 报送" >/dev/null 2>&1 || die "Linux 版拖放筛选失败"
win "$(winpath "$T/drop/windows/各单位 报送")" >"$T/drop/windows.out" 2>&1 || die "Windows 版拖放筛选失败：$(cat "$T/drop/windows.out")"
dated=筛选结果_$(date +%Y%m%d)
[ -f "$T/drop/windows/$dated.xlsx" ] || die "拖放后没有写出 $dated.xlsx：$(ls "$T/drop/windows")"
# The JSONL names each file by its absolute path here: /…/linux/… and Z:\…\windows\….
sed "s#$T/drop/linux#DROP#g" "$T/drop/linux/$dated.jsonl" >"$T/drop/linux.jsonl"
sed 's/\\\\/\//g' "$T/drop/windows/$dated.jsonl" | sed "s#Z:$T/drop/windows#DROP#g" >"$T/drop/windows.jsonl"
same_jsonl "$T/drop/linux.jsonl" "$T/drop/windows.jsonl"
grep -q "工作簿：" "$T/drop/windows.out" || die "拖放后没有显示汇总：$(cat "$T/drop/windows.out")"

say "测试 6：花名册模板"
year=$(date +%Y)
(cd "$T" && "$LINUX" template -o 模板-linux.xlsx --year "$year" && win template -o 模板-windows.xlsx --year "$year") ||
    die "模板无法生成"
same_sheets "$T/模板-linux.xlsx" "$T/模板-windows.xlsx"

say "测试 7：双击（没有参数）时启动页面服务；在 cmd 中不带参数时显示帮助"
# A terminal for the exe's input (script), as the console window opened for a double-click would be;
# its input stays open (sleep) while the page is fetched.
dbl=$T/dblclick.out
timeout 120 script -qfec "wine '$EXE'" /dev/null < <(sleep 110) >"$dbl" 2>&1 &
dbl_pid=$!
url=
for _ in $(seq 600); do
    url=$(grep -ao 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$dbl" | head -1) && [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { kill "$dbl_pid" 2>/dev/null; die "双击时没有启动页面服务：$(cat "$dbl")"; }
grep -aq "按 Ctrl+C 停止" "$dbl" || die "双击时没有说明怎样停止：$(cat "$dbl")"
base=${url%%/\?token=*}
token=${url##*token=}
page=$(curl -s -o /dev/null -w '%{http_code}' "$url") || page=none
task=$(curl -s -X POST -H "X-Guantong-Token: $token" "$base/api/tasks") || task=none
refused=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/tasks") || refused=none
kill "$dbl_pid" 2>/dev/null || true
wineserver -k 2>/dev/null || true
wait "$dbl_pid" 2>/dev/null || true
[ "$page" = 200 ] || die "双击后取得页面失败（HTTP $page）"
grep -q '"id"' <<<"$task" || die "双击后带令牌的请求失败：$task"
[ "$refused" = 403 ] || die "双击后不带令牌的请求没有被拒绝（HTTP $refused）"
# Typed in cmd with nothing (input not a console of its own): the help, and no wait for Enter.
code=0
typed=$(win 2>&1) || code=$?
[ "$code" -eq 2 ] || die "在 cmd 中不带参数时应以退出码 2 结束，实际 $code"
grep -q "guantong serve" <<<"$typed" || die "不带参数时的帮助没有说明 guantong serve：$typed"
if grep -q "按回车键关闭本窗口" <<<"$typed"; then die "在 cmd 中不带参数时不应等按回车键"; fi

say "打包"
STAGE=$WORK/stage/guantong-$VERSION-windows-x64
mkdir -p "$STAGE"
cp "$EXE" "$STAGE/guantong.exe"
cp -r sample_data "$STAGE/"
cp "$T/模板-windows.xlsx" "$STAGE/花名册模板.xlsx"
# Notepad on older Windows reads UTF-8 only with a BOM, and wants CRLF.
printf '\xef\xbb\xbf' >"$STAGE/使用说明.txt"
sed "1s/\$/ $VERSION/; s/\$/\r/" scripts/windows/使用说明.txt >>"$STAGE/使用说明.txt"
mkdir -p dist
ZIP=$ROOT/dist/guantong-$VERSION-windows-x64.zip
python3 - "$STAGE" "$ZIP.tmp" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
base = os.path.dirname(stage)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for folder, dirs, files in os.walk(stage):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, base))
PY
mv "$ZIP.tmp" "$ZIP"

took=$(($(date +%s) - started))
size() { stat -c %s "$1" | awk '{printf "%.1f MB", $1 / 1048576}'; }
say "完成"
printf '%s\n' "$ZIP（$(size "$ZIP")）" \
    "guantong.exe $(size "$EXE")；Linux 版 $(size "$LINUX")；用时 $((took / 60)) 分 $((took % 60)) 秒；wine 中的 8 项测试全部通过"
