#!/usr/bin/env bash
# Fuzzes the parsers of server responses, themes, answers/config files and journals (decode and
# validate), and the masking of malformed bodies with planted secrets, with
# libFuzzer (swiftc -sanitize=fuzzer,address), for a bounded time per target, and prints the
# executions and findings of each. Crashes are kept under .build-fuzz/findings/; Fuzz/seeds/TARGET
# (when there is one) seeds a target with valid inputs to mutate.
# Usage: scripts/fuzz.sh [seconds per target]   (default 60)
#   FUZZ_TARGETS="journal masking" runs only those; FUZZ_FLAGS="-fork=1 -ignore_crashes=1" keeps
#   fuzzing past a finding (Swift's crash backtracer is off: it can hang after libFuzzer's abort).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build-fuzz
mkdir -p "$out/findings"
flags=(-O -sanitize=fuzzer,address -parse-as-library)
build() { # module, sources...
  local name=$1; shift
  swiftc "${flags[@]}" -emit-module -emit-library -static -module-name "$name" -I "$out" \
    -emit-module-path "$out/$name.swiftmodule" "$@" -o "$out/lib$name.a"
}
{
  build PingOneAPI Sources/PingOneAPI/*.swift
  build WizardCore Sources/WizardCore/*.swift
  build TUIKit Sources/TUIKit/*.swift
  swiftc "${flags[@]}" -I "$out" -L "$out" -lWizardCore -lPingOneAPI -lTUIKit Fuzz/*.swift -o "$out/fuzz"
} >"$out/build.log" 2>&1 || { grep -E "error" "$out/build.log" >&2; exit 1; }
printf '%-18s %12s %10s %s\n' target executions "exec/s" findings
for target in ${FUZZ_TARGETS:-decoders theme answers journal masking masking-streaming}; do
  mkdir -p "$out/corpus-$target"
  log="$out/$target.log"
  # shellcheck disable=SC2086 # FUZZ_FLAGS holds several flags, e.g. "-fork=1 -ignore_crashes=1"
  SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$target "$out/fuzz" ${FUZZ_FLAGS:-} -max_total_time="$seconds" -rss_limit_mb=4096 -artifact_prefix="$out/findings/$target-" \
    "$out/corpus-$target" $( [ -d "Fuzz/seeds/${target%%-*}" ] && echo "Fuzz/seeds/${target%%-*}" ) >"$log" 2>&1 || true
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || grep -oE '#[0-9]+' "$log" | tail -1 | tr -d '#')
  rate=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  findings=$(ls "$out/findings" | grep -cE "^$target-(crash|leak|timeout|oom|slow-unit)-" || true)
  printf '%-18s %12s %10s %s\n' "$target" "${execs:-?}" "${rate:-?}" "$findings"
done
