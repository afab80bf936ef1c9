#pragma once
// Leading and trailing ASCII whitespace (the C locale's isspace: space, \t, \n, \v, \f, \r)
// removed, as people expect of a word typed on a command line, a header field or a token file.
#include <string>
#include <string_view>

namespace laminar {

inline std::string trimAsciiSpace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(kSpace) - first + 1));
}

}  // namespace laminar
