#!/usr/bin/env bash
# Regenerates assets/licenties-derden.txt (shown in Instellingen -> Over, shipped in the
# .deb) from cargo metadata: every crate the Linux binary is built from, with its licence.
# Run after changing dependencies; the test pakket::third_party_licence_list_matches_cargo_lock
# fails until the list matches Cargo.lock again.
set -euo pipefail
cd "$(dirname "$0")/.."
touch assets/licenties-derden.txt
SCHAKEL_LICENTIES_BIJWERKEN=1 cargo test --locked --test it pakket::third_party_licence_list_matches_cargo_lock -- --exact
wc -l assets/licenties-derden.txt
# Again, now that the app is compiled with the new list.
cargo test --locked --test it pakket::third_party_licence_list_matches_cargo_lock -- --exact
