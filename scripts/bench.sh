#!/usr/bin/env bash
# Benchmarks guantong against its I/O floor and a pandas peer, and writes BENCHMARKS.md (keeping
# the notes written by hand below its marker line).
#
#   scripts/bench.sh                       # 10k, 200k and 1M rows, xlsx and csv
#   SIZES="10000 200000" scripts/bench.sh  # a quicker pass
#
# Environment (all optional):
#   SIZES        row counts                                  (default "10000 200000 1000000")
#   RUNS         runs per measurement, the median is kept    (default 3)
#   REPEAT_LIMIT a measurement whose first run takes longer than this many seconds is run once
#                (default 150; the table marks such cells)
#   PEER_SIZE    the size the pandas peer is run at           (default 200000; "" to skip it)
#   SST_SIZE     the size also measured with an xlsx whose text is in a shared-string table, as
#                Excel and WPS save it                        (default 200000; "" to skip it)
#   SMALL_FILES  a folder of this many 5-row xlsx submissions, screened with each workbook read
#                in a child process (the default) and in-process, to price the isolation
#                                                             (default 2000; "" to skip it)
#   SPLIT        "ROWS EMPLOYERS": a roster of ROWS rows over EMPLOYERS employers, screened with
#                and without --split-by 单位 (default "1000000 500"; "" to skip it)
#   SEED         generator seed                               (default 1)
#   ZIP          the zip level of the floor, guantong's default (default 2; see --zip-level)
#   AS_OF        evaluation date                              (default 2025-12-31)
#   BENCH_DIR    where rosters and outputs go                 (default target/bench, not committed)
#   OUT          the report                                   (default BENCHMARKS.md)
#
# Everything is measured with /usr/bin/time -v (wall clock and peak RSS) on a warm page cache: the
# rosters are generated just before, so they are in memory, as they are on a second run by a user.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 200000 1000000"}
RUNS=${RUNS:-3}
REPEAT_LIMIT=${REPEAT_LIMIT:-150}
PEER_SIZE=${PEER_SIZE-200000}
SST_SIZE=${SST_SIZE-200000}
SMALL_FILES=${SMALL_FILES-2000}
SPLIT=${SPLIT-"1000000 500"}
SEED=${SEED:-1}
ZIP=${ZIP:-2}
AS_OF=${AS_OF:-2025-12-31}
BENCH_DIR=${BENCH_DIR:-target/bench}
OUT=${OUT:-BENCHMARKS.md}
COMMAND_LINE="scripts/bench.sh"
for v in SIZES RUNS REPEAT_LIMIT PEER_SIZE SST_SIZE SMALL_FILES SPLIT SEED ZIP; do
    # Record the non-default settings in the report's command line.
    case "$v" in
        SIZES) [ "$SIZES" = "10000 200000 1000000" ] || COMMAND_LINE="SIZES=\"$SIZES\" $COMMAND_LINE" ;;
        RUNS) [ "$RUNS" = 3 ] || COMMAND_LINE="RUNS=$RUNS $COMMAND_LINE" ;;
        REPEAT_LIMIT) [ "$REPEAT_LIMIT" = 150 ] || COMMAND_LINE="REPEAT_LIMIT=$REPEAT_LIMIT $COMMAND_LINE" ;;
        PEER_SIZE) [ "$PEER_SIZE" = 200000 ] || COMMAND_LINE="PEER_SIZE=\"$PEER_SIZE\" $COMMAND_LINE" ;;
        SST_SIZE) [ "$SST_SIZE" = 200000 ] || COMMAND_LINE="SST_SIZE=\"$SST_SIZE\" $COMMAND_LINE" ;;
        SMALL_FILES) [ "$SMALL_FILES" = 2000 ] || COMMAND_LINE="SMALL_FILES=\"$SMALL_FILES\" $COMMAND_LINE" ;;
        SPLIT) [ "$SPLIT" = "1000000 500" ] || COMMAND_LINE="SPLIT=\"$SPLIT\" $COMMAND_LINE" ;;
        SEED) [ "$SEED" = 1 ] || COMMAND_LINE="SEED=$SEED $COMMAND_LINE" ;;
        ZIP) [ "$ZIP" = 2 ] || COMMAND_LINE="ZIP=$ZIP $COMMAND_LINE" ;;
    esac
