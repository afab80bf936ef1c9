#include "app/sentence_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <map>
#include <mutex>

#include "analysis/analysis.h"
#include "analysis/sentence_set.h"
#include "analysis/target_locator.h"
#include "app/core_messages.h"
#include "app/language.h"
#include "app/token_preview.h"
#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/tokenizer_location.h"
#include "util/data_paths.h"
#include "util/error.h"
#include "widgets/eliding_combo_box.h"

#include <optional>

namespace laminar {

struct TokenViewResult {
  QString html;
  std::optional<Message> error;  // from core, translated when shown
  int texts = 0;
};

namespace {

constexpr int kMaxRecent = 10;

// The token list asks for no more height than its minimum. The panel sits in a scroll area
// that gives it its preferred height for the width (the legend and notes wrap), and a text
// browser prefers 192 px: at 1280x800 that pushed the "Try a sentence" row below the fold.
// The list still takes every spare pixel (its stretch) where the panel is taller.
class TokenList : public QTextBrowser {
 public:
  using QTextBrowser::QTextBrowser;
  QSize sizeHint() const override { return {QTextBrowser::sizeHint().width(), minimumHeight()}; }
};
constexpr int kMaxTextsShown = 200;

std::shared_ptr<const BpeTokenizer> cachedTokenizer(const std::filesystem::path& dir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const BpeTokenizer>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(dir);
  if (it != cache.end()) return it->second;
  auto tokenizer = std::make_shared<const BpeTokenizer>(BpeTokenizer::fromDirectory(dir));
  cache[dir] = tokenizer;
  return tokenizer;
}

// A translated message under a text (<br> then a span) or above all texts (a paragraph).
QString noteHtml(const QString& text, const char* colour, bool paragraph) {
  return (paragraph ? QStringLiteral("<p style=\"color:%1;\">%2</p>") : QStringLiteral("<br><span style=\"color:%1;\">%2</span>"))
      .arg(QLatin1String(colour), text.toHtmlEscaped());
}
constexpr const char* kProblemColour = "#c62828";  // the run leaves the text (or the file) out
constexpr const char* kWarningColour = "#b45309";  // the run keeps it, with a caveat

// Kinds of each token of a text the locator keeps. `use` (null: no analysis, as for a typed
// sentence) says which tokens the chosen analysis reads; a text it does not read is faded,
// and so are the plain tokens after the last one its run computes (the model stops there).
// A target it reads is coloured over its whole span, not only its last token.
std::vector<TokenKind> keptTokenKinds(const LocatedText& text, const TokenUse* use) {
  const auto n = static_cast<int64_t>(text.ids.size());
  std::vector<TokenKind> kinds(text.ids.size(), TokenKind::Plain);
  std::map<int64_t, TokenRole> roles;
  if (!use)
    for (const auto& occ : text.occurrences) roles[occ.token] = TokenRole::Target;
  else if (const auto it = use->roles.find(text.textIndex); it != use->roles.end())
    roles = it->second;
  else
    return std::vector<TokenKind>(text.ids.size(), TokenKind::Unread);
  for (const auto& [position, role] : roles)
    if (position >= 0 && position < n && role != TokenRole::Target)
      kinds[static_cast<size_t>(position)] = role == TokenRole::Compared ? TokenKind::Compared : TokenKind::Focus;
  for (const auto& occ : text.occurrences) {
    const auto role = roles.find(occ.token);
    if (role == roles.end() || role->second != TokenRole::Target) continue;
    for (int64_t t = occ.firstToken; t <= occ.token && t < n; ++t) kinds[static_cast<size_t>(t)] = TokenKind::Target;
  }
  if (use)
    if (const auto last = use->lastComputed.find(text.textIndex); last != use->lastComputed.end())
      for (int64_t t = std::max<int64_t>(last->second + 1, 0); t < n; ++t)
        if (kinds[static_cast<size_t>(t)] == TokenKind::Plain) kinds[static_cast<size_t>(t)] = TokenKind::NotRun;
  return kinds;
}

// An Integer setting `key` among an analysis's resolved settings; none when it has none.
std::optional<int> integerOption(const nlohmann::json& options, const char* key) {
  const auto v = options.find(key);
  return v != options.end() && v->is_number_integer() ? std::optional<int>(v->get<int>()) : std::nullopt;
}

// A text's number as the analyses count texts, its file line on hover. Where the analysis
// reads one chosen text (`chosen`, 1-based), every number is a link that chooses its text.
QString textNumberHtml(int number, int line, std::optional<int> chosen) {
  const QString where = SentencePanel::tr("text %1, line %2 of the file").arg(number).arg(line);
  if (!chosen)
    return QStringLiteral("<span class=\"ln\" title=\"%2\">%1&nbsp;</span>").arg(number).arg(where.toHtmlEscaped());
  const QString tip = where + QLatin1Char('\n') + SentencePanel::tr("Click to choose this text for the analysis");
  const QString style = number == *chosen ? QStringLiteral("color:#222;font-weight:bold;") : QStringLiteral("color:#888;");
  return QStringLiteral("<a href=\"text:%1\" title=\"%2\" style=\"%3text-decoration:none;\">%1</a>&nbsp;")
      .arg(number)
      .arg(tip.toHtmlEscaped(), style);
}

// A text the run leaves out (no target, too long, bad brackets): its tokens as the run would
// see them, those past the model's context greyed, and why it is left out, in red.
QString skippedTextHtml(const BpeTokenizer& tokenizer, const SentenceText& text, const TargetOptions& options,
                        const std::vector<const Diagnostic*>& problems) {
  const BracketedText cleaned = removeBrackets(text.text);
  std::vector<int64_t> ids = tokenizer.encode(cleaned.problem.empty() ? cleaned.text : text.text).ids;
  if (options.prependBos) ids.insert(ids.begin(), tokenizer.eosTokenId());
  std::vector<TokenKind> kinds(ids.size(), TokenKind::Plain);
  for (size_t t = static_cast<size_t>(std::max<int64_t>(options.maxTokens, 0)); t < kinds.size(); ++t)
    kinds[t] = TokenKind::BeyondContext;
  QString html = TokenPreview::html(tokenizer, ids, kinds, 0, static_cast<size_t>(options.maxTokens) + 40);
  for (const Diagnostic* d : problems) html += noteHtml(CoreMessages::translate(d->asMessage()), kProblemColour, false);
  return html;
}

// What the chosen analysis reads of the located texts, and (chosenOptions) its settings
// completed with their defaults. Where the analysis refuses the set (too few pairs, a chosen
// text without the target), its reason is added to `html` and every target is shown.
std::optional<TokenUse> analysisTokenUse(const RunSettings& analysis, const LocatedSet& located, const SentenceSet& set,
                                         const std::string& target, nlohmann::json& chosenOptions, QString& html) {
  try {
    const auto chosen = makeAnalysis(analysis.experiment);
    chosenOptions = resolvedOptions(*chosen, analysis);
    if (located.texts.empty()) return std::nullopt;
    RunSettings settings = analysis;
    settings.target.target = target.empty() ? set.target : target;
    return chosen->tokenUse(located, settings, sentenceSourceName(set));
  } catch (const Error& e) {
    html += noteHtml(CoreMessages::translate(e), kProblemColour, true);
    return std::nullopt;
  }
}

// Before Run, what its status line says after it (GPT-2 is causal); empty when every token runs.
QString tokensRunNote(const TokenUse& use, const std::map<int, const LocatedText*>& kept) {
  const auto [tokens, tokensRun] = use.tokensAndTokensRun([&kept](int text) {
    const auto k = kept.find(text);
    return static_cast<int64_t>(k != kept.end() ? k->second->ids.size() : 0);
  });
  if (tokensRun >= tokens) return {};
  return QStringLiteral("<p class=\"ln\">%1</p>")
      .arg(SentencePanel::tr("The model will run %1 of the %2 tokens of the texts this analysis reads: "
                             "each text up to the last token whose activations it needs.")
               .arg(QLocale().toString(static_cast<qlonglong>(tokensRun)),
                    QLocale().toString(static_cast<qlonglong>(tokens))));
}

// One paragraph per text (at most kMaxTextsShown): the texts the run keeps with the tokens the
// analysis reads coloured and its warnings, the texts it leaves out with the reason. An
// analysis that reads one chosen text: its number is a link that chooses it, in bold; where it
// also reads one chosen position, that text's tokens are links choosing it.
QString textParagraphs(const SentenceSet& set, const BpeTokenizer& tokenizer, const LocatedSet& located,
                       const TargetOptions& options, const TokenUse* use, const nlohmann::json& chosenOptions,
                       const std::map<int, const LocatedText*>& kept) {
  const std::optional<int> chosenText = integerOption(chosenOptions, kChosenTextKey);
  const bool choosePosition = integerOption(chosenOptions, kChosenPositionKey).has_value();
  std::map<int, std::vector<const Diagnostic*>> notes;  // line -> the selection's warnings
  if (use)
    for (const Diagnostic& d : use->diagnostics) notes[d.line].push_back(&d);
  std::map<int, std::vector<const Diagnostic*>> problems;  // line -> the locator's reasons
  for (const Diagnostic& d : located.diagnostics) problems[d.line].push_back(&d);
  QString html;
  const int total = static_cast<int>(set.texts.size());
  for (int t = 0; t < std::min(total, kMaxTextsShown); ++t) {
    const SentenceText& text = set.texts[static_cast<size_t>(t)];
    html += QStringLiteral("<p>");
    // Numbered as the analyses' settings and the figures count texts ("text 3"); the file's
    // line, which the notes and error messages name, is the number's tooltip.
    if (text.line > 0) html += textNumberHtml(t + 1, text.line, chosenText);
    const auto k = kept.find(t);
    if (k != kept.end()) {
      const bool tokenLinks = choosePosition && chosenText == t + 1;
      html += TokenPreview::html(tokenizer, k->second->ids, keptTokenKinds(*k->second, use), 0,
                                 static_cast<size_t>(options.maxTokens), tokenLinks);
      for (const Diagnostic* d : notes[text.line])
        html += noteHtml(CoreMessages::translate(d->asMessage()), kWarningColour, false);
    } else {
      html += skippedTextHtml(tokenizer, text, options, problems[text.line]);
    }
    html += QStringLiteral("</p>");
  }
  if (total > kMaxTextsShown)
    html += QStringLiteral("<p class=\"ln\">%1</p>")
                .arg(SentencePanel::tr("… and %n more text(s), not shown here", nullptr, total - kMaxTextsShown));
  return html;
}

// Runs on a pool thread: tokenizes, locates the target, asks the chosen analysis which tokens
// it reads (`analysis`; none for a typed sentence: every target shown) and renders the texts
// (textParagraphs), so the preview says before Run what the run will keep and leave out.
std::shared_ptr<TokenViewResult> buildTokenView(std::shared_ptr<const SentenceSet> set, const std::filesystem::path& tokenizerDir,
                                                const std::string& target, bool caseInsensitive, int64_t contextLength,
                                                std::optional<RunSettings> analysis) {
  auto result = std::make_shared<TokenViewResult>();
  try {
    const auto tokenizer = cachedTokenizer(tokenizerDir);
    TargetOptions options;
    options.target = target;
    options.caseInsensitive = caseInsensitive;
    options.prependBos = analysis && analysis->target.prependBos;
    options.maxTokens = contextLength;
    // When no text is usable (no target anywhere, no target word given) the tokens are still
    // worth seeing: every text is shown plain under the reason.
    LocatedSet located;
    QString html = QStringLiteral("<style>p{margin:2px 0 6px 0;} .ln{color:#888;}</style>");
    try {
      located = locateTargets(*set, *tokenizer, options);
    } catch (const Error& e) {
      html += noteHtml(CoreMessages::translate(e), kProblemColour, true);
    }
    nlohmann::json chosenOptions;
    const std::optional<TokenUse> use =
        analysis ? analysisTokenUse(*analysis, located, *set, target, chosenOptions, html) : std::nullopt;
    std::map<int, const LocatedText*> kept;  // text index -> located text
    for (const LocatedText& text : located.texts) kept[text.textIndex] = &text;
    if (use) html += tokensRunNote(*use, kept);
    html += textParagraphs(*set, *tokenizer, located, options, use ? &*use : nullptr, chosenOptions, kept);
    result->html = html;
    result->texts = static_cast<int>(located.texts.size());
  } catch (const std::exception& e) {
    const auto* error = dynamic_cast<const Error*>(&e);
    result->error = error ? error->message() : Message(e.what());
  }
  return result;
}

}  // namespace

QList<ExampleInfo> loadExamples() {
  QList<ExampleInfo> out;
  try {
    const auto index = findDataPath("examples/examples.json");
    QFile file(QString::fromStdString(index.string()));
    if (!file.open(QIODevice::ReadOnly)) return out;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
    for (const auto& v : array) {
      const QJsonObject o = v.toObject();
      ExampleInfo e;
      e.file = QString::fromStdString((index.parent_path() / o.value(QStringLiteral("file")).toString().toStdString()).string());
      e.titleEn = o.value(QStringLiteral("title_en")).toString();
      e.titleVi = o.value(QStringLiteral("title_vi")).toString();
      e.descriptionEn = o.value(QStringLiteral("description_en")).toString();
      e.descriptionVi = o.value(QStringLiteral("description_vi")).toString();
      e.experiment = o.value(QStringLiteral("experiment")).toString();
      out << e;
    }
  } catch (const Error&) {
  }
  return out;
}

SentencePanel::SentencePanel(QWidget* parent)
    : QWidget(parent), watcher_(new QFutureWatcher<std::shared_ptr<TokenViewResult>>(this)) {
  setAcceptDrops(true);
  auto* layout = new QVBoxLayout(this);
  buildFileChoice(layout);
  buildTargetFields(layout);
  buildTokenList(layout);
  buildTrialSentence(layout);
  buildDiagnosticsList(layout);
  showDiagnosticsIfAny();

  recent_ = QSettings().value(QStringLiteral("files/recentSentences")).toStringList();
  exampleList_ = loadExamples();
  connect(openButton_, &QPushButton::clicked, this, &SentencePanel::openDialog);
  connect(examples_, &QComboBox::activated, this, [this](int index) {
    if (index <= 0 || index > exampleList_.size()) return;
    const ExampleInfo& e = exampleList_[index - 1];
    if (openFile(e.file)) emit exampleChosen(e.experiment);
  });
  connect(target_, &QLineEdit::editingFinished, this, &SentencePanel::updateTokenView);
  connect(caseInsensitive_, &QCheckBox::toggled, this, &SentencePanel::updateTokenView);
  connect(watcher_, &QFutureWatcher<std::shared_ptr<TokenViewResult>>::finished, this, [this] {
    if (watcher_->future().resultCount() > 0) showTokenView(tokens_, *watcher_->result());
  });
  retranslate();
}

// Open…, Recent and the examples in one row; the example's description and the file under it.
void SentencePanel::buildFileChoice(QVBoxLayout* layout) {
  auto* row = new QHBoxLayout;
  openButton_ = new QPushButton(this);
  openButton_->setObjectName(QStringLiteral("openSentences"));
  recentButton_ = new QToolButton(this);
  recentButton_->setPopupMode(QToolButton::InstantPopup);
  recentMenu_ = new QMenu(this);
  recentButton_->setMenu(recentMenu_);
  examples_ = new ElidingComboBox(this);
  examples_->setObjectName(QStringLiteral("examples"));
  examples_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);  // the panel, not
  examples_->setMinimumContentsLength(6);  // the longest description, sets its width (1024x768 screens)
  row->addWidget(openButton_);
  row->addWidget(recentButton_);
  row->addWidget(examples_, 1);
  layout->addLayout(row);
  exampleDescription_ = new QLabel(this);
  exampleDescription_->setWordWrap(true);
  exampleDescription_->setStyleSheet(QStringLiteral("color:#555;"));
  layout->addWidget(exampleDescription_);
  fileLabel_ = new QLabel(this);
  fileLabel_->setWordWrap(true);
  fileLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(fileLabel_);
}

