#pragma once
// Loads a fixture project and builds its call graph, as `cratescope audit` does.
#include <memory>
#include <string>

#include "callgraph/build_call_graph.hpp"
#include "cli/project_loader.hpp"
#include "core/file_system.hpp"

namespace cratescope::callgraph_test {

struct BuiltGraph {
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  std::optional<cli::LoadedProject> project;
  callgraph::CallGraph graph;
  std::string error;  // non-empty: the project did not load
};

std::unique_ptr<BuiltGraph> build_graph_of(const std::string& project_dir);
// `crate_name::a::Type::f`: the form fixtures write (bins and libs alike).
std::string plain_name(const callgraph::CallGraph& graph, const load::ProjectGraph& project, callgraph::FunctionId f);

}  // namespace cratescope::callgraph_test
