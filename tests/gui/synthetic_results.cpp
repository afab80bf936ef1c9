#include "synthetic_results.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace laminar::test {

namespace {

// One analysis's results as a run holds them: the layer counts follow from the results.
template <class Results>
std::shared_ptr<RunResults> asRun(const char* experiment, Results results) {
  auto r = std::make_shared<RunResults>();
  r->experiment = experiment;
  r->nLayer = results.nLayer;
  r->layersDone = static_cast<int>(results.layers.size());
  r->data = std::move(results);
  return r;
}

}  // namespace

std::shared_ptr<RunResults> syntheticSimilarity(int nLayer, int done, int texts, int bins) {
  SimilarityResults s;
  s.settings.target = "her";
  s.settings.bins = bins;
  s.nLayer = nLayer;
  s.width = 8;
  for (int i = 0; i <= bins; ++i) s.binEdges.push_back(-1.0 + 2.0 * i / bins);
  std::mt19937 rng(1234);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int g = 0; g < kGroups; ++g)
    for (int t = 0; t < texts; ++t) {
      s.textIndex[static_cast<size_t>(g)].push_back(t);
      s.tokenPosition[static_cast<size_t>(g)].push_back(3 + t);
    }
  for (int l = 0; l < done; ++l) {
    SimilarityLayer layer;
    layer.layer = l;
    for (int g = 0; g < kGroups; ++g) {
      for (int m = 0; m < kMatrices; ++m) {
        auto& p = layer.profiles[static_cast<size_t>(g)][static_cast<size_t>(m)];
        p.variance = 1.0 + l * 0.5 + m + g * 0.25 + u(rng) * 0.1;
        p.mean = std::sin(l + m) * 0.3;
        p.meanAbs = std::abs(p.mean) + 0.1;
      }
      for (int me = 0; me < kMeasures; ++me)
        for (int b = 0; b < kBlocks; ++b) {
          std::vector<double> density(static_cast<size_t>(bins));
          double total = 0;
          for (int i = 0; i < bins; ++i) {
            const double x = -1.0 + (i + 0.5) * 2.0 / bins;
            // a "smile" in early layers flattening toward 0 in deep ones
            const double depth = static_cast<double>(l) / std::max(1, nLayer - 1);
            density[static_cast<size_t>(i)] = (1 - depth) * x * x * 3 + depth * std::exp(-x * x * 8) + 0.05 * u(rng) + 0.01 * b;
            total += density[static_cast<size_t>(i)] * 2.0 / bins;
          }
          for (double& d : density) d /= total;
          layer.spectra[static_cast<size_t>(g)][static_cast<size_t>(me)][static_cast<size_t>(b)] = density;
          layer.counts[static_cast<size_t>(g)][static_cast<size_t>(me)][static_cast<size_t>(b)] = 1000;
        }
      layer.rows[static_cast<size_t>(g)] = texts;
      auto& m = layer.textSimilarity[static_cast<size_t>(g)];
      m.assign(static_cast<size_t>(texts * texts), 0.0);
      for (int i = 0; i < texts; ++i)
        for (int j = 0; j < texts; ++j)
          m[static_cast<size_t>(i * texts + j)] = i == j ? 1.0 : std::cos(0.3 * (i - j) + 0.1 * l);
    }
    layer.forwardSeconds = 0.01;
    s.layers.push_back(std::move(layer));
  }
  auto r = asRun("similarity", std::move(s));
  r->metadata = {{"model", {{"shape", "64x2x4"}}}};
  return r;
}

