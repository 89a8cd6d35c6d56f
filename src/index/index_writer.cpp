#include "index/index_writer.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <future>
#include <optional>
#include <string_view>

#include "core/sqlite_batch_insert.hpp"
#include "index/index_info.hpp"
#include "index/index_schema.hpp"

namespace cratescope::index {

namespace {

constexpr std::string_view kind_text(load::DependencyKind kind) {
  switch (kind) {
    case load::DependencyKind::dev: return "dev";
    case load::DependencyKind::build: return "build";
    default: return "normal";
  }
}

// What a call by method name knows of its receiver (callgraph::Edge's flags).
std::string_view receiver_label(const callgraph::Edge& e) {
  if (e.std_receiver) return "std";
  if (e.generic_receiver) return "generic";
  return e.typed_receiver ? "typed" : "";
}

// `lib`, `build-script`, `bin app`: what a function's target is called in the index.
std::string target_label(const callgraph::Target& target) {
  std::string kind(model::to_string(target.kind));
  if (target.kind == model::TargetKind::lib || target.kind == model::TargetKind::build_script) return kind;
  return kind + " " + target.name;
}

// A file of a crate, relative to the crate's root. Units read from the cache
// may name another directory holding the same crate (a .crate unpacked in an
// earlier run): the path from the crate's `name-version/` on is the same.
std::string relative_to(const std::string& path, const std::string& dir) {
  if (!dir.empty() && path.starts_with(dir + "/")) return path.substr(dir.size() + 1);
  std::string top = "/" + std::filesystem::path(dir).filename().string() + "/";
  if (size_t at = path.rfind(top); at != std::string::npos) return path.substr(at + top.size());
  return path;
}

}  // namespace

Expected<SqliteDb> create_partial_index(const std::string& path) {
  std::string partial = path + ".partial";
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(partial + suffix, ec);
  auto db = SqliteDb::open(partial, SqliteDb::Mode::bulk);
  if (!db) return unexpected(db.error());
  if (auto made = db->exec(kIndexSchema); !made) return unexpected(partial + ": " + made.error());
  return db;
}

Expected<bool> install_partial_index(SqliteDb&& partial, const std::string& path) {
  {
    SqliteDb db = std::move(partial);
    if (auto made = db.exec(kIndexIndexes); !made) return unexpected(path + ".partial: " + made.error());
    if (auto wal = db.exec("PRAGMA journal_mode=WAL;"); !wal) return unexpected(path + ".partial: " + wal.error());
  }  // closed: everything is on disk
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    // The old index leaves WAL mode first, so that no stale -wal file is
    // taken for the new one's.
    if (auto old = SqliteDb::open(path, SqliteDb::Mode::read_write)) (void)old->exec("PRAGMA journal_mode=DELETE;");
  }
  std::filesystem::rename(path + ".partial", path, ec);
  if (ec) return unexpected(path + ": cannot replace it: " + ec.message());
  return true;
}

std::string capability_counts_json(const std::map<std::string, size_t>& counts) {
  return nlohmann::json(counts).dump();
}

