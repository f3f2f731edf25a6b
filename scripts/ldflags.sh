#!/usr/bin/env bash
# scripts/ldflags.sh prints the -ldflags that stamp the build number (scripts/version.sh), the
# commit and the build date into
# kyukyu/buildinfo (the version is in the source). Go's own VCS stamp is not relied on: it is
# off under -buildvcs=false. SOURCE_DATE_EPOCH, when set, makes the date reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
date=$(date -u ${SOURCE_DATE_EPOCH:+-d @$SOURCE_DATE_EPOCH} +%Y-%m-%dT%H:%M:%SZ)
read -r _ build < <(bash scripts/version.sh)
flags="-X kyukyu/buildinfo.date=$date -X kyukyu/buildinfo.build=$build"
if commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
  git diff --quiet HEAD -- 2>/dev/null || commit="$commit+dirty"
  flags="$flags -X kyukyu/buildinfo.commit=$commit"
fi
echo "$flags"
