#include "index/dependency_queries.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>

#include "crates/crate_loader.hpp"
#include "semver/version.hpp"

namespace cratescope::index {

Expected<std::vector<DependencyQueries::VersionRow>> DependencyQueries::versions_of(const std::string& crate,
                                                                                   const std::string& requirement) const {
  std::optional<semver::VersionReq> req;
  if (!requirement.empty()) {
    auto parsed = semver::VersionReq::parse(requirement);
    if (!parsed) return unexpected("--version `" + requirement + "`: " + parsed.error());
    req = *parsed;
  }
  SqliteStatement query(db_, R"sql(SELECT id, name, version, status, unanalyzed_files FROM crate_versions
    WHERE replace(name, '-', '_') = ?1)sql");
  query.bind(1, crates::crate_identifier(crate));
  std::vector<VersionRow> out;
  bool any = false;
  while (query.next_row()) {
    any = true;
    VersionRow row{query.integer(0), query.text(1), query.text(2), query.text(3), query.integer(4)};
    if (req) {
      auto v = semver::Version::parse(row.version);
      if (!v || !req->matches(*v)) continue;
    }
    out.push_back(std::move(row));
  }
  if (!any) return unexpected("no crate `" + crate + "` in this index");
  std::sort(out.begin(), out.end(), [](const VersionRow& a, const VersionRow& b) { return version_less(a.version, b.version); });
  return out;
}

bool DependencyQueries::has_no_module(int64_t version, const std::string& module) const {
  // A range on (version_id, path): the paths under `module::` sort between
  // it and `module:;`.
  SqliteStatement query(db_, R"sql(SELECT 1 FROM functions WHERE version_id = ?1 AND path >= ?2 AND path < ?3
    UNION ALL SELECT 1 FROM use_bindings WHERE version_id = ?1 AND (module = ?4 OR name = ?5)
    UNION ALL SELECT 1 FROM use_globs WHERE version_id = ?1 AND module = ?4 LIMIT 1)sql");
  query.bind_int(1, version);
  query.bind(2, module + "::");
  query.bind(3, module + ":;");
  query.bind(4, module);
  query.bind(5, module.substr(module.rfind("::") + 2));
  return query.ok() && !query.next_row();
}

std::optional<DependencyQueries::VersionRow> DependencyQueries::version(int64_t id) const {
  SqliteStatement query(db_, "SELECT id, name, version, status, unanalyzed_files FROM crate_versions WHERE id = ?1");
  query.bind_int(1, id);
  if (!query.next_row()) return std::nullopt;
  return VersionRow{query.integer(0), query.text(1), query.text(2), query.text(3), query.integer(4)};
}

Expected<std::vector<DependencyRow>> DependencyQueries::rdeps(const std::string& crate, const std::string& requirement,
                                                             bool transitive) const {
  auto targets = versions_of(crate, requirement);
  if (!targets) return unexpected(targets.error());
  SqliteStatement up(db_, R"sql(SELECT d.from_version, v.name, v.version, d.requirement, d.kind FROM dependencies d
    JOIN crate_versions v ON v.id = d.from_version WHERE d.resolved_version = ?1)sql");
  std::vector<DependencyRow> out;
  std::set<int64_t> seen;
  std::deque<std::tuple<int64_t, unsigned, std::string>> work;  // version, distance, label
  for (const auto& t : *targets) {
    seen.insert(t.id);
    work.push_back({t.id, 0, t.name + " " + t.version});
  }
  while (!work.empty()) {
    auto [id, distance, label] = work.front();
    work.pop_front();
    up.bind_int(1, id);
    while (up.next_row()) {
      int64_t from = up.integer(0);
      std::string kind = up.text(4);
      // Dev-dependencies are only followed one step: a crate's tests do not make its dependents depend on it.
      if (!seen.insert(from).second) continue;
      out.push_back({up.text(1), up.text(2), up.text(3), kind, "", {}, distance + 1, distance ? label : "", from});
      if (transitive && kind != "dev") work.push_back({from, distance + 1, up.text(1) + " " + up.text(2)});
    }
    up.reset();
  }
  std::sort(out.begin(), out.end(), [](const DependencyRow& a, const DependencyRow& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.crate != b.crate) return a.crate < b.crate;
    return version_less(a.version, b.version);
  });
  return out;
}

