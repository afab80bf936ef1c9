#include "tokenizer/bpe_tokenizer.h"

#include <mutex>
#include <queue>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>

#include "tokenizer/bpe_vocabulary.h"
#include "tokenizer/gpt2_pretokenizer.h"
#include "tokenizer/utf8.h"
#include "util/error.h"
#include "util/tokenizer_files.h"

namespace laminar {
namespace fs = std::filesystem;
namespace {

// Words up to this many bytes are remembered; longer ones are rare and would bloat it.
constexpr size_t kMaxCachedWordBytes = 256;
constexpr size_t kMaxCachedWords = 1 << 16;

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

struct BpeTokenizer::Impl {
  BpeVocabulary vocab;
  Gpt2PreTokenizer preTokenizer;
  mutable std::shared_mutex cacheMutex;
  mutable std::unordered_map<std::string, std::vector<int32_t>> cache;

  std::vector<int32_t> bpe(std::string_view word) const;
  std::vector<int32_t> cachedBpe(std::string_view word) const;
  void encodeOrdinaryText(std::string_view text, size_t textStart, const std::vector<int64_t>& codePointOfByte,
                          Encoding& out) const;
  void checkId(int64_t id) const;
};

// Byte-pair merging exactly as Hugging Face tokenizers does it (models/bpe/word.rs,
// merge_all): a queue of candidate pairs ordered by (rank, position); a popped pair whose
// symbols changed since it was queued is skipped. O(n log n) in the word length.
std::vector<int32_t> BpeTokenizer::Impl::bpe(std::string_view word) const {
  struct Symbol {
    int32_t id;
    int32_t prev, next;  // neighbours still alive, -1 at the ends
    bool alive;
  };
  struct Candidate {
    int32_t rank, pos, merged;
    bool operator<(const Candidate& o) const {  // priority_queue pops the "largest"
      return rank != o.rank ? rank > o.rank : pos > o.pos;
    }
  };
  const int32_t n = static_cast<int32_t>(word.size());
  std::vector<Symbol> symbols(word.size());
  for (int32_t i = 0; i < n; ++i)
    symbols[i] = Symbol{vocab.idOfByte[static_cast<unsigned char>(word[i])], i - 1, i + 1 < n ? i + 1 : -1, true};

  auto lookup = [&](int32_t left, int32_t right) -> const BpeVocabulary::Merge* {
    auto it = vocab.merges.find(BpeVocabulary::pairKey(left, right));
    return it == vocab.merges.end() ? nullptr : &it->second;
  };
  std::priority_queue<Candidate> queue;
  for (int32_t i = 0; i + 1 < n; ++i)
    if (auto* m = lookup(symbols[i].id, symbols[i + 1].id)) queue.push({m->rank, i, m->merged});

  while (!queue.empty()) {
    Candidate top = queue.top();
    queue.pop();
    Symbol& left = symbols[top.pos];
    if (!left.alive || left.next < 0) continue;
    Symbol& right = symbols[left.next];
    auto* current = lookup(left.id, right.id);
    if (!current || current->merged != top.merged) continue;  // stale entry
    left.id = top.merged;
    right.alive = false;
    left.next = right.next;
    if (left.next >= 0) symbols[left.next].prev = top.pos;
    if (left.prev >= 0)
      if (auto* m = lookup(symbols[left.prev].id, left.id)) queue.push({m->rank, left.prev, m->merged});
    if (left.next >= 0)
      if (auto* m = lookup(left.id, symbols[left.next].id)) queue.push({m->rank, top.pos, m->merged});
  }
  std::vector<int32_t> ids;
  for (int32_t i = n > 0 ? 0 : -1; i >= 0; i = symbols[i].next) ids.push_back(symbols[i].id);
  return ids;
}

std::vector<int32_t> BpeTokenizer::Impl::cachedBpe(std::string_view word) const {
  if (word.size() > kMaxCachedWordBytes) return bpe(word);
  std::string key(word);
  {
    std::shared_lock lock(cacheMutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::vector<int32_t> ids = bpe(word);
  std::unique_lock lock(cacheMutex);
  if (cache.size() >= kMaxCachedWords) cache.clear();  // crude bound; refills with what is used now
  cache.emplace(std::move(key), ids);
  return ids;
}

void BpeTokenizer::Impl::encodeOrdinaryText(std::string_view text, size_t textStart,
                                            const std::vector<int64_t>& codePointOfByte, Encoding& out) const {
  for (auto [begin, end] : preTokenizer.split(text)) {
    size_t pos = textStart + begin;
    for (int32_t id : cachedBpe(text.substr(begin, end - begin))) {
      size_t length = vocab.bytesOfId[id].size();
      out.ids.push_back(id);
      // A token that ends inside a multi-byte character gets that whole character.
      out.offsets.emplace_back(codePointOfByte[pos], codePointOfByte[pos + length - 1] + 1);
      pos += length;
    }
  }
}

void BpeTokenizer::Impl::checkId(int64_t id) const {
  if (id < 0 || id >= static_cast<int64_t>(vocab.bytesOfId.size()) || !vocab.idInUse[id]) {
    const std::string shown = std::to_string(id), count = std::to_string(vocab.idOfBytes.size()),
                      last = std::to_string(vocab.bytesOfId.size() - 1);
    throw Error(Message(msg::kTokenizerUnknownId, {{"id", shown}, {"count", count}, {"max", last}},
                        "tokenizer: token id " + shown + " is not in the vocabulary (" + count + " tokens, ids 0.." + last + ")"));
  }
}

BpeTokenizer::BpeTokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BpeTokenizer::BpeTokenizer(BpeTokenizer&&) noexcept = default;
BpeTokenizer& BpeTokenizer::operator=(BpeTokenizer&&) noexcept = default;
BpeTokenizer::~BpeTokenizer() = default;

BpeTokenizer BpeTokenizer::fromFiles(const fs::path& vocabJson, const fs::path& merges) {
  auto impl = std::make_unique<Impl>();
  impl->vocab = BpeVocabulary::load(vocabJson, merges);
  return BpeTokenizer(std::move(impl));
}

BpeTokenizer BpeTokenizer::fromTokenizerJson(const fs::path& tokenizerJson) {
  auto impl = std::make_unique<Impl>();
  impl->vocab = BpeVocabulary::loadTokenizerJson(tokenizerJson);
  return BpeTokenizer(std::move(impl));
}

bool BpeTokenizer::directoryHasTokenizer(const fs::path& dir) { return !tokenizerFilesIn(dir).empty(); }

BpeTokenizer BpeTokenizer::fromDirectory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec))
    throw Error(fileMessage(dir.string(), msg::kTokenizerDirectoryNotFound, {}, "tokenizer directory not found"));
  if (!fs::is_directory(dir, ec))
    throw Error(fileMessage(dir.string(), msg::kTokenizerNotADirectory, {},
                            "not a directory (expected a tokenizer or checkpoint directory)"));
  const std::vector<fs::path> files = tokenizerFilesIn(dir);
  if (files.size() == 2) return fromFiles(files[0], files[1]);
  if (files.size() == 1) return fromTokenizerJson(files[0]);
  // Half a pair is a more useful message than "nothing here".
  for (const auto& names : kTokenizerFilePairs) {
    for (auto [present, absent] : {std::pair{names.vocab, names.merges}, std::pair{names.merges, names.vocab}})
      if (isFile(dir / present))
        throw Error(fileMessage((dir / absent).string(), msg::kTokenizerHalfPair, {{"present", present}},
                                std::string("file not found (") + present + " is there; the GPT-2 tokenizer needs both)"));
  }
  throw Error(fileMessage(dir.string(), msg::kTokenizerNotFound, {},
                          "no GPT-2 tokenizer here: expected vocab.json + merges.txt, encoder.json + vocab.bpe, or tokenizer.json"));
}

Encoding BpeTokenizer::encode(const std::string& text) const {
  if (size_t bad = utf8::firstInvalidByte(text); bad != std::string::npos)
    throw Error(Message(msg::kTokenizerInvalidUtf8, {{"position", std::to_string(bad)}},
                        "tokenizer: the text is not valid UTF-8 (byte " + std::to_string(bad) + ")"));
  std::vector<int64_t> codePointOfByte = utf8::codePointIndexOfBytes(text);
  Encoding out;
  out.ids.reserve(text.size() / 3 + 1);
  out.offsets.reserve(text.size() / 3 + 1);
  // Like Hugging Face's GPT2Tokenizer, "<|endoftext|>" in the text is the special token,
  // and the text on either side of it is tokenised on its own.
  std::string_view rest(text);
  size_t restStart = 0;
  while (true) {
    size_t special = impl_->vocab.endOfTextId >= 0 ? rest.find(kEndOfText) : std::string_view::npos;
    impl_->encodeOrdinaryText(rest.substr(0, special), restStart, codePointOfByte, out);
    if (special == std::string_view::npos) break;
    size_t begin = restStart + special, end = begin + kEndOfText.size();
    out.ids.push_back(impl_->vocab.endOfTextId);
    out.offsets.emplace_back(codePointOfByte[begin], codePointOfByte[end]);
    rest.remove_prefix(special + kEndOfText.size());
    restStart = end;
  }
  return out;
}

std::string BpeTokenizer::tokenBytes(int64_t id) const {
  impl_->checkId(id);
  return impl_->vocab.bytesOfId[id];
}

std::string BpeTokenizer::decode(const std::vector<int64_t>& ids) const {
  std::string bytes;
  for (int64_t id : ids) {
    impl_->checkId(id);
    bytes += impl_->vocab.bytesOfId[id];
  }
  return utf8::decodeWithReplacement(bytes);
}

std::string BpeTokenizer::tokenText(int64_t id) const { return decode({id}); }

std::string BpeTokenizer::tokenLabel(int64_t id) const { return utf8::withByteNames(tokenBytes(id)); }

int64_t BpeTokenizer::vocabSize() const { return static_cast<int64_t>(impl_->vocab.bytesOfId.size()); }

int64_t BpeTokenizer::eosTokenId() const { return impl_->vocab.endOfTextId; }

}  // namespace laminar
