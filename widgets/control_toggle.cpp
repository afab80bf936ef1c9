#include "widgets/control_toggle.h"

#include "widgets/figure_view.h"
#include "widgets/result_labels.h"

namespace laminar {

ControlToggle::ControlToggle(FigureView* view) : QCheckBox(view) {
  setObjectName(QStringLiteral("showControl"));
  hide();
  connect(this, &QCheckBox::toggled, view, &FigureView::refresh);
}

bool ControlToggle::drawable(const FigureView& view) {
  const RunResults* run = view.results().get();
  return run && run->control && run->control->layersDone > 0 && view.accepts(*run->control);
}

void ControlToggle::update(const FigureView& view) {
  const RunResults* run = view.results().get();
  const bool has = run && run->control;
  setVisible(has);
  if (!has) return;
  const QString other = Labels::controlName(run);
  setText(tr("Show the %1").arg(other));
  setEnabled(drawable(view));
  setToolTip(isEnabled() ? tr("Draw the %1 instead of the run: the same figure, text and settings, so the two can be "
                              "compared by ticking and unticking.").arg(other)
                         : tr("The %1 has no layer to show yet: it runs after the run's last layer.").arg(other));
}

bool ControlToggle::showsControl(const FigureView& view) const { return isChecked() && drawable(view); }

const RunResults* ControlToggle::drawn(const FigureView& view) const {
  return showsControl(view) ? view.results()->control.get() : view.results().get();
}

QString ControlToggle::titleSuffix(const FigureView& view) const {
  return showsControl(view) ? tr(" (%1)").arg(Labels::controlName(view.results().get())) : QString();
}

QString ControlToggle::captionNote(const FigureView& view) const {
  if (!showsControl(view)) return {};
  return tr(" Shown: the %1, not the run.").arg(Labels::controlName(view.results().get())) +
         Labels::controlSource(view.results().get());
}

QStringList ControlToggle::variantKeys(const FigureView& view) const {
  if (!drawable(view)) return {QString()};
  return {QString(), Labels::isComparison(view.results().get()) ? QStringLiteral("compared-run") : QStringLiteral("untrained-control")};
}

}  // namespace laminar
