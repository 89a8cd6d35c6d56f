#pragma once
// ASCII-only text helpers for identifiers that are ASCII by definition
// (hex digests and commit ids, crates.io index paths): no locale involved.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace cratescope {

inline std::string ascii_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Non-empty and hex digits only (either case).
inline bool is_hex_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

}  // namespace cratescope
