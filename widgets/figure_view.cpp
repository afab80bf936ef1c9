#include "widgets/figure_view.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

FigureView::FigureView(LayerCursor* cursor, QWidget* parent)
    : QWidget(parent), cursor_(cursor), plot_(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  controls_ = new QHBoxLayout;
  layout->addLayout(controls_);
  layout->addWidget(plot_, 1);
  captionLabel_ = new QLabel(this);
  captionLabel_->setWordWrap(true);
  captionLabel_->setTextFormat(Qt::PlainText);
  captionLabel_->setStyleSheet(QStringLiteral("color: #444;"));
  captionLabel_->setObjectName(QStringLiteral("caption"));
  captionLabel_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  reserveCaptionLines();
  layout->addWidget(captionLabel_);

  plot_->setMinimumSize(320, 240);
  plot_->plotLayout()->clear();  // our own grid: title on top, the view's body below
  title_ = new QCPTextElement(plot_, QString(), plotstyle::font(11, true));
  plot_->plotLayout()->addElement(0, 0, title_);
  body_ = new QCPLayoutGrid;
  plot_->plotLayout()->addElement(1, 0, body_);
  plot_->plotLayout()->setRowStretchFactor(0, 0.01);
  plot_->setNoAntialiasingOnDrag(true);
  plot_->setAutoAddPlottableToLegend(false);  // views choose their legend entries
  plot_->setMouseTracking(true);

  connect(plot_, &QCustomPlot::mousePress, this, &FigureView::onMousePress);
  connect(plot_, &QCustomPlot::mouseMove, this, &FigureView::onMouseMove);
  if (cursor_) {
    connect(cursor_, &LayerCursor::layerChanged, this, [this] {
      if (lazy_ && !isVisible()) {
        stale_ = true;
        return;
      }
      if (stale_) {
        refresh();
        return;
      }
      if (hasData()) updateLayer();
      updateChrome();
      replotSoon();
    });
  }
}

FigureView::~FigureView() = default;

void FigureView::setResults(std::shared_ptr<const RunResults> results) {
  results_ = std::move(results);
  refresh();
}

bool FigureView::hasData() const { return results_ && accepts(*results_) && layersDone() > 0; }

QString FigureView::toolTipAt(const QPointF&) const { return {}; }

void FigureView::setPresentationScale(double scale) {
  if (scale == scale_) return;
  scale_ = scale;
  // The control row (labels, combo boxes) and the caption grow with the plot: the view's own
  // font is inherited by its child widgets.
  QFont controls = QApplication::font();
  controls.setPointSizeF(controls.pointSizeF() * scale);
  setFont(controls);
  QFont f = font();
  f.setPointSizeF(9 * scale);
  captionLabel_->setFont(f);
  reserveCaptionLines();
  refresh();
}

void FigureView::setLayerCursorShown(bool shown) {
  if (shown == cursorShown_) return;
  cursorShown_ = shown;
  updateChrome();
  replotSoon();
}

// Room for four lines of caption, so the plot keeps its size when the caption changes
// (first results, another statistic): a resized plot must re-create its paint buffers,
// and that replot cost the GUI thread 20-35 ms during a run.
void FigureView::reserveCaptionLines() {
  const QFontMetrics metrics(captionLabel_->font());
  captionLabel_->setMinimumHeight(4 * metrics.lineSpacing() + 2 * captionLabel_->margin());
}

void FigureView::setNumberLocale(const QLocale& locale) {
  plot_->setLocale(locale);
  refresh();
}

void FigureView::ensureUpToDate() {
  if (stale_) refresh();
}

void FigureView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  ensureUpToDate();
}

void FigureView::refresh() {
  if (lazy_ && !isVisible()) {
    stale_ = true;
    return;
  }
  stale_ = false;
  retranslateControls();
  if (hasData()) {
    setLayerAxisRange(nLayerOf());
    rebuild();
    updateLayer();
  } else {
    clearPlot();
  }
  plotstyle::apply(plot_, scale_);
  updateChrome();
  replotSoon();
}

void FigureView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) refresh();
  QWidget::changeEvent(event);
}

QCPLegend* FigureView::addOuterLegend(int row, int column, int perRow) {
  auto* legend = new QCPLegend;
  body_->addElement(row, column, legend);
  body_->setRowStretchFactor(row, 0.001);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(perRow);
  legend->setBorderPen(Qt::NoPen);
  legend->setLayer(QStringLiteral("legend"));
  return legend;
}

void FigureView::addLayerAxis(QCPAxis* axis) {
  auto* line = new QCPItemStraightLine(plot_);
  line->setClipAxisRect(axis->axisRect());
  line->point1->setAxes(axis, axis->orientation() == Qt::Horizontal ? axis->axisRect()->axis(QCPAxis::atLeft)
                                                                    : axis->axisRect()->axis(QCPAxis::atBottom));
  line->point2->setAxes(line->point1->keyAxis(), line->point1->valueAxis());
  line->setPen(QPen(QColor(0, 0, 0, 110), 2, Qt::SolidLine));
  line->setLayer(QStringLiteral("overlay"));
  QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
  ticker->setTickStep(1);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  axis->setTicker(ticker);
  axis->setNumberFormat(QStringLiteral("f"));
  axis->setNumberPrecision(0);
  layerAxes_.push_back({axis, line});
}

void FigureView::setLayerAxisRange(int nLayer) {
  for (auto& la : layerAxes_) la.axis->setRange(0.5, std::max(1, nLayer) + 0.5);
}

int FigureView::nLayerOf() const { return results_ && accepts(*results_) ? results_->nLayer : 0; }

int FigureView::layersDone() const { return results_ && accepts(*results_) ? results_->layersDone : 0; }

void FigureView::replotSoon() { plot_->replot(QCustomPlot::rpQueuedReplot); }

void FigureView::updateChrome() {
  title_->setText(hasData() ? title() : Labels::waitingForData());
  title_->setFont(plotstyle::font(11 * scale_, true));
  captionLabel_->setText(caption());
  const int layer = cursor_ ? cursor_->layer() : 0;
  for (auto& la : layerAxes_) {
    la.line->setVisible(hasData() && cursorShown_);
    const double x = layer + 1;
    // point1/point2 are (key, value) of the line's axes; a vertical line at x
    if (la.axis->orientation() == Qt::Horizontal) {
      la.line->point1->setCoords(x, 0);
      la.line->point2->setCoords(x, 1);
    } else {
      la.line->point1->setCoords(0, x);
      la.line->point2->setCoords(1, x);
    }
  }
}

void FigureView::onMousePress(QMouseEvent* event) {
  if (!hasData()) return;
  const QPointF pos = event->position();
  if (clickAt(pos)) return;
  if (!cursor_) return;
  for (auto& la : layerAxes_) {
    if (!la.axis->axisRect()->rect().contains(pos.toPoint())) continue;
    const double coord = la.axis->orientation() == Qt::Horizontal ? la.axis->pixelToCoord(pos.x())
                                                                  : la.axis->pixelToCoord(pos.y());
    cursor_->setLayer(static_cast<int>(std::lround(coord)) - 1);
    return;
  }
}

void FigureView::onMouseMove(QMouseEvent* event) {
  if (!hasData()) return;
  const QString text = toolTipAt(event->position());
  if (text.isEmpty())
    QToolTip::hideText();
  else
    QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

}  // namespace laminar
