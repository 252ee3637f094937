#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Schakel needs to build and test.
# Safe to run repeatedly; uses sudo when not root.
set -euo pipefail
PAKKETTEN=(build-essential perl pkg-config)
ontbrekend=()
for p in "${PAKKETTEN[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || ontbrekend+=("$p")
done
if ((${#ontbrekend[@]})); then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${ontbrekend[@]}"
fi
