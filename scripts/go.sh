#!/usr/bin/env bash
# scripts/go.sh prints the go command to build kyukyu with: a Go at least go.mod's version.
#   - a go on PATH that new (or Go 1.21 and later, which fetch the go.mod version themselves
#     when GOTOOLCHAIN allows it) is used as it is;
#   - otherwise any go (Debian 12's golang-go 1.19 will do; as root it is installed) fetches the
#     release as the module golang.org/toolchain from the Go module proxy — the download
#     GOTOOLCHAIN=auto makes, checked against sum.golang.org — and its bin/go is printed;
#   - without a go and without root it prints the one line to run, and fails.
# The Makefile calls it once; `GO=/path/to/go make …` skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(awk '$1 == "go" { print "go" $2 }' go.mod) # e.g. go1.26.0

# newer A B: version A is B or later (go1.26.0 style).
newer() { [ "$(printf '%s\n%s\n' "${1#go}" "${2#go}" | sort -V | head -1)" = "${2#go}" ]; }

if command -v go >/dev/null; then
  # Inside the module a Go 1.21+ switches to the go.mod version itself (unless GOTOOLCHAIN=local).
  if have=$(go env GOVERSION 2>/dev/null) && newer "$have" "$want"; then
    echo go
    exit 0
  fi
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing golang-go (it fetches $want)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends golang-go ca-certificates >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends golang-go ca-certificates >/dev/null; }
else
  echo "kyukyu needs $want: run as root 'apt-get install golang-go' (it fetches $want through the Go module proxy), or see https://go.dev/doc/install" >&2
  exit 1
fi

# An older go fetches the release as a module, outside this module (whose go line it may not read).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mod="golang.org/toolchain@v0.0.1-$want.$(go env GOOS)-$(go env GOARCH)"
echo "fetching $want through the Go module proxy ($mod)" >&2
dir=$(cd "$tmp" && GOFLAGS= GO111MODULE=on GOTOOLCHAIN=local go mod download -json "$mod" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -x "$dir/bin/go" ] || chmod -R u+x "$dir/bin" "$dir/pkg/tool" # the module cache keeps no execute bits
echo "$dir/bin/go"