Expected<std::vector<DependencyRow>> DependencyQueries::deps(const std::string& crate, const std::string& requirement) const {
  auto versions = versions_of(crate, requirement);
  if (!versions) return unexpected(versions.error());
  SqliteStatement down(db_, R"sql(SELECT d.name, d.requirement, d.kind, COALESCE(r.version, '') FROM dependencies d
    LEFT JOIN crate_versions r ON r.id = d.resolved_version WHERE d.from_version = ?1 ORDER BY d.kind, d.name)sql");
  std::vector<DependencyRow> out;
  for (const auto& v : *versions) {
    down.bind_int(1, v.id);
    while (down.next_row())
      out.push_back({down.text(0), "", down.text(1), down.text(2), down.text(3), {}, 1, v.name + " " + v.version});
    down.reset();
  }
  // Any of these could be selected in a project that also needs another
  // (a lockfile pins one; the index links the highest).
  for (auto& row : out) {
    auto matching = versions_of(row.crate, row.requirement == "*" ? "" : row.requirement);
    if (!matching) continue;
    for (const auto& m : *matching) row.could_select.push_back(m.version);
  }
  return out;
}

Expected<std::vector<std::vector<std::string>>> DependencyQueries::crate_path(const std::string& from,
                                                                              const std::string& to) const {
  auto starts = versions_of(from, "");
  if (!starts) return unexpected(starts.error());
  auto ends = versions_of(to, "");
  if (!ends) return unexpected(ends.error());
  std::set<int64_t> goal;
  for (const auto& e : *ends) goal.insert(e.id);
  SqliteStatement down(db_, "SELECT resolved_version FROM dependencies WHERE from_version = ?1 AND kind <> 'dev' "
                            "AND resolved_version IS NOT NULL");
  std::vector<std::vector<std::string>> out;
  for (const auto& start : *starts) {
    std::map<int64_t, int64_t> parent{{start.id, 0}};
    std::deque<int64_t> work{start.id};
    int64_t found = 0;
    while (!work.empty() && !found) {
      int64_t at = work.front();
      work.pop_front();
      down.bind_int(1, at);
      while (down.next_row()) {
        int64_t next = down.integer(0);
        if (parent.contains(next)) continue;
        parent[next] = at;
        if (goal.contains(next)) {
          found = next;
          break;
        }
        work.push_back(next);
      }
      down.reset();
    }
    if (!found) continue;
    std::vector<std::string> path;
    for (int64_t at = found; at; at = parent[at])
      if (auto v = version(at)) path.insert(path.begin(), v->name + " " + v->version);
    out.push_back(std::move(path));
  }
  return out;
}

