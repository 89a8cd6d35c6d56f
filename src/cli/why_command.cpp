#include "cli/why_command.hpp"

#include <iostream>

#include "callgraph/reachability.hpp"
#include "cli/command_session.hpp"
#include "cli/exit_codes.hpp"
#include "cli/project_call_graph.hpp"
#include "cli/project_loader.hpp"
#include "core/untrusted_text.hpp"
#include "report/reachability_values.hpp"
#include "report/text_style.hpp"
#include "semver/version.hpp"

namespace cratescope::cli {

void add_why_command(CLI::App& app, WhyCommandOptions& o) {
  auto* cmd = app.add_subcommand("why", "Show how the workspace's code reaches a function (call paths from the call graph)");
  cmd->footer(
      "FUNCTION is a path as an advisory writes it, the crate first: tar::Archive::unpack, or with a\n"
      "version when several are locked: tar@0.4.38::Archive::unpack.\n"
      "Exit codes: 0 reachable, 1 not reachable (or unknown), 2 usage or input error.");
  cmd->add_option("function", o.function, "The function, e.g. tar::Archive::unpack")->required();
  cmd->add_option("project", o.project, "Project directory, Cargo.toml or Cargo.lock")->capture_default_str();
  cmd->add_option("-f,--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Write the report to this file instead of standard output");
  cmd->add_flag("--no-cache", o.no_cache, "Do not read or write the call-graph units of registry crates");
  cmd->add_flag("--use-cargo", o.use_cargo, "Resolve the graph with `cargo metadata --offline` (never builds anything)");
  add_feature_options(cmd, o.features);
  cmd->add_option("--target", o.target,
                  "Paths in a build for this target triple only (e.g. x86_64-unknown-linux-gnu): dependencies "
                  "and code under #[cfg(...)] for other platforms are left out");
}

namespace {

struct Wanted {
  std::string crate;    // as written (`tar`)
  std::string version;  // empty: every locked version
  std::string path;     // `tar::Archive::unpack`
};

std::optional<Wanted> parse_function(const std::string& text) {
  Wanted w;
  size_t colons = text.find("::");
  std::string head = text.substr(0, colons);
  if (size_t at = head.find('@'); at != std::string::npos) {
    w.version = head.substr(at + 1);
    head = head.substr(0, at);
  }
  if (head.empty() || colons == std::string::npos) return std::nullopt;
  w.crate = head;
  w.path = head + text.substr(colons);
  return w;
}

}  // namespace

int run_why_command(const WhyCommandOptions& o, const CommonOptions& common) {
  CommandSession session(common);
  auto wanted = parse_function(o.function);
  if (!wanted) {
    std::cerr << "error: '" << terminal_safe(o.function) << "' is not a path with a crate first (e.g. tar::Archive::unpack)\n";
    return kExitError;
  }
  auto project = load_project(o.project, o.use_cargo, session.ctx, o.features);
  session.print_new_diagnostics();
  if (!project) return kExitError;
  if (!o.target.empty()) project->graph.select_target(TargetPlatform::from_triple(o.target), session.ctx.diagnostics);
  const load::ProjectGraph& graph = project->graph;
  auto sources = sources::ProjectSources::locate(graph, session.files, sources::SourceSearch::defaults(graph.root));
  callgraph::CallGraph call_graph = build_project_call_graph(session, common, graph, sources, {}, !o.no_cache);
  session.print_new_diagnostics(DiagnosticLevel::error);

  std::vector<uint32_t> packages = call_graph.packages_named(wanted->crate);
  std::erase_if(packages, [&](uint32_t p) {
    return !wanted->version.empty() && graph.packages[p].version.to_string() != wanted->version;
  });
  if (packages.empty()) {
    std::cerr << "error: no package " << terminal_safe(wanted->crate)
              << (wanted->version.empty() ? "" : " " + terminal_safe(wanted->version)) << " in " << graph.lockfile_path << "\n";
    return kExitError;
  }
  callgraph::Reachability reach(call_graph, callgraph::workspace_roots(call_graph));
  nlohmann::json json_out = nlohmann::json::array();
  std::string text;
  bool any_reachable = false;
  for (uint32_t p : packages) {
    const std::string& label = call_graph.package_labels[p];
    nlohmann::json entry = {{"package", label}, {"functions", nlohmann::json::array()}, {"unknown", nullptr}};
    const std::string& left_off = call_graph.packages[p].left_off;
    if (!call_graph.packages[p].analyzed && !left_off.empty()) {  // not built at all
      text += label + ": not reachable from the workspace (locked only through " + terminal_safe(left_off) + ")\n";
      entry["left_off_by_build"] = left_off;
      json_out.push_back(entry);
      continue;
    }
    if (!call_graph.packages[p].analyzed) {
      std::string why = "the source of " + label + " is not available: " + call_graph.packages[p].missing_reason;
      text += label + ": unknown: " + why + "\n";
      entry["unknown"] = why;
      json_out.push_back(entry);
      continue;
    }
    std::vector<callgraph::FunctionId> targets = call_graph.find(p, wanted->path);
    if (targets.empty()) {
      std::string why = "no function " + wanted->path + " in the source of " + label;
      text += label + ": " + why + "\n";
      entry["unknown"] = why;
      json_out.push_back(entry);
      continue;
    }
    for (callgraph::FunctionId f : targets) {
      std::vector<callgraph::CallPath> paths = reach.shortest_paths(f);
      any_reachable |= !paths.empty();
      text += terminal_safe(call_graph.display(f)) + "\n";
      if (paths.empty())
        text += "  not reachable from the workspace" +
                (left_off.empty() ? std::string() : " (locked only through " + terminal_safe(left_off) + ")") + "\n";
      nlohmann::json json_paths = nlohmann::json::array();
      for (const auto& path : paths) {
        text += "  from " + std::string(to_string(path.context)) + " code (" +
                (path.confidence == callgraph::Confidence::low ? "some calls matched by name only" : "resolved calls") +
                "):\n";
        for (const auto& line : report::call_path_lines(call_graph, path, graph.root)) text += "    " + line + "\n";
        json_paths.push_back(report::call_path_json(call_graph, path, graph.root));
      }
      entry["functions"].push_back({{"function", call_graph.display(f)}, {"paths", json_paths}});
    }
    if (!left_off.empty()) entry["left_off_by_build"] = left_off;
    json_out.push_back(entry);
  }
  std::string rendered = o.format == "json" ? json_out.dump(2) + "\n" : text;
  if (!session.write_report(rendered, o.output)) return kExitError;
  return any_reachable ? kExitClean : kExitFindings;
}

}  // namespace cratescope::cli
