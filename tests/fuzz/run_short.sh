#!/usr/bin/env bash
# A short fuzzing run for CTest: BINARY WORKDIR SECONDS SEED_DIR... New inputs go to a fresh
# WORKDIR/corpus (the committed seeds stay as they are); a crash input is kept in WORKDIR.
set -euo pipefail
binary=$1 work=$2 seconds=$3
shift 3
rm -rf "$work/corpus"
mkdir -p "$work/corpus"
exec "$binary" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$@"
