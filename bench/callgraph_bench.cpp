// The call graph of one project, timed, for bench/callgraph_bench.sh and for
// measuring edges against rustc's (bench/callgraph/compare.py):
//   cratescope-callgraph-bench [--threads N] [--target TRIPLE] PROJECT [--list FILE]
//                             [--functions FILE] [--edges FILE --crate NAME]
// Prints one line of key=value figures; --edges writes the edges whose caller
// is in package NAME as `caller<TAB>callee<TAB>kind<TAB>confidence`, paths as
// `crate_name::module::fn` (method-name edges expanded to their callees);
// --list writes the files the graph was built from (for the parse-only bound),
// --functions every function (`path<TAB>kind`).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <tuple>

#include "callgraph/build_call_graph.hpp"
#include "core/allocator_tuning.hpp"
#include "callgraph/reachability.hpp"
#include "cli/project_loader.hpp"
#include "crates/crate_loader.hpp"
#include "bench_support.hpp"

using namespace cratescope;
using bench::peak_rss_mib;

namespace {

std::string plain_name(const callgraph::CallGraph& graph, callgraph::FunctionId f, const load::ProjectGraph& project) {
  const auto& fn = graph.functions[f];
  std::string path = fn.path;
  if (path.starts_with("crate")) path = crates::crate_identifier(project.packages[fn.package].name) + path.substr(5);
  return path;
}

void write_edges(const callgraph::CallGraph& graph, const load::ProjectGraph& project, const std::string& crate,
                 std::ostream& out) {
  std::set<std::tuple<std::string, std::string, std::string, std::string>> lines;
  for (callgraph::FunctionId f = 0; f < graph.functions.size(); ++f) {
    const auto& fn = graph.functions[f];
    if (project.packages[fn.package].name != crate || graph.targets[fn.target].kind != model::TargetKind::lib) continue;
    std::string caller = plain_name(graph, f, project);
    for (const callgraph::Edge& e : graph.out(f)) {
      auto add = [&](callgraph::FunctionId to) {
        lines.emplace(caller, plain_name(graph, to, project), std::string(to_string(e.kind)),
                      std::string(to_string(e.confidence)));
      };
      if (e.kind == callgraph::EdgeKind::method_name) graph.for_each_method_callee(f, e, add);
      else add(e.to);
    }
  }
  for (const auto& [a, b, kind, confidence] : lines) out << a << '\t' << b << '\t' << kind << '\t' << confidence << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  cratescope::tune_allocator();  // as the cratescope binary does
  unsigned threads = 2;
  std::string project_dir, edges_path, crate, list_path, functions_path, target;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--threads" && i + 1 < argc) threads = static_cast<unsigned>(std::stoul(argv[++i]));
    else if (a == "--edges" && i + 1 < argc) edges_path = argv[++i];
    else if (a == "--crate" && i + 1 < argc) crate = argv[++i];
    else if (a == "--list" && i + 1 < argc) list_path = argv[++i];
    else if (a == "--functions" && i + 1 < argc) functions_path = argv[++i];
    else if (a == "--target" && i + 1 < argc) target = argv[++i];
    else project_dir = a;
  }
  if (project_dir.empty() || (!edges_path.empty() && crate.empty())) {
    std::cerr << "usage: cratescope-callgraph-bench [--threads N] [--target TRIPLE] PROJECT [--edges FILE --crate NAME]\n";
    return 2;
  }
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, threads};
  auto start = std::chrono::steady_clock::now();
  auto project = cli::load_project(project_dir, false, context);
  if (!project) {
    for (const auto& d : diagnostics.all()) std::cerr << format_diagnostic(d, false);
    return 2;
  }
  if (!target.empty()) project->graph.select_target(TargetPlatform::from_triple(target), diagnostics);
  auto sources = sources::ProjectSources::locate(project->graph, files, sources::SourceSearch::defaults(project->graph.root));
  callgraph::CallGraph graph = callgraph::build_call_graph(context, project->graph, sources);
  double build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto reach_start = std::chrono::steady_clock::now();
  callgraph::Reachability reach(graph, callgraph::workspace_roots(graph));
  auto none = reach.shortest_path({0});  // forces the first searches
  double reach_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - reach_start).count();
  auto stats = graph.stats();
  std::printf("seconds=%.3f reach_seconds=%.3f packages=%zu analyzed=%zu functions=%zu edges=%zu unresolved=%zu",
              build_seconds, reach_seconds, project->graph.packages.size(), stats.packages, stats.functions,
              stats.edges, stats.unresolved_calls);
  for (size_t k = 0; k < callgraph::kEdgeKinds; ++k)
    std::printf(" %s=%zu", std::string(to_string(static_cast<callgraph::EdgeKind>(k))).c_str(), stats.edges_by_kind[k]);
  std::printf(" rss_mib=%.1f\n", peak_rss_mib());
  (void)none;
  if (std::getenv("CS_TIMERS")) std::cerr << timers.format();
  if (!list_path.empty()) {  // the files modelled, for the parse-only bound
    std::ofstream out(list_path);
    std::set<std::string> unique(graph.files.begin(), graph.files.end());
    for (const auto& f : unique) out << f << '\n';
  }
  if (!functions_path.empty()) {  // every function, for telling source code from generated code
    std::ofstream out(functions_path);
    for (callgraph::FunctionId f = 0; f < graph.functions.size(); ++f)
      out << plain_name(graph, f, project->graph) << '\t' << to_string(graph.functions[f].kind) << '\n';
  }
  if (!edges_path.empty()) {
    std::ofstream out(edges_path);
    write_edges(graph, project->graph, crate, out);
  }
  return 0;
}
