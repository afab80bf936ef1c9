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
  // The texts the run read, for the per-text views' tooltips, when they are the set open in the
  // Sentences panel (its SHA-256 is the run's); null otherwise.
  static std::shared_ptr<const FigureView::SentenceTexts> openSentenceTexts(const RunResults& results,
                                                                            const std::shared_ptr<const SentenceSet>& open);
  // The sentence file the results name (full path; "" when not recorded).
  static QString sentencePath(const RunResults& results);
  // The same texts read from `path` if it still has checksum `sha256`; null when it moved,
  // changed or cannot be read. Reads the file: call it on a worker, not the GUI thread.
  static std::shared_ptr<const FigureView::SentenceTexts> readSentenceTexts(const QString& path, const std::string& sha256);
  static std::string sentenceSha256(const RunResults& results);
};

}  // namespace laminar
