#!/usr/bin/env bash
# A city in a temporary folder, for trying it and for the tests (issue 16, point 2): a throwaway PostgreSQL
# (scripts/pg.sh), migrated; two `cedocs serve` replicas on free loopback ports sharing it; nginx (Debian's)
# in front of them on a free loopback port.
#   eval "$(scripts/cluster.sh start)"     prints env lines: CEDOCS_CLUSTER (the folder), CEDOCS_FRONT (nginx),
#                                          CEDOCS_REPLICAS (each replica directly), CEDOCS_REGISTRY, and the files
#                                          of the agency XZPX's and the 市职称办's tokens
#   scripts/cluster.sh stop "$CEDOCS_CLUSTER"   stops everything and removes the folder
# The agency's profile (signing key and seal) is on disk in the folder, read by both replicas; only results
# go into the database. CEDOCS names the binary (default .build/debug/cedocs, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

cedocs=${CEDOCS:-.build/debug/cedocs}
# The service's limits, written into each replica's service.yaml and matched by nginx.
body_bytes=8388608
request_seconds=120
idle_seconds=5

# shellcheck source=scripts/ports.sh
. scripts/ports.sh

start() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] \
    || { echo "cluster.sh: nginx is missing (scripts/install-deps.sh installs nginx-light)" >&2; exit 2; }
  command -v curl >/dev/null || { echo "cluster.sh: curl is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
  [ -x "$cedocs" ] || swift build --product cedocs >&2
  cedocs=$(realpath "$cedocs")

  # Globals: the EXIT trap reads them after start has returned.
  dir=$(mktemp -d "${TMPDIR:-/tmp}/cedocs-cluster.XXXXXX")
  # Whatever fails from here on, nothing is left running and the folder goes.
  started=""
  trap '[ -n "$started" ] || stop "$dir" >&2' EXIT
  trap 'exit 1' INT TERM
  # nginx's workers drop root (user nobody): they must reach their temporary folders inside.
  chmod 755 "$dir"
  mkdir -p "$dir/tokens"

  local registry
  registry=$(scripts/pg.sh start)
  echo "$registry" >"$dir/registry"
  "$cedocs" registry migrate --registry "$registry" >"$dir/migrate.log"

  local front p1 p2
  front=$(free_port)
  "$cedocs" agency init 徐州市职业技术培训中心 --code XZPX --district 市直 \
    --seal Tests/StampPipelineTests/Fixtures/red-ring.png --verify-base "http://127.0.0.1:$front/v1/verify" \
    --config "$dir" >"$dir/agency.log"

  # token NAME: a new bearer token; its secret into tokens/NAME (0600), its digest printed.
  token() {
    local made
    made=$("$cedocs" serve hash-token --new)
    (umask 077; sed -n 's/^token: //p' <<<"$made" >"$dir/tokens/$1")
    sed -n 's/^sha256: //p' <<<"$made"
  }
  local agency_digest bureau_digest
  agency_digest=$(token agency)
  bureau_digest=$(token bureau)

  local ports=() n port
  for n in 1 2; do
    port=$(free_port)
    ports+=("$port")
    mkdir "$dir/replica-$n"
    cat >"$dir/replica-$n/service.yaml" <<YAML
request_log: stamp-requests.sqlite
registry: "$registry"
limits: { body_bytes: $body_bytes, request_seconds: $request_seconds, idle_seconds: $idle_seconds }
verify_rate: { trusted_proxies: ["127.0.0.1"] }   # nginx: its X-Forwarded-For names the client
tokens:
  - { name: 徐州市职业技术培训中心, agency: ../agencies/XZPX, sha256: $agency_digest }
  - { name: 徐州市职称办, bureau: true, sha256: $bureau_digest }
YAML
    "$cedocs" serve --config "$dir/replica-$n/service.yaml" --host 127.0.0.1 --port "$port" \
      </dev/null >"$dir/replica-$n/serve.log" 2>&1 &
    echo $! >"$dir/replica-$n/pid"
  done
  p1=${ports[0]} p2=${ports[1]}

  mkdir -p "$dir/nginx/logs"
  # Timeouts above the service's request_seconds: the service answers 408 itself, nginx never cuts first.
  # Idle upstream connections are dropped before the service's idle_seconds closes them: a request is
  # never written onto a connection the replica is closing. Retries (the next replica, on a refused
  # connection or a timeout) are for idempotent requests only, nginx's default: a stamp is never sent twice.
  cat >"$dir/nginx/nginx.conf" <<NGINX
daemon on;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/logs/error.log warn;
worker_processes 1;
events { worker_connections 256; }
http {
  # Which replica answered, and how long each took: the first place to look when a request was slow.
  log_format cedocs '\$time_iso8601 \$status "\$request" \$request_time s, upstream \$upstream_addr \$upstream_status '
                    '\$upstream_response_time s, id \$cedocs_request_id';
  access_log $dir/nginx/logs/access.log cedocs;
  client_body_temp_path $dir/nginx/client_body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  map \$http_x_request_id \$cedocs_request_id { "" \$request_id; default \$http_x_request_id; }
  upstream cedocs {
    server 127.0.0.1:$p1 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$p2 max_fails=1 fail_timeout=10s;
    keepalive 16;
    keepalive_timeout $((idle_seconds - 1))s;
  }
  server {
    listen 127.0.0.1:$front;
    client_max_body_size $body_bytes;
    location / {
      proxy_pass http://cedocs;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id \$cedocs_request_id;
      proxy_connect_timeout 2s;
      proxy_send_timeout $((request_seconds + 10))s;
      proxy_read_timeout $((request_seconds + 10))s;
      proxy_next_upstream error timeout;
      proxy_buffering off;
    }
  }
}
NGINX
  PATH=$PATH:/usr/sbin nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/logs/error.log" \
    </dev/null >"$dir/nginx/logs/start.log" 2>&1 || { cat "$dir/nginx/logs/start.log" >&2; false; }

  wait_until "http://127.0.0.1:$p1/readyz" || { cat "$dir/replica-1/serve.log" >&2; false; }
  wait_until "http://127.0.0.1:$p2/readyz" || { cat "$dir/replica-2/serve.log" >&2; false; }
  wait_until "http://127.0.0.1:$front/readyz"
  started=yes

  cat <<ENV
export CEDOCS_CLUSTER=$dir
export CEDOCS_FRONT=http://127.0.0.1:$front
export CEDOCS_REPLICAS="http://127.0.0.1:$p1 http://127.0.0.1:$p2"
export CEDOCS_REGISTRY=$registry
export CEDOCS_AGENCY_TOKEN_FILE=$dir/tokens/agency
export CEDOCS_BUREAU_TOKEN_FILE=$dir/tokens/bureau
ENV
}

# stop DIR: what runs of the cluster in DIR, stopped (those already gone skipped), and DIR removed.
stop() {
  local dir=$1 pid n
  [ -f "$dir/nginx/nginx.pid" ] && PATH=$PATH:/usr/sbin nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" \
    -e "$dir/nginx/logs/error.log" -s quit 2>/dev/null || true
  for n in 1 2; do
    pid=$(cat "$dir/replica-$n/pid" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null || continue
    # Not our child here: wait until it is gone (a replica finishes its requests first), at most 10 s.
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  [ -f "$dir/registry" ] && scripts/pg.sh stop "$(cat "$dir/registry")" || true
  for _ in $(seq 1 50); do [ -f "$dir/nginx/nginx.pid" ] || break; sleep 0.1; done
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop)
    [ -n "${2:-}" ] && [ -f "${2}/registry" -o -d "${2}/replica-1" ] \
      || { echo "usage: scripts/cluster.sh stop DIR (the CEDOCS_CLUSTER that start printed)" >&2; exit 2; }
    stop "$2" ;;
  *) echo "usage: scripts/cluster.sh start | stop DIR" >&2; exit 2 ;;
esac
