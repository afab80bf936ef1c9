#pragma once
// Reads the --texts-json input of laminar-cli: a JSON array of strings (UTF-8).
#include <filesystem>
#include <string>
#include <vector>

namespace laminar {

// Throws laminar::Error naming the file (and the line, or the element) of any defect.
std::vector<std::string> readTextsJson(const std::filesystem::path& path);

}  // namespace laminar
