#include "app/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSlider>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <iterator>
#include <utility>

#include "analysis/analysis_settings.h"
#include "app/compared_pane.h"
#include "app/core_messages.h"
#include "app/demo_model.h"
#include "app/experiment_panel.h"
#include "app/export_dialog.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/model_panel.h"
#include "app/models_dialog.h"
#include "app/run_worker.h"
#include "app/results_source.h"
#include "app/sentence_panel.h"
#include "app/view_help.h"
#include "app/engine_info.h"
#include "analysis/results_loading.h"
#include "analysis/similarity_results.h"
#include "util/error.h"
#include "util/version.h"
#include "widgets/figure_export.h"
#include "widgets/figure_view.h"
#include "widgets/layer_cursor.h"

namespace laminar {
namespace {

constexpr double kPresentationScale = 1.8;  // figures on a projector, seen from the back row
constexpr double kBigTextScale = 1.35;      // "big text": x this, in and out of presentation mode
// Autoplay speeds offered in View > Autoplay speed (ms a layer); 800 was the only one before.
constexpr int kPlaySpeedsMs[] = {400, 800, 1500, 3000};

// The play button's icon with a faint disabled form, like the arrows beside it: the style's own
// greyed play icon stayed dark enough to read as an enabled Run button before any results.
QIcon fadedWhenDisabled(const QIcon& icon) {
  QIcon out;
  for (const int side : {16, 24, 32, 48, 64}) {
    const QPixmap normal = icon.pixmap(QSize(side, side));
    QPixmap faded(normal.size());
    faded.setDevicePixelRatio(normal.devicePixelRatio());
    faded.fill(Qt::transparent);
    QPainter painter(&faded);
    painter.setOpacity(0.3);
    painter.drawPixmap(0, 0, normal);
    painter.end();
    out.addPixmap(normal, QIcon::Normal);
    out.addPixmap(faded, QIcon::Disabled);
  }
  return out;
}

bool metadataSaysSynthetic(const RunResults& r) {
  const auto model = r.metadata.find("model");
  if (model == r.metadata.end() || !model->is_object()) return false;
  const auto synthetic = model->find("synthetic");
  return synthetic != model->end() && synthetic->is_boolean() && synthetic->get<bool>();
}

// Results computed by the demo model shipped with Laminar (its folder, as recorded).
bool metadataSaysDemo(const RunResults& r) {
  const auto model = r.metadata.find("model");
  if (model == r.metadata.end() || !model->is_object()) return false;
  const auto directory = model->find("directory");
  if (directory == model->end() || !directory->is_string() || !bundledDemoModelAvailable()) return false;
  std::error_code ec;
  return std::filesystem::equivalent(directory->get<std::string>(), bundledDemoModelDirectory(), ec);
}

// metadata.sentences' {tokens, tokensRun}; {0, 0} when the run did not record them.
std::pair<int64_t, int64_t> tokensAndTokensRun(const RunResults& r) {
  const auto used = r.metadata.find("sentences");
  if (used == r.metadata.end() || !used->is_object()) return {0, 0};
  const auto count = [&](const char* key) {
    const auto v = used->find(key);
    return v != used->end() && v->is_number_integer() ? v->get<int64_t>() : int64_t(0);
  };
  return {count("tokens"), count("tokensRun")};
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("LaminarMainWindow"));
  setAcceptDrops(true);
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
  runner_ = new RunController(this);
  // Qt re-applies a restored window state whose panels do not fit at each layout until
  // 150 ms after the last resize (QMainWindowLayout's discard timer): the side panels are
  // narrowed again once that has passed.
  narrowPanelsLater_ = new QTimer(this);
  narrowPanelsLater_->setSingleShot(true);
  narrowPanelsLater_->setInterval(200);
  connect(narrowPanelsLater_, &QTimer::timeout, this, &MainWindow::keepSidePanelsNarrow);

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(4, 4, 4, 4);
  buildNotices(central, layout);
  layout->addWidget(buildViews(central), 1);
  layout->addLayout(buildLayerBar(central));
  setCentralWidget(central);
  buildPanels();
  connectLayerBar();
  connectPanels();
  connectRunner();

