#include "tokenizer/bpe_vocabulary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

#include "tokenizer/byte_level_alphabet.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_text.h"

namespace laminar {
namespace fs = std::filesystem;
namespace {

std::string readTokenizerFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(fileMessage(path.string(), msg::kFileNotFound, {}, "file not found"));
  if (!fs::is_regular_file(path, ec)) throw Error(fileMessage(path.string(), msg::kFileNotRegular, {}, "not a regular file"));
  return readFile(path);
}


nlohmann::json parseJsonFile(const fs::path& path, const std::string& text) { return parseJsonText(text, path.string()); }

// Where in a file a defect is: a line of a text file ("12"), a place in a JSON document
// ("model.merges[11]"), or neither (both empty).
struct Place {
  std::string line, path;
  // The English prefix naming it: "line 12: ", "model.merges[11]: " or "".
  std::string prefix() const { return !line.empty() ? "line " + line + ": " : !path.empty() ? path + ": " : ""; }
};

// nlohmann's DOM keeps no positions; find the key's spelling in the file to name a line.
Place lineOfKey(const std::string& text, const std::string& key) {
  for (bool asciiOnly : {false, true}) {
    std::string spelled = nlohmann::json(key).dump(-1, ' ', asciiOnly, nlohmann::json::error_handler_t::replace);
    for (size_t at = text.find(spelled); at != std::string::npos; at = text.find(spelled, at + 1)) {
      size_t after = text.find_first_not_of(" \t\r\n", at + spelled.size());
      if (after != std::string::npos && text[after] == ':') return Place{std::to_string(lineOfOffset(text, at)), ""};
    }
  }
  return {};
}

// A message about `file` at `place`: coded `atLine` (parameter "line"), `at` (parameter
// "where") or `nowhere`, with the place's prefix before `englishTail`.
Message placedMessage(const std::string& file, const Place& place, MessageCode atLine, MessageCode at, MessageCode nowhere,
                      MessageParams params, const std::string& englishTail) {
  if (!place.line.empty()) {
    params.insert(params.begin(), {"line", place.line});
    return fileMessage(file, atLine, std::move(params), place.prefix() + englishTail);
  }
  if (!place.path.empty()) {
    params.insert(params.begin(), {"where", place.path});
    return fileMessage(file, at, std::move(params), place.prefix() + englishTail);
  }
  return fileMessage(file, nowhere, std::move(params), englishTail);
}

std::string jsonQuoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct MergeEntry {
  std::string left, right;
  Place where;        // line 12 of merges.txt or model.merges[11] of tokenizer.json
  std::string shown;  // the entry as written
};

// Where each defect is reported: the file, and a prefix naming the place within it.
struct Sources {
  std::string vocabFile, mergesFile, vocabName;
  std::function<Place(const std::string& key)> whereIsKey;
};

// The vocabulary's token -> id pairs: each id a non-negative int32 used once. Marks the ids in
// use in vocab.idInUse; returns each id's byte-level spelling (empty in a gap of ids).
std::vector<std::string> readIds(const nlohmann::json& json, const Sources& src, BpeVocabulary& vocab,
                                 std::unordered_map<std::string, int32_t>& idOfSpelling) {
  if (!json.is_object())
    throw Error(fileMessage(src.vocabFile, msg::kTokenizerVocabNotObject, {{"type", json.type_name()}},
                            std::string("expected a JSON object of token -> id, found a JSON ") + json.type_name()));
  if (json.empty()) throw Error(fileMessage(src.vocabFile, msg::kTokenizerVocabEmpty, {}, "the vocabulary is empty"));
  idOfSpelling.reserve(json.size());
  std::vector<std::string> spellingOfId;
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& spelling = it.key();
    const nlohmann::json& value = it.value();
    bool isId = value.is_number_integer() && value.get<int64_t>() >= 0 &&
                value.get<int64_t>() < std::numeric_limits<int32_t>::max();
    if (!isId)
      throw Error(placedMessage(src.vocabFile, src.whereIsKey(spelling), msg::kTokenizerVocabBadIdAtLine, msg::kTokenizerVocabBadIdAt,
                                msg::kTokenizerVocabBadId, {{"token", jsonQuoted(spelling)}, {"value", value.dump()}},
                                "token " + jsonQuoted(spelling) + " has value " + value.dump() +
                                    "; expected a non-negative integer token id"));
    auto id = static_cast<int32_t>(value.get<int64_t>());
    if (static_cast<size_t>(id) >= spellingOfId.size()) {
      spellingOfId.resize(static_cast<size_t>(id) + 1);
      vocab.idInUse.resize(static_cast<size_t>(id) + 1, false);
    }
    if (vocab.idInUse[id])
      throw Error(placedMessage(src.vocabFile, src.whereIsKey(spelling), msg::kTokenizerVocabDuplicateIdAtLine,
                                msg::kTokenizerVocabDuplicateIdAt, msg::kTokenizerVocabDuplicateId,
                                {{"token", jsonQuoted(spellingOfId[id])}, {"other", jsonQuoted(spelling)}, {"id", std::to_string(id)}},
                                "tokens " + jsonQuoted(spellingOfId[id]) + " and " + jsonQuoted(spelling) + " both have id " +
                                    std::to_string(id)));
    vocab.idInUse[id] = true;
    spellingOfId[id] = spelling;
    idOfSpelling.emplace(spelling, id);
  }
  return spellingOfId;
}

