// Version: strict SemVer 2.0 parsing, printing and precedence.
#include "semver/parse_support.hpp"
#include "semver/version.hpp"

namespace cratescope::semver {

using detail::Cursor;
using detail::ParseError;
using detail::Part;

namespace {

Expected<Version, ParseError> parse_version(Cursor& cursor) {
  Version version;
  Part part = Part::major;
  uint64_t* const numbers[] = {&version.major, &version.minor, &version.patch};
  const Part number_parts[] = {Part::major, Part::minor, Part::patch};
  for (int i = 0; i < 3; ++i) {
    part = number_parts[i];
    if (i > 0 && !cursor.eat('.')) {
      const Part previous = number_parts[i - 1];
      if (cursor.at_end()) {
        return unexpected(ParseError{cursor.offset, "unexpected end of input while parsing " +
                                                        std::string(detail::describe(part))});
      }
      return unexpected(ParseError{cursor.offset, "unexpected character " + detail::quote_char(cursor.peek()) +
                                                      " after " + std::string(detail::describe(previous))});
    }
    auto number = detail::read_number(cursor, part);
    if (!number) return unexpected(number.error());
    *numbers[i] = *number;
  }

  if (cursor.eat('-')) {
    part = Part::pre;
    auto pre = detail::read_identifiers(cursor, part);
    if (!pre) return unexpected(pre.error());
    if (pre->empty()) return unexpected(ParseError{cursor.offset, "empty pre-release identifier after '-'"});
    version.pre = detail::split_prerelease(*pre);
  }
  if (cursor.eat('+')) {
    part = Part::build;
    auto build = detail::read_identifiers(cursor, part);
    if (!build) return unexpected(build.error());
    if (build->empty()) return unexpected(ParseError{cursor.offset, "empty build metadata after '+'"});
    version.build = std::string(*build);
  }
  if (!cursor.at_end()) {
    return unexpected(ParseError{cursor.offset, "unexpected character " + detail::quote_char(cursor.peek()) +
                                                    " after " + std::string(detail::describe(part))});
  }
  return version;
}

}  // namespace

Expected<Version> Version::parse(std::string_view text) {
  if (text.empty()) return unexpected(std::string("empty string, expected a semver version"));
  Cursor cursor{text};
  auto version = parse_version(cursor);
  if (!version) return unexpected(detail::format_error("version", text, version.error()));
  return std::move(*version);
}

std::string Version::to_string() const {
  std::string out = std::to_string(major) + '.' + std::to_string(minor) + '.' + std::to_string(patch);
  if (!pre.empty()) out += '-' + prerelease_to_string(pre);
  if (!build.empty()) out += '+' + build;
  return out;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (auto order = a.major <=> b.major; order != 0) return order;
  if (auto order = a.minor <=> b.minor; order != 0) return order;
  if (auto order = a.patch <=> b.patch; order != 0) return order;
  return compare_prerelease(a.pre, b.pre);
}

bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }

}  // namespace cratescope::semver
