#!/usr/bin/env bash
# bench/startup.sh [RUNS]: time from process start until the window is mapped
# and viewable under Xvfb, warm build: kyukyu -demo (training data opened,
# audit log opened, fonts loaded) against a bare Fyne hello window measured
# in the same run. Prints medians and the ratio; target for kyukyu: < 1.5 s.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/xvfb.sh"
(cd "$root" && go build -o "$work/kyukyu" . && go build -o "$work/hello" ./bench/startup/hello)

# measure NAME CMD...: milliseconds until a window titled NAME… is viewable.
measure() {
  local name=$1; shift
  local start end win
  start=$(date +%s%N)
  HOME=$work/home KYUKYU_HOME=$work/data DISPLAY=":$disp" "$@" >/dev/null 2>"$work/app.err" &
  app_pid=$!
  while :; do
    win=$(xwininfo -display ":$disp" -root -tree 2>/dev/null | awk -v n="\"$name" 'index($0, n) {print $1; exit}')
    if [ -n "$win" ] && xwininfo -display ":$disp" -id "$win" 2>/dev/null | grep -q IsViewable; then break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "startup: $1 exited before its window showed:" >&2
      tail -5 "$work/app.err" >&2
      exit 1
    fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure kyukyu "$work/kyukyu" -demo >/dev/null # first run creates the training database
k=() h=()
for _ in $(seq "$runs"); do
  k+=("$(measure kyukyu "$work/kyukyu" -demo)")
  h+=("$(measure hello-peer "$work/hello")")
done
km=$(printf '%s\n' "${k[@]}" | median)
hm=$(printf '%s\n' "${h[@]}" | median)
echo "startup (window viewable, median of $runs, ms): kyukyu -demo ${km}  |  bare Fyne hello ${hm}"
echo "runs kyukyu: ${k[*]}   hello: ${h[*]}"
awk -v k="$km" -v h="$hm" 'BEGIN {printf "ratio kyukyu/hello: %.2f   target kyukyu < 1500 ms: %s\n", k/h, (k < 1500 ? "met" : "NOT met")}'
