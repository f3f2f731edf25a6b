#!/usr/bin/env bash
# Runs a command in the Debian 13 root of scripts/wine-root.sh (Wine 10), in a private mount
# namespace where /tmp and this work tree are the host's (same paths: Wine sees them on Z:).
#   scripts/wine-run.sh wine some.exe args…
# The environment passes through (WINEPREFIX, DISPLAY, CI…); WINEDEBUG defaults to quiet.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=${KYUKYU_WINE_ROOT_DIR:-$(bash "$here/scripts/wine-root.sh")}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} WINEDEBUG=${WINEDEBUG:--all} PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
# No Mono/Gecko download prompts: nothing here needs .NET or an HTML engine.
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
unset TMP TEMP TMPDIR WAYLAND_DISPLAY # Windows programs get the prefix's own %TEMP% (C:\users\…)
exec unshare --mount --propagation private -- bash -euc '
root=$1 here=$2; shift 2
for m in /proc /sys /dev /tmp "$here" ${KYUKYU_WINE_BIND:-}; do
	mkdir -p "$root$m"
	mount --rbind "$m" "$root$m"
done
exec chroot "$root" bash -c "cd \"\$0\" 2>/dev/null || cd /; exec \"\$@\"" "$PWD" "$@"
' bash "$root" "$here" "$@"
