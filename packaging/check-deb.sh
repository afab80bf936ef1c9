#!/usr/bin/env bash
# Builds the Debian package in a configured, built build folder and checks it:
# the files a user needs are inside (dpkg-deb -c), the control fields and runtime
# dependencies are right (dpkg-deb -I), the packaged laminar-cli runs, and lintian (when
# installed) reports no errors. Usage: packaging/check-deb.sh [BUILD_DIR]   (default: build)
set -euo pipefail
build="${1:-build}"
[ -f "$build/CMakeCache.txt" ] || { echo "check-deb: $build is not a configured build folder" >&2; exit 2; }
build="$(cd "$build" && pwd)"
gui="$(sed -n 's/^LAMINAR_GUI:BOOL=//p' "$build/CMakeCache.txt")"

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
  grep -q '\.qm$' <<< "$contents" || fail "no translations (*.qm) in the package"
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

# The packaged binary runs and finds its data beside it (<prefix>/share/laminar).
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
version="$(env -u LAMINAR_DATA_DIR "$root/usr/bin/laminar-cli" --version)" || fail "packaged laminar-cli --version failed"
echo "check-deb: $version"
grep -q "$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")" <<< "$version" || fail "--version does not print the project version"

if command -v lintian > /dev/null; then
  echo "check-deb: lintian report"
  lintian --info --display-info --fail-on error "$deb" || fail "lintian reported errors"
else
  echo "check-deb: lintian not installed; skipped"
fi

if [ "$failures" -gt 0 ]; then
  echo "check-deb: $failures check(s) failed" >&2
  exit 1
fi
echo "check-deb: ok"
