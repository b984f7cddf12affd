#!/usr/bin/env bash
# Writes Sources/CBuildInfo/commit.h, the commit `cedocs --version` names: the checkout's HEAD, with
# "-dirty" when tracked files differ from it; "unknown" outside a git checkout or without git. Written
# only when it changes, so an unchanged commit rebuilds nothing. Run by the scripts before they build.
set -euo pipefail
cd "$(dirname "$0")/.."

commit=unknown
if command -v git >/dev/null && head=$(git rev-parse --verify -q HEAD 2>/dev/null); then
  commit=$head
  git diff --quiet HEAD -- 2>/dev/null || commit="$head-dirty"
fi

header=Sources/CBuildInfo/commit.h
line="#define CEDOCS_COMMIT \"$commit\""
if [ "$(cat "$header" 2>/dev/null)" != "$line" ]; then
  printf '%s\n' "$line" > "$header"
  # A header that did not exist at the last build is in no dependency list: make the build see it.
  touch Sources/CBuildInfo/build_info.c
fi
