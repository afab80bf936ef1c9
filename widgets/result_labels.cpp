#include "widgets/result_labels.h"

#include <array>

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
QString Labels::waitingForData() { return tr("No results yet: run an experiment or open a results folder."); }

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

QString Labels::token(const std::string& token) {
  QString t = QString::fromStdString(token);
  t.replace(QLatin1Char(' '), QChar(0x2423));  // ␣
  t.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
  return t;
}

QString Labels::untrainedControl() { return tr("untrained control"); }

QString Labels::controlCaption(const RunResults* results) {
  if (!results || !results->control) return {};
  const nlohmann::json& m = results->metadata;
  const bool known = m.is_object() && m.contains("control") && m.at("control").is_object() &&
                     m.at("control").contains("seed") && m.at("control").at("seed").is_number_integer();
  const QString seed = known ? QString::number(m.at("control").at("seed").get<uint64_t>()) : QStringLiteral("?");
  return tr(" Greyed dash-dotted and dotted lines with open circles (\"untrained control\"): the same analysis, "
            "settings and sentences on an untrained GPT-2 of the same shape (random weights as Hugging Face initialises them, seed %1); what "
            "the model and its untrained control share comes from the architecture and the method, not from "
            "training.")
      .arg(seed);
}

}  // namespace laminar