  buildMenus();
  buildPresentationKeys();
  retranslate();
  updateTabs();
  updateLayerBar();
  updateBanner();
  updateWelcome();
  restoreWindowSettings();
  // The selected model loads in the background from the start (after main() has applied
  // --model and friends), so the first layer follows Run by one layer's work.
  QTimer::singleShot(0, this, [this] { runner_->preload(currentRequest()); });
}

// The welcome bar, the banner that says which model this is, and the results' source line.
void MainWindow::buildNotices(QWidget* central, QVBoxLayout* layout) {
  welcome_ = new QFrame(central);
  welcome_->setObjectName(QStringLiteral("welcomeBar"));
  welcome_->setStyleSheet(QStringLiteral("QFrame#welcomeBar{background:#e7f1ff;border:1px solid #9ec5fe;border-radius:4px;}"
                                         "QFrame#welcomeBar QLabel{color:#052c65;}"));
  auto* welcomeLayout = new QHBoxLayout(welcome_);
  welcomeText_ = new QLabel(welcome_);
  welcomeText_->setWordWrap(true);
  welcomeGet_ = new QPushButton(welcome_);
  welcomeGet_->setDefault(true);
  welcomeDismiss_ = new QPushButton(welcome_);
  welcomeLayout->addWidget(welcomeText_, 1);
  welcomeLayout->addWidget(welcomeGet_);
  welcomeLayout->addWidget(welcomeDismiss_);
  layout->addWidget(welcome_);
  banner_ = new QLabel(central);
  banner_->setObjectName(QStringLiteral("syntheticBanner"));
  banner_->setWordWrap(true);
  banner_->setTextFormat(Qt::RichText);
  banner_->setStyleSheet(QStringLiteral("QLabel{background:#fff3cd;color:#664d03;border:1px solid #ffda6a;"
                                        "border-radius:4px;padding:6px;font-weight:bold;}"));
  layout->addWidget(banner_);
  source_ = new QLabel(central);
  source_->setObjectName(QStringLiteral("resultsSource"));
  source_->setWordWrap(true);
  source_->setTextFormat(Qt::RichText);
  source_->hide();
  layout->addWidget(source_);
}

// The views, and on their right the compared run's views when two runs are compared side by side.
QSplitter* MainWindow::buildViews(QWidget* central) {
  splitter_ = new QSplitter(Qt::Horizontal, central);
  splitter_->setObjectName(QStringLiteral("viewsSplitter"));
  splitter_->setChildrenCollapsible(false);
  tabs_ = new QTabWidget(splitter_);
  tabs_->setObjectName(QStringLiteral("views"));
  tabs_->setDocumentMode(true);
  figures_ = new FigureSet(tabs_);
  for (FigureView* v : figures_->views()) tabs_->addTab(v, QString());
  comparedPane_ = new ComparedPane(figures_->cursor(), splitter_);
  comparedPane_->hide();
  splitter_->addWidget(tabs_);
  splitter_->addWidget(comparedPane_);
  return splitter_;
}

// Play, previous, the layer slider, next and the layer's name, under the views.
QHBoxLayout* MainWindow::buildLayerBar(QWidget* central) {
  auto* bar = new QHBoxLayout;
  prev_ = new QToolButton(central);
  prev_->setArrowType(Qt::LeftArrow);
  next_ = new QToolButton(central);
  next_->setArrowType(Qt::RightArrow);
  play_ = new QToolButton(central);
  play_->setCheckable(true);
  play_->setObjectName(QStringLiteral("play"));
  // Icons drawn by Qt's style: the text glyphs (U+23F8 pause) are missing from DejaVu and
  // showed as an empty box.
  play_->setToolButtonStyle(Qt::ToolButtonIconOnly);
  playIcon_ = fadedWhenDisabled(style()->standardIcon(QStyle::SP_MediaPlay));
  pauseIcon_ = fadedWhenDisabled(style()->standardIcon(QStyle::SP_MediaPause));
  slider_ = new QSlider(Qt::Horizontal, central);
  slider_->setObjectName(QStringLiteral("layerSlider"));
  slider_->setRange(1, 1);
  slider_->setPageStep(1);
  slider_->setTickPosition(QSlider::TicksBelow);
  layerLabel_ = new QLabel(central);
  layerLabel_->setMinimumWidth(120);
  bar->addWidget(play_);
  bar->addWidget(prev_);
  bar->addWidget(slider_, 1);
  bar->addWidget(next_);
  bar->addWidget(layerLabel_);
  return bar;
}

// The sentence, model and experiment panels, docked on the left.
void MainWindow::buildPanels() {
  sentences_ = new SentencePanel(this);
  model_ = new ModelPanel(this);
  experiment_ = new ExperimentPanel(this);
  // A panel scrolls rather than setting the window's minimum size: the window fits a
  // 1024x768 screen, and a squeezed panel never draws its rows over each other. The
  // experiment panel scrolls its settings itself (its Run button stays put).
  auto dock = [this](QWidget* w, const char* name, bool scrolls) {
    auto* d = new QDockWidget(this);
    d->setObjectName(QString::fromLatin1(name));
    if (scrolls) {
      auto* scroll = new QScrollArea(d);
      scroll->setObjectName(QString::fromLatin1(name) + QStringLiteral("Scroll"));
      scroll->setWidgetResizable(true);
      scroll->setFrameShape(QFrame::NoFrame);
      scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
      scroll->setWidget(w);
      d->setWidget(scroll);
    } else {
      d->setWidget(w);
    }
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, d);
    docks_ << d;
    return d;
  };
  sentenceDock_ = dock(sentences_, "sentenceDock", true);
  modelDock_ = dock(model_, "modelDock", true);
  experimentDock_ = dock(experiment_, "experimentDock", false);
  resizeDocks({sentenceDock_}, {440}, Qt::Horizontal);
  // The model is chosen once, sentences and runs often: the model panel shares a tab with
  // the sentences, the experiment panel (Run, pinned below its scrolling settings) always
  // stays in view.
  tabifyDockWidget(sentenceDock_, modelDock_);
  sentenceDock_->raise();
  resizeDocks({sentenceDock_, experimentDock_}, {560, 380}, Qt::Vertical);
}

// The layer bar and the figures' shared layer cursor follow each other.
void MainWindow::connectLayerBar() {
  LayerCursor* cursor = figures_->cursor();
  connect(slider_, &QSlider::valueChanged, cursor, [cursor](int v) { cursor->setLayer(v - 1); });
  connect(prev_, &QToolButton::clicked, cursor, [cursor] { cursor->step(-1); });
  connect(next_, &QToolButton::clicked, cursor, [cursor] { cursor->step(+1); });
  connect(play_, &QToolButton::toggled, cursor, &LayerCursor::setPlaying);
  connect(cursor, &LayerCursor::playingChanged, play_, &QToolButton::setChecked);
  connect(cursor, &LayerCursor::layerChanged, this, &MainWindow::updateLayerBar);
  connect(cursor, &LayerCursor::countChanged, this, &MainWindow::updateLayerBar);
  connect(cursor, &LayerCursor::playingChanged, this, &MainWindow::updateLayerBar);
}

// What the panels ask for (a run, a text or position, a model) and what they are told.
void MainWindow::connectPanels() {
  connect(tabs_, &QTabWidget::currentChanged, this, [this] { updateTabs(); });
  connect(experiment_, &ExperimentPanel::runRequested, this, &MainWindow::startRun);
  connect(experiment_, &ExperimentPanel::cancelRequested, this, &MainWindow::cancelRun);
  connect(experiment_, &ExperimentPanel::experimentChanged, this, [this] { updateTabs(); });
  connect(experiment_, &ExperimentPanel::settingsChanged, this,
          [this] { sentences_->setAnalysisSettings(experiment_->settings()); });
  sentences_->setAnalysisSettings(experiment_->settings());
  connect(sentences_, &SentencePanel::textChosen, this, [this](int text) { experiment_->setSetting(kChosenTextKey, text); });
  connect(sentences_, &SentencePanel::positionChosen, this,
          [this](int position) { experiment_->setSetting(kChosenPositionKey, position); });
  connect(sentences_, &SentencePanel::exampleChosen, experiment_, &ExperimentPanel::setExperiment);
  connect(sentences_, &SentencePanel::fileChanged, this, [this] {
    updateTitle();
    updateSource();
  });
  connect(model_, &ModelPanel::modelChanged, this, [this] {
    sentences_->setTokenizerDirectory(model_->tokenizerDirectory());
    sentences_->setContextLength(model_->contextLength());
    updateBanner();
    updateWelcome();
    if (!runner_->running()) setStatusText([this] { return model_->description(); });
    runner_->preload(currentRequest());  // loaded while the user reads, not after Run
  });
  setStatusText([this] { return model_->description(); });
  connect(model_, &ModelPanel::manageModelsRequested, this, [this] { modelsAction_->trigger(); });
  connect(welcomeGet_, &QPushButton::clicked, this, [this] { modelsAction_->trigger(); });
  connect(welcomeDismiss_, &QPushButton::clicked, this, [this] {
    QSettings().setValue(QStringLiteral("ui/welcomeDismissed"), true);
    updateWelcome();
  });
  sentences_->setTokenizerDirectory(model_->tokenizerDirectory());
  sentences_->setContextLength(model_->contextLength());
}

// A run's progress, layers, end, failure and cancellation, as the window shows them.
void MainWindow::connectRunner() {
  connect(runner_, &RunController::runningChanged, this, [this](bool running) {
    experiment_->setRunning(running);
    runAction_->setEnabled(!running);
    cancelAction_->setEnabled(running);
    openResultsAction_->setEnabled(!running);
    updateCompareActions();
    updateSource();
  });
  connect(runner_, &RunController::phaseChanged, this, [this](RunPhase phase) {
    setStatusText([this, phase] { return phaseText(phase); });
    statusBar()->showMessage(phaseText(phase));
  });
  connect(runner_, &RunController::progress, this, [this](const RunProgress& p) {
    experiment_->setProgress(p);
    runSeconds_ = p.elapsedSeconds;
  });
  connect(runner_, &RunController::layerFinished, this, &MainWindow::showFinishedLayer);
  connect(runner_, &RunController::finished, this, &MainWindow::showFinishedRun);
  connect(runner_, &RunController::failed, this, [this](const QString& message) {
    setStatusText([message] { return CoreMessages::translate(message); });
    reportError(message, true);
  });
  connect(runner_, &RunController::cancelled, this, [this] {
    setStatusText([this] { return tr("Cancelled. The layers already done stay on screen."); });
    statusBar()->showMessage(tr("Cancelled"), 5000);
  });
}

