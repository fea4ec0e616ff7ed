#!/usr/bin/env bash
# Offline benchmark of the specmesh binary: `validate` and `plan --offline --output json` on
# generated specs of 1k, 5k and 10k channels, and `--version` start-up. Not a test: it prints
# numbers and never fails on them (it fails only when a command itself fails).
#
#   bench/run_offline.sh [RUNS]          RUNS per measurement (default 7, at least 5)
#
# Builds a Release binary in its own build dir, generates the specs with bench/gen_spec.py,
# runs each command once to warm the page cache and then RUNS times, measuring each run from
# outside the process: wall time around the process (ns clock), peak RSS and user+sys CPU time
# from /usr/bin/time -f '%e %M %U %S' (CPU time is the steadier number on a shared machine). Writes bench/results/offline.md and offline.json (git-ignored) and
# prints the markdown table.
#
# Environment (all optional):
#   SPECMESH_BENCH_BUILD_DIR   build dir                [build-bench]
#   SPECMESH_BENCH_JOBS        parallel compile jobs    [2]
#   SPECMESH_BENCH_SIZES       channel counts           ["1000 5000 10000"]
#   SPECMESH_BENCH_NO_BUILD    1: use the binary already in the build dir
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${SPECMESH_BENCH_BUILD_DIR:-$ROOT/build-bench}
JOBS=${SPECMESH_BENCH_JOBS:-2}
SIZES=${SPECMESH_BENCH_SIZES:-1000 5000 10000}
RUNS=${1:-7}
RESULTS=$ROOT/bench/results
DATA=$BUILD_DIR/bench-data

if ! [[ $RUNS =~ ^[0-9]+$ ]] || ((RUNS < 5)); then
  echo "usage: $0 [RUNS >= 5]" >&2
  exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "run_offline.sh: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
  exit 1
fi

generator=()
if command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi
if [[ ${SPECMESH_BENCH_NO_BUILD:-} != 1 ]]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DSPECMESH_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD_DIR" --target specmesh -j "$JOBS"
fi
BIN=$BUILD_DIR/src/specmesh

mkdir -p "$RESULTS" "$DATA"
for size in $SIZES; do
  python3 "$ROOT/bench/gen_spec.py" "$size" "$DATA" >/dev/null
done

# One TSV row per run: case, channels, run, wall_s, rss_kb, cpu_s, exit code.
RAW=$DATA/raw.tsv
: >"$RAW"
TIME_OUT=$DATA/time.out

# measure CASE CHANNELS EXPECTED_EXIT COMMAND...: one warm-up, then RUNS measured runs.
measure() {
  local name=$1 channels=$2 expected=$3
  shift 3
  local run start end status
  for ((run = 0; run <= RUNS; run++)); do
    start=$(date +%s%N)
    set +e
    /usr/bin/time -f '%e %M %U %S' -o "$TIME_OUT" "$@" >/dev/null 2>"$DATA/stderr"
    status=$?
    set -e
    end=$(date +%s%N)
    if [[ $status -ne $expected ]]; then
      echo "run_offline.sh: '$*' exited $status, expected $expected:" >&2
      cat "$DATA/stderr" >&2
      exit 1
    fi
    if ((run > 0)); then
      # time(1) writes "Command exited with non-zero status N" first for a non-zero exit.
      read -r _ rss user sys < <(tail -n 1 "$TIME_OUT")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$channels" "$run" \
        "$(awk -v ns=$((end - start)) 'BEGIN { printf "%.6f", ns / 1e9 }')" "$rss" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$status" >>"$RAW"
    fi
  done
}

measure "--version" 0 0 "$BIN" --version
for size in $SIZES; do
  spec=$DATA/spec-$size.yaml
  measure validate "$size" 0 "$BIN" validate --spec "$spec" --schema-path "$DATA"
  # Exit code 2: changes pending, as expected against an empty cluster.
  measure "plan --offline -o json" "$size" 2 \
    "$BIN" plan --offline --spec "$spec" --schema-path "$DATA" --output json
done

COMMIT=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
python3 - "$RAW" "$RESULTS" "$RUNS" "$BIN" "$DATA" "$COMMIT" <<'PY'
import json, os, platform, statistics, subprocess, sys
from datetime import datetime, timezone

raw, results, runs, binary, data, commit = sys.argv[1:7]
rows = {}
for line in open(raw, encoding="utf-8"):
    case, channels, _run, wall, rss, cpu, _status = line.rstrip("\n").split("\t")
    rows.setdefault((case, int(channels)), []).append((float(wall), int(rss), float(cpu)))

cases = []
for (case, channels), samples in rows.items():
    walls = [w for w, _, _ in samples]
    rsss = [r / 1024 for _, r, _ in samples]
    cpus = [c for _, _, c in samples]
    spec = os.path.join(data, f"spec-{channels}.yaml")
    cases.append({
        "command": case,
        "channels": channels,
        "spec_bytes": os.path.getsize(spec) if channels else None,
        "runs": len(samples),
        "wall_s": {"median": statistics.median(walls), "min": min(walls), "max": max(walls)},
        "peak_rss_mib": {"median": statistics.median(rsss), "min": min(rsss), "max": max(rsss)},
        "cpu_s": {"median": statistics.median(cpus), "min": min(cpus), "max": max(cpus)},
        "samples": [{"wall_s": w, "peak_rss_kib": r, "cpu_s": c} for w, r, c in samples],
    })

version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
meta = {
    "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    "binary": version,
    "build": "Release",
    "commit": commit,
    "host": f"{platform.machine()}, {os.cpu_count()} cores (shared), {platform.platform()}",
    "method": "wall time around the process (ns clock, includes /usr/bin/time's fork+exec); "
              "peak RSS and user+sys CPU (10 ms resolution) from /usr/bin/time; "
              "one warm-up run discarded",
    "load_1min_at_end": os.getloadavg()[0],
}
with open(os.path.join(results, "offline.json"), "w", encoding="utf-8") as out:
    json.dump({"meta": meta, "cases": cases}, out, indent=2)
    out.write("\n")

def ms(value):
    return f"{value * 1000:.1f}"

lines = [
    "# specmesh offline benchmark",
    "",
    f"{meta['date']}; {meta['binary']} ({meta['build']}, {meta['commit']}); {meta['host']}; "
    f"1-min load average {meta['load_1min_at_end']:.2f} at the end.",
    f"Median of {runs} runs after one warm-up (min–max). {meta['method']}.",
    "",
    "| command | channels | spec size | wall ms, median | wall ms, min–max | CPU ms, median "
    "| peak RSS MiB, median | RSS min–max |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]
for case in cases:
    w, r, c = case["wall_s"], case["peak_rss_mib"], case["cpu_s"]
    size = f"{case['spec_bytes'] / 1024 / 1024:.1f} MiB" if case["spec_bytes"] else "–"
    lines.append(
        f"| `{case['command']}` | {case['channels'] or '–'} | {size} | {ms(w['median'])} | "
        f"{ms(w['min'])}–{ms(w['max'])} | {c['median'] * 1000:.0f} | {r['median']:.1f} | "
        f"{r['min']:.1f}–{r['max']:.1f} |")
text = "\n".join(lines) + "\n"
with open(os.path.join(results, "offline.md"), "w", encoding="utf-8") as out:
    out.write(text)
print(text, end="")
PY
echo "run_offline.sh: wrote $RESULTS/offline.md and $RESULTS/offline.json"