done

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
apt_updated=
apt_install() {
    if [ -z "$apt_updated" ]; then apt-get update -qq >&2; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}
[ -x /usr/bin/time ] || apt_install time
command -v hyperfine >/dev/null || apt_install hyperfine || log "hyperfine not available: its column is left out"
if [ -n "$PEER_SIZE" ] && ! python3 -c 'import pandas, openpyxl' 2>/dev/null; then
    python3 -m pip install --quiet pandas openpyxl >&2
fi

# --- build -------------------------------------------------------------------------------------
log "cargo build --release --examples --bins"
cargo build --release --examples --bins >&2
BIN=target/release
GEN=$BIN/examples/gen_roster
FLOOR=$BIN/examples/floor
EVAL=$BIN/examples/eval_only
GUANTONG=$BIN/guantong

mkdir -p "$BENCH_DIR"
RESULTS=$BENCH_DIR/results.tsv
: >"$RESULTS"
printf 'label\trows\tformat\trun\twall_s\tmax_rss_kb\tuser_s\tsys_s\tload1\tstatus\toutput_bytes\n' >"$RESULTS"

short() { # 10000 -> 10k, 1000000 -> 1M
    local n=$1
    if [ $((n % 1000000)) -eq 0 ]; then echo "$((n / 1000000))M"
    elif [ $((n % 1000)) -eq 0 ]; then echo "$((n / 1000))k"
    else echo "$n"; fi
}

# measure LABEL ROWS FORMAT OUTPUT_FILES -- CMD...
# Runs CMD under /usr/bin/time -v up to $RUNS times (once if the first run exceeds REPEAT_LIMIT)
# and appends one line per run to $RESULTS.
measure() {
    local label=$1 rows=$2 format=$3 outputs=$4
    shift 5
    local runs=$RUNS i tf="$BENCH_DIR/time.txt" lg="$BENCH_DIR/last.log"
    for ((i = 1; i <= runs; i++)); do
        local load status=0
        load=$(cut -d' ' -f1 /proc/loadavg)
        /usr/bin/time -v -o "$tf" "$@" >"$lg" 2>&1 || status=$?
        # check's 5 says errors are left in the roster: a finished run.
        if [ "$label" = check ] && [ "$status" = 5 ]; then status=0; fi
        local wall rss user sys bytes f
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tf")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf")
        user=$(awk -F': ' '/User time/ {print $2}' "$tf")
        sys=$(awk -F': ' '/System time/ {print $2}' "$tf")
        bytes=$(for f in $outputs; do if [ -f "$f" ]; then stat -c %s "$f"; else echo 0; fi; done | paste -sd/)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
            "$label" "$rows" "$format" "$i" "$wall" "$rss" "$user" "$sys" "$load" "$status" "$bytes" >>"$RESULTS"
        log "$label $(short "$rows") $format run $i: ${wall}s, $((rss / 1024)) MiB, exit $status"
        if [ "$status" != 0 ]; then
            log "failed; its output:"; tail -5 "$lg" >&2
            break
        fi
        if [ "$i" = 1 ] && awk -v w="$wall" -v l="$REPEAT_LIMIT" 'BEGIN {exit !(w > l)}'; then
            runs=1
        fi
    done
}