// Each id's bytes and the reverse map. Byte-level spellings first, so that a literal token
// (outside the alphabet, such as an added special token) never shadows the byte sequence BPE
// produces.
void mapBytes(const std::vector<std::string>& spellingOfId, BpeVocabulary& vocab) {
  const ByteLevelAlphabet& alphabet = ByteLevelAlphabet::instance();
  vocab.bytesOfId.resize(spellingOfId.size());
  vocab.idOfBytes.reserve(spellingOfId.size());
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t id = 0; id < spellingOfId.size(); ++id) {
      if (!vocab.idInUse[id]) continue;
      auto bytes = alphabet.toBytes(spellingOfId[id]);
      if ((pass == 0) != bytes.has_value()) continue;
      vocab.bytesOfId[id] = bytes ? *bytes : spellingOfId[id];
      vocab.idOfBytes.emplace(vocab.bytesOfId[id], static_cast<int32_t>(id));
    }
  }
}

// A GPT-2 byte-level vocabulary has all 256 single-byte tokens: BPE starts from them.
void mapSingleBytes(const Sources& src, BpeVocabulary& vocab) {
  for (int b = 0; b < 256; ++b) {
    auto it = vocab.idOfBytes.find(std::string(1, static_cast<char>(b)));
    if (it == vocab.idOfBytes.end()) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", b);
      const std::string spelled =
          jsonQuoted(ByteLevelAlphabet::instance().fromBytes(std::string(1, static_cast<char>(b))));
      throw Error(fileMessage(src.vocabFile, msg::kTokenizerVocabMissingByte, {{"byte", hex}, {"token", spelled}},
                              std::string("no token for byte ") + hex + " (spelled " + spelled +
                                  "); a GPT-2 byte-level vocabulary has all 256 single-byte tokens"));
    }
    vocab.idOfByte[b] = it->second;
  }
}

