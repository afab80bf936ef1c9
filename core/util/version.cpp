#include "util/version.h"

namespace laminar {

std::string versionString() { return LAMINAR_VERSION; }

}  // namespace laminar
