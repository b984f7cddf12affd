#!/usr/bin/env bash
# Load test of `cedocs serve` on loopback: clients post the example records to
# /v1/render/registration for one person, in two cases against the same pool of POOL requests at work:
#   unloaded  POOL clients: every request finds a place;
#   overload  4 × POOL clients: most requests find the pool full and get 503 + Retry-After.
# The clients (hey, from Debian) ask again as soon as they are answered, refused or not: the worst
# case, a client that ignores Retry-After. For each case: rendered answers (200) per second, refusals
# (503) per second, and the p50 and p99 latency of the rendered ones; then how much of the unloaded
# rate survives the overload (issue 18's target: at least 0.80). Bounded in time, loopback only; the
# server it starts is stopped at the end.
#   scripts/load.sh                       # .build/release/cedocs (built if missing), POOL=2, 10 s a case
#   CEDOCS=.build-x/debug/cedocs DURATION=5 POOL=4 scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cedocs=${CEDOCS:-.build/release/cedocs}
duration=${DURATION:-10}
pool=${POOL:-2}
port=${PORT:-18080}
[ -x "$cedocs" ] || swift build -c release --product cedocs
command -v hey >/dev/null || { echo "load.sh: hey is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }

work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

read -r unit person < <(python3 -c 'import json; d = json.load(open("examples/example.json")); print(d["unit"]["name"], d["people"][0]["id_number"])')
token=$("$cedocs" serve hash-token --new)
secret=$(sed -n 's/^token: //p' <<<"$token")
digest=$(sed -n 's/^sha256: //p' <<<"$token")
cat >"$work/service.yaml" <<YAML
request_log: stamp-requests.sqlite
limits: { pending_requests: $pool, per_token_requests: $pool }
tokens:
  - { name: load test, unit: "$unit", sha256: $digest }
YAML

"$cedocs" serve --config "$work/service.yaml" --host 127.0.0.1 --port "$port" 2>"$work/server.log" &
server=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
url="http://127.0.0.1:$port/v1/render/registration?person=$person"
# One request first: it must be a PDF, and it warms the fonts.
curl -fs -o "$work/first.pdf" -H "Authorization: Bearer $secret" -H "Content-Type: application/json" \
  --data-binary @examples/example.json "$url"
head -c 5 "$work/first.pdf" | grep -q '%PDF-' || { echo "load.sh: the first render was not a PDF" >&2; exit 1; }

# measure CASE CLIENTS: one line of figures, and the rendered rate into $work/CASE.rate.
measure() {
  local name=$1 clients=$2
  hey -z "${duration}s" -c "$clients" -t 30 -m POST -T application/json -H "Authorization: Bearer $secret" \
    -D examples/example.json -o csv "$url" >"$work/$name.csv"
  python3 - "$work/$name.csv" "$name" "$clients" "$duration" "$work/$name.rate" <<'PY'
import csv, sys
path, name, clients, duration, rate_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
rendered, refused, other = [], 0, {}
for row in csv.DictReader(open(path)):
    status = row["status-code"]
    if status == "200":
        rendered.append(float(row["response-time"]))
    elif status == "503":
        refused += 1
    else:
        other[status] = other.get(status, 0) + 1
if not rendered:
    sys.exit(f"load.sh: no request was rendered in the {name} case")
rendered.sort()
def percentile(p):
    return rendered[min(len(rendered) - 1, int(p * len(rendered)))] * 1000
rate = len(rendered) / duration
open(rate_file, "w").write(f"{rate}\n")
others = "".join(f", {count} answered {status}" for status, count in sorted(other.items()))
print(f"{name:9s} {clients:2d} clients: {rate:7.1f} rendered/s, {refused / duration:8.1f} refused/s (503), "
      f"rendered p50 {percentile(0.50):6.1f} ms, p99 {percentile(0.99):6.1f} ms{others}")
PY
}

echo "render registration on loopback, pool of $pool requests at work, $duration s a case"
measure unloaded "$pool"
measure overload $((4 * pool))
awk -v u="$(cat "$work/unloaded.rate")" -v o="$(cat "$work/overload.rate")" \
  'BEGIN { printf "rendered under overload / unloaded: %.2f (target ≥ 0.80)\n", o / u }'
