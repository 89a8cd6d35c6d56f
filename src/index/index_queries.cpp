#include "index/index_queries.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "crates/crate_loader.hpp"
#include "index/index_info.hpp"
#include "semver/version.hpp"

namespace cratescope::index {

namespace {

constexpr size_t kMaxResolveSteps = 64;
// How many times a path may be retried as a trait's provided method (IndexReader::resolve).
constexpr int kMaxTraitHops = 2;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at = path.find("::"); at != std::string::npos; at = path.find("::", start)) {
    out.push_back(path.substr(start, at - start));
    start = at + 2;
  }
  out.push_back(path.substr(start));
  return out;
}

std::string join_path(const std::vector<std::string>& segments, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) out += (out.empty() ? "" : "::") + segments[i];
  return out;
}

}  // namespace

bool version_less(const std::string& a, const std::string& b) {
  auto va = semver::Version::parse(a), vb = semver::Version::parse(b);
  if (va && vb) return *va < *vb;
  return a < b;
}

Expected<IndexReader> IndexReader::open(const std::string& path) {
  auto db = SqliteDb::open(path, SqliteDb::Mode::read_only);
  if (!db) return unexpected(db.error());
  if (auto schema = check_index_schema(*db, path); !schema) return unexpected(schema.error());
  return IndexReader(std::move(*db));
}

IndexedFunction indexed_function(const SqliteStatement& row) {
  IndexedFunction out;
  out.id = row.integer(0);
  out.version_id = row.integer(1);
  out.crate = row.text(2);
  out.version = row.text(3);
  out.path = row.text(4);
  out.target = row.text(5);
  out.location = {out.crate + "-" + out.version + "/" + row.text(6),
                  {static_cast<uint32_t>(row.integer(7)), static_cast<uint32_t>(row.integer(8))}};
  return out;
}

std::optional<IndexedFunction> IndexReader::function(int64_t id) const {
  if (!function_query_) function_query_ = std::make_unique<SqliteStatement>(db_, (std::string(kFunctionRows) + " WHERE f.id = ?1").c_str());
  SqliteStatement& query = *function_query_;
  query.bind_int(1, id);
  std::optional<IndexedFunction> out;
  if (query.next_row()) out = indexed_function(query);
  query.reset();
  return out;
}

