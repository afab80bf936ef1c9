#include "app/compared_pane.h"

#include <QDir>
#include <QEvent>
#include <QFontMetrics>
#include <QTextDocumentFragment>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "app/figure_set.h"
#include "app/results_source.h"
#include "widgets/figure_view.h"
#include "widgets/linked_views.h"

namespace laminar {

ComparedPane::ComparedPane(LayerCursor* cursor, QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("comparedPane"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  heading_ = new QLabel(this);
  heading_->setObjectName(QStringLiteral("comparedHeading"));
  heading_->setTextFormat(Qt::RichText);
  heading_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);  // never widens the window
  heading_->setStyleSheet(QStringLiteral("QLabel{background:#eeeeee;border:1px solid #bbbbbb;border-radius:4px;padding:4px;}"));
  stack_ = new QStackedWidget(this);
  figures_ = new FigureSet(stack_, cursor);
  for (FigureView* v : figures_->views()) stack_->addWidget(v);
  links_ = new LinkedViews(this);
  layout->addWidget(heading_);
  layout->addWidget(stack_, 1);
  retranslate();
}

void ComparedPane::setResults(const ResultsPtr& results, const QString& source) {
  results_ = results;
  source_ = source;
  figures_->setResults(results);
  if (!results) links_->unlink();
  retranslate();
}

void ComparedPane::follow(FigureView* shown, int index) {
  FigureView* twin = index >= 0 && index < static_cast<int>(figures_->views().size()) ? figures_->views()[index] : nullptr;
  if (twin) stack_->setCurrentWidget(twin);
  links_->link(shown && results_ ? shown : nullptr, shown && results_ ? twin : nullptr);
}

FigureView* ComparedPane::currentView() const { return qobject_cast<FigureView*>(stack_->currentWidget()); }

void ComparedPane::retranslate() {
  if (!results_) {
    heading_->clear();
    return;
  }
  heading_->setToolTip(QDir::toNativeSeparators(source_) + QStringLiteral("\n") + ResultsSource::details(*results_));
  updateHeading();
}

void ComparedPane::updateHeading() {
  if (!results_) return;
  const QString form = tr("<b>Compared run</b> (right): %1");
  QFont bold = heading_->font();
  bold.setBold(true);
  const QString prefix = QTextDocumentFragment::fromHtml(form.arg(QString())).toPlainText();
  const int room = heading_->contentsRect().width() - QFontMetrics(bold).horizontalAdvance(prefix) - 12;
  const QString folder = QFontMetrics(heading_->font()).elidedText(QDir::toNativeSeparators(source_), Qt::ElideMiddle, std::max(room, 40));
  heading_->setText(form.arg(folder.toHtmlEscaped()));
}

void ComparedPane::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  updateHeading();
}

void ComparedPane::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace laminar
