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

// The functions `function` names in the package's targets of the site's kind
// (a package has one lib and one build script, maybe several bins).
std::vector<callgraph::FunctionId> site_functions(const callgraph::CallGraph& graph, uint32_t package,
                                                  model::TargetKind kind, const std::string& function) {
  std::vector<callgraph::FunctionId> out;
  for (uint32_t t = 0; t < graph.targets.size(); ++t) {
    if (graph.targets[t].package != package || graph.targets[t].kind != kind) continue;
    for (callgraph::FunctionId f : graph.find_in_target(t, function)) out.push_back(f);
  }
  return out;
}

// The verdict on a site's function, once its package is in the call graph.
callgraph::FunctionVerdict function_verdict(const callgraph::CallGraph& graph, const callgraph::Reachability& reach,
                                            uint32_t package, model::TargetKind kind, const std::string& function) {
  if (!graph.packages[package].analyzed) {  // no source, or not built: as the audit says
    callgraph::PackageVerdict whole = callgraph::reach_vulnerable_functions(graph, reach, package, {function});
    return whole.functions.empty() ? unknown(function, whole.reason) : whole.functions.front();
  }
  std::vector<callgraph::FunctionId> functions = site_functions(graph, package, kind, function);
  // The call graph models the build (features, platform); the capabilities
  // count every feature's and platform's code.
  if (functions.empty())
    return unknown(function, "not a function of the code the call graph models for this build of " +
                                 graph.package_labels[package] +
                                 ": under a #[cfg] that is off for it (features, platform), or not a fn it knows (a "
                                 "parse error, code in a macro it does not expand)");
  return callgraph::verdict_on(graph, reach, package, function, functions);
}

}  // namespace

CapabilityReach reach_capability_sites(const callgraph::CallGraph& graph,
                                       std::vector<capabilities::PackageCapabilities>& packages) {
  // Capabilities are held at build time too: Cargo runs every dependency's
  // build script, and the compiler its proc-macros.
  std::vector<callgraph::Root> roots = callgraph::workspace_roots(graph);
  for (const callgraph::Root& root : callgraph::dependency_build_roots(graph)) roots.push_back(root);
  callgraph::Reachability reach(graph, std::move(roots));
  CapabilityReach out;
  out.verdicts.resize(packages.size());
  for (size_t p = 0; p < packages.size(); ++p) {
    capabilities::PackageCapabilities& package = packages[p];
    if (!package.result) continue;
    auto index = static_cast<uint32_t>(package.package);
    // Many sites share a function: keyed by target kind and path.
    std::map<std::pair<model::TargetKind, std::string>, callgraph::FunctionVerdict> known;
    for (capabilities::CapabilityFinding& finding : package.result->findings) {
      callgraph::FunctionVerdict verdict;
      auto key = std::make_pair(finding.target, finding.function);
      if (index >= graph.packages.size()) {
        verdict = unknown(finding.function, "not in the call graph");
      } else if (finding.function.empty()) {
        verdict = unknown(finding.function, "not inside a function");
      } else if (auto found = known.find(key); found != known.end()) {
        verdict = found->second;
      } else {
        verdict = function_verdict(graph, reach, index, finding.target, finding.function);
        known.emplace(key, verdict);
      }
      if (verdict.verdict == callgraph::Verdict::reachable) finding.used = true;
      else if (verdict.verdict == callgraph::Verdict::not_reachable) finding.used = false;
      out.verdicts[p].push_back(std::move(verdict));
    }
  }
  return out;
}

}  // namespace cratescope::cli
