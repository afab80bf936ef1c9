#!/usr/bin/env bash
# Builds the Debian package in a configured, built build folder and checks it:
# the files a user needs are inside (dpkg-deb -c), the control fields and runtime
# dependencies are right (dpkg-deb -I), the packaged laminar-cli and laminar run on the
# packaged data, and lintian reports no errors. Usage: packaging/check-deb.sh [BUILD_DIR]   (default: build)
set -euo pipefail
build="${1:-build}"
[ -f "$build/CMakeCache.txt" ] || { echo "check-deb: $build is not a configured build folder" >&2; exit 2; }
build="$(cd "$build" && pwd)"
gui="$(sed -n 's/^LAMINAR_GUI:BOOL=//p' "$build/CMakeCache.txt")"

# Everything temporary, the tools' own files included (lintian leaves an mldbm-elf-* cache
# in TMPDIR), lives in one folder removed on exit.
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
export TMPDIR="$root/tmp"
mkdir -p "$TMPDIR"

failures=0
fail() { echo "check-deb: FAIL: $*" >&2; failures=$((failures + 1)); }

echo "check-deb: building the package in $build"
rm -f "$build"/laminar_*.deb
(cd "$build" && cpack -G DEB) > "$build/cpack.log" 2>&1 || { cat "$build/cpack.log" >&2; echo "check-deb: cpack failed" >&2; exit 1; }
deb="$(ls "$build"/laminar_*.deb | head -n 1)"
echo "check-deb: $deb ($(du -h "$deb" | cut -f1))"

contents="$(dpkg-deb -c "$deb" | awk '{print $NF}')"
expect_file() { grep -qxF "./$1" <<< "$contents" || fail "missing /$1"; }
expect_file usr/bin/laminar-cli
expect_file usr/share/laminar/tokenizer/vocab.json
expect_file usr/share/laminar/tokenizer/merges.txt
expect_file usr/share/laminar/examples/
expect_file usr/share/doc/laminar/copyright
expect_file usr/share/doc/laminar/changelog.Debian.gz
expect_file usr/share/man/man1/laminar-cli.1.gz
if [ "$gui" = "ON" ]; then
  expect_file usr/bin/laminar
  expect_file usr/share/man/man1/laminar.1.gz
  expect_file usr/share/applications/io.laminar.Laminar.desktop
  expect_file usr/share/metainfo/io.laminar.Laminar.metainfo.xml
  expect_file usr/share/icons/hicolor/scalable/apps/io.laminar.Laminar.svg
  for size in 16 32 48 64 128 256; do expect_file "usr/share/icons/hicolor/${size}x${size}/apps/io.laminar.Laminar.png"; done
  expect_file usr/share/laminar/translations/laminar_vi.qm
  expect_file usr/share/laminar/translations/laminar_en.qm  # English's plural forms
  expect_file usr/share/laminar/translations/qtbase_vi.qm  # Qt's own words in Vietnamese
fi
unexpected="$(grep -vE '^\./(usr/((bin|share)/.*)?)?$' <<< "$contents" || true)"
[ -z "$unexpected" ] || fail "paths outside /usr/bin and /usr/share: $(tr '\n' ' ' <<< "$unexpected")"
grep -qE '\.incomplete$|\.tmp-[0-9]+$|/CMakeFiles/' <<< "$contents" && fail "build or temporary files in the package"

dpkg-deb -I "$deb" | sed -n '/^ Package:/,$p'
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = "laminar" ] || fail "Package is '$(field Package)'"
[ "$(field Section)" = "science" ] || fail "Section is '$(field Section)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends="$(field Depends)"
for dep in libopenblas0 fonts-dejavu-core libc6 'libstdc\+\+6' libcurl4 'libtorch[0-9.]*'; do
  grep -qE "(^|, )${dep}( |,|$)" <<< "$depends" || fail "Depends lacks $dep: $depends"
done
if [ "$gui" = "ON" ]; then
  for dep in qt6-qpa-plugins 'libqt6widgets6[a-z]*'; do
    grep -qE "(^|, )${dep}( |,|$)" <<< "$depends" || fail "Depends lacks $dep: $depends"
  done
