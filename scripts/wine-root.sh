#!/usr/bin/env bash
# Makes once, then reuses, the Debian 13 (trixie) root the Windows test tier runs in: Debian 12's
# Wine 8 cannot start Go 1.26 binaries, trixie's Wine 10 can. About 10 minutes the first time.
# Prints the root's path. The Debian mirror is this machine's own (its apt sources), never a
# name written here: CI machines reach only their configured mirror.
set -euo pipefail
ROOT=${KYUKYU_WINE_ROOT:-/var/cache/kyukyu/wine-trixie}
PACKAGES="wine wine64 xvfb xauth xdotool x11-utils imagemagick libgl1-mesa-dri libgl1 libglx-mesa0 fonts-noto-cjk pcscd vsmartcard-vpcd locales"
STAMP="$ROOT/.kyukyu-root-ready"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PACKAGES" ]; then
	echo "$ROOT"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "wine-root.sh: the Debian 13 root $ROOT is missing and making it needs root (debootstrap, chroot): run as root" >&2
	exit 1
fi

# The first Debian archive this machine's apt uses (not -security, not a third-party source).
mirror() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i+1) !~ /-security/) print $i; break } }' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS = ""; FS = "\n" }
			/(^|\n)Suites:[^\n]*(bookworm|trixie|stable|sid)/ && !/(^|\n)Suites:[^\n]*-security/ {
				for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, u, /[ \t]+/); print u[2] } }' "$f"
	done
}
MIRROR=$(mirror | grep -m1 -i debian || true)
if [ -z "$MIRROR" ]; then
	echo "wine-root.sh: no Debian archive in /etc/apt/sources.list* to build the root from: add one" >&2
	exit 1
fi
command -v debootstrap >/dev/null || apt-get install -y --no-install-recommends debootstrap >&2

# One builder at a time; a half-made root is thrown away, never reused.
mkdir -p "$(dirname "$ROOT")"
exec 9>"$ROOT.lock"
flock 9
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PACKAGES" ]; then
	echo "$ROOT"
	exit 0
fi
echo "wine-root.sh: making the Debian 13 root in $ROOT from $MIRROR (about 10 minutes, once)" >&2
TMP="$ROOT.tmp"
rm -rf "$TMP"
if [ -d "$ROOT" ] && [ ! -f "$ROOT/usr/bin/apt-get" ]; then rm -rf "$ROOT"; fi
if [ ! -d "$ROOT" ]; then
	debootstrap --variant=minbase trixie "$TMP" "$MIRROR" >&2
	mv "$TMP" "$ROOT"
fi
echo "deb $MIRROR trixie main" >"$ROOT/etc/apt/sources.list"
rm -f "$ROOT/etc/apt/sources.list.d/"*.sources
# No daemons start inside the root while packages install.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod +x "$ROOT/usr/sbin/policy-rc.d"
for m in proc sys dev; do mountpoint -q "$ROOT/$m" || mount --rbind "/$m" "$ROOT/$m"; done
trap 'for m in dev sys proc; do umount -R "$ROOT/$m" 2>/dev/null || true; done' EXIT
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES >&2
chroot "$ROOT" apt-get clean
# Wine takes the Windows locale from LANG: the window is tested as on a Japanese Windows.
grep -q '^ja_JP.UTF-8 UTF-8' "$ROOT/etc/locale.gen" || echo 'ja_JP.UTF-8 UTF-8' >>"$ROOT/etc/locale.gen"
chroot "$ROOT" locale-gen >&2
echo "$PACKAGES" >"$STAMP"
echo "$ROOT"
