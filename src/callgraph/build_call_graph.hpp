#pragma once
// Builds the call graph of a project: every package whose source is found is
// modelled (in parallel), then the calls are linked across crates at the
// versions the lockfile selects.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "callgraph/call_graph.hpp"
#include "callgraph/model_inspection.hpp"
#include "crates/crate_loader.hpp"
#include "core/context.hpp"
#include "load/project_graph.hpp"
#include "sources/project_sources.hpp"

namespace cratescope::callgraph {

struct BuildOptions {
  bool include_tests = true;  // members' tests, examples and benches (dependencies' never)
  // The packages to model (by package index); empty: every package the
  // workspace uses. Others are `skipped`, never counted as blind spots.
  std::vector<bool> only;
  // Where units of registry crates are kept between runs; empty: no cache.
  std::filesystem::path cache_dir;
  // Packages modelled even when their unit is cached (by package index;
  // empty: none), so that `inspect` sees their model.
  std::vector<bool> must_model;
  // Called with each package's source model, right after modelling it (from
  // any thread): the ecosystem index counts unsafe code and capabilities on
  // the same model instead of building it twice.
  std::function<void(size_t package, const ModelInspection& modelled)> inspect;
};

// Called after each package, from any thread, never concurrently.
using ProgressCallback = std::function<void(size_t done, size_t total, const std::string& package)>;

CallGraph build_call_graph(const Context& context, const load::ProjectGraph& graph, sources::ProjectSources& sources,
                           const BuildOptions& options = {}, const ProgressCallback& progress = {});

}  // namespace cratescope::callgraph