namespace {

// Files and functions, into their own database (`db`, fresh), with their
// indexes: written while write_index writes the calls, then copied over.
Expected<size_t> write_functions(SqliteDb& db, const std::vector<RegistryCrate>& crates, const RegistryGraph& graph,
                                 const callgraph::CallGraph& call_graph) {
  if (auto made = db.exec(kIndexSchema); !made) return unexpected(made.error());
  SqliteTransaction transaction(db);
  if (!transaction.ok()) return unexpected(db.error("starting to write the functions"));
  auto failed = [&](std::string_view doing) -> Expected<size_t> { return unexpected(db.error(doing)); };
  size_t written = 0;
  // Files: ids are call-graph file indexes plus one; paths relative to the crate.
  std::vector<int64_t> file_version(call_graph.files.size(), 0);
  for (const auto& f : call_graph.functions)
    if (!file_version[f.file]) file_version[f.file] = static_cast<int64_t>(graph.package_crate[f.package] + 1);
  SqliteStatement file(db, "INSERT INTO files (id, version_id, path) VALUES (?1, ?2, ?3)");
  if (!file.ok()) return failed("preparing files");
  for (size_t f = 0; f < call_graph.files.size(); ++f) {
    if (!file_version[f]) continue;
    file.bind_int(1, static_cast<int64_t>(f + 1));
    file.bind_int(2, file_version[f]);
    file.bind(3, relative_to(call_graph.files[f], crates[static_cast<size_t>(file_version[f] - 1)].dir));
    if (!file.run()) return failed("files");
  }

  // Bound without a copy: every string outlives the statements.
  std::vector<std::string> target_labels;
  for (const auto& target : call_graph.targets) target_labels.push_back(target_label(target));
  SqliteBatchInsert function(db, R"sql(functions (id, version_id, target, path, name, kind, file_id, line, col, is_pub,
    has_self, arity, trait_impl, trait_version, self_local, has_body))sql", 16);
  if (!function.ok()) return failed("preparing functions");
  for (callgraph::FunctionId id = 0; id < call_graph.functions.size(); ++id) {
    const callgraph::Function& f = call_graph.functions[id];
    function.bind_int(1, id + 1);
    function.bind_int(2, static_cast<int64_t>(graph.package_crate[f.package] + 1));
    function.bind_static(3, target_labels[f.target]);
    function.bind_static(4, f.path);
    function.bind_static(5, f.name());
    function.bind_static(6, model::to_string(f.kind));
    function.bind_int(7, f.file + 1);
    function.bind_int(8, f.position.line);
    function.bind_int(9, f.position.column);
    function.bind_int(10, f.is_pub);
    function.bind_int(11, f.has_self);
    function.bind_int(12, f.arity);
    function.bind_int(13, !f.trait_name.empty());
    if (int32_t trait = call_graph.trait_package(id); trait >= 0)
      function.bind_int(14, static_cast<int64_t>(graph.package_crate[static_cast<size_t>(trait)] + 1));
    else
      function.bind_null(14);
    function.bind_int(15, f.self_type == callgraph::SelfType::local);
    function.bind_int(16, f.has_body);
    if (!function.end_row()) return failed("functions");
    ++written;
  }
  if (!function.flush()) return failed("functions");

  if (auto committed = transaction.commit(); !committed) return unexpected("committing the functions: " + committed.error());
  if (auto made = db.exec(kIndexIndexes); !made) return unexpected(made.error());
  return written;
}