// The merges in rank order; both parts and their concatenation must be tokens.
void addMerges(const std::vector<MergeEntry>& mergeEntries, const std::unordered_map<std::string, int32_t>& idOfSpelling,
               const Sources& src, BpeVocabulary& vocab) {
  vocab.merges.reserve(mergeEntries.size());
  int32_t rank = 0;
  for (const MergeEntry& m : mergeEntries) {
    int32_t ids[2];
    for (int k = 0; k < 2; ++k) {
      const std::string& part = k == 0 ? m.left : m.right;
      auto it = idOfSpelling.find(part);
      if (it == idOfSpelling.end())
        throw Error(placedMessage(src.mergesFile, m.where, msg::kTokenizerMergeUnknownPartAtLine, msg::kTokenizerMergeUnknownPartAt,
                                  msg::kTokenizerMergeUnknownPartAt,
                                  {{"merge", jsonQuoted(m.shown)}, {"token", jsonQuoted(part)}, {"name", src.vocabName}},
                                  "merge " + jsonQuoted(m.shown) + " uses " + jsonQuoted(part) + ", which is not in " + src.vocabName));
      ids[k] = it->second;
    }
    auto merged = idOfSpelling.find(m.left + m.right);
    if (merged == idOfSpelling.end())
      throw Error(placedMessage(src.mergesFile, m.where, msg::kTokenizerMergeUnknownResultAtLine, msg::kTokenizerMergeUnknownResultAt,
                                msg::kTokenizerMergeUnknownResultAt,
                                {{"merge", jsonQuoted(m.shown)}, {"token", jsonQuoted(m.left + m.right)}, {"name", src.vocabName}},
                                "merge " + jsonQuoted(m.shown) + " produces " + jsonQuoted(m.left + m.right) + ", which is not in " +
                                    src.vocabName));
    // A repeated pair keeps its last rank, as Hugging Face's loaders (a dict/HashMap) do.
    vocab.merges[BpeVocabulary::pairKey(ids[0], ids[1])] = BpeVocabulary::Merge{rank++, merged->second};
  }
}

BpeVocabulary build(const nlohmann::json& json, const std::vector<MergeEntry>& mergeEntries, const Sources& src) {
  BpeVocabulary vocab;
  std::unordered_map<std::string, int32_t> idOfSpelling;  // byte-level spelling -> id
  const std::vector<std::string> spellingOfId = readIds(json, src, vocab, idOfSpelling);
  mapBytes(spellingOfId, vocab);
  mapSingleBytes(src, vocab);
  if (auto it = idOfSpelling.find(std::string(kEndOfText)); it != idOfSpelling.end()) vocab.endOfTextId = it->second;
  addMerges(mergeEntries, idOfSpelling, src, vocab);
  return vocab;
}

}  // namespace

BpeVocabulary BpeVocabulary::load(const fs::path& vocabPath, const fs::path& mergesPath) {
  const std::string vocabText = readTokenizerFile(vocabPath);
  const nlohmann::json json = parseJsonFile(vocabPath, vocabText);

  // merges.txt: "left right" per line, ranked by order; an optional "#version" line first.
  const std::string mergesText = readTokenizerFile(mergesPath);
  std::vector<MergeEntry> merges;
  merges.reserve(mergesText.size() / 8);
  size_t lineNumber = 0;
  for (size_t begin = 0; begin < mergesText.size();) {
    size_t end = mergesText.find('\n', begin);
    if (end == std::string::npos) end = mergesText.size();
    std::string line = mergesText.substr(begin, end - begin);
    begin = end + 1;
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (lineNumber == 1 && line.rfind("#version", 0) == 0) continue;
    Place where{std::to_string(lineNumber), ""};
    size_t space = line.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 == line.size() || line.find(' ', space + 1) != std::string::npos)
      throw Error(fileMessage(mergesPath.string(), msg::kTokenizerMergeNotPairAtLine,
                              {{"line", where.line}, {"found", jsonQuoted(line)}},
                              where.prefix() + "expected two tokens separated by one space, found " + jsonQuoted(line)));
    merges.push_back({line.substr(0, space), line.substr(space + 1), std::move(where), line});
  }
  Sources src{vocabPath.string(), mergesPath.string(), vocabPath.filename().string(),
              [&vocabText](const std::string& key) { return lineOfKey(vocabText, key); }};
  return build(json, merges, src);
}

