#pragma once
// `capabilities --reachable`: whether the build can run the function each
// site is in, over the project's call graph from the roots `audit` and
// `why` use (members' public API, mains, tests, build scripts) plus what
// Cargo runs of the dependencies at build time (their build scripts and
// proc-macros).
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
// The site's function is looked up in its own target (lib, bin, build
// script...); a site outside a function, or in code the build's cfg leaves
// out, stays unknown and says so.
CapabilityReach reach_capability_sites(const callgraph::CallGraph& graph,
                                       std::vector<capabilities::PackageCapabilities>& packages);

}  // namespace cratescope::cli
