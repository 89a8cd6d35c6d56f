#pragma once
// Writing a whole index: into a new file next to the index (`.partial`),
// without a journal, indexes created at the end, then renamed over the old
// one: an interrupted run leaves the previous index as it was, and readers
// that have it open keep reading it.
#include <map>
#include <string>
#include <vector>

#include "callgraph/call_graph.hpp"
#include "core/sqlite_db.hpp"
#include "index/registry_crates.hpp"
#include "index/version_table.hpp"

namespace cratescope::index {

// A new, empty index at `path` + ".partial" for one bulk writer.
Expected<SqliteDb> create_partial_index(const std::string& path);
// The indexes, WAL mode for readers, and the rename over `path`.
Expected<bool> install_partial_index(SqliteDb&& partial, const std::string& path);

// What the index keeps of a crate version's source model.
struct VersionCounts {
  size_t files = 0, unanalyzed_files = 0, unsafe_sites = 0;
  bool forbids_unsafe = false;
  std::string capabilities = "{}";  // {"FS": 3, "NET": 1}: findings outside tests, by capability
};
std::string capability_counts_json(const std::map<std::string, size_t>& counts);

struct WrittenCounts {
  size_t functions = 0, calls = 0, method_calls = 0;
};

// A shard's part of the registry: `owned` by crate index (empty: all), and
// its "K/N" label for index_info.
struct ShardScope {
  std::vector<bool> owned;
  std::string label;
  bool owns(size_t crate) const { return owned.empty() || owned[crate]; }
};

// Everything, into `db` (from create_partial_index). The files and functions
// are written at the same time on another thread into `functions_path` (a
// scratch file, removed at the end), then copied in. `call_graph` is freed
// on the way (left empty): nothing needs it once it is written.
Expected<WrittenCounts> write_index(SqliteDb& db, const std::string& functions_path,
                                    const std::vector<RegistryCrate>& crates, const RegistryGraph& graph,
                                    callgraph::CallGraph&& call_graph, const std::vector<VersionCounts>& counts,
                                    const ShardScope& scope = {});

}  // namespace cratescope::index
