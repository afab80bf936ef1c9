#pragma once
#include <string>

namespace laminar {

std::string versionString();  // "0.1.0"

}  // namespace laminar