# --- rosters -----------------------------------------------------------------------------------
# roster FORMAT ROWS: the path of a roster; FORMAT is xlsx, csv or sst (xlsx with shared strings).
roster() {
    case "$1" in
        sst) echo "$BENCH_DIR/roster_$(short "$2")_sst.xlsx" ;;
        *) echo "$BENCH_DIR/roster_$(short "$2").$1" ;;
    esac
}
formats() { # the formats measured at ROWS
    if [ "$1" = "$SST_SIZE" ]; then echo "xlsx sst csv"; else echo "xlsx csv"; fi
}
for n in $SIZES; do
    for fmt in $(formats "$n"); do
        f=$(roster "$fmt" "$n")
        log "generating $f"
        case "$fmt" in
            sst) "$GEN" --rows "$n" --seed "$SEED" --format xlsx --shared-strings -o "$f" ;;
            *) "$GEN" --rows "$n" --seed "$SEED" --format "$fmt" -o "$f" ;;
        esac
    done
done

# --- measurements ------------------------------------------------------------------------------
HYPERFINE=$BENCH_DIR/hyperfine.tsv
: >"$HYPERFINE"
PHASES=$BENCH_DIR/phases.tsv
: >"$PHASES"
for n in $SIZES; do
    s=$(short "$n")
    for fmt in $(formats "$n"); do
        in=$(roster "$fmt" "$n")
        fo="$BENCH_DIR/floor_${s}_$fmt.xlsx"
        go="$BENCH_DIR/guantong_${s}_$fmt.xlsx"
        gj="$BENCH_DIR/guantong_${s}_$fmt.jsonl"
        # The floor writes plain cells without a format and zips at guantong's level: what an
        # implementation cannot avoid. floor_default keeps rust_xlsxwriter's defaults (a format on
        # every cell, zip level 6), as in earlier reports.
        measure floor "$n" "$fmt" "$fo" -- "$FLOOR" "$in" -o "$fo" --plain --zip-level "$ZIP"
        measure floor_default "$n" "$fmt" "$fo" -- "$FLOOR" "$in" -o "$fo"
        # Not -q: the last line says where the time went (reading, screening and writing, saving).
        measure guantong "$n" "$fmt" "$go $gj" -- "$GUANTONG" screen "$in" --as-of "$AS_OF" -o "$go" --jsonl "$gj" --zip-level "$ZIP"
        printf '%s\t%s\t%s\n' "$n" "$fmt" "$(grep '用时' "$BENCH_DIR/last.log" | tail -1)" >>"$PHASES"
        # check: reading and normalizing only, its workbook of 检查结果, 数据问题 and the roster.
        co="$BENCH_DIR/check_${s}_$fmt.xlsx"
        measure check "$n" "$fmt" "$co" -- "$GUANTONG" check "$in" --as-of "$AS_OF" -o "$co" -q
        # compare: the same policy a year later (who qualifies by next year's screening), every
        # row screened twice in one pass; its workbook lists those whose outcome differs.
        mo="$BENCH_DIR/compare_${s}_$fmt.xlsx"
        mj="$BENCH_DIR/compare_${s}_$fmt.jsonl"
        measure compare "$n" "$fmt" "$mo $mj" -- "$GUANTONG" compare "$in" --as-of "$AS_OF" --against-as-of "$(( ${AS_OF%%-*} + 1 ))-${AS_OF#*-}" -o "$mo" --jsonl "$mj" -q
        if [ "$n" = "$PEER_SIZE" ] && [ "$fmt" != sst ]; then
            po="$BENCH_DIR/peer_${s}_$fmt.xlsx"
            measure peer "$n" "$fmt" "$po" -- python3 scripts/peer_pandas.py "$in" --as-of "$AS_OF" -o "$po"
        fi
        # Short runs are noisy: hyperfine adds a mean and standard deviation over 10 runs.
        if [ "$n" -le 10000 ] && command -v hyperfine >/dev/null; then
            hf="$BENCH_DIR/hyperfine_${s}_$fmt.json"
            hyperfine --style none --warmup 1 --runs 10 --export-json "$hf" \
                -n floor "$FLOOR $in -o $fo --plain --zip-level $ZIP" \
                -n guantong "$GUANTONG screen $in --as-of $AS_OF -o $go --jsonl $gj -q" >&2
            printf '%s\t%s\t%s\n' "$n" "$fmt" "$hf" >>"$HYPERFINE"
        fi
    done
