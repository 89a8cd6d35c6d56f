#pragma once
// Call-graph verdicts for the audit's vulnerabilities: can the workspace's
// code call the functions the advisory lists, at the locked version?
#include <memory>
#include <vector>

#include "audit/audit.hpp"
#include "callgraph/call_graph.hpp"

namespace cratescope::audit {

// Sets Finding::reachability on every vulnerability (and unsound advisory)
// and keeps the graph in the result for the reports.
void add_reachability(AuditResult& result, std::shared_ptr<const callgraph::CallGraph> graph);

// Whether any finding gets a verdict at all.
bool wants_reachability(const AuditResult& result);

// The packages whose code can lie on a call path to an affected function:
// the members, each vulnerable package whose advisory lists functions, the
// packages that depend on it (callers) and those it depends on (their traits
// can dispatch into it). All false when no advisory lists functions.
std::vector<bool> packages_for_reachability(const AuditResult& result, const load::ProjectGraph& graph);

}  // namespace cratescope::audit
