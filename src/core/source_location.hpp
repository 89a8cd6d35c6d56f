#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace cratescope {

// 1-based line and column (column counts bytes); 0 means "not known".
struct TextPosition {
  uint32_t line = 0;
  uint32_t column = 0;
  bool known() const { return line != 0; }
  friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

struct SourceLocation {
  std::string file;
  TextPosition position;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// Position of byte `offset` inside `text`.
TextPosition position_of_offset(std::string_view text, size_t offset);
// The text of 1-based `line` (without the newline); empty if out of range.
std::string_view line_text(std::string_view text, uint32_t line);
// "file:line:col" (or "file:line", or "file" when parts are unknown).
std::string to_string(const SourceLocation& location);

}  // namespace cratescope
