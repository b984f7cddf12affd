#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the tests and for trying the city registry (issue 16), on a free loopback
# port in a temporary folder:
#   scripts/pg.sh start        prints postgresql://cedocs@127.0.0.1:PORT/cedocs (trust on loopback only)
#   scripts/pg.sh stop URL     stops that server and removes its folder
#   scripts/pg.sh halt URL     stops that server, keeping its folder (the tests' database outage)
#   scripts/pg.sh resume URL   starts it again after halt, on the same port
# PostgreSQL refuses to run as root: as root, the server runs as the unprivileged user `postgres`
# (made by Debian's postgresql-common), otherwise as the caller.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# run_server DIR PORT: the server of DIR started on PORT, waiting until it accepts connections.
run_server() {
  as_server "$bin/pg_ctl" --pgdata="$1/data" --log="$1/server.log" --wait --silent \
    -o "-c listen_addresses=127.0.0.1 -c port=$2 -c unix_socket_directories=$1 -c fsync=off -c max_connections=200" start
}

# folder_of URL: the folder of pg.sh's server behind URL, as "PORT DIR".
folder_of() {
  local port dir
  port=$(sed -n 's|^postgresql://[^@]*@127\.0\.0\.1:\([0-9]*\)/.*$|\1|p' <<<"${1:-}")
  [ -n "$port" ] || { echo "usage: scripts/pg.sh stop|halt|resume postgresql://cedocs@127.0.0.1:PORT/cedocs" >&2; exit 2; }
  dir=$(readlink "${TMPDIR:-/tmp}/cedocs-pg-$port") || { echo "pg.sh: no server of pg.sh on port $port" >&2; exit 2; }
  echo "$port $dir"
}

start() {
  [ -x "$bin/initdb" ] || { echo "pg.sh: PostgreSQL 15 is missing (scripts/install-deps.sh installs postgresql-15)" >&2; exit 2; }
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/cedocs-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_server "$bin/initdb" --pgdata="$dir/data" --username=cedocs --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 2; }
  # A port nobody listens on; tried again should another process take it first.
  for _ in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if run_server "$dir" "$port"; then
      ln -s "$dir" "${TMPDIR:-/tmp}/cedocs-pg-$port"
      as_server "$bin/createdb" --host=127.0.0.1 --port="$port" --username=cedocs cedocs
      echo "postgresql://cedocs@127.0.0.1:$port/cedocs"
      return
    fi
  done
  cat "$dir/server.log" >&2
  exit 2
}

stop() {
  local port dir
  read -r port dir < <(folder_of "$1")
  as_server "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop || true
  rm -rf "$dir" "${TMPDIR:-/tmp}/cedocs-pg-$port"
}

halt() {
  local port dir
  read -r port dir < <(folder_of "$1")
  as_server "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop
}

resume() {
  local port dir
  read -r port dir < <(folder_of "$1")
  run_server "$dir" "$port"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  halt) halt "${2:-}" ;;
  resume) resume "${2:-}" ;;
  *) echo "usage: scripts/pg.sh start | stop URL | halt URL | resume URL" >&2; exit 2 ;;
esac
