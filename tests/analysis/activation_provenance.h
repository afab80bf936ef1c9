#pragma once
// Activation provenance: every vector an analysis saves in vectors.safetensors must be, bit for
// bit, the model's activation at a named TransformerLens hook and the recorded token. The
// statistics are recomputed from those vectors by verify_results.py, so a wrong hook, a swapped
// site or a row off by one would otherwise be self-consistent and green.
//
// Part of the analysis contract: a new analysis adds one describer to the table in
// activation_provenance.cpp (which saved vector comes from which hooks and rows, read from its
// results only) and test_activation_provenance.cpp checks it on a synthetic model.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "analysis/run_results.h"
#include "model/hook_points.h"

namespace laminar {
class Gpt2Model;
class BpeTokenizer;
struct SentenceSet;
}  // namespace laminar

namespace laminar::test {

struct TokenRow {
  int textIndex = 0;      // into SentenceSet::texts
  int64_t position = 0;   // token position in that text (after <|endoftext|> with prependBos)
};

// One saved F32 vector [rows.size(), sum of hook widths]: row k is the concatenation, in
// order, of hooks `blocks.{layer}.{suffix}` at rows[k].
struct VectorSource {
  std::string vector;                       // "layer3.attn"
  int layer = 0;
  std::vector<HookSuffix> hookSuffixes;     // hook::kAttnOut; several = columns side by side
  std::vector<TokenRow> rows;
  // The whole capture of one text instead of rows (hook_pattern's [head, query, key]): the
  // vector equals blocks.{layer}.{hookSuffixes[0]} of text rows[0].textIndex, shape and bits.
  bool wholeTensor = false;
};

// Where each saved activation vector of a run must come from, read from its results (the
// recorded rows), written independently of the analysis' own constants.
using ProvenanceDescriber = std::function<std::vector<VectorSource>(const RunResults&)>;

struct ProvenanceEntry {
  std::string analysis;        // registry name, "similarity"
  std::string exampleSet;      // resources/examples file the test runs it on
  ProvenanceDescriber describe;
};
const std::vector<ProvenanceEntry>& provenanceTable();
const ProvenanceEntry* findProvenance(const std::string& analysis);

// Token ids of text `textIndex` as the analyses see it: brackets removed, BOS first if asked.
std::vector<int64_t> analysisIds(const BpeTokenizer& tokenizer, const SentenceSet& sentences, int textIndex,
                                 bool prependBos);

// Runs `model` on the texts the results used (same ids, same order, every position captured)
// and checks every F32 vector of `results.vectors` against its described source, bit for bit.
// Also fails if an F32 vector is not described (nothing saved escapes the check). On a
// mismatch it says which hook and position the row does equal, if any.
::testing::AssertionResult activationsMatchHooks(const Gpt2Model& model, const BpeTokenizer& tokenizer,
                                                 const SentenceSet& sentences, const RunResults& results,
                                                 const std::vector<VectorSource>& sources);

}  // namespace laminar::test
