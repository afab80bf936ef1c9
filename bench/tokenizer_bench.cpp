// Not a test: GPT-2 tokenizer throughput. Usage: laminar-bench-tokenizer [FILE...]
// Default text: every licence in /usr/share/common-licenses (about 260 kB of English)
// plus the reference fixture's multilingual texts. Reports tokens/s with a cold word cache
// (first pass over text never seen), warm (repeat passes), and with 2 threads; and the
// pre-tokenizer alone (words/s) on that text and on the fixture's texts joined (mostly
// non-ASCII: every script, emoji, supplementary planes).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/gpt2_pretokenizer.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int main(int argc, char** argv) {
  std::vector<std::string> documents;
  if (argc > 1) {
    for (int i = 1; i < argc; ++i) documents.push_back(readAll(argv[i]));
  } else {
    for (const auto& entry : fs::directory_iterator("/usr/share/common-licenses"))
      if (entry.is_regular_file() && !entry.is_symlink()) documents.push_back(readAll(entry.path()));
    documents.push_back(readAll(fs::path(LAMINAR_SOURCE_DIR) / "tests/tokenizer/data/bpe-reference.json"));
  }
  size_t bytes = 0;
  for (const auto& d : documents) bytes += d.size();

  auto loadStart = Clock::now();
  auto tokenizer = laminar::BpeTokenizer::fromDirectory(fs::path(LAMINAR_SOURCE_DIR) / "resources/tokenizer");
  double loadSeconds = std::chrono::duration<double>(Clock::now() - loadStart).count();

  auto pass = [&](size_t first, size_t step) {
    size_t tokens = 0;
    for (size_t i = first; i < documents.size(); i += step) tokens += tokenizer.encode(documents[i]).ids.size();
    return tokens;
  };
  auto timed = [&](auto&& f) {
    auto start = Clock::now();
    size_t tokens = f();
    return std::make_pair(tokens, std::chrono::duration<double>(Clock::now() - start).count());
  };
  auto report = [&](const char* what, std::pair<size_t, double> r) {
    std::cout << what << ": " << r.first << " tokens in " << r.second << " s = " << static_cast<long>(r.first / r.second)
              << " tokens/s, " << static_cast<long>(bytes / r.second / 1e6 * 10) / 10.0 << " MB/s\n";
  };
  std::cout << "text: " << documents.size() << " documents, " << bytes << " bytes; load " << loadSeconds << " s\n";
  report("cold cache, 1 thread", timed([&] { return pass(0, 1); }));
  report("warm cache, 1 thread", timed([&] { return pass(0, 1); }));
  const auto fixture = nlohmann::json::parse(readAll(fs::path(LAMINAR_SOURCE_DIR) / "tests/tokenizer/data/bpe-reference.json"));
  std::string fixtureTexts;
  for (const auto& c : fixture.at("cases")) fixtureTexts += c.at("text").get<std::string>() + "\n";
  laminar::Gpt2PreTokenizer preTokenizer;
  auto preTokenize = [&](const char* what, const std::vector<std::string>& texts, int repeats) {
    size_t words = 0, textBytes = 0;
    auto start = Clock::now();
    for (int r = 0; r < repeats; ++r)
      for (const auto& t : texts) words += preTokenizer.split(t).size(), textBytes += t.size();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::cout << "pre-tokenizer only, " << what << ": " << words << " words in " << seconds << " s = "
              << static_cast<long>(words / seconds) << " words/s, " << static_cast<long>(textBytes / seconds / 1e6 * 10) / 10.0
              << " MB/s\n";
  };
  preTokenize("the text above x10", documents, 10);
  preTokenize("fixture texts joined x200", {fixtureTexts}, 200);
  report("warm cache, 2 threads", timed([&] {
           size_t a = 0, b = 0;
           std::thread t([&] { a = pass(0, 2); });
           b = pass(1, 2);
           t.join();
           return a + b;
         }));
  return 0;
}
