#include "load/project_graph.hpp"

#include <algorithm>
#include <deque>

#include "load/feature_resolver.hpp"

namespace cratescope::load {

std::string Reach::describe() const {
  if (left_off) return "not built (locked only through dependencies this build leaves off)";
  if (!reached()) return "not reached from the workspace";
  std::vector<std::string> parts;
  if (runtime) parts.push_back("runtime");
  if (test) parts.push_back(runtime ? "tests" : "tests only");
  if (build_time) parts.push_back(runtime || test ? "build time" : "build time only");
  std::string out;
  for (auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  if (via_proc_macro && !runtime && !test) out += " (through a proc-macro)";
  return out;
}

GraphEdge GraphEdge::declared(size_t from, size_t to, const DependencySpec& spec, const std::string& manifest_path) {
  GraphEdge edge;
  edge.from = from;
  edge.to = to;
  edge.kind = spec.kind;
  edge.target = spec.target;
  edge.optional = spec.optional;
  edge.name = spec.name;
  edge.requirement = spec.requirement_text;
  edge.features = spec.features;
  edge.default_features = spec.default_features;
  edge.declared_at = {manifest_path, spec.position};
  return edge;
}

std::optional<size_t> ProjectGraph::find(const std::string& name, const semver::Version& version) const {
  for (size_t i = 0; i < packages.size(); ++i)
    if (packages[i].name == name && packages[i].version == version) return i;
  return std::nullopt;
}

namespace {

enum Context : uint8_t { kRuntime = 1, kTest = 2, kBuild = 4 };

// The context the dependency's code runs in, given the context of the
// dependent: a build-dependency (or anything under a proc-macro) runs on the
// build machine; a member's dev-dependency only in tests.
uint8_t next_context(uint8_t from_context, const GraphEdge& edge, bool from_is_member, bool to_is_proc_macro) {
  uint8_t out = from_context;
  if (edge.kind == DependencyKind::build) out = kBuild;
  else if (edge.kind == DependencyKind::dev) out = from_is_member ? kTest : 0;  // dev-deps of dependencies are never built
  if (to_is_proc_macro && out) out = kBuild;
  return out;
}

}  // namespace

void ProjectGraph::select_target(const TargetPlatform& target, Diagnostics& diagnostics) {
  platform = target;
  if (std::string doubt = target.unrecognized(); !doubt.empty()) diagnostics.warning("", "", {}, std::move(doubt));
  for (GraphEdge& edge : edges) {
    auto match = target_matches(edge.target, platform);
    if (!match) diagnostics.warning(edge.declared_at.file, "", edge.declared_at.position, match.error());
    edge.target_enabled = !match || *match != Tristate::no;
  }
  resolve_features_if_known();
  compute_reach();
}

// From the manifests; features that `cargo metadata` reported are kept.
void ProjectGraph::resolve_features_if_known() {
  if (std::any_of(packages.begin(), packages.end(), [](const GraphPackage& p) { return p.feature_table.has_value(); }))
    resolve_features(*this);
}

void ProjectGraph::finish() {
  out_edges_.assign(packages.size(), {});
  in_edges_.assign(packages.size(), {});
  for (size_t i = 0; i < edges.size(); ++i) {
    out_edges_[edges[i].from].push_back(i);
    in_edges_[edges[i].to].push_back(i);
  }
  resolve_features_if_known();
  compute_reach();
}

void ProjectGraph::compute_reach() {
  // Walk (package, context, through-a-proc-macro) states from each member; a
  // state is visited once, so cycles terminate.
  reach_.assign(packages.size(), {});
  std::vector<uint8_t> seen(packages.size());
  auto state_bit = [](uint8_t context, bool via_proc) { return static_cast<uint8_t>(via_proc ? context << 3 : context); };
  struct State {
    size_t package;
    uint8_t context;
    bool via_proc;
  };
  for (size_t member : members) {
    std::fill(seen.begin(), seen.end(), 0);
    std::deque<State> queue{{member, kRuntime, false}};
    seen[member] = kRuntime;
    while (!queue.empty()) {
      State at = queue.front();
      queue.pop_front();
      for (size_t e : out_edges_[at.package]) {
        const GraphEdge& edge = edges[e];
        if (!edge.enabled()) continue;  // not built: see Reach::left_off
        bool proc_macro = packages[edge.to].proc_macro.value_or(false);
        uint8_t context = next_context(at.context, edge, packages[at.package].is_member, proc_macro);
        if (!context) continue;
        bool via_proc = at.via_proc || proc_macro;
        uint8_t bit = state_bit(context, via_proc);
        if (seen[edge.to] & bit) continue;
        seen[edge.to] |= bit;
        queue.push_back({edge.to, context, via_proc});
      }
    }
    for (size_t p = 0; p < packages.size(); ++p) {
      if (!seen[p] || p == member) continue;
      uint8_t contexts = static_cast<uint8_t>(seen[p] | (seen[p] >> 3));
      Reach& r = reach_[p];
      r.runtime |= (contexts & kRuntime) != 0;
      r.test |= (contexts & kTest) != 0;
      r.build_time |= (contexts & kBuild) != 0;
      r.via_proc_macro |= (seen[p] >> 3) != 0;
      r.members.push_back(member);
    }
  }
  for (size_t member : members) {
    reach_[member].runtime = true;
    reach_[member].members = {member};
  }
  std::vector<bool> locked = reachable_through([](const GraphEdge&) { return true; });
  for (size_t p = 0; p < packages.size(); ++p) reach_[p].left_off = locked[p] && !reach_[p].reached();
}

std::vector<std::vector<size_t>> ProjectGraph::paths_to(size_t package, size_t limit) const {
  std::vector<std::vector<size_t>> paths;
  for (size_t member : members) {
    if (member == package) return {{}};
    // BFS from the member, remembering the edge that discovered each package.
    std::vector<long> via(packages.size(), -1);
    std::vector<bool> seen(packages.size(), false);
    std::deque<size_t> queue{member};
    seen[member] = true;
    while (!queue.empty() && !seen[package]) {
      size_t pkg = queue.front();
      queue.pop_front();
      for (size_t e : out_edges_[pkg]) {
        const GraphEdge& edge = edges[e];
        if (edge.kind == DependencyKind::dev && !packages[pkg].is_member) continue;
        if (seen[edge.to]) continue;
        seen[edge.to] = true;
        via[edge.to] = static_cast<long>(e);
        queue.push_back(edge.to);
      }
    }
    if (!seen[package]) continue;
    std::vector<size_t> path;
    for (size_t at = package; at != member; at = edges[static_cast<size_t>(via[at])].from)
      path.push_back(static_cast<size_t>(via[at]));
    std::reverse(path.begin(), path.end());
    paths.push_back(std::move(path));
  }
  std::stable_sort(paths.begin(), paths.end(), [](auto& a, auto& b) { return a.size() < b.size(); });
  if (paths.size() > limit) paths.resize(limit);
  return paths;
}

}  // namespace cratescope::load
