#include "index/index_merge.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "core/sqlite_db.hpp"
#include "index/index_build.hpp"
#include "index/index_info.hpp"
#include "index/index_writer.hpp"

namespace cratescope::index {

namespace {

struct Shard {
  std::string path;
  SqliteDb db;
  unsigned k = 0, n = 0;
  std::map<int64_t, int64_t> versions, files, functions;  // shard id -> merged id
  std::set<int64_t> owned_versions;                       // shard ids
};

// Columns copied as they are (after `id`).
constexpr const char* kVersionColumns =
    "name, version, checksum, entry, status, error, edition, license, repository, authors, features, proc_macro, "
    "files, unanalyzed_files, functions, unsafe_sites, forbids_unsafe, capabilities, indexed_at";

// A shard's id in the merged index; 0 when it has none.
int64_t mapped(const std::map<int64_t, int64_t>& ids, int64_t id) {
  auto found = ids.find(id);
  return found == ids.end() ? int64_t{0} : found->second;
}

Expected<bool> read_shard_label(Shard& shard) {
  SqliteStatement q(shard.db, "SELECT value FROM index_info WHERE key = 'shard'");
  if (!q.ok() || !q.next_row()) return unexpected(shard.path + ": not a cratescope index");
  std::string label = q.text(0);
  if (std::sscanf(label.c_str(), "%u/%u", &shard.k, &shard.n) != 2 || shard.k == 0 || shard.k > shard.n)
    return unexpected(shard.path + ": bad shard label `" + label + "`");
  return true;
}

// Everything copied in one transaction. Its statements are finalized when it
// returns, before the database is closed and installed.
Expected<bool> fill_merged(SqliteDb& out, std::vector<Shard>& shards, MergeSummary& summary) {
  SqliteTransaction transaction(out);
  if (!transaction.ok()) return unexpected(out.error("starting to write the index"));
  auto failed = [&](std::string_view doing) -> Expected<bool> { return unexpected(out.error(doing)); };

  // 1. Crate versions, each from its owner.
  std::map<std::string, int64_t> version_ids;  // name@version -> merged id
  SqliteStatement add_version(out, (std::string("INSERT INTO crate_versions (") + kVersionColumns +
                                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)").c_str());
  for (Shard& shard : shards) {
    SqliteStatement rows(shard.db, (std::string("SELECT id, ") + kVersionColumns + " FROM crate_versions").c_str());
    while (rows.next_row()) {
      if (shard_of(rows.text(1), rows.text(2), shard.n) != shard.k) continue;
      for (int c = 1; c <= 19; ++c) add_version.bind_column(c, rows, c);
      if (!add_version.run()) return failed("crate_versions");
      int64_t id = out.last_insert_id();
      version_ids[rows.text(1) + "@" + rows.text(2)] = id;
      shard.owned_versions.insert(rows.integer(0));
      ++summary.crate_versions;
    }
  }
  // Every shard's version ids, owned or not, by name@version.
  for (Shard& shard : shards) {
    SqliteStatement rows(shard.db, "SELECT id, name, version FROM crate_versions");
    while (rows.next_row()) {
      auto found = version_ids.find(rows.text(1) + "@" + rows.text(2));
      if (found != version_ids.end()) shard.versions[rows.integer(0)] = found->second;
    }
  }

  // 2. Files and functions of owned versions; then every shard's ids matched to them.
  using FileKey = std::pair<int64_t, std::string>;
  using FunctionKey = std::tuple<int64_t, std::string, std::string, int64_t, int64_t, int64_t>;  // version, target, path, file, line, col
  std::map<FileKey, int64_t> file_ids;
  std::map<FunctionKey, int64_t> function_ids;
  SqliteStatement add_file(out, "INSERT INTO files (version_id, path) VALUES (?1, ?2)");
  SqliteStatement add_function(out, R"sql(INSERT INTO functions (version_id, target, path, name, kind, file_id, line,
    col, is_pub, has_self, arity, trait_impl, trait_version, self_local, has_body)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15))sql");
  for (Shard& shard : shards) {
    SqliteStatement files(shard.db, "SELECT id, version_id, path FROM files");
    while (files.next_row()) {
      if (!shard.owned_versions.contains(files.integer(1))) continue;
      int64_t version = shard.versions.at(files.integer(1));
      add_file.bind_int(1, version);
      add_file.bind(2, files.text(2));
      if (!add_file.run()) return failed("files");
      file_ids[{version, files.text(2)}] = out.last_insert_id();
    }
  }
  for (Shard& shard : shards) {
    SqliteStatement files(shard.db, "SELECT id, version_id, path FROM files");
    while (files.next_row()) {
      auto version = shard.versions.find(files.integer(1));
      if (version == shard.versions.end()) continue;
      auto found = file_ids.find({version->second, files.text(2)});
      if (found != file_ids.end()) shard.files[files.integer(0)] = found->second;
    }
    SqliteStatement functions(shard.db, R"sql(SELECT id, version_id, target, path, name, kind, file_id, line, col,
      is_pub, has_self, arity, trait_impl, trait_version, self_local, has_body FROM functions)sql");
    while (functions.next_row()) {
      if (!shard.owned_versions.contains(functions.integer(1))) continue;
      int64_t version = shard.versions.at(functions.integer(1));
      add_function.bind_int(1, version);
      for (int c = 2; c <= 5; ++c) add_function.bind_column(c, functions, c);
      int64_t file = mapped(shard.files, functions.integer(6));
      add_function.bind_int(6, file);
      for (int c = 7; c <= 12; ++c) add_function.bind_column(c, functions, c);
      if (int64_t trait = functions.is_null(13) ? 0 : mapped(shard.versions, functions.integer(13)))
        add_function.bind_int(13, trait);
      else
        add_function.bind_null(13);
      for (int c = 14; c <= 15; ++c) add_function.bind_column(c, functions, c);
      if (!add_function.run()) return failed("functions");
      function_ids[{version, functions.text(2), functions.text(3), file, functions.integer(7), functions.integer(8)}] =
          out.last_insert_id();
      ++summary.functions;
    }
  }
  for (Shard& shard : shards) {
    SqliteStatement functions(shard.db, "SELECT id, version_id, target, path, line, col, file_id FROM functions");
    while (functions.next_row()) {
      auto version = shard.versions.find(functions.integer(1));
      if (version == shard.versions.end()) continue;
      int64_t file = mapped(shard.files, functions.integer(6));
      auto found = function_ids.find({version->second, functions.text(2), functions.text(3), file, functions.integer(4),
                                      functions.integer(5)});
      if (found != function_ids.end()) shard.functions[functions.integer(0)] = found->second;
    }
  }

