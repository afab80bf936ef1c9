// The spellings of enum values in files and in the UI's keys.
#include "analysis/mi_distance_results.h"
#include "analysis/similarity_results.h"

namespace laminar {

const char* groupKey(TokenGroup g) { return g == TokenGroup::Target ? "target" : "nontarget"; }

const char* matrixKey(QkvMatrix m) {
  static const char* k[] = {"Q", "K", "V"};
  return k[static_cast<int>(m)];
}

const char* blockKey(SimilarityBlock b) {
  static const char* k[] = {"QQ", "KK", "VV", "QK", "QV", "KV"};
  return k[static_cast<int>(b)];
}

const char* measureKey(SimilarityMeasure m) {
  static const char* k[] = {"cosine", "correlation", "shuffled"};
  return k[static_cast<int>(m)];
}

const char* siteKey(MiSite s) { return s == MiSite::Attn ? "attn" : "mlp"; }

}  // namespace laminar
