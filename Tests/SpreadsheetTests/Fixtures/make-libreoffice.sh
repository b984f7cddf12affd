#!/bin/sh
# Makes example-libreoffice.xlsx (see README.md). Needs a debug build and libreoffice-calc; CI does not run it.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
"$root/.build/debug/cedocs" template xlsx --from "$root/examples/example.json" -o "$work/filled.xlsx"
soffice --headless --calc --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/lo" "$work/filled.xlsx"
cp "$work/lo/filled.xlsx" "$root/Tests/SpreadsheetTests/Fixtures/example-libreoffice.xlsx"
rm -rf "$work"
