#!/usr/bin/env bash
# Regenerates reports/fonts/*.ttf: DejaVu Sans (regular, bold) cut down to the
# scripts that Dutch companies and their staff write in: Latin (with Turkish,
# Polish, Romanian…), Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic
# (unshaped), plus punctuation, currency, symbols and U+FFFD, the visible
# stand-in the renderer draws for any other character.
# Why: libharu maps all 65,536 code points through the font's cmap and embeds
# the whole file, so the full 750 KB fonts cost ~20 ms and ~90 KB per font per
# PDF; the subsets cost ~3 ms and ~15 KB. Needs python3-fonttools (Debian).
# DejaVu's licence (reports/fonts/LICENSE) allows modified copies.
set -euo pipefail
src=${1:-/usr/share/fonts/truetype/dejavu}
out=$(dirname "$0")/../reports/fonts
ranges="U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+0530-058F,U+0590-05FF,U+0600-06FF,U+10A0-10FF,U+1E00-1EFF,U+1F00-1FFF,U+2000-206F,U+20A0-20BF,U+2100-2122,U+2190-2199,U+2212-2215,U+2260-2265,U+25A0-25CF,U+2713-2717,U+FB50-FDFF,U+FE70-FEFF,U+FFFD"
for f in DejaVuSans DejaVuSans-Bold; do
  /usr/bin/python3 -m fontTools.subset "$src/$f.ttf" --unicodes="$ranges" \
    --output-file="$out/$f.ttf" --no-hinting --layout-features='' \
    --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM
done
