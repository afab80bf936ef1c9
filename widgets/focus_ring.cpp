#include "widgets/focus_ring.h"

#include <QEvent>
#include <QPainter>

namespace laminar {

FocusRing::FocusRing(QWidget* target) : QWidget(target) {
  setObjectName(QStringLiteral("focusRing"));
  setAttribute(Qt::WA_TransparentForMouseEvents);  // clicks and tooltips reach the target
  setFocusPolicy(Qt::NoFocus);
  hide();
  target->installEventFilter(this);
}

bool FocusRing::eventFilter(QObject* watched, QEvent* event) {
  if (watched != parentWidget()) return false;
  switch (event->type()) {
    case QEvent::FocusIn:
      setGeometry(parentWidget()->rect());
      raise();
      show();
      break;
    case QEvent::FocusOut:
      hide();
      break;
    case QEvent::Resize:
      setGeometry(parentWidget()->rect());
      break;
    default:
      break;
  }
  return false;
}

void FocusRing::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
  painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
}

}  // namespace laminar
