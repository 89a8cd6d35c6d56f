// How RustSec decides whether a version is affected (rustsec crate,
// advisory/versions.rs `is_vulnerable` and osv/unaffected_range.rs):
//
// Every `patched` and `unaffected` requirement is turned into an interval of
// versions, and a version is vulnerable when it lies in none of them. The
// intervals are compared by plain SemVer precedence, NOT with Cargo's
// pre-release rule: ">= 1.2.3" covers 1.3.0-beta.1 (Cargo's matches() would
// reject it), and a pre-release bound such as ">= 1.0.0-rc.2" covers every
// later version. Each comparator maps to a bound with missing minor/patch
// read as 0 (so "> 0" means "> 0.0.0" and "=1.2" means exactly 1.2.0):
//   >=v [v, ∞)   >v (v, ∞)   <v [0, v)   <=v [0, v]   =v [v, v]
//   ^v  [v, next breaking version-0)     ~v  [v, next minor (or major)-0)
// The "-0" upper bounds keep 2.0.0-alpha out of "^1". rustsec rejects
// wildcards and more than two comparators; we accept them, reading "1.*"
// as [1.0.0, 2.0.0-0) and a list of comparators as the intersection.
#include "advisory/version_ranges.hpp"

namespace cratescope::advisory {

namespace {

using semver::Comparator;
using semver::Op;
using semver::PrereleaseIdentifier;
using semver::Version;

Version zero_filled(const Comparator& c) {
  Version v(c.major, c.minor.value_or(0), c.patch.value_or(0));
  v.pre = c.pre;
  return v;
}

// The lowest pre-release of major.minor.patch: below every other version of it.
Version lowest_of(uint64_t major, uint64_t minor, uint64_t patch) {
  Version v(major, minor, patch);
  v.pre.push_back(PrereleaseIdentifier{uint64_t{0}});
  return v;
}

// The exclusive upper bound of a caret requirement.
Version caret_upper(const Comparator& c) {
  if (c.major > 0 || !c.minor) return lowest_of(c.major + 1, 0, 0);
  if (*c.minor > 0 || !c.patch) return lowest_of(0, *c.minor + 1, 0);
  return lowest_of(0, 0, *c.patch + 1);
}

// The exclusive upper bound of a tilde (or wildcard) requirement.
Version minor_upper(const Comparator& c) {
  if (!c.minor) return lowest_of(c.major + 1, 0, 0);
  return lowest_of(c.major, *c.minor + 1, 0);
}

bool comparator_covers(const Comparator& c, const Version& v) {
  const Version bound = zero_filled(c);
  switch (c.op) {
    case Op::exact: return v == bound;
    case Op::greater: return v > bound;
    case Op::greater_eq: return v >= bound;
    case Op::less: return v < bound;
    case Op::less_eq: return v <= bound;
    case Op::caret: return v >= bound && v < caret_upper(c);
    case Op::tilde:
    case Op::wildcard: return v >= bound && v < minor_upper(c);
  }
  return false;
}

}  // namespace

bool requirement_covers(const semver::VersionReq& requirement, const semver::Version& version) {
  for (const Comparator& c : requirement.comparators)
    if (!comparator_covers(c, version)) return false;
  return true;  // "*" (no comparators) covers everything
}

}  // namespace cratescope::advisory
