#!/usr/bin/env bash
# Renders the app icon (assets/icons/schakel.svg) to the PNG sizes the desktop, the .deb
# and the window (raw RGBA) use, plus the Windows .ico and (where png2icns exists) the macOS .icns.
# The results are committed; run this again only after changing the SVG.
#   needs: rsvg-convert (librsvg2-bin), ImageMagick (imagemagick), optional png2icns (icnsutils)
set -euo pipefail
cd "$(dirname "$0")/.."
svg=assets/icons/schakel.svg
for n in 16 32 48 64 128 256 512; do
    rsvg-convert -w "$n" -h "$n" "$svg" -o "assets/icons/schakel-$n.png"
done
# ImageMagick 6 on Debian; /usr/local/bin/convert may be a stand-in on some machines.
im=$(command -v convert-im6.q16 || command -v magick || command -v convert)
"$im" assets/icons/schakel-{16,32,48,64,128,256}.png packaging/windows/schakel.ico
# Raw 64x64 RGBA pixels for the window icon (src/ui/mod.rs): no image decoder in the app.
"$im" assets/icons/schakel-64.png -depth 8 RGBA:assets/icons/schakel-64.rgba
if command -v png2icns >/dev/null; then
    png2icns packaging/macos/schakel.icns assets/icons/schakel-{16,32,128,256,512}.png >/dev/null
else
    echo "png2icns (icnsutils) ontbreekt: packaging/macos/schakel.icns niet bijgewerkt." >&2
fi
ls -l assets/icons packaging/windows/schakel.ico
