#!/usr/bin/env bash
# Lint gate: clang-format-14 over every tracked *.cpp/*.hpp, then clang-tidy-14 (the repo's
# .clang-tidy, WarningsAsErrors '*') over src/, testing/ and tests/.
#
#   scripts/lint.sh [BUILD_DIR]     BUILD_DIR defaults to "build", relative to the repo root
#
# BUILD_DIR must hold a compile_commands.json and must have been built once, so generated
# sources and headers exist:
#   cmake -S . -B build -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON && cmake --build build
#
# Exits 0 when both tools are clean, 1 on any finding, 2 on a usage or setup error.
set -uo pipefail

root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)" || exit 2
cd "$root" || exit 2

build_dir="${1:-build}"
jobs="$(nproc)"

for tool in clang-format-14 run-clang-tidy-14 clang-tidy-14; do
  if ! command -v "$tool" >/dev/null; then
    echo "lint: $tool not found" >&2
    exit 2
  fi
done
if [[ ! -f "$build_dir/compile_commands.json" ]]; then
  echo "lint: no $build_dir/compile_commands.json; configure with" \
    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON (and build once) first" >&2
  exit 2
fi

strip_colour() { sed 's/\x1b\[[0-9;]*m//g'; }
log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

# --- clang-format ---------------------------------------------------------------------------
format_start=$SECONDS
mapfile -d '' sources < <(git ls-files -z -- '*.cpp' '*.hpp')
format_status=0
if ((${#sources[@]} > 0)); then
  printf '%s\0' "${sources[@]}" \
    | xargs -0 -n 50 -P "$jobs" clang-format-14 --dry-run --Werror >"$log_dir/format.log" 2>&1 \
    || format_status=$?
fi
format_files="$(grep -oE '^[^:]+:[0-9]+:[0-9]+: (warning|error):' "$log_dir/format.log" \
  | cut -d: -f1 | sort -u)"
format_count=0
[[ -n "$format_files" ]] && format_count="$(wc -l <<<"$format_files")"
if ((format_status != 0 && format_count == 0)); then
  cat "$log_dir/format.log" >&2 # clang-format itself failed, not a formatting finding
  format_count=1
fi
format_time=$((SECONDS - format_start))

# --- clang-tidy -----------------------------------------------------------------------------
tidy_start=$SECONDS
# run-clang-tidy matches this against the absolute paths in compile_commands.json; anchoring
# on the repo root keeps fetched dependencies (e.g. _deps/*/src) out.
root_regex="$(printf '%s' "$root" | sed 's/[][\.^$*+?(){}|]/\\&/g')"
run-clang-tidy-14 -p "$build_dir" -quiet -j "$jobs" "^$root_regex/(src|testing|tests)/" \
  2>&1 | strip_colour >"$log_dir/tidy.log"
tidy_status=${PIPESTATUS[0]}
# A header finding is reported once per translation unit that includes it: count it once.
grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .*\]$' "$log_dir/tidy.log" \
  | sed "s|^$root/||" | sort -u >"$log_dir/tidy.findings"
tidy_count="$(wc -l <"$log_dir/tidy.findings")"
if ((tidy_status != 0 && tidy_count == 0)); then
  # clang-tidy failed without a diagnostic we recognise (e.g. a compile error): show it all.
  cat "$log_dir/tidy.log" >&2
  tidy_count=1
fi
tidy_time=$((SECONDS - tidy_start))

# --- summary --------------------------------------------------------------------------------
if ((format_count > 0)); then
  echo "clang-format: files needing clang-format-14 -i:"
  sed 's/^/  /' <<<"$format_files"
fi
if [[ -s "$log_dir/tidy.findings" ]]; then
  echo "clang-tidy findings:"
  sed 's/^/  /' "$log_dir/tidy.findings"
fi
echo "lint summary: clang-format ${#sources[@]} files, $format_count with findings" \
  "(${format_time}s); clang-tidy $tidy_count findings (${tidy_time}s, -j $jobs)"
if ((format_count > 0 || tidy_count > 0)); then
  exit 1
fi
echo "lint: clean"
