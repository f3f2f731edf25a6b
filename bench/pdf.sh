#!/usr/bin/env bash
# PDF benchmark: kyukyu's renderer against headless Chromium printing the
# same summary from an HTML table, in the same run, on the same machine.
#   1. in process (go test -bench): the sample patient (emergency) and the
#      heavy patient (normal mode, ~2,700 rows), warm (fonts parsed once per
#      process, outside the loop), plus what the first render pays to parse them
#   2. as a whole `kyukyu pdf` process: wall time (median of N) and peak RSS
#   3. chromium --headless --print-to-pdf of the same content: wall time, peak RSS
# Needs: go, chromium, /usr/bin/time (scripts/deps.sh bench).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/pdf
mkdir -p "$out"
# A fresh data folder each run: the audit log and its anchor grow with every
# command, and a run must not measure the runs before it.
export KYUKYU_HOME="$PWD/$out/home"
rm -rf "$KYUKYU_HOME" "$KYUKYU_HOME-audit.anchor"
runs=${RUNS:-7}
chrome_runs=${CHROME_RUNS:-3}

for tool in chromium /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/pdf.sh: $tool is missing; run scripts/deps.sh bench" >&2; exit 1; }
done

# Measured as installed: a package manager writes the binary with write(),
# the Go linker does not, and on this kernel the linker's freshly written
# file is mapped in large pages, adding ~11 MB of resident text to every run
# of that one file (same bytes, copied: 22 MB for `kyukyu version`, not 33).
go build -o "$out/kyukyu.linked" .
install -m 0755 "$out/kyukyu.linked" "$out/kyukyu"
go build -o "$out/pdfhtml" ./bench/pdfhtml

# name | kyukyu arguments
cases=(
  "emergency-sample|-demo shinryo-taro -date 2022-08-26 -mode emergency"
  "heavy-normal|-demo heavy-elderly-polypharmacy -date 2026-11-25 -mode normal"
)

echo "== in process (go test -bench) =="
go test -run '^$' -bench 'PDF' -benchtime "${BENCHTIME:-20x}" -benchmem ./bench/ | tee "$out/gobench.txt" | grep '^Benchmark'
warm_ms=$(awk '/^BenchmarkPDFEmergencySample/{printf "%.2f", $3/1e6}' "$out/gobench.txt")

# measure CMD...: runs a command under /usr/bin/time -v (peak RSS), timed with
# the shell's microsecond clock (time -v rounds to 10 ms); prints "seconds maxRSS_kB".
measure() {
  local t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { cat "$out/stderr.txt" >&2; exit 1; }
  local t1=$EPOCHREALTIME
  awk -F': ' -v t0="$t0" -v t1="$t1" '/Maximum resident/{rss=$2} END{printf "%.4f %d\n", t1-t0, rss}' "$out/time.txt"
}

# median of the first column, max of the second
summarise() { sort -n | awk '{t[NR]=$1; if ($2>m) m=$2} END{printf "%.4f %d\n", t[int((NR+1)/2)], m}'; }

printf '\n== whole process vs Chromium (median wall time, peak RSS) ==\n'
printf '%-18s %12s %10s %12s %10s %8s\n' case kyukyu_ms kyukyu_MB chromium_ms chrome_MB ratio
# Creates the training store and lets this build check its dataset, once,
# outside the timing (a new binary checks it on its first open).
"$out/kyukyu" summary -demo shinryo-taro >/dev/null
rm -f "$out/results.txt"
for c in "${cases[@]}"; do
  name=${c%%|*}
  read -r -a args <<<"${c#*|}"
  "$out/kyukyu" summary -json "${args[@]}" | "$out/pdfhtml" "$PWD/fonts/BIZUDGothic-Regular.ttf" >"$out/$name.html"
  # Chromium's runs are spread among kyukyu's, so that both meet the same
  # load from whatever else the machine runs.
  : >"$out/$name.kyukyu" && : >"$out/$name.chromium"
  step=$(((runs + chrome_runs - 1) / chrome_runs))
  for i in $(seq "$runs"); do
    measure "$out/kyukyu" pdf "${args[@]}" -o "$out/$name.pdf" >>"$out/$name.kyukyu"
    ((( i - 1) % step == 0)) || continue
    profile=$(mktemp -d)
    measure chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --no-pdf-header-footer --user-data-dir="$profile" \
      --print-to-pdf="$out/$name-chromium.pdf" "file://$PWD/$out/$name.html" >>"$out/$name.chromium"
    rm -rf "$profile"
  done
  k=$(summarise <"$out/$name.kyukyu")
  ch=$(summarise <"$out/$name.chromium")
  read -r kt km <<<"$k"
  read -r ct cm <<<"$ch"
  kp=$(pdfinfo "$out/$name.pdf" 2>/dev/null | awk '/^Pages/{print $2}')
  cp=$(pdfinfo "$out/$name-chromium.pdf" 2>/dev/null | awk '/^Pages/{print $2}')
  awk -v n="$name" -v kt="$kt" -v km="$km" -v ct="$ct" -v cm="$cm" -v kp="${kp:-?}" -v cp="${cp:-?}" 'BEGIN{
    printf "%-18s %12.1f %10.1f %12.1f %10.1f %7.1fx  (pages: kyukyu %s, chromium %s)\n", n, kt*1000, km/1024, ct*1000, cm/1024, ct/kt, kp, cp}'
  echo "$name $kt $km $ct" >>"$out/results.txt"
done

# The goals of issue 11, each with the measured value and whether it is met.
printf '\n== goals ==\n'
awk -v warm="$warm_ms" '
  $1 == "emergency-sample" { r = $4 / $2; printf "emergency whole process vs Chromium: %6.1fx faster  (goal >= 25x)   %s\n", r, (r >= 25 ? "met" : "NOT MET") }
  $1 == "heavy-normal" {
    printf "heavy normal whole process:         %6.0f ms       (goal < 300 ms)  %s\n", $2 * 1000, ($2 < 0.3 ? "met" : "NOT MET")
    printf "heavy normal peak memory:           %6.1f MB       (goal < 60 MB)   %s\n", $3 / 1024, ($3 / 1024 < 60 ? "met" : "NOT MET")
  }
  END { printf "emergency in process, warm:         %6.2f ms       (goal < 10 ms)   %s\n", warm, (warm < 10 ? "met" : "NOT MET") }
' "$out/results.txt"