void SentencePanel::buildTargetFields(QVBoxLayout* layout) {
  auto* form = new QHBoxLayout;
  targetLabel_ = new QLabel(this);
  target_ = new QLineEdit(this);
  target_->setObjectName(QStringLiteral("target"));
  caseInsensitive_ = new QCheckBox(this);
  targetLabel_->setBuddy(target_);
  form->addWidget(targetLabel_);
  form->addWidget(target_, 1);
  layout->addLayout(form);
  layout->addWidget(caseInsensitive_);  // its own row: a narrow panel keeps the whole label
}

// The file's texts as tokens; links in it choose a text or a token (textChosen, positionChosen).
void SentencePanel::buildTokenList(QVBoxLayout* layout) {
  tokensLabel_ = new QLabel(this);
  tokensLabel_->setWordWrap(true);
  layout->addWidget(tokensLabel_);
  tokens_ = new TokenList(this);
  tokens_->setObjectName(QStringLiteral("tokenView"));
  tokens_->setMinimumHeight(120);
  tokens_->setOpenLinks(false);
  connect(tokens_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    bool ok = false;
    const int n = url.path().toInt(&ok);
    if (ok && url.scheme() == QLatin1String("text")) emit textChosen(n);
    if (ok && url.scheme() == QLatin1String("position")) emit positionChosen(n);
  });
  tokensLabel_->setBuddy(tokens_);
  layout->addWidget(tokens_, 1);
}

