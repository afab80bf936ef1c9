#pragma once
// The line above the views that says whose results they are: the sentence file and model they
// came from, and when they ran (or that the run is still going, or the folder they were
// opened from). A sentence file opened after the run is not theirs; the line says so rather
// than leaving the new file's name beside the old run's figures.
#include <QCoreApplication>
#include <QString>

#include <memory>

#include "widgets/figure_view.h"

namespace laminar {

struct RunResults;
struct SentenceSet;

class ResultsSource {
  Q_DECLARE_TR_FUNCTIONS(laminar::ResultsSource)
 public:
  enum class Origin { RunInProgress, RunFinished, Opened };
  // Rich text for the label; `openedFrom` is the folder (Origin::Opened), `openSentences` the
  // sentence file open in the Sentences panel now (empty: none).
  static QString line(const RunResults& results, Origin origin, const QString& openedFrom, const QString& openSentences);
  // The tooltip: full paths and checksums.
  static QString details(const RunResults& results);
  // The file name the results were computed from ("" when not recorded).
  static QString sentenceFile(const RunResults& results);
  // The texts the run read, for the per-text views' tooltips: the set open in the Sentences
  // panel when its SHA-256 is the run's, else the file the results name if it still has that
  // checksum; null when neither (the file moved or changed since).
  static std::shared_ptr<const FigureView::SentenceTexts> sentenceTexts(const RunResults& results,
                                                                        const std::shared_ptr<const SentenceSet>& open);
  static std::string sentenceSha256(const RunResults& results);
};

}  // namespace laminar
