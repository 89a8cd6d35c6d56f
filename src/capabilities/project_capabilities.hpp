#pragma once
// Capabilities of every package of a project: each locked package's source
// located (sources/project_sources.hpp) and analysed, crates in parallel.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "capabilities/crate_capabilities.hpp"
#include "load/project_graph.hpp"
#include "sources/project_sources.hpp"

namespace cratescope::capabilities {

struct PackageCapabilities {
  size_t package = 0;  // index in the graph
  std::string name, version;
  bool is_member = false;
  std::string reach;  // "runtime", "build time only", ...
  sources::SourceOrigin origin = sources::SourceOrigin::missing;
  std::string missing_reason;  // no source: why (the package is then `unknown`)
  std::optional<CrateCapabilities> result;
};

struct ProjectCapabilities {
  std::string root;
  std::vector<PackageCapabilities> packages;  // members first, then by name and version
};

// Called after each package, from any thread, never concurrently.
using ProgressCallback = std::function<void(size_t done, size_t total, const std::string& package)>;

// Members are analysed with their binaries; dependencies as Cargo builds
// them: lib and build script. `keep` (by package index; empty: all) selects
// the packages to analyse and report. With `options.cfg` set (the build's
// view, `--target`), its platform applies to every package, and each
// package's features are its own (load::GraphPackage::features).
ProjectCapabilities analyze_project(const Context& context, const load::ProjectGraph& graph,
                                    sources::ProjectSources& sources, const AnalysisOptions& options,
                                    const RuleMatcher& rules, const ProgressCallback& progress = {},
                                    const std::vector<bool>& keep = {});

}  // namespace cratescope::capabilities
