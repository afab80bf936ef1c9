#include "widgets/eliding_combo_box.h"

#include <QStyleOptionComboBox>
#include <QStylePainter>

namespace laminar {

int ElidingComboBox::textFieldWidth() const {
  QStyleOptionComboBox option;
  initStyleOption(&option);
  int width = style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this).width();
  if (!option.currentIcon.isNull()) width -= option.iconSize.width() + 4;  // as the style places an icon
  return width - 2;  // styles draw the label a pixel in from each side
}

QString ElidingComboBox::shownText() const {
  return fontMetrics().elidedText(currentText(), Qt::ElideRight, textFieldWidth());
}

// QComboBox::paintEvent, with the label's text elided.
void ElidingComboBox::paintEvent(QPaintEvent*) {
  QStylePainter painter(this);
  painter.setPen(palette().color(QPalette::Text));
  QStyleOptionComboBox option;
  initStyleOption(&option);
  painter.drawComplexControl(QStyle::CC_ComboBox, option);
  if (currentIndex() < 0 && !placeholderText().isEmpty()) {
    option.palette.setBrush(QPalette::ButtonText, option.palette.placeholderText());
    option.currentText = placeholderText();
  }
  option.currentText = fontMetrics().elidedText(option.currentText, Qt::ElideRight, textFieldWidth());
  painter.drawControl(QStyle::CE_ComboBoxLabel, option);
}

}  // namespace laminar
