#pragma once
// How the sentence panel shows tokens. GPT-2's tokenizer is byte-level BPE: a character
// outside ASCII is 2-4 UTF-8 bytes, and a token may end in the middle of one. Such bytes
// are shown as <0xE1><0xBB> (not as "�"), and the token holding a split character's last
// byte also shows the character it completes. The HTML keeps a token on one line: line
// breaks fall only between tokens.
#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace laminar {

class BpeTokenizer;

struct TokenPiece {
  QString shown;      // the token's text; bytes of characters split across tokens as <0xNN>
  QString completes;  // characters whose last byte is in this token but which began earlier
  bool byteLevel = false;  // some byte of this token belongs to a split (or invalid) character
};

// One piece per token, from each token's raw bytes in order.
std::vector<TokenPiece> tokenPieces(const std::vector<std::string>& tokenBytes);

enum class TokenKind {
  Plain,
  Target,         // a target occurrence the analysis reads (orange)
  Compared,       // the token the analysis sets against it (blue)
  Focus,          // a position a view reads token by token (green)
  Unread,         // in a text the analysis does not read (faded)
  NotRun,         // after the last token the run computes in a text it reads (faded)
  BeyondContext,  // past the model's n_positions (grey)
};

class TokenPreview {
  Q_DECLARE_TR_FUNCTIONS(laminar::TokenPreview)
 public:
  // Spans for one text's tokens (kinds.size() == ids.size(), or empty for all plain), each
  // with a tooltip (position, id, bytes; for byte pieces what byte-level BPE is).
  // With `positionLinks` each token is a link "position:T" (T its position) that chooses it.
  static QString html(const BpeTokenizer& tokenizer, const std::vector<int64_t>& ids, const std::vector<TokenKind>& kinds,
                      size_t firstShown = 0, size_t maxShown = 400, bool positionLinks = false);
  static QString byteLevelHelp();
  // The colours, for the label above the preview; `analysisColours` is the chosen analysis's
  // part ("orange: target token, blue: ..."), translated.
  static QString legend(const QString& analysisColours);
  static QString targetLegend();  // "orange: target token": no analysis chosen, or a typed sentence
};

}  // namespace laminar
