#!/usr/bin/env bash
# The desktop application and its GUI tests under AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer, built with clang in build-sanitize-gui/. Not part of
# tools/test-all.sh (CI): the build alone takes about 20 minutes on two cores, which the CI
# budget does not hold. Run it after changing app/ or widgets/; it is how the GUI code,
# which test-all.sh's sanitizer part (engine and laminar-cli only) never sees, is checked.
# Extra arguments go to the first ctest (e.g. -R gui_app_test).
set -euo pipefail
cd "$(dirname "$0")/.."

CC=clang CXX=clang++ cmake -S . -B build-sanitize-gui -G Ninja -DLAMINAR_GUI=ON -DLAMINAR_SANITIZE=ON \
  -DLAMINAR_BENCH=OFF
cmake --build build-sanitize-gui

export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export TMPDIR="$tmp/tmp" XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$TMPDIR" && mkdir -m 700 -p "$XDG_RUNTIME_DIR"

resident='gui_soak_short|gui_long_session_test'
# Leaks fail a test too (none in Qt's own code showed up with these tests, 2026-12-07).
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
  ctest --test-dir build-sanitize-gui --output-on-failure -j2 -R '^gui_' -E "^($resident)$" "$@"
# Two tests measure resident memory across runs. ASan keeps freed memory in a quarantine
# (256 MB by default, to catch a use after free later), and the quarantine filling up reads
# there as growth (10 % and 45 MB, 2026-12-07): they run with none (the others keep it).
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=0:thread_local_quarantine_size_kb=0}" \
  ctest --test-dir build-sanitize-gui --output-on-failure -R "^($resident)$"
