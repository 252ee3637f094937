#!/usr/bin/env bash
# Screenshots of the real window under Xvfb, on fictional demo data: the board, a casus
# detail and the plan editor. The passphrase is typed into the unlock screen like a
# user would. Usage: bash scripts/schermafdrukken.sh [output dir, default screenshots/]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh schermafdruk
cargo build --release --locked
BIN=$PWD/target/release/schakel
UIT=$(realpath -m "${1:-screenshots}")
mkdir -p "$UIT"
WERK=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$WERK"' EXIT
export SCHAKEL_DATA_DIR=$WERK/data
export SCHAKEL_PASSPHRASE="schermafdruk-wachtwoord"
"$BIN" demo --cases 300 >/dev/null
CASUS=$("$BIN" casus list --fase procesregie --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["casusnummer"])')
unset SCHAKEL_PASSPHRASE # the window asks for it
Xvfb :77 -screen 0 1440x900x24 -nolisten tcp &
XVFB=$!
export DISPLAY=:77 ICED_BACKEND=tiny-skia
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
