#!/usr/bin/env bash
# scripts/version.sh prints the release and the build number: "0.1.0 367". The release is
# FyneApp.toml's Version; the build number is the commit count (each commit on main builds
# higher, so a rebuilt MSI upgrades the installed one), else FyneApp.toml's Build outside a git
# checkout; KYUKYU_BUILD overrides it (the upgrade test builds N and N+1).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -1)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version: FyneApp.toml Version \"$version\" is not x.y.z" >&2; exit 1; }
build=${KYUKYU_BUILD:-$(git rev-list --count HEAD 2>/dev/null || sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' FyneApp.toml | head -1)}
# The MSI's ProductVersion is major.minor.build, and its third field stops at 65535.
[[ $build =~ ^[0-9]+$ ]] && [ "$build" -le 65535 ] || { echo "version: build number \"$build\" is not a whole number up to 65535" >&2; exit 1; }
echo "$version $build"
