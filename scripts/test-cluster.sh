#!/usr/bin/env bash
# The city's cluster, tried whole (issue 16, point 2): scripts/cluster.sh starts PostgreSQL, two replicas
# and nginx; through nginx the agency XZPX stamps; each replica, asked directly, verifies every result
# (either verifies any agency's result); the 市职称办's spot check with one seed is the same CSV from both;
# replica 1 killed with SIGKILL in the middle of a stamp leaves the unit recorded all or not at all, and
# the client's retry through the front gets serials without a gap; with one replica killed, nginx still
# answers verify and the spot check from the other. Fails (never
# skips) when anything it needs is missing. Called by scripts/test.sh; CEDOCS names the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
cluster=""
cleanup() {
  [ -z "$cluster" ] || scripts/cluster.sh stop "$cluster"
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() {  # check DESCRIPTION COMMAND...: one line, ok or FAILED
  if "${@:2}"; then echo "ok      $1"; else echo "FAILED  $1"; failures=$((failures + 1)); fi
}

scripts/cluster.sh start >"$work/cluster.env"
# shellcheck source=/dev/null
. "$work/cluster.env"
cluster=$CEDOCS_CLUSTER
read -r replica1 replica2 <<<"$CEDOCS_REPLICAS"
agency=$(cat "$CEDOCS_AGENCY_TOKEN_FILE")
bureau=$(cat "$CEDOCS_BUREAU_TOKEN_FILE")

# get URL [TOKEN]: the body into $work/body, the headers into $work/headers; prints the status.
get() {
  curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' ${2:+-H "Authorization: Bearer $2"} "$1"
}

# A stamp by the agency's token, through the front, with the client's request id passed on.
status=$(curl -s -o "$work/stamped.zip" -D "$work/stamp-headers" -w '%{http_code}' -X POST \
  -H "Authorization: Bearer $agency" -H "Content-Type: application/json" -H "X-Request-Id: clustertest1" \
  --data-binary @examples/example.json "$CEDOCS_FRONT/v1/stamp")
check "stamp through nginx: 200 (got $status)" test "$status" = 200
check "the client's X-Request-Id reaches the replica and comes back" grep -qi '^x-request-id: clustertest1' "$work/stamp-headers"
mapfile -t serials < <(python3 - "$work/stamped.zip" <<'PY'
import json, sys, zipfile
report = json.loads(zipfile.ZipFile(sys.argv[1]).read("stamp-report.json"))
for issued in report["issued"]:
    print(issued["serial"])
PY
)
check "the stamp issued results (${#serials[@]}: ${serials[*]})" test "${#serials[@]}" -ge 2

# Each replica directly: every result of the stamp is issued and current there.
for replica in "$replica1" "$replica2"; do
  for serial in "${serials[@]}"; do
    status=$(get "$replica/v1/verify/$serial")
    check "$replica verifies $serial" \
      python3 -c 'import json, sys; sys.exit(not (sys.argv[1] == "200" and json.load(open(sys.argv[2]))["status"] == "valid"))' \
      "$status" "$work/body"
  done
  check "$replica: a serial never issued is 404" test "$(get "$replica/v1/verify/XZPX-2016-999999")" = 404
done

# The spot check of 2016 with one seed: the same CSV from each replica, drawn from the results just issued.
spot="/v1/spot-check?year=2016&rate=0.2&seed=2017"
check "spot check on replica 1: 200" test "$(get "$replica1$spot" "$bureau")" = 200
cp "$work/body" "$work/spot1.csv"
check "spot check on replica 2: 200" test "$(get "$replica2$spot" "$bureau")" = 200
cp "$work/body" "$work/spot2.csv"
check "the same CSV from both replicas" cmp -s "$work/spot1.csv" "$work/spot2.csv"
check "the sample: at least one row, each a serial just issued" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:]
sys.exit(not (rows and all(row[3] in sys.argv[2:] for row in rows)))' "$work/spot1.csv" "${serials[@]}"
check "the agency's token gets 403 at the spot check" test "$(get "$CEDOCS_FRONT$spot" "$agency")" = 403

