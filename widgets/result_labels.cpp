#include "widgets/result_labels.h"

#include <array>

#include <QFileInfo>

#include "analysis/run_results.h"

namespace laminar {

QString Labels::layerAxis() { return tr("Layer"); }
QString Labels::layer(int zeroBased) { return tr("Layer %1").arg(zeroBased + 1); }

QString Labels::group(int group) { return group == 0 ? tr("target token") : tr("non-target token"); }
QString Labels::groupShort(int group) { return group == 0 ? tr("target") : tr("non-target"); }
QString Labels::matrix(int matrix) {
  static const std::array<const char*, 3> names{"Q", "K", "V"};
  return QString::fromLatin1(names[static_cast<size_t>(matrix) % 3]);
}
QString Labels::block(int block) { return QString::fromLatin1(blockKey(block)); }
QString Labels::measure(int measure) {
  switch (measure) {
    case 0: return tr("cosine similarity");
    case 1: return tr("correlation coefficient");
    default: return tr("shuffled baseline (cosine)");
  }
}
QString Labels::site(int site) { return site == 0 ? tr("attention") : tr("MLP"); }
QString Labels::correction(int correction) {
  return correction == 0 ? tr("Bonferroni") : tr("false discovery rate (FDR)");
}
QString Labels::similarityAxis() { return tr("Similarity"); }
QString Labels::densityAxis() { return tr("Density"); }
QString Labels::miAxis() { return tr("Mutual information (nats)"); }
QString Labels::distanceAxis() { return tr("Token distance"); }
QString Labels::occurrenceAxis() { return tr("Occurrence"); }
QString Labels::textAxis() { return tr("Text"); }
QString Labels::significant() { return tr("significant"); }
QString Labels::waitingForData() { return tr("No results yet: press Run, or open a results folder (File menu)."); }

const char* Labels::blockKey(int block) {
  static const std::array<const char*, 6> keys{"QQ", "KK", "VV", "QK", "QV", "KV"};
  return keys[static_cast<size_t>(block) % keys.size()];
}
const char* Labels::groupKey(int group) { return group == 0 ? "target" : "nontarget"; }
const char* Labels::measureKey(int measure) {
  static const std::array<const char*, 3> keys{"cosine", "correlation", "shuffled"};
  return keys[static_cast<size_t>(measure) % keys.size()];
}
const char* Labels::siteKey(int site) { return site == 0 ? "attn" : "mlp"; }

namespace {
// Control characters draw as nothing (or a box) on an axis or in a list, so they are
// written out: the three common ones as C escapes, any other as its byte, the way the
// core names a byte that is not a whole character (GPT-2 has tokens of \x0b, \x0c, \x7f, ...).
QString withControlsWritten(const QString& text) {
  QString out;
  out.reserve(text.size());
  for (const QChar c : text) {
    const char16_t u = c.unicode();
    if (u == '\n') out += QStringLiteral("\\n");
    else if (u == '\t') out += QStringLiteral("\\t");
    else if (u == '\r') out += QStringLiteral("\\r");
    else if (u < 0x20 || u == 0x7f)
      out += QStringLiteral("<0x%1>").arg(QString::number(u, 16).toUpper().rightJustified(2, QLatin1Char('0')));
    else out += c;
  }
  return out;
}
}  // namespace

QString Labels::token(const std::string& token) {
  QString t = withControlsWritten(QString::fromStdString(token));
  t.replace(QLatin1Char(' '), QChar(0x2423));  // ␣
  return t;
}

QString Labels::spokenToken(const std::string& token) { return withControlsWritten(QString::fromStdString(token)); }

QString Labels::spokenTokenValue(const std::string& token, double value, const QLocale& locale) {
  return tr("“%1” %2").arg(spokenToken(token), locale.toString(value, 'g', 3));
}

QString Labels::untrainedControl() { return tr("untrained control"); }

bool Labels::isComparison(const RunResults* results) {
  if (!results) return false;
  const nlohmann::json& m = results->metadata;
  return m.is_object() && m.contains("control") && m.at("control").is_object() && m.at("control").contains("kind") &&
         m.at("control").at("kind") == "comparison";
}

namespace {

// The control's seed as its metadata records it, "?" when it does not.
QString controlSeed(const RunResults* results) {
  const nlohmann::json& m = results->metadata;
  const bool known = m.is_object() && m.contains("control") && m.at("control").is_object() &&
                     m.at("control").contains("seed") && m.at("control").at("seed").is_number_integer();
  return known ? QString::number(m.at("control").at("seed").get<uint64_t>()) : QStringLiteral("?");
}

QString jsonText(const nlohmann::json& m, const char* section, const char* key) {
  if (!m.is_object() || !m.contains(section) || !m.at(section).is_object() || !m.at(section).contains(key) ||
      !m.at(section).at(key).is_string())
    return QStringLiteral("?");
  return QString::fromStdString(m.at(section).at(key).get<std::string>());
}

// `text` with %1, %2, %3 filled: the compared folder, its sentence file, its model.
QString withComparedSource(const QString& text, const RunResults* results) {
  const nlohmann::json& other = results->control->metadata;
  return text.arg(jsonText(results->metadata, "control", "source"), QFileInfo(jsonText(other, "sentences", "file")).fileName(),
                  Labels::modelName(jsonText(other, "model", "directory")));
}

}  // namespace

QString Labels::modelName(const QString& directory) {
  const int at = directory.indexOf(QStringLiteral("models--"));
  if (at < 0) return QFileInfo(directory).fileName();
  QString rest = directory.mid(at + 8);
  const int slash = rest.indexOf(QLatin1Char('/'));
  if (slash >= 0) rest = rest.left(slash);
  return rest.replace(QStringLiteral("--"), QStringLiteral("/"));
}

QString Labels::controlName(const RunResults* results) {
  return isComparison(results) ? tr("compared run") : untrainedControl();
}

QString Labels::controlSource(const RunResults* results) {
  if (!results || !results->control) return {};
  if (isComparison(results)) {
    return withComparedSource(tr(" The compared run is the same analysis from the results folder %1 (sentences %2, model %3)."),
                              results);
  }
  return tr(" The untrained control is the same analysis, settings and sentences on an untrained GPT-2 of the same "
            "shape (random weights as Hugging Face initialises them, seed %1).")
      .arg(controlSeed(results));
}

QString Labels::controlCaption(const RunResults* results) {
  if (!results || !results->control) return {};
  if (isComparison(results)) {
    return withComparedSource(tr(" Greyed dash-dotted and dotted lines with open circles (\"compared run\"): the same "
                                 "analysis from the results folder %1 (sentences %2, model %3), drawn for comparison."),
                              results);
  }
  return tr(" Greyed dash-dotted and dotted lines with open circles (\"untrained control\"): the same analysis, "
            "settings and sentences on an untrained GPT-2 of the same shape (random weights as Hugging Face initialises them, seed %1); what "
            "the model and its untrained control share comes from the architecture and the method, not from "
            "training.")
      .arg(controlSeed(results));
}

}  // namespace laminar
