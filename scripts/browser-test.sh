#!/usr/bin/env bash
# The page of `guantong serve` in a real browser: Debian's Chromium, headless, driven by
# playwright-core (scripts/browser/serve.mjs). Uploads sample_data/花名册_2025.xlsx, screens it,
# downloads the workbook, checks that it is an xlsx with the sheet 筛选结果, and saves
# docs/serve-start.png and docs/serve-done.png — look at them.
#
#   scripts/browser-test.sh
#
# Installs what it needs (chromium and fonts-noto-cjk from Debian, playwright-core from npm into
# scripts/browser/node_modules). Not part of .ci/run: CI has neither Chromium nor the fonts.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf '失败：%s\n' "$*" >&2; exit 1; }

apt_install() {
    local sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

say "工具：Chromium、中文字体、playwright-core"
[ -x /usr/bin/chromium ] || apt_install chromium
# Without a CJK font the screenshots show boxes for every Chinese character.
fc-list :lang=zh 2>/dev/null | grep -q . || apt_install fonts-noto-cjk
(cd scripts/browser && npm ci --no-audit --no-fund --silent)

say "编译：release 版"
cargo build --release --locked --bin guantong
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/guantong

WORK=$(mktemp -d)
SERVER=
cleanup() {
    # Ctrl+C, as a person would stop it: the server removes its temporary folder.
    if [ -n "$SERVER" ]; then
        kill -INT "$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

say "启动 guantong serve --no-browser"
mkdir -p "$WORK/tmp"
TMPDIR=$WORK/tmp "$BIN" serve --no-browser >"$WORK/serve.out" 2>&1 &
SERVER=$!
for _ in $(seq 50); do
    grep -q 'token=' "$WORK/serve.out" && break
    sleep 0.1
done
URL=$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$WORK/serve.out") || die "没有显示地址：$(cat "$WORK/serve.out")"

say "浏览器：上传示例名册、筛选、下载"
mkdir -p docs
node scripts/browser/serve.mjs "$URL" "$ROOT/sample_data/花名册_2025.xlsx" "$WORK/筛选结果.xlsx" "$ROOT/docs"

say "检查下载的工作簿"
python3 - "$WORK/筛选结果.xlsx" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    book = z.read("xl/workbook.xml").decode("utf-8")
names = re.findall(r'<sheet [^>]*name="([^"]+)"', book)
assert "筛选结果" in names, names
print("工作簿的工作表：" + "、".join(names))
PY

say "Ctrl+C：服务停止，临时文件夹删除"
kill -INT "$SERVER"
wait "$SERVER" || die "guantong serve 没有正常停止"
SERVER=
left=$(ls -A "$WORK/tmp")
[ -z "$left" ] || die "停止后临时文件夹仍在：$left"
say "完成：截图 docs/serve-start.png、docs/serve-done.png"