# A records file beyond the service's body_bytes is refused by nginx already.
head -c 9000000 /dev/zero >"$work/large"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $agency" \
  -H "Content-Type: application/json" --data-binary @"$work/large" "$CEDOCS_FRONT/v1/check")
check "a body above body_bytes: 413 at the front (got $status)" test "$status" = 413

# PostgreSQL stopped while spot checks keep coming through the front (three clients asking again as soon as
# answered): whatever needs the registry is refused at once with 503 and Retry-After, never 500, never left
# hanging; once the database is back, both replicas serve again by themselves.
load() {
  while [ ! -e "$work/load.stop" ]; do
    curl -s -o /dev/null -m 15 -w '%{http_code} %{time_total} %header{retry-after}\n' \
      -H "Authorization: Bearer $bureau" "$CEDOCS_FRONT$spot"
  done >"$work/load.$1"
}
loaders=()
for n in 1 2 3; do load "$n" & loaders+=($!); done
until [ -s "$work/load.3" ]; do sleep 0.05; done
scripts/pg.sh halt "$CEDOCS_REGISTRY"
# answered_503 STATUS: the last answer ($work/headers, $work/body) refused for the registry, with Retry-After.
answered_503() {
  test "$1" = 503 && grep -qi '^retry-after: [0-9]' "$work/headers" && grep -q '"registry_unavailable"' "$work/body"
}
for replica in "$replica1" "$replica2"; do
  check "database down: $replica refuses verify with 503, Retry-After" answered_503 "$(get "$replica/v1/verify/${serials[0]}")"
  check "database down: $replica refuses the spot check with 503, Retry-After" answered_503 "$(get "$replica$spot" "$bureau")"
  check "database down: $replica is not ready" test "$(get "$replica/readyz")" = 503