fi
echo "check-deb: Depends: $depends"

# The packaged binaries run and read their data beside them (<prefix>/share/laminar). The build
# keeps the source tree's resources/ as a last fallback, so each data check is followed by a
# control run with the packaged file broken: it must then fail, proving the package's copy is read.
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin"
share="$root/usr/share/laminar"
version="$(env -u LAMINAR_DATA_DIR "$bin/laminar-cli" --version)" || fail "packaged laminar-cli --version failed"
echo "check-deb: $version"
grep -q "$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")" <<< "$version" || fail "--version does not print the project version"

# The packaged tokenizer: GPT-2's ids of a known sentence (tiktoken gives 3347 2921 607 262 1492 13).
ids="$(env -u LAMINAR_DATA_DIR "$bin/laminar-cli" tokenize --text "She gave her the book." 2>&1)" \
  || fail "packaged laminar-cli tokenize failed: $ids"
grep -qF '"ids":[[3347,2921,607,262,1492,13]]' <<< "$ids" || fail "packaged tokenizer: unexpected ids: $ids"
cp "$share/tokenizer/vocab.json" "$root/vocab.json.good"
echo '{"broken": ' > "$share/tokenizer/vocab.json"
if broken="$(env -u LAMINAR_DATA_DIR "$bin/laminar-cli" tokenize --text "She" 2>&1)"; then
  fail "laminar-cli tokenize still works with the packaged vocab.json broken: it does not read the package's data ($broken)"
fi
mv "$root/vocab.json.good" "$share/tokenizer/vocab.json"

# A whole run from packaged data: synthetic model (packaged vocabulary), the packaged example
# set, then the packaged laminar draws it headless, in Vietnamese (packaged translation).
work="$root/work"
mkdir -p "$work"
run_packaged() { env -u LAMINAR_DATA_DIR QT_QPA_PLATFORM=offscreen "$@" > "$work/log" 2>&1 || { fail "$* failed: $(tail -n 5 "$work/log")"; return 1; }; }
if run_packaged "$bin/laminar-cli" make-synthetic --shape 64x2x4 --seed 1 --out "$work/model" &&
   run_packaged "$bin/laminar-cli" analyze similarity --model "$work/model" --sentences "$share/examples/her.txt" \
     --bins 11 --threads 1 --out "$work/results"; then
  if [ "$gui" = "ON" ]; then
    if run_packaged "$bin/laminar" --render "$work/results" --out "$work/figures" --lang vi; then
      svg="$work/figures/cosine-spectrum-target-cosine-QK.svg"
      [ -s "$work/figures/laminar-profile-variance.png" ] || fail "packaged laminar --render wrote no profile PNG"
      grep -q "Tầng" "$svg" 2> /dev/null || fail "packaged laminar --render --lang vi: no Vietnamese in $svg"
      mv "$share/translations/laminar_vi.qm" "$root/vi.qm"
      echo broken > "$share/translations/laminar_vi.qm"
      env -u LAMINAR_DATA_DIR QT_QPA_PLATFORM=offscreen "$bin/laminar" --render "$work/results" \
        --out "$work/figures-broken" --lang vi > "$work/log" 2>&1 || true
      if grep -q "Tầng" "$work/figures-broken/cosine-spectrum-target-cosine-QK.svg" 2> /dev/null; then
        fail "packaged laminar still speaks Vietnamese with laminar_vi.qm broken: it does not read the package's data"
      fi
      mv "$root/vi.qm" "$share/translations/laminar_vi.qm"
      echo "check-deb: packaged laminar --render ok ($(ls "$work/figures" | wc -l) files)"
    fi
  fi
fi

if command -v lintian > /dev/null; then
  echo "check-deb: lintian report"
  lintian --info --display-info --fail-on error "$deb" || fail "lintian reported errors"
else
  fail "lintian not installed (Debian package lintian: run tools/setup.sh)"
fi

if [ "$failures" -gt 0 ]; then
  echo "check-deb: $failures check(s) failed" >&2
  exit 1
fi
echo "check-deb: ok"