// A sentence typed or pasted here is tokenised and checked as the run would (target found,
// length) while typing, without touching the file.
void SentencePanel::buildTrialSentence(QVBoxLayout* layout) {
  auto* trialRow = new QHBoxLayout;
  trialLabel_ = new QLabel(this);
  trial_ = new QLineEdit(this);
  trial_->setObjectName(QStringLiteral("trySentence"));
  trial_->setClearButtonEnabled(true);
  trialLabel_->setBuddy(trial_);
  trialRow->addWidget(trialLabel_);
  trialRow->addWidget(trial_, 1);
  layout->addLayout(trialRow);
  trialView_ = new QTextBrowser(this);
  trialView_->setObjectName(QStringLiteral("trialTokens"));
  trialView_->setMaximumHeight(80);
  trialView_->hide();
  layout->addWidget(trialView_);
  trialTimer_ = new QTimer(this);
  trialTimer_->setSingleShot(true);
  trialTimer_->setInterval(150);  // one tokenisation per pause in typing, not per key
  connect(trial_, &QLineEdit::textChanged, trialTimer_, qOverload<>(&QTimer::start));
  connect(trialTimer_, &QTimer::timeout, this, &SentencePanel::updateTrialView);
  trialWatcher_ = new QFutureWatcher<std::shared_ptr<TokenViewResult>>(this);
  connect(trialWatcher_, &QFutureWatcher<std::shared_ptr<TokenViewResult>>::finished, this, [this] {
    // Cleared while it ran: nothing to show.
    if (trialWatcher_->future().resultCount() > 0 && !trial_->text().trimmed().isEmpty())
      showTokenView(trialView_, *trialWatcher_->result());
  });
}

