#include "capabilities/project_capabilities.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "core/thread_limit.hpp"

namespace cratescope::capabilities {

ProjectCapabilities analyze_project(const Context& context, const load::ProjectGraph& graph,
                                    sources::ProjectSources& sources, const AnalysisOptions& options,
                                    const RuleMatcher& rules, const ProgressCallback& progress,
                                    const std::vector<bool>& keep) {
  ProjectCapabilities out;
  out.root = graph.root;
  std::vector<std::filesystem::path> dirs(graph.packages.size());
  sources.check_vendored(context.threads, keep);
  for (size_t i = 0; i < graph.packages.size(); ++i) {
    if (!keep.empty() && !keep[i]) continue;
    const load::GraphPackage& package = graph.packages[i];
    PackageCapabilities entry;
    entry.package = i;
    entry.name = package.name;
    entry.version = package.version.to_string();
    entry.is_member = package.is_member;
    entry.reach = graph.reach(i).describe();
    entry.origin = sources.at(i).origin;
    if (!sources.at(i).found()) {
      entry.missing_reason = sources.at(i).reason;
    } else if (auto dir = sources.extract(i)) {  // .crate files are unpacked here, one by one
      dirs[i] = *dir;
      sources.report_warnings(i, context.diagnostics);
    } else {
      entry.missing_reason = dir.error();
      entry.origin = sources::SourceOrigin::missing;
    }
    out.packages.push_back(std::move(entry));
  }

  Context inner{context.files, context.diagnostics, context.timers, 0};  // nested in the arena below
  std::mutex progress_mutex;
  std::atomic<size_t> done = 0;
  auto work = [&] {
    tbb::parallel_for(size_t{0}, out.packages.size(), [&](size_t k) {
      PackageCapabilities& entry = out.packages[k];
      if (entry.missing_reason.empty()) {
        AnalysisOptions package_options = options;
        package_options.include_bins = entry.is_member;
        package_options.include_tests = options.include_tests && entry.is_member;
        if (options.cfg) package_options.cfg = CfgFacts{options.cfg->platform, graph.packages[entry.package].features};
        CrateCapabilities result = analyze_crate(inner, dirs[entry.package].generic_string(), package_options, rules);
        result.name = entry.name;  // the lockfile's identity wins over a manifest's `version.workspace`
        result.version = entry.version;
        entry.result = std::move(result);
      }
      size_t now = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(now, out.packages.size(), entry.name);
      }
    });
  };
  with_thread_limit(context.threads, work);
  std::stable_sort(out.packages.begin(), out.packages.end(), [](const auto& a, const auto& b) {
    return std::tie(b.is_member, a.name, a.version) < std::tie(a.is_member, b.name, b.version);
  });
  return out;
}

}  // namespace cratescope::capabilities
