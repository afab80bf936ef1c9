#!/usr/bin/env bash
# GPU benchmark session (not a test), for a machine with an NVIDIA GPU and PyTorch (CUDA):
# builds the Qt-free engine, laminar-cli and the benchmarks against that PyTorch's libtorch,
# checks the GPU's results against the CPU's and against tools/verify_results.py, then times
# experiment 1 and 2 and the engine benchmark on the GPU beside Hugging Face's own eager run
# (../shared/bench/hf_gpu_bench.py) in the same session.
#
# usage: bench/gpu_bench.sh OUT [HF_BENCH] [DEBS_DIR]
#   OUT       folder for the logs and JSON files
#   HF_BENCH  path of hf_gpu_bench.py (skipped when not given)
#   DEBS_DIR  Debian 12 .debs of the build's libraries (nlohmann-json, CLI11, Boost.Math,
#             PCRE2, OpenSSL, curl, pkgconf and their libraries), unpacked under /tmp for a
#             machine that has none of them and no network
# DEVICE (cuda), SHAPE (gpt2-xl) and TORCH_DIR (the python3's PyTorch) may be set to try the
# script on a machine without a GPU.
set -uo pipefail
DEVICE=${DEVICE:-cuda}; SHAPE=${SHAPE:-gpt2-xl}
TORCH_DIR=${TORCH_DIR:-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')/Torch}
OUT=$(realpath "$1"); HF_BENCH=${2:-}; DEBS=${3:-}
mkdir -p "$OUT"
LOGS=/tmp/laminar-gpu-logs  # the build's logs and stderr; OUT keeps the few files worth reading
mkdir -p "$LOGS"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
step() { echo "== $(date -u +%T) $*" | tee -a "$OUT/steps.log"; }

step "machine"
{ uname -a; grep PRETTY /etc/os-release; nproc; g++ --version | head -1; cmake --version | head -1
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  python3 -c 'import torch; print("torch", torch.__version__, torch.version.cuda, torch.utils.cmake_prefix_path)'
} 2>&1 | tee "$OUT/machine.txt"

CMAKE_EXTRA=()
RUNENV=()
if [ -n "$DEBS" ]; then
  step "unpacking $(ls "$DEBS"/*.deb | wc -l) Debian packages"
  D=/tmp/laminar-deps
  rm -rf "$D" && mkdir -p "$D"
  for f in "$DEBS"/*.deb; do dpkg-deb -x "$f" "$D"; done
  LIB="$D/usr/lib/x86_64-linux-gnu"
  sed -i "s|^prefix=/usr\$|prefix=$D/usr|" "$LIB"/pkgconfig/*.pc
  printf '#!/bin/sh\nLD_LIBRARY_PATH=%s PKG_CONFIG_LIBDIR=%s exec %s "$@"\n' "$LIB" "$LIB/pkgconfig:$D/usr/share/pkgconfig" \
    "$D/usr/bin/pkgconf" > "$D/pkg-config"
  chmod +x "$D/pkg-config"
  CMAKE_EXTRA+=("-DCMAKE_PREFIX_PATH=$D/usr" "-DPKG_CONFIG_EXECUTABLE=$D/pkg-config"
                "-DCMAKE_EXE_LINKER_FLAGS=-Wl,-rpath-link,$LIB")
  RUNENV=(env "LD_LIBRARY_PATH=$LIB")  # only for Laminar's programs: the compiler keeps its own libraries
fi

step "configure"
export TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0}
cmake -S . -B build-gpu -G Ninja -DLAMINAR_GUI=OFF -DLAMINAR_TESTS=OFF -DCMAKE_POLICY_VERSION_MINIMUM=3.5 \
  -DTorch_DIR="$TORCH_DIR" "${CMAKE_EXTRA[@]}" > "$LOGS/configure.log" 2>&1 \
  || { tail -60 "$LOGS/configure.log"; exit 1; }
step "build"
timeout 420 cmake --build build-gpu --target laminar-cli laminar-bench-engine laminar-bench-experiment > "$LOGS/build.log" 2>&1 \
  || { grep -B2 -A12 -m8 "error" "$LOGS/build.log" | head -150; exit 1; }
CLI=("${RUNENV[@]}" build-gpu/cli/laminar-cli)
"${CLI[@]}" --version 2>&1 | tee -a "$OUT/machine.txt"

step "GPT-2 XL shape, synthetic weights"
"${CLI[@]}" make-synthetic --shape "$SHAPE" --seed 0 --out /tmp/xl 2>&1 | tail -1

step "experiment 1 on the GPU, cold (CUDA start, weights to the GPU, checksums)"
TIMEFORMAT="wall %R s"
time "${CLI[@]}" analyze similarity --model /tmp/xl \
  --sentences resources/examples/her.txt --device "$DEVICE" --out /tmp/sim-gpu 2>&1 | tail -3
python3 -c 'import json, sys; m = json.load(open("/tmp/sim-gpu/results.json"))["metadata"]
json.dump({k: m[k] for k in ("device", "torchVersion", "threads", "timings", "peakResidentBytes")}, sys.stdout, indent=1)' \
  > "$OUT/exp1-gpu-cold.json"
step "experiment 1 on the GPU, warm (model loaded once, 5 runs)"
"${RUNENV[@]}" build-gpu/bench/laminar-bench-experiment --model /tmp/xl --sentences resources/examples/her.txt \
  --device "$DEVICE" --repeat 5 > "$OUT/exp1-gpu.json" 2> "$LOGS/exp1-gpu.err"; grep -E "best|load" "$OUT/exp1-gpu.json"
step "engine benchmark on the GPU (54 sequences, 1,058 tokens)"
"${RUNENV[@]}" build-gpu/bench/laminar-bench-engine --model /tmp/xl --device "$DEVICE" --repeat 5 > "$OUT/engine-gpu.json" 2>&1
grep -E "seconds|tokens" "$OUT/engine-gpu.json"

if [ -n "$HF_BENCH" ]; then
  step "Hugging Face transformers, eager, same GPU"
  PYTHONUNBUFFERED=1 OUT="$OUT" python3 "$HF_BENCH" 2>&1
fi
step "experiment 2 on the GPU, warm (3 runs)"
"${RUNENV[@]}" build-gpu/bench/laminar-bench-experiment --model /tmp/xl --sentences resources/examples/coffee.txt \
  --experiment mi-distance --device "$DEVICE" --repeat 3 > "$OUT/exp2-gpu.json" 2> "$LOGS/exp2-gpu.err"; grep -E "best|load" "$OUT/exp2-gpu.json"
step "experiment 1 on the CPU (all $(nproc) cores), for the comparison"
timeout 300 "${CLI[@]}" analyze similarity --model /tmp/xl --sentences resources/examples/her.txt --out /tmp/sim-cpu 2>&1 | tail -1
step "GPU against CPU, and the GPU's statistics re-derived by numpy/scipy/statsmodels/sklearn"
# The first python3 with the reference libraries: PyTorch's may lack them, Debian's has them.
PY=python3
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import numpy, scipy, statsmodels, sklearn' 2> /dev/null; then PY=$p; break; fi
done
"$PY" - /tmp/sim-gpu /tmp/sim-cpu <<'EOF' 2>&1 | tee "$OUT/gpu-vs-cpu.txt"
import json, sys, numpy as np
sys.path.insert(0, "tools")
from verify_results import read_safetensors
g, c = (read_safetensors(d + "/vectors.safetensors") for d in sys.argv[1:3])
assert g.keys() == c.keys(), "different tensors"
def rel(a, b):
    a, b = a.astype(np.float64), b.astype(np.float64)
    return float(np.max(np.abs(a - b), initial=0)) / max(float(np.max(np.abs(b), initial=0)), 1e-30)
worst = max((rel(g[k], c[k]), k) for k in c)
print(f"vectors: {len(c)} tensors, largest difference relative to the tensor's largest value {worst[0]:.2e} ({worst[1]})")
jg, jc = json.load(open(sys.argv[1] + "/results.json")), json.load(open(sys.argv[2] + "/results.json"))
print("devices:", jg["metadata"]["device"], jc["metadata"]["device"])
EOF
timeout 300 "$PY" tools/verify_results.py /tmp/sim-gpu --quiet 2>&1 | tail -5 | tee -a "$OUT/gpu-vs-cpu.txt"

step "done"
