#pragma once
// The findings of one target of a crate model (crate_capabilities.cpp sums
// the targets up).
#include <vector>

#include "capabilities/crate_capabilities.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::capabilities {

struct TargetFindingsInput {
  const model::Target& target;
  bool build_time = false;  // build.rs, or the lib of a proc-macro crate: runs on the build machine
  const AnalysisOptions& options;
  const RuleMatcher& rules;
  // The target's resolver when one is built already (with options.crate_aliases); null: one is built.
  const model::UseResolver* resolver = nullptr;
};

void collect_target_findings(const TargetFindingsInput& input, std::vector<CapabilityFinding>& out);

}  // namespace cratescope::capabilities