// Everything but the files and functions.
Expected<WrittenCounts> write_versions_and_calls(SqliteDb& db, const std::vector<RegistryCrate>& crates,
                                                 const RegistryGraph& graph, const callgraph::CallGraph& call_graph,
                                                 const std::vector<VersionCounts>& counts, const ShardScope& scope) {
  SqliteTransaction transaction(db);
  if (!transaction.ok()) return unexpected(db.error("starting to write the index"));
  WrittenCounts written;
  std::string now = utc_timestamp();
  auto failed = [&](std::string_view doing) -> Expected<WrittenCounts> { return unexpected(db.error(doing)); };
  if (auto info = write_index_info(db, scope.label.empty() ? "1/1" : scope.label); !info) return unexpected(info.error());

  // Crate ids are their position in the listing plus one.
  SqliteStatement version(db, R"sql(INSERT INTO crate_versions (id, name, version, checksum, entry, status, error,
    edition, license, repository, authors, features, proc_macro, files, unanalyzed_files, functions, unsafe_sites,
    forbids_unsafe, capabilities, indexed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
    ?15, ?16, ?17, ?18, ?19, ?20))sql");
  if (!version.ok()) return failed("preparing crate_versions");
  std::vector<size_t> functions_of(crates.size(), 0);
  for (const auto& f : call_graph.functions) ++functions_of[graph.package_crate[f.package]];
  auto modelled = [&](size_t crate) {
    return graph.crate_package[crate] >= 0 && call_graph.packages[graph.crate_package[crate]].analyzed;
  };
  // A shard writes what it owns, the dependencies it linked, and the
  // versions its dependencies select (dev ones are not linked).
  std::vector<bool> referenced(crates.size(), false);
  for (const RegistryDependency& d : graph.dependencies_all)
    if (d.resolved_crate && scope.owns(d.from_crate)) referenced[*d.resolved_crate] = true;
  for (size_t i = 0; i < crates.size(); ++i) {
    if (!scope.owns(i) && !modelled(i) && !referenced[i]) continue;
    const RegistryCrate& crate = crates[i];
    const load::PackageInfo* package = crate.manifest && crate.manifest->package ? &*crate.manifest->package : nullptr;
    bool indexed = graph.crate_package[i] >= 0 && call_graph.packages[graph.crate_package[i]].analyzed;
    std::string error = crate.error;
    if (error.empty() && !indexed && graph.crate_package[i] >= 0)
      error = scope.owns(i) ? call_graph.packages[graph.crate_package[i]].missing_reason : "not modelled in this shard";
    const VersionCounts& c = counts[i];
    version.bind_int(1, static_cast<int64_t>(i + 1));
    version.bind(2, crate.name);
    version.bind(3, crate.version);
    version.bind(4, crate.checksum);
    version.bind(5, crate.entry);
    version.bind(6, indexed ? "indexed" : "failed");
    version.bind(7, indexed ? "" : (error.empty() ? "not modelled" : error));
    version.bind(8, package ? package->edition : "");
    version.bind(9, package ? package->license : "");
    version.bind(10, package ? package->repository : "");
    version.bind(11, package ? nlohmann::json(package->authors).dump() : "[]");
    version.bind(12, crate.manifest ? nlohmann::json(crate.manifest->features).dump() : "{}");
    version.bind_int(13, package && package->proc_macro);
    version.bind_int(14, static_cast<int64_t>(c.files));
    version.bind_int(15, static_cast<int64_t>(c.unanalyzed_files));
    version.bind_int(16, static_cast<int64_t>(functions_of[i]));
    version.bind_int(17, static_cast<int64_t>(c.unsafe_sites));
    version.bind_int(18, c.forbids_unsafe);
    version.bind(19, c.capabilities);
    version.bind(20, now);
    if (!version.run()) return failed("crate_versions");
  }

  SqliteStatement dependency(db, R"sql(INSERT INTO dependencies (from_version, name, alias, requirement, kind,
    optional, target, resolved_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
  if (!dependency.ok()) return failed("preparing dependencies");
  for (const RegistryDependency& d : graph.dependencies_all) {
    if (!scope.owns(d.from_crate)) continue;
    dependency.bind_int(1, static_cast<int64_t>(d.from_crate + 1));
    dependency.bind(2, d.spec->package);
    dependency.bind(3, d.spec->name);
    dependency.bind(4, d.spec->requirement_text);
    dependency.bind(5, kind_text(d.spec->kind));
    dependency.bind_int(6, d.spec->optional);
    dependency.bind(7, d.spec->target);
    if (d.resolved_crate) dependency.bind_int(8, static_cast<int64_t>(*d.resolved_crate + 1));
    else dependency.bind_null(8);
    if (!dependency.run()) return failed("dependencies");
  }

  // Calls, each with its caller (the functions themselves are written by
  // write_functions, at the same time, into another file).
  SqliteBatchInsert call(db, "calls (caller, callee, kind, confidence, file_id, line, col)", 7);
  SqliteBatchInsert method_call(db, "method_calls (caller, method, arity, receiver, file_id, line, col)", 7);
  if (!call.ok() || !method_call.ok()) return failed("preparing calls");
  auto owned_function = [&](callgraph::FunctionId id) {
    return scope.owns(graph.package_crate[call_graph.functions[id].package]);
  };
  for (callgraph::FunctionId id = 0; id < call_graph.functions.size(); ++id) {
    bool owned = owned_function(id);
    for (const callgraph::Edge& e : call_graph.out(id)) {
      if (e.kind == callgraph::EdgeKind::method_name) {
        if (!owned) continue;
        method_call.bind_int(1, id + 1);
        method_call.bind_static(2, call_graph.method_name(e.to));
        method_call.bind_int(3, e.arity);
        method_call.bind_static(4, receiver_label(e));
        method_call.bind_int(5, e.file + 1);
        method_call.bind_int(6, e.position.line);
        method_call.bind_int(7, e.position.column);
        if (!method_call.end_row()) return failed("method_calls");
        ++written.method_calls;
        continue;
      }
      if (!owned && !owned_function(e.to)) continue;  // another shard's call
      call.bind_int(1, id + 1);
      call.bind_int(2, e.to + 1);
      call.bind_static(3, callgraph::to_string(e.kind));
      call.bind_static(4, callgraph::to_string(e.confidence));
      call.bind_int(5, e.file + 1);
      call.bind_int(6, e.position.line);
      call.bind_int(7, e.position.column);
      if (!call.end_row()) return failed("calls");
      ++written.calls;
    }
  }
  if (!method_call.flush()) return failed("method_calls");
  if (!call.flush()) return failed("calls");

  // The lib's `pub use`s: how a public path (`tinyjson::from_str`) reaches a definition
  // (a private `use` never makes one).
  SqliteStatement binding(db, "INSERT INTO use_bindings (version_id, module, name, path) VALUES (?1, ?2, ?3, ?4)");
  SqliteStatement glob(db, "INSERT INTO use_globs (version_id, module, path) VALUES (?1, ?2, ?3)");
  // And the traits its types implement: where `StdRng::from_entropy` finds
  // `SeedableRng`'s provided method.
  SqliteStatement trait_impl(db, "INSERT INTO trait_impls (version_id, type, trait_path) VALUES (?1, ?2, ?3)");
  if (!binding.ok() || !glob.ok() || !trait_impl.ok()) return failed("preparing use_bindings");
  for (uint32_t t = 0; t < call_graph.targets.size(); ++t) {
    if (call_graph.targets[t].kind != model::TargetKind::lib) continue;
    if (!scope.owns(graph.package_crate[call_graph.targets[t].package])) continue;
    int64_t version_id = static_cast<int64_t>(graph.package_crate[call_graph.targets[t].package] + 1);
    for (const auto& module : call_graph.module_uses(t, /*exported_only=*/true)) {
      for (const auto& [name, path] : module.names) {
        binding.bind_int(1, version_id);
        binding.bind(2, module.module);
        binding.bind(3, name);
        binding.bind(4, path);
        if (!binding.run()) return failed("use_bindings");
      }
      for (const auto& path : module.globs) {
        glob.bind_int(1, version_id);
        glob.bind(2, module.module);
        glob.bind(3, path);
        if (!glob.run()) return failed("use_globs");
      }
    }
    for (const auto& [type, trait] : call_graph.trait_impls(t)) {
      trait_impl.bind_int(1, version_id);
      trait_impl.bind(2, type);
      trait_impl.bind(3, trait);
      if (!trait_impl.run()) return failed("trait_impls");
    }
  }
  if (auto committed = transaction.commit(); !committed) return unexpected("committing the index: " + committed.error());
  return written;
}

