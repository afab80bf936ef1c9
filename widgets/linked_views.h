#pragma once
// Two views of the same kind shown side by side (two runs compared, issue 14 item 7): the
// choices in their control rows move together, and both plots get the same axis and colour
// ranges, so that equal values sit at the same place and in the same colour in both.
#include <QHash>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVector>

#include <qcustomplot.h>

namespace laminar {

class FigureView;

class LinkedViews : public QObject {
  Q_OBJECT
 public:
  explicit LinkedViews(QObject* parent = nullptr);

  // Links `a` and `b` (views of the same class), `b` starting with `a`'s choices; unlinks
  // whatever was linked before. Null for either: nothing is linked.
  void link(FigureView* a, FigureView* b);
  void unlink();
  FigureView* first() const { return a_; }
  FigureView* second() const { return b_; }

 private:
  void linkControls(FigureView* from, FigureView* to);
  void matchRanges();
  // The range a plot's own drawing gave an axis (or colour scale): the one it shows now,
  // unless that is the shared range this object set.
  QCPRange naturalRange(const void* key, const QCPRange& shown);
  void showShared(const void* key, const QCPRange& shared);

  QPointer<FigureView> a_;
  QPointer<FigureView> b_;
  QVector<QMetaObject::Connection> connections_;
  struct Ranges {
    QCPRange natural;
    QCPRange shared;
    bool hasShared = false;
  };
  QHash<const void*, Ranges> ranges_;
  QTimer matchSoon_;  // one match per event-loop turn, after both plots replotted
  bool copying_ = false;
};

}  // namespace laminar
