#pragma once
// Semantic versions and Cargo version requirements, with Cargo's exact rules
// (the `semver` crate 1.x, which Cargo uses): see docs/semver.md.
#include <compare>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/expected.hpp"

namespace cratescope::semver {

// A pre-release identifier: numeric ones compare numerically and sort before
// alphanumeric ones (SemVer 2.0 §11).
// Numbers beyond u64 (the crate accepts any length) are kept as digit strings
// and still compare as numbers.
struct PrereleaseIdentifier {
  std::variant<uint64_t, std::string> value;
  // `text` must be a valid identifier ([0-9A-Za-z-]+, no leading zero if numeric).
  static PrereleaseIdentifier from_text(std::string_view text);
  bool is_numeric() const;
  std::string to_string() const;
  friend std::strong_ordering operator<=>(const PrereleaseIdentifier& a, const PrereleaseIdentifier& b);
  // Agrees with <=>, so a hand-built 7 and "7" are equal too.
  friend bool operator==(const PrereleaseIdentifier& a, const PrereleaseIdentifier& b);
};

class Version {
 public:
  uint64_t major = 0;
  uint64_t minor = 0;
  uint64_t patch = 0;
  std::vector<PrereleaseIdentifier> pre;  // empty: a release
  std::string build;                      // kept for display, ignored in comparisons

  Version() = default;
  Version(uint64_t ma, uint64_t mi, uint64_t pa) : major(ma), minor(mi), patch(pa) {}

  // Strict SemVer 2.0 as the semver crate accepts it ("1.2.3-alpha.1+build").
  static Expected<Version> parse(std::string_view text);
  bool is_prerelease() const { return !pre.empty(); }
  std::string to_string() const;  // canonical form, with build metadata

  // Precedence ignores build metadata.
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b);
};

enum class Op { exact, greater, greater_eq, less, less_eq, tilde, caret, wildcard };

// Pre-release lists in SemVer precedence: an empty list (a release) sorts
// after every pre-release; otherwise identifier by identifier, and a longer
// list wins a tie.
std::strong_ordering compare_prerelease(const std::vector<PrereleaseIdentifier>& a,
                                        const std::vector<PrereleaseIdentifier>& b);
std::string prerelease_to_string(const std::vector<PrereleaseIdentifier>& pre);  // "alpha.1"

// One comparator of a requirement: `>= 1.2`, `~1`, `1.*`, `^0.3.1-beta` ...
struct Comparator {
  Op op = Op::caret;
  uint64_t major = 0;
  std::optional<uint64_t> minor;
  std::optional<uint64_t> patch;
  std::vector<PrereleaseIdentifier> pre;
  bool matches_ignoring_prerelease_rule(const Version& v) const;
  // True when this comparator opts in to pre-releases of v's major.minor.patch
  // (it names that exact version with a pre-release).
  bool admits_prerelease_of(const Version& v) const;
  std::string to_string() const;
};

// A comma-separated list of comparators, all of which must match. "*" is the
// empty list. Pre-release versions only match when some comparator names a
// pre-release of the same major.minor.patch (Cargo's rule).
class VersionReq {
 public:
  std::vector<Comparator> comparators;

  static Expected<VersionReq> parse(std::string_view text);
  static VersionReq any() { return {}; }
  bool matches(const Version& v) const;
  std::string to_string() const;
};

}  // namespace cratescope::semver
