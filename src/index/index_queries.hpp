#pragma once
// Questions asked of an index (index_build.hpp writes it): who calls a
// function, across every crate version, with one call path each; and what
// the index holds. Reads only; plain SQL over the documented schema.
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/expected.hpp"
#include "core/source_location.hpp"
#include "core/sqlite_db.hpp"

namespace cratescope::index {

struct IndexedFunction {
  int64_t id = 0;
  int64_t version_id = 0;
  std::string crate, version;  // the crate version it belongs to
  std::string path;            // `crate::de::from_str`, as defined
  std::string target;          // `lib`, `build-script`, `bin app`
  SourceLocation location;     // file relative to the registry: `tinyjson-1.2.0/src/de.rs`
};

struct CallStep {
  IndexedFunction callee;
  SourceLocation site;     // where the call is written
  std::string kind;        // call-graph edge kind: path, receiver_type, method_name, ...
  std::string confidence;  // high, medium, low
};

struct Caller {
  IndexedFunction function;
  std::vector<CallStep> path;  // from this function's call down to the queried function
};

struct CallersResult {
  std::string query;                     // as asked
  std::vector<IndexedFunction> targets;  // what the path names, per version of its crate
  std::vector<Caller> callers;           // by crate, version, path
  std::vector<std::string> notes;        // what could not be answered, and why
  bool truncated = false;                // the depth limit stopped the search somewhere
  bool incomplete = false;               // a search bound left paths unfollowed (see notes)
};

struct CallersOptions {
  std::string version_requirement;  // empty: every version of the crate
  unsigned depth = 64;              // calls followed back from the function
  bool method_names = false;        // also `x.f()` calls whose receiver type is unknown (low confidence)
  // Sets of conditions (crates a caller must depend on, one per trait impl
  // crossed) one function is searched under, besides none; beyond, the
  // result is `incomplete` (callers_search.cpp).
  unsigned max_conditions = 4;
  // Only callers in these crate versions (a version and what it depends on:
  // IndexReader::dependencies_of), where no trait impl needs a condition.
  const std::unordered_set<int64_t>* within = nullptr;
  int64_t only_version = 0;  // when set, only callers in this crate version are listed
};

struct TopEntry {
  std::string label;
  int64_t count = 0;
};

struct IndexStats {
  int64_t crates = 0, versions = 0, indexed = 0, failed = 0, functions = 0, calls = 0, method_calls = 0;
  int64_t dependencies = 0, unresolved_dependencies = 0;
  std::vector<TopEntry> calls_by_kind, most_called, most_unsafe, most_capabilities;
  std::string indexed_at;
};

struct FailedVersion {
  std::string crate, version, entry, error;
};

// The columns of indexed_function(), for queries that list functions (add a WHERE).
inline constexpr const char* kFunctionRows = R"sql(SELECT f.id, f.version_id, v.name, v.version, f.path, f.target,
  COALESCE(fl.path, ''), f.line, f.col FROM functions f JOIN crate_versions v ON v.id = f.version_id
  LEFT JOIN files fl ON fl.id = f.file_id)sql";
IndexedFunction indexed_function(const SqliteStatement& row);

// SemVer precedence, and text order for versions that do not parse.
bool version_less(const std::string& a, const std::string& b);

struct CallsCache;

class IndexReader {
 public:
  static Expected<IndexReader> open(const std::string& path);
  IndexReader(IndexReader&&) noexcept;
  IndexReader& operator=(IndexReader&&) noexcept;
  ~IndexReader();

  Expected<CallersResult> callers(const std::string& path, const CallersOptions& options) const;
  // The callers of these functions (any of them), added to `result` with the
  // targets themselves (callers_search.cpp). `options.version_requirement`
  // is not read: the targets are chosen.
  void callers_of(const std::vector<int64_t>& targets, const CallersOptions& options, CallersResult& result) const;
  // The crate versions `version_id` is or depends on (not through dev-dependencies).
  const std::unordered_set<int64_t>& dependencies_of(int64_t version_id) const;
  Expected<IndexStats> stats(size_t top = 10) const;
  std::vector<FailedVersion> failed() const;

  // The functions a public path names in one crate version (following the
  // crate's `use`s and re-exports, into dependencies at their resolved
  // versions): `tinyjson::from_str` -> `crate::de::from_str` of tinyjson 1.2.0;
  // a type's method it does not declare -> the provided method of a trait it
  // implements (`depth`: such hops so far).
  std::vector<int64_t> resolve(int64_t version_id, const std::string& path_in_crate, int depth = 0) const;
  std::optional<IndexedFunction> function(int64_t id) const;
  // Every function a public path names, in every indexed version of its crate.
  Expected<std::vector<int64_t>> functions_named(const std::string& path) const;
  const SqliteDb& db() const { return db_; }

 private:
  explicit IndexReader(SqliteDb db);
  SqliteDb db_;
  // function() is asked once per caller and per step of its path: prepared once.
  mutable std::unique_ptr<SqliteStatement> function_query_;
  // What caller searches read, kept between them (callers_search.cpp).
  mutable std::unique_ptr<CallsCache> calls_cache_;
  CallsCache& calls_cache() const;
  void complete_per_dependent(const CallersOptions& options, CallersResult& result) const;
};

}  // namespace cratescope::index
