#include "widgets/figure_view.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

#include "widgets/control_toggle.h"
#include "widgets/eliding_combo_box.h"
#include "widgets/focus_ring.h"
#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"
#include "widgets/short_axes.h"
#include "widgets/wrapped_text.h"

namespace laminar {
namespace {

// A figure's plot is a chart to assistive technology (Orca reads "chart", its title and its
// description), not the anonymous client area QCustomPlot would otherwise be.
QAccessibleInterface* figureChartAccessible(const QString& className, QObject* object) {
  if (className != QLatin1String("QCustomPlot") || !qobject_cast<FigureView*>(object->parent())) return nullptr;
  return new QAccessibleWidget(static_cast<QWidget*>(object), QAccessible::Chart);
}

}  // namespace

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
  // Tab reaches the figure (a ring shows it), and a screen reader then reads its title,
  // caption, layer and values (updateAccessibleText). The factory is installed once.
  [[maybe_unused]] static const bool chartRole = [] {
    QAccessible::installFactory(figureChartAccessible);
    return true;
  }();
  plot_->setFocusPolicy(Qt::TabFocus);
  new FocusRing(plot_);

  // Short axes get their label in lines and fewer ticks, fitted at the size just laid out,
  // before drawing (on screen and in exports, which lay the plot out at their own size). The
  // labels first: a bottom axis's label in two lines shortens the vertical axes.
  connect(plot_, &QCustomPlot::afterLayout, this, [this] {
    auto relayOut = [this] {
      for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        plot_->plotLayout()->update(phase);
    };
    if (fitLabelsToAxisLength(plot_)) relayOut();
    if (fitTickCountsToAxisLength(plot_)) relayOut();
  });
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

QString FigureView::sentenceNote(int textIndex) const {
  if (textIndex < 0) return {};
  const auto i = static_cast<size_t>(textIndex);
  if (!sentences_ || textIndex < 0 || i >= sentences_->texts.size())
    return QLatin1Char('\n') + tr("text %1").arg(textIndex + 1);
  QString words = sentences_->texts[i].simplified();
  if (words.size() > 160) words = words.left(159) + QStringLiteral("…");  // a tooltip, not a page
  return QLatin1Char('\n') + tr("text %1 (line %2): “%3”").arg(textIndex + 1).arg(sentences_->lines[i]).arg(words);
}

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
  updateControlRow();
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
  if (event->type() == QEvent::LanguageChange) {
    // The words around the plot are cheap and are read while the view is hidden too
    // (tooltips, screen readers): a hidden lazy view says them again now, and its plot
    // waits until it is shown; any other view's refresh() says them with the plot.
    if (lazy_ && !isVisible()) {
      updateControlRow();
      updateChrome();
    }
    refresh();
  }
  QWidget::changeEvent(event);
}

namespace {

// A legend in its own row below the axes. An empty QCPLegend's maximum size hint is its
// margins (14 x 9 px), and QCustomPlot caps a column at the smallest maximum in it, hidden
// elements included: before any results the axes above it shrank to their minimum width.
// This legend never limits the width; its height still follows its entries.
class FullWidthLegend : public QCPLegend {
 public:
  QSize maximumOuterSizeHint() const override { return {QWIDGETSIZE_MAX, QCPLegend::maximumOuterSizeHint().height()}; }
};

}  // namespace

QCPLegend* FigureView::addOuterLegend(int row, int column, int perRow) {
  auto* legend = new FullWidthLegend;
  if (column < 0) {  // addLegendBelow: the plot's own row under the body
    plot_->plotLayout()->addElement(2, 0, legend);
    plot_->plotLayout()->setRowStretchFactor(2, 0.001);
  } else {
    body_->addElement(row, column, legend);
    body_->setRowStretchFactor(row, 0.001);
  }
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(perRow);
  legend->setBorderPen(Qt::NoPen);
  legend->setLayer(QStringLiteral("legend"));
  legends_.push_back({legend, perRow, column});
  return legend;
}

QCPLegend* FigureView::addLegendBelow(int perRow) { return addOuterLegend(-1, -1, perRow); }

