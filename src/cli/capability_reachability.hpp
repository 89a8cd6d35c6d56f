#pragma once
// `capabilities --reachable`: whether the workspace's code can call the
// function each site is in, over the project's call graph from the roots
// `audit` and `why` use (members' public API, mains, tests, build scripts).
#include <memory>
#include <vector>

#include "callgraph/call_graph.hpp"
#include "callgraph/reachability.hpp"
#include "callgraph/vulnerable_functions.hpp"
#include "capabilities/project_capabilities.hpp"

namespace cratescope::cli {

struct CapabilityReach {
  // By report package, then by finding: the verdict on the finding's
  // function, with the call path when reachable and the reason otherwise.
  std::vector<std::vector<callgraph::FunctionVerdict>> verdicts;
};

// Sets CapabilityFinding::used (true, false, or left empty when unknown).
// Only a library's functions are looked up: sites in build scripts, binaries
// and outside functions stay unknown, and say so.
CapabilityReach reach_capability_sites(const callgraph::CallGraph& graph,
                                       std::vector<capabilities::PackageCapabilities>& packages);

}  // namespace cratescope::cli
