#!/usr/bin/env bash
# Prepares the Noto CJK SC faces into fonts/prepared/ (SC faces, TrueType outlines: see prepare-fonts.py for why). Idempotent: a face
# already prepared from the installed package is kept. Takes a minute or two the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

noto=/usr/share/fonts/opentype/noto
out=fonts/prepared
mkdir -p "$out"
# Anything else in the folder (an earlier format, a half-written file) would be seen by fontconfig too.
find "$out" -type f ! -name NotoSerifCJKsc-Regular.ttf ! -name NotoSerifCJKsc-Bold.ttf ! -name NotoSansCJKsc-Regular.ttf -delete

prepare() { # source family output
  local target="$out/$3"
  if [ -s "$target" ] && [ "$target" -nt "$noto/$1" ] && [ "$target" -nt scripts/prepare-fonts.py ]; then return 0; fi
  /usr/bin/python3 scripts/prepare-fonts.py "$noto/$1" "$2" "$target.tmp"
  mv "$target.tmp" "$target"
  echo "cedocs: prepared $target"
}

# Two at a time: each takes most of a core.
prepare NotoSerifCJK-Regular.ttc "Noto Serif CJK SC" NotoSerifCJKsc-Regular.ttf & serif=$!
prepare NotoSerifCJK-Bold.ttc "Noto Serif CJK SC" NotoSerifCJKsc-Bold.ttf & bold=$!
wait "$serif"
wait "$bold"
prepare NotoSansCJK-Regular.ttc "Noto Sans CJK SC" NotoSansCJKsc-Regular.ttf
