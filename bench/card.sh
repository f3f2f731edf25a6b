#!/usr/bin/env bash
# Card read benchmark: kyukyu vs OpenSC's pkcs15-tool through the same pcscd
# and the same virtual My Number card (vpcd). Prints APDU counts, times and
# the OpenSC/kyukyu ratios. Needs: scripts/deps.sh test (pcscd, vsmartcard-vpcd, opensc).
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./reader/ -run '^$' -bench BenchmarkCardRead -benchtime "${1:-10}x" -count 1
