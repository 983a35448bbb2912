#!/bin/sh
# Network training speed on a GPU machine, for when one is at hand: the bench/nn cases trained by Lathe on
# tfjs-node-gpu (CUDA 11.2 + cuDNN 8.1), on TF.js WebGPU (Dawn) and on wasm with the WebAssembly kernel,
# against PyTorch on CUDA, merged into bench/results/nn-gpu.json (and .md). A backend that cannot start
# is recorded with its reason instead of a number.
#   sh bench/nn/gpu-check.sh [--rounds 2]
cd "$(dirname "$0")/../.." || exit 1
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "no NVIDIA GPU here (nvidia-smi not found): nothing to measure" >&2
  exit 2
fi
mkdir -p bench/results
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader > bench/results/nn-gpu-device.txt 2>&1
for b in tensorflow-gpu webgpu wasm; do
  engine=tfjs
  [ "$b" = wasm ] && engine=auto
  node --import tsx bench/nn/run.ts --backend "$b" --engine "$engine" --torch-device cuda --out "nn-gpu-$b" "$@" \
    > "bench/results/nn-gpu-$b.log" 2>&1 || echo "$b: did not run (bench/results/nn-gpu-$b.log)" >&2
done
node bench/nn/merge-gpu.mjs