// A layer of the run (or of its control, which starts after the run's last layer) is done.
void MainWindow::showFinishedLayer(const ResultsPtr& soFar, int layer) {
  const LayerCursor* c = figures_->cursor();
  const bool follow = newestLayer_ < 0 || c->layer() == newestLayer_;  // unless the user looks elsewhere
  resultsComplete_ = false;
  showResults(soFar);
  if (!soFar->control) {  // the control's layers fill in its series; the cursor stays on the run's last
    newestLayer_ = layer;
    if (follow) figures_->cursor()->setLayer(layer);
  }
  if (soFar->control)  // the control's pass (it starts after the run's last layer)
    setStatusText([this, layer] {
      return tr("Untrained control: layer %1 of %2 done").arg(layer + 1).arg(figures_->cursor()->count());
    });
  else
    setStatusText([this, layer] { return tr("Layer %1 of %2 done").arg(layer + 1).arg(figures_->cursor()->count()); });
}

void MainWindow::showFinishedRun(const ResultsPtr& results) {
  resultsComplete_ = true;
  showResults(results);
  const double seconds = runSeconds_;
  // Named copies, not a structured binding: clang before C++20 cannot capture one.
  const std::pair<int64_t, int64_t> counts = tokensAndTokensRun(*results);
  // The bar says how long; the line under it what ran (a narrow panel cannot show both on
  // the bar), each once; the window's status bar says both for a while.
  auto done = [this, seconds] {
    return tr("Done: %n layer(s) in %1 s", nullptr, figures_->cursor()->count())
        .arg(locale().toString(seconds, 'f', seconds < 10 ? 2 : 1));
  };
  auto ran = [this, tokens = counts.first, tokensRun = counts.second]() -> QString {
    if (tokensRun <= 0 || tokensRun >= tokens) return {};
    // GPT-2 is causal: the run stops each text at the last token the analysis reads.
    return tr("The model ran %1 of the %2 tokens (none after a text's last token read).")
        .arg(locale().toString(static_cast<qlonglong>(tokensRun)), locale().toString(static_cast<qlonglong>(tokens)));
  };
  setStatusText(ran, done);
  statusBar()->showMessage(ran().isEmpty() ? done() : done() + QStringLiteral(". ") + ran(), 10000);
}

// Geometry, docks, the shown view and the plot and text preferences of the last session.
void MainWindow::restoreWindowSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1440, 920);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  tabs_->setCurrentIndex(settings.value(QStringLiteral("window/view"), 0).toInt());
  sideBySide_ = settings.value(QStringLiteral("compare/sideBySide"), false).toBool();
  sideBySideAction_->setChecked(sideBySide_);
  restorePlotPreferences();
  setBigText(settings.value(QStringLiteral("ui/bigText"), false).toBool());
}

// Plot preferences (statistic, correction, spectrum selection and scale) persist.
void MainWindow::restorePlotPreferences() {
  QSettings s;
  s.beginGroup(QStringLiteral("plots"));
  for (FigureView* v : figures_->views()) v->restoreState(s);
  figures_->cursor()->setPlayIntervalMs(s.value(QStringLiteral("playIntervalMs"), 800).toInt());
  updateSpeedMenu();
}

void MainWindow::savePlotPreferences() const {
  QSettings s;
  s.beginGroup(QStringLiteral("plots"));
  for (FigureView* v : figures_->views()) v->saveState(s);
  s.setValue(QStringLiteral("playIntervalMs"), figures_->cursor()->playIntervalMs());
}

MainWindow::~MainWindow() {
  // ~QWidget hides the docks after this object's members are gone; their visibilityChanged
  // must not reach sidePanelsShown() then (QObject drops the connections only later).
  for (QDockWidget* d : docks_) d->disconnect(this);
}

FigureView* MainWindow::currentView() const { return qobject_cast<FigureView*>(tabs_->currentWidget()); }

