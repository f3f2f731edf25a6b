#!/usr/bin/env bash
# scripts/notices.sh prints THIRD_PARTY_NOTICES: the licence of every Go module linked into
# kyukyu (the Linux and the Windows build, from `go list -deps` and the module cache), of Go's
# standard library, and of the embedded fonts. package.sh ships it in the MSI and the .deb.
# A linked module without a licence file stops the build: it cannot be shipped unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."
mods=$( (go list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}}{{end}}{{end}}' .
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 go list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}}{{end}}{{end}}' .) | sort -u)
section() { # title, file
	printf '%s\n' "================================================================================" "$1" \
		"================================================================================" ""
	cat "$2"
	printf '\n'
}
echo "kyukyu is licensed under the Apache License 2.0 (LICENSE). It links and embeds the"
echo "following third-party works, each under its own licence, reproduced below."
echo
section "Go standard library and runtime ($(go env GOVERSION))" "$(go env GOROOT)/LICENSE"
for m in $mods; do
	dir=$(go list -m -f '{{.Dir}}' "$m")
	[ -n "$dir" ] || { echo "notices: $m is not in the module cache: run go mod download" >&2; exit 1; }
	found=0
	for f in "$dir"/LICENSE* "$dir"/LICENCE* "$dir"/COPYING* "$dir"/NOTICE* "$dir"/License* "$dir"/license*; do
		[ -f "$f" ] || continue
		section "$m ($(basename "$f"))" "$f"
		found=1
	done
	[ $found = 1 ] || { echo "notices: $m has no licence file in $dir: find its licence before shipping it" >&2; exit 1; }
done
section "BIZ UDGothic (embedded font): SIL Open Font License 1.1" fonts/OFL.txt
section "Hanazono Mincho (embedded fallback fonts HanaMinA, HanaMinB): Hanazono Font License" fonts/HANAZONO.txt
