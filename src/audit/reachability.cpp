#include "audit/reachability.hpp"

#include "callgraph/reachability.hpp"

namespace cratescope::audit {

namespace {

bool gets_verdict(const Finding& f) {
  return f.advisory && (f.kind == FindingKind::vulnerability || f.kind == FindingKind::unsound);
}

}  // namespace

bool wants_reachability(const AuditResult& result) {
  for (const Finding& f : result.findings)
    if (gets_verdict(f)) return true;
  return false;
}

void add_reachability(AuditResult& result, std::shared_ptr<const callgraph::CallGraph> graph) {
  callgraph::Reachability reach(*graph, callgraph::workspace_roots(*graph));
  for (Finding& f : result.findings) {
    if (!gets_verdict(f)) continue;
    std::vector<std::string> functions;
    for (const advisory::AffectedFunction* function : f.affected_functions) functions.push_back(function->path);
    f.reachability = callgraph::reach_vulnerable_functions(*graph, reach, static_cast<uint32_t>(f.package), functions);
    if (functions.empty() && !f.advisory->affected_functions.empty())
      f.reachability->reason = "the advisory lists affected functions, but none for this version";
  }
  result.call_graph = std::move(graph);
}

}  // namespace cratescope::audit
