#include "core/untrusted_text.hpp"

#include <cstdint>

namespace cratescope {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes the code point at `text[at]`; returns its length in bytes, or 0
// when the bytes there are not well-formed UTF-8 (overlong forms, surrogates
// and values past U+10FFFF included).
size_t decode_utf8(std::string_view text, size_t at, char32_t& code_point) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  uint8_t lead = byte(at);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  size_t length = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(at + i) & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

bool is_control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

// Characters that reorder or hide the text around them when displayed.
bool is_bidi_control(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    char32_t c = 0;
    size_t length = decode_utf8(text, at, c);
    if (length == 0) {
      out += kReplacement;
      ++at;
      continue;
    }
    out.append(text.substr(at, length));
    at += length;
  }
  return out;
}

std::string terminal_safe(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    char32_t c = 0;
    size_t length = decode_utf8(text, at, c);
    if (length == 0) {
      out += kReplacement;
      ++at;
      continue;
    }
    if (c == '\n') {
      out += keep_newlines ? '\n' : ' ';
    } else if (c == '\t') {
      out += ' ';
    } else if (c == '\r') {
      // dropped: CRLF line ends are common and harmless once "\r" is gone
    } else if (is_control(c) || is_bidi_control(c)) {
      out += '?';
    } else {
      out.append(text.substr(at, length));
    }
    at += length;
  }
  return out;
}

std::string wrap_line(std::string_view line, size_t width, std::string_view indent) {
  auto columns = [](std::string_view s) {
    size_t n = 0;
    for (char ch : s) n += (static_cast<uint8_t>(ch) & 0xC0) != 0x80;  // count code points, not bytes
    return n;
  };
  std::string out;
  std::string current;
  size_t current_columns = 0;
  auto flush = [&] {
    out += indent;
    out += current;
    out += '\n';
    current.clear();
    current_columns = 0;
  };
  size_t at = 0;
  while (at < line.size()) {
    size_t start = line.find_first_not_of(' ', at);
    if (start == std::string_view::npos) break;
    size_t end = line.find(' ', start);
    std::string_view word = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    size_t word_columns = columns(word);
    if (!current.empty() && current_columns + 1 + word_columns > width) flush();
    if (!current.empty()) {
      current += ' ';
      ++current_columns;
    }
    current += word;
    current_columns += word_columns;
    at = start + word.size();
  }
  if (!current.empty() || out.empty()) flush();
  return out;
}

}  // namespace cratescope
