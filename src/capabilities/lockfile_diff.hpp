#pragma once
// `capabilities --diff OLD.lock NEW.lock`: every registry or git package whose
// locked version changed (or that came or went) compared version against
// version. Workspace members and path packages are the user's own code and
// are not compared.
#include <vector>

#include "capabilities/capability_diff.hpp"
#include "load/lockfile.hpp"
#include "sources/project_sources.hpp"

namespace cratescope::capabilities {

struct PackagePairing {
  const load::LockedPackage* old_package = nullptr;  // null: added
  const load::LockedPackage* new_package = nullptr;  // null: removed
  bool checksum_changed = false;                     // one version, two different sha256s
};

// Packages that differ, paired by name: a new version with the old one of the
// same semver-compatible series, else the highest old one left. Versions in
// both files are unchanged and left out, unless their sha256s differ.
std::vector<PackagePairing> pair_changed_packages(const load::Lockfile& old_lock, const load::Lockfile& new_lock);

struct LockfileDiff {
  std::vector<CrateDiff> crates;  // changed packages, by name
  size_t unchanged = 0;
};

LockfileDiff diff_lockfiles(const Context& context, const load::Lockfile& old_lock, const load::Lockfile& new_lock,
                            const sources::SourceSearch& search, const AnalysisOptions& options,
                            const RuleMatcher& rules);

}  // namespace cratescope::capabilities
