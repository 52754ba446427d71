#!/usr/bin/env bash
# Renders a workbook as it prints: LibreOffice (headless) → PDF → one PNG per page.
#
#   scripts/render.sh [WORKBOOK.xlsx] [OUT_DIR]
#
# Without a workbook, screens sample_data/花名册_2025.xlsx first (release build). Installs
# LibreOffice Calc, poppler-utils and a CJK font with apt-get when they are missing (Debian/Ubuntu;
# elsewhere install them by hand). Prints the PDF's page count and where the pages are; open the
# PNGs to look at every sheet as printed.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${2:-target/render}
mkdir -p "$OUT"

need=()
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "cjk\|noto sans sc\|wqy" || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
    echo "installing ${need[*]}" >&2
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >&2
fi

BOOK=${1:-}
if [ -z "$BOOK" ]; then
    cargo build --release -q
    BOOK=$OUT/sample.xlsx
    target/release/guantong screen sample_data/花名册_2025.xlsx --as-of 2025-12-31 -o "$BOOK" -q
fi

name=$(basename "$BOOK" .xlsx)
# A profile of its own, so a LibreOffice already open (or a stale lock) does not take the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$OUT" "$BOOK" >&2
pdf=$OUT/$name.pdf
rm -f "$OUT/$name"-page-*.png
pdftoppm -png -r 60 "$pdf" "$OUT/$name-page"
pages=$(ls "$OUT/$name"-page-*.png | wc -l)
echo "$pdf: $pages pages; PNGs in $OUT/$name-page-*.png"
