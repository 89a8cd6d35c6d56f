#include "capabilities/lockfile_diff.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "capabilities/project_capabilities.hpp"
#include "sources/crate_checksum.hpp"

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

// Two different sha256s of one version; other strings say nothing.
bool other_checksum(const load::LockedPackage& a, const load::LockedPackage& b) {
  return sources::is_sha256_hex(a.checksum) && sources::is_sha256_hex(b.checksum) &&
         !sources::same_sha256(a.checksum, b.checksum);
}

// A graph of packages only (no edges): enough for locating sources.
load::ProjectGraph packages_graph(const std::vector<const load::LockedPackage*>& packages) {
  load::ProjectGraph graph;
  for (const auto* p : packages) {
    load::GraphPackage g;
    g.name = p->name;
    g.version = p->version;
    g.source = p->source;
    g.checksum = p->checksum;  // a .crate in Cargo's cache is checked against it
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
    // Unchanged versions drop out of both sides; one pinned to another sum
    // is paired with itself and said.
    std::erase_if(new_left, [&](const auto* n) {
      auto same = std::find_if(old_left.begin(), old_left.end(), [&](const auto* o) { return o->version == n->version; });
      if (same == old_left.end()) return false;
      if (other_checksum(**same, *n)) out.push_back({*same, n, true});
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

  // Every version to analyse, once, as a project of dependencies only: found,
  // unpacked and analysed like the packages of a project.
  std::vector<const load::LockedPackage*> present;
  std::unordered_map<const load::LockedPackage*, size_t> index_of;
  for (const auto& pair : pairs)
    for (const auto* side : {pair.old_package, pair.new_package})
      if (side) {
        index_of[side] = present.size();
        present.push_back(side);
      }
  load::ProjectGraph graph = packages_graph(present);
  auto sources = sources::ProjectSources::locate(graph, context.files, search);
  ProjectCapabilities analysed = analyze_project(context, graph, sources, options, rules);
  std::vector<const PackageCapabilities*> by_index(present.size());
  for (const auto& package : analysed.packages) by_index[package.package] = &package;

  for (const auto& pair : pairs) {
    const CrateCapabilities* sides[2] = {nullptr, nullptr};
    std::string why_unknown;
    for (int k = 0; k < 2; ++k) {
      const load::LockedPackage* p = k == 0 ? pair.old_package : pair.new_package;
      if (!p) continue;
      const PackageCapabilities& package = *by_index[index_of.at(p)];
      if (package.result)
        sides[k] = &*package.result;
      else
        why_unknown += (why_unknown.empty() ? "" : "; ") + package.name + " " + package.version + ": " + package.missing_reason;
    }
    // Without both sides a difference would be a guess: report none, say why.
    CrateDiff d = why_unknown.empty() ? diff_crates(sides[0], sides[1]) : CrateDiff{};
    d.name = (pair.new_package ? pair.new_package : pair.old_package)->name;
    d.old_version = pair.old_package ? pair.old_package->version.to_string() : "";
    d.new_version = pair.new_package ? pair.new_package->version.to_string() : "";
    if (!why_unknown.empty()) d.unknown = "source not available: " + why_unknown;
    if (pair.checksum_changed) {
      d.checksum_changed = pair.old_package->checksum + " -> " + pair.new_package->checksum;
      std::error_code ignored;  // a relative path stays as given
      std::filesystem::path lock = std::filesystem::absolute(new_lock.path, ignored);
      d.pinned_at = {lock.empty() ? new_lock.path : lock.string(), pair.new_package->name_position};
    }
    out.crates.push_back(std::move(d));
  }
  return out;
}

}  // namespace cratescope::capabilities
