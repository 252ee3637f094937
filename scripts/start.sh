#!/usr/bin/env bash
# Build Schakel in release mode and start it on the default data dir.
# Until the window lands (GUI issue) this fills a new data dir with fictional demo
# cases and shows the casus list.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh
cargo build --release --locked
BIN=target/release/schakel
if [ ! -e "${SCHAKEL_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/schakel}/schakel.db" ]; then
    "$BIN" demo --cases 50
fi
exec "$BIN" casus list "$@"