Expected<BlastRadius> DependencyQueries::blast_radius(const advisory::Advisory& advisory, unsigned depth) const {
  BlastRadius out;
  out.advisory = advisory.id;
  out.package = advisory.package;
  out.title = advisory.title;
  out.function_level = !advisory.affected_functions.empty();
  for (const auto& f : advisory.affected_functions) out.functions.push_back(f.path);
  auto versions = versions_of(advisory.package, "");
  if (!versions) {
    out.notes.push_back(advisory.package + " is not in this index: nothing can depend on it here");
    return out;
  }
  // Each dependent, with the first vulnerable version found under it.
  std::map<int64_t, std::pair<std::string, int64_t>> dependents;  // -> (label, the vulnerable version's id)
  std::set<int64_t> vulnerable;
  std::map<int64_t, std::vector<int64_t>> affected;  // vulnerable version -> its affected functions
  std::map<int64_t, std::string> blind;  // vulnerable version -> why its functions could not be followed
  for (const auto& v : *versions) {
    auto parsed = semver::Version::parse(v.version);
    if (!parsed || !advisory.affects(*parsed)) continue;
    vulnerable.insert(v.id);
    out.vulnerable_versions.push_back(v.version);
    auto up = rdeps(advisory.package, "=" + v.version, true);
    if (up)
      for (const auto& row : *up) {
        if (row.kind != "dev") dependents.try_emplace(row.version_id, std::pair{advisory.package + " " + v.version, v.id});
      }
    if (!out.function_level) continue;
    if (v.status != "indexed") {
      blind[v.id] = advisory.package + " " + v.version + " itself could not be indexed";
      continue;
    }
    for (const auto& f : advisory.affected_functions) {
      if (!f.versions.empty() && !advisory::in_ranges(f.versions, *parsed)) continue;
      size_t separator = f.path.find("::");
      std::vector<int64_t> found;
      if (separator != std::string::npos) found = reader_.resolve(v.id, "crate::" + f.path.substr(separator + 2));
      if (found.empty()) {
        // The advisory's list spans versions: `shlex::bytes::join` came with
        // a `bytes` module 1.1.0 does not have. Where the whole version parsed
        // and nothing at all is at the function's module, it is absent there,
        // not missed; else its dependents' verdicts are unknown. (A type's
        // method is not judged so: its impls may be anywhere.)
        std::string local = separator == std::string::npos ? "" : "crate::" + f.path.substr(separator + 2);
        std::string parent = local.substr(0, local.rfind("::"));
        std::string_view parent_name = std::string_view(parent).substr(parent.rfind("::") + 2);
        std::string where = advisory.package + " " + v.version;
        if (v.unanalyzed_files == 0 && parent.find("::") != std::string::npos && !parent_name.empty() &&
            std::islower(static_cast<unsigned char>(parent_name.front())) && has_no_module(v.id, parent)) {
          out.notes.push_back("`" + f.path + "` is not in " + where + ": nothing is at `" + f.path.substr(0, separator) +
                              parent.substr(5) + "` there");
        } else {
          out.notes.push_back("`" + f.path + "` was not found in " + where);
          blind[v.id] = "`" + f.path + "` was not found in " + where;
        }
      }
      affected[v.id].insert(affected[v.id].end(), found.begin(), found.end());
    }
  }
  for (const auto& [id, on] : dependents) {
    if (vulnerable.contains(id)) continue;
    auto v = version(id);
    if (!v) continue;
    BlastRadius::Dependent d{v->name, v->version, on.first, {}, ""};
    if (!out.function_level) {
      out.package_level.push_back(std::move(d));
      continue;
    }
    // Within what this version depends on: every trait impl on the way is
    // one it can use, so what is found is found and what is not is not
    // (method-name calls aside). All the affected functions at once.
    const auto& within = reader_.dependencies_of(id);
    std::vector<int64_t> targets;
    for (const auto& [vulnerable_id, functions] : affected)
      if (within.contains(vulnerable_id)) targets.insert(targets.end(), functions.begin(), functions.end());
    CallersResult callers;
    if (!targets.empty() && v->status == "indexed") {
      CallersOptions options{"", depth, true};
      options.within = &within;
      options.only_version = id;
      reader_.callers_of(targets, options, callers);
    }
    std::vector<Caller> exact, by_name;
    for (auto& c : callers.callers) {
      if (c.function.crate != v->name || c.function.version != v->version) continue;  // its dependencies' own
      bool named = std::any_of(c.path.begin(), c.path.end(), [](const CallStep& s) { return s.kind == "method_name"; });
      (named ? by_name : exact).push_back(std::move(c));
    }
    if (!exact.empty()) {
      d.callers = std::move(exact);
      out.reaches.push_back(std::move(d));
    } else if (!by_name.empty()) {
      d.reason = "may reach it through `x.f()` calls matched by the method's name only (receiver type unknown)";
      d.callers = std::move(by_name);
      out.unknown.push_back(std::move(d));
    } else if (v->status != "indexed") {
      d.reason = "not indexed";
      out.unknown.push_back(std::move(d));
    } else if (v->unanalyzed_files > 0) {
      d.reason = std::to_string(v->unanalyzed_files) + " of its files did not parse";
      out.unknown.push_back(std::move(d));
    } else if (blind.contains(on.second)) {
      d.reason = blind.at(on.second);
      out.unknown.push_back(std::move(d));
    } else if (callers.truncated || callers.incomplete) {
      d.reason = "the search for its callers stopped early: " + (callers.notes.empty() ? "" : callers.notes.front());
      out.unknown.push_back(std::move(d));
    } else {
      out.does_not_reach.push_back(std::move(d));
    }
  }
  auto order = [](const BlastRadius::Dependent& a, const BlastRadius::Dependent& b) {
    return a.crate != b.crate ? a.crate < b.crate : version_less(a.version, b.version);
  };
  for (auto* list : {&out.reaches, &out.does_not_reach, &out.unknown, &out.package_level})
    std::sort(list->begin(), list->end(), order);
  return out;
}

}  // namespace cratescope::index
