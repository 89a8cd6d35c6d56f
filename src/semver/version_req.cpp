// VersionReq: matching (with Cargo's pre-release opt-in rule) and printing.
#include <algorithm>

#include "semver/version.hpp"

namespace cratescope::semver {

bool VersionReq::matches(const Version& v) const {
  for (const Comparator& c : comparators) {
    if (!c.matches_ignoring_prerelease_rule(v)) return false;
  }
  if (v.pre.empty()) return true;
  // A pre-release is only wanted when the requirement names a pre-release of
  // the same major.minor.patch: `>=1.2.3-alpha` admits 1.2.3-beta but not
  // 1.2.4-alpha, so users never get pre-releases they did not ask for.
  return std::any_of(comparators.begin(), comparators.end(),
                     [&](const Comparator& c) { return c.admits_prerelease_of(v); });
}

std::string VersionReq::to_string() const {
  if (comparators.empty()) return "*";
  std::string out;
  for (size_t i = 0; i < comparators.size(); ++i) {
    if (i > 0) out += ", ";
    out += comparators[i].to_string();
  }
  return out;
}

}  // namespace cratescope::semver
