#!/usr/bin/env bash
# All checks and tests: formatting, lints, unit and integration tests, report samples, and
# the .deb (built from the debug binary, installed with apt-get, run from /usr/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
# Every report sample must pass qpdf's structural check.
bash scripts/rapporten.sh "$(mktemp -d)" target/debug/schakel
# The Debian package: built from the debug binary `cargo test` just built, installed with
# apt-get, then `schakel --version` and `schakel doctor` from /usr/bin.
bash scripts/pakket.sh --ci
