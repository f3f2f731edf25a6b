#!/usr/bin/env bash
# scripts/cross-windows.sh: cross-compiles the Windows build (cgo through
# Debian's gcc-mingw-w64-x86-64), as `make test` does when the compiler is there.
set -euo pipefail
cc=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
command -v "$cc" >/dev/null || { echo "cross-windows: $cc is missing: apt-get install gcc-mingw-w64-x86-64" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root"
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC="$cc" go build -o "$out/kyukyu.exe" .
[ "$(head -c2 "$out/kyukyu.exe")" = MZ ] || { echo "cross-windows: kyukyu.exe is not a Windows executable" >&2; exit 1; }
echo "cross-windows: kyukyu.exe built ($(du -h "$out/kyukyu.exe" | cut -f1))"
