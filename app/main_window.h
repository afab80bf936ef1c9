#pragma once
// The Laminar window: sentence, model and experiment panels around the views; one layer
// cursor (slider, Left/Right keys, clicks, play/pause); menus for files, export, view and
// language; presentation mode.
#include <QIcon>
#include <QMainWindow>
#include <QPointer>

#include <functional>

#include "app/run_request.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QFrame;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSplitter;
class QTabWidget;
class QTimer;
class QVBoxLayout;
class QToolButton;

namespace laminar {

class ComparedPane;
class ExperimentPanel;
class FigureSet;
class FigureView;
class ModelPanel;
class RunController;
class SentencePanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  SentencePanel* sentencePanel() const { return sentences_; }
  ModelPanel* modelPanel() const { return model_; }
  ExperimentPanel* experimentPanel() const { return experiment_; }
  FigureSet* figures() const { return figures_; }
  RunController* runner() const { return runner_; }
  QTabWidget* viewTabs() const { return tabs_; }
  QLabel* banner() const { return banner_; }
  QLabel* resultsSource() const { return source_; }
  // First start without a trained checkpoint: offers to get GPT-2 (Models…) or to go on
  // with the demo model; hidden for good once dismissed or once a real checkpoint exists.
  QFrame* welcomeBar() const { return welcome_; }
  QPushButton* welcomeGetButton() const { return welcomeGet_; }
  QPushButton* welcomeDismissButton() const { return welcomeDismiss_; }
  FigureView* currentView() const;
  bool presentationMode() const { return presenting_; }
  // "Big text": larger plots, legends, captions and controls, in and out of presentation
  // mode; remembered across restarts (QSettings ui/bigText).
  bool bigText() const { return bigText_; }
  // Whether the side panels (sentences, model, experiment) are shown; View > Side panels.
  bool sidePanelsShown() const;
  QAction* sidePanelsAction() const { return sidePanelsAction_; }
  QAction* bigTextAction() const { return bigTextAction_; }
  QToolButton* playButton() const { return play_; }
  // While comparing two runs: the compared run's own views on the right (side by side), or
  // drawn inside this run's figures (the default; the profile can draw the difference).
  ComparedPane* comparedPane() const { return comparedPane_; }
  bool comparingSideBySide() const { return sideBySide_; }

 public slots:
  void startRun();
  // What Run would run now: the selected model, sentences, analysis and settings.
  RunRequest currentRequest() const;
  void cancelRun();
  // Opens a results folder and shows it; with `compare`, draws it beside the shown results
  // instead (same experiment and layer count), as the views draw an untrained control.
  void openResults(const QString& dir, bool compare = false);
  void openResultsDialog();
  void compareResultsDialog();
  void stopComparing();
  void setCompareSideBySide(bool on);
  void saveResultsDialog();
  void exportCurrentFigure();
  void exportAllFigures();
  void exportCurrentData();
  void setPresentationMode(bool on);
  void setBigText(bool on);
  void setSidePanelsShown(bool shown);
  void setPlayIntervalMs(int ms);  // autoplay speed, remembered
  void setLanguage(const QString& code);
  // The analysis's views, counted from 0 among its own tabs; wraps around (-1: the last).
  void showView(int index);
  int currentViewIndex() const;  // -1 when no view of the analysis is shown
  int viewCount() const;         // the shown analysis's views

 signals:
  void resultsShown();  // after results (or a layer of them) reached the views
  void resultsFailed(const QString& message);  // a results folder could not be opened (translated)

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void keepSidePanelsNarrow();  // at most 38% of a narrow window
  void buildNotices(QWidget* central, QVBoxLayout* layout);
  QSplitter* buildViews(QWidget* central);
  QHBoxLayout* buildLayerBar(QWidget* central);
  void buildPanels();
  void connectLayerBar();
  void connectPanels();
  void connectRunner();
  void showFinishedLayer(const ResultsPtr& soFar, int layer);
  void showFinishedRun(const ResultsPtr& results);
  void restoreWindowSettings();
  void buildMenus();
  void buildPresentationKeys();
  void applyTypeScale();  // presentation mode and big text: figures and the layer bar
  void updateSpeedMenu();
  void restorePlotPreferences();
  void savePlotPreferences() const;
  void retranslate();
  void showResults(const ResultsPtr& results);
  void updateBanner();
  void updateSource();  // the line naming the shown results' sentence file, model and time
  void lookUpSentenceTexts(const ResultsPtr& results, FigureSet* set);  // for the per-text views' tooltips
  void updateWelcome();
  // The experiment panel's status: the line under the progress bar and (when given) the bar's
  // own text, kept as functions so a language switch can say them again in the new language.
  void setStatusText(std::function<QString()> text, std::function<QString()> progressBarText = {});
  void applyStatusText();
  void updateTabs();
  QList<int> analysisTabs() const;  // indices of the shown analysis's (enabled) tabs, in order
  void updateLayerBar();
  void updateTitle();
  void reportError(const QString& englishOrTranslated, bool fromCore);
  QString phaseText(RunPhase phase) const;

