# Sourced by the scripts that start servers on loopback (cluster.sh, test-browser.sh).

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_until URL: until it answers 2xx (the process is up and can work), for at most 30 s.
wait_until() {
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "${0##*/}: $1 never answered" >&2
  return 1
}
