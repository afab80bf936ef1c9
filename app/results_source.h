#pragma once
// The line above the views that says whose results they are: the sentence file and model they
// came from, and when they ran (or that the run is still going, or the folder they were
// opened from). A sentence file opened after the run is not theirs; the line says so rather
// than leaving the new file's name beside the old run's figures.
#include <QCoreApplication>
#include <QString>

namespace laminar {

struct RunResults;

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
};

}  // namespace laminar
