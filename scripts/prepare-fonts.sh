#!/usr/bin/env bash
# Prepares the Noto CJK SC faces into fonts/prepared/ (SC faces, TrueType outlines: see prepare-fonts.py for why). Idempotent: a face
# already prepared from the installed package is kept. Takes a minute or two the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

noto=/usr/share/fonts/opentype/noto
out=fonts/prepared
mkdir -p "$out"
# Anything else in the folder (an earlier format, a half-written file) would be seen by fontconfig too.
faces=(NotoSerifCJKsc-Regular NotoSerifCJKsc-Bold NotoSansCJKsc-Regular)
keep=()
for face in "${faces[@]}"; do keep+=(! -name "$face.ttf" ! -name "$face-Rare.ttf"); done
find "$out" -type f "${keep[@]}" -delete

prepare() { # source family face: writes <face>.ttf and <face>-Rare.ttf
  local target="$out/$3.ttf" rare="$out/$3-Rare.ttf"
  if [ -s "$target" ] && [ -s "$rare" ] && [ "$target" -nt "$noto/$1" ] && [ "$target" -nt scripts/prepare-fonts.py ] \
     && [ "$rare" -nt scripts/prepare-fonts.py ]; then return 0; fi
  /usr/bin/python3 scripts/prepare-fonts.py "$noto/$1" "$2" "$target.tmp" "$rare.tmp"
  mv "$rare.tmp" "$rare"
  mv "$target.tmp" "$target"
  echo "cedocs: prepared $target and $rare"
}

# Two at a time: each takes most of a core.
prepare NotoSerifCJK-Regular.ttc "Noto Serif CJK SC" NotoSerifCJKsc-Regular & serif=$!
prepare NotoSerifCJK-Bold.ttc "Noto Serif CJK SC" NotoSerifCJKsc-Bold & bold=$!
wait "$serif"
wait "$bold"
prepare NotoSansCJK-Regular.ttc "Noto Sans CJK SC" NotoSansCJKsc-Regular
