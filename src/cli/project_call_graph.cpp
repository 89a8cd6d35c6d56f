#include "cli/project_call_graph.hpp"

#include <unistd.h>

#include "cli/progress_line.hpp"

namespace cratescope::cli {

callgraph::CallGraph build_project_call_graph(CommandSession& session, const CommonOptions& common,
                                              const load::ProjectGraph& graph, sources::ProjectSources& sources,
                                              callgraph::BuildOptions options, bool use_cache) {
  if (use_cache && !user_cache_directory().empty()) options.cache_dir = user_cache_directory() / "callgraph";
  ProgressLine progress(!common.quiet && isatty(STDERR_FILENO), "modelling");
  callgraph::CallGraph call_graph = callgraph::build_call_graph(
      session.ctx, graph, sources, options,
      [&](size_t done, size_t total, const std::string& name) { progress(done, total, name); });
  progress.clear();
  return call_graph;
}

}  // namespace cratescope::cli
