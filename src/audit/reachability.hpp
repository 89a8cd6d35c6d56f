#pragma once
// Call-graph verdicts for the audit's vulnerabilities: can the workspace's
// code call the functions the advisory lists, at the locked version?
#include <memory>

#include "audit/audit.hpp"
#include "callgraph/call_graph.hpp"

namespace cratescope::audit {

// Sets Finding::reachability on every vulnerability (and unsound advisory)
// and keeps the graph in the result for the reports.
void add_reachability(AuditResult& result, std::shared_ptr<const callgraph::CallGraph> graph);

// Whether any finding would get a verdict (so the graph is worth building).
bool wants_reachability(const AuditResult& result);

}  // namespace cratescope::audit