namespace {

// The width of legend entries laid out in `columns` columns: by rows (entry i in column
// i mod columns) or down the columns (`rows` entries each).
int gridWidth(const QVector<int>& widths, int columns, int rows, bool byRows, int spacing) {
  int needed = (columns - 1) * spacing;
  for (int c = 0; c < columns; ++c) {
    int column = 0;
    for (qsizetype i = 0; i < widths.size(); ++i)
      if ((byRows ? i % columns : i / rows) == c) column = std::max(column, widths[i]);
    needed += column;
  }
  return needed;
}

// How a legend's entries fill its grid: `wrap` entries a row (by rows) or a column.
struct LegendGrid {
  QCPLayoutGrid::FillOrder order = QCPLayoutGrid::foColumnsFirst;
  int wrap = 1;
  int columns = 1;
};

// As many entries a row as fit `available` pixels, at most `most`, filling rows left to
// right; or, where that leaves more rows, down the columns. An untrained control's entries
// are long ("MLP, untrained control"): by rows each column holds one of them, by columns they
// share the last, and a Vietnamese legend of eight entries took three rows, not eight.
LegendGrid legendGrid(const QVector<int>& widths, int most, int spacing, int available) {
  const auto n = static_cast<int>(widths.size());
  int perRow = std::max(1, most);
  while (perRow > 1 && gridWidth(widths, perRow, 0, true, spacing) > available) --perRow;
  const int rowsByRows = n == 0 ? 0 : (n + perRow - 1) / perRow;
  for (int rows = 1; rows < rowsByRows; ++rows) {
    const int columns = (n + rows - 1) / rows;
    if (columns <= most && gridWidth(widths, columns, rows, false, spacing) <= available)
      return {QCPLayoutGrid::foRowsFirst, rows, columns};
  }
  return {QCPLayoutGrid::foColumnsFirst, perRow, perRow};
}

constexpr const char* kFullName = "laminarFullName";  // a plottable's name before wrapping

}  // namespace

void FigureView::fitTextTo(int width) {
  textWidth_ = width;
  const bool exported = width > 0;
  if (!exported) width = this->width();
  // The title: a QCPTextElement draws '\n' breaks.
  title_->setText(wrappedToWidth(hasData() ? title() : Labels::waitingForData(), QFontMetrics(title_->font()), width - 16));
  if (!legends_.empty()) layOutAt(width);  // the columns beside a legend as wide as they are drawn
  for (const OuterLegend& l : legends_) {
    int others = 0;  // e.g. a colour scale beside the axes above the legend
    for (int c = 0; l.column >= 0 && c < body_->columnCount(); ++c) {
      if (c == l.column) continue;
      int column = 0;
      for (int r = 0; r < body_->rowCount(); ++r)
        if (body_->hasElement(r, c)) {  // element() of an empty cell prints a debug line each time
          // A colour scale's minimum size leaves out its tick labels; its laid-out width has them.
          const QCPLayoutElement* e = body_->element(r, c);
          column = std::max({column, e->minimumOuterSizeHint().width(), e->outerRect().width()});
        }
      others += column + body_->columnSpacing();
    }
    const int available = width - others - l.legend->margins().left() - l.legend->margins().right() - 16;
    QList<QCPPlottableLegendItem*> items;
    for (int i = 0; i < l.legend->elementCount(); ++i)
      if (auto* item = qobject_cast<QCPPlottableLegendItem*>(l.legend->elementAt(i))) items << item;
    l.legend->setMinimumSize(0, 0);
    for (QCPPlottableLegendItem* item : items) {  // names whole before measuring
      QCPAbstractPlottable* p = item->plottable();
      if (p->property(kFullName).isValid()) p->setName(p->property(kFullName).toString());
    }
    QVector<int> widths;
    for (int i = 0; i < l.legend->elementCount(); ++i)
      if (QCPLayoutElement* e = l.legend->elementAt(i)) widths << e->minimumOuterSizeHint().width();
    const LegendGrid grid = legendGrid(widths, l.perRow, l.legend->columnSpacing(), available);
    if (grid.wrap != l.legend->wrap() || grid.order != l.legend->fillOrder()) {
      l.legend->setWrap(grid.wrap);
      l.legend->setFillOrder(grid.order, true);  // re-place the entries
    }
    // One entry a row and still too wide (a journal column): an exported figure breaks the
    // entry's name into lines; on screen the name stays whole (a wider window shows it).
    if (!exported || grid.columns > 1) continue;
    // The legend's cell as the grid lays it out at this width (columns beside it, such as a
    // colour scale, take their stretch share, not only their minimum).
    layOutAt(width);
    const int cell = std::min(available, l.legend->rect().width());
    // Held at that width: shorter (wrapped) names would otherwise shrink the column they set.
    l.legend->setMinimumSize(l.legend->outerRect().width(), 0);
    for (QCPPlottableLegendItem* item : items) {
      QCPAbstractPlottable* p = item->plottable();
      const QFontMetrics metrics(item->font());
      const int textWidth = metrics.horizontalAdvance(p->name());
      // Two characters of slack: a PDF's unhinted glyphs run a few percent wider than the
      // screen metrics measured here.
      const int room = cell - (static_cast<QCPLayoutElement*>(item)->minimumOuterSizeHint().width() - textWidth) -
                       2 * metrics.averageCharWidth();
      if (textWidth <= room) continue;
      p->setProperty(kFullName, p->name());
      p->setName(wrappedToWidth(p->name(), metrics, room));
    }
  }
  // layOutAt measured at another size; replot() lays out within the outer rect but never
  // resets it to the widget (only a resize or an export's toPainter does).
  if (!legends_.empty()) plot_->plotLayout()->setOuterRect(plot_->viewport());
}

void FigureView::layOutAt(int width) {
  QCPLayout* layout = plot_->plotLayout();
  layout->setOuterRect(QRect(0, 0, width, std::max(400, plot_->height())));
  for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
    layout->update(phase);
}

