#include "semver/parse_support.hpp"

#include <cstdio>
#include <limits>

namespace cratescope::semver::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

ParseError error_at(size_t offset, std::string message) { return ParseError{offset, std::move(message)}; }

// Printable ASCII as is, anything else as \xNN, so a message never carries
// control bytes or broken UTF-8 to a terminal.
void append_escaped(std::string& out, char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) {
    out += c;
    return;
  }
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
  out += buffer;
}

}  // namespace

std::string_view describe(Part part) {
  switch (part) {
    case Part::major: return "major version number";
    case Part::minor: return "minor version number";
    case Part::patch: return "patch version number";
    case Part::pre: return "pre-release identifier";
    case Part::build: return "build metadata";
  }
  return "version";
}

bool Cursor::eat(char c) {
  if (at_end() || text[offset] != c) return false;
  ++offset;
  return true;
}

void Cursor::skip_spaces() {
  while (!at_end() && text[offset] == ' ') ++offset;
}

Expected<uint64_t, ParseError> read_number(Cursor& cursor, Part part) {
  const size_t start = cursor.offset;
  uint64_t value = 0;
  while (is_digit(cursor.peek())) {
    if (cursor.offset > start && value == 0) {
      return unexpected(error_at(start, "invalid leading zero in " + std::string(describe(part))));
    }
    const auto digit = static_cast<uint64_t>(cursor.peek() - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return unexpected(error_at(start, "value of " + std::string(describe(part)) + " exceeds u64::MAX"));
    }
    value = value * 10 + digit;
    ++cursor.offset;
  }
  if (cursor.offset > start) return value;
  if (cursor.at_end()) {
    return unexpected(error_at(start, "unexpected end of input while parsing " + std::string(describe(part))));
  }
  return unexpected(error_at(start, "unexpected character " + quote_char(cursor.peek()) + " while parsing " +
                                        std::string(describe(part))));
}

Expected<std::string_view, ParseError> read_identifiers(Cursor& cursor, Part part) {
  const size_t start = cursor.offset;
  const std::string_view text = cursor.text;
  size_t segment_start = start;
  size_t i = start;
  for (;;) {
    bool all_digits = true;
    while (i < text.size() && is_identifier_char(text[i])) {
      all_digits = all_digits && is_digit(text[i]);
      ++i;
    }
    const bool more = i < text.size() && text[i] == '.';
    if (i == segment_start) {
      // Nothing at all is "no identifier"; an empty piece around a dot is an error.
      if (segment_start == start && !more) return std::string_view{};
      return unexpected(error_at(segment_start, "empty identifier segment in " + std::string(describe(part))));
    }
    if (part == Part::pre && all_digits && i - segment_start > 1 && text[segment_start] == '0') {
      return unexpected(error_at(segment_start, "invalid leading zero in " + std::string(describe(part))));
    }
    if (!more) break;
    segment_start = ++i;
  }
  cursor.offset = i;
  return text.substr(start, i - start);
}

std::vector<PrereleaseIdentifier> split_prerelease(std::string_view text) {
  std::vector<PrereleaseIdentifier> identifiers;
  while (!text.empty()) {
    const size_t dot = text.find('.');
    const std::string_view piece = text.substr(0, dot);
    identifiers.push_back(PrereleaseIdentifier::from_text(piece));
    text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  }
  return identifiers;
}

std::string quote_char(char c) {
  std::string out = "'";
  append_escaped(out, c);
  out += '\'';
  return out;
}

std::string format_error(std::string_view what, std::string_view text, const ParseError& error) {
  std::string out = "invalid " + std::string(what) + " \"";
  for (char c : text) append_escaped(out, c);
  out += "\": " + error.message + " at column " + std::to_string(error.offset + 1);
  return out;
}

}  // namespace cratescope::semver::detail