void MainWindow::buildMenus() {
  fileMenu_ = menuBar()->addMenu(QString());
  openSentencesAction_ = fileMenu_->addAction(QString(), QKeySequence::Open, sentences_, &SentencePanel::openDialog);
  openResultsAction_ = fileMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+Shift+O")), this, &MainWindow::openResultsDialog);
  compareResultsAction_ = fileMenu_->addAction(QString(), this, &MainWindow::compareResultsDialog);
  compareResultsAction_->setObjectName(QStringLiteral("compareResults"));
  stopComparingAction_ = fileMenu_->addAction(QString(), this, &MainWindow::stopComparing);
  stopComparingAction_->setObjectName(QStringLiteral("stopComparing"));
  saveResultsAction_ = fileMenu_->addAction(QString(), QKeySequence::Save, this, &MainWindow::saveResultsDialog);
  fileMenu_->addSeparator();
  exportFigureAction_ = fileMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+E")), this, &MainWindow::exportCurrentFigure);
  exportAllAction_ = fileMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+Shift+E")), this, &MainWindow::exportAllFigures);
  exportDataAction_ = fileMenu_->addAction(QString(), this, &MainWindow::exportCurrentData);
  fileMenu_->addSeparator();
  runAction_ = fileMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+R")), this, &MainWindow::startRun);
  cancelAction_ = fileMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+.")), this, &MainWindow::cancelRun);
  cancelAction_->setEnabled(false);
  modelsAction_ = fileMenu_->addAction(QString(), this, [this] {
    ModelsDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && !dialog.chosenDirectory().isEmpty()) {
      model_->rescan();
      model_->selectDirectory(dialog.chosenDirectory());
    } else {
      model_->rescan();
    }
    updateWelcome();
  });
  fileMenu_->addSeparator();
  quitAction_ = fileMenu_->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);

  viewMenu_ = menuBar()->addMenu(QString());
  presentationAction_ = viewMenu_->addAction(QString(), QKeySequence(Qt::Key_F5), this, &MainWindow::setPresentationMode);
  presentationAction_->setCheckable(true);
  playAction_ = viewMenu_->addAction(QString(), QKeySequence(Qt::Key_Space), figures_->cursor(),
                                     [this] { figures_->cursor()->setPlaying(!figures_->cursor()->playing()); });
  nextViewAction_ = viewMenu_->addAction(QString(), QKeySequence(Qt::Key_PageDown), this,
                                         [this] { showView(currentViewIndex() + 1); });
  previousViewAction_ = viewMenu_->addAction(QString(), QKeySequence(Qt::Key_PageUp), this,
                                             [this] { showView(currentViewIndex() - 1); });
  speedMenu_ = viewMenu_->addMenu(QString());
  speedGroup_ = new QActionGroup(this);
  for (int ms : kPlaySpeedsMs) {
    QAction* a = speedMenu_->addAction(QString());
    a->setCheckable(true);
    a->setData(ms);
    speedGroup_->addAction(a);
    connect(a, &QAction::triggered, this, [this, ms] { setPlayIntervalMs(ms); });
  }
  speedMenu_->addSeparator();
  fasterAction_ = speedMenu_->addAction(QString(), this, [this] {
    const int now = figures_->cursor()->playIntervalMs();
    for (auto it = std::rbegin(kPlaySpeedsMs); it != std::rend(kPlaySpeedsMs); ++it)
      if (*it < now) return setPlayIntervalMs(*it);
  });
  fasterAction_->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
  slowerAction_ = speedMenu_->addAction(QString(), this, [this] {
    const int now = figures_->cursor()->playIntervalMs();
    for (int ms : kPlaySpeedsMs)
      if (ms > now) return setPlayIntervalMs(ms);
  });
  slowerAction_->setShortcut(QKeySequence(Qt::Key_Minus));
  bigTextAction_ = viewMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+Shift+T")), this, &MainWindow::setBigText);
  bigTextAction_->setCheckable(true);
  viewMenu_->addSeparator();
  sidePanelsAction_ = viewMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+B")), this, &MainWindow::setSidePanelsShown);
  sidePanelsAction_->setCheckable(true);
  sidePanelsAction_->setChecked(true);
  sideBySideAction_ = viewMenu_->addAction(QString(), QKeySequence(QStringLiteral("Ctrl+Shift+D")), this, &MainWindow::setCompareSideBySide);
  sideBySideAction_->setObjectName(QStringLiteral("compareSideBySide"));
  sideBySideAction_->setCheckable(true);
  for (QDockWidget* d : docks_) {
    viewMenu_->addAction(d->toggleViewAction());
    connect(d, &QDockWidget::visibilityChanged, this, [this] {
      if (!presenting_) sidePanelsAction_->setChecked(sidePanelsShown());
    });
  }

  languageMenu_ = menuBar()->addMenu(QString());
  languageGroup_ = new QActionGroup(this);
  for (const QString& code : Language::available()) {
    QAction* a = languageMenu_->addAction(Language::displayName(code));
    a->setCheckable(true);
    a->setData(code);
    a->setChecked(code == Language::instance().current());
    languageGroup_->addAction(a);
    connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
  }
  helpMenu_ = menuBar()->addMenu(QString());
  viewHelpAction_ = helpMenu_->addAction(QString(), this, [this] {
    if (!currentView() || qEnvironmentVariableIsSet("LAMINAR_NO_DIALOGS")) return;
    auto* box = new QMessageBox(QMessageBox::Information, tr("What am I looking at?"), ViewHelp::html(*currentView()),
                                QMessageBox::Close, this);
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();  // not modal to the figure: it can stay open while the user looks
  });
  viewHelpAction_->setShortcut(QKeySequence::HelpContents);
  aboutAction_ = helpMenu_->addAction(QString(), this, [this] {
    QMessageBox::about(this, tr("About Laminar"),
                       tr("<h3>Laminar %1</h3><p>A desktop instrument for looking inside GPT-2 layer by layer.</p>"
                          "<p>libtorch %2 — CUDA %3</p><p>CPU GEMMs: %4</p>")
                           .arg(QString::fromStdString(versionString()), engineTorchVersion(),
                                engineCudaAvailable() ? tr("available") : tr("not available"), engineCpuGemm()));
  });
}

void MainWindow::retranslate() {
  updateTitle();
  updateSource();
  sentenceDock_->setWindowTitle(tr("Sentences"));
  modelDock_->setWindowTitle(tr("Model"));
  experimentDock_->setWindowTitle(tr("Experiment"));
  for (int i = 0; i < tabs_->count(); ++i) tabs_->setTabText(i, static_cast<FigureView*>(tabs_->widget(i))->tabTitle());
  play_->setToolTip(tr("Play / pause: step through the layers (Space)"));
  prev_->setToolTip(tr("Previous layer (Left)"));
  next_->setToolTip(tr("Next layer (Right)"));
  slider_->setToolTip(tr("Layer shown in every view"));
  // Names a screen reader says for controls without text of their own (tooltips are only
  // their descriptions); the panels' scroll areas take their dock's title.
  play_->setAccessibleName(tr("Play layers"));
  prev_->setAccessibleName(tr("Previous layer"));
  next_->setAccessibleName(tr("Next layer"));
  slider_->setAccessibleName(tr("Layer"));
  tabs_->setAccessibleName(tr("Figures"));
  for (QDockWidget* d : docks_) d->widget()->setAccessibleName(d->windowTitle());
  Language::retranslateQtParts(this);
  fileMenu_->setTitle(tr("&File"));
  openSentencesAction_->setText(tr("Load sentence file…"));
  openResultsAction_->setText(tr("Open results folder…"));
  saveResultsAction_->setText(tr("Save results…"));
  compareResultsAction_->setText(tr("Compare with results folder…"));
  compareResultsAction_->setToolTip(tr("Show another run of the same analysis (another model, target word or seed) "
                                       "with the shown one: inside its figures, or side by side (View > Compare side by side)"));
  stopComparingAction_->setText(tr("Stop comparing"));
  exportFigureAction_->setText(tr("Export figure…"));
  exportAllAction_->setText(tr("Export all figures…"));
  exportDataAction_->setText(tr("Export figure data (CSV)…"));
  runAction_->setText(tr("Run"));
  cancelAction_->setText(tr("Cancel run"));
  modelsAction_->setText(tr("Models…"));
  quitAction_->setText(tr("Quit"));
  viewMenu_->setTitle(tr("&View"));
  presentationAction_->setText(tr("Presentation mode"));
  playAction_->setText(tr("Play / pause layers"));
  nextViewAction_->setText(tr("Next view"));
  previousViewAction_->setText(tr("Previous view"));
  previousLayerAction_->setText(tr("Previous layer"));
  nextLayerAction_->setText(tr("Next layer"));
  firstLayerAction_->setText(tr("First layer"));
  lastLayerAction_->setText(tr("Last layer"));
  exitPresentationAction_->setText(tr("Leave presentation mode"));
  speedMenu_->setTitle(tr("Autoplay speed"));
  for (QAction* a : speedGroup_->actions())
    a->setText(tr("%1 s a layer").arg(locale().toString(a->data().toInt() / 1000.0, 'f', 1)));
  fasterAction_->setText(tr("Faster"));
  slowerAction_->setText(tr("Slower"));
  bigTextAction_->setText(tr("Big text"));
  sidePanelsAction_->setText(tr("Side panels"));
  comparedPane_->retranslate();
  sideBySideAction_->setText(tr("Compare side by side"));
  sideBySideAction_->setToolTip(tr("While comparing two runs: the compared run in its own views on the right, with the same "
                                   "layer, choices and scales; unchecked, it is drawn inside the shown run's figures"));
  languageMenu_->setTitle(tr("&Language"));
  helpMenu_->setTitle(tr("&Help"));
  aboutAction_->setText(tr("About Laminar"));
  viewHelpAction_->setText(tr("What am I looking at?"));
  applyStatusText();
  // A passing status-bar note ("Exported …") was written in the old language: let it go
  // rather than leave it untranslated; the lasting status above is said again.
  statusBar()->clearMessage();
  welcomeText_->setText(tr("<b>Welcome to Laminar.</b> No GPT-2 checkpoint with trained weights is on this computer yet. "
                           "Get GPT-2 XL (6.4 GB) or a smaller GPT-2 into the Hugging Face cache to look inside a real "
                           "model; until then the demo model (a small GPT-2 trained on the Brown corpus) works offline."));
  welcomeGet_->setText(tr("Get GPT-2…"));
  welcomeDismiss_->setText(tr("Not now"));
  updateLayerBar();
  updateBanner();
}

