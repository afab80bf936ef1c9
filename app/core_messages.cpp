#include "app/core_messages.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace laminar {
namespace {

// Known phrases of core's messages, longest first when applied. QT_TRANSLATE_NOOP puts them
// into the .ts file; translate() looks them up at run time.
const char* const kPhrases[] = {
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "the file is empty: it holds no texts"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no texts: every line is empty or the target line"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "is not valid UTF-8; sentence files must be saved as UTF-8"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "is a directory, not a sentence file"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "unsupported sentence file type"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "(use .txt, .csv, .tsv or .json)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no rows below the header hold a text"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no text contains the target"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no target word: give one (--target WORD) or write"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "(matching is case-sensitive)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "is used (mark the intended one with square brackets)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no token before it to draw a non-target from (position 0 is excluded)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "skipped for the non-target group"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "it forms no pair (pairs are taken within a text)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "mutual information vs distance needs at least 3 occurrences of the target in one"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "tokens, longer than the model's n_positions"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "nested square brackets"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "empty square brackets"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "that is never closed"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "without a matching"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no config.json: not a Hugging Face checkpoint directory"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no model.safetensors or model.safetensors.index.json"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no such checkpoint directory"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "not a directory (give the checkpoint folder that holds config.json)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "has only pytorch_model.bin; Laminar reads model.safetensors (convert the"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "no GPT-2 tokenizer here: expected vocab.json + merges.txt, encoder.json + vocab.bpe, or tokenizer.json"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "not a results directory (no results.json)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "not a results directory (no such directory)"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "cannot find Laminar data file"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "is missing; GPT-2 needs it"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "file not found"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "cannot open"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "cannot create"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "not valid JSON"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "has shape"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "has dtype"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "expected"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "row skipped"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "text skipped"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "empty lines ignored"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "empty line ignored"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "occurrences of"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "only one occurrence of"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "the first"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "warning"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "error"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "info"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "lines"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "line"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "token"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "target"),
    QT_TRANSLATE_NOOP("laminar::CoreMessages", "and"),
};

}  // namespace

QString CoreMessages::translate(const std::string& english) { return translate(QString::fromStdString(english)); }

QString CoreMessages::translate(const QString& english) {
  std::vector<QString> phrases;
  for (const char* p : kPhrases) phrases.push_back(QString::fromUtf8(p));
  std::stable_sort(phrases.begin(), phrases.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
  // Split into quoted / path-like parts (kept) and prose (translated). A phrase matches only
  // on word boundaries, and text produced by an earlier replacement is never touched again.
  QString out;
  const QStringList pieces = english.split(QLatin1Char('"'));
  for (int i = 0; i < pieces.size(); ++i) {
    if (i > 0) out += QLatin1Char('"');
    if (i % 2 == 1) {  // inside quotes: a word or a file name, verbatim
      out += pieces[i];
      continue;
    }
    struct Hit {
      qsizetype at, length;
      QString replacement;
    };
    std::vector<Hit> hits;
    const QString& prose = pieces[i];
    std::vector<bool> taken(static_cast<size_t>(prose.size()), false);
    for (const QString& phrase : phrases) {
      const QString translated = tr(phrase.toUtf8().constData());
      if (translated == phrase) continue;
      const QRegularExpression re(QStringLiteral("(?<![\\w./])") + QRegularExpression::escape(phrase) +
                                  QStringLiteral("(?![\\w])"));
      auto it = re.globalMatch(prose);
      while (it.hasNext()) {
        const auto m = it.next();
        const qsizetype at = m.capturedStart(), len = m.capturedLength();
        bool free = true;
        for (qsizetype k = at; k < at + len; ++k) free = free && !taken[static_cast<size_t>(k)];
        if (!free) continue;
        for (qsizetype k = at; k < at + len; ++k) taken[static_cast<size_t>(k)] = true;
        hits.push_back({at, len, translated});
      }
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.at < b.at; });
    qsizetype pos = 0;
    for (const Hit& h : hits) {
      out += prose.mid(pos, h.at - pos);
      out += h.replacement;
      pos = h.at + h.length;
    }
    out += prose.mid(pos);
  }
  return out;
}

}  // namespace laminar
