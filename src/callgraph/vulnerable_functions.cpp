#include "callgraph/vulnerable_functions.hpp"

#include "callgraph/path_text.hpp"

namespace cratescope::callgraph {

namespace {

// Packages between the workspace and `package` (they depend on it, directly
// or not, and the workspace uses them) whose code was not seen in full: a
// call path could run through what is missing.
std::vector<std::string> blind_spots(const CallGraph& graph, uint32_t package) {
  std::vector<std::string> out;
  for (uint32_t p = 0; p < graph.packages.size(); ++p) {
    if (!graph.can_see(p, package)) continue;
    const PackageStatus& status = graph.packages[p];
    if (status.skipped) continue;
    if (!status.analyzed)
      out.push_back(graph.package_labels[p] + " (no source: " + status.missing_reason + ")");
    else if (!status.unanalyzed_files.empty())
      out.push_back(graph.package_labels[p] + " (" + std::to_string(status.unanalyzed_files.size()) +
                    " file(s) did not parse, e.g. " + status.unanalyzed_files.front() + ")");
  }
  return out;
}

// A method of `impl Trait for T` where Trait is not declared in any crate of
// the graph (std's Read, Display, Iterator, Ord...): the standard library
// calls it on the project's behalf (io::copy, format!, sort...), through
// code the graph does not model. The trait's name, or empty.
std::string foreign_trait_of(const CallGraph& graph, const std::vector<FunctionId>& targets) {
  for (FunctionId t : targets) {
    const Function& f = graph.functions[t];
    if (f.trait_name.empty()) continue;
    bool declared = false;
    for (FunctionId g = 0; g < graph.functions.size() && !declared; ++g) {
      const Function& d = graph.functions[g];
      declared = d.kind == model::ItemKind::trait_method && d.name() == f.name() &&
                 last_segment(parent_path(d.path)) == f.trait_name;
    }
    if (!declared) return f.trait_name;
  }
  return {};
}

std::string joined(const std::vector<std::string>& parts, size_t limit = 3) {
  std::string out;
  for (size_t i = 0; i < parts.size() && i < limit; ++i) out += (i ? ", " : "") + parts[i];
  if (parts.size() > limit) out += " and " + std::to_string(parts.size() - limit) + " more";
  return out;
}

std::string left_off_reason(const PackageStatus& status) {
  return "locked only through " + status.left_off;
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::reachable: return "reachable";
    case Verdict::not_reachable: return "not_reachable";
    case Verdict::unknown: return "unknown";
  }
  return "?";
}

FunctionVerdict verdict_on(const CallGraph& graph, const Reachability& reach, uint32_t package,
                           const std::string& function, const std::vector<FunctionId>& targets) {
  FunctionVerdict v;
  v.function = function;
  const PackageStatus& status = graph.packages.at(package);
  if (targets.empty()) {
    v.reason = "not found in the source of " + graph.package_labels[package];
  } else if (auto path = reach.shortest_path(targets)) {
    v.verdict = Verdict::reachable;
    v.path = std::move(path);
  } else if (std::vector<std::string> blind = blind_spots(graph, package); !blind.empty()) {
    v.reason = "no call path found, but code on the way was not seen: " + joined(blind);
  } else if (std::string trait = foreign_trait_of(graph, targets); !trait.empty()) {
    v.reason = "no call path found, but it implements " + trait +
               ", which the standard library can call on the project's behalf (not modelled)";
  } else {
    v.verdict = Verdict::not_reachable;
    v.reason = "no call path from the workspace, even through calls matched by method name";
    if (!status.left_off.empty()) v.reason += "; " + left_off_reason(status);
  }
  return v;
}

PackageVerdict reach_vulnerable_functions(const CallGraph& graph, const Reachability& reach, uint32_t package,
                                          const std::vector<std::string>& functions) {
  PackageVerdict out;
  if (functions.empty()) {
    out.reason = "the advisory lists no affected functions";
    return out;
  }
  const PackageStatus& status = graph.packages.at(package);
  if (!status.analyzed && !status.left_off.empty()) {  // not even built: nothing of it can run
    out.verdict = Verdict::not_reachable;
    out.reason = left_off_reason(status);
    for (const auto& f : functions) out.functions.push_back({f, Verdict::not_reachable, std::nullopt, out.reason});
    return out;
  }
  if (!status.analyzed) {
    out.reason = "the source of " + graph.package_labels[package] + " is not available: " + status.missing_reason;
    for (const auto& f : functions) out.functions.push_back({f, Verdict::unknown, std::nullopt, out.reason});
    return out;
  }
  bool any_unknown = false, any_reachable = false;
  for (const std::string& function : functions) {
    FunctionVerdict v = verdict_on(graph, reach, package, function, graph.find(package, function));
    any_unknown |= v.verdict == Verdict::unknown;
    any_reachable |= v.verdict == Verdict::reachable;
    out.functions.push_back(std::move(v));
  }
  out.verdict = any_reachable ? Verdict::reachable : any_unknown ? Verdict::unknown : Verdict::not_reachable;
  if (out.verdict == Verdict::not_reachable && !status.left_off.empty()) out.reason = left_off_reason(status);
  return out;
}

}  // namespace cratescope::callgraph
