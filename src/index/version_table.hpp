#pragma once
// Which version each dependency requirement selects among the crate versions
// of the index (the highest that matches, pre-releases only when the
// requirement names one: Cargo's rule), and the whole registry as one
// dependency graph for the call-graph builder.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "index/registry_crates.hpp"
#include "load/project_graph.hpp"
#include "semver/version.hpp"
#include "sources/project_sources.hpp"

namespace cratescope::index {

class VersionTable {
 public:
  void add(const std::string& name, const semver::Version& version, size_t id);
  // The highest version of `name` that `requirement` accepts; nullopt: none.
  std::optional<size_t> resolve(const std::string& name, const semver::VersionReq& requirement) const;

 private:
  std::map<std::string, std::vector<std::pair<semver::Version, size_t>>> versions_;
};

struct RegistryDependency {
  size_t from_crate = 0;                   // index into the crate list
  const load::DependencySpec* spec = nullptr;
  std::optional<size_t> resolved_crate;    // index into the crate list
};

struct RegistryGraph {
  load::ProjectGraph project;            // one package per indexable crate version
  std::vector<size_t> package_crate;     // package index -> crate list index
  std::vector<long> crate_package;       // crate list index -> package index, -1: not indexable
  std::vector<sources::PackageSource> sources;  // by package index
  std::vector<RegistryDependency> dependencies_all;  // every kind, in crate order
  size_t dependencies = 0, unresolved_dependencies = 0;
};

// Crates that cannot be indexed (an error already, a version that is not
// SemVer, a second copy of a name@version) get `error` set here.
RegistryGraph registry_graph(std::vector<RegistryCrate>& crates);

}  // namespace cratescope::index
