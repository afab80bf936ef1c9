#include "widgets/view_registry.h"

#include "widgets/attention_pattern_views.h"
#include "widgets/cosine_spectrum_view.h"
#include "widgets/laminar_profile_view.h"
#include "widgets/logit_lens_views.h"
#include "widgets/mi_distance_view.h"
#include "widgets/mi_estimator_view.h"
#include "widgets/mi_matrix_view.h"
#include "widgets/mi_significance_view.h"
#include "widgets/spectrum_mass_view.h"
#include "widgets/text_similarity_view.h"

namespace laminar {

namespace {

template <class View>
ViewRegistration view(const char* analysis) {
  return {analysis, [](LayerCursor* cursor, QWidget* parent) -> FigureView* { return new View(cursor, parent); }};
}

std::vector<ViewRegistration>& registry() {
  // Built-ins are listed here, not self-registered: a static library drops unreferenced objects.
  static std::vector<ViewRegistration> r = {
      view<LaminarProfileView>("similarity"), view<CosineSpectrumView>("similarity"),
      view<TextSimilarityView>("similarity"), view<SpectrumMassView>("similarity"),
      view<LaminarProfileView>("mi-distance"),
      view<MiDistanceView>("mi-distance"),    view<MiMatrixView>("mi-distance"),
      view<MiSignificanceView>("mi-distance"), view<MiEstimatorView>("mi-distance"),
      view<LogitLensTopView>("logit-lens"),           view<LogitLensProfileView>("logit-lens"),
      view<AttentionHeadsView>("attention-pattern"),  view<AttentionTargetView>("attention-pattern"),
  };
  return r;
}

}  // namespace

const std::vector<ViewRegistration>& registeredViews() { return registry(); }

void registerView(const std::string& analysis, ViewFactory make) { registry().push_back({analysis, std::move(make)}); }

std::vector<FigureView*> makeRegisteredViews(LayerCursor* cursor, QWidget* parent) {
  std::vector<FigureView*> views;
  for (const ViewRegistration& r : registry()) {
    FigureView* v = r.make(cursor, parent);
    v->setAnalysis(QString::fromStdString(r.analysis));
    views.push_back(v);
  }
  return views;
}

}  // namespace laminar
