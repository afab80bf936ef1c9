#!/usr/bin/env bash
# Every test (the README's test command ends here; CI runs it through .ci/run):
#  1. the test suite of build/ (the README's build), as `ctest -j2`;
#  2. the Qt-free core and laminar-cli rebuilt with clang, AddressSanitizer and
#     UndefinedBehaviorSanitizer in build-sanitize/, their tests run under the sanitizers,
#     plus every fuzz target replaying its corpus and fuzzing for LAMINAR_FUZZ_SECONDS
#     (tests/fuzz/README.md). LAMINAR_SKIP_SANITIZE=1 skips this part.
# Each part runs with a TMPDIR of its own that must be empty afterwards: a test, program or
# tool that leaves a file behind fails the run and is named.
set -euo pipefail
cd "$(dirname "$0")/.."

outer_tmp="$(mktemp -d)"
trap 'rm -rf "$outer_tmp"' EXIT
# A fresh TMPDIR, with Qt's runtime folder (which it would otherwise make in TMPDIR) apart.
fresh_tmpdir() {
  export TMPDIR="$outer_tmp/$1" XDG_RUNTIME_DIR="$outer_tmp/$1-runtime"
  mkdir -p "$TMPDIR"
  mkdir -m 700 -p "$XDG_RUNTIME_DIR"
}
expect_tmpdir_empty() {
  local left
  left="$(find "$TMPDIR" -mindepth 1 -maxdepth 2 | head -n 20)"
  if [ -n "$left" ]; then
    echo "test-all: $1 left files in TMPDIR:" >&2
    echo "$left" >&2
    exit 1
  fi
}

# Without the reference fixtures every comparison with Hugging Face would fail one by one:
# say so once instead.
shared="$(sed -n 's/^LAMINAR_SHARED_DIR:PATH=//p' build/CMakeCache.txt)"
if [ ! -d "$shared/reference" ]; then
  echo "test-all: no reference fixtures at '$shared/reference' (the tests compare against them):" \
       "put shared/ beside the checkout, or configure with -DLAMINAR_SHARED_DIR=DIR" >&2
  exit 1
fi

fresh_tmpdir build
ctest --test-dir build --output-on-failure -j2
expect_tmpdir_empty "the tests of build/"
if [ "${LAMINAR_SKIP_SANITIZE:-0}" = 1 ]; then exit 0; fi
# Leaks, undefined behaviour and memory errors all fail the test that hits them.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Benchmarks measure and are never tests: built in build/ (so they keep compiling), not here.
CC=clang CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DLAMINAR_GUI=OFF -DLAMINAR_FUZZ=ON -DLAMINAR_BENCH=OFF
cmake --build build-sanitize
# Run in part 1 already, and not again here: the two training runs (minutes of libtorch
# autograd under ASan, our code a thin layer over it), the Debian package check (the package
# is made from build/; one of sanitizer-instrumented binaries is nobody's product), and the
# SIGKILL test (whether a killed run leaves a half-written file is a question about the files
# on disk, not about memory; its 34 runs of laminar-cli, each killed or rerun, took 221 s of
# the sanitizer part's 971 s, each run paying ASan's 2-4 s of libtorch start-up).
fresh_tmpdir build-sanitize
ctest --test-dir build-sanitize --output-on-failure -j2 \
  -E '^(Training\.(ResumesToTheSameWeightsAndLogits|LowersHeldOutLossAndWritesALoadableCheckpoint)|packaging_deb|robustness_sigkill)$'
expect_tmpdir_empty "the sanitizer and fuzz tests"
