#!/usr/bin/env bash
# scripts/fresh-debian.sh [ROOT] — a newcomer's first hour, measured. A fresh Debian 12 chroot
# (debootstrap bookworm: no Go, no build cache) gets a clone of this checkout's commit and runs
# the README's two commands: `make run` until the training window shows (under Xvfb, screenshot
# written to fresh-debian.png beside ROOT), then `.ci/run`. It prints how long each took; the
# README keeps the last result. Not part of CI: a cold build plus the whole run take longer than
# CI allows. Root only (debootstrap, chroot, mounts); the mirror is this machine's apt mirror.
# FRESH_TESTS='GO TEST ARGS' (e.g. './cli ./app') runs `go test -tags ci,e2e ARGS` under CI=true
# instead of .ci/run when time is short (say so in the README). ROOT (default /var/tmp/kyukyu-fresh) is made anew each run.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "fresh-debian: apt-get install debootstrap" >&2; exit 1; }
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/var/tmp/kyukyu-fresh}
shot=${root%/}.png

# The first Debian mirror of this machine's apt sources (deb822 or one-line form).
mirror=$({
  cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '$1 == "URIs:" { for (i = 2; i <= NF; i++) print $i }'
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break } }'
} | grep -E '/debian/?$' | head -1 || true)
[ -n "$mirror" ] || { echo "fresh-debian: no Debian mirror in /etc/apt/sources*" >&2; exit 1; }

mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() { mkdir -p "$root$1" && mount --bind "$1" "$root$1" && mounts+=("$root$1"); }
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb "$@"; }
clock() { date +%s; }
took() { local s=$(($(clock) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# ROOT.base is the bare debootstrap, kept for the next run; ROOT is a copy of it.
if [ ! -e "$root.base/etc/debian_version" ]; then
  rm -rf "$root.base"
  t=$(clock)
  debootstrap --variant=minbase bookworm "$root.base" "$mirror" >"$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log" >&2; exit 1; }
  echo "fresh-debian: debootstrap bookworm from $mirror: $(took "$t")"
fi
rm -rf "$root" && cp -a "$root.base" "$root"
mount -t proc proc "$root/proc" && mounts+=("$root/proc")
bind /sys
bind /dev
bind /dev/pts
bind /dev/shm
mount -t tmpfs tmpfs "$root/tmp" && mounts+=("$root/tmp")
cp /etc/resolv.conf "$root/etc/resolv.conf"
# As in a container: packages install, their services do not start.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"

# What a newcomer has before the README: git (they cloned kyukyu) and make. The desktop stands
# in as Xvfb, with the tools to find and photograph the window.
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  git make ca-certificates xvfb x11-utils imagemagick >/dev/null
# This machine's own certificate authorities (a TLS-inspecting proxy, say): the chroot reaches
# the Go module proxy as the machine does.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  in_root update-ca-certificates >/dev/null 2>&1
fi
git clone -q "$repo" "$root/root/kyukyu"
git -C "$root/root/kyukyu" checkout -q "$(git -C "$repo" rev-parse HEAD)"
echo "fresh-debian: commit $(git -C "$repo" rev-parse --short=12 HEAD); no Go: $(in_root sh -c 'command -v go || echo none')"

# 1. make run, until the window shows. The display number is free on the host too: the chroot
# shares its network namespace, where X also listens (abstract sockets).
disp=70
while grep -q "@/tmp/.X11-unix/X$disp\$" /proc/net/unix || [ -e "/tmp/.X$disp-lock" ]; do disp=$((disp + 1)); done
in_root sh -c "Xvfb :$disp -screen 0 1366x768x24 -nolisten tcp >/root/xvfb.log 2>&1 & echo \$! >/root/xvfb.pid"
t=$(clock)
in_root sh -c "cd /root/kyukyu && DISPLAY=:$disp setsid make run >/root/make-run.log 2>&1 & echo \$! >/root/make-run.pid"
win=
while [ -z "$win" ]; do
  win=$(in_root xwininfo -display :$disp -root -tree 2>/dev/null | awk '/"kyukyu/ {print $1; exit}') || true
  if [ -z "$win" ] && ! in_root sh -c 'kill -0 $(cat /root/make-run.pid) 2>/dev/null'; then
    echo "fresh-debian: make run ended without a window:" >&2
    grep -vE '^[[:alnum:]./_-]+$' "$root/root/make-run.log" | tail -30 >&2 # not go build -v's package names
    exit 1
  fi
  [ -n "$win" ] || sleep 2
done
window=$(took "$t")
sleep 3 # the window draws its first patient list
in_root import -display :$disp -window root /tmp/shot.png && cp "$root/tmp/shot.png" "$shot"
in_root sh -c 'kill -- -$(cat /root/make-run.pid); kill $(cat /root/xvfb.pid)' 2>/dev/null || true
echo "fresh-debian: make run → training window in $window (cold: packages, Go, modules, build); screenshot $shot"
in_root /root/kyukyu/bin/kyukyu version

# 2. The tests as CI runs them (or the part FRESH_TESTS names).
t=$(clock)
if [ -n "${FRESH_TESTS:-}" ]; then
  in_root sh -c "cd /root/kyukyu && bash scripts/deps.sh test && CI=true \$(bash scripts/go.sh) test -tags ci,e2e -count=1 -timeout 60m $FRESH_TESTS" \
    >"$root.test.log" 2>&1 && result=green || result=red
  what="CI=true go test -tags ci,e2e $FRESH_TESTS"
else
  in_root sh -c 'cd /root/kyukyu && .ci/run' >"$root.test.log" 2>&1 && result=green || result=red
  what=".ci/run"
fi
echo "fresh-debian: $what: $result in $(took "$t") (log $root.test.log)"
grep -E '^(ok|FAIL|---)' "$root.test.log" | tail -40 || true
[ "$result" = green ]
