#pragma once
// What an update changes: capabilities and unsafe sites that one version of
// a crate has and the other has not. Sites are matched by what they are and
// the function they are in, not by line, so moved code is not a change.
// Fewer than 2% of real updates add a capability: an added one is the signal.
#include <string>
#include <vector>

#include "capabilities/crate_capabilities.hpp"

namespace cratescope::capabilities {

struct CrateDiff {
  std::string name;
  std::string old_version, new_version;  // old empty: a new dependency; new empty: a removed one
  std::vector<CapabilityFinding> added, removed;
  std::vector<UnsafeSiteRecord> added_unsafe, removed_unsafe;
  std::vector<Capability> new_capabilities;   // held by the new version only
  std::vector<Capability> dropped_capabilities;  // held by the old version only
  UnsafeCounts old_unsafe, new_unsafe;
  bool forbid_dropped = false;  // the old version forbade unsafe code, the new one does not
  std::string unknown;          // a version's source was not available: why
  // Lockfiles: the same version pinned to another sha256 (`old -> new`). A
  // registry never changes a published version: the lockfile or the registry
  // was altered.
  std::string checksum_changed;
  // Where a machine report points for the two above, which have no site:
  // the new lockfile's entry of this version, and the new version's first
  // target root (where `#![forbid(unsafe_code)]` was).
  SourceLocation pinned_at;
  std::string new_root_file;

  bool changed() const {
    return !added.empty() || !removed.empty() || !added_unsafe.empty() || !removed_unsafe.empty() || forbid_dropped ||
           !unknown.empty() || !checksum_changed.empty();
  }
  bool adds_something() const {
    return !added.empty() || !added_unsafe.empty() || forbid_dropped || !checksum_changed.empty();
  }
};

// `old_crate` null: everything in `new_crate` is added (and vice versa).
CrateDiff diff_crates(const CrateCapabilities* old_crate, const CrateCapabilities* new_crate);

}  // namespace cratescope::capabilities
