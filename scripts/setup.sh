#!/usr/bin/env bash
# One command on a fresh Debian 12 machine with Swift: installs what is missing, builds cedocs in
# release mode, and renders the built-in example into out/example/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/prepare-fonts.sh
swift build -c release --product cedocs
.build/release/cedocs check examples/example.json
.build/release/cedocs render examples/example.json --out out/example --png
echo "cedocs: the example's documents are in out/example/ (people/<ID>/<year>/, units/<unit>/<year>/)"
