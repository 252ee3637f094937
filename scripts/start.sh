#!/usr/bin/env bash
# Install what Schakel needs, build it and open the window on the default data dir (first
# start: a short setup screen, optionally with demo data). The build is Cargo's dev profile,
# whose dependencies are optimised (Cargo.toml): the same build `cargo test` makes, so the
# first start and the first test run share it (about 10-15 minutes on 2 cores from a
# clean clone; `docs/benchmarks.md`). The optimised package for IT is `scripts/pakket.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeempakketten.sh venster
exec cargo run --locked --bin schakel -- "$@"
