#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Schakel needs. Safe to run repeatedly; uses sudo
# when not root.
#   bash scripts/systeempakketten.sh            build and test
#   bash scripts/systeempakketten.sh venster    also what the window needs at run time
#   bash scripts/systeempakketten.sh schermafdruk  also Xvfb and tools for screenshots,
#                                               python3
#   bash scripts/systeempakketten.sh rapporten  also qpdf and poppler-utils (PDF checks)
#                                               and python3 (reads the CLI's JSON)
#   bash scripts/systeempakketten.sh pakket     also what building and checking the .deb needs
#   bash scripts/systeempakketten.sh iconen     also what packaging/iconen.sh needs
set -euo pipefail
# age: the sync tests decrypt a bundle with the age CLI (interop).
PAKKETTEN=(build-essential perl pkg-config age)
VENSTER=(libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxcb1 libxkbcommon0 libxkbcommon-x11-0
         libwayland-client0 libwayland-cursor0 libwayland-egl1 libegl1 libgl1 fonts-dejavu-core)
case "${1:-}" in
    venster) PAKKETTEN+=("${VENSTER[@]}") ;;
    rapporten) PAKKETTEN+=(qpdf poppler-utils) ;;
    # dpkg-dev: dpkg-shlibdeps for Depends: $auto; xz-utils: cargo-deb's compression;
    # man-db: the installed man page is indexed.
    pakket) PAKKETTEN+=(dpkg-dev xz-utils desktop-file-utils man-db) ;;
    iconen) PAKKETTEN+=(librsvg2-bin imagemagick icnsutils) ;;
    schermafdruk) PAKKETTEN+=("${VENSTER[@]}" xvfb xdotool imagemagick) ;;
esac
ontbrekend=()
# python3: scripts/rapporten.sh and scripts/schermafdrukken.sh read the CLI's JSON output
# with it. Any python3 on the PATH will do (not necessarily Debian's).
case "${1:-}" in
    rapporten | schermafdruk) command -v python3 >/dev/null 2>&1 || ontbrekend+=(python3) ;;
esac
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
