#!/usr/bin/env bash
# MB/s of textsieve (default pipeline, plain form-feed separated stream)
# beside `cat` on the same input, in the same run.
#
# The input is the raw text of the benchmark pages named in
# $BENCH/manifest.full.jsonl (default /work/shared/bench), in manifest
# order, with a line holding only a form feed between two pages: the stream
# `score.py --batch` feeds. Without that folder (as in CI) the fixtures'
# inputs are used instead. Each command is timed $RUNS times (default 5)
# and the median is reported; with hyperfine installed it does the timing.
#
# Usage: scripts/bench.sh [TEXTSIEVE ARGS...]   e.g. scripts/bench.sh -j 1
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH=${BENCH:-/work/shared/bench}
RUNS=${RUNS:-5}
INPUT=${INPUT:-/tmp/textsieve-bench-full.txt}

cargo build --release --locked --quiet
BIN=$PWD/target/release/textsieve

python3 - "$INPUT" "$BENCH" <<'PY'
import json, pathlib, sys
out, bench = sys.argv[1], pathlib.Path(sys.argv[2])
manifest = bench / "manifest.full.jsonl"
if manifest.exists():
    names = [json.loads(l)["name"] for l in manifest.open() if l.strip()]
    paths = [bench / "full" / f"{n}.txt" for n in names]
else:
    paths = sorted(p for p in pathlib.Path("fixtures").rglob("*.txt")
                   if not p.name.endswith(".gold.txt"))
with open(out, "wb") as f:
    for i, p in enumerate(paths):
        if i:
            f.write(b"\f\n")
        data = p.read_bytes()
        f.write(data if data.endswith(b"\n") else data + b"\n")
PY
BYTES=$(stat -c %s "$INPUT")
echo "input: $INPUT, $(awk -v b="$BYTES" 'BEGIN{printf "%.2f", b/1e6}') MB; textsieve args: ${*:-(none)}"

# Median wall-clock seconds of one command given $INPUT as its last argument
# (textsieve splits a file on form feeds just as it does stdin).
median_seconds() {
    if command -v hyperfine >/dev/null; then
        local json
        json=$(mktemp)
        hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$json" "$* $INPUT" >/dev/null
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
        rm -f "$json"
    else
        local times=()
        for _ in $(seq "$RUNS"); do
            local t0 t1
            t0=$(date +%s.%N)
            "$@" "$INPUT" >/dev/null
            t1=$(date +%s.%N)
            times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}')")
        done
        printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'
    fi
}

report() {
    local name=$1
    shift
    local s
    s=$(median_seconds "$@")
    awk -v n="$name" -v s="$s" -v b="$BYTES" 'BEGIN{printf "%-22s %8.3f s %10.1f MB/s\n", n, s, b/1e6/s}'
}

report cat cat
report textsieve "$BIN" "$@"
