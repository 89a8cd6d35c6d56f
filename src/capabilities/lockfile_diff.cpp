#include "capabilities/lockfile_diff.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <map>

namespace cratescope::capabilities {

namespace {

// 1.2.3 and 1.9.0 are one series; 0.2.x and 0.3.x are not (Cargo's caret rule).
bool same_series(const semver::Version& a, const semver::Version& b) {
  if (a.major != b.major) return false;
  if (a.major != 0) return true;
  if (a.minor != b.minor) return false;
  return a.minor != 0 || a.patch == b.patch;
}

bool is_third_party(const load::LockedPackage& p) { return p.source && p.source->kind != load::SourceKind::path; }

// A graph of packages only (no edges): enough for locating sources.
load::ProjectGraph packages_graph(const std::vector<const load::LockedPackage*>& packages) {
  load::ProjectGraph graph;
  for (const auto* p : packages) {
    load::GraphPackage g;
    g.name = p->name;
    g.version = p->version;
    g.source = p->source;
    graph.packages.push_back(std::move(g));
  }
  graph.finish();
  return graph;
}

}  // namespace

std::vector<PackagePairing> pair_changed_packages(const load::Lockfile& old_lock, const load::Lockfile& new_lock) {
  std::map<std::string, std::vector<const load::LockedPackage*>> olds, news;
  for (const auto& p : old_lock.packages)
    if (is_third_party(p)) olds[p.name].push_back(&p);
  for (const auto& p : new_lock.packages)
    if (is_third_party(p)) news[p.name].push_back(&p);
  std::vector<PackagePairing> out;
  auto by_version_desc = [](const auto* a, const auto* b) { return b->version < a->version; };
  std::set<std::string> names;
  for (const auto& [name, _] : olds) names.insert(name);
  for (const auto& [name, _] : news) names.insert(name);
  for (const auto& name : names) {
    auto old_left = olds[name], new_left = news[name];
    // Unchanged versions drop out of both sides.
    std::erase_if(new_left, [&](const auto* n) {
      auto same = std::find_if(old_left.begin(), old_left.end(), [&](const auto* o) { return o->version == n->version; });
      if (same == old_left.end()) return false;
      old_left.erase(same);
      return true;
    });
    std::sort(old_left.begin(), old_left.end(), by_version_desc);
    std::sort(new_left.begin(), new_left.end(), by_version_desc);
    for (const auto* n : new_left) {
      auto match = std::find_if(old_left.begin(), old_left.end(), [&](const auto* o) { return same_series(o->version, n->version); });
      if (match == old_left.end() && !old_left.empty()) match = old_left.begin();
      if (match == old_left.end()) {
        out.push_back({nullptr, n});
      } else {
        out.push_back({*match, n});
        old_left.erase(match);
      }
    }
    for (const auto* o : old_left) out.push_back({o, nullptr});
  }
  return out;
}

LockfileDiff diff_lockfiles(const Context& context, const load::Lockfile& old_lock, const load::Lockfile& new_lock,
                            const sources::SourceSearch& search, const AnalysisOptions& options,
                            const RuleMatcher& rules) {
  LockfileDiff out;
  auto pairs = pair_changed_packages(old_lock, new_lock);
  size_t third_party = static_cast<size_t>(std::count_if(new_lock.packages.begin(), new_lock.packages.end(), is_third_party));
  size_t changed_new = static_cast<size_t>(std::count_if(pairs.begin(), pairs.end(), [](const auto& p) { return p.new_package; }));
  out.unchanged = third_party - changed_new;

  // Every version to analyse, once: [old..., new...] in pair order.
  std::vector<const load::LockedPackage*> wanted;
  for (const auto& p : pairs) wanted.push_back(p.old_package);
  for (const auto& p : pairs) wanted.push_back(p.new_package);
  std::vector<const load::LockedPackage*> present;
  for (const auto* p : wanted)
    if (p) present.push_back(p);
  load::ProjectGraph graph = packages_graph(present);
  auto sources = sources::ProjectSources::locate(graph, context.files, search);

  std::vector<std::optional<CrateCapabilities>> results(present.size());
  std::vector<std::string> unknown(present.size());
  for (size_t i = 0; i < present.size(); ++i) {
    if (!sources.at(i).found()) {
      unknown[i] = present[i]->name + " " + present[i]->version.to_string() + ": " + sources.at(i).reason;
      continue;
    }
    auto dir = sources.extract(i);
    if (!dir) {
      unknown[i] = present[i]->name + " " + present[i]->version.to_string() + ": " + dir.error();
      continue;
    }
    results[i].emplace();
    results[i]->dir = dir->generic_string();
  }
  Context inner{context.files, context.diagnostics, context.timers, 0};
  tbb::parallel_for(size_t{0}, present.size(), [&](size_t i) {
    if (!results[i]) return;
    AnalysisOptions dependency = options;
    dependency.include_bins = false;
    dependency.include_tests = false;
    auto result = analyze_crate(inner, results[i]->dir, dependency, rules);
    result.name = present[i]->name;
    result.version = present[i]->version.to_string();
    results[i] = std::move(result);
  });

  auto index_of = [&](const load::LockedPackage* p) {
    return static_cast<size_t>(std::find(present.begin(), present.end(), p) - present.begin());
  };
  for (const auto& pair : pairs) {
    const CrateCapabilities* before = nullptr;
    const CrateCapabilities* after = nullptr;
    std::string why_unknown;
    for (const auto* p : {pair.old_package, pair.new_package}) {
      if (!p) continue;
      size_t i = index_of(p);
      if (!results[i]) {
        why_unknown += (why_unknown.empty() ? "" : "; ") + unknown[i];
        continue;
      }
      (p == pair.old_package ? before : after) = &*results[i];
    }
    CrateDiff d = diff_crates(before, after);
    d.name = (pair.new_package ? pair.new_package : pair.old_package)->name;
    d.old_version = pair.old_package ? pair.old_package->version.to_string() : "";
    d.new_version = pair.new_package ? pair.new_package->version.to_string() : "";
    if (!why_unknown.empty()) {
      // Without both sides a difference would be a guess: report none, say why.
      d.added.clear();
      d.removed.clear();
      d.added_unsafe.clear();
      d.removed_unsafe.clear();
      d.new_capabilities.clear();
      d.dropped_capabilities.clear();
      d.unknown = "source not available: " + why_unknown;
    }
    out.crates.push_back(std::move(d));
  }
  return out;
}

}  // namespace cratescope::capabilities
