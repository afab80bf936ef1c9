// A combo box narrower than its current text ends the text with "…" instead of cutting it
// mid-letter ("Mean MI: atte"), so the reader sees there is more; the list, the tooltip a
// figure gives it and a screen reader still have the whole text. QComboBox draws its text
// clipped to the edit field: narrow boxes come from a 1024 px window with a control shown.
#pragma once

#include <QComboBox>

namespace laminar {

class ElidingComboBox : public QComboBox {
  Q_OBJECT
 public:
  using QComboBox::QComboBox;

  // The current text as drawn: whole where it fits the box's text field, else cut short with "…".
  QString shownText() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  int textFieldWidth() const;
};

}  // namespace laminar
