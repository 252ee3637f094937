#!/usr/bin/env bash
# Install what Schakel needs, build it in release mode and open the window on the
# default data dir (first start: a short setup screen, optionally with demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh venster
exec cargo run --release --locked -- "$@"
