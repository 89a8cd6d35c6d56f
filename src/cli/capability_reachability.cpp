#include "cli/capability_reachability.hpp"

#include <map>

namespace cratescope::cli {

namespace {

callgraph::FunctionVerdict unknown(const std::string& function, std::string reason) {
  callgraph::FunctionVerdict v;
  v.function = function;
  v.reason = std::move(reason);
  return v;
}

}  // namespace

CapabilityReach reach_capability_sites(const callgraph::CallGraph& graph,
                                       std::vector<capabilities::PackageCapabilities>& packages) {
  callgraph::Reachability reach(graph, callgraph::workspace_roots(graph));
  CapabilityReach out;
  out.verdicts.resize(packages.size());
  for (size_t p = 0; p < packages.size(); ++p) {
    capabilities::PackageCapabilities& package = packages[p];
    if (!package.result) continue;
    auto index = static_cast<uint32_t>(package.package);
    std::map<std::string, callgraph::FunctionVerdict> by_function;  // many sites share a function
    for (capabilities::CapabilityFinding& finding : package.result->findings) {
      callgraph::FunctionVerdict verdict;
      if (index >= graph.packages.size()) {
        verdict = unknown(finding.function, "not in the call graph");
      } else if (finding.target != model::TargetKind::lib) {
        verdict = unknown(finding.function, "only a library's functions are looked up, not a " +
                                                std::string(model::to_string(finding.target)) + "'s");
      } else if (finding.function.empty()) {
        verdict = unknown(finding.function, "not inside a function");
      } else if (auto known = by_function.find(finding.function); known != by_function.end()) {
        verdict = known->second;
      } else if (graph.packages[index].analyzed && graph.find(index, finding.function).empty()) {
        // The call graph models the build (features, platform); the
        // capabilities count every feature's and platform's code.
        verdict = unknown(finding.function, "not a function of the code the call graph models for this build of " +
                                                graph.package_labels[index] +
                                                ": under a #[cfg] that is off for it (features, platform), or not a "
                                                "fn it knows (a parse error, code in a macro it does not expand)");
        by_function.emplace(finding.function, verdict);
      } else {
        callgraph::PackageVerdict found = callgraph::reach_vulnerable_functions(graph, reach, index, {finding.function});
        verdict = found.functions.empty() ? unknown(finding.function, found.reason) : found.functions.front();
        by_function.emplace(finding.function, verdict);
      }
      if (verdict.verdict == callgraph::Verdict::reachable) finding.used = true;
      else if (verdict.verdict == callgraph::Verdict::not_reachable) finding.used = false;
      out.verdicts[p].push_back(std::move(verdict));
    }
  }
  return out;
}

}  // namespace cratescope::cli
