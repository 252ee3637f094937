#!/usr/bin/env bash
# All checks and tests: formatting, lints, unit and integration tests, report samples, and
# the .deb built from the debug binary. With CI=true (as .ci/run sets) the package is
# installed with apt-get and `schakel --version` and `schakel doctor` run from /usr/bin;
# elsewhere it is checked without touching the system (unpacked into a temporary folder,
# dependencies only simulated). About 20 minutes on 2 cores from a clean clone, most of it
# the first build; a few minutes after that. Needs Xvfb (installed by
# scripts/systeempakketten.sh schermafdruk, which the screenshot check runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
# The core without the window (what the fuzz target builds) must keep compiling.
cargo clippy --locked --no-default-features --lib --bins -- -D warnings
cargo test --locked
# Cargo's target dir as Cargo sees it (CARGO_TARGET_DIR, .cargo/config, or ./target).
DOEL=$(cargo metadata --locked --no-deps --format-version 1 | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
# Every report sample must pass qpdf's structural check; the samples are thrown away.
voorbeelden=$(mktemp -d)
trap 'rm -rf "$voorbeelden"' EXIT
bash scripts/rapporten.sh "$voorbeelden" "$DOEL/debug/schakel"
# The window under Xvfb with the software renderer: the "Nieuwe aanmelding" dialog over a
# full board, drawn bit by bit, must equal the same window drawn whole (issue 19, item 2),
# and nothing may be drawn below the scrolled agenda of Overleggen at 1024 px.
SCHAKEL_FOTOS="aanmelding overleggen-1024" SCHAKEL_BIN="$DOEL/debug/schakel" bash scripts/schermafdrukken.sh "$voorbeelden/schermafdrukken"
# The Debian package, from the debug binary `cargo test` just built (see scripts/pakket.sh).
bash scripts/pakket.sh --ci
