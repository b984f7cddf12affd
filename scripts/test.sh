#!/usr/bin/env bash
# Runs every test: installs what is missing first, so it works on a fresh machine too.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/prepare-fonts.sh
swift build --build-tests
swift test --skip-build
