#include "app/results_source.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <nlohmann/json.hpp>

#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "widgets/result_labels.h"
#include "util/error.h"

namespace laminar {
namespace {

// metadata[section][key] as text, "" when absent (files from older versions, hostile files).
QString field(const RunResults& r, const char* section, const char* key) {
  const nlohmann::json& m = r.metadata;
  if (!m.is_object() || !m.contains(section) || !m.at(section).is_object()) return {};
  const nlohmann::json& s = m.at(section);
  return s.contains(key) && s.at(key).is_string() ? QString::fromStdString(s.at(key).get<std::string>()) : QString();
}

QString created(const RunResults& r, const QLocale& locale) {
  const nlohmann::json& m = r.metadata;
  if (!m.is_object() || !m.contains("created") || !m.at("created").is_string()) return {};
  const QDateTime utc = QDateTime::fromString(QString::fromStdString(m.at("created").get<std::string>()), Qt::ISODate);
  return utc.isValid() ? locale.toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString orUnknown(const QString& s) { return s.isEmpty() ? ResultsSource::tr("(not recorded)") : s; }

}  // namespace

QString ResultsSource::sentenceFile(const RunResults& results) {
  return QFileInfo(sentencePath(results)).fileName();
}

QString ResultsSource::line(const RunResults& results, Origin origin, const QString& openedFrom,
                            const QString& openSentences) {
  const QLocale locale;
  const QString sentences = orUnknown(sentenceFile(results)).toHtmlEscaped();
  const QString model = orUnknown(Labels::modelName(field(results, "model", "directory"))).toHtmlEscaped();
  const QString when = orUnknown(created(results, locale)).toHtmlEscaped();
  QString text;
  switch (origin) {
    case Origin::RunInProgress:
      text = tr("Results of the run in progress: sentences <b>%1</b>, model <b>%2</b>").arg(sentences, model);
      break;
    case Origin::RunFinished:
      text = tr("Results of the run at %3: sentences <b>%1</b>, model <b>%2</b>").arg(sentences, model, when);
      break;
    case Origin::Opened:
      text = tr("Results opened from %4 (run at %3): sentences <b>%1</b>, model <b>%2</b>")
                 .arg(sentences, model, when, QDir::toNativeSeparators(openedFrom).toHtmlEscaped());
      break;
  }
  // The panel's file is another one: say so, so its preview is not read as these results' input.
  const QString source = field(results, "sentences", "file");
  if (!openSentences.isEmpty() && !source.isEmpty() &&
      QFileInfo(openSentences).absoluteFilePath() != QFileInfo(source).absoluteFilePath())
    text += QStringLiteral(" <span style=\"color:#b45309;\">%1</span>")
                .arg(tr("(not the sentence file open now, %1)").arg(QFileInfo(openSentences).fileName().toHtmlEscaped()));
  return text;
}

std::string ResultsSource::sentenceSha256(const RunResults& results) {
  return field(results, "sentences", "sha256").toStdString();
}

namespace {

std::shared_ptr<const FigureView::SentenceTexts> textsOf(const SentenceSet& set) {
  auto texts = std::make_shared<FigureView::SentenceTexts>();
  for (const SentenceText& t : set.texts) {
    texts->lines.push_back(t.line);
    texts->texts.push_back(QString::fromStdString(t.text));
  }
  return texts;
}

}  // namespace

std::shared_ptr<const FigureView::SentenceTexts> ResultsSource::openSentenceTexts(
    const RunResults& results, const std::shared_ptr<const SentenceSet>& open) {
  const std::string sha = sentenceSha256(results);
  return !sha.empty() && open && open->sha256 == sha ? textsOf(*open) : nullptr;
}

QString ResultsSource::sentencePath(const RunResults& results) { return field(results, "sentences", "file"); }

std::shared_ptr<const FigureView::SentenceTexts> ResultsSource::readSentenceTexts(const QString& path,
                                                                                  const std::string& sha256) {
  if (path.isEmpty() || sha256.empty()) return nullptr;
  try {
    const SentenceSet read = loadSentenceSet(path.toStdString());
    return read.sha256 == sha256 ? textsOf(read) : nullptr;
  } catch (const Error&) {  // moved or unreadable: the tooltips give text numbers only
    return nullptr;
  }
}

QString ResultsSource::details(const RunResults& results) {
  return tr("Model folder: %1\nSentence file: %2\nSentence file SHA-256: %3\nRun created (UTC): %4")
      .arg(orUnknown(field(results, "model", "directory")), orUnknown(field(results, "sentences", "file")),
           orUnknown(field(results, "sentences", "sha256")),
           orUnknown(results.metadata.is_object() && results.metadata.contains("created") &&
                             results.metadata.at("created").is_string()
                         ? QString::fromStdString(results.metadata.at("created").get<std::string>())
                         : QString()));
}

}  // namespace laminar