BpeVocabulary BpeVocabulary::loadTokenizerJson(const fs::path& path) {
  const std::string file = path.string();
  const std::string text = readTokenizerFile(path);
  const nlohmann::json json = parseJsonFile(path, text);
  if (!json.is_object() || !json.contains("model") || !json["model"].is_object())
    throw Error(fileMessage(file, msg::kTokenizerJsonNoModel, {}, "expected a Hugging Face tokenizer.json with a \"model\" object"));
  const nlohmann::json& model = json["model"];
  std::string type = model.value("type", std::string("BPE"));
  if (type != "BPE")
    throw Error(fileMessage(file, msg::kTokenizerJsonNotBpe, {{"type", type}},
                            "model.type is \"" + type + "\"; GPT-2 needs a \"BPE\" model"));
  const nlohmann::json* preTokenizer = json.contains("pre_tokenizer") ? &json["pre_tokenizer"] : nullptr;
  if (!preTokenizer || !preTokenizer->is_object() || preTokenizer->value("type", std::string()) != "ByteLevel")
    throw Error(fileMessage(file, msg::kTokenizerJsonNotByteLevel, {},
                            "pre_tokenizer is not \"ByteLevel\"; this is not a GPT-2 byte-level tokenizer"));
  if (preTokenizer->value("add_prefix_space", false))
    throw Error(fileMessage(file, msg::kTokenizerJsonPrefixSpace, {},
                            "pre_tokenizer.add_prefix_space is true; GPT-2's tokenizer does not add a prefix space"));
  if (!model.contains("vocab")) throw Error(fileMessage(file, msg::kTokenizerJsonNoVocab, {}, "model.vocab is missing"));
  if (!model.contains("merges") || !model["merges"].is_array())
    throw Error(fileMessage(file, msg::kTokenizerJsonNoMerges, {}, "model.merges is missing or not an array"));

  // Merges are "left right" strings (older files) or ["left", "right"] pairs (newer ones).
  std::vector<MergeEntry> merges;
  const nlohmann::json& list = model["merges"];
  merges.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    Place where{"", "model.merges[" + std::to_string(i) + "]"};
    const nlohmann::json& m = list[i];
    if (m.is_string()) {
      std::string line = m.get<std::string>();
      size_t space = line.find(' ');
      if (space == std::string::npos || space == 0 || space + 1 == line.size() || line.find(' ', space + 1) != std::string::npos)
        throw Error(fileMessage(file, msg::kTokenizerMergeNotPairAt, {{"where", where.path}, {"found", jsonQuoted(line)}},
                                where.prefix() + "expected two tokens separated by one space, found " + jsonQuoted(line)));
      merges.push_back({line.substr(0, space), line.substr(space + 1), where, line});
    } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
      merges.push_back({m[0].get<std::string>(), m[1].get<std::string>(), where, m[0].get<std::string>() + " " + m[1].get<std::string>()});
    } else {
      throw Error(fileMessage(file, msg::kTokenizerMergeEntryInvalid, {{"where", where.path}, {"found", m.dump()}},
                              where.prefix() + "expected \"left right\" or [\"left\", \"right\"], found " + m.dump()));
    }
  }
  Sources src{file, file, "model.vocab", [](const std::string&) { return Place{"", "model.vocab"}; }};
  BpeVocabulary vocab = build(model["vocab"], merges, src);
  // "<|endoftext|>" may live among the added tokens only.
  if (vocab.endOfTextId < 0 && json.contains("added_tokens") && json["added_tokens"].is_array())
    for (const auto& added : json["added_tokens"])
      if (added.is_object() && added.value("content", std::string()) == kEndOfText && added.contains("id") &&
          added["id"].is_number_integer() && added["id"].get<int64_t>() >= 0 && added["id"].get<int64_t>() < (1 << 30)) {
        auto id = static_cast<size_t>(added["id"].get<int64_t>());
        if (id < vocab.idInUse.size() && vocab.idInUse[id]) break;  // taken by another token: leave it
        vocab.bytesOfId.resize(std::max(vocab.bytesOfId.size(), id + 1));
        vocab.idInUse.resize(vocab.bytesOfId.size(), false);
        vocab.bytesOfId[id] = std::string(kEndOfText);
        vocab.idInUse[id] = true;
        vocab.endOfTextId = static_cast<int64_t>(id);
      }
  return vocab;
}

}  // namespace laminar