done

# The price of reading each workbook in a child process (src/read/worker.rs): the largest xlsx,
# and a folder of many small submissions, each also read in-process (--read-in-process, hidden).
largest=$(for n in $SIZES; do echo "$n"; done | sort -n | tail -1)
in=$(roster xlsx "$largest")
go="$BENCH_DIR/in_process_$(short "$largest").xlsx"
gj="$BENCH_DIR/in_process_$(short "$largest").jsonl"
measure in_process "$largest" xlsx "$go $gj" -- "$GUANTONG" screen "$in" --as-of "$AS_OF" -o "$go" --jsonl "$gj" --zip-level "$ZIP" --read-in-process
if [ -n "$SMALL_FILES" ]; then
    sd="$BENCH_DIR/small_$SMALL_FILES"
    if [ "$(find "$sd" -name '*.xlsx' 2>/dev/null | wc -l)" != "$SMALL_FILES" ]; then
        log "generating $SMALL_FILES small rosters in $sd"
        rm -rf "$sd" && mkdir -p "$sd"
        for ((i = 1; i <= SMALL_FILES; i++)); do
            "$GEN" --rows 5 --seed "$i" --format xlsx -o "$sd/$(printf 'r%05d' "$i").xlsx"
        done
    fi
    so="$BENCH_DIR/small.xlsx"
    sj="$BENCH_DIR/small.jsonl"
    measure isolated "$SMALL_FILES" files "$so $sj" -- "$GUANTONG" screen "$sd" --as-of "$AS_OF" -o "$so" --jsonl "$sj" -q
    measure in_process "$SMALL_FILES" files "$so $sj" -- "$GUANTONG" screen "$sd" --as-of "$AS_OF" -o "$so" --jsonl "$sj" -q --read-in-process
fi

# --split-by 单位 at bureau scale: the same roster with and without the split, alternated.
if [ -n "$SPLIT" ]; then
    read -r split_rows split_employers <<<"$SPLIT"
    sp="$BENCH_DIR/split_$(short "$split_rows")_${split_employers}.xlsx"
    if [ ! -f "$sp" ]; then
        log "generating $sp"
        "$GEN" --rows "$split_rows" --seed "$SEED" --employers "$split_employers" --format xlsx -o "$sp"
    fi
    so="$BENCH_DIR/split_whole.xlsx"
    sdir="$BENCH_DIR/split_parts"
    for ((i = 1; i <= RUNS; i++)); do
        RUNS=1 measure unsplit "$split_rows" split "$so" -- "$GUANTONG" screen "$sp" --as-of "$AS_OF" -o "$so" -q
        rm -rf "$sdir"
        RUNS=1 measure split "$split_rows" split "$so" -- "$GUANTONG" screen "$sp" --as-of "$AS_OF" -o "$so" -q --split-by 单位 --split-dir "$sdir"
        printf '%s\n' "$(find "$sdir" -name '*.xlsx' | wc -l)" >"$BENCH_DIR/split_files.txt"
    done
fi

# Evaluation alone, on the largest CSV.
EVAL_OUT=$BENCH_DIR/eval_only.txt
log "eval_only on $(short "$largest") rows"
"$EVAL" "$BENCH_DIR/roster_$(short "$largest").csv" --as-of "$AS_OF" --repeat 3 | tee "$EVAL_OUT" >&2

# --- report ------------------------------------------------------------------------------------
log "writing $OUT"
python3 - "$RESULTS" "$EVAL_OUT" "$HYPERFINE" "$OUT" "$COMMAND_LINE" "$RUNS" "$REPEAT_LIMIT" "$SEED" "$AS_OF" "$BENCH_DIR" "$PHASES" "$ZIP" "$SPLIT" <<'PY'
import csv, datetime, json, os, platform, re, statistics, subprocess, sys

