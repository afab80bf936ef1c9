#include "tokenizer/tokenizer_location.h"

#include "tokenizer/bpe_tokenizer.h"
#include "util/data_paths.h"

namespace laminar {

std::filesystem::path tokenizerDirectoryFor(const std::filesystem::path& checkpointTokenizerDir) {
  if (!checkpointTokenizerDir.empty() && BpeTokenizer::directoryHasTokenizer(checkpointTokenizerDir))
    return checkpointTokenizerDir;
  return findDataPath("tokenizer");
}

}  // namespace laminar