  SentencePanel* sentences_;
  ModelPanel* model_;
  ExperimentPanel* experiment_;
  QDockWidget* sentenceDock_;
  QDockWidget* modelDock_;
  QDockWidget* experimentDock_;
  FigureSet* figures_;
  RunController* runner_;
  QTabWidget* tabs_;  // every analysis's views; only the shown analysis's tabs are enabled
  QLabel* banner_;
  QLabel* source_;
  QString resultsOpenedFrom_;
  ResultsPtr comparedFrom_;  // while comparing: the shown run without the compared one (what Save saves)
  ResultsPtr compared_;      // while comparing: the other run, as read from comparedDir_
  QString comparedDir_;
  bool sideBySide_ = false;  // View > Side by side (remembered)
  ComparedPane* comparedPane_;
  QSplitter* splitter_;
  void showComparison(const ResultsPtr& other, const QString& dir);
  void applyComparison();  // shows base and compared run in the chosen layout
  void endComparison();    // forgets the compared run (the caller shows what comes next)
  QString chooseResultsFolder(const QString& title);  // a folder dialog starting where the last one ended
  void updateCompareActions();
  std::string sentenceTextsSha_;  // the sentence file whose texts the views' tooltips hold  // the folder the shown results were opened from; empty: run here
  QFrame* welcome_;
  QLabel* welcomeText_;
  QPushButton* welcomeGet_;
  QPushButton* welcomeDismiss_;
  QLabel* layerLabel_;
  QSlider* slider_;
  QToolButton* prev_;
  QToolButton* next_;
  QToolButton* play_;
  QIcon playIcon_, pauseIcon_;  // made once: the layer bar updates at every autoplay step
  ResultsPtr results_;       // what the views show (complete results keep their vectors)
  bool resultsComplete_ = false;
  bool resultsSynthetic_ = false;
  bool resultsDemo_ = false;  // computed by the bundled demo model (labelled as such)
  int newestLayer_ = -1;
  bool presenting_ = false;
  QTimer* narrowPanelsLater_ = nullptr;  // keepSidePanelsNarrow once a restored state is applied
  bool bigText_ = false;
  QList<QDockWidget*> docksShownBeforePresenting_;
  double runSeconds_ = 0;
  std::function<QString()> statusText_;
  std::function<QString()> progressBarText_;

  QMenu* fileMenu_;
  QMenu* viewMenu_;
  QMenu* languageMenu_;
  QMenu* helpMenu_;
  QAction* openSentencesAction_;
  QAction* openResultsAction_;
  QAction* compareResultsAction_;
  QAction* stopComparingAction_;
  QAction* sideBySideAction_;
  QAction* saveResultsAction_;
  QAction* exportFigureAction_;
  QAction* exportAllAction_;
  QAction* exportDataAction_;
  QAction* quitAction_;
  QAction* runAction_;
  QAction* cancelAction_;
  QAction* presentationAction_;
  QAction* playAction_;
  QAction* nextViewAction_;
  QAction* previousViewAction_;
  QAction* previousLayerAction_;
  QAction* nextLayerAction_;
  QAction* firstLayerAction_;
  QAction* lastLayerAction_;
  QAction* exitPresentationAction_;
  QAction* bigTextAction_;
  QAction* sidePanelsAction_;
  QAction* fasterAction_;
  QAction* slowerAction_;
  QMenu* speedMenu_;
  QActionGroup* speedGroup_;
  QAction* modelsAction_;
  QAction* aboutAction_;
  QAction* viewHelpAction_;
  QActionGroup* languageGroup_;
  QList<QDockWidget*> docks_;
};

}  // namespace laminar
