#include "app/token_preview.h"

#include <algorithm>

#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/utf8.h"

namespace laminar {
namespace {

QString hexByte(unsigned char b) { return QString::number(b, 16).toUpper().rightJustified(2, QLatin1Char('0')); }
QString byteName(unsigned char b) { return QStringLiteral("<0x%1>").arg(hexByte(b)); }

QString shownText(QString text) {
  text = text.toHtmlEscaped();
  text.replace(QLatin1Char('\n'), QStringLiteral("↵"));
  text.replace(QLatin1Char('\t'), QStringLiteral("→"));
  text.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));  // no break inside a token
  return text;
}

}  // namespace

std::vector<TokenPiece> tokenPieces(const std::vector<std::string>& tokenBytes) {
  std::string all;
  std::vector<size_t> tokenOf;  // token index of every byte
  for (size_t t = 0; t < tokenBytes.size(); ++t) {
    all += tokenBytes[t];
    tokenOf.insert(tokenOf.end(), tokenBytes[t].size(), t);
  }
  std::vector<TokenPiece> pieces(tokenBytes.size());
  size_t i = 0;
  while (i < all.size()) {
    size_t n = utf8::sequenceLength(all, i);
    const bool valid = n > 0;
    if (!valid) n = 1;
    const size_t first = tokenOf[i], last = tokenOf[i + n - 1];
    if (valid && first == last) {
      pieces[first].shown += QString::fromUtf8(all.data() + i, static_cast<qsizetype>(n));
    } else {  // split across tokens (or not UTF-8 at all): each byte where it is
      for (size_t k = i; k < i + n; ++k) {
        pieces[tokenOf[k]].shown += byteName(static_cast<unsigned char>(all[k]));
        pieces[tokenOf[k]].byteLevel = true;
      }
      if (valid) pieces[last].completes += QString::fromUtf8(all.data() + i, static_cast<qsizetype>(n));
    }
    i += n;
  }
  return pieces;
}

QString TokenPreview::byteLevelHelp() {
  return tr("Byte-level BPE: GPT-2 cuts text into bytes, not letters. A letter outside English (for example “ệ”, "
            "3 bytes in UTF-8: E1 BB 87) can be split between tokens. Such pieces are shown as their bytes <0x..>; "
            "the token that holds the last byte also shows the letter it completes, after “=”.");
}

QString TokenPreview::legend(const QString& analysisColours) {
  return tr("Tokens of each numbered text (%1; faded: not run by the model, a text this analysis does not read or "
            "the tokens after the last one it needs; grey: beyond the model's context; <0x..>: a byte of a letter split "
            "between tokens)")
      .arg(analysisColours);
}

QString TokenPreview::targetLegend() { return tr("orange: target token"); }

QString TokenPreview::html(const BpeTokenizer& tokenizer, const std::vector<int64_t>& ids, const std::vector<TokenKind>& kinds,
                           size_t firstShown, size_t maxShown, bool positionLinks) {
  std::vector<std::string> bytes;
  bytes.reserve(ids.size());
  for (int64_t id : ids) bytes.push_back(tokenizer.tokenBytes(id));
  const std::vector<TokenPiece> pieces = tokenPieces(bytes);
  QString out;
  const size_t end = std::min(ids.size(), firstShown + maxShown);
  for (size_t t = firstShown; t < end; ++t) {
    const TokenKind kind = t < kinds.size() ? kinds[t] : TokenKind::Plain;
    const bool faded = kind == TokenKind::Unread || kind == TokenKind::NotRun;  // the model does not run it
    const char* background = kind == TokenKind::Target          ? "#ffb74d"
                             : kind == TokenKind::Compared      ? "#81d4fa"
                             : kind == TokenKind::Focus         ? "#a5d6a7"
                             : kind == TokenKind::BeyondContext ? "#d0d0d0"
                             : faded                            ? (t % 2 ? "#f7f7f7" : "#efefef")
                                                                : (t % 2 ? "#f0f0f0" : "#e2e2e2");
    const TokenPiece& p = pieces[t];
    QString hex;
    for (unsigned char b : bytes[t]) hex += hexByte(b) + QLatin1Char(' ');
    QString tip = tr("token %1 (id %2), bytes %3").arg(t).arg(ids[t]).arg(hex.trimmed());
    if (positionLinks) tip += QLatin1Char('\n') + tr("Click to choose this token for the analysis");
    if (kind == TokenKind::NotRun)
      tip += QLatin1Char('\n') + tr("Not run: the analysis needs no token this late in the text, and in GPT-2 a token "
                                     "never changes an earlier one, so the model stops before it.");
    if (p.byteLevel) tip += QStringLiteral("\n\n") + byteLevelHelp();
    QString text = shownText(p.shown);
    if (!p.completes.isEmpty()) text += QStringLiteral("<span style=\"color:#1565c0;\">=%1</span>").arg(shownText(p.completes));
    // A link keeps the text's colour and no underline: the token still reads as a token.
    const QString color = kind == TokenKind::BeyondContext ? QStringLiteral("color:#777;")
                          : faded                          ? QStringLiteral("color:#999;")
                          : positionLinks                  ? QStringLiteral("color:#000;text-decoration:none;")
                                                           : QString();
    const QString span = QStringLiteral("<span title=\"%1\" style=\"background-color:%2;%3\">%4</span>")
                             .arg(tip.toHtmlEscaped(), QLatin1String(background), color, text);
    // A zero-width space between tokens is the only place a line may break.
    out += (positionLinks ? QStringLiteral("<a href=\"position:%1\" style=\"%2\">%3</a>").arg(t).arg(color, span) : span) +
           QStringLiteral("&#8203;");
  }
  if (end < ids.size()) out += QStringLiteral(" <span style=\"color:#777;\">%1</span>").arg(tr("… %n more token(s)", nullptr, static_cast<int>(ids.size() - end)));
  return out;
}

}  // namespace laminar
