#!/usr/bin/env bash
# kyukyu drugs classify on 20,000 lines of the real MHLW list, against a naive
# regexp classifier (same table, same answers) timed in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
# The raw benchmark output first, then the summary line (no tee /dev/stderr:
# opening it truncates a log file that stderr points to).
out=$(go test -run '^$' -bench 'DrugsClassify20k' -benchtime 20x ./cli)
printf '%s\n' "$out"
printf '%s\n' "$out" |
	awk '/^BenchmarkDrugsClassify20k/ {
		for (i = 1; i <= NF; i++) { if ($(i+1) == "ms/20k-lines") ours = $i; if ($(i+1) == "peer-ms/20k-lines") peer = $i; if ($(i+1) == "x-faster-than-peer") ratio = $i }
		printf "drugs classify: 20,000 lines in %s ms (naive regexp peer %s ms, %sx faster)\n", ours, peer, ratio; found = 1 }
		END { if (!found) { print "bench/drugs.sh: no benchmark result (is ../shared with the MHLW list present?)" > "/dev/stderr"; exit 1 } }'
