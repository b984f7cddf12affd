#!/usr/bin/env bash
# One command on a fresh Debian 12 machine with Swift: installs what is missing, builds cedocs in
# release mode, puts `cedocs` on PATH (a symlink /usr/local/bin/cedocs to the build; cedocs finds its
# templates/ and fonts/ through the link) and renders the built-in example into out/example/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/prepare-fonts.sh
scripts/build-info.sh
swift build -c release --product cedocs

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo ln -sfn "$PWD/.build/release/cedocs" /usr/local/bin/cedocs
hash -r
# From another folder, as a clerk would: the link must lead back to this checkout's data.
root=$PWD
(cd / && cedocs check "$root/examples/example.json")
cedocs render examples/example.json --out out/example --png
echo "cedocs: on PATH as $(command -v cedocs); the example's documents are in out/example/ (people/<ID>/<year>/, units/<unit>/<year>/)"
