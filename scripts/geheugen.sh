#!/usr/bin/env bash
# Peak resident memory of the window with the board open on N demo cases (default 5000),
# under Xvfb with the tiny-skia renderer. Prints VmHWM of the process after the board is
# shown and scrolled, and writes screenshots/geheugen-bord.png as proof of what was open.
# Usage: bash scripts/geheugen.sh [cases]
set -euo pipefail
cd "$(dirname "$0")/.."
AANTAL=${1:-5000}
bash scripts/systeempakketten.sh schermafdruk
cargo build --release --locked
# Cargo's target dir as Cargo sees it (CARGO_TARGET_DIR, .cargo/config, or ./target).
DOEL=$(cargo metadata --locked --no-deps --format-version 1 | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
BIN=$DOEL/release/schakel
WERK=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$WERK"' EXIT
export SCHAKEL_DATA_DIR=$WERK/data
export SCHAKEL_PASSPHRASE="geheugen-wachtwoord"
"$BIN" demo --cases "$AANTAL" >/dev/null
unset SCHAKEL_PASSPHRASE
Xvfb :78 -screen 0 1440x900x24 -nolisten tcp &
XVFB=$!
export DISPLAY=:78 ICED_BACKEND=tiny-skia
unset WAYLAND_DISPLAY WAYLAND_SOCKET
sleep 1
"$BIN" &
APP=$!
WIN=$(xdotool search --sync --name "Schakel" | head -1)
sleep 2
xdotool windowfocus --sync "$WIN"
xdotool mousemove --window "$WIN" 700 420 click 1
xdotool type --delay 15 "geheugen-wachtwoord"
xdotool key Return
sleep 6
# Scroll the board and type in the search field, as a user would.
xdotool mousemove --window "$WIN" 500 500
for _ in $(seq 1 30); do xdotool click 5; done
xdotool key ctrl+k
xdotool type --delay 30 "woning"
sleep 3
mkdir -p screenshots
import -window root screenshots/geheugen-bord.png # proof that the board was really open
HWM=$(awk '/VmHWM/ {print $2}' "/proc/$APP/status")
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$APP/status")
kill "$APP"
wait "$APP" 2>/dev/null || true
echo "Venster met $AANTAL casussen: piekgeheugen (VmHWM) $((HWM / 1024)) MB, nu (VmRSS) $((RSS / 1024)) MB"
