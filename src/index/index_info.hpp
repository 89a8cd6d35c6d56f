#pragma once
// The index_info table: which cratescope wrote an index, and how. Readers
// check it before they query; the builder, before it trusts an index.
#include <string>
#include <utility>
#include <vector>

#include "core/expected.hpp"
#include "core/sqlite_db.hpp"

namespace cratescope::index {

// Whether `db` (at `path`) is an index of this cratescope's schema; if not, why
// (not an index at all, or one an older or newer cratescope wrote).
Expected<bool> check_index_schema(SqliteDb& db, const std::string& path);
// Whether `db` was modelled by this cratescope's modelling (callgraph::unit_format):
// if not, the same crates give other functions and calls, so it is rebuilt.
bool modelled_as_now(SqliteDb& db);
// index_info of a new index: the schema version, the model version, the
// time, its shard label ("K/N", "1/1" when whole) and `more`.
Expected<bool> write_index_info(SqliteDb& db, const std::string& shard,
                                const std::vector<std::pair<std::string, std::string>>& more = {});

}  // namespace cratescope::index
