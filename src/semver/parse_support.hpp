#pragma once
// Lexing shared by Version::parse and VersionReq::parse. Internal to the
// semver module. Every error carries the byte offset where it was found, so
// the public parsers can say "at column N".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "semver/version.hpp"

namespace cratescope::semver::detail {

// Which part of a version is being read; named in error messages.
enum class Part { major, minor, patch, pre, build };
std::string_view describe(Part part);  // "minor version number", ...

struct ParseError {
  size_t offset = 0;    // byte offset into the text being parsed
  std::string message;  // what is wrong, without the position
};

// A read position in the text; the lexers advance `offset` past what they accept.
struct Cursor {
  std::string_view text;
  size_t offset = 0;

  bool at_end() const { return offset >= text.size(); }
  char peek() const { return at_end() ? '\0' : text[offset]; }
  bool eat(char c);  // consumes `c` if it is next
  void skip_spaces();  // only ' ': the crate does not treat tabs or newlines as blanks
  std::string_view rest() const { return text.substr(offset); }
};

// A decimal u64 without leading zeros (major, minor or patch).
Expected<uint64_t, ParseError> read_number(Cursor& cursor, Part part);

// Dot-separated [0-9A-Za-z-] identifiers (pre-release or build metadata).
// Returns the accepted text, which is empty when no identifier starts here;
// a `.` with an empty side is an error. Pre-release numeric identifiers may
// not have leading zeros; build identifiers may.
Expected<std::string_view, ParseError> read_identifiers(Cursor& cursor, Part part);

// Splits validated pre-release text ("alpha.1") into identifiers.
std::vector<PrereleaseIdentifier> split_prerelease(std::string_view text);

// `'x'` for printable ASCII, `'\xNN'` otherwise: error messages stay readable
// whatever bytes the input holds.
std::string quote_char(char c);

// "invalid <what> "<text>": <message> at column <offset + 1>".
std::string format_error(std::string_view what, std::string_view text, const ParseError& error);

}  // namespace cratescope::semver::detail
