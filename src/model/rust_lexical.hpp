#pragma once
// Rust's lexical rules shared by the scanners that read a file's text
// before it is parsed (test_module_bodies, literal_tables).
#include <cstddef>
#include <string_view>

namespace cratescope::model::lexical {

// A byte of an identifier, keyword or number (any non-ASCII byte counts:
// identifiers may be Unicode).
inline bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

// Past the `/* ... */` (nested, as Rust's are) that starts at `at`; npos
// when it does not end.
inline size_t block_comment_end(std::string_view text, size_t at) {
  int depth = 0;
  while (at + 1 < text.size()) {
    if (text[at] == '/' && text[at + 1] == '*') {
      ++depth;
      at += 2;
    } else if (text[at] == '*' && text[at + 1] == '/') {
      at += 2;
      if (--depth == 0) return at;
    } else {
      ++at;
    }
  }
  return std::string_view::npos;
}

}  // namespace cratescope::model::lexical