std::vector<int64_t> IndexReader::resolve(int64_t version_id, const std::string& start, int depth) const {
  SqliteStatement exact(db_, "SELECT id FROM functions WHERE version_id = ?1 AND path = ?2 AND target = 'lib'");
  SqliteStatement binding(db_, "SELECT path FROM use_bindings WHERE version_id = ?1 AND module = ?2 AND name = ?3");
  SqliteStatement glob(db_, "SELECT path FROM use_globs WHERE version_id = ?1 AND module = ?2");
  SqliteStatement dependency(db_, R"sql(SELECT resolved_version FROM dependencies WHERE from_version = ?1
    AND kind <> 'dev' AND resolved_version IS NOT NULL
    AND (replace(alias, '-', '_') = ?2 OR replace(name, '-', '_') = ?2))sql");
  std::vector<int64_t> out;
  std::deque<std::pair<int64_t, std::string>> work{{version_id, start}};
  std::set<std::pair<int64_t, std::string>> visited;
  for (size_t steps = 0; !work.empty() && steps < kMaxResolveSteps; ++steps) {
    auto [version, path] = work.front();
    work.pop_front();
    if (!visited.insert({version, path}).second) continue;
    std::vector<std::string> segments = split_path(path);
    if (segments.size() < 2) continue;
    if (segments[0] != "crate") {  // into a dependency, at the version this one resolved
      dependency.bind_int(1, version);
      dependency.bind(2, crates::crate_identifier(segments[0]));
      while (dependency.next_row()) work.push_back({dependency.integer(0), "crate::" + join_path(segments, 1, segments.size())});
      dependency.reset();
      continue;
    }
    exact.bind_int(1, version);
    exact.bind(2, path);
    size_t before = out.size();
    while (exact.next_row()) out.push_back(exact.integer(0));
    exact.reset();
    if (out.size() > before) continue;
    // The longest module prefix first: `crate::a::B::f` through a `use` of `B` in `crate::a`.
    for (size_t k = segments.size() - 1; k >= 1; --k) {
      std::string module = join_path(segments, 0, k);
      std::string rest = join_path(segments, k + 1, segments.size());
      binding.bind_int(1, version);
      binding.bind(2, module);
      binding.bind(3, segments[k]);
      while (binding.next_row()) work.push_back({version, binding.text(0) + (rest.empty() ? "" : "::" + rest)});
      binding.reset();
      glob.bind_int(1, version);
      glob.bind(2, module);
      while (glob.next_row()) work.push_back({version, glob.text(0) + "::" + join_path(segments, k, segments.size())});
      glob.reset();
    }
  }
  if (out.empty()) {
    // `Type::method` whose impl block is in another module than the path says.
    std::vector<std::string> segments = split_path(start);
    if (segments.size() >= 3) {
      SqliteStatement by_type(db_, R"sql(SELECT id FROM functions WHERE version_id = ?1 AND name = ?2
        AND target = 'lib' AND path LIKE ?3)sql");
      by_type.bind_int(1, version_id);
      by_type.bind(2, segments.back());
      by_type.bind(3, "%::" + segments[segments.size() - 2] + "::" + segments.back());
      while (by_type.next_row()) out.push_back(by_type.integer(0));
    }
    // `rand::rngs::StdRng::from_entropy`: a provided method of a trait the
    // type implements (`rand_core::SeedableRng::from_entropy`), as the linker
    // finds it. (Absent from indexes written before the table was.)
    if (out.empty() && segments.size() >= 3 && depth < kMaxTraitHops) {
      SqliteStatement traits(db_, "SELECT trait_path FROM trait_impls WHERE version_id = ?1 AND type = ?2");
      traits.bind_int(1, version_id);
      traits.bind(2, segments[segments.size() - 2]);
      std::vector<std::string> trait_paths;
      while (traits.ok() && traits.next_row()) trait_paths.push_back(traits.text(0));
      for (const std::string& trait : trait_paths) {
        std::vector<int64_t> found = resolve(version_id, trait + "::" + segments.back(), depth + 1);
        out.insert(out.end(), found.begin(), found.end());
      }
    }
    // `serde_json::json`: a #[macro_export] macro is at its crate's root
    // whatever module it is written in (as the linker finds it: by name).
    if (segments.size() == 2) {
      SqliteStatement macro(db_, R"sql(SELECT id FROM functions WHERE version_id = ?1 AND name = ?2
        AND kind = 'macro_rules' AND target = 'lib')sql");
      macro.bind_int(1, version_id);
      macro.bind(2, segments.back());
      while (macro.next_row()) out.push_back(macro.integer(0));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Expected<std::vector<int64_t>> IndexReader::functions_named(const std::string& path) const {
  size_t separator = path.find("::");
  if (separator == std::string::npos || separator == 0)
    return unexpected("`" + path + "`: give the function's path from its crate name, e.g. serde_json::from_str");
  SqliteStatement versions(db_, "SELECT id FROM crate_versions WHERE status = 'indexed' AND replace(name, '-', '_') = ?1");
  versions.bind(1, crates::crate_identifier(path.substr(0, separator)));
  std::vector<int64_t> out;
  while (versions.next_row()) {
    std::vector<int64_t> found = resolve(versions.integer(0), "crate::" + path.substr(separator + 2));
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Expected<CallersResult> IndexReader::callers(const std::string& path, const CallersOptions& options) const {
  CallersResult result;
  result.query = path;
  size_t separator = path.find("::");
  if (separator == std::string::npos || separator == 0)
    return unexpected("`" + path + "`: give the function's path from its crate name, e.g. serde_json::from_str");
  std::string crate = crates::crate_identifier(path.substr(0, separator));
  std::string rest = path.substr(separator + 2);
  std::optional<semver::VersionReq> requirement;
  if (!options.version_requirement.empty()) {
    auto parsed = semver::VersionReq::parse(options.version_requirement);
    if (!parsed) return unexpected("--version `" + options.version_requirement + "`: " + parsed.error());
    requirement = *parsed;
  }
  SqliteStatement versions(db_, R"sql(SELECT id, name, version FROM crate_versions
    WHERE status = 'indexed' AND replace(name, '-', '_') = ?1)sql");
  versions.bind(1, crate);
  size_t versions_seen = 0;
  std::vector<int64_t> targets;
  while (versions.next_row()) {
    ++versions_seen;
    std::string version = versions.text(2);
    if (requirement) {
      auto v = semver::Version::parse(version);
      if (!v || !requirement->matches(*v)) continue;
    }
    std::vector<int64_t> found = resolve(versions.integer(0), "crate::" + rest);
    if (found.empty()) result.notes.push_back(versions.text(1) + " " + version + ": no function at `" + path + "`");
    targets.insert(targets.end(), found.begin(), found.end());
  }
  if (versions_seen == 0) return unexpected("no indexed crate `" + path.substr(0, separator) + "` in this index");
  callers_of(targets, options, result);
  return result;
}

std::vector<FailedVersion> IndexReader::failed() const {
  std::vector<FailedVersion> out;
  SqliteStatement query(db_, "SELECT name, version, entry, error FROM crate_versions WHERE status = 'failed' ORDER BY name, version");
  while (query.next_row()) out.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
  return out;
}

Expected<IndexStats> IndexReader::stats(size_t top) const {
  IndexStats out;
  auto scalar = [&](const char* sql) -> int64_t {
    SqliteStatement query(db_, sql);
    return query.ok() && query.next_row() ? query.integer(0) : 0;
  };
  out.crates = scalar("SELECT COUNT(DISTINCT name) FROM crate_versions");
  out.versions = scalar("SELECT COUNT(*) FROM crate_versions");
  out.indexed = scalar("SELECT COUNT(*) FROM crate_versions WHERE status = 'indexed'");
  out.failed = out.versions - out.indexed;
  out.functions = scalar("SELECT COUNT(*) FROM functions");
  out.calls = scalar("SELECT COUNT(*) FROM calls");
  out.method_calls = scalar("SELECT COUNT(*) FROM method_calls");
  out.dependencies = scalar("SELECT COUNT(*) FROM dependencies");
  out.unresolved_dependencies = scalar("SELECT COUNT(*) FROM dependencies WHERE resolved_version IS NULL");
  {
    SqliteStatement query(db_, "SELECT value FROM index_info WHERE key = 'indexed_at'");
    if (query.next_row()) out.indexed_at = query.text(0);
  }
  auto top_list = [&](const std::string& sql, std::vector<TopEntry>& into) {
    SqliteStatement query(db_, sql.c_str());
    if (!query.ok()) return;
    while (query.next_row()) into.push_back({query.text(0), query.integer(1)});
  };
  std::string limit = std::to_string(top);
  top_list("SELECT kind, COUNT(*) FROM calls GROUP BY kind ORDER BY COUNT(*) DESC", out.calls_by_kind);
  if (out.method_calls) out.calls_by_kind.push_back({"method_name (receiver unknown)", out.method_calls});
  // Call sites in other crates (a crate calling itself says little about
  // the ecosystem), by path: the impls of a trait for several types share
  // one (`JsValue::from`), and a call that may land in any of them is one call.
  top_list(R"sql(SELECT v.name || ' ' || v.version || ' ' || f.path || CASE WHEN COUNT(DISTINCT f.id) > 1
      THEN ' (' || COUNT(DISTINCT f.id) || ' functions at this path)' ELSE ' (' || MIN(fl.path) || ':' || MIN(f.line) || ')' END,
    COUNT(DISTINCT c.caller || ':' || c.file_id || ':' || c.line || ':' || c.col) AS n FROM calls c
    JOIN functions f ON f.id = c.callee JOIN crate_versions v ON v.id = f.version_id JOIN files fl ON fl.id = f.file_id
    JOIN functions g ON g.id = c.caller
    WHERE g.version_id <> f.version_id AND c.kind <> 'trait-impl'
    GROUP BY f.version_id, f.path ORDER BY n DESC, f.path LIMIT )sql" + limit, out.most_called);
  top_list("SELECT name || ' ' || version, unsafe_sites FROM crate_versions WHERE unsafe_sites > 0 "
           "ORDER BY unsafe_sites DESC, name LIMIT " + limit, out.most_unsafe);
  {
    SqliteStatement query(db_, "SELECT name || ' ' || version, capabilities FROM crate_versions WHERE status = 'indexed'");
    std::vector<TopEntry> all;
    while (query.next_row()) {
      auto counts = nlohmann::json::parse(query.text(1), nullptr, false);
      if (!counts.is_object() || counts.empty()) continue;
      all.push_back({query.text(0), static_cast<int64_t>(counts.size())});
    }
    std::stable_sort(all.begin(), all.end(), [](const TopEntry& a, const TopEntry& b) { return a.count > b.count; });
    if (all.size() > top) all.resize(top);
    out.most_capabilities = std::move(all);
  }
  return out;
}

}  // namespace cratescope::index
