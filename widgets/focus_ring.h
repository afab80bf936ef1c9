// A ring drawn inside a widget's edge while the widget has the keyboard focus, for widgets
// that paint everything themselves and show no focus of their own (QCustomPlot): a keyboard
// user must see where Tab has landed.
#pragma once

#include <QWidget>

namespace laminar {

class FocusRing : public QWidget {
 public:
  explicit FocusRing(QWidget* target);  // a child of target, shown while target has the focus

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
};

}  // namespace laminar
