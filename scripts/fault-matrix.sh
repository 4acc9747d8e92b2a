#!/usr/bin/env bash
# Runs the real p1wizard against the real simulator once per fault and prints the fault matrix as
# a Markdown table: the outcome, what the engine did, and what the server holds afterwards.
# Usage: scripts/fault-matrix.sh [path/to/p1wizard]   (default: a debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then swift build --product p1wizard >/dev/null; bin=$(swift build --show-bin-path)/p1wizard; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

rows=(
  "500 on a create|POST /populations: 500 once"
  "503 with Retry-After on a list|GET /resources: 503 retry-after=1 once"
  "429 with Retry-After on a list|GET /scopes: 429 retry-after=1 once"
  "429 on the worker token|POST /as/token: 429 retry-after=1 once"
  "timeout on a read|GET /secret: delay=3 once"
  "timeout on a create (applied)|POST /users: delay=3 once"
  "connection reset on a read|GET /flows/*: reset once"
  "connection reset on a create|POST /applications: reset once"
  "answer dropped: create application|POST /applications: drop once"
  "answer dropped: create grant|POST /grants: drop once"
  "answer dropped: create population|POST /populations: drop once"
  "answer dropped: create user|POST /users: drop once"
  "answer dropped: set password|PUT /password: drop once"
  "answer dropped: password check|POST /flows/*: drop once"
  "answer dropped: code exchange|POST /as/token: drop after=1 once"
  "answer dropped: update user|PATCH /users/*: drop once"
  "malformed JSON from a create|POST /populations: malformed once"
  "malformed JSON from a list|GET /resources: malformed once"
  "wrong Content-Type|POST /users: content-type=text/plain once"
  "worker token expires mid-run|POST /grants: expire-token once"
)

echo "| fault | simulator spec | exit | attempts | adopted | apps | grants | populations | users |"
echo "|---|---|---|---|---|---|---|---|---|"
for row in "${rows[@]}"; do
  name=${row%%|*}; spec=${row#*|}
  "$bin" simulator --quiet --fault "$spec" --secret-out "$work/secret" >"$work/sim" &
  sim=$!
  for _ in $(seq 200); do grep -q workerClientSecretFile "$work/sim" 2>/dev/null && break; sleep 0.02; done
  api=$(sed -n 's/^apiPath=//p' "$work/sim"); auth=$(sed -n 's/^authPath=//p' "$work/sim")
  env=$(sed -n 's/^environmentID=//p' "$work/sim"); id=$(sed -n 's/^workerClientID=//p' "$work/sim")
  set +e
  "$bin" run --quiet --timeout 1 --state "$work/journal.json" --api-url "$api" --auth-url "$auth" \
    --environment-id "$env" --client-id "$id" --client-secret-file "$work/secret" >"$work/summary.json" 2>/dev/null
  code=$?
  set -e
  requests=$(jq '[.steps[].attempts] | add' "$work/summary.json")
  adopted=$(jq '[.created[] | select(.adopted)] | length' "$work/summary.json")
  token=$(curl -s -X POST "$auth/$env/as/token" -u "$id:$(cat "$work/secret")" -d grant_type=client_credentials | jq -r .access_token)
  count() { curl -s "$api/environments/$env/$1?limit=1000" -H "Authorization: Bearer $token" | jq "[._embedded.$2[]$3] | length"; }
  apps=$(count applications applications ' | select(.type != "WORKER")')
  app=$(curl -s "$api/environments/$env/applications?limit=1000" -H "Authorization: Bearer $token" | jq -r '._embedded.applications[] | select(.type != "WORKER") | .id' | head -1)
  grants=$(count "applications/$app/grants" grants '')
  pops=$(count populations populations '')
  users=$(count users users '')
  kill $sim; wait $sim 2>/dev/null || true
  echo "| $name | \`$spec\` | $code | $requests | $adopted | $apps | $grants | $pops | $users |"
done
