// VersionReq::parse: `op? major(.minor|.*)?(.patch|.*)?(-pre)?(+build)?`,
// comma-separated, with spaces (only spaces) around operators and commas.
#include "semver/parse_support.hpp"
#include "semver/version.hpp"

namespace cratescope::semver {

using detail::Cursor;
using detail::ParseError;
using detail::Part;

namespace {

// The crate caps a requirement at 32 comparators.
constexpr size_t max_comparators = 32;

bool is_wildcard(char c) { return c == '*' || c == 'x' || c == 'X'; }

// Reads the operator if there is one; returns whether one was written.
bool read_op(Cursor& cursor, Op& op) {
  if (cursor.eat('=')) {
    op = Op::exact;
  } else if (cursor.eat('>')) {
    op = cursor.eat('=') ? Op::greater_eq : Op::greater;
  } else if (cursor.eat('<')) {
    op = cursor.eat('=') ? Op::less_eq : Op::less;
  } else if (cursor.eat('~')) {
    op = Op::tilde;
  } else if (cursor.eat('^')) {
    op = Op::caret;
  } else {
    op = Op::caret;  // a bare version means ^version, as in Cargo.toml
    return false;
  }
  return true;
}

struct ParsedComparator {
  Comparator comparator;
  Part last_part;  // the part read last, to say what a stray character follows
};

ParseError wildcard_must_be_alone(size_t offset) {
  return {offset, "a wildcard requirement ('*') must be the only comparator"};
}

// Parses one comparator and the spaces after it.
Expected<ParsedComparator, ParseError> parse_comparator(Cursor& cursor) {
  Comparator c;
  const bool explicit_op = read_op(cursor, c.op);
  cursor.skip_spaces();

  Part part = Part::major;
  auto major = detail::read_number(cursor, part);
  if (!major) {
    // `*` is only valid as the whole requirement (handled by the caller), so
    // say so when one shows up among others: "1.0, *".
    if (!explicit_op && is_wildcard(cursor.peek())) {
      Cursor after{cursor.text, cursor.offset + 1};
      after.skip_spaces();
      if (after.at_end() || after.peek() == ',') return unexpected(wildcard_must_be_alone(cursor.offset));
    }
    return unexpected(major.error());
  }
  c.major = *major;

  bool saw_wildcard = false;
  if (cursor.eat('.')) {
    part = Part::minor;
    if (is_wildcard(cursor.peek())) {
      ++cursor.offset;
      saw_wildcard = true;
      // With an explicit operator a wildcard just leaves the part out: `>=1.*` is `>=1`.
      if (!explicit_op) c.op = Op::wildcard;
    } else {
      auto minor = detail::read_number(cursor, part);
      if (!minor) return unexpected(minor.error());
      c.minor = *minor;
    }
  }
  if (cursor.eat('.')) {
    part = Part::patch;
    if (is_wildcard(cursor.peek())) {
      ++cursor.offset;
      saw_wildcard = true;
      if (!explicit_op) c.op = Op::wildcard;
    } else if (saw_wildcard) {
      return unexpected(ParseError{cursor.offset, "unexpected version number after a wildcard (write 1.* or 1.2.*)"});
    } else {
      auto patch = detail::read_number(cursor, part);
      if (!patch) return unexpected(patch.error());
      c.patch = *patch;
    }
  }

  // Pre-release and build metadata only follow a full major.minor.patch.
  if (c.patch && cursor.eat('-')) {
    part = Part::pre;
    auto pre = detail::read_identifiers(cursor, part);
    if (!pre) return unexpected(pre.error());
    if (pre->empty()) return unexpected(ParseError{cursor.offset, "empty pre-release identifier after '-'"});
    c.pre = detail::split_prerelease(*pre);
  }
  if (c.patch && cursor.eat('+')) {
    part = Part::build;
    auto build = detail::read_identifiers(cursor, part);
    if (!build) return unexpected(build.error());
    // Build metadata is accepted and dropped: it never affects matching.
    if (build->empty()) return unexpected(ParseError{cursor.offset, "empty build metadata after '+'"});
  }
  cursor.skip_spaces();
  return ParsedComparator{std::move(c), part};
}

Expected<VersionReq, ParseError> parse_req(Cursor& cursor) {
  cursor.skip_spaces();
  if (is_wildcard(cursor.peek())) {
    const size_t wildcard_at = cursor.offset;
    ++cursor.offset;
    cursor.skip_spaces();
    if (cursor.at_end()) return VersionReq::any();
    if (cursor.peek() == ',') return unexpected(wildcard_must_be_alone(wildcard_at));
    return unexpected(ParseError{cursor.offset, "unexpected character " + detail::quote_char(cursor.peek()) +
                                                    " after the wildcard"});
  }

  VersionReq req;
  for (;;) {
    auto parsed = parse_comparator(cursor);
    if (!parsed) return unexpected(parsed.error());
    req.comparators.push_back(std::move(parsed->comparator));
    if (cursor.at_end()) return req;
    if (!cursor.eat(',')) {
      return unexpected(ParseError{cursor.offset, "expected a comma after " +
                                                      std::string(detail::describe(parsed->last_part)) +
                                                      ", found " + detail::quote_char(cursor.peek())});
    }
    if (req.comparators.size() == max_comparators) {
      return unexpected(ParseError{cursor.offset, "too many comparators (at most " +
                                                      std::to_string(max_comparators) + ")"});
    }
    cursor.skip_spaces();
  }
}

}  // namespace

Expected<VersionReq> VersionReq::parse(std::string_view text) {
  Cursor cursor{text};
  auto req = parse_req(cursor);
  if (!req) return unexpected(detail::format_error("version requirement", text, req.error()));
  return std::move(*req);
}

}  // namespace cratescope::semver
