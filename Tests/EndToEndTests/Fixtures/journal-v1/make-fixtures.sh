#!/bin/sh
# Makes the format-1 journal fixtures of this directory, each with its transcript beside it, by
# running the real p1wizard against the real simulator. Format 1 is what main wrote up to and
# including commit 8c84de6 (issue 10 introduces format 2): run this with a binary built from that
# commit, never with a newer one, or the fixtures stop being format 1.
#
#   sh make-fixtures.sh /path/to/p1wizard OUTDIR
#
# Every simulator is started with the same environment and worker client IDs (and seed), so that
# JournalFormat1Tests can start a fresh simulator that the journals' IDs fit. The worker secret is
# the simulator's own, in a 0600 file it removes on exit; a journal keeps no secret.
set -eu
BIN=$1
OUT=$2
ENV_ID=6a1d0c5e-3f4b-4c2a-9e7d-1b2c3d4e5f60
WORKER_ID=7b2e1d6f-4a5c-4d3b-8f8e-2c3d4e5f6071
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
unset PINGONE_CLIENT_SECRET PINGONE_CLIENT_ID PINGONE_ENVIRONMENT_ID PINGONE_REGION_CODE \
    PINGONE_API_SERVICE_HOSTNAME PINGONE_AUTH_SERVICE_HOSTNAME P1WIZARD_USER_PASSWORD 2>/dev/null || true

# start_simulator [--fault SPEC]: a fresh simulator; sets sim, api, auth and secret_file.
start_simulator() {
    "$BIN" simulator --quiet --seed 10 --environment-id "$ENV_ID" --worker-client-id "$WORKER_ID" "$@" >"$WORK/sim.out" &
    sim=$!
    while ! grep -q '^workerClientSecretFile=' "$WORK/sim.out"; do sleep 0.1; done
    api=$(sed -n 's/^apiPath=//p' "$WORK/sim.out")
    auth=$(sed -n 's/^authPath=//p' "$WORK/sim.out")
    secret_file=$(sed -n 's/^workerClientSecretFile=//p' "$WORK/sim.out")
}

# no_secret NAME: the worker secret is in neither the journal nor the transcript.
no_secret() {
    if grep -F -q -f "$secret_file" "$OUT/$1.json" "$OUT/$1.jsonl"; then echo "$1: worker secret found" >&2; exit 1; fi
}

# fixture NAME EXPECTED_EXIT [--fault SPEC]: one run against a fresh simulator, journal NAME.json.
fixture() {
    name=$1 expected=$2
    shift 2
    start_simulator "$@"
    status=0
    "$BIN" run --quiet --state "$OUT/$name.json" --api-url "$api" --auth-url "$auth" \
        --environment-id "$ENV_ID" --client-id "$WORKER_ID" --client-secret-file "$secret_file" \
        >"$WORK/$name.summary.json" || status=$?
    no_secret "$name"
    kill "$sim"
    wait "$sim" || true
    [ "$status" = "$expected" ] || { echo "$name: exit $status, expected $expected" >&2; exit 1; }
    echo "$name: exit $status"
}

# a. A complete run: every step succeeded, four resources created.
fixture finished 0
# b. A run stopped at step 1: PingOne refuses the application (400), so the run created nothing
#    and its journal holds step 0 succeeded and step 1 failed. A resume re-sends step 0 (the worker
#    token is never kept) and step 1 onwards, so it completes against a fresh simulator. A run
#    stopped later would not: its resume trusts the journal that steps 1-8 are done and re-reads
#    the application's secret (step 2), which a fresh simulator does not hold.
fixture stopped 3 --fault 'POST /applications: 400'
# c. A complete run whose user create lost its answer (applied, connection closed): the run found
#    the user by its name and adopted it, so the journal marks it adopted.
fixture adopted 0 --fault 'POST /users: drop once'
# d. A run killed (SIGKILL) while its application create was on the wire: the simulator holds the
#    request (applied, answered 30 s late), the journal was saved before the create went out, so
#    it holds step 1 running and uncertain. A resume looks the application up by name first; a
#    fresh simulator has none, so the resume creates it and completes.
start_simulator --fault 'POST /applications: delay=30 once'
"$BIN" run --quiet --state "$OUT/interrupted.json" --api-url "$api" --auth-url "$auth" \
    --environment-id "$ENV_ID" --client-id "$WORKER_ID" --client-secret-file "$secret_file" >/dev/null 2>&1 &
run=$!
tries=0
until [ -f "$OUT/interrupted.json" ] && grep -q '"status" : "running"' "$OUT/interrupted.json"; do
    tries=$((tries + 1))
    [ "$tries" -lt 200 ] || { echo "interrupted: step 1 never ran" >&2; kill "$run" "$sim"; exit 1; }
    sleep 0.1
done
sleep 0.5
kill -KILL "$run"
wait "$run" || true
no_secret interrupted
kill "$sim"
wait "$sim" || true
echo "interrupted: killed during step 1"
