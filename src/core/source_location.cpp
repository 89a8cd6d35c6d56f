#include "core/source_location.hpp"

#include <algorithm>

namespace cratescope {

TextPosition position_of_offset(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition pos{1, 1};
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      line_start = i + 1;
    }
  }
  pos.column = static_cast<uint32_t>(offset - line_start + 1);
  return pos;
}

std::string_view line_text(std::string_view text, uint32_t line) {
  if (line == 0) return {};
  size_t start = 0;
  for (uint32_t current = 1; current < line; ++current) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view result = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

std::string to_string(const SourceLocation& location) {
  std::string out = location.file;
  if (location.position.line) {
    out += ':' + std::to_string(location.position.line);
    if (location.position.column) out += ':' + std::to_string(location.position.column);
  }
  return out;
}

}  // namespace cratescope