std::shared_ptr<RunResults> syntheticMiDistance(int nLayer, int done, int occurrences) {
  MiDistanceResults m;
  m.settings.target = "coffee";
  m.nLayer = nLayer;
  m.width = 64;
  for (int i = 0; i < occurrences; ++i) {
    m.occurrenceText.push_back(0);
    m.occurrencePosition.push_back(4 + 9 * i + i * i);
  }
  for (int i = 0; i < occurrences; ++i)
    for (int j = i + 1; j < occurrences; ++j)
      m.pairs.push_back({i, j, m.occurrencePosition[static_cast<size_t>(j)] - m.occurrencePosition[static_cast<size_t>(i)]});
  std::mt19937 rng(99);
  std::normal_distribution<double> noise(0.0, 0.02);
  for (int l = 0; l < done; ++l) {
    MiLayer layer;
    layer.layer = l;
    for (int s = 0; s < kSites; ++s) {
      auto& site = layer.sites[static_cast<size_t>(s)];
      double sum = 0;
      for (const auto& p : m.pairs) {
        const double v = 0.5 + 0.1 * s * l / nLayer - 0.004 * static_cast<double>(p.distance) + noise(rng);
        site.pairMi.push_back(v);
        site.keptSamples.push_back(64);
        site.bins.push_back(8);
        sum += v;
      }
      site.meanMi = sum / static_cast<double>(m.pairs.size());
      site.tau = -0.4 - 0.01 * l - 0.05 * s;
      site.tauP = 0.01 * (l + 1);
    }
    layer.t = -3.0 + 6.0 * l / std::max(1, nLayer - 1);
    layer.p = 2 * 0.5 * std::erfc(std::abs(layer.t) / std::sqrt(2.0));
    layer.df = 2.0 * static_cast<double>(m.pairs.size()) - 2;
    layer.pBonferroni = std::min(1.0, layer.p * nLayer);
    layer.significantBonferroni = layer.p <= 0.05 / nLayer;
    layer.fisherZ = 2.5 * std::sin(l * 0.7);
    layer.fisherP = std::erfc(std::abs(layer.fisherZ) / std::sqrt(2.0));
    layer.fisherPBonferroni = std::min(1.0, layer.fisherP * nLayer);
    layer.fisherSignificantBonferroni = layer.fisherP <= 0.05 / nLayer;
    m.layers.push_back(layer);
  }
  if (done == nLayer) {
    // Benjamini-Hochberg from the definition, independent of core's implementation
    auto bh = [](const std::vector<double>& p) {
      std::vector<size_t> order(p.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
      std::vector<double> adjusted(p.size(), 1.0);
      for (size_t i = 0; i < p.size(); ++i)
        for (size_t r = 0; r < order.size(); ++r)
          if (p[order[r]] >= p[i])
            adjusted[i] = std::min(adjusted[i], p[order[r]] * static_cast<double>(p.size()) / static_cast<double>(r + 1));
      return adjusted;
    };
    std::vector<double> p, fisherP;
    for (const auto& l : m.layers) {
      p.push_back(l.p);
      fisherP.push_back(l.fisherP);
    }
    m.pFdr = bh(p);
    m.fisherPFdr = bh(fisherP);
    for (size_t i = 0; i < p.size(); ++i) {
      m.significantFdr.push_back(m.pFdr[i] <= m.settings.fdrQ);
      m.fisherSignificantFdr.push_back(m.fisherPFdr[i] <= m.settings.fdrQ);
    }
  }
  return asRun("mi-distance", std::move(m));
}

std::shared_ptr<RunResults> syntheticLogitLens(int nLayer, int done, int texts) {
  LogitLensResults l;
  l.settings.target = "her";
  l.nLayer = nLayer;
  l.width = 64;
  l.vocab = 50257;
  l.chosenPosition = 7;
  l.chosenTokens = {"The", " old", " fisherman", " waved", " at", " her", " from", " the"};
  l.chosenNextId = 886;
  l.chosenNextToken = " end";
  for (int t = 0; t < texts; ++t) {
    l.textIndex.push_back(t);
    l.position.push_back(5 + t);
    l.nextId.push_back(422 + t);
    l.nextToken.push_back(" word" + std::to_string(t));
  }
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int layer = 0; layer < done; ++layer) {
    LogitLensLayer out;
    out.layer = layer;
    double left = 1.0;
    for (int k = 0; k < 5; ++k) {
      out.topIds.push_back(100 + 7 * k + layer);
      out.topTokens.push_back(" guess" + std::to_string(k));
      out.topProbs.push_back(left *= 0.4 + 0.1 * u(rng));
    }
    double sum = 0;
    for (int t = 0; t < texts; ++t) {
      out.nextProb.push_back(0.01 * (layer + 1) * u(rng));
      out.nextRank.push_back(1 + static_cast<int64_t>(5000 * u(rng) / (layer + 1)));
      sum += out.nextProb.back();
    }
    out.meanNextProb = sum / texts;
    out.seNextProb = 0.1 * out.meanNextProb;
    std::vector<int64_t> ranks = out.nextRank;
    std::sort(ranks.begin(), ranks.end());
    out.medianNextRank = static_cast<double>(ranks[ranks.size() / 2]);
    l.layers.push_back(std::move(out));
  }
  return asRun("logit-lens", std::move(l));
}

std::shared_ptr<RunResults> syntheticAttentionPattern(int nLayer, int done, int heads) {
  AttentionPatternResults a;
  a.settings.target = "her";
  a.nLayer = nLayer;
  a.nHead = heads;
  a.width = 64;
  a.tokens = {"The", " old", " fisherman", " waved", " at", " her", " from", " her"};
  const int64_t t = a.length();
  a.targetPosition = t - 1;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  for (int layer = 0; layer < done; ++layer) {
    AttentionPatternLayer out;
    out.layer = layer;
    out.pattern.assign(static_cast<size_t>(heads * t * t), 0.0f);
    out.targetMass.assign(static_cast<size_t>(t), 0.0);
    for (int h = 0; h < heads; ++h)
      for (int64_t q = 0; q < t; ++q) {
        std::vector<double> w(static_cast<size_t>(q + 1));
        double sum = 0;
        for (double& x : w) sum += (x = u(rng));
        for (int64_t k = 0; k <= q; ++k) {
          const double p = w[static_cast<size_t>(k)] / sum;
          out.pattern[static_cast<size_t>((h * t + q) * t + k)] = static_cast<float>(p);
          if (q == a.targetPosition) out.targetMass[static_cast<size_t>(k)] += p / heads;
        }
      }
    a.layers.push_back(std::move(out));
  }
  return asRun("attention-pattern", std::move(a));
}

}  // namespace laminar::test
