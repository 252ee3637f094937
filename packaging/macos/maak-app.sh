#!/usr/bin/env bash
# Assembles target/macos/Schakel.app from a release build. Run on a Mac (NOT TESTED: this
# project is built on Linux; see packaging/README.md). Signing and notarisation are up to
# the IT department (codesign / notarytool with their own Developer ID).
#   bash packaging/macos/maak-app.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
versie=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
cargo build --locked --release --bin schakel
app=target/macos/Schakel.app
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp target/release/schakel "$app/Contents/MacOS/schakel"
sed "s/@VERSIE@/$versie/g" packaging/macos/Info.plist > "$app/Contents/Info.plist"
cp packaging/macos/schakel.icns "$app/Contents/Resources/schakel.icns"
cp LICENSE assets/licenties-derden.txt assets/fonts/LICENSE-DejaVu.txt "$app/Contents/Resources/"
if command -v plutil >/dev/null; then plutil -lint "$app/Contents/Info.plist"; fi
echo "Gemaakt: $app (versie $versie)"
