#pragma once
// Sentence-set panel: open a file (dialog, drag and drop, recent files), the bundled
// examples one click away, a token view showing how each text tokenizes with the tokens the
// chosen analysis reads highlighted, and the loader's per-line diagnostics.
#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "util/message.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QCheckBox;
class QTextBrowser;
class QTimer;
class QToolButton;
class QMenu;
class QVBoxLayout;

namespace laminar {

struct ExampleInfo {
  QString file;        // absolute path
  QString titleEn, titleVi, descriptionEn, descriptionVi;
  QString experiment;  // "similarity" | "mi-distance"
};
QList<ExampleInfo> loadExamples();  // examples/examples.json from the data folder

struct TokenViewResult;

class SentencePanel : public QWidget {
  Q_OBJECT
 public:
  explicit SentencePanel(QWidget* parent = nullptr);
  ~SentencePanel() override;

  QString path() const { return path_; }
  QString loadError() const;  // why the last openFile failed (translated); empty after a success
  QString targetOverride() const;  // empty = the file's own target
  bool caseInsensitive() const;
  void setTarget(const QString& target);
  int textCount() const { return textCount_; }
  // The open file as parsed once when it was opened: the preview shows it and the run reads it.
  std::shared_ptr<const SentenceSet> sentenceSet() const { return set_; }
  QStringList recentFiles() const { return recent_; }
  // Tokenizer folder for the token view (the selected model's, or the bundled one).
  void setTokenizerDirectory(const std::filesystem::path& dir);
  // The model's n_positions: longer texts are shown with the tokens past it greyed, and flagged.
  void setContextLength(int64_t tokens);
  // The analysis about to run, with its settings: the preview colours the tokens it will read
  // (Analysis::tokenUse) and shows its selection's warnings under the texts (a text with one
  // occurrence gives "mi-distance" no pair).
  void setAnalysisSettings(const RunSettings& settings);
  QTextBrowser* tokenView() const { return tokens_; }
  QLineEdit* trySentenceBox() const { return trial_; }
  QTextBrowser* trySentenceView() const { return trialView_; }
  QListWidget* diagnosticsView() const { return diagnostics_; }

 public slots:
  bool openFile(const QString& path);  // false (and a message in the panel) if unusable
  bool openExample(const QString& name);  // "her", "coffee" or a file name of examples.json
  void openDialog();

 signals:
  void fileChanged(const QString& path);
  void exampleChosen(const QString& experiment);  // the example's experiment, to preselect it
  void recentFilesChanged(const QStringList& files);
  // A text's number was clicked in the preview of an analysis that reads one chosen text
  // (a kChosenTextKey setting): `text` counts from 1, as that setting does.
  void textChosen(int text);
  // A token of the chosen text was clicked, in an analysis that also reads one chosen
  // position (a kChosenPositionKey setting): its position, counted as that setting counts.
  void positionChosen(int position);

 protected:
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  // The panel's parts, top to bottom (the constructor connects them to each other).
  void buildFileChoice(QVBoxLayout* layout);
  void buildTargetFields(QVBoxLayout* layout);
  void buildTokenList(QVBoxLayout* layout);
  void buildTrialSentence(QVBoxLayout* layout);
  void buildDiagnosticsList(QVBoxLayout* layout);
  void retranslate();
  void retranslateDiagnostics();
  // The diagnostics list and its label take room only when the file has something to say.
  void showDiagnosticsIfAny();
  void rebuildExamples();
  void rebuildRecentMenu();
  void updateTokenView();
  QString tokenLegend() const;  // the colours of the chosen analysis
  void showTokenView(QTextBrowser* view, const TokenViewResult& result);
  // The selected model's tokenizer folder, or the bundled one; empty (and the error in
  // `reportTo`) when neither is there.
  std::filesystem::path tokenizerDirectory(QTextBrowser* reportTo) const;
  void updateTrialView();
  void addRecent(const QString& path);

  QLabel* fileLabel_;
  QPushButton* openButton_;
  QToolButton* recentButton_;
  QMenu* recentMenu_;
  QComboBox* examples_;
  QLabel* exampleDescription_;
  QLabel* targetLabel_;
  QLineEdit* target_;
  QCheckBox* caseInsensitive_;
  QLabel* tokensLabel_;
  QTextBrowser* tokens_;
  QLabel* trialLabel_;
  QLineEdit* trial_;
  QTextBrowser* trialView_;
  QTimer* trialTimer_;
  QFutureWatcher<std::shared_ptr<TokenViewResult>>* trialWatcher_;
  QLabel* diagnosticsLabel_;
  QListWidget* diagnostics_;
  std::vector<Message> diagnosticMessages_;  // one per row of diagnostics_, translated when shown
  std::optional<Message> loadError_;         // the last openFile's failure
  QList<ExampleInfo> exampleList_;
  QStringList recent_;
  QString path_;
  QString fileTarget_;
  std::shared_ptr<const SentenceSet> set_;
  int textCount_ = 0;
  std::filesystem::path tokenizerDir_;
  int64_t contextLength_ = 1024;
  RunSettings analysis_;
  QFutureWatcher<std::shared_ptr<TokenViewResult>>* watcher_;
  int tokenRequest_ = 0;
};

}  // namespace laminar
