#pragma once
// The one layer every view shows. Plots, the slider, the Left/Right keys and the play
// button all move this object; every view follows its layerChanged signal.
#include <QObject>
#include <QTimer>

namespace laminar {

class LayerCursor : public QObject {
  Q_OBJECT
 public:
  explicit LayerCursor(QObject* parent = nullptr);

  int layer() const { return layer_; }  // 0-based; the UI shows layer() + 1
  int count() const { return count_; }  // number of layers of the current results
  bool playing() const { return timer_.isActive(); }
  int playIntervalMs() const { return timer_.interval(); }

 public slots:
  void setCount(int count);      // clamps the layer into the new range
  void setLayer(int layer);      // clamped to [0, count - 1]
  void step(int delta);          // +1 / -1, clamped
  void setPlaying(bool playing); // steps forward on a timer, wrapping around
  void setPlayIntervalMs(int ms);

 signals:
  void layerChanged(int layer);
  void countChanged(int count);
  void playingChanged(bool playing);

 private:
  int layer_ = 0;
  int count_ = 0;
  QTimer timer_;
};

}  // namespace laminar
