// Builds the ProjectGraph from `cargo metadata --format-version 1`: Cargo's
// own resolution, with dependency kinds and targets for every edge.
#include <map>

#include <nlohmann/json.hpp>

#include "load/project_graph.hpp"

namespace cratescope::load {
namespace {

using nlohmann::json;

std::string string_or_empty(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

DependencyKind kind_of(const json& value) {
  std::string kind = string_or_empty(value);
  if (kind == "dev") return DependencyKind::dev;
  if (kind == "build") return DependencyKind::build;
  return DependencyKind::normal;
}

bool is_proc_macro(const json& package) {
  for (auto& target : package.value("targets", json::array()))
    for (auto& kind : target.value("kind", json::array()))
      if (kind == "proc-macro") return true;
  return false;
}

// Positions of a local package's dependency declarations, read from its manifest.
std::map<std::string, SourceLocation> declaration_sites(const std::string& manifest_path, Context& ctx) {
  std::map<std::string, SourceLocation> sites;
  auto text = ctx.files.read_file(manifest_path, 16u << 20);
  if (!text) return sites;
  Diagnostics quiet;
  auto manifest = parse_manifest(*text, manifest_path, quiet);
  if (!manifest) return sites;
  for (auto& spec : manifest->dependencies)
    sites.emplace(spec.name + "|" + to_string(spec.kind) + "|" + spec.target, SourceLocation{manifest_path, spec.position});
  return sites;
}

}  // namespace

std::optional<ProjectGraph> build_graph_from_metadata(std::string_view text, const std::string& json_origin,
                                                      const Lockfile* lockfile, Context& ctx) {
  auto timer = ctx.timers.scope("build dependency graph");
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("packages") || !doc.contains("resolve")) {
    ctx.diagnostics.error(json_origin, "", {}, "`cargo metadata` output is not the expected JSON (format version 1)");
    return std::nullopt;
  }
  try {
    ProjectGraph graph;
    graph.root = string_or_empty(doc["workspace_root"]);
    graph.resolved_by = "cargo metadata";
    if (lockfile) {
      graph.lockfile_path = lockfile->path;
      graph.lockfile_version = lockfile->version;
    }
    std::map<std::string, size_t> by_id;
    std::map<std::string, const json*> package_json;
    for (auto& package : doc["packages"]) {
      auto version = semver::Version::parse(string_or_empty(package["version"]));
      if (!version) continue;
      GraphPackage p;
      p.name = string_or_empty(package["name"]);
      p.version = *version;
      if (package["source"].is_string()) p.source = SourceId::parse(package["source"].get<std::string>());
      p.proc_macro = is_proc_macro(package);
      p.manifest_path = string_or_empty(package["manifest_path"]);
      if (lockfile) {
        for (auto& locked : lockfile->packages)
          if (locked.name == p.name && locked.version == p.version) {
            p.lock_position = locked.position;
            p.checksum = locked.checksum;
          }
      }
      std::string id = string_or_empty(package["id"]);
      by_id[id] = graph.packages.size();
      package_json[id] = &package;
      graph.packages.push_back(std::move(p));
    }
    for (auto& id : doc.value("workspace_members", json::array())) {
      auto it = by_id.find(string_or_empty(id));
      if (it == by_id.end()) continue;
      graph.packages[it->second].is_member = true;
      graph.members.push_back(it->second);
    }
    for (auto& node : doc["resolve"].value("nodes", json::array())) {
      auto from = by_id.find(string_or_empty(node["id"]));
      if (from == by_id.end()) continue;
      GraphPackage& from_package = graph.packages[from->second];
      if (node.contains("features") && node["features"].is_array()) {
        from_package.features.emplace();
        for (auto& f : node["features"]) from_package.features->insert(string_or_empty(f));
      }
      auto sites = from_package.source ? std::map<std::string, SourceLocation>{}
                                       : declaration_sites(from_package.manifest_path, ctx);
      for (auto& dep : node.value("deps", json::array())) {
        auto to = by_id.find(string_or_empty(dep["pkg"]));
        if (to == by_id.end()) continue;
        for (auto& dep_kind : dep.value("dep_kinds", json::array())) {
          GraphEdge edge;
          edge.from = from->second;
          edge.to = to->second;
          edge.kind = kind_of(dep_kind["kind"]);
          edge.target = string_or_empty(dep_kind["target"]);
          edge.name = string_or_empty(dep["name"]);
          // cargo metadata writes the extern name with '-' replaced by '_'; the
          // manifest key may use either, so look up both spellings.
          for (auto& [site_key, where] : sites) {
            std::string want = "|" + std::string(to_string(edge.kind)) + "|" + edge.target;
            std::string name = site_key.substr(0, site_key.find('|'));
            std::string normalized = name;
            for (auto& c : normalized) c = c == '-' ? '_' : c;
            if (site_key.substr(name.size()) == want && (name == edge.name || normalized == edge.name)) edge.declared_at = where;
          }
          const json& dependent = *package_json[string_or_empty(node["id"])];
          for (auto& declared : dependent.value("dependencies", json::array())) {
            std::string key = declared["rename"].is_string() ? declared["rename"].get<std::string>() : string_or_empty(declared["name"]);
            for (auto& c : key) c = c == '-' ? '_' : c;
            if (key == edge.name && kind_of(declared["kind"]) == edge.kind && string_or_empty(declared["target"]) == edge.target) {
              edge.requirement = string_or_empty(declared["req"]);
              edge.optional = declared.value("optional", false);
            }
          }
          graph.edges.push_back(std::move(edge));
        }
      }
    }
    graph.finish();
    return graph;
  } catch (const json::exception& e) {
    ctx.diagnostics.error(json_origin, "", {}, std::string("unexpected `cargo metadata` output: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace cratescope::load
