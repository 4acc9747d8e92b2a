#!/usr/bin/env bash
# Measures the simulator's requests per second on loopback with wrk (Debian package `wrk`).
# Usage: scripts/bench-simulator.sh [seconds]   (default 10; builds a release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }
# P1WIZARD_BIN skips the build and measures that binary.
bin=${P1WIZARD_BIN:-$(scripts/build-release.sh 2>/dev/null)}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" simulator --quiet --seed 1 --secret-out "$work/secret" >"$work/out" &
pid=$!
for _ in $(seq 100); do grep -q workerClientSecretFile "$work/out" 2>/dev/null && break; sleep 0.05; done
api=$(sed -n 's/^apiPath=//p' "$work/out"); auth=$(sed -n 's/^authPath=//p' "$work/out")
env=$(sed -n 's/^environmentID=//p' "$work/out"); id=$(sed -n 's/^workerClientID=//p' "$work/out")
basic=$(printf '%s:%s' "$id" "$(cat "$work/secret")" | base64 -w0)
token=$(curl -s -X POST "$auth/$env/as/token" -H "Authorization: Basic $basic" \
  -H 'Content-Type: application/x-www-form-urlencoded' -d grant_type=client_credentials | jq -r .access_token)

cat >"$work/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
LUA
cat >"$work/population.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  local body = '{"name":"bench-' .. tostring(math.random(1, 1e9)) .. '-' .. counter .. '"}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}, body)
end
LUA

run() { # name, wrk args...
  local name=$1; shift
  local rps
  rps=$(wrk -t2 -c16 -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}')
  printf '%-44s %10s req/s\n' "$name" "$rps"
}
echo "simulator on loopback, wrk -t2 -c16, ${seconds}s each, $(nproc) cores, $(uname -m)"
run "GET  /v1/environments/{env}/resources (list)" -H "Authorization: Bearer $token" "$api/environments/$env/resources"
run "POST /{env}/as/token (client_credentials)" -s "$work/token.lua" "$auth/$env/as/token"
run "POST /v1/environments/{env}/populations" -s "$work/population.lua" "$api/environments/$env/populations"
