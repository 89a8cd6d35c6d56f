#include "advisory/front_matter.hpp"

#include <string>

namespace cratescope::advisory {

namespace {

// Iterates over lines, handing out each without its "\n" / "\r\n".
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}
  bool at_end() const { return offset_ >= text_.size(); }
  uint32_t line_number() const { return line_; }  // of the line next() returns
  size_t offset() const { return offset_; }
  std::string_view next() {
    size_t end = text_.find('\n', offset_);
    std::string_view line = text_.substr(offset_, end == std::string_view::npos ? std::string_view::npos : end - offset_);
    offset_ = end == std::string_view::npos ? text_.size() : end + 1;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

 private:
  std::string_view text_;
  size_t offset_ = 0;
  uint32_t line_ = 1;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace

Expected<AdvisoryParts, FrontMatterError> split_advisory(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());  // offsets stay on the same line

  LineCursor cursor(text);
  std::string_view opening;
  uint32_t opening_line = 0;
  while (!cursor.at_end()) {
    opening_line = cursor.line_number();
    opening = cursor.next();
    if (!trim(opening).empty()) break;
  }
  std::string_view closing_marker;
  if (trim(opening) == "```toml") {
    closing_marker = "```";
  } else if (trim(opening) == "+++") {
    closing_marker = "+++";
  } else {
    return unexpected(FrontMatterError{{opening_line ? opening_line : 1, 1},
                                       "advisory does not start with a ```toml front matter fence"});
  }

  const size_t front_matter_start = cursor.offset();
  const uint32_t first_line = cursor.line_number();
  while (!cursor.at_end()) {
    const size_t line_start = cursor.offset();
    if (trim(cursor.next()) == closing_marker) {
      AdvisoryParts parts;
      parts.front_matter = text.substr(front_matter_start, line_start - front_matter_start);
      parts.front_matter_first_line = first_line;
      parts.body = text.substr(cursor.offset());
      return parts;
    }
  }
  return unexpected(FrontMatterError{{opening_line, 1}, "the front matter fence opened here is never closed"});
}

MarkdownParts split_markdown_body(std::string_view body) {
  LineCursor cursor(body);
  while (!cursor.at_end()) {
    std::string_view line = cursor.next();
    std::string_view trimmed = trim(line);
    if (trimmed.empty()) continue;
    if (trimmed.substr(0, 2) == "# ") return {trim(trimmed.substr(2)), trim(body.substr(cursor.offset()))};
    break;  // the body does not start with a title
  }
  return {{}, trim(body)};
}

}  // namespace cratescope::advisory
