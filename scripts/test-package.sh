#!/usr/bin/env bash
# Tests the Debian package on this machine (CI: a fresh Debian 12 machine, as root): builds it
# (scripts/package.sh, a release build), lintian reports no errors, it installs with dpkg, systemd-analyze
# verify accepts its unit as installed, the installed cedocs finds its fonts and templates (the checkout's,
# by their digest) from another folder and renders examples/example.json there, and its default
# configuration passes --check-config as the service's user; where systemd runs, the service starts,
# answers and reloads; then the package is purged. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

package=$root/$(scripts/package.sh | tail -1)
echo "cedocs: testing $package"
lintian --fail-on error "$package"

# A failure from here on must not leave the package installed.
trap '$sudo dpkg --purge cedocs >/dev/null' EXIT
# Missing dependencies make dpkg leave it unconfigured: apt-get brings them and configures it.
$sudo dpkg -i "$package" || DEBIAN_FRONTEND=noninteractive $sudo apt-get -f install -y -qq --no-install-recommends
systemd-analyze verify /lib/systemd/system/cedocs.service

# /usr/bin/cedocs, not whatever else PATH holds (setup.sh's /usr/local/bin/cedocs), and no CEDOCS_HOME.
work=$(mktemp -d)
(cd "$work" && env -u CEDOCS_HOME /usr/bin/cedocs --version | tee version.txt)
# The package's fonts and templates are the checkout's, file for file (this checkout's, whatever
# CEDOCS_HOME the caller has set).
digest=$(env -u CEDOCS_HOME .build/release/cedocs --version | sed -n 's/^fonts+templates sha256 \([0-9a-f]*\) .*/\1/p')
grep -q "^fonts+templates sha256 $digest (/usr/lib/cedocs)$" "$work/version.txt" \
  || { echo "cedocs: the installed fonts and templates are not the checkout's ($digest)" >&2; exit 1; }
(cd "$work" && env -u CEDOCS_HOME /usr/bin/cedocs render "$root/examples/example.json" --out example)
pdfs=$(find "$work/example" -name '*.pdf' | wc -l)
[ "$pdfs" -gt 0 ] || { echo "cedocs: the installed cedocs rendered no PDF" >&2; exit 1; }
pdftotext "$(find "$work/example" -name '*.pdf' | head -1)" - | grep -q . \
  || { echo "cedocs: a PDF of the installed cedocs holds no text" >&2; exit 1; }
$sudo runuser -u cedocs -- /usr/bin/cedocs serve --check-config /etc/cedocs/service.yaml
rm -rf "$work"

# Where systemd runs (a machine booted with it), the unit itself: it starts with its hardening and answers,
# a reload re-reads the tokens, it stops. The waits end at the event; the limits only stop a hang.
if [ -d /run/systemd/system ]; then
  $sudo systemctl start cedocs
  for _ in $(seq 600); do curl -fsS http://127.0.0.1:8080/healthz >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fsS http://127.0.0.1:8080/healthz
  curl -fsS http://127.0.0.1:8080/readyz     # its registry answers and its fonts are loaded
  $sudo systemctl reload cedocs
  for _ in $(seq 300); do $sudo journalctl -u cedocs -o cat | grep -q "tokens re-read" && break; sleep 0.1; done
  $sudo journalctl -u cedocs -o cat | grep "tokens re-read"
  systemctl is-active cedocs
  $sudo systemctl stop cedocs
else
  echo "cedocs: systemd does not run here: its unit was verified, not started"
fi

$sudo dpkg --purge cedocs
trap - EXIT
[ ! -e /usr/bin/cedocs ] && [ ! -e /etc/cedocs/service.yaml ] \
  || { echo "cedocs: files left after the purge" >&2; exit 1; }
echo "cedocs: the package builds, passes lintian, installs, renders $pdfs PDFs from another folder and purges"