void SentencePanel::buildDiagnosticsList(QVBoxLayout* layout) {
  diagnosticsLabel_ = new QLabel(this);
  layout->addWidget(diagnosticsLabel_);
  diagnostics_ = new QListWidget(this);
  diagnostics_->setObjectName(QStringLiteral("diagnostics"));
  diagnostics_->setWordWrap(true);
  diagnostics_->setMaximumHeight(90);
  diagnosticsLabel_->setBuddy(diagnostics_);
  layout->addWidget(diagnostics_);
}

SentencePanel::~SentencePanel() {
  watcher_->waitForFinished();
  trialWatcher_->waitForFinished();
}

QString SentencePanel::targetOverride() const { return target_->text().trimmed() == fileTarget_ ? QString() : target_->text().trimmed(); }
bool SentencePanel::caseInsensitive() const { return caseInsensitive_->isChecked(); }
void SentencePanel::setTarget(const QString& target) {
  target_->setText(target);
  updateTokenView();
}

void SentencePanel::setTokenizerDirectory(const std::filesystem::path& dir) {
  if (dir == tokenizerDir_) return;
  tokenizerDir_ = dir;
  updateTokenView();
}

void SentencePanel::setContextLength(int64_t tokens) {
  if (tokens == contextLength_ || tokens <= 0) return;
  contextLength_ = tokens;
  updateTokenView();
}

