#include "report/reachability_values.hpp"

#include "core/untrusted_text.hpp"
#include "report/finding_facts.hpp"
#include "report/json_values.hpp"
#include "report/sarif_values.hpp"

namespace cratescope::report {

using nlohmann::json;

namespace {

std::string where(const SourceLocation& location, const std::string& root) {
  SourceLocation shown = location;
  shown.file = display_path(location.file, root);
  return to_string(shown);
}

std::string path_quality(const callgraph::CallPath& path) {
  std::string context = path.context == callgraph::ReachContext::normal ? "normal code"
                        : path.context == callgraph::ReachContext::test ? "tests only"
                                                                         : "build time only";
  std::string quality = path.confidence == callgraph::Confidence::low
                            ? "through calls matched by method name or trait dispatch"
                            : "through resolved calls";
  return context + ", " + quality;
}

}  // namespace

std::string describe_verdict(const callgraph::PackageVerdict& verdict) {
  switch (verdict.verdict) {
    case callgraph::Verdict::reachable:
      for (const auto& f : verdict.functions)
        if (f.path) return "reachable (" + path_quality(*f.path) + ")";
      return "reachable";
    case callgraph::Verdict::not_reachable:
      return "not reachable: no call path from the workspace" + (verdict.reason.empty() ? std::string() : " (" + verdict.reason + ")");
    case callgraph::Verdict::unknown: {
      std::string reason = verdict.reason;
      for (const auto& f : verdict.functions)
        if (reason.empty() && f.verdict == callgraph::Verdict::unknown) reason = f.function + ": " + f.reason;
      return "unknown" + (reason.empty() ? std::string() : ": " + reason);
    }
  }
  return "?";
}

std::vector<std::string> call_path_lines(const callgraph::CallGraph& graph, const callgraph::CallPath& path,
                                         const std::string& root) {
  std::vector<std::string> lines;
  for (const callgraph::Hop& hop : path.hops) {
    std::string line = hop.call_site ? "-> " : "";
    line += graph.display(hop.function);
    if (hop.call_site) {
      line += "  called at " + where(*hop.call_site, root);
      if (hop.confidence != callgraph::Confidence::high)
        line += " [" + std::string(to_string(hop.kind)) + ", " + std::string(to_string(hop.confidence)) + "]";
    } else {
      line += "  (" + where(graph.location(hop.function), root) + ")";
    }
    lines.push_back(terminal_safe(line));
  }
  return lines;
}

json call_path_json(const callgraph::CallGraph& graph, const callgraph::CallPath& path, const std::string& root) {
  json hops = json::array();
  for (const callgraph::Hop& hop : path.hops) {
    hops.push_back({{"function", json_text(graph.display(hop.function))},
                    {"defined_at", json_location(graph.location(hop.function), root)},
                    {"call_site", hop.call_site ? json_location(*hop.call_site, root) : json(nullptr)},
                    {"edge", hop.call_site ? json(to_string(hop.kind)) : json(nullptr)},
                    {"confidence", hop.call_site ? json(to_string(hop.confidence)) : json(nullptr)}});
  }
  return {{"context", to_string(path.context)}, {"confidence", to_string(path.confidence)}, {"hops", hops}};
}

json function_verdict_json(const callgraph::CallGraph* graph, const callgraph::FunctionVerdict& f,
                           const std::string& root) {
  return {{"function", json_text(f.function)},
          {"verdict", to_string(f.verdict)},
          {"reason", json_text_or_null(f.reason)},
          {"path", f.path && graph ? call_path_json(*graph, *f.path, root) : json(nullptr)}};
}

json verdict_json(const callgraph::CallGraph* graph, const callgraph::PackageVerdict& verdict, const std::string& root) {
  json functions = json::array();
  for (const auto& f : verdict.functions) functions.push_back(function_verdict_json(graph, f, root));
  return {{"verdict", to_string(verdict.verdict)}, {"reason", json_text_or_null(verdict.reason)}, {"functions", functions}};
}

json call_graph_summary(const callgraph::CallGraph& graph) {
  size_t modelled = 0, partly = 0;
  json missing = json::array();
  for (size_t p = 0; p < graph.packages.size(); ++p) {
    const callgraph::PackageStatus& status = graph.packages[p];
    if (status.analyzed) {
      ++modelled;
      partly += !status.unanalyzed_files.empty();
    } else if (!status.skipped) {
      missing.push_back({{"package", json_text(graph.package_labels[p])}, {"reason", json_text(status.missing_reason)}});
    }
  }
  callgraph::GraphStats stats = graph.stats();
  return {{"packages_modelled", modelled},
          {"packages_without_source", missing},
          {"packages_partly_parsed", partly},
          {"functions", stats.functions},
          {"edges", stats.edges}};
}

json sarif_code_flow(const callgraph::CallGraph& graph, const callgraph::CallPath& path, const std::string& root) {
  json locations = json::array();
  for (const callgraph::Hop& hop : path.hops) {
    SourceLocation at = hop.call_site ? *hop.call_site : graph.location(hop.function);
    std::string text = hop.call_site ? "calls " + graph.display(hop.function) : "entry: " + graph.display(hop.function);
    locations.push_back({{"location",
                          {{"physicalLocation", sarif_physical_location(at.file, at.position, root)},
                           {"message", {{"text", json_text(terminal_safe(text))}}}}}});
  }
  return {{"threadFlows", json::array({{{"locations", locations}}})}};
}

}  // namespace cratescope::report
