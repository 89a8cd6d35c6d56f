#pragma once
// `capabilities --fail-on`: which findings make the run exit with 1.
#include <set>
#include <string>
#include <vector>

#include "capabilities/capability_diff.hpp"
#include "capabilities/project_capabilities.hpp"
#include "core/expected.hpp"

namespace cratescope::capabilities {

struct CapabilityPolicy {
  std::set<Capability> held;   // any package holds one of these
  bool any_unsafe = false;     // any package has unsafe code
  bool unknown = false;        // a package's source is missing or a file UNANALYZED
  bool new_capability = false; // --diff: a package gains a capability (or drops forbid(unsafe_code))
  bool added = false;          // --diff: any added capability site or unsafe site
};

// "none", or a comma-separated list of: unsafe, unknown, new-capability,
// added, and capability names (NET, BUILD_TIME_EXEC, ...).
Expected<CapabilityPolicy> parse_capability_policy(const std::string& text);

// The reasons the run fails, one line each ("serde_json 1.0.1 holds NET"); empty: it passes.
std::vector<std::string> policy_failures(const CapabilityPolicy& policy, const std::vector<PackageCapabilities>& packages);
std::vector<std::string> policy_failures(const CapabilityPolicy& policy, const std::vector<CrateDiff>& diffs);

}  // namespace cratescope::capabilities