void SentencePanel::setAnalysisSettings(const RunSettings& settings) {
  const bool sameAnalysis = settings.experiment == analysis_.experiment;
  if (sameAnalysis && settings.options == analysis_.options && settings.target.prependBos == analysis_.target.prependBos)
    return;
  analysis_ = settings;
  if (!sameAnalysis) tokensLabel_->setText(tokenLegend());
  updateTokenView();
}

QString SentencePanel::tokenLegend() const {
  QString colours = TokenPreview::targetLegend();  // before an analysis is chosen
  try {
    colours = QCoreApplication::translate("AnalysisSettings", makeAnalysis(analysis_.experiment)->tokenLegend().c_str());
  } catch (const Error&) {
  }
  return TokenPreview::legend(colours);
}

void SentencePanel::openDialog() {
  QSettings settings;
  const QString dir = settings.value(QStringLiteral("files/lastSentenceFolder"), QDir::homePath()).toString();
  const QString file = QFileDialog::getOpenFileName(this, tr("Load sentence file"), dir,
                                                    tr("Sentence files (*.txt *.csv *.tsv *.json);;All files (*)"));
  if (file.isEmpty()) return;
  settings.setValue(QStringLiteral("files/lastSentenceFolder"), QFileInfo(file).absolutePath());
  openFile(file);
}

