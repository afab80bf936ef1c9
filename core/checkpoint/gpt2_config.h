#pragma once
// The fields of a Hugging Face GPT-2 config.json that the forward pass depends on.
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace laminar {

struct Gpt2Config {
  int64_t nEmbd = 768;
  int64_t nLayer = 12;
  int64_t nHead = 12;
  int64_t nPositions = 1024;
  int64_t vocabSize = 50257;
  int64_t nInner = 0;  // 0 = 4 * nEmbd (config "n_inner": null)
  double layerNormEpsilon = 1e-5;
  std::string activationFunction = "gelu_new";
  bool syntheticWeights = false;  // written by make-synthetic: the weights are random

  int64_t headDim() const { return nEmbd / nHead; }
  int64_t innerDim() const { return nInner > 0 ? nInner : 4 * nEmbd; }
  int64_t parameterCount() const;  // tied LM head counted once
  std::string shapeName() const;   // "gpt2-xl" for the known shapes, else "WxLxH"

  // Refuses what GPT-2 code cannot run (fields missing, non-positive, n_embd not divisible
  // by n_head, unsupported activation or attention variants), naming the field and `source`.
  static Gpt2Config fromJson(const nlohmann::json& j, const std::string& source);
  static Gpt2Config fromFile(const std::filesystem::path& configJson);
  nlohmann::json toJson() const;  // Hugging Face field names

  // Known shapes: gpt2, gpt2-medium, gpt2-large, gpt2-xl, or "WxLxH" (width x layers x heads).
  static Gpt2Config forShape(const std::string& shape);
};

}  // namespace laminar