  // 3. Calls (two shards can both hold a call between their versions: once),
  //    and the owned versions' method calls, dependencies and uses.
  std::set<std::tuple<int64_t, int64_t, std::string, int64_t, int64_t, int64_t>> calls_seen;
  SqliteStatement add_call(out, R"sql(INSERT INTO calls (caller, callee, kind, confidence, file_id, line, col)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  SqliteStatement add_method(out, R"sql(INSERT INTO method_calls (caller, method, arity, receiver, file_id, line, col)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  SqliteStatement add_dependency(out, R"sql(INSERT INTO dependencies (from_version, name, alias, requirement, kind,
    optional, target, resolved_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
  SqliteStatement add_binding(out, "INSERT INTO use_bindings (version_id, module, name, path) VALUES (?1, ?2, ?3, ?4)");
  SqliteStatement add_glob(out, "INSERT INTO use_globs (version_id, module, path) VALUES (?1, ?2, ?3)");
  SqliteStatement add_trait_impl(out, "INSERT INTO trait_impls (version_id, type, trait_path) VALUES (?1, ?2, ?3)");
  for (Shard& shard : shards) {
    SqliteStatement calls(shard.db, "SELECT caller, callee, kind, confidence, file_id, line, col FROM calls");
    while (calls.next_row()) {
      int64_t caller = mapped(shard.functions, calls.integer(0)), callee = mapped(shard.functions, calls.integer(1));
      if (!caller || !callee) continue;
      int64_t file = mapped(shard.files, calls.integer(4));
      if (!calls_seen.insert({caller, callee, calls.text(2), file, calls.integer(5), calls.integer(6)}).second) continue;
      add_call.bind_int(1, caller);
      add_call.bind_int(2, callee);
      add_call.bind_column(3, calls, 2);
      add_call.bind_column(4, calls, 3);
      add_call.bind_int(5, file);
      add_call.bind_column(6, calls, 5);
      add_call.bind_column(7, calls, 6);
      if (!add_call.run()) return failed("calls");
      ++summary.calls;
    }
    SqliteStatement methods(shard.db, "SELECT caller, method, arity, receiver, file_id, line, col FROM method_calls");
    while (methods.next_row()) {
      int64_t caller = mapped(shard.functions, methods.integer(0));
      if (!caller) continue;
      add_method.bind_int(1, caller);
      for (int c = 2; c <= 4; ++c) add_method.bind_column(c, methods, c - 1);
      add_method.bind_int(5, mapped(shard.files, methods.integer(4)));
      for (int c = 6; c <= 7; ++c) add_method.bind_column(c, methods, c - 1);
      if (!add_method.run()) return failed("method_calls");
    }
    SqliteStatement dependencies(shard.db, R"sql(SELECT from_version, name, alias, requirement, kind, optional, target,
      resolved_version FROM dependencies)sql");
    while (dependencies.next_row()) {
      if (!shard.owned_versions.contains(dependencies.integer(0))) continue;
      add_dependency.bind_int(1, shard.versions.at(dependencies.integer(0)));
      for (int c = 2; c <= 7; ++c) add_dependency.bind_column(c, dependencies, c - 1);
      int64_t resolved = dependencies.is_null(7) ? 0 : mapped(shard.versions, dependencies.integer(7));
      if (resolved) add_dependency.bind_int(8, resolved);
      else add_dependency.bind_null(8);
      if (!add_dependency.run()) return failed("dependencies");
    }
    // Rows of a version's own (use_bindings, use_globs, trait_impls): the
    // version id mapped, the other columns as they are.
    auto copy_version_rows = [&](const char* select, SqliteStatement& insert, int columns) {
      SqliteStatement rows(shard.db, select);
      while (rows.next_row()) {
        if (!shard.owned_versions.contains(rows.integer(0))) continue;
        insert.bind_int(1, shard.versions.at(rows.integer(0)));
        for (int c = 2; c <= columns; ++c) insert.bind_column(c, rows, c - 1);
        if (!insert.run()) return false;
      }
      return true;
    };
    if (!copy_version_rows("SELECT version_id, module, name, path FROM use_bindings", add_binding, 4))
      return failed("use_bindings");
    if (!copy_version_rows("SELECT version_id, module, path FROM use_globs", add_glob, 3)) return failed("use_globs");
    if (!copy_version_rows("SELECT version_id, type, trait_path FROM trait_impls", add_trait_impl, 3))
      return failed("trait_impls");
  }
  if (auto info = write_index_info(out, "1/1", {{"merged_from", std::to_string(shards.size()) + " shards"}}); !info)
    return unexpected(info.error());
  if (auto committed = transaction.commit(); !committed) return unexpected(committed.error());
  return true;
}

}  // namespace

Expected<MergeSummary> merge_indexes(const std::vector<std::string>& paths, const std::string& out_path) {
  std::vector<Shard> shards;
  std::set<unsigned> seen;
  for (const auto& path : paths) {
    auto db = SqliteDb::open(path, SqliteDb::Mode::read_only);
    if (!db) return unexpected(db.error());
    if (auto schema = check_index_schema(*db, path); !schema) return unexpected(schema.error());
    Shard& shard = shards.emplace_back(Shard{path, std::move(*db)});
    if (auto label = read_shard_label(shard); !label) return unexpected(label.error());
    if (shard.n != shards.front().n) return unexpected(path + ": a shard of " + std::to_string(shard.n) + ", not " + std::to_string(shards.front().n));
    if (!seen.insert(shard.k).second) return unexpected(path + ": shard " + std::to_string(shard.k) + " is given twice");
  }
  if (shards.empty()) return unexpected("no shard databases given");
  if (seen.size() != shards.front().n)
    return unexpected("shards " + std::to_string(seen.size()) + " of " + std::to_string(shards.front().n) +
                      " given: every shard is needed (a version is only in the shard that owns it)");
  auto out = create_partial_index(out_path);
  if (!out) return unexpected(out.error());
  MergeSummary summary;
  summary.shards = shards.size();
  if (auto filled = fill_merged(*out, shards, summary); !filled) return unexpected(filled.error());
  if (auto installed = install_partial_index(std::move(*out), out_path); !installed) return unexpected(installed.error());
  return summary;
}

}  // namespace cratescope::index