bool SentencePanel::openExample(const QString& name) {
  for (int i = 0; i < exampleList_.size(); ++i) {
    const QFileInfo info(exampleList_[i].file);
    if (info.completeBaseName() == name || info.fileName() == name) {
      examples_->setCurrentIndex(i + 1);
      exampleDescription_->setText(Language::instance().current() == QLatin1String("vi") ? exampleList_[i].descriptionVi
                                                                                          : exampleList_[i].descriptionEn);
      if (!openFile(exampleList_[i].file)) return false;
      emit exampleChosen(exampleList_[i].experiment);
      return true;
    }
  }
  return false;
}

QString SentencePanel::loadError() const { return loadError_ ? CoreMessages::translate(*loadError_) : QString(); }

bool SentencePanel::openFile(const QString& path) {
  diagnostics_->clear();
  diagnosticMessages_.clear();
  loadError_.reset();
  try {
    auto parsed = std::make_shared<const SentenceSet>(loadSentenceSet(path.toStdString()));
    const SentenceSet& set = *parsed;
    set_ = parsed;
    path_ = QFileInfo(path).absoluteFilePath();
    fileTarget_ = QString::fromStdString(set.target);
    target_->setText(fileTarget_);
    textCount_ = static_cast<int>(set.texts.size());
    fileLabel_->setText(tr("%1 — %n text(s)", nullptr, textCount_).arg(QFileInfo(path).fileName()));
    fileLabel_->setToolTip(path_);
    for (const Diagnostic& d : set.diagnostics) {
      auto* item = new QListWidgetItem(diagnostics_);
      diagnosticMessages_.push_back(d.asMessage());
      item->setData(Qt::UserRole + 1, d.line);
      item->setIcon(style()->standardIcon(d.severity == Diagnostic::Severity::Error     ? QStyle::SP_MessageBoxCritical
                                          : d.severity == Diagnostic::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                                        : QStyle::SP_MessageBoxInformation));
    }
    int exampleIndex = 0;
    for (int i = 0; i < exampleList_.size(); ++i)
      if (QFileInfo(exampleList_[i].file).canonicalFilePath() == QFileInfo(path).canonicalFilePath()) exampleIndex = i + 1;
    examples_->setCurrentIndex(exampleIndex);
    if (exampleIndex > 0) {
      const auto& e = exampleList_[exampleIndex - 1];
      exampleDescription_->setText(Language::instance().current() == QLatin1String("vi") ? e.descriptionVi : e.descriptionEn);
    } else {
      exampleDescription_->clear();
      addRecent(path_);
    }
    retranslateDiagnostics();
    showDiagnosticsIfAny();
    updateTokenView();
    emit fileChanged(path_);
    return true;
  } catch (const std::exception& e) {
    auto* item = new QListWidgetItem(diagnostics_);
    const auto* error = dynamic_cast<const Error*>(&e);
    diagnosticMessages_.push_back(error ? error->message() : Message(e.what()));
    loadError_ = diagnosticMessages_.back();
    item->setData(Qt::UserRole + 1, -1);
    item->setText(CoreMessages::translate(diagnosticMessages_.back()));
    item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
    showDiagnosticsIfAny();
    return false;
  }
}

