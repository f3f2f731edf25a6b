#!/usr/bin/env bash
# The one list of Debian packages kyukyu needs. Used by `make run`, `make test` and .ci/run.
#   scripts/deps.sh build   – what compiling needs (git for the commit stamp, certificates for the
#                             Go module proxy, cgo: PC/SC, GL, X11, Wayland)
#   scripts/deps.sh check   – build + what the fast tests read PDFs with (poppler, qpdf)
#   scripts/deps.sh package – build + MinGW and the packaging tools (wixl, msitools, dpkg-dev)
#   scripts/deps.sh test    – all of these + what the end-to-end tests drive (pcscd, vpcd, OpenSC,
#                             iproute2 for the private pcscd namespace, Xvfb, ImageMagick,
#                             PostgreSQL for the central audit log, Chromium for the audit review page)
#   scripts/deps.sh bench   – test + the peers the benchmarks measure against (xmllint, time; Chromium
#                             is in test)
# As root it installs what is missing; otherwise it prints the exact apt-get line and fails.
set -euo pipefail

build_pkgs=(git ca-certificates pkg-config gcc libc6-dev libpcsclite-dev libgl1-mesa-dev libx11-dev libxcursor-dev libxi-dev
  libxinerama-dev libxrandr-dev libxxf86vm-dev libxkbcommon-dev libwayland-dev wayland-protocols)
check_pkgs=(poppler-utils qpdf)
package_pkgs=(gcc-mingw-w64-x86-64 wixl msitools dpkg-dev lintian file)
test_pkgs=(pcscd vsmartcard-vpcd opensc iproute2 xvfb x11-utils imagemagick postgresql chromium)
bench_pkgs=(libxml2-utils time)

want=("${build_pkgs[@]}")
case "${1:-test}" in
  build) ;;
  check) want+=("${check_pkgs[@]}") ;;
  package) want+=("${package_pkgs[@]}") ;;
  test) want+=("${check_pkgs[@]}" "${package_pkgs[@]}" "${test_pkgs[@]}") ;;
  bench) want+=("${check_pkgs[@]}" "${package_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: scripts/deps.sh build|check|package|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "kyukyu needs these Debian packages; run as root:" >&2
  echo "  sudo sh -c '$line'" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