int FigureView::minimumLayoutHeight() const {
  plot_->plotLayout()->update(QCPLayoutElement::upMargins);  // axis margins for the current fonts
  return plot_->plotLayout()->minimumOuterSizeHint().height();
}

void FigureView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (textWidth_ <= 0) fitTextTo(0);
  replotSoon();
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

int FigureView::layersDone() const {
  const RunResults* drawn = drawnResults();
  return drawn && accepts(*drawn) ? drawn->layersDone : 0;
}

void FigureView::setAnalysis(const QString& analysis) {
  analysis_ = analysis;
  updateControlRow();  // a view's choices may depend on its analysis before any results
}

void FigureView::updateControlRow() {
  if (controlToggle_) controlToggle_->update(*this);
  retranslateControls();
}

const RunResults* FigureView::drawnResults() const { return controlToggle_ ? controlToggle_->drawn(*this) : results_.get(); }

// On a line of its own under the view's control row: in that row it made the widest rows
// (the cosine spectrum's, the significance view's) too wide for two runs side by side on a
// 1024 px screen. The line is there only while the results have a control.
void FigureView::offerControlToggle() {
  if (controlToggle_) return;
  controlToggle_ = new ControlToggle(this);
  static_cast<QVBoxLayout*>(layout())->insertWidget(1, controlToggle_);
}

QComboBox* FigureView::choiceBox(const QString& objectName) {
  auto* box = new ElidingComboBox(this);
  box->setObjectName(objectName);
  // The least width: about ten characters and the arrow, as the style draws a combo box.
  QStyleOptionComboBox option;
  option.initFrom(box);
  const QSize text(box->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 10, box->fontMetrics().height());
  box->setMinimumWidth(box->style()->sizeFromContents(QStyle::CT_ComboBox, &option, text, box).width());
  // Cut short (ending in "…"), the choice is still read whole on hover.
  connect(box, &QComboBox::currentTextChanged, box, &QWidget::setToolTip);
  return box;
}

QString FigureView::controlTitleSuffix() const { return controlToggle_ ? controlToggle_->titleSuffix(*this) : QString(); }

QString FigureView::controlCaptionNote() const { return controlToggle_ ? controlToggle_->captionNote(*this) : QString(); }

QStringList FigureView::variantKeys() const {
  const QStringList runs = controlToggle_ ? controlToggle_->variantKeys(*this) : QStringList{QString()};
  QStringList keys;
  for (const QString& run : runs)
    for (const QString& choice : choiceKeys())
      keys << (choice.isEmpty() || run.isEmpty() ? choice + run : choice + QLatin1Char('-') + run);
  return keys;
}

void FigureView::selectVariant(int index) {
  const auto choices = static_cast<int>(choiceKeys().size());
  selectChoice(index % choices);
  if (controlToggle_) controlToggle_->select(index / choices);
}

void FigureView::replotSoon() { plot_->replot(QCustomPlot::rpQueuedReplot); }

void FigureView::updateChrome() {
  title_->setFont(plotstyle::font(11 * scale_, true));
  fitTextTo(textWidth_);  // sets the title
  captionLabel_->setText(caption());
  updateAccessibleText();
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

// What a screen reader says of the figure: title; caption (as the label just shows it), layer
// and, for views over layers, their values at that layer. Every number drawn is a table away:
// the CSV export.
void FigureView::updateAccessibleText() {
  plot_->setAccessibleName(title());
  QString where = tr("No results yet.");
  if (hasData()) {
    const int layer = cursor_ ? cursor_->layer() : 0;
    where = tr("Layer %1 of %2.").arg(layer + 1).arg(nLayerOf());
    // A view over layers names its series with its values; any other says its legend (where
    // a layer's figure keeps numbers such as Kendall's tau).
    if (const QString values = layer < layersDone() ? layerSummary(layer) : QString(); !values.isEmpty())
      where += QLatin1Char('\n') + values;
    else if (const QStringList legend = legendEntries(); !legend.isEmpty())
      where += QLatin1Char('\n') + tr("Legend: %1.").arg(legend.join(QStringLiteral("; ")));
  }
  plot_->setAccessibleDescription(captionLabel_->text() + QLatin1Char('\n') + where + QLatin1Char('\n') +
                                  tr("Its numbers: File > Export figure data (CSV)."));
}

QString FigureView::layerToolTip(int layer) const {
  const QString values = layerSummary(layer);
  return values.isEmpty() ? QString() : Labels::layer(layer) + QLatin1Char('\n') + values;
}

QStringList FigureView::legendEntries() const {
  QStringList entries;
  for (QCPLayoutElement* element : plot_->plotLayout()->elements(true)) {  // insets too
    const auto* legend = qobject_cast<QCPLegend*>(element);
    if (!legend || !legend->visible()) continue;
    for (int i = 0; i < legend->itemCount(); ++i)
      if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)); item && !item->plottable()->name().isEmpty())
        entries << item->plottable()->name();
  }
  return entries;
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
