#!/usr/bin/env bash
# The window never waits: the longest pause of the event loop while a backup runs.
# Makes N demo cases (default 5000), opens `schakel venster --meet` under Xvfb with the
# tiny-skia renderer, unlocks it, and moves the mouse over the board while the window makes
# a backup of its data dir (on its own database connection). The window then logs
#   meting: Back-up maken in … ms; langste pauze tussen twee afgehandelde events … ms
# and closes. While a job runs the window handles a clock tick every 10 ms, so a pause of
# about 10 ms means the loop never waited; a blocked loop shows the length of the block.
# Usage: bash scripts/wachten.sh [cases]
# (SCHAKEL_BIN=target/debug/schakel reuses an existing build instead of a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
AANTAL=${1:-5000}
bash scripts/systeempakketten.sh schermafdruk
if [ -n "${SCHAKEL_BIN:-}" ]; then
  BIN=$(realpath "$SCHAKEL_BIN")
else
  cargo build --release --locked
  BIN=$PWD/target/release/schakel
fi
WERK=$(mktemp -d)
XVFB=
APP=
trap 'kill $APP $XVFB 2>/dev/null || true; rm -rf "$WERK"' EXIT
export SCHAKEL_DATA_DIR=$WERK/data
export SCHAKEL_PASSPHRASE="meting-wachtwoord"
"$BIN" demo --cases "$AANTAL" >/dev/null
unset SCHAKEL_PASSPHRASE
Xvfb :79 -screen 0 1440x900x24 -nolisten tcp &
XVFB=$!
export DISPLAY=:79 ICED_BACKEND=tiny-skia
unset WAYLAND_DISPLAY WAYLAND_SOCKET
sleep 1
"$BIN" venster --meet 2>"$WERK/meting.log" &
APP=$!
WIN=$(xdotool search --sync --name "Schakel" | head -1)
sleep 2
xdotool windowfocus --sync "$WIN"
xdotool mousemove --window "$WIN" 700 420 click 1
xdotool type --delay 15 "meting-wachtwoord"
xdotool key Return
# While the backup runs the user moves the mouse over the board.
while kill -0 "$APP" 2>/dev/null; do
  xdotool mousemove --window "$WIN" $((300 + RANDOM % 800)) $((200 + RANDOM % 500)) 2>/dev/null || true
  sleep 0.05
done
wait "$APP" || true
APP=
echo "Venster met $AANTAL casussen:"
grep "^meting:" "$WERK/meting.log" || { cat "$WERK/meting.log"; exit 1; }