void SentencePanel::addRecent(const QString& path) {
  recent_.removeAll(path);
  recent_.prepend(path);
  while (recent_.size() > kMaxRecent) recent_.removeLast();
  QSettings().setValue(QStringLiteral("files/recentSentences"), recent_);
  rebuildRecentMenu();
  emit recentFilesChanged(recent_);
}

void SentencePanel::rebuildRecentMenu() {
  recentMenu_->clear();
  for (const QString& file : recent_)
    recentMenu_->addAction(QFileInfo(file).fileName(), this, [this, file] { openFile(file); })->setToolTip(file);
  if (recent_.isEmpty()) recentMenu_->addAction(tr("No recent files"))->setEnabled(false);
}

void SentencePanel::rebuildExamples() {
  const bool vi = Language::instance().current() == QLatin1String("vi");
  const int current = examples_->currentIndex();
  examples_->clear();
  examples_->addItem(tr("Examples…"));
  examples_->setAccessibleName(tr("Example sentence sets"));
  for (const ExampleInfo& e : exampleList_) examples_->addItem(vi ? e.titleVi : e.titleEn, e.file);
  examples_->setCurrentIndex(std::max(0, current));
  if (current > 0 && current <= exampleList_.size())
    exampleDescription_->setText(vi ? exampleList_[current - 1].descriptionVi : exampleList_[current - 1].descriptionEn);
}

void SentencePanel::retranslate() {
  openButton_->setText(tr("Load sentence file…"));
  recentButton_->setText(tr("Recent"));
  recentButton_->setToolTip(tr("Recently opened sentence files"));
  targetLabel_->setText(tr("Target word:"));
  target_->setPlaceholderText(tr("from the file"));
  target_->setToolTip(tr("The word whose token is studied. Leave as read from the file, or type another."));
  caseInsensitive_->setText(tr("Ignore case"));
  trialLabel_->setText(tr("Try a sentence:"));
  trial_->setPlaceholderText(tr("type or paste a sentence to see its tokens"));
  tokensLabel_->setText(tokenLegend());
  tokensLabel_->setToolTip(TokenPreview::byteLevelHelp());
  diagnosticsLabel_->setText(tr("Diagnostics"));
  // Item views and text browsers take no name from a buddy label: they get their own.
  diagnostics_->setAccessibleName(diagnosticsLabel_->text());
  tokens_->setAccessibleName(tr("Tokens of the texts"));
  trialView_->setAccessibleName(tr("Tokens of the sentence tried"));
  if (path_.isEmpty()) fileLabel_->setText(tr("No sentence file loaded. Drop a file here or load one."));
  else fileLabel_->setText(tr("%1 — %n text(s)", nullptr, textCount_).arg(QFileInfo(path_).fileName()));
  retranslateDiagnostics();
  rebuildExamples();
  rebuildRecentMenu();
}