results, eval_out, hyperfine, out, command, runs, limit, seed, as_of, bench_dir, phases, zip_level, split = sys.argv[1:]
rows = list(csv.DictReader(open(results), delimiter="\t"))

def short(n):
    n = int(n)
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)

cells = {}
for r in rows:
    cells.setdefault((r["label"], int(r["rows"]), r["format"]), []).append(r)

def stat(label, n, fmt):
    rs = cells.get((label, n, fmt))
    if not rs:
        return None
    ok = [r for r in rs if r["status"] == "0"]
    if not ok:
        return {"failed": True, "status": rs[-1]["status"]}
    return {
        "failed": False,
        "wall": statistics.median(float(r["wall_s"]) for r in ok),
        "rss": statistics.median(int(r["max_rss_kb"]) for r in ok) / 1024,
        "cpu": statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in ok),
        "runs": len(ok),
        "load": max(float(r["load1"]) for r in rs),
        "bytes": [int(b) for b in ok[-1]["output_bytes"].split("/")],
        "walls": [float(r["wall_s"]) for r in ok],
    }

def fmt_time(s):
    if s is None:
        return "–"
    if s["failed"]:
        return f"failed (exit {s['status']})"
    mark = "" if s["runs"] >= int(runs) else f" ({s['runs']} run)" if s["runs"] == 1 else f" ({s['runs']} runs)"
    return f"{s['wall']:.2f} s{mark}"

def fmt_mem(s):
    if s is None or s["failed"]:
        return "–"
    return f"{s['rss']:.0f} MiB" if s["rss"] < 1024 else f"{s['rss'] / 1024:.2f} GiB"

def ratio(a, b):
    if not a or not b or a["failed"] or b["failed"]:
        return None
    return a["wall"] / b["wall"]

def fmt_ratio(x):
    return "–" if x is None else f"{x:.2f}×"

sizes = sorted({int(r["rows"]) for r in rows if r["format"] not in ("files", "split")})
cpu = "unknown"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
mem_kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
nproc = os.cpu_count()
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "status", "--porcelain", "src"], capture_output=True, text=True).stdout.strip()
max_load = max((float(r["load1"]) for r in rows), default=0.0)

L = []
L.append("# Benchmarks")
L.append("")
L.append(f"Generated by `{command}` on {datetime.date.today().isoformat()} (commit {commit}"
         + (", with uncommitted changes under src/" if dirty else "") + ").")
L.append("")
L.append("## Machine")
L.append("")
L.append(f"- CPU: {cpu}, {nproc} cores (`nproc`)")
L.append(f"- Memory: {mem_kb / 1024 / 1024:.1f} GiB")
L.append(f"- OS: {platform.system()} {platform.release()}; {rustc}")
L.append(f"- Highest 1-minute load average seen at the start of a measurement: {max_load:.2f}"
         " (anything near or above the core count means another process competed for the CPU)")
L.append("")
L.append("## What is measured")
L.append("")
L.append(f"Rosters from `cargo run --release --example gen_roster -- --rows N --seed {seed} --format xlsx|csv`"
         " (24 columns as in tests/data/core.xlsx, a title row above the header; see the example's doc"
         " comment), in `" + bench_dir + "/`. Their xlsx text is inline (rust_xlsxwriter's constant-memory"
         " mode); the rows marked *shared strings* add `--shared-strings`, the shared-string table Excel"
         " and WPS write. Each cell of the table is the median of "
         f"{runs} runs under `/usr/bin/time -v` (wall clock and maximum resident set size), on a warm page"
         f" cache; a measurement whose first run took longer than {limit} s was run once and says so.")
