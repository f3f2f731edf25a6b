# scripts/xvfb.sh, sourced by scripts/screenshot.sh and bench/startup.sh:
# a private Xvfb display and a work folder, removed on exit. Only the
# processes started here ($xvfb_pid, $app_pid) are stopped, by PID.
# Sets: work, disp. Callers set app_pid for the program they start, and
# xvfb_tools to the other tools they need.
work=$(mktemp -d)
xvfb_pid= app_pid=
xvfb_cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap xvfb_cleanup EXIT
for tool in Xvfb xwininfo ${xvfb_tools:-}; do
  command -v "$tool" >/dev/null || { echo "$(basename "$0"): $tool is missing: run scripts/deps.sh test" >&2; exit 1; }
done
# A free display number: the first without an X lock file.
disp=99
while [ -e "/tmp/.X$disp-lock" ]; do disp=$((disp + 1)); done
Xvfb ":$disp" -screen 0 "${xvfb_screen:-1400x1000}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do xwininfo -display ":$disp" -root >/dev/null 2>&1 && break; sleep 0.1; done
