#pragma once
// Which tokenizer goes with a checkpoint. Every checkpoint Laminar runs uses GPT-2's
// vocabulary, so a checkpoint without its own tokenizer files gets the bundled one.
#include <filesystem>

namespace laminar {

// `checkpointTokenizerDir` when it holds tokenizer files (vocab.json + merges.txt or
// tokenizer.json), else the bundled GPT-2 tokenizer folder. Throws laminar::Error when the
// bundled folder cannot be found either.
std::filesystem::path tokenizerDirectoryFor(const std::filesystem::path& checkpointTokenizerDir);

}  // namespace laminar
