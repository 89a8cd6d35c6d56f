#pragma once
// The resolved dependency graph of a project: every locked package, the edges
// between them with their kind (normal / dev / build) and target, and for each
// package how the workspace reaches it (at run time, only in tests, only at
// build time, only through proc-macros).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/target_platform.hpp"
#include "load/feature_selection.hpp"
#include "load/lockfile.hpp"
#include "load/manifest.hpp"
#include "load/source_locator.hpp"
#include "load/workspace.hpp"

namespace cratescope::load {

struct GraphPackage {
  std::string name;
  semver::Version version;
  std::optional<SourceId> source;  // none: a local (path) package
  bool is_member = false;
  std::optional<bool> proc_macro;  // unknown when the manifest was not available
  std::string manifest_path;       // when known
  TextPosition lock_position;      // its [[package]] in Cargo.lock
  std::string checksum;            // Cargo.lock's, when it has one (a hex sha256 for registry packages)
  // Its features that the build turns on, where known: from `cargo metadata`,
  // or resolved from the manifests (feature_resolver); unknown below a package
  // whose manifest could not be read.
  std::optional<std::set<std::string>> features;
  // Its manifest's [features] table, when the manifest was read: what the
  // feature resolver works from.
  std::optional<std::map<std::string, std::vector<std::string>>> feature_table;
  bool is_crates_io() const { return source && source->is_crates_io(); }
  std::string display() const { return name + " " + version.to_string(); }
};

struct GraphEdge {
  size_t from = 0;
  size_t to = 0;
  DependencyKind kind = DependencyKind::normal;
  bool kind_known = true;  // false: no manifest said which kind; assumed normal
  std::string target;      // cfg(...) or triple; empty for every target
  bool optional = false;
  // False for an optional dependency that no enabled feature turns on
  // (Cargo.lock lists every one some feature could); code cannot call into it.
  bool feature_enabled = true;
  // False when `target` is false for the platform of ProjectGraph::select_target.
  bool target_enabled = true;
  bool enabled() const { return feature_enabled && target_enabled; }
  std::string name;            // the name `from` uses for it (differs when renamed)
  std::string requirement;     // as written in `from`'s manifest, when known
  std::vector<std::string> features;  // of `to`, asked for by the declaration
  bool default_features = true;
  SourceLocation declared_at;  // where `from`'s manifest declares it, when known

  // The edge `spec` of the manifest at `manifest_path` declares.
  static GraphEdge declared(size_t from, size_t to, const DependencySpec& spec, const std::string& manifest_path);
};

// The contexts in which code of a package can run, relative to the workspace.
struct Reach {
  bool runtime = false;     // through normal dependencies from a member
  bool test = false;        // through a member's dev-dependencies
  bool build_time = false;  // through build-dependencies or proc-macros (runs on the build machine)
  bool via_proc_macro = false;  // some path goes through a proc-macro crate
  std::vector<size_t> members;  // the members that pull it in
  // Locked only through dependencies the build leaves off (optional ones
  // its features do not turn on, ones for other platforms than --target).
  bool left_off = false;
  bool reached() const { return runtime || test || build_time; }
  // "runtime", "test only", "build time only", ...
  std::string describe() const;
};

class ProjectGraph {
 public:
  std::string root;  // workspace root directory
  std::string lockfile_path;
  int lockfile_version = 0;
  std::string resolved_by;  // "Cargo.lock" or "cargo metadata"
  // The members' features the build selects (`describe()` says which): what
  // the feature resolver starts from.
  FeatureSelection feature_selection;
  TargetPlatform platform;  // select_target's; empty: every platform
  std::vector<GraphPackage> packages;
  std::vector<GraphEdge> edges;
  std::vector<size_t> members;

  // Call after filling the vectors: indexes edges, resolves the features of
  // the packages with a feature_table and computes reach.
  void finish();
  // Marks the edges that do not apply to `platform` ([target.'cfg(windows)'.
  // dependencies] on Linux), which then ask no features either; a malformed
  // cfg is warned about and kept.
  void select_target(const TargetPlatform& platform, Diagnostics& diagnostics);
  const std::vector<size_t>& out_edges(size_t package) const { return out_edges_[package]; }
  const std::vector<size_t>& in_edges(size_t package) const { return in_edges_[package]; }
  const Reach& reach(size_t package) const { return reach_[package]; }
  std::optional<size_t> find(const std::string& name, const semver::Version& version) const;

  // Packages reachable from the members through the edges `keep` accepts
  // (dev-dependencies of non-members are never followed).
  template <class Keep>
  std::vector<bool> reachable_through(Keep keep) const {
    return reachable_from(members, keep);
  }
  // The same from other packages than the members.
  template <class Keep>
  std::vector<bool> reachable_from(const std::vector<size_t>& starts, Keep keep) const;

  // Shortest dependency paths (as edge indices, from a member to `package`),
  // at most one per member and at most `limit` in all; sorted shortest first.
  std::vector<std::vector<size_t>> paths_to(size_t package, size_t limit = 3) const;

 private:
  std::vector<std::vector<size_t>> out_edges_, in_edges_;
  std::vector<Reach> reach_;
  void compute_reach();  // through the enabled edges
  void resolve_features_if_known();
};

template <class Keep>
std::vector<bool> ProjectGraph::reachable_from(const std::vector<size_t>& starts, Keep keep) const {
  std::vector<bool> seen(packages.size(), false);
  std::vector<size_t> stack(starts.begin(), starts.end());
  for (size_t s : starts) seen[s] = true;
  while (!stack.empty()) {
    size_t at = stack.back();
    stack.pop_back();
    for (size_t e : out_edges_[at]) {
      const GraphEdge& edge = edges[e];
      if (seen[edge.to] || !keep(edge)) continue;
      if (edge.kind == DependencyKind::dev && !packages[at].is_member) continue;
      seen[edge.to] = true;
      stack.push_back(edge.to);
    }
  }
  return seen;
}

// From Cargo.lock + the manifests of the workspace and, where their sources can
// be found (see SourceLocator), of the dependencies. Requires ws.lockfile.
// `features` is the members' selection the dependencies' features are resolved from.
std::optional<ProjectGraph> build_graph_from_lockfile(const Workspace& ws, const SourceLocator& locator, Context& ctx,
                                                      const FeatureSelection& features = {});

// From the JSON of `cargo metadata --format-version 1` (with the lockfile for
// positions, when given).
std::optional<ProjectGraph> build_graph_from_metadata(std::string_view json, const std::string& json_origin,
                                                      const Lockfile* lockfile, Context& ctx);

}  // namespace cratescope::load