done
status=$(curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' -X POST -H "Authorization: Bearer $agency" \
  -H "Content-Type: application/json" --data-binary @examples/example.json "$CEDOCS_FRONT/v1/stamp")
check "database down: a stamp through the front is refused with 503, Retry-After" answered_503 "$status"
scripts/pg.sh resume "$CEDOCS_REGISTRY"
for replica in "$replica1" "$replica2"; do
  for _ in $(seq 1 100); do [ "$(get "$replica/readyz")" = 200 ] && break; sleep 0.1; done
  check "database back: $replica ready again by itself" test "$(get "$replica/readyz")" = 200
  check "database back: $replica verifies ${serials[0]}" test "$(get "$replica/v1/verify/${serials[0]}")" = 200
done
touch "$work/load.stop"
wait "${loaders[@]}"
check "under load, every answer 200 or 503 with Retry-After, each within 6 s (a read gives up after 5), some of each" python3 -c '
import sys
answers = [line.split() for path in sys.argv[1:] for line in open(path)]
bad = [a for a in answers if not (a[0] == "200" or (a[0] == "503" and len(a) == 3)) or float(a[1]) >= 6]
counts = {status: sum(a[0] == status for a in answers) for status in ("200", "503")}
print(f"        {len(answers)} answers: {counts}, slowest {max(float(a[1]) for a in answers):.3f} s; wrong: {bad[:5]}")
sys.exit(bool(bad) or 0 in counts.values())' "$work"/load.[123]
status=$(curl -s -o "$work/again.zip" -w '%{http_code}' -X POST -H "Authorization: Bearer $agency" \
  -H "Content-Type: application/json" --data-binary @examples/example.json "$CEDOCS_FRONT/v1/stamp")
check "database back: a stamp through the front gets 200 (got $status)" test "$status" = 200

# Replica 1 killed with SIGKILL while it stamps a unit of 60 people: the unit's results are recorded all
# or not at all, each with its documents; the client's retry through the front (now replica 2) gets
# serials that follow the last ones without a gap, and a second retry the same serials again.
"$(dirname "${CEDOCS:-.build/debug/cedocs}")/cedocs-bench-data" --people 60 --audited --out "$work/unit60.json" >/dev/null
# sql QUERY: one value from the city's registry.
sql() { psql "$CEDOCS_REGISTRY" -tAc "$1"; }
before=$(sql "SELECT COALESCE(MAX(sequence), 0) FROM issue WHERE agency = 'XZPX' AND year = 2016")
curl -s -o /dev/null -X POST -H "Authorization: Bearer $agency" -H "Content-Type: application/json" \
  --data-binary @"$work/unit60.json" "$replica1/v1/stamp" & stamping=$!
# The replica logs a request when it ends: a second into this one it is still reading or stamping the unit.
sleep 1
pid=$(cat "$CEDOCS_CLUSTER/replica-1/pid")
kill -9 "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
wait "$stamping" || true
check "replica 1 is gone" test "$(curl -s -o /dev/null -w '%{http_code}' "$replica1/healthz")" = 000
recorded=$(sql "SELECT count(*) FROM issue WHERE agency = 'XZPX' AND year = 2016 AND sequence > $before")
check "killed mid-stamp: the unit's results recorded all or not at all (got $recorded of 61)" \
  test "$recorded" = 0 -o "$recorded" = 61
check "killed mid-stamp: every recorded result has its documents" test "$(sql "SELECT count(*) FROM issue i WHERE NOT EXISTS
  (SELECT 1 FROM document d WHERE d.serial = i.serial)")" = 0
# stamp_serials NAME: stamps the unit through the front into $work/NAME.zip; prints its serials' sequences.
stamp_serials() {
  curl -s -o "$work/$1.zip" -X POST -H "Authorization: Bearer $agency" -H "Content-Type: application/json" \
    --data-binary @"$work/unit60.json" "$CEDOCS_FRONT/v1/stamp"
  python3 -c '
import json, sys, zipfile
report = json.loads(zipfile.ZipFile(sys.argv[1]).read("stamp-report.json"))
print(" ".join(sorted((str(int(i["serial"].rsplit("-", 1)[1])) for i in report["issued"]), key=int)))' "$work/$1.zip"
}
retry=$(stamp_serials retry)
check "the client's retry gets serials $((before + 1))–$((before + 61)), none skipped" \
  test "$retry" = "$(seq -s ' ' $((before + 1)) $((before + 61)))"
check "a second retry gets the same serials" test "$(stamp_serials again)" = "$retry"
# The spot check now draws from these results too: replica 2's own answer is what the front must give.
check "spot check on replica 2 after the retries: 200" test "$(get "$replica2$spot" "$bureau")" = 200
cp "$work/body" "$work/spot-after.csv"
# Several rounds: nginx's round robin sends some of them to the dead replica first.
for round in 1 2 3; do
  for serial in "${serials[@]}"; do
    check "front, replica 1 dead, round $round: $serial verified" test "$(get "$CEDOCS_FRONT/v1/verify/$serial")" = 200
  done
  check "front, replica 1 dead, round $round: spot check 200" test "$(get "$CEDOCS_FRONT$spot" "$bureau")" = 200
  check "front, replica 1 dead, round $round: the same CSV" cmp -s "$work/body" "$work/spot-after.csv"
done

# The answers above were not all from replica 2 by luck: nginx did try the dead one, and went on to the other.
check "nginx found replica 1 refusing and retried on replica 2" \
  grep -q "Connection refused) while connecting to upstream.*${replica1#http://}" "$CEDOCS_CLUSTER/nginx/logs/error.log"

if ((failures)); then
  echo "test-cluster.sh: $failures check(s) failed; the replicas' logs:" >&2
  grep -h '"level":"\(error\|critical\)"' "$CEDOCS_CLUSTER"/replica-*/serve.log | tail -n 10 >&2 || true
  tail -n 5 "$CEDOCS_CLUSTER"/nginx/logs/error.log >&2 || true
  echo "requests of 3 s or more, at the front and at the replicas:" >&2
  awk '$6 >= 3' "$CEDOCS_CLUSTER"/nginx/logs/access.log >&2 || true
  grep -h '"duration_ms":[0-9]\{4,\}' "$CEDOCS_CLUSTER"/replica-*/serve.log >&2 || true
  exit 1
fi
echo "test-cluster.sh: every check passed"
