#include "index/index_build.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "callgraph/build_call_graph.hpp"
#include "capabilities/crate_capabilities.hpp"
#include "capabilities/rule_matcher.hpp"
#include "core/fnv1a.hpp"
#include "core/sqlite_db.hpp"
#include "index/index_schema.hpp"
#include "index/index_info.hpp"
#include "index/index_writer.hpp"
#include "index/registry_crates.hpp"
#include "index/version_table.hpp"

namespace cratescope::index {

namespace {

// What identifies one crate version's content.
std::string content_key(const std::string& name, const std::string& version, const std::string& checksum) {
  return name + "@" + version + "#" + checksum;
}

bool owned(const std::string& name, const std::string& version, const IndexOptions& options) {
  return shard_of(name, version, options.shards) == options.shard;
}

// The content keys of the versions this run owns that the database holds (a
// shard's database also holds the dependencies it linked: they do not count).
Expected<std::set<std::string>> stored_keys(SqliteDb& db, const IndexOptions& options) {
  std::set<std::string> out;
  SqliteStatement query(db, "SELECT name, version, checksum FROM crate_versions");
  if (!query.ok()) return unexpected(db.error("reading the index"));
  while (query.next_row())
    if (owned(query.text(0), query.text(1), options)) out.insert(content_key(query.text(0), query.text(1), query.text(2)));
  return out;
}

std::set<std::string> registry_keys(const std::vector<RegistryCrate>& crates, const IndexOptions& options) {
  std::set<std::string> out;
  for (const auto& c : crates)
    if (owned(c.name, c.version, options)) out.insert(content_key(c.name, c.version, c.checksum));
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
    out[content_key(query.text(0), query.text(1), query.text(2))] = counts;
  }
  return out;
}

// On the call graph's resolvers: the capabilities ask them what the unit
// builder asked already.
VersionCounts count_model(const callgraph::ModelInspection& modelled, const capabilities::RuleMatcher& rules) {
  const crates::LoadedCrate& loaded = modelled.loaded;
  capabilities::AnalysisOptions options;
  options.include_bins = false;
  options.crate_aliases = loaded.crate_aliases;
  options.by_function = false;
  capabilities::CrateCapabilities found =
      capabilities::capabilities_of(loaded.model, loaded.proc_macro, options, rules, modelled.resolvers);
  VersionCounts counts;
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

unsigned shard_of(const std::string& name, const std::string& version, unsigned shards) {
  if (shards <= 1) return 1;
  return static_cast<unsigned>(fnv1a(name + "@" + version) % shards) + 1;
}

Expected<IndexSummary> build_index(const Context& context, const IndexOptions& options) {
  auto start = std::chrono::steady_clock::now();
  if (options.shards == 0 || options.shard == 0 || options.shard > options.shards)
    return unexpected("--shard " + std::to_string(options.shard) + "/" + std::to_string(options.shards) +
                      ": K must be between 1 and N");
  std::set<std::string> stored;
  std::map<std::string, VersionCounts> previous;
  std::error_code ec;
  if (std::filesystem::exists(options.database, ec)) {
    auto db = SqliteDb::open(options.database, SqliteDb::Mode::read_only);
    if (!db) return unexpected("cannot open the index: " + db.error());
    auto keys = stored_keys(*db, options);
    if (!keys) return unexpected(options.database + ": not a cratescope index: " + keys.error());
    // An index of another schema, or modelled by another cratescope, is
    // rebuilt from fresh models: the same crates give other functions and counts.
    if (check_index_schema(*db, options.database) && modelled_as_now(*db)) {
      stored = std::move(*keys);
      if (!options.force) previous = stored_counts(*db);
    }
  }

  IndexSummary summary;
  std::vector<RegistryCrate> crates;
  {
    auto timer = context.timers.scope("index: list registry");
    crates = list_registry(context, options.registry);
  }
  if (crates.empty()) return unexpected(options.registry + ": no crates found (expected name-version/ directories or .crate files)");
  summary.crate_versions = 0;
  for (const auto& c : crates) summary.crate_versions += owned(c.name, c.version, options);
  if (!options.force && !stored.empty() && stored == registry_keys(crates, options)) {
    summary.up_to_date = true;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
  }
  unpack_crate_files(context, crates);

  // One "project" holding every crate version: each dependency edge goes to
  // the version Cargo would pick among those present.
  auto graph_timer = std::make_unique<Timers::Scope>(context.timers, "index: graph");
  RegistryGraph graph = registry_graph(crates);
  ShardScope scope;
  callgraph::BuildOptions build;
  if (options.shards > 1) {
    scope.label = std::to_string(options.shard) + "/" + std::to_string(options.shards);
    scope.owned.assign(crates.size(), false);
    for (size_t i = 0; i < crates.size(); ++i)
      scope.owned[i] = owned(crates[i].name, crates[i].version, options);
    // The owned versions and everything they depend on (to link their calls).
    build.only.assign(graph.project.packages.size(), false);
    std::vector<size_t> stack;
    for (size_t p = 0; p < graph.package_crate.size(); ++p)
      if (scope.owned[graph.package_crate[p]]) {
        build.only[p] = true;
        stack.push_back(p);
      }
    while (!stack.empty()) {
      size_t at = stack.back();
      stack.pop_back();
      for (size_t e : graph.project.out_edges(at))
        if (!build.only[graph.project.edges[e].to]) {
          build.only[graph.project.edges[e].to] = true;
          stack.push_back(graph.project.edges[e].to);
        }
    }
  }
  std::vector<VersionCounts> counts(crates.size());
  build.include_tests = false;
  build.cache_dir = options.cache_dir;
  build.must_model.assign(graph.project.packages.size(), false);
  for (size_t p = 0; p < graph.package_crate.size(); ++p) {
    const RegistryCrate& crate = crates[graph.package_crate[p]];
    auto kept = previous.find(content_key(crate.name, crate.version, crate.checksum));
    if (kept != previous.end()) counts[graph.package_crate[p]] = kept->second;
    else build.must_model[p] = true;
  }
  capabilities::RuleMatcher rules;
  std::atomic<size_t> modelled = 0;
  std::mutex files_mutex;
  std::vector<std::string> source_files;
  build.inspect = [&](size_t package, const callgraph::ModelInspection& inspected) {
    ++modelled;
    counts[graph.package_crate[package]] = count_model(inspected, rules);
    const crates::LoadedCrate& loaded = inspected.loaded;
    if (options.list_files.empty()) return;
    std::lock_guard lock(files_mutex);
    for (const auto& file : loaded.model.files)
      if (file.readable) source_files.push_back(file.path);
  };
  sources::ProjectSources sources = sources::ProjectSources::of(context.files, graph.sources);
  graph_timer.reset();
  callgraph::CallGraph call_graph;
  {
    auto timer = context.timers.scope("index: call graph");
    call_graph = callgraph::build_call_graph(context, graph.project, sources, build, options.progress);
  }
  summary.modelled = modelled;
  if (!options.list_files.empty()) {
    std::sort(source_files.begin(), source_files.end());
    std::ofstream list(options.list_files);
    for (const auto& file : source_files) list << file << "\n";
    if (!list) return unexpected(options.list_files + ": cannot be written");
  }
  {
    auto timer = context.timers.scope("index: write");
    auto db = create_partial_index(options.database);
    if (!db) return unexpected("cannot write the index: " + db.error());
    auto written =
        write_index(*db, options.database + ".partial-functions", crates, graph, std::move(call_graph), counts, scope);
    if (!written) return unexpected(written.error());
    auto indexes_timer = context.timers.scope("index: write: indexes");
    if (auto installed = install_partial_index(std::move(*db), options.database); !installed)
      return unexpected(installed.error());
    summary.functions = written->functions;
    summary.calls = written->calls;
    summary.method_calls = written->method_calls;
  }
  for (size_t i = 0; i < crates.size(); ++i)
    if (scope.owns(i)) (crates[i].error.empty() ? summary.indexed : summary.failed)++;
  summary.dependencies = graph.dependencies;
  summary.unresolved_dependencies = graph.unresolved_dependencies;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace cratescope::index