// An empty list would keep 90 px of a short panel from the token preview and push the
// "Try a sentence" row below the fold (1440x900 and smaller).
void SentencePanel::showDiagnosticsIfAny() {
  const bool any = diagnostics_->count() > 0;
  diagnosticsLabel_->setVisible(any);
  diagnostics_->setVisible(any);
}

void SentencePanel::retranslateDiagnostics() {
  for (int i = 0; i < diagnostics_->count(); ++i) {
    auto* item = diagnostics_->item(i);
    const QString text = CoreMessages::translate(diagnosticMessages_.at(static_cast<size_t>(i)));
    const int line = item->data(Qt::UserRole + 1).toInt();
    if (line < 0) {  // a whole-file error: the message names the file itself
      item->setText(text);
      continue;
    }
    const QString where = line > 0 ? tr("line %1").arg(line) : tr("whole file");
    item->setText(QStringLiteral("%1: %2").arg(where, text));
  }
}

void SentencePanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    updateTokenView();  // its messages in the new language
  }
  QWidget::changeEvent(event);
}

void SentencePanel::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void SentencePanel::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (!urls.isEmpty() && urls.front().isLocalFile()) openFile(urls.front().toLocalFile());
}

void SentencePanel::updateTokenView() {
  if (!trial_->text().trimmed().isEmpty()) trialTimer_->start();  // same target, model and language
  if (!set_) return;
  const std::filesystem::path dir = tokenizerDirectory(tokens_);
  if (dir.empty()) return;
  tokens_->setPlainText(tr("Tokenizing…"));
  watcher_->setFuture(QtConcurrent::run(buildTokenView, set_, dir, target_->text().trimmed().toStdString(),
                                        caseInsensitive_->isChecked(), contextLength_, std::optional(analysis_)));
}

void SentencePanel::updateTrialView() {
  const std::string typed = trial_->text().trimmed().toStdString();
  trialView_->setVisible(!typed.empty());
  if (typed.empty()) return trialView_->clear();
  const std::filesystem::path dir = tokenizerDirectory(trialView_);
  if (dir.empty()) return;
  auto one = std::make_shared<SentenceSet>();
  one->target = set_ ? set_->target : std::string();
  one->texts.push_back({typed, 0, {}});  // line 0: no line number shown
  // On a pool thread like the file's preview: the first use may load the tokenizer.
  trialWatcher_->setFuture(QtConcurrent::run(buildTokenView, std::shared_ptr<const SentenceSet>(one), dir,
                                             target_->text().trimmed().toStdString(), caseInsensitive_->isChecked(),
                                             contextLength_, std::optional<RunSettings>()));
}

std::filesystem::path SentencePanel::tokenizerDirectory(QTextBrowser* reportTo) const {
  if (!tokenizerDir_.empty()) return tokenizerDir_;
  try {
    return tokenizerDirectoryFor({});
  } catch (const Error& e) {
    reportTo->setPlainText(CoreMessages::translate(e));
    return {};
  }
}

void SentencePanel::showTokenView(QTextBrowser* view, const TokenViewResult& result) {
  if (result.error)
    view->setPlainText(CoreMessages::translate(*result.error));
  else
    view->setHtml(result.html);
}

}  // namespace laminar