void MainWindow::updateTitle() {
  QString title = tr("Laminar — looking inside GPT-2");
  if (!sentences_->path().isEmpty()) title = QFileInfo(sentences_->path()).fileName() + QStringLiteral(" — ") + title;
  setWindowTitle(title);
}

void MainWindow::updateSource() {
  if (!results_) {
    source_->hide();
    return;
  }
  using Origin = ResultsSource::Origin;
  const Origin origin = !resultsOpenedFrom_.isEmpty() ? Origin::Opened
                        : runner_->running()          ? Origin::RunInProgress
                                                      : Origin::RunFinished;
  QString line = ResultsSource::line(*results_, origin, resultsOpenedFrom_, sentences_->path());
  if (comparedFrom_ && compared_) {
    // Overlaid, only these views draw a compared run (widgets: laminar profile, spectrum mass).
    const QString where = sideBySide_ ? tr("Compared with %1: shown side by side on the right, every view at the same layer, "
                                           "with the same choices and scales.")
                          : results_->get<SimilarityResults>()
                              ? tr("Compared with %1: drawn beside this run in the laminar profile and the spectrum masses view; "
                                   "the profile can draw the difference instead.")
                              : tr("Compared with %1: drawn beside this run in the laminar profile, which can draw the "
                                   "difference instead.");
    line += QStringLiteral("<br>") + where.arg(QDir::toNativeSeparators(comparedDir_).toHtmlEscaped());
  }
  source_->setText(line);
  source_->setToolTip(ResultsSource::details(*results_));
  source_->show();
}

void MainWindow::resizeEvent(QResizeEvent* event) {
  QMainWindow::resizeEvent(event);
  keepSidePanelsNarrow();
  narrowPanelsLater_->start();
}

// A window sized before it is shown (a restored geometry, `--size`) had no visible panels to
// narrow at its resize.
void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  narrowPanelsLater_->start();
}

// On a narrow window (a 1024 px projector) the side panels keep at most 38% of its width:
// the 440 px they start with on a wide screen left the figure too narrow for its legend and
// caption. They are never widened here, so panels the user narrowed stay narrow.
void MainWindow::keepSidePanelsNarrow() {
  const int most = static_cast<int>(width() * 0.38);
  for (QDockWidget* d : std::as_const(docks_)) {
    if (!d->isVisible() || d->isFloating() || dockWidgetArea(d) != Qt::LeftDockWidgetArea) continue;
    if (d->width() > most) resizeDocks({d}, {most}, Qt::Horizontal);
    break;  // one column: the panels stacked in it share its width
  }
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (presenting_) setPresentationMode(false);
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("window/view"), tabs_->currentIndex());
  savePlotPreferences();
  runner_->cancel();
  QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.isEmpty() || !urls.front().isLocalFile()) return;
  const QString path = urls.front().toLocalFile();
  if (QFileInfo(path).isDir())
    openResults(path);
  else
    sentences_->openFile(path);
}

QString MainWindow::phaseText(RunPhase phase) const {
  switch (phase) {
    case RunPhase::CreatingDemoModel: return tr("Generating the untrained twin of the demo model (first use only)…");
    case RunPhase::LoadingModel: return tr("Loading the model…");
    case RunPhase::LoadingTokenizer: return tr("Loading the tokenizer and the sentences…");
    case RunPhase::Running: return tr("Running: layers appear as they finish.");
  }
  return {};
}

RunRequest MainWindow::currentRequest() const {
  RunRequest request;
  request.modelDirectory = model_->modelDirectory();
  request.untrainedTwin = model_->untrainedTwinSelected();
  request.modelOptions = model_->options();
  request.sentencePath = sentences_->path().toStdString();
  request.sentences = sentences_->sentenceSet();
  request.settings = experiment_->settings();
  request.settings.target.target = sentences_->targetOverride().toStdString();
  request.settings.target.caseInsensitive = sentences_->caseInsensitive();
  return request;
}

void MainWindow::startRun() {
  if (runner_->running()) return;
  if (sentences_->path().isEmpty()) {
    reportError(tr("Load a sentence file first (or pick one of the examples)."), false);
    return;
  }
  const RunRequest request = currentRequest();
  newestLayer_ = -1;
  resultsComplete_ = false;
  resultsSynthetic_ = model_->syntheticWeights();
  resultsDemo_ = model_->demoSelected();
  resultsOpenedFrom_.clear();
  endComparison();
  showResults(nullptr);
  updateTabs();
  runner_->start(request);
}

void MainWindow::cancelRun() { runner_->cancel(); }

void MainWindow::showResults(const ResultsPtr& results) {
  results_ = results;
  if (results) resultsSynthetic_ = metadataSaysSynthetic(*results) || (runner_->running() && resultsSynthetic_);
  if (results) resultsDemo_ = metadataSaysDemo(*results) || (runner_->running() && resultsDemo_);
  figures_->setResults(results);
  updateTabs();
  updateLayerBar();
  updateBanner();
  updateSource();
  // The texts behind the per-text views' tooltips, looked up once per sentence file.
  const std::string sha = results ? ResultsSource::sentenceSha256(*results) : std::string();
  if (sha != sentenceTextsSha_) {
    sentenceTextsSha_ = sha;
    lookUpSentenceTexts(results, figures_);
  }
  saveResultsAction_->setEnabled(results && resultsComplete_);
  updateCompareActions();
  emit resultsShown();
}

// From the Sentences panel when it holds the run's file; else read from the file the results
// name, on a worker (a file on a slow network share must not freeze the window). Until it
// arrives, and when the file moved or changed, the tooltips give text numbers only.
void MainWindow::lookUpSentenceTexts(const ResultsPtr& results, FigureSet* set) {
  auto texts = results ? ResultsSource::openSentenceTexts(*results, sentences_->sentenceSet()) : nullptr;
  set->setSentenceTexts(texts);
  if (texts || !results) return;
  using Texts = std::shared_ptr<const FigureView::SentenceTexts>;
  auto* watcher = new QFutureWatcher<Texts>(this);
  const std::string sha = ResultsSource::sentenceSha256(*results);
  connect(watcher, &QFutureWatcher<Texts>::finished, this, [watcher, sha, set] {
    watcher->deleteLater();
    const ResultsPtr& now = set->results();
    if (now && ResultsSource::sentenceSha256(*now) == sha) set->setSentenceTexts(watcher->result());  // still that file's
  });
  watcher->setFuture(QtConcurrent::run(&ResultsSource::readSentenceTexts, ResultsSource::sentencePath(*results), sha));
}

