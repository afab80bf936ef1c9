#pragma once
// "What am I looking at?" (Help menu, F1) for the view in front: what is plotted and how to
// read it (the view's own caption), and what its control shows: the same figure where the
// effect cannot come from training, so that a pattern is not taken for a finding.
#include <QCoreApplication>
#include <QString>

namespace laminar {

class FigureView;

class ViewHelp {
  Q_DECLARE_TR_FUNCTIONS(laminar::ViewHelp)
 public:
  // What the control shows for the view `figureId` ("laminar-profile" ...); "" if unknown.
  static QString control(const QString& figureId);
  // The whole help of a view as rich text: title, caption, control.
  static QString html(const FigureView& view);
};

}  // namespace laminar
