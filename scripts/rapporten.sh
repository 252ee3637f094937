#!/usr/bin/env bash
# Generate every PDF report on fictional demo data, validate each with `qpdf --check`
# and render the pages to PNG with pdftoppm for a visual check.
# Usage: bash scripts/rapporten.sh [output dir, default rapporten/] [schakel binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh rapporten
UIT=$(realpath -m "${1:-rapporten}")
BIN=${2:-}
if [ -z "$BIN" ]; then
    cargo build --locked
    # Cargo's target dir as Cargo sees it (CARGO_TARGET_DIR, .cargo/config, or ./target).
    DOEL=$(cargo metadata --locked --no-deps --format-version 1 | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
    BIN=$DOEL/debug/schakel
fi
mkdir -p "$UIT"
WERK=$(mktemp -d)
trap 'rm -rf "$WERK"' EXIT
export SCHAKEL_DATA_DIR=$WERK/data SCHAKEL_PASSPHRASE="rapport-voorbeeld-wachtwoord"
"$BIN" demo --cases 40 >/dev/null
OVERLEG=$("$BIN" overleg list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
CASUS=$("$BIN" casus list --fase procesregie --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["casusnummer"])')
"$BIN" rapport agenda "$OVERLEG" -o "$UIT/agenda.pdf"
"$BIN" rapport verslag "$OVERLEG" -o "$UIT/verslag.pdf"
"$BIN" rapport plan "$CASUS" --versie 1 -o "$UIT/plan.pdf"
"$BIN" rapport overzicht "$CASUS" -o "$UIT/overzicht.pdf"
for f in "$UIT"/*.pdf; do
    qpdf --check "$f" >/dev/null
    echo "qpdf --check ok: $f"
    pdftoppm -r 60 -png "$f" "${f%.pdf}"
done