void MainWindow::updateTabs() {
  // The tabs of the analysis shown (or about to run); the others are hidden.
  const QString analysis = results_ ? QString::fromStdString(results_->experiment) : experiment_->experiment();
  for (int i = 0; i < tabs_->count(); ++i) {
    const bool mine = static_cast<FigureView*>(tabs_->widget(i))->analysis() == analysis;
    tabs_->setTabVisible(i, mine);
    tabs_->setTabEnabled(i, mine);
  }
  if (!tabs_->isTabEnabled(tabs_->currentIndex())) showView(0);
  comparedPane_->follow(comparedPane_->results() ? currentView() : nullptr, tabs_->currentIndex());
  const bool data = currentView() && currentView()->hasData();
  exportFigureAction_->setEnabled(data);
  exportAllAction_->setEnabled(data);
  exportDataAction_->setEnabled(data);
}

void MainWindow::updateLayerBar() {
  const LayerCursor* c = figures_->cursor();
  const int n = c->count();
  const QSignalBlocker block(slider_);
  slider_->setRange(1, std::max(1, n));
  slider_->setValue(c->layer() + 1);
  slider_->setEnabled(n > 0);
  prev_->setEnabled(n > 0);
  next_->setEnabled(n > 0);
  play_->setEnabled(n > 0);
  play_->setIcon(c->playing() ? pauseIcon_ : playIcon_);
  layerLabel_->setText(n > 0 ? tr("Layer %1 / %2").arg(c->layer() + 1).arg(n) : tr("No layers yet"));
}

void MainWindow::updateBanner() {
  const bool running = runner_ && runner_->running();
  const bool current = results_ || running;  // results shown or being computed: their model counts
  const bool synthetic = current ? resultsSynthetic_ : model_->syntheticWeights();
  const bool demo = current ? resultsDemo_ : model_->demoSelected();
  if (synthetic) {
    banner_->setText(tr("⚠ Random weights (a synthetic model or the demo model's untrained twin): these figures show "
                        "what an untrained network does, nothing learned from language. Use a trained model for findings."));
    banner_->setVisible(true);
  } else if (demo) {
    banner_->setText(tr("Demo model: 6-layer GPT-2 trained on the Brown corpus, not GPT-2 XL. It learned from one "
                        "million words of 1961 American English; for findings about GPT-2 use a real checkpoint (Models…)."));
    banner_->setVisible(true);
  } else {
    banner_->setVisible(false);
  }
}

void MainWindow::setStatusText(std::function<QString()> text, std::function<QString()> progressBarText) {
  statusText_ = std::move(text);
  progressBarText_ = std::move(progressBarText);
  applyStatusText();
}

void MainWindow::applyStatusText() {
  if (!statusText_) return;
  experiment_->setStatus(statusText_());
  if (progressBarText_) experiment_->progressBar()->setFormat(progressBarText_());
}

void MainWindow::updateWelcome() {
  welcome_->setVisible(!model_->hasRealCheckpoint() && !QSettings().value(QStringLiteral("ui/welcomeDismissed"), false).toBool() &&
                       !presenting_);
}

QList<int> MainWindow::analysisTabs() const {
  QList<int> tabs;
  for (int i = 0; i < tabs_->count(); ++i)
    if (tabs_->isTabEnabled(i)) tabs.append(i);
  return tabs;
}

int MainWindow::currentViewIndex() const { return analysisTabs().indexOf(tabs_->currentIndex()); }

int MainWindow::viewCount() const { return static_cast<int>(analysisTabs().size()); }

void MainWindow::showView(int index) {
  const QList<int> tabs = analysisTabs();
  if (tabs.isEmpty()) return;
  const int n = static_cast<int>(tabs.size());
  tabs_->setCurrentIndex(tabs[((index % n) + n) % n]);
}

void MainWindow::setPresentationMode(bool on) {
  if (on == presenting_) return;
  presenting_ = on;
  presentationAction_->setChecked(on);
  if (on) {
    docksShownBeforePresenting_.clear();
    for (QDockWidget* d : docks_)
      if (!d->isHidden()) docksShownBeforePresenting_ << d;  // a dock behind another's tab counts as shown
    for (QDockWidget* d : docks_) d->setVisible(false);
  } else {
    for (QDockWidget* d : docksShownBeforePresenting_) d->setVisible(true);  // as the user had them
  }
  tabs_->tabBar()->setVisible(!on);
  menuBar()->setVisible(!on);
  statusBar()->setVisible(!on);
  // Up/Down change views only here: elsewhere they belong to lists and combo boxes.
  previousViewAction_->setShortcuts(on ? QList<QKeySequence>{QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_Up)}
                                       : QList<QKeySequence>{QKeySequence(Qt::Key_PageUp)});
  nextViewAction_->setShortcuts(on ? QList<QKeySequence>{QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_Down)}
                                   : QList<QKeySequence>{QKeySequence(Qt::Key_PageDown)});
  exitPresentationAction_->setEnabled(on);
  applyTypeScale();
  updateWelcome();
  if (on) {
    showFullScreen();
    tabs_->setFocus();  // keys go to the window's shortcuts, not to a control left focused
  } else {
    showNormal();
  }
}

void MainWindow::applyTypeScale() {
  const double scale = (presenting_ ? kPresentationScale : 1.0) * (bigText_ ? kBigTextScale : 1.0);
  figures_->setPresentationScale(scale);
  comparedPane_->figures()->setPresentationScale(scale);
  // The layer bar under the views: label, slider and buttons grow with the figures.
  QFont f = QApplication::font();
  f.setPointSizeF(f.pointSizeF() * scale);
  for (QWidget* w : std::initializer_list<QWidget*>{layerLabel_, slider_, prev_, next_, play_}) w->setFont(f);
  const int icon = static_cast<int>(std::lround(style()->pixelMetric(QStyle::PM_ToolBarIconSize) * scale));
  for (QToolButton* b : {prev_, next_, play_}) b->setIconSize(QSize(icon, icon));
  slider_->setMinimumHeight(static_cast<int>(std::lround(slider_->sizeHint().height() * std::max(1.0, scale * 0.8))));
  layerLabel_->setMinimumWidth(QFontMetrics(f).horizontalAdvance(tr("Layer %1 / %2").arg(88).arg(88)) + 8);
}

void MainWindow::setBigText(bool on) {
  bigText_ = on;
  bigTextAction_->setChecked(on);
  QSettings().setValue(QStringLiteral("ui/bigText"), on);
  applyTypeScale();
}

bool MainWindow::sidePanelsShown() const {
  for (QDockWidget* d : docks_)
    if (!d->isHidden()) return true;
  return false;
}

void MainWindow::setSidePanelsShown(bool shown) {
  if (presenting_) setPresentationMode(false);
  for (QDockWidget* d : docks_) d->setVisible(shown);
  if (shown) sentenceDock_->raise();
  sidePanelsAction_->setChecked(shown);
}

