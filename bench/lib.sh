# Measurement helpers shared by the benchmark scripts (sourced, not run).
#
# Every measurement is taken from outside the process: wall time around it (ns clock), peak
# RSS and user+sys CPU from /usr/bin/time. Each one appends a row to $BENCH_RAW:
#   case <TAB> size <TAB> run <TAB> wall_s <TAB> rss_kib <TAB> cpu_s <TAB> exit code

[[ -x /usr/bin/time ]] || {
  echo "bench: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
  exit 1
}

# measure_once CASE SIZE RUN EXPECTED_EXIT COMMAND...: one measured run; a run that exits
# otherwise than expected stops the benchmark with the command's stderr.
measure_once() {
  local name=$1 size=$2 run=$3 expected=$4
  shift 4
  local start end status rss user sys
  local time_out=$BENCH_TMP/time.out stderr=$BENCH_TMP/stderr
  start=$(date +%s%N)
  set +e
  /usr/bin/time -f '%e %M %U %S' -o "$time_out" "$@" >"$BENCH_TMP/stdout" 2>"$stderr"
  status=$?
  set -e
  end=$(date +%s%N)
  if [[ $status -ne $expected ]]; then
    echo "bench: '$*' exited $status, expected $expected:" >&2
    tail -n 20 "$stderr" >&2
    grep -A1 ' FAILED ' "$BENCH_TMP/stdout" | head -n 20 >&2 || true
    exit 1
  fi
  # time(1) writes "Command exited with non-zero status N" first for a non-zero exit.
  read -r _ rss user sys < <(tail -n 1 "$time_out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$run" \
    "$(awk -v ns=$((end - start)) 'BEGIN { printf "%.6f", ns / 1e9 }')" "$rss" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$status" >>"$BENCH_RAW"
}

# measure_repeated CASE SIZE EXPECTED_EXIT COMMAND...: one discarded warm-up, then $BENCH_RUNS
# measured runs of the same command (for commands that change nothing).
measure_repeated() {
  local name=$1 size=$2 expected=$3
  shift 3
  BENCH_RAW=/dev/null measure_once "$name" "$size" 0 "$expected" "$@"
  local run
  for ((run = 1; run <= BENCH_RUNS; run++)); do
    measure_once "$name" "$size" "$run" "$expected" "$@"
  done
}
