#include "util/tokenizer_files.h"

#include <system_error>

namespace laminar {
namespace fs = std::filesystem;

std::vector<fs::path> tokenizerFilesIn(const fs::path& dir) {
  const auto isFile = [](const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
  };
  for (const auto& pair : kTokenizerFilePairs)
    if (isFile(dir / pair.vocab) && isFile(dir / pair.merges)) return {dir / pair.vocab, dir / pair.merges};
  if (isFile(dir / kTokenizerJsonName)) return {dir / kTokenizerJsonName};
  return {};
}

}  // namespace laminar