// The functions' rows (tables and indexes) moved from their file into the
// index: SQLite copies the records and index entries of a table into an
// empty one with the same schema as they are, without sorting again.
Expected<bool> copy_functions(SqliteDb& db, const std::string& functions_path) {
  SqliteStatement attach(db, "ATTACH DATABASE ?1 AS functions_part");
  if (!attach.ok()) return unexpected(db.error("attaching the functions"));
  attach.bind(1, functions_path);
  if (!attach.run()) return unexpected(db.error("attaching " + functions_path));
  auto copied = db.exec("BEGIN; INSERT INTO main.files SELECT * FROM functions_part.files; "
                        "INSERT INTO main.functions SELECT * FROM functions_part.functions; COMMIT;");
  if (!copied) (void)db.exec("ROLLBACK;");
  (void)db.exec("DETACH DATABASE functions_part;");
  if (!copied) return unexpected("copying the functions: " + copied.error());
  return true;
}

}  // namespace

Expected<WrittenCounts> write_index(SqliteDb& db, const std::string& functions_path,
                                    const std::vector<RegistryCrate>& crates, const RegistryGraph& graph,
                                    callgraph::CallGraph&& call_graph, const std::vector<VersionCounts>& counts,
                                    const ShardScope& scope) {
  // The write is SQLite's work on one core: the functions go on another, into
  // a file of their own, while the calls are written here.
  struct RemovedAtEnd {
    const std::string& path;
    ~RemovedAtEnd() {
      std::error_code ec;
      for (const char* suffix : {"", "-journal"}) std::filesystem::remove(path + suffix, ec);
    }
  } scratch{functions_path};
  std::optional<SqliteDb> functions_db;
  {
    std::error_code ec;
    std::filesystem::remove(functions_path, ec);
    auto opened = SqliteDb::open(functions_path, SqliteDb::Mode::bulk);
    if (!opened) return unexpected(opened.error());
    functions_db.emplace(std::move(*opened));
  }
  std::promise<void> calls_written;
  auto functions = std::async(std::launch::async, [&, calls_read = calls_written.get_future()] {
    Expected<size_t> written = write_functions(*functions_db, crates, graph, call_graph);
    // The graph is freed here, while the indexes are built on the other
    // core: hundreds of thousands of small objects, a sixth of a second.
    calls_read.wait();
    { callgraph::CallGraph freed = std::move(call_graph); }
    return written;
  });
  Expected<WrittenCounts> written = [&] {
    struct Signal {  // even on an exception: the other thread waits for it
      std::promise<void>& done;
      ~Signal() { done.set_value(); }
    } signal{calls_written};
    return write_versions_and_calls(db, crates, graph, call_graph, counts, scope);
  }();
  // The indexes of what is here, and the functions' (empty): the copy fills them.
  Expected<bool> indexed = written ? db.exec(kIndexIndexes) : Expected<bool>(true);
  Expected<size_t> functions_written = functions.get();
  functions_db.reset();  // closed: the copy reads the file
  if (!written) return written;
  if (!indexed) return unexpected("indexing: " + indexed.error());
  if (!functions_written) return unexpected(functions_path + ": " + functions_written.error());
  if (auto copied = copy_functions(db, functions_path); !copied) return unexpected(copied.error());
  written->functions = *functions_written;
  return written;
}

}  // namespace cratescope::index
