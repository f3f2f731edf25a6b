#!/usr/bin/env bash
# The summary of a 3,000- and a 30,000-row receipt file (normal mode, JSON)
# against xmllint --noout on the same files: the ratios and the growth.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./bench/summary
