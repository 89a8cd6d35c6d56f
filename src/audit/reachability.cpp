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

std::vector<bool> packages_for_reachability(const AuditResult& result, const load::ProjectGraph& graph) {
  std::vector<bool> out(graph.packages.size(), false);
  auto walk = [&](size_t from, bool upwards) {
    std::vector<size_t> stack{from};
    std::vector<bool> seen(graph.packages.size(), false);
    seen[from] = true;
    while (!stack.empty()) {
      size_t at = stack.back();
      stack.pop_back();
      out[at] = true;
      for (size_t e : upwards ? graph.in_edges(at) : graph.out_edges(at)) {
        size_t next = upwards ? graph.edges[e].from : graph.edges[e].to;
        if (!seen[next]) {
          seen[next] = true;
          stack.push_back(next);
        }
      }
    }
  };
  bool any = false;
  for (const Finding& f : result.findings) {
    if (!gets_verdict(f) || f.affected_functions.empty()) continue;
    any = true;
    walk(f.package, true);
    walk(f.package, false);
  }
  if (any)
    for (size_t m : graph.members) out[m] = true;
  return out;
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
