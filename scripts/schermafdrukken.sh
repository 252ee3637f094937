#!/usr/bin/env bash
# Screenshots of the real window under Xvfb, on fictional demo data: the board, a casus
# detail, the plan editor, the journal, partners, the sync screen (with a colleague
# and a conflict), a meeting being prepared and held (BOB minutes), the kengetallen and the
# privacy page. The passphrase is typed into the unlock screen like a user would. Usage: bash scripts/schermafdrukken.sh [output dir, default screenshots/]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh schermafdruk
# SCHAKEL_BIN=target/debug/schakel uses an existing build instead of a release build.
if [ -n "${SCHAKEL_BIN:-}" ]; then
    BIN=$(realpath "$SCHAKEL_BIN")
else
    cargo build --release --locked
    # Cargo's target dir as Cargo sees it (CARGO_TARGET_DIR, .cargo/config, or ./target).
    DOEL=$(cargo metadata --locked --no-deps --format-version 1 | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
    BIN=$DOEL/release/schakel
fi
UIT=$(realpath -m "${1:-screenshots}")
mkdir -p "$UIT"
WERK=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$WERK"' EXIT
export SCHAKEL_DATA_DIR=$WERK/data
export SCHAKEL_PASSPHRASE="schermafdruk-wachtwoord"
"$BIN" demo --cases 300 >/dev/null
# Shorter terms for two themes, so the "Te verwijderen" list on the privacy page has rows.
"$BIN" bewaartermijn instellen --thema nazorg --maanden 6 >/dev/null
"$BIN" bewaartermijn instellen --thema com --maanden 6 >/dev/null
CASUS=$("$BIN" casus list --fase procesregie --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["casusnummer"])')

# A colleague (fictional) on a second data dir: exchange cards, confirm fingerprints,
# sync, then both change the AVE phase of one case so the sync screen shows a conflict.
B=$WERK/collega
veld() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
"$BIN" --data-dir "$B" init --naam "Bram Bosuil" --rol procesregisseur >/dev/null
VA=$("$BIN" team kaartje -o "$WERK/a.json" --json | veld vingerafdruk)
VB=$("$BIN" --data-dir "$B" team kaartje -o "$WERK/b.json" --json | veld vingerafdruk)
"$BIN" team add "$WERK/b.json" >/dev/null
"$BIN" --data-dir "$B" team add "$WERK/a.json" >/dev/null
"$BIN" team bevestig "Bram Bosuil" --vingerafdruk "$VB" >/dev/null
"$BIN" --data-dir "$B" team bevestig "$("$BIN" team list --json | veld apparaat)" --vingerafdruk "$VA" >/dev/null
"$BIN" casus show "$CASUS" >/dev/null
"$BIN" sync export --alles --casus "$CASUS" -o "$WERK/a1.schakel" >/dev/null
"$BIN" --data-dir "$B" sync import "$WERK/a1.schakel" >/dev/null
"$BIN" casus ave "$CASUS" 2 --reden "Stabiel na huisbezoek" >/dev/null
"$BIN" --data-dir "$B" casus ave "$CASUS" 4 --reden "Zorgen na PI-bezoek" >/dev/null
"$BIN" --data-dir "$B" sync export -o "$WERK/b1.schakel" >/dev/null
"$BIN" sync import "$WERK/b1.schakel" >/dev/null
unset SCHAKEL_PASSPHRASE # the window asks for it
SCHERM=${SCHAKEL_XVFB_SCHERM:-77} # another display number when two runs share a machine
Xvfb ":$SCHERM" -screen 0 1440x900x24 -nolisten tcp &
XVFB=$!
export DISPLAY=":$SCHERM" ICED_BACKEND=tiny-skia
unset WAYLAND_DISPLAY WAYLAND_SOCKET
sleep 1

foto() {
    local naam=$1
    shift
    "$BIN" venster "$@" &
    local app=$!
    local win
    win=$(xdotool search --sync --name "Schakel" | head -1)
    sleep 2
    # No window manager under Xvfb: give the window the keyboard focus ourselves.
    xdotool windowfocus --sync "$win"
    xdotool mousemove --window "$win" 700 420 click 1
    xdotool type --delay 15 "schermafdruk-wachtwoord"
    xdotool key Return
    sleep 4
    import -window root "$UIT/$naam.png"
    kill "$app"
    wait "$app" 2>/dev/null || true
    echo "$UIT/$naam.png"
}
foto bord
foto casus --casus "$CASUS"
foto plan --casus "$CASUS" --tab plan
foto journaal --casus "$CASUS" --tab journaal
foto synchronisatie --pagina synchronisatie
foto partners --pagina partners
foto overleggen --pagina overleggen
foto overleg-voeren --pagina overleggen --tab voeren
foto kengetallen --pagina kengetallen
foto privacy --pagina privacy
