#pragma once
// Which views draw which analysis. The app builds its tabs, exports and `laminar --render`
// from this list, so a new analysis adds its views here (one line each) and nowhere else.
#include <functional>
#include <string>
#include <vector>

class QWidget;

namespace laminar {

class FigureView;
class LayerCursor;

using ViewFactory = std::function<FigureView*(LayerCursor* cursor, QWidget* parent)>;

struct ViewRegistration {
  std::string analysis;  // core's registry key: "similarity"
  ViewFactory make;
};

// Every registered view, in tab order (the analyses' order, then each analysis's views).
const std::vector<ViewRegistration>& registeredViews();
// Adds a view for `analysis` (e.g. from a plug-in), after the ones already registered.
void registerView(const std::string& analysis, ViewFactory make);
// One instance of every registered view, each told which analysis it belongs to.
std::vector<FigureView*> makeRegisteredViews(LayerCursor* cursor, QWidget* parent);

}  // namespace laminar
