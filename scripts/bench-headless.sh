#!/usr/bin/env bash
# Times the headless workflow (p1wizard run, release build) against the same 15 requests made by a
# curl+jq script (scripts/workflow-curl.sh), against one simulator, in the same run; prints both
# medians, their ratio, and p1wizard's peak RSS. Needs hyperfine, curl, jq and GNU time
# (apt-get install hyperfine curl jq time).
# Usage: scripts/bench-headless.sh [runs]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
for tool in hyperfine curl jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
# P1WIZARD_BIN skips the build and measures that binary.
bin=${P1WIZARD_BIN:-$(scripts/build-release.sh 2>/dev/null)}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" simulator --quiet --secret-out "$work/secret" >"$work/out" &
pid=$!
for _ in $(seq 100); do grep -q workerClientSecretFile "$work/out" 2>/dev/null && break; sleep 0.05; done
api=$(sed -n 's/^apiPath=//p' "$work/out"); auth=$(sed -n 's/^authPath=//p' "$work/out")
env=$(sed -n 's/^environmentID=//p' "$work/out"); id=$(sed -n 's/^workerClientID=//p' "$work/out")
p1="$bin run --quiet --api-url $api --auth-url $auth --environment-id $env --client-id $id --client-secret-file $work/secret"
curlcmd="scripts/workflow-curl.sh $api $auth $env $id $work/secret"
$p1 >/dev/null && $curlcmd   # both must succeed before they are timed
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/h.json" -n p1wizard "$p1" -n curl+jq "$curlcmd" >/dev/null
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
p, c = r["p1wizard"]["median"] * 1000, r["curl+jq"]["median"] * 1000
print(f"p1wizard run (15 requests)  median {p:7.1f} ms")
print(f"curl+jq script (same)       median {c:7.1f} ms")
print(f"ratio p1wizard / curl+jq    {p / c:.3f}")
PY
rss=$(/usr/bin/time -v $p1 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
echo "p1wizard run peak RSS       ${rss} KiB ($((rss / 1024)) MiB)"
echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>/dev/null | head -1)"
