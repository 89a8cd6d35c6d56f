#include "callgraph/callgraph_support.hpp"

#include "crates/crate_loader.hpp"

namespace cratescope::callgraph_test {

std::unique_ptr<BuiltGraph> build_graph_of(const std::string& project_dir) {
  auto built = std::make_unique<BuiltGraph>();
  Context context{built->files, built->diagnostics, built->timers, 2};
  built->project = cli::load_project(project_dir, false, context);
  if (!built->project) {
    for (const auto& d : built->diagnostics.all()) built->error += format_diagnostic(d, false);
    if (built->error.empty()) built->error = "project did not load";
    return built;
  }
  auto sources = sources::ProjectSources::locate(built->project->graph, built->files,
                                                 sources::SourceSearch::defaults(built->project->graph.root));
  built->graph = callgraph::build_call_graph(context, built->project->graph, sources);
  return built;
}

std::string plain_name(const callgraph::CallGraph& graph, const load::ProjectGraph& project, callgraph::FunctionId f) {
  const auto& fn = graph.functions[f];
  std::string path = fn.path;
  std::string crate = crates::crate_identifier(project.packages[fn.package].name);
  if (path.starts_with("crate")) path = crate + path.substr(5);
  return path;
}

}  // namespace cratescope::callgraph_test
