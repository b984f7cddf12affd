#!/usr/bin/python3
"""Prepares cedocs' Noto CJK faces once, at setup: the Simplified Chinese face of each collection,
without Hangul, with its CFF outlines desubroutinized.

Why: Cairo 1.16 copies a CFF font's whole subroutine set into every PDF's font subset and parses the
whole face for each document. Noto's collections hold five languages and huge subroutine tables, so a
one-page form carried ~200 KB of font data and spent most of its time subsetting. The prepared faces
keep every glyph a Chinese form can use (all ideographs, Extension A and beyond that Noto SC draws,
punctuation, Latin), so the pages look the same; what Noto lacks still falls back to HanaMin and
BabelStone Han.

usage: prepare-fonts.py SOURCE.ttc FAMILY OUTPUT.otf
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

KOREAN = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF)]


def main(source, family, output):
    faces = [f for f in TTCollection(source).fonts if f["name"].getDebugName(1) == family]
    if not faces:
        sys.exit(f"prepare-fonts: {source} has no face named {family}")
    font = faces[0]
    keep = [u for u in font.getBestCmap() if not any(a <= u <= b for a, b in KOREAN)]
    options = subset.Options()
    options.desubroutinize = True
    # Horizontal Chinese needs no OpenType substitutions; keeping none keeps the language variants out.
    options.layout_features = ["kern"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    font.save(output)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
