#pragma once
// The project's call graph as `audit`, `why` and `capabilities --reachable`
// build it: a progress line on a terminal, the unit cache unless turned off.
#include "callgraph/build_call_graph.hpp"
#include "cli/command_session.hpp"

namespace cratescope::cli {

callgraph::CallGraph build_project_call_graph(CommandSession& session, const CommonOptions& common,
                                              const load::ProjectGraph& graph, sources::ProjectSources& sources,
                                              callgraph::BuildOptions options, bool use_cache);

}  // namespace cratescope::cli
