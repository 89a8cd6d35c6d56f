#pragma once
// `cratescope index`: every crate version of a registry, its functions and
// its calls, linked across crates at the versions Cargo would select among
// those present, written to one SQLite file (index_schema.hpp).
//
// Re-running on the same registry with nothing new is a no-op; with new
// versions, only those are modelled (the others' call-graph units come
// from the unit cache) and the whole graph is linked again, since a new
// version can change what other crates' requirements select. The database
// is rewritten in one transaction: an interrupted run leaves the previous
// index whole, and the next run resumes from the cached units.
#include <filesystem>
#include <functional>
#include <string>

#include "core/context.hpp"
#include "core/expected.hpp"

namespace cratescope::index {

struct IndexOptions {
  std::string registry;
  std::string database;
  std::filesystem::path cache_dir;  // call-graph units between runs; empty: none
  bool force = false;               // rebuild even when nothing changed
  // --shard K/N: this run owns the crate versions whose name@version hashes
  // to slice K (1-based) of N; their dependencies are modelled too, to link
  // them, and written only as far as owned calls need them. `cratescope
  // index merge` combines the N shard databases into one.
  unsigned shard = 1, shards = 1;
  std::function<void(size_t done, size_t total, const std::string& crate)> progress;
  // When set: every source file the model read is written to this file, one
  // per line (bench/index_bench.sh parses the same files for its bound).
  std::string list_files;
};

struct IndexSummary {
  bool up_to_date = false;  // nothing changed: the database was left as it was
  size_t crate_versions = 0, indexed = 0, failed = 0, modelled = 0;
  size_t functions = 0, calls = 0, method_calls = 0;
  size_t dependencies = 0, unresolved_dependencies = 0;
  double seconds = 0;
};

Expected<IndexSummary> build_index(const Context& context, const IndexOptions& options);

// Which slice of `shards` owns a crate version (1-based): deterministic
// across machines and runs.
unsigned shard_of(const std::string& name, const std::string& version, unsigned shards);

}  // namespace cratescope::index
