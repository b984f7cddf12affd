#!/usr/bin/env bash
# Load test of `cedocs serve` on loopback: wrk posts the example records to /v1/render/registration for
# one person for DURATION seconds over CONNECTIONS connections, then prints requests per second and
# the p50/p99 latency. Bounded in time, loopback only; the server it starts is stopped at the end.
#   scripts/load.sh                       # .build/release/cedocs (built if missing), 10 s, 4 connections
#   CEDOCS=.build-x/debug/cedocs DURATION=5 CONNECTIONS=8 scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cedocs=${CEDOCS:-.build/release/cedocs}
duration=${DURATION:-10}
connections=${CONNECTIONS:-4}
port=${PORT:-18080}
[ -x "$cedocs" ] || swift build -c release --product cedocs
command -v wrk >/dev/null || { echo "load.sh: wrk is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }

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
limits: { pending_requests: 64 }
tokens:
  - { name: load test, unit: "$unit", sha256: $digest }
YAML
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $secret"
local file = io.open("examples/example.json", "rb")
wrk.body = file:read("*a")
file:close()
LUA

"$cedocs" serve --config "$work/service.yaml" --host 127.0.0.1 --port "$port" 2>"$work/server.log" &
server=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
# One request first: it must be a PDF, and it warms the fonts.
curl -fs -o "$work/first.pdf" -H "Authorization: Bearer $secret" -H "Content-Type: application/json" \
  --data-binary @examples/example.json "http://127.0.0.1:$port/v1/render/registration?person=$person"
head -c 5 "$work/first.pdf" | grep -q '%PDF-' || { echo "load.sh: the first render was not a PDF" >&2; exit 1; }

wrk -t 2 -c "$connections" -d "${duration}s" --timeout 30s --latency -s "$work/post.lua" \
  "http://127.0.0.1:$port/v1/render/registration?person=$person" >"$work/wrk.txt"
cat "$work/wrk.txt"
rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
echo "render registration: ${rps} requests/s, p50 ${p50}, p99 ${p99}, ${connections} connections, ${duration} s${non2xx:+, non-2xx answers: $non2xx}"
