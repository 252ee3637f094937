#!/usr/bin/env bash
# All checks and tests: formatting, lints, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
# Every report sample must pass qpdf's structural check.
bash scripts/rapporten.sh "$(mktemp -d)" target/debug/schakel
