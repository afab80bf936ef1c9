#define PCRE2_CODE_UNIT_WIDTH 8
#include "tokenizer/gpt2_pretokenizer.h"

#include <pcre2.h>

#include <stdexcept>
#include <string>

#include "util/error.h"

namespace laminar {
namespace {

std::string pcre2Message(int code) {
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(code, buffer, sizeof buffer);
  return reinterpret_cast<const char*>(buffer);
}

// Per-thread match state: the compiled pattern is shared read-only, this is not.
struct MatchState {
  pcre2_match_data* data = nullptr;
  pcre2_match_context* context = nullptr;
  pcre2_jit_stack* jitStack = nullptr;
  MatchState() {
    data = pcre2_match_data_create(1, nullptr);
    context = pcre2_match_context_create(nullptr);
    // Long whitespace runs backtrack through \s+(?!\S); give the JIT room for them.
    jitStack = pcre2_jit_stack_create(64 * 1024, 16 * 1024 * 1024, nullptr);
    if (!data || !context || !jitStack) throw std::bad_alloc();
    pcre2_jit_stack_assign(context, nullptr, jitStack);
  }
  ~MatchState() {
    pcre2_jit_stack_free(jitStack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

}  // namespace

struct Gpt2PreTokenizer::Compiled {
  pcre2_code* code = nullptr;
  ~Compiled() { pcre2_code_free(code); }
};

const char* Gpt2PreTokenizer::pattern() {
  return R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
}

// The same pattern with \s spelled out as Unicode's White_Space property, which is what
// Hugging Face's engines (Oniguruma, Python's regex) and tiktoken's (Rust regex) mean by
// it. PCRE2's own \s also takes U+180E MONGOLIAN VOWEL SEPARATOR, a format character since
// Unicode 6.3.
const std::string& compiledPattern() {
  static const std::string expanded = [] {
    const std::string space = R"(\t\n\x{0B}\f\r\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000})";
    std::string p = Gpt2PreTokenizer::pattern();
    auto replaceAll = [&p](const std::string& from, const std::string& to) {
      for (size_t at = p.find(from); at != std::string::npos; at = p.find(from, at + to.size())) p.replace(at, from.size(), to);
    };
    replaceAll("[^\\s", "[^" + space);      // inside a negated class: add the members
    replaceAll("\\S", "[^" + space + "]");
    replaceAll("\\s", "[" + space + "]");
    return p;
  }();
  return expanded;
}

Gpt2PreTokenizer::Gpt2PreTokenizer() : compiled_(std::make_unique<Compiled>()) {
  int errorCode = 0;
  PCRE2_SIZE errorOffset = 0;
  compiled_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(compiledPattern().c_str()), PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP, &errorCode, &errorOffset, nullptr);
  if (!compiled_->code)
    throw std::logic_error("GPT-2 pattern does not compile: " + pcre2Message(errorCode));
  // JIT is only a speed-up; without it (unsupported CPU) pcre2_match interprets.
  pcre2_jit_compile(compiled_->code, PCRE2_JIT_COMPLETE);
}

Gpt2PreTokenizer::~Gpt2PreTokenizer() = default;

std::vector<std::pair<size_t, size_t>> Gpt2PreTokenizer::split(std::string_view text) const {
  thread_local MatchState state;
  std::vector<std::pair<size_t, size_t>> words;
  auto subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  size_t pos = 0;
  while (pos < text.size()) {
    // The caller validated the UTF-8 once; checking it again on every call would make the
    // loop quadratic in the text length.
    int rc = pcre2_match(compiled_->code, subject, text.size(), pos, PCRE2_NO_UTF_CHECK, state.data,
                         state.context);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) throw Error("tokenizer: the GPT-2 pattern failed on the text at byte " + std::to_string(pos) + ": " + pcre2Message(rc));
    PCRE2_SIZE* span = pcre2_get_ovector_pointer(state.data);
    size_t begin = span[0], end = span[1];
    // Every code point matches one alternative, so words tile the text; keep any gap as
    // a word of its own so that no byte is ever dropped.
    if (begin > pos) words.emplace_back(pos, begin);
    if (end <= begin) end = begin + 1;  // cannot happen: no alternative matches empty
    words.emplace_back(begin, end);
    pos = end;
  }
  if (pos < text.size()) words.emplace_back(pos, text.size());
  return words;
}

}  // namespace laminar