L.append("")
L.append(f"- **floor** — `target/release/examples/floor ROSTER -o OUT.xlsx --plain --zip-level {zip_level}`: reads the"
         " roster (calamine's streaming `worksheet_cells_reader` for xlsx; polars, all columns String, for"
         " CSV) and writes the 筛选结果 table (input columns + the 19 result columns, filled with texts of"
         " guantong's lengths and fill rates) with rust_xlsxwriter in constant-memory mode, plain cells"
         f" without a format, zipped at guantong's level ({zip_level}). No evaluation, no JSONL, no lists,"
         " 数据问题 or 政策依据 sheets: the I/O no implementation can avoid. The targets are measured"
         " against it. **floor (defaults)** is the same program with rust_xlsxwriter's defaults — a"
         " format on every cell and zip level 6 — the floor of earlier reports.")
L.append(f"- **guantong** — `target/release/guantong screen ROSTER --as-of {as_of} -o OUT.xlsx --jsonl OUT.jsonl --zip-level {zip_level}`:"
         " the full workbook (筛选结果, the pathway lists, 待核实, 汇总, 数据问题, 政策依据) and the JSONL.")
L.append(f"- **peer** — `python3 scripts/peer_pandas.py ROSTER --as-of {as_of} -o OUT.xlsx`: pandas +"
         " openpyxl, simple rules, one sheet.")
L.append("")
L.append("## Results")
L.append("")
L.append("| rows | format | floor wall | floor peak | floor (defaults) wall | guantong wall | guantong peak | guantong CPU (user+sys) | guantong / floor | guantong / floor (defaults) | peer wall | peer peak | peer / guantong |")
L.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
FORMATS = ("xlsx", "sst", "csv")
FORMAT_NAMES = {"xlsx": "xlsx", "sst": "xlsx, shared strings", "csv": "csv", "files": "small xlsx files", "split": "xlsx over many employers"}
for n in sizes:
    for fmt in FORMATS:
        f, g, p = stat("floor", n, fmt), stat("guantong", n, fmt), stat("peer", n, fmt)
        fd = stat("floor_default", n, fmt)
        if not (f or g or p):
            continue
        cpu_s = "–" if not g or g["failed"] else f"{g['cpu']:.2f} s"
        L.append(f"| {short(n)} | {FORMAT_NAMES[fmt]} | {fmt_time(f)} | {fmt_mem(f)} | {fmt_time(fd)} | {fmt_time(g)} | {fmt_mem(g)} | {cpu_s} | "
                 f"{fmt_ratio(ratio(g, f))} | {fmt_ratio(ratio(g, fd))} | {fmt_time(p)} | {fmt_mem(p)} | {fmt_ratio(ratio(p, g))} |")
L.append("")
L.append("Output sizes (last run): " + "; ".join(
    f"{short(n)} {FORMAT_NAMES[fmt]}: floor {stat('floor', n, fmt)['bytes'][0] / 1e6:.1f} MB, guantong xlsx {stat('guantong', n, fmt)['bytes'][0] / 1e6:.1f} MB + jsonl {stat('guantong', n, fmt)['bytes'][1] / 1e6:.1f} MB"
    for n in sizes for fmt in FORMATS
    if stat("floor", n, fmt) and stat("guantong", n, fmt) and not stat("floor", n, fmt)["failed"] and not stat("guantong", n, fmt)["failed"]) + ".")
L.append("")
L.append("Every run (wall seconds): " + "; ".join(
    f"{label} {short(n)} {FORMAT_NAMES[fmt]}: " + ", ".join(f"{w:.2f}" for w in s["walls"])
    for (label, n, fmt) in sorted(cells, key=lambda k: (k[1], k[2], k[0]))
    for s in [stat(label, n, fmt)] if s and not s["failed"]) + ".")

phase_lines = [l.split("\t") for l in open(phases).read().splitlines() if l.strip()] if os.path.exists(phases) else []
if phase_lines:
    L.append("")
    L.append("Where guantong's time went (its own last line, last run of each): "
             + "; ".join(f"{short(n)} {FORMAT_NAMES[fmt]}: {line}" for n, fmt, line in phase_lines) + ".")

