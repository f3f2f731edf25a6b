#!/usr/bin/env bash
# scripts/ldflags.sh prints the -ldflags that stamp the build date into
# kyukyu/buildinfo (the version is in the source, the commit comes from Go's
# VCS stamp). SOURCE_DATE_EPOCH, when set, makes the date reproducible.
set -euo pipefail
date=$(date -u ${SOURCE_DATE_EPOCH:+-d @$SOURCE_DATE_EPOCH} +%Y-%m-%dT%H:%M:%SZ)
echo "-X kyukyu/buildinfo.date=$date"
