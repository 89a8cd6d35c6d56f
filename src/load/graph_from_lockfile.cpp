// Builds the ProjectGraph from Cargo.lock, which lists who depends on whom but
// not how: the kinds (normal / dev / build), targets and renames come from the
// manifests — the workspace's own, and the dependencies' where their sources
// are on disk. Without a manifest an edge is kept with kind_known = false.
#include <map>
#include <memory>
#include <set>

#include "load/project_graph.hpp"

namespace cratescope::load {
namespace {

bool source_compatible(const DependencySpec& spec, const LockedPackage& target) {
  if (spec.path) return !target.source || target.source->kind == SourceKind::path;
  if (spec.git) return target.source && target.source->kind == SourceKind::git;
  if (spec.registry) return target.source && !target.source->is_crates_io();
  // A plain requirement may still be satisfied by a [patch] from git or a path.
  return true;
}

bool requirement_compatible(const DependencySpec& spec, const LockedPackage& target) {
  if (!spec.requirement || spec.path || spec.git) return true;
  if (spec.requirement->matches(target.version)) return true;
  // Pre-release or [patch]ed versions may not match the written requirement.
  return target.version.is_prerelease() || !target.source || !target.source->is_crates_io();
}

struct ManifestSource {
  std::map<std::string, const Manifest*> local;  // "name version" of workspace and path packages
  std::vector<std::unique_ptr<Manifest>> owned;  // dependencies' manifests read from disk
};

std::string key(const std::string& name, const std::string& version) { return name + " " + version; }

const Manifest* find_manifest(const LockedPackage& package, ManifestSource& manifests, const SourceLocator& locator,
                              Context& ctx) {
  if (!package.source || package.source->kind == SourceKind::path) {
    auto it = manifests.local.find(key(package.name, package.version.to_string()));
    return it == manifests.local.end() ? nullptr : it->second;
  }
  auto dir = locator.locate(package.name, package.version);
  if (!dir) return nullptr;
  fs::path path = *dir / "Cargo.toml";
  auto text = ctx.files.read_file(path, 16u << 20);
  if (!text) return nullptr;
  // A dependency's manifest that fails to parse is not the user's problem:
  // note it and fall back to unknown edge kinds.
  Diagnostics quiet;
  auto manifest = parse_manifest(*text, path.string(), quiet);
  if (!manifest) return nullptr;
  manifests.owned.push_back(std::make_unique<Manifest>(std::move(*manifest)));
  return manifests.owned.back().get();
}

}  // namespace

std::optional<ProjectGraph> build_graph_from_lockfile(const Workspace& ws, const SourceLocator& locator, Context& ctx,
                                                      const FeatureSelection& features) {
  if (!ws.lockfile) return std::nullopt;
  auto timer = ctx.timers.scope("build dependency graph");
  const Lockfile& lock = *ws.lockfile;
  ProjectGraph graph;
  graph.root = ws.root.string();
  graph.lockfile_path = lock.path;
  graph.lockfile_version = lock.version;
  graph.resolved_by = "Cargo.lock";
  graph.feature_selection = features;

  ManifestSource manifests;
  std::map<std::string, bool> member_keys;
  for (auto& m : ws.members) {
    if (!m.package) continue;
    std::string k = key(m.package->name, m.package->version.empty() ? "0.0.0" : m.package->version);
    manifests.local[k] = &m;
    member_keys[k] = true;
  }
  for (auto& m : ws.path_dependencies)
    if (m.package) manifests.local[key(m.package->name, m.package->version.empty() ? "0.0.0" : m.package->version)] = &m;

  std::vector<const Manifest*> package_manifests;
  for (auto& locked : lock.packages) {
    GraphPackage p;
    p.name = locked.name;
    p.version = locked.version;
    p.source = locked.source;
    p.lock_position = locked.position;
    p.checksum = locked.checksum;
    // With no manifest to say who the members are (a bare Cargo.lock), every
    // local package is taken for one.
    p.is_member = !locked.source && (member_keys.empty() || member_keys.count(key(locked.name, locked.version.to_string())) > 0);
    const Manifest* manifest = find_manifest(locked, manifests, locator, ctx);
    if (manifest) {
      p.manifest_path = manifest->path;
      p.proc_macro = manifest->package && manifest->package->proc_macro;
      p.feature_table = manifest->features;
    }
    if (p.is_member) graph.members.push_back(graph.packages.size());
    package_manifests.push_back(manifest);
    graph.packages.push_back(std::move(p));
  }
  for (auto& [k, _] : member_keys) {
    bool found = false;
    for (size_t m : graph.members) found |= key(graph.packages[m].name, graph.packages[m].version.to_string()) == k;
    if (!found)
      ctx.diagnostics.warning(lock.path, "", {}, "workspace member " + k + " is not in Cargo.lock (the lockfile is out of date; run `cargo update -w`)");
  }

  for (size_t from = 0; from < lock.packages.size(); ++from) {
    const LockedPackage& locked = lock.packages[from];
    const Manifest* manifest = package_manifests[from];
    for (auto& dependency : locked.dependencies) {
      int to = lock.resolve(dependency);
      if (to < 0) continue;  // reported by the lockfile parser
      const LockedPackage& target = lock.packages[static_cast<size_t>(to)];
      bool matched = false;
      if (manifest) {
        for (auto& spec : manifest->dependencies) {
          if (spec.package != target.name || !source_compatible(spec, target) || !requirement_compatible(spec, target)) continue;
          if (spec.kind == DependencyKind::dev && !graph.packages[from].is_member) continue;
          graph.edges.push_back(GraphEdge::declared(from, static_cast<size_t>(to), spec, manifest->path));
          matched = true;
        }
      }
      if (!matched) {
        GraphEdge edge;
        edge.from = from;
        edge.to = static_cast<size_t>(to);
        edge.kind_known = false;
        edge.name = target.name;
        graph.edges.push_back(std::move(edge));
      }
    }
  }
  graph.finish();
  return graph;
}

}  // namespace cratescope::load
