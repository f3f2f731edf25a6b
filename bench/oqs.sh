#!/usr/bin/env bash
# OQS result parsing vs xmllint --noout on the same 5-year, 2,000-row Shift_JIS file.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./bench/oqs