void MainWindow::setPlayIntervalMs(int ms) {
  figures_->cursor()->setPlayIntervalMs(ms);
  QSettings s;
  s.setValue(QStringLiteral("plots/playIntervalMs"), figures_->cursor()->playIntervalMs());
  updateSpeedMenu();
}

void MainWindow::updateSpeedMenu() {
  const int now = figures_->cursor()->playIntervalMs();
  for (QAction* a : speedGroup_->actions()) a->setChecked(a->data().toInt() == now);
}

// Everything a presenter does from the keyboard or a clicker (which sends PgUp/PgDn, F5 and
// Esc): window shortcuts, so they work while the menu bar is hidden. Actions in
// a hidden menu bar alone do not fire.
void MainWindow::buildPresentationKeys() {
  LayerCursor* cursor = figures_->cursor();
  auto viewAction = [this](QAction* a, QKeySequence key) {
    viewMenu_->insertAction(speedMenu_->menuAction(), a);
    a->setShortcut(key);
  };
  previousLayerAction_ = new QAction(this);
  connect(previousLayerAction_, &QAction::triggered, cursor, [cursor] { cursor->step(-1); });
  viewAction(previousLayerAction_, QKeySequence(Qt::Key_Left));
  nextLayerAction_ = new QAction(this);
  connect(nextLayerAction_, &QAction::triggered, cursor, [cursor] { cursor->step(+1); });
  viewAction(nextLayerAction_, QKeySequence(Qt::Key_Right));
  firstLayerAction_ = new QAction(this);
  connect(firstLayerAction_, &QAction::triggered, cursor, [cursor] { cursor->setLayer(0); });
  viewAction(firstLayerAction_, QKeySequence(Qt::Key_Home));
  lastLayerAction_ = new QAction(this);
  connect(lastLayerAction_, &QAction::triggered, cursor, [cursor] { cursor->setLayer(cursor->count() - 1); });
  viewAction(lastLayerAction_, QKeySequence(Qt::Key_End));
  exitPresentationAction_ = new QAction(this);
  exitPresentationAction_->setShortcut(QKeySequence(Qt::Key_Escape));
  exitPresentationAction_->setEnabled(false);
  connect(exitPresentationAction_, &QAction::triggered, this, [this] { setPresentationMode(false); });
  for (QAction* a : {presentationAction_, playAction_, nextViewAction_, previousViewAction_, previousLayerAction_, nextLayerAction_,
                     firstLayerAction_, lastLayerAction_, exitPresentationAction_, fasterAction_, slowerAction_, bigTextAction_,
                     sidePanelsAction_, exportFigureAction_, exportAllAction_, quitAction_}) {
    a->setShortcutContext(Qt::WindowShortcut);
    addAction(a);  // the window's own: alive with the menu bar hidden
  }
}

void MainWindow::setLanguage(const QString& code) {
  Language::instance().set(code);
  QSettings().setValue(QStringLiteral("ui/language"), Language::instance().current());
  for (QAction* a : languageGroup_->actions()) a->setChecked(a->data().toString() == Language::instance().current());
  figures_->setNumberLocale(Language::instance().screenLocale());
  comparedPane_->figures()->setNumberLocale(Language::instance().screenLocale());
  retranslate();  // English after Vietnamese: no translator is installed, so say it ourselves
}

void MainWindow::reportError(const QString& message, bool fromCore) {
  const QString text = fromCore ? CoreMessages::translate(message) : message;
  statusBar()->showMessage(text, 15000);
  if (qEnvironmentVariableIsSet("LAMINAR_NO_DIALOGS")) return;  // tests and headless runs
  QMessageBox::warning(this, tr("Laminar"), text);
}

QString MainWindow::chooseResultsFolder(const QString& title) {
  QSettings settings;
  const QString dir = QFileDialog::getExistingDirectory(this, title,
                                                        settings.value(QStringLiteral("files/lastResultsFolder"), QDir::homePath()).toString());
  if (!dir.isEmpty()) settings.setValue(QStringLiteral("files/lastResultsFolder"), QFileInfo(dir).absolutePath());
  return dir;
}

void MainWindow::openResultsDialog() {
  const QString dir = chooseResultsFolder(tr("Open results folder"));
  if (!dir.isEmpty()) openResults(dir);
}

void MainWindow::compareResultsDialog() {
  const QString dir = chooseResultsFolder(tr("Compare with results folder"));
  if (!dir.isEmpty()) openResults(dir, true);
}

void MainWindow::updateCompareActions() {
  const bool idle = !runner_->running();
  compareResultsAction_->setEnabled(idle && results_ && resultsComplete_);
  stopComparingAction_->setEnabled(idle && comparedFrom_ != nullptr);
}

// The other run becomes the shown results' control series: the views that draw an untrained
// control (the laminar profile, the spectrum mass) draw it the same way, labelled "compared run".
void MainWindow::showComparison(const ResultsPtr& other, const QString& dir) {
  const ResultsPtr base = comparedFrom_ ? comparedFrom_ : results_;
  if (!base) return;
  if (other->experiment != base->experiment || other->nLayer != base->nLayer) {
    reportError(tr("Cannot compare: %1 holds %2 with %3 layers, the shown results %4 with %5 layers.")
                    .arg(dir, QString::fromStdString(other->experiment))
                    .arg(other->nLayer)
                    .arg(QString::fromStdString(base->experiment))
                    .arg(base->nLayer),
                 false);
    return;
  }
  comparedFrom_ = base;
  compared_ = other;
  comparedDir_ = dir;
  applyComparison();
  statusBar()->showMessage(tr("Comparing with %1").arg(dir), 8000);
}

// Side by side, each run is shown whole in its own views (with its own untrained control, if
// it has one); overlaid, the other run becomes the shown results' control series.
void MainWindow::applyComparison() {
  if (!comparedFrom_ || !compared_) return;
  if (sideBySide_) {
    comparedPane_->setResults(compared_, comparedDir_);
    lookUpSentenceTexts(compared_, comparedPane_->figures());
    comparedPane_->show();
    const int half = std::max(1, splitter_->width() / 2);
    splitter_->setSizes({half, half});  // the two runs at the same size
    showResults(comparedFrom_);
    return;
  }
  comparedPane_->setResults(nullptr, QString());
  comparedPane_->hide();
  auto compared = std::make_shared<RunResults>(*compared_);
  compared->control = nullptr;  // one comparison at a time; its own control is not drawn
  auto merged = std::make_shared<RunResults>(*comparedFrom_);
  merged->control = compared;
  merged->metadata["control"] = {{"kind", "comparison"}, {"source", comparedDir_.toStdString()}};
  showResults(merged);
}

void MainWindow::endComparison() {
  comparedFrom_ = nullptr;
  compared_ = nullptr;
  comparedDir_.clear();
  comparedPane_->setResults(nullptr, QString());
  comparedPane_->hide();
}

void MainWindow::setCompareSideBySide(bool on) {
  sideBySideAction_->setChecked(on);
  if (on == sideBySide_) return;
  sideBySide_ = on;
  QSettings().setValue(QStringLiteral("compare/sideBySide"), on);
  applyComparison();
}

