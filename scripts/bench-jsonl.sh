#!/usr/bin/env bash
# Throughput and memory of JSONL mode on a generated corpus (~120 MB).
#
# Builds the corpus in $BENCH_DIR (default /tmp/textsieve-bench; never
# committed) from the page texts in /work/shared/bench/full and the cases in
# /work/shared/cases, each wrapped as a JSON record with extra fields. Reports
# MB/s for `cat`, `textsieve -j 1` and `textsieve -j 2` on the same input (the
# median of 3 runs each), checks that both thread counts give the same bytes,
# and the peak RSS for -j 2 on the whole corpus and on half of it (memory must
# not grow with the input).
#
# Usage: scripts/bench-jsonl.sh [SIZE_MB]   (default 120)
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB=${1:-120}
BENCH_DIR=${BENCH_DIR:-/tmp/textsieve-bench}
PAGES=${PAGES:-/work/shared/bench/full}
CASES=${CASES:-/work/shared/cases}
CORPUS=$BENCH_DIR/corpus-${SIZE_MB}mb.jsonl
HALF=$BENCH_DIR/corpus-${SIZE_MB}mb-half.jsonl

if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time for peak RSS" >&2
    apt-get install -y time >/dev/null
fi

cargo build --release --locked --quiet
BIN=target/release/textsieve
mkdir -p "$BENCH_DIR"

if [[ ! -s $CORPUS ]]; then
    python3 - "$CORPUS" "$SIZE_MB" "$PAGES" "$CASES" <<'PY'
import json, pathlib, sys
out, size_mb, *dirs = sys.argv[1:]
limit = int(size_mb) * 1_000_000
texts = []
for d in dirs:
    for p in sorted(pathlib.Path(d).glob("*.txt")):
        if p.name.endswith(".gold.txt"):
            continue
        texts.append((p.stem, p.read_bytes().decode("utf-8", "replace")))
if not texts:
    sys.exit("no page texts found")
written, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while written < limit:
        name, text = texts[n % len(texts)]
        rec = {
            "id": f"{name}-{n}",
            "url": f"https://example.org/{name}/{n}",
            "text": text,
            "meta": {"source": name, "n": n, "score": round((n * 0.6180339887) % 1, 6)},
            "tags": ["bench", "jsonl"],
        }
        # Alternate escaped and raw UTF-8, as real shards do.
        line = json.dumps(rec, ensure_ascii=(n % 2 == 0)) + "\n"
        f.write(line)
        written += len(line.encode("utf-8"))
        n += 1
print(f"corpus: {n} records, {written / 1e6:.1f} MB -> {out}", file=sys.stderr)
PY
    head -c $(( $(stat -c %s "$CORPUS") / 2 )) "$CORPUS" | sed '$d' > "$HALF"
fi

BYTES=$(stat -c %s "$CORPUS")
echo "input: $CORPUS ($(( BYTES / 1000000 )) MB), $(nproc) cores"

# Median of three runs by wall-clock time: "wall user+sys" in seconds.
median3() {
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -1
    done | awk '{print $1, $2 + $3}' | sort -g | sed -n 2p
}

report() {
    local label=$1 wall=$2 cpu=$3
    printf '%-18s %7.3f s wall  %7.3f s cpu  %8.1f MB/s\n' "$label" "$wall" "$cpu" \
        "$(echo "$BYTES / 1000000 / $wall" | bc -l)"
}

# Other work on the machine skews wall-clock figures (a busy core makes -j 2
# wait): wait up to IDLE_WAIT seconds for the CPUs to be idle before each
# measurement, and say how busy the machine was.
IDLE_WAIT=${IDLE_WAIT:-120}
wait_idle() {
    python3 - "$IDLE_WAIT" <<'PY'
import sys, time
def snap():
    f = list(map(int, open("/proc/stat").readline().split()[1:]))
    return sum(f), f[3] + f[4]
deadline = time.time() + float(sys.argv[1])
while True:
    t1, i1 = snap(); time.sleep(1); t2, i2 = snap()
    idle = 100 * (i2 - i1) / max(t2 - t1, 1)
    if idle >= 90 or time.time() > deadline:
        print(f"{idle:.0f}% idle")
        break
PY
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cat: $(wait_idle) before"
read -r w_cat c_cat < <(median3 cat "$CORPUS")
echo "-j 1: $(wait_idle) before"
read -r w_j1 c_j1 < <(median3 "$BIN" --jsonl -q -j 1 "$CORPUS")
echo "-j 2: $(wait_idle) before"
read -r w_j2 c_j2 < <(median3 "$BIN" --jsonl -q -j 2 "$CORPUS")
report "cat" "$w_cat" "$c_cat"
report "textsieve -j 1" "$w_j1" "$c_j1"
report "textsieve -j 2" "$w_j2" "$c_j2"
printf 'speed-up 1 -> 2 threads: %.2fx (target >= 1.7x)\n' "$(echo "$w_j1 / $w_j2" | bc -l)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if cmp -s <("$BIN" --jsonl -q -j 1 "$CORPUS") <("$BIN" --jsonl -q -j 2 "$CORPUS"); then
    echo "output -j 1 == -j 2: yes"
else
    echo "output -j 1 == -j 2: NO" >&2
    exit 1
fi

rss() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}
rss_full=$(rss "$BIN" --jsonl -q -j 2 "$CORPUS")
rss_half=$(rss "$BIN" --jsonl -q -j 2 "$HALF")
rss_pipe=$(rss sh -c "cat '$CORPUS' | '$BIN' --jsonl -q -j 2")
printf 'peak RSS -j 2: %d MB (whole), %d MB (half), %d MB (whole, via stdin pipe; target < 150 MB)\n' \
    $(( rss_full / 1024 )) $(( rss_half / 1024 )) $(( rss_pipe / 1024 ))
