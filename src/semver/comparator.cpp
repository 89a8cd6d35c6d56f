// What each comparator operator accepts, and how it prints. Missing minor or
// patch parts make a comparator partial: `=1.2` is every 1.2.x, `>1.2` starts
// at 1.3.0, `<1.2` ends before 1.2.0.
#include "semver/version.hpp"

namespace cratescope::semver {

namespace {

bool matches_exact(const Comparator& c, const Version& v) {
  if (v.major != c.major) return false;
  if (c.minor && v.minor != *c.minor) return false;
  if (c.patch && v.patch != *c.patch) return false;
  return compare_prerelease(v.pre, c.pre) == 0;
}

// Strictly above the comparator; a missing part covers its whole range, so
// nothing inside that range is greater.
bool matches_greater(const Comparator& c, const Version& v) {
  if (v.major != c.major) return v.major > c.major;
  if (!c.minor) return false;
  if (v.minor != *c.minor) return v.minor > *c.minor;
  if (!c.patch) return false;
  if (v.patch != *c.patch) return v.patch > *c.patch;
  return compare_prerelease(v.pre, c.pre) > 0;
}

bool matches_less(const Comparator& c, const Version& v) {
  if (v.major != c.major) return v.major < c.major;
  if (!c.minor) return false;
  if (v.minor != *c.minor) return v.minor < *c.minor;
  if (!c.patch) return false;
  if (v.patch != *c.patch) return v.patch < *c.patch;
  return compare_prerelease(v.pre, c.pre) < 0;
}

// ~1.2.3 is >=1.2.3, <1.3.0; ~1.2 is 1.2.x; ~1 is 1.x.
bool matches_tilde(const Comparator& c, const Version& v) {
  if (v.major != c.major) return false;
  if (c.minor && v.minor != *c.minor) return false;
  if (c.patch && v.patch != *c.patch) return v.patch > *c.patch;
  return compare_prerelease(v.pre, c.pre) >= 0;
}

// ^ keeps the left-most non-zero part fixed: ^1.2.3 is <2.0.0, ^0.2.3 is
// <0.3.0, ^0.0.3 is exactly 0.0.3. Partials: ^1 is 1.x, ^1.2 is >=1.2.0 <2,
// ^0.2 is 0.2.x, ^0.0 is 0.0.x, ^0 is 0.x.
bool matches_caret(const Comparator& c, const Version& v) {
  if (v.major != c.major) return false;
  if (!c.minor) return true;
  const uint64_t minor = *c.minor;
  if (!c.patch) return c.major > 0 ? v.minor >= minor : v.minor == minor;
  const uint64_t patch = *c.patch;
  if (c.major > 0) {
    if (v.minor != minor) return v.minor > minor;
    if (v.patch != patch) return v.patch > patch;
  } else if (minor > 0) {
    if (v.minor != minor) return false;
    if (v.patch != patch) return v.patch > patch;
  } else if (v.minor != minor || v.patch != patch) {
    return false;
  }
  return compare_prerelease(v.pre, c.pre) >= 0;
}

std::string_view op_prefix(Op op) {
  switch (op) {
    case Op::exact: return "=";
    case Op::greater: return ">";
    case Op::greater_eq: return ">=";
    case Op::less: return "<";
    case Op::less_eq: return "<=";
    case Op::tilde: return "~";
    case Op::caret: return "^";
    case Op::wildcard: return "";
  }
  return "";
}

}  // namespace

bool Comparator::matches_ignoring_prerelease_rule(const Version& v) const {
  switch (op) {
    case Op::exact:
    case Op::wildcard: return matches_exact(*this, v);
    case Op::greater: return matches_greater(*this, v);
    case Op::greater_eq: return matches_exact(*this, v) || matches_greater(*this, v);
    case Op::less: return matches_less(*this, v);
    case Op::less_eq: return matches_exact(*this, v) || matches_less(*this, v);
    case Op::tilde: return matches_tilde(*this, v);
    case Op::caret: return matches_caret(*this, v);
  }
  return false;
}

bool Comparator::admits_prerelease_of(const Version& v) const {
  return major == v.major && minor == v.minor && patch == v.patch && !pre.empty();
}

std::string Comparator::to_string() const {
  std::string out(op_prefix(op));
  out += std::to_string(major);
  if (minor) {
    out += '.' + std::to_string(*minor);
    if (patch) {
      out += '.' + std::to_string(*patch);
      if (!pre.empty()) out += '-' + prerelease_to_string(pre);
    } else if (op == Op::wildcard) {
      out += ".*";
    }
  } else if (op == Op::wildcard) {
    out += ".*";
  }
  return out;
}

}  // namespace cratescope::semver
