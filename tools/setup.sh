#!/usr/bin/env bash
# Installs every Debian 12 package Laminar needs to build, test and run. Idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache git
  # core: libtorch (+ OpenBLAS, or libtorch falls back to a BLAS 20x slower), oneDNN's header
  # (libtorch already loads libdnnl; its sgemm runs the forward's GEMMs), Eigen,
  # JSON, command line, Boost.Math, PCRE2 (Unicode classes), OpenSSL (SHA-256), curl
  libtorch-dev libopenblas0 libdnnl-dev libeigen3-dev nlohmann-json3-dev libcli11-dev libboost-math-dev
  libpcre2-dev libssl-dev libcurl4-openssl-dev
  # GUI: Qt6 + QCustomPlot (Qt6 build), fonts with Vietnamese diacritics
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqcustomplot-dev libgl-dev fonts-dejavu-core
  # tests: GoogleTest, a virtual display, and the external references (scipy & co.)
  googletest libgtest-dev xvfb xauth python3 python3-numpy python3-scipy python3-statsmodels python3-sklearn
  # tests: Node.js runs the vendored Hugging Face tokenizers reference (tests/tokenizer/differential)
  nodejs
  # sanitizer and fuzzing build (tests/fuzz): clang with its ASan/UBSan/libFuzzer runtimes
  clang libclang-rt-14-dev
  # packaging checks
  dpkg-dev file lintian desktop-file-utils appstream
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
