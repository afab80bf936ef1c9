#include "widgets/layer_cursor.h"

#include <algorithm>

namespace laminar {

LayerCursor::LayerCursor(QObject* parent) : QObject(parent) {
  timer_.setInterval(800);
  connect(&timer_, &QTimer::timeout, this, [this] {
    if (count_ <= 0) return;
    setLayer((layer_ + 1) % count_);
  });
}

void LayerCursor::setCount(int count) {
  count = std::max(0, count);
  if (count == count_) return;
  count_ = count;
  emit countChanged(count_);
  setLayer(layer_);
  if (count_ == 0) setPlaying(false);
}

void LayerCursor::setLayer(int layer) {
  layer = count_ > 0 ? std::clamp(layer, 0, count_ - 1) : 0;
  if (layer == layer_) return;
  layer_ = layer;
  emit layerChanged(layer_);
}

void LayerCursor::step(int delta) { setLayer(layer_ + delta); }

void LayerCursor::setPlaying(bool playing) {
  if (playing == timer_.isActive()) return;
  if (playing && count_ > 0)
    timer_.start();
  else
    timer_.stop();
  emit playingChanged(timer_.isActive());
}

void LayerCursor::setPlayIntervalMs(int ms) { timer_.setInterval(std::max(50, ms)); }

}  // namespace laminar
