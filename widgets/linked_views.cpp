#include "widgets/linked_views.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include <type_traits>

#include "widgets/figure_view.h"
#include "widgets/short_axes.h"

namespace laminar {

namespace {

// Connects each control of kind W in `from` to its twin in `to` (the same class builds its
// controls in the same order), copying with `copy` while `*copying` keeps the echo from
// coming back. Controls are paired only when both views have as many of that kind.
template <typename W, typename Signal, typename Copy>
void mirror(FigureView* from, FigureView* to, Signal signal, Copy copy, QObject* context, bool* copying,
            QVector<QMetaObject::Connection>& out) {
  auto usable = [](FigureView* v) {
    QList<W*> list;
    for (W* w : v->findChildren<W*>())
      if constexpr (std::is_same_v<W, QAbstractButton>) {
        if (w->isCheckable()) list << w;
      } else {
        list << w;
      }
    return list;
  };
  const QList<W*> fs = usable(from);
  const QList<W*> ts = usable(to);
  if (fs.size() != ts.size()) return;
  for (qsizetype i = 0; i < fs.size(); ++i) {
    W* f = fs[i];
    W* t = ts[i];
    auto guarded = [copy, copying](W* src, W* dst) {
      if (*copying) return;
      *copying = true;
      copy(src, dst);
      *copying = false;
    };
    out << QObject::connect(f, signal, context, [f, t, guarded] { guarded(f, t); });
    out << QObject::connect(t, signal, context, [f, t, guarded] { guarded(t, f); });
    guarded(f, t);  // `to` starts with `from`'s choice
  }
}

void copyCombo(QComboBox* from, QComboBox* to) {
  // Lists that depend on the results (texts, heads) may differ in length: then by label.
  const int k = from->count() == to->count() ? from->currentIndex() : to->findText(from->currentText());
  if (k < 0 || k == to->currentIndex()) return;
  to->setCurrentIndex(k);
  // Views act on the user's pick (activated), which setCurrentIndex does not signal.
  emit to->activated(k);
}

// The colour scales of a plot, in layout order.
QList<QCPColorScale*> colorScales(QCustomPlot* plot) {
  QList<QCPColorScale*> out;
  for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
    if (auto* s = qobject_cast<QCPColorScale*>(e)) out << s;
  return out;
}

}  // namespace

LinkedViews::LinkedViews(QObject* parent) : QObject(parent) {
  matchSoon_.setSingleShot(true);
  matchSoon_.setInterval(0);
  connect(&matchSoon_, &QTimer::timeout, this, &LinkedViews::matchRanges);
}

void LinkedViews::unlink() {
  for (const QMetaObject::Connection& c : connections_) disconnect(c);
  connections_.clear();
  ranges_.clear();
  matchSoon_.stop();
  a_ = nullptr;
  b_ = nullptr;
}

void LinkedViews::link(FigureView* a, FigureView* b) {
  if (a == a_ && b == b_) return;
  unlink();
  if (!a || !b || a == b) return;
  a_ = a;
  b_ = b;
  linkControls(a, b);
  for (FigureView* v : {a, b})
    connections_ << connect(v->plot(), &QCustomPlot::afterReplot, this, [this] { matchSoon_.start(); });
  matchSoon_.start();
}

void LinkedViews::linkControls(FigureView* from, FigureView* to) {
  mirror<QComboBox>(from, to, &QComboBox::currentIndexChanged, copyCombo, this, &copying_, connections_);
  mirror<QAbstractButton>(from, to, &QAbstractButton::toggled,
                          [](QAbstractButton* f, QAbstractButton* t) { t->setChecked(f->isChecked()); }, this, &copying_,
                          connections_);
  mirror<QSpinBox>(from, to, &QSpinBox::valueChanged, [](QSpinBox* f, QSpinBox* t) { t->setValue(f->value()); }, this,
                   &copying_, connections_);
  mirror<QDoubleSpinBox>(from, to, &QDoubleSpinBox::valueChanged,
                         [](QDoubleSpinBox* f, QDoubleSpinBox* t) { t->setValue(f->value()); }, this, &copying_,
                         connections_);
  mirror<QAbstractSlider>(from, to, &QAbstractSlider::valueChanged,
                          [](QAbstractSlider* f, QAbstractSlider* t) { t->setValue(f->value()); }, this, &copying_,
                          connections_);
}

QCPRange LinkedViews::naturalRange(const void* key, const QCPRange& shown) {
  Ranges& r = ranges_[key];
  if (!r.hasShared || shown != r.shared) r.natural = shown;  // the view set it: its own range
  return r.natural;
}

void LinkedViews::showShared(const void* key, const QCPRange& shared) {
  Ranges& r = ranges_[key];
  r.shared = shared;
  r.hasShared = true;
}

// Each axis (and colour scale) pair gets the union of what the two views drew on their own.
// Axes are paired by position and must carry the same label: views whose choices differ
// (another statistic, another layout) are left as they are.
void LinkedViews::matchRanges() {
  if (!a_ || !b_) return;
  QCustomPlot* pa = a_->plot();
  QCustomPlot* pb = b_->plot();
  bool replotA = false;
  bool replotB = false;
  auto unite = [&](const void* ka, QCPRange shownA, const void* kb, QCPRange shownB, auto setA, auto setB) {
    QCPRange shared = naturalRange(ka, shownA);
    shared.expand(naturalRange(kb, shownB));
    showShared(ka, shared);
    showShared(kb, shared);
    if (shownA != shared) setA(shared), replotA = true;
    if (shownB != shared) setB(shared), replotB = true;
  };
  const QList<QCPAxisRect*> rectsA = pa->axisRects();
  const QList<QCPAxisRect*> rectsB = pb->axisRects();
  // Axes match by the label their view gave them: one of two figures may show it in lines.
  if (rectsA.size() == rectsB.size()) {
    for (qsizetype i = 0; i < rectsA.size(); ++i) {
      const QList<QCPAxis*> axesA = rectsA[i]->axes();
      const QList<QCPAxis*> axesB = rectsB[i]->axes();
      if (axesA.size() != axesB.size()) continue;
      for (qsizetype j = 0; j < axesA.size(); ++j) {
        QCPAxis* x = axesA[j];
        QCPAxis* y = axesB[j];
        if (x->axisType() != y->axisType() || fullAxisLabel(x) != fullAxisLabel(y) || x->scaleType() != y->scaleType()) continue;
        unite(x, x->range(), y, y->range(), [x](const QCPRange& r) { x->setRange(r); },
              [y](const QCPRange& r) { y->setRange(r); });
      }
    }
  }
  const QList<QCPColorScale*> scalesA = colorScales(pa);
  const QList<QCPColorScale*> scalesB = colorScales(pb);
  if (scalesA.size() == scalesB.size()) {
    for (qsizetype i = 0; i < scalesA.size(); ++i) {
      QCPColorScale* x = scalesA[i];
      QCPColorScale* y = scalesB[i];
      if (fullAxisLabel(x->axis()) != fullAxisLabel(y->axis())) continue;
      unite(x, x->dataRange(), y, y->dataRange(), [x](const QCPRange& r) { x->setDataRange(r); },
            [y](const QCPRange& r) { y->setDataRange(r); });
    }
  }
  if (replotA) pa->replot(QCustomPlot::rpQueuedReplot);
  if (replotB) pb->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace laminar