hf_lines = [l.split("\t") for l in open(hyperfine).read().splitlines() if l.strip()] if os.path.exists(hyperfine) else []
if hf_lines:
    L.append("")
    L.append("hyperfine (10 runs after 1 warm-up), for the short runs where /usr/bin/time's 10 ms resolution and noise matter:")
    L.append("")
    for n, fmt, path in hf_lines:
        data = json.load(open(path))
        parts = [f"{r['command']} {r['mean']:.3f} ± {r['stddev']:.3f} s" for r in data["results"]]
        L.append(f"- {short(n)} {fmt}: " + "; ".join(parts))

iso_lines = []
for (n, fmt, what) in [(max(sizes), "xlsx", f"{short(max(sizes))}-row xlsx"),
                       *[(n, "files", f"{n:,} files of 5 rows") for (label, n, fmt) in cells if label == "isolated"]]:
    child = stat("guantong" if fmt == "xlsx" else "isolated", n, fmt)
    alone = stat("in_process", n, fmt)
    if child and alone:
        iso_lines.append(f"| {what} | {fmt_time(child)} | {fmt_mem(child)} | {fmt_time(alone)} | {fmt_mem(alone)} | {fmt_ratio(ratio(child, alone))} |")
if iso_lines:
    L.append("")
    L.append("## Reading each workbook in a child process")
    L.append("")
    L.append("Workbooks are read in a child process of the same binary (src/read/worker.rs) so that a file that"
             " makes a reading library abort, spin or allocate without bound costs only that file. The same"
             " runs with `--read-in-process` (hidden, for this measurement) price it. The peak is the parent's;"
             " the child's is not counted by `/usr/bin/time`.")
    L.append("")
    L.append("| input | in a child: wall | peak | in-process: wall | peak | child / in-process |")
    L.append("|---|---:|---:|---:|---:|---:|")
    L.extend(iso_lines)

check_lines = []
for n in sizes:
    for fmt in FORMATS:
        c, g = stat("check", n, fmt), stat("guantong", n, fmt)
        if c:
            check_lines.append(f"| {short(n)} | {FORMAT_NAMES[fmt]} | {fmt_time(c)} | {fmt_mem(c)} | {fmt_time(g)} | {fmt_ratio(ratio(c, g))} |")
if check_lines:
    L.append("")
    L.append("## guantong check")
    L.append("")
    L.append(f"`target/release/guantong check ROSTER --as-of {as_of} -o OUT.xlsx -q`: reading and normalizing only"
             " (no evaluation, no lists, no JSONL); the workbook holds 检查结果, 数据问题 and the roster with its"
             " problem cells filled and noted (at most 10,000 notes). Its exit 5 (errors left in the roster)"
             " counts as a finished run. *screen* is the guantong column above.")
    L.append("")
    L.append("| rows | format | check wall | check peak | screen wall | check / screen |")
    L.append("|---:|---|---:|---:|---:|---:|")
    L.extend(check_lines)

compare_lines = []
for n in sizes:
    for fmt in FORMATS:
        c, g = stat("compare", n, fmt), stat("guantong", n, fmt)
        if c:
            compare_lines.append(f"| {short(n)} | {FORMAT_NAMES[fmt]} | {fmt_time(c)} | {fmt_mem(c)} | {fmt_time(g)} | {fmt_ratio(ratio(c, g))} |")
if compare_lines:
    L.append("")
    L.append("## guantong compare")
    L.append("")
    L.append(f"`target/release/guantong compare ROSTER --as-of {as_of} --against-as-of (a year later) -o OUT.xlsx --jsonl OUT.jsonl -q`:"
             " every row normalized and screened under both sides in one pass; the workbook and the JSONL hold"
             " the people whose outcome differs. Goal: at most 1.3 × *screen* (the guantong column above), 1 GiB.")
    L.append("")
    L.append("| rows | format | compare wall | compare peak | screen wall | compare / screen |")
    L.append("|---:|---|---:|---:|---:|---:|")
    L.extend(compare_lines)

