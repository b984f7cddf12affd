#!/usr/bin/python3
"""Prepares cedocs' Noto CJK faces once, at setup: the Simplified Chinese face of each collection,
without Hangul, with its outlines converted from CFF to TrueType.

Why: Cairo 1.16 reads a CFF font's whole table (and copies its whole subroutine set) into every PDF
it writes, so with Noto's five-language collections a one-page form carried ~200 KB of font data and
most of the time went to subsetting. For TrueType outlines Cairo reads only the glyphs a document
uses. The prepared faces keep every glyph a Chinese form can use (all ideographs Noto SC draws,
punctuation, Latin); curves are converted within 3/1000 em (0.011 mm at 10.5 pt, a quarter of a
600 dpi printer dot), which no print shows. What Noto lacks still falls back to HanaMin and
BabelStone Han.

The tolerance is a size and speed choice: font outlines are most of a one-page PDF and barely
compress, so every point costs bytes and deflate time in every document. 2/1000 em instead of
1/1000 em makes the outlines 8% smaller; 3/1000 em, no coarser than the grid every coordinate is
rounded to (below), makes a person's 附件1 2.3% smaller again (45.1 -> 44.1 KB on average over the
benchmark's 1,000 people). Drawn at 600 dpi, the pages of 2/1000 and 3/1000 differ only in pixels on
the edge of a stroke: of 1.8 million inked pixels of a 附件1, 10,132 change, all but one next to an
edge, so no stroke moves by a printer dot.

For the same reason the faces are scaled from 1000 to 250 units per em, as Chinese TrueType faces
such as SimSun (256) have long been drawn: a point's offset from the last one then mostly fits in one
byte of the glyf table, and a form's subset deflates 20% smaller. Every coordinate is rounded once,
on a grid of 1/250 em (0.011 mm at 10.5 pt, a quarter of a 600 dpi printer dot); the metrics of
Chinese text (advances, ascent and descent: multiples of 4/1000 em) are unchanged.

Each face is split in two: everyday text (every non-ideograph, and the 20,992 ideographs of the
CJK Unified Ideographs block, U+4E00-9FFF) in OUTPUT.ttf; the extensions (Extension A, the
compatibility ideographs, Extension B and beyond) in RARE.ttf under the family "<FAMILY> Rare",
which fonts.conf lists right after FAMILY. Why: every page a document touches of a mapped font file
stays in memory per thread, and Cairo copies a font's whole `loca` table into every subset it
writes; and for every glyph of every document Cairo looks the glyph up backwards through the
font's format-4 `cmap`, copying and scanning it whole. The unified block is nearly contiguous in
Noto, so its table has ~180 segments (GB 2312 alone would need 3,700: measured 1.5 ms per
document). A rare ideograph is drawn from the same design, from the second file.

usage: prepare-fonts.py SOURCE.ttc FAMILY OUTPUT.ttf RARE.ttf
"""
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable
from fontTools.ttLib.scaleUpem import scale_upem

KOREAN = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF)]
# Largest distance, in 1/1000 em, between a cubic curve and its quadratic replacement.
MAX_ERROR = 3.0
# Units per em of the prepared faces (Noto's are 1000).
UNITS_PER_EM = 250


IDEOGRAPHS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF)]


def everyday(u):
    """Not an ideograph, or one of the CJK Unified Ideographs block."""
    return 0x4E00 <= u <= 0x9FFF or not any(a <= u <= b for a, b in IDEOGRAPHS)


def simplified_chinese_face(source, family, rare):
    faces = [f for f in TTCollection(source).fonts if f["name"].getDebugName(1) == family]
    if not faces:
        sys.exit(f"prepare-fonts: {source} has no face named {family}")
    font = faces[0]
    keep = [u for u in font.getBestCmap()
            if not any(a <= u <= b for a, b in KOREAN) and everyday(u) != rare]
    options = subset.Options()
    # Horizontal Chinese needs no OpenType substitutions; keeping none keeps the language variants out.
    options.layout_features = ["kern"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    return font


def to_truetype(font):
    """TrueType outlines at UNITS_PER_EM, each point rounded once."""
    scale = UNITS_PER_EM / font["head"].unitsPerEm
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # PostScript contours run the other way round from TrueType's.
        quadratic = Cu2QuPen(pen, MAX_ERROR * UNITS_PER_EM / 1000, reverse_direction=True)
        glyphs[name].draw(TransformPen(quadratic, (scale, 0, 0, scale, 0, 0)))
        glyf[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    # Every other table's units (metrics, kerning, vertical metrics), now that no outline table is
    # left for scale_upem to scale a second time.
    scale_upem(font, UNITS_PER_EM)
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 1
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename_rare(font, family):
    """The rare half's own family, so that fontconfig keeps the two apart."""
    rare = family + " Rare"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = rare
        elif record.nameID in (3, 4):
            record.string = str(record.toUnicode()).replace(family, rare)
        elif record.nameID == 6:
            record.string = str(record.toUnicode()).replace("-", "Rare-", 1)


def main(source, family, output, rare_output):
    for rare, path in ((False, output), (True, rare_output)):
        font = simplified_chinese_face(source, family, rare)
        if rare:
            rename_rare(font, family)
        to_truetype(font)
        font.save(path)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
