#include "advisory/advisory.hpp"

#include "advisory/version_ranges.hpp"

namespace cratescope::advisory {

const char* to_string(Informational kind) {
  switch (kind) {
    case Informational::none: return "none";
    case Informational::unmaintained: return "unmaintained";
    case Informational::unsound: return "unsound";
    case Informational::notice: return "notice";
    case Informational::other: return "other";
  }
  return "none";
}

bool in_ranges(const std::vector<VersionRange>& ranges, const semver::Version& version) {
  for (const VersionRange& range : ranges)
    if (requirement_covers(range.requirement, version)) return true;
  return false;
}

bool Advisory::affects(const semver::Version& version) const {
  // RustSec's rule (see version_ranges.cpp): affected unless some patched or
  // unaffected interval contains the version.
  return !in_ranges(patched, version) && !in_ranges(unaffected, version);
}

}  // namespace cratescope::advisory