eval_text = open(eval_out).read() if os.path.exists(eval_out) else ""
L.append("")
L.append("## Evaluation alone")
L.append("")
L.append("`target/release/examples/eval_only ROSTER.csv` reads the roster with the library, then times"
         " `normalize::person` + `evaluate::evaluate` over every row (best of 3):")
L.append("")
L.append("```")
L.append(eval_text.rstrip())
L.append("```")

def rate(pattern):
    m = re.search(pattern + r".*?([\d.]+) rows/s", eval_text)
    return float(m.group(1)) if m else None

L.append("")
L.append("## Targets")
L.append("")
L.append("| target | measured | met? |")
L.append("|---|---|---|")
big = max(sizes)
def verdict(ok):
    return "–" if ok is None else ("yes" if ok else "**no**")
g, f = stat("guantong", big, "xlsx"), stat("floor", big, "xlsx")
r = ratio(g, f)
L.append(f"| {short(big)}-row xlsx, full workbook + JSONL: wall ≤ 1.0× floor | {fmt_ratio(r)} ({fmt_time(g)} vs {fmt_time(f)}) | {verdict(None if r is None else r <= 1.0)} |")
ok = None if not g or g["failed"] else g["rss"] <= 1024
L.append(f"| {short(big)}-row xlsx: peak memory ≤ 1 GiB | {fmt_mem(g)} | {verdict(ok)} |")
peer_sizes = sorted({n for (label, n, fmt) in cells if label == "peer"})
for n in peer_sizes:
    p, g2 = stat("peer", n, "xlsx"), stat("guantong", n, "xlsx")
    r = ratio(p, g2)
    L.append(f"| {short(n)}-row xlsx: ≥ 20× faster than the peer | {fmt_ratio(r)} ({fmt_time(p)} vs {fmt_time(g2)}) | {verdict(None if r is None else r >= 20)} |")
g, f = stat("guantong", big, "csv"), stat("floor", big, "csv")
r = ratio(g, f)
L.append(f"| {short(big)}-row csv: wall ≤ 1.0× its floor | {fmt_ratio(r)} ({fmt_time(g)} vs {fmt_time(f)}) | {verdict(None if r is None else r <= 1.0)} |")
par, one = rate("normalize \\+ evaluate, rayon"), rate("normalize \\+ evaluate, 1 thread")
if split:
    n, employers = split.split()
    s_on, s_off = stat("split", int(n), "split"), stat("unsplit", int(n), "split")
    r = ratio(s_on, s_off)
    files = open(os.path.join(bench_dir, "split_files.txt")).read().strip() if os.path.exists(os.path.join(bench_dir, "split_files.txt")) else "?"
    L.append(f"| {short(n)}-row xlsx over {employers} employers, `--split-by 单位` ({files} workbooks): wall ≤ 1.3× without it | {fmt_ratio(r)} ({fmt_time(s_on)} vs {fmt_time(s_off)}) | {verdict(None if r is None else r <= 1.3)} |")
    ok = None if not s_on or s_on["failed"] else s_on["rss"] <= 1024
    L.append(f"| the same, peak memory ≤ 1 GiB | {fmt_mem(s_on)} (without: {fmt_mem(s_off)}) | {verdict(ok)} |")
if par:
    L.append(f"| evaluation alone ≥ 1M rows/s | {par:,.0f} rows/s on {nproc} threads ({one:,.0f} on 1) | {verdict(par >= 1e6)} |")
L.append("")
# What people wrote under the marker (what limits each target, what each optimisation bought) is
# kept across runs.
MARKER = "<!-- Written by hand below this line; scripts/bench.sh keeps it. -->"
notes = ""
if os.path.exists(out):
    old = open(out).read()
    if MARKER in old:
        notes = old[old.index(MARKER) + len(MARKER):].strip("\n")
L.append(MARKER)
L.append("")
if notes:
    L.append(notes)
open(out, "w").write("\n".join(L) + "\n")
PY
log "done: $OUT"
