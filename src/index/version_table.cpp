#include "index/version_table.hpp"

#include <algorithm>

namespace cratescope::index {

void VersionTable::add(const std::string& name, const semver::Version& version, size_t id) {
  versions_[name].emplace_back(version, id);
}

std::optional<size_t> VersionTable::resolve(const std::string& name, const semver::VersionReq& requirement) const {
  auto found = versions_.find(name);
  if (found == versions_.end()) return std::nullopt;
  const std::pair<semver::Version, size_t>* best = nullptr;
  for (const auto& candidate : found->second)
    if (requirement.matches(candidate.first) && (!best || candidate.first > best->first)) best = &candidate;
  if (!best) return std::nullopt;
  return best->second;
}

RegistryGraph registry_graph(std::vector<RegistryCrate>& crates) {
  RegistryGraph out;
  out.crate_package.assign(crates.size(), -1);
  VersionTable table;
  std::map<std::string, size_t> seen;  // name@version -> crate index
  for (size_t i = 0; i < crates.size(); ++i) {
    RegistryCrate& crate = crates[i];
    if (!crate.error.empty()) continue;
    auto version = semver::Version::parse(crate.version);
    if (!version) {
      crate.error = "version `" + crate.version + "` is not SemVer: " + version.error();
      continue;
    }
    auto [at, inserted] = seen.emplace(crate.key(), i);
    if (!inserted) {
      crate.error = "a second copy of " + crate.key() + " (first: " + crates[at->second].entry + ")";
      continue;
    }
    load::GraphPackage package;
    package.name = crate.name;
    package.version = *version;
    load::SourceId source;
    source.kind = load::SourceKind::directory;  // immutable: its call-graph unit may be cached
    source.raw = "index+" + crate.checksum;
    package.source = source;
    package.proc_macro = crate.manifest->package->proc_macro;
    package.manifest_path = crate.dir + "/Cargo.toml";
    out.crate_package[i] = static_cast<long>(out.project.packages.size());
    out.package_crate.push_back(i);
    out.project.packages.push_back(std::move(package));
    sources::PackageSource where;
    where.origin = sources::SourceOrigin::directory_registry;  // a .crate is unpacked already
    where.dir = crate.dir;
    if (crate.from_crate_file) where.cache_identity = "crate-file:" + crate.checksum;  // unpacked anew each run
    out.sources.push_back(std::move(where));
    table.add(crate.name, *version, i);
  }
  for (size_t i = 0; i < crates.size(); ++i) {
    if (out.crate_package[i] < 0) continue;
    for (const auto& spec : crates[i].manifest->dependencies) {
      RegistryDependency dependency{i, &spec, std::nullopt};
      if (spec.requirement) dependency.resolved_crate = table.resolve(spec.package, *spec.requirement);
      ++out.dependencies;
      if (!dependency.resolved_crate) ++out.unresolved_dependencies;
      out.dependencies_all.push_back(dependency);
      // Tests are not indexed: dev-dependencies link nothing.
      if (!dependency.resolved_crate || spec.kind == load::DependencyKind::dev) continue;
      load::GraphEdge edge;
      edge.from = static_cast<size_t>(out.crate_package[i]);
      edge.to = static_cast<size_t>(out.crate_package[*dependency.resolved_crate]);
      edge.kind = spec.kind;
      edge.target = spec.target;
      edge.optional = spec.optional;
      edge.name = spec.name;
      edge.requirement = spec.requirement_text;
      if (edge.from != edge.to) out.project.edges.push_back(std::move(edge));
    }
  }
  for (size_t p = 0; p < out.project.packages.size(); ++p) out.project.members.push_back(p);
  out.project.finish();
  return out;
}

}  // namespace cratescope::index
