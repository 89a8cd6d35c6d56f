#include "index/index_build.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>

#include "callgraph/build_call_graph.hpp"
#include "capabilities/crate_capabilities.hpp"
#include "capabilities/rule_matcher.hpp"
#include "core/sqlite_db.hpp"
#include "index/index_schema.hpp"
#include "index/index_writer.hpp"
#include "index/registry_crates.hpp"
#include "index/version_table.hpp"

namespace cratescope::index {

namespace {

// (name, version, checksum) of every crate version the database holds.
Expected<std::set<std::string>> stored_keys(SqliteDb& db) {
  std::set<std::string> out;
  SqliteStatement query(db, "SELECT name, version, checksum FROM crate_versions");
  if (!query.ok()) return unexpected(db.error("reading the index"));
  while (query.next_row()) out.insert(query.text(0) + "@" + query.text(1) + "#" + query.text(2));
  return out;
}

std::set<std::string> registry_keys(const std::vector<RegistryCrate>& crates) {
  std::set<std::string> out;
  for (const auto& c : crates) out.insert(c.name + "@" + c.version + "#" + c.checksum);
  return out;
}

// Counts kept from the previous run for versions whose content is unchanged.
std::map<std::string, VersionCounts> stored_counts(SqliteDb& db) {
  std::map<std::string, VersionCounts> out;
  SqliteStatement query(db,
                        "SELECT name, version, checksum, unsafe_sites, forbids_unsafe, capabilities, files, "
                        "unanalyzed_files FROM crate_versions WHERE status = 'indexed'");
  if (!query.ok()) return out;
  while (query.next_row()) {
    VersionCounts counts;
    counts.unsafe_sites = static_cast<size_t>(query.integer(3));
    counts.forbids_unsafe = query.integer(4) != 0;
    counts.capabilities = query.text(5);
    counts.files = static_cast<size_t>(query.integer(6));
    counts.unanalyzed_files = static_cast<size_t>(query.integer(7));
    counts.known = true;
    out[query.text(0) + "@" + query.text(1) + "#" + query.text(2)] = counts;
  }
  return out;
}

VersionCounts count_model(const crates::LoadedCrate& loaded, const capabilities::RuleMatcher& rules) {
  capabilities::AnalysisOptions options;
  options.include_bins = false;
  options.crate_aliases = loaded.crate_aliases;
  capabilities::CrateCapabilities found = capabilities::capabilities_of(loaded.model, loaded.proc_macro, options, rules);
  VersionCounts counts;
  counts.known = true;
  counts.unsafe_sites = found.unsafe_sites.size();
  counts.forbids_unsafe = found.forbids_unsafe;
  std::map<std::string, size_t> by_capability;
  for (const auto& finding : found.findings)
    if (!finding.test_only) ++by_capability[std::string(capabilities::to_string(finding.capability))];
  counts.capabilities = capability_counts_json(by_capability);
  counts.files = loaded.model.files.size();
  for (const auto& file : loaded.model.files)
    if (!file.analyzed()) ++counts.unanalyzed_files;
  return counts;
}

}  // namespace

Expected<IndexSummary> build_index(const Context& context, const IndexOptions& options) {
  auto start = std::chrono::steady_clock::now();
  auto db = SqliteDb::open(options.database, SqliteDb::Mode::create);
  if (!db) return unexpected("cannot open the index: " + db.error());
  if (auto made = db->exec(kIndexSchema); !made)
    return unexpected(options.database + ": not a cratescope index (or not writable): " + made.error());

  IndexSummary summary;
  std::vector<RegistryCrate> crates;
  {
    auto timer = context.timers.scope("index: list registry");
    crates = list_registry(context, options.registry, false);
  }
  if (crates.empty()) return unexpected(options.registry + ": no crates found (expected name-version/ directories or .crate files)");
  summary.crate_versions = crates.size();
  auto stored = stored_keys(*db);
  if (!stored) return unexpected(stored.error());
  if (!options.force && *stored == registry_keys(crates)) {
    summary.up_to_date = true;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
  }
  bool any_crate_file = std::any_of(crates.begin(), crates.end(), [](const RegistryCrate& c) { return c.from_crate_file; });
  if (any_crate_file) crates = list_registry(context, options.registry, true);
  std::map<std::string, VersionCounts> previous = options.force ? std::map<std::string, VersionCounts>{} : stored_counts(*db);

  // One "project" holding every crate version: each dependency edge goes to
  // the version Cargo would pick among those present.
  RegistryGraph graph = registry_graph(crates);
  std::vector<VersionCounts> counts(crates.size());
  callgraph::BuildOptions build;
  build.include_tests = false;
  build.cache_dir = options.cache_dir;
  build.must_model.assign(graph.project.packages.size(), false);
  for (size_t p = 0; p < graph.package_crate.size(); ++p) {
    const RegistryCrate& crate = crates[graph.package_crate[p]];
    auto kept = previous.find(crate.name + "@" + crate.version + "#" + crate.checksum);
    if (kept != previous.end()) counts[graph.package_crate[p]] = kept->second;
    else build.must_model[p] = true;
  }
  capabilities::RuleMatcher rules;
  std::atomic<size_t> modelled = 0;
  build.inspect = [&](size_t package, const crates::LoadedCrate& loaded) {
    ++modelled;
    counts[graph.package_crate[package]] = count_model(loaded, rules);
  };
  sources::ProjectSources sources = sources::ProjectSources::of(context.files, graph.sources);
  callgraph::CallGraph call_graph;
  {
    auto timer = context.timers.scope("index: call graph");
    call_graph = callgraph::build_call_graph(context, graph.project, sources, build, options.progress);
  }
  summary.modelled = modelled;
  {
    auto timer = context.timers.scope("index: write");
    auto written = write_index(*db, crates, graph, call_graph, counts);
    if (!written) return unexpected(written.error());
    summary.functions = written->functions;
    summary.calls = written->calls;
    summary.method_calls = written->method_calls;
  }
  for (const auto& crate : crates) (crate.error.empty() ? summary.indexed : summary.failed)++;
  summary.dependencies = graph.dependencies;
  summary.unresolved_dependencies = graph.unresolved_dependencies;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace cratescope::index
