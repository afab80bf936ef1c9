#pragma once
// The part of libtorch's C++ API that Laminar uses: tensors, factories, ATen ops,
// grad/inference guards, thread settings, CUDA queries and the version. <torch/torch.h> would also
// pull in nn, optim, data and jit, doubling the compile time of every file that
// includes a model header. Header-only: include it from areas that link Torch.
#include <torch/cuda.h>
#include <torch/version.h>
#include <torch/types.h>
#include <torch/utils.h>
