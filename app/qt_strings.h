#pragma once
// Qt's own interface strings (dialog buttons, file dialogs, context menus) that Qt ships
// no Vietnamese for (Qt 6.4 has no qtbase_vi.qm). Listed here under Qt's own contexts so
// lupdate puts them into laminar_vi.ts; Qt's widgets then find them through our translator.
#include <utility>
#include <vector>

namespace laminar {

// (context, source) of every Qt string we translate.
const std::vector<std::pair<const char*, const char*>>& qtStrings();

}  // namespace laminar
