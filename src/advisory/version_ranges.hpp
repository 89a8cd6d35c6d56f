#pragma once
// Internal: RustSec's reading of `patched` / `unaffected` requirements as
// intervals of versions ordered by SemVer precedence.
#include "semver/version.hpp"

namespace cratescope::advisory {

// Whether `version` lies in the interval that `requirement` denotes for
// RustSec (see the comment in version_ranges.cpp for how that differs from
// Cargo's VersionReq::matches).
bool requirement_covers(const semver::VersionReq& requirement, const semver::Version& version);

}  // namespace cratescope::advisory
