#!/usr/bin/env bash
# scripts/screenshot.sh PATIENT_ID OUT.png [YYYY-MM-DD]
# Starts the real kyukyu window under Xvfb in training mode with that patient
# open and writes a PNG of the window (ImageMagick `import`). It stops only
# the processes it started, by PID. Needs xvfb, x11-utils, imagemagick.
# KYUKYU_SIZE=WxH (default 1366x768) is the screen, and the window fills it;
# KYUKYU_THEME=light|dark|system (default dark) and KYUKYU_LANG=ja|en
# (default ja) and KYUKYU_TEXT=normal|large|xlarge (default normal) are
# the settings the window starts with; KYUKYU_IDLE=N sets
# idle_minutes. KYUKYU_WATCH=S makes OUT.png a folder of a PPM picture every
# fifth of a second or so for S seconds, each named by the milliseconds since the first.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/screenshot.sh PATIENT_ID OUT.png [YYYY-MM-DD]" >&2; exit 2; }
id=$1 out=$2 date=${3:-}
size=${KYUKYU_SIZE:-1366x768} theme=${KYUKYU_THEME:-dark} lang=${KYUKYU_LANG:-ja}
[[ $size =~ ^([0-9]+)x([0-9]+)$ ]] || { echo "screenshot: KYUKYU_SIZE=$size is not WxH" >&2; exit 2; }
width=${BASH_REMATCH[1]} height=${BASH_REMATCH[2]}
root=$(cd "$(dirname "$0")/.." && pwd)
xvfb_tools=import xvfb_screen=$size
source "$root/scripts/xvfb.sh"

bin=${KYUKYU_BIN:-$work/kyukyu}
[ -n "${KYUKYU_BIN:-}" ] || (cd "$root" && go build -o "$bin" .)

# A fresh home: no preferences or data of this user's own, but the settings
# of this picture (the keys of ui/settings.go).
prefs=$work/home/.config/fyne/jp.kyukyu.app
mkdir -p "$prefs"
idle=${KYUKYU_IDLE:-5} watch=${KYUKYU_WATCH:-0} text=${KYUKYU_TEXT:-normal}
[[ $idle =~ ^[0-9]+$ && $watch =~ ^[0-9]+$ ]] || { echo "screenshot: KYUKYU_IDLE and KYUKYU_WATCH are whole numbers" >&2; exit 2; }
printf '{"theme":"%s","language":"%s","window_width":%s,"window_height":%s,"idle_minutes":%s,"text_size":"%s"}\n' "$theme" "$lang" "$width" "$height" "$idle" "$text" >"$prefs/preferences.json"

args=(-demo -patient "$id")
[ -n "$date" ] && args+=(-date "$date")
HOME=$work/home KYUKYU_HOME=$work/data DISPLAY=":$disp" LANG=ja_JP.UTF-8 "$bin" "${args[@]}" >"$work/app.log" 2>&1 &
app_pid=$!

win=
for _ in $(seq 100); do
  win=$(xwininfo -display ":$disp" -root -tree 2>/dev/null | awk '/"kyukyu/ {print $1; exit}')
  [ -n "$win" ] && break
  kill -0 "$app_pid" 2>/dev/null || { echo "screenshot: kyukyu exited:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$win" ] || { echo "screenshot: no kyukyu window after 10 s" >&2; cat "$work/app.log" >&2; exit 1; }
if [ "$watch" -gt 0 ]; then
  mkdir -p "$out"
  start=$(date +%s%3N)
  # PPM: no compression, so more pictures a second.
  while [ $(($(date +%s%3N) - start)) -lt $((watch * 1000)) ]; do
    import -display ":$disp" -window "$win" -depth 8 "$out/$(($(date +%s%3N) - start)).ppm" 2>/dev/null || true # not drawn yet
    sleep 0.2
  done
  echo "screenshot: watched the window for ${watch} s into $out"
  exit 0
fi
sleep 2 # the summary is fetched and drawn after the window maps
import -display ":$disp" -window "$win" "$out"
echo "screenshot: wrote $out ($id, ${width}x${height}, $theme, $lang)"
