#pragma once
// GPT-2's causal self-attention on the CPU in float32, written out as llm.c's
// attention_forward: per sequence, head and query, softmax(q k^T * scale) v over the keys up to
// the query and no further.
//
// Each sum is taken in one fixed order: a score over the head's dimensions, the softmax's
// denominator and an output over the keys in position order. A query's bits therefore depend on
// nothing but its own sequence up to itself: not on padding, on the tokens after it or on the
// other sequences in the batch. Batched BLAS products gave way to this because, for the short
// texts of experiment 1, they spent most of their time on padding: 54 texts of about eight
// tokens padded to 48 (2.3-2.9 s of an 8 s forward on GPT-2 XL).
#include <cstdint>
#include <vector>

#include "util/torch_api.h"

namespace laminar {

// Whether causalAttentionCpu runs for this c_attn output: CPU float32, unless the environment
// says LAMINAR_ATTENTION=batched (the padded BLAS products that CUDA and half precision run,
// which the tests then hold to Hugging Face on the CPU too).
bool causalAttentionCpuRuns(const torch::Tensor& qkv);

// qkv [tokens, 3 d]: c_attn's output, sequences packed one after another (sequence i's
// `lengths[i]` rows from row `offsets[i]`; q, k, v side by side, each with the heads side by side). Returns z [tokens, d], the heads side by side.
// `pattern`, when defined, is a zero [sequences, heads, T, T] tensor (T at least the longest
// length) that receives each sequence's attention probabilities.
torch::Tensor causalAttentionCpu(const torch::Tensor& qkv, const std::vector<int64_t>& offsets,
                                 const std::vector<int64_t>& lengths, int64_t nHead, float scale, torch::Tensor pattern);

}  // namespace laminar