void MainWindow::stopComparing() {
  if (!comparedFrom_) return;
  const ResultsPtr base = comparedFrom_;
  endComparison();
  showResults(base);
}

void MainWindow::openResults(const QString& dir, bool compare) {
  // Loaded on a worker (1,000 texts on the demo model reopen in 0.3 s, a format 1 folder of
  // hundreds of MB in 10-20 s); a window-modal progress dialog appears after 0.4 s, and its
  // Cancel stops the load at the next progress report (loadResults throws Cancelled).
  struct Loaded {
    ResultsPtr results;
    QString error;  // from core, translated; empty with results or when cancelled
  };
  const QString shown = QDir::toNativeSeparators(dir);
  auto* watcher = new QFutureWatcher<Loaded>(this);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto permille = std::make_shared<std::atomic<int>>(0);  // written by the worker, read by the timer
  auto* dialog = new QProgressDialog(tr("Opening %1…").arg(shown), tr("Cancel"), 0, 1000, this);
  dialog->setWindowTitle(tr("Open results folder"));
  dialog->setWindowModality(Qt::WindowModal);
  dialog->setMinimumDuration(400);
  dialog->setAutoClose(false);
  dialog->setAutoReset(false);
  connect(dialog, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
  auto* poll = new QTimer(dialog);
  connect(poll, &QTimer::timeout, dialog, [dialog, permille] { dialog->setValue(permille->load()); });
  poll->start(100);
  openResultsAction_->setEnabled(false);  // one load at a time
  statusBar()->showMessage(tr("Opening %1…").arg(shown));
  connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, dialog, cancel, shown, compare] {
    watcher->deleteLater();
    dialog->deleteLater();
    openResultsAction_->setEnabled(!runner_->running());
    const Loaded loaded = watcher->result();
    if (!loaded.results) {
      if (cancel->load() && loaded.error.isEmpty())
        statusBar()->showMessage(tr("Opening %1 cancelled").arg(shown), 5000);
      else {
        emit resultsFailed(loaded.error);
        reportError(loaded.error, true);
      }
      return;
    }
    if (compare) return showComparison(loaded.results, shown);
    endComparison();
    resultsComplete_ = true;
    newestLayer_ = -1;
    resultsOpenedFrom_ = shown;
    experiment_->showRunSettings(*loaded.results);
    showResults(loaded.results);
    statusBar()->showMessage(tr("Opened %1").arg(shown), 8000);
  });
  watcher->setFuture(QtConcurrent::run([path = dir.toStdString(), cancel, permille]() -> Loaded {
    try {
      auto progress = [&](double fraction) {
        if (cancel->load()) throw Cancelled();
        permille->store(static_cast<int>(std::lround(1000 * fraction)));
      };
      return {std::make_shared<const RunResults>(loadResults(path, progress)), QString()};
    } catch (const Cancelled&) {
      return {nullptr, QString()};
    } catch (const std::exception& e) {
      return {nullptr, CoreMessages::translate(e)};  // by code, in the language of the moment
    }
  }));
}

void MainWindow::saveResultsDialog() {
  if (!results_ || !resultsComplete_) return;
  QSettings settings;
  const QString base = settings.value(QStringLiteral("files/lastResultsFolder"), QDir::homePath()).toString();
  const QString suggested = QDir(base).filePath(QStringLiteral("laminar-%1").arg(QString::fromStdString(results_->experiment)));
  const QString dir = QFileDialog::getSaveFileName(this, tr("Save results as a folder"), suggested);
  if (dir.isEmpty()) return;
  settings.setValue(QStringLiteral("files/lastResultsFolder"), QFileInfo(dir).absolutePath());
  auto* watcher = new QFutureWatcher<QString>(this);
  statusBar()->showMessage(tr("Saving %1…").arg(QDir::toNativeSeparators(dir)));
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, dir] {
    watcher->deleteLater();
    const QString error = watcher->result();
    if (!error.isEmpty())
      reportError(error, true);
    else
      statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(dir)), 8000);
  });
  // While comparing, the shown run is saved without the compared one.
  watcher->setFuture(QtConcurrent::run([results = comparedFrom_ ? comparedFrom_ : results_, path = dir.toStdString()]() -> QString {
    try {
      saveResults(*results, path);
      return {};
    } catch (const std::exception& e) {
      return QString::fromStdString(e.what());
    }
  }));
}

void MainWindow::exportCurrentFigure() {
  FigureView* view = currentView();
  if (!view || !view->hasData()) return;
  ExportDialog dialog(this, false);
  if (dialog.exec() != QDialog::Accepted) return;
  const FigureExportOptions options = dialog.options();
  QSettings settings;
  const QString dir = settings.value(QStringLiteral("files/lastExportFolder"), QDir::homePath()).toString();
  const QString suffix = formatSuffix(options.format);
  QString path = QFileDialog::getSaveFileName(this, tr("Export figure"), QDir(dir).filePath(view->figureId() + QLatin1Char('.') + suffix),
                                              QStringLiteral("*.%1").arg(suffix));
  if (path.isEmpty()) return;
  if (!path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive)) path += QLatin1Char('.') + suffix;
  settings.setValue(QStringLiteral("files/lastExportFolder"), QFileInfo(path).absolutePath());
  try {
    exportFigure(*view, path, options);
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
  } catch (const std::exception& e) {
    reportError(QString::fromStdString(e.what()), false);
  }
}

void MainWindow::exportAllFigures() {
  if (!results_) return;
  ExportDialog dialog(this, true);
  if (dialog.exec() != QDialog::Accepted) return;
  QSettings settings;
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export all figures to a folder"),
                                                        settings.value(QStringLiteral("files/lastExportFolder"), QDir::homePath()).toString());
  if (dir.isEmpty()) return;
  settings.setValue(QStringLiteral("files/lastExportFolder"), dir);
  try {
    const QStringList files = exportAll(figures_->viewsFor(*results_), dir, dialog.options(), dialog.withCsv());
    statusBar()->showMessage(tr("Exported %n file(s) to %1", nullptr, static_cast<int>(files.size())).arg(QDir::toNativeSeparators(dir)), 8000);
  } catch (const std::exception& e) {
    reportError(QString::fromStdString(e.what()), false);
  }
}

void MainWindow::exportCurrentData() {
  FigureView* view = currentView();
  if (!view || !view->hasData()) return;
  QSettings settings;
  const QString dir = settings.value(QStringLiteral("files/lastExportFolder"), QDir::homePath()).toString();
  QString path = QFileDialog::getSaveFileName(this, tr("Export figure data"), QDir(dir).filePath(view->figureId() + QStringLiteral(".csv")),
                                              QStringLiteral("*.csv"));
  if (path.isEmpty()) return;
  if (!path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)) path += QStringLiteral(".csv");
  settings.setValue(QStringLiteral("files/lastExportFolder"), QFileInfo(path).absolutePath());
  try {
    exportCsv(*view, path);
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
  } catch (const std::exception& e) {
    reportError(QString::fromStdString(e.what()), false);
  }
}

}  // namespace laminar
