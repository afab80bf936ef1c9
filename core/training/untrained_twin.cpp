#include "training/untrained_twin.h"

#include "training/hf_checkpoint_writer.h"
#include "training/trainable_gpt2.h"

namespace laminar {

void writeUntrainedTwin(const std::filesystem::path& outDir, const Gpt2Config& config, uint64_t seed,
                        const std::filesystem::path& tokenizerDirectory, DType dtype) {
  HfCheckpointContent content;
  content.config = config;
  content.config.syntheticWeights = true;
  content.parameters = TrainableGpt2(config, seed).namedParameters();
  content.dtype = dtype;
  content.tokenizerDirectory = tokenizerDirectory;
  content.metadata = {{"laminar_synthetic_weights", "true"}, {"laminar_seed", std::to_string(seed)},
                      {"laminar_untrained_twin", "true"}};
  content.extraConfig = {
      {"laminar_note", "Untrained twin: the initial weights (Hugging Face GPT-2 initialisation, seed " +
                           std::to_string(seed) + ") that laminar-cli train starts from. Not trained; the control "
                           "for figures of the trained model of the same shape and seed."}};
  writeHfCheckpoint(outDir, content);
}

}  // namespace laminar
