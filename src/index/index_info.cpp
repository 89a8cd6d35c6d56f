#include "index/index_info.hpp"

#include "callgraph/unit_cache.hpp"
#include "index/index_schema.hpp"

namespace cratescope::index {

Expected<bool> check_index_schema(SqliteDb& db, const std::string& path) {
  SqliteStatement query(db, "SELECT value FROM index_info WHERE key = 'schema_version'");
  if (!query.ok() || !query.next_row()) return unexpected(path + ": not a cratescope index (run `cratescope index` first)");
  std::string version = query.text(0);
  if (version != kIndexSchemaVersion)
    return unexpected(path + ": an index of schema " + version + "; this cratescope reads schema " + kIndexSchemaVersion +
                      " (run `cratescope index` again to rebuild it)");
  return true;
}

bool modelled_as_now(SqliteDb& db) {
  SqliteStatement query(db, "SELECT value FROM index_info WHERE key = 'model_version'");
  return query.ok() && query.next_row() && query.text(0) == std::to_string(callgraph::unit_format());
}

Expected<bool> write_index_info(SqliteDb& db, const std::string& shard,
                                const std::vector<std::pair<std::string, std::string>>& more) {
  SqliteStatement info(db, "INSERT INTO index_info (key, value) VALUES (?1, ?2)");
  std::vector<std::pair<std::string, std::string>> rows{
      {"schema_version", kIndexSchemaVersion},
      {"model_version", std::to_string(callgraph::unit_format())},
      {"indexed_at", utc_timestamp()},
      {"shard", shard}};
  rows.insert(rows.end(), more.begin(), more.end());
  for (const auto& [key, value] : rows) {
    info.bind(1, key);
    info.bind(2, value);
    if (!info.run()) return unexpected(db.error("index_info"));
  }
  return true;
}

}  // namespace cratescope::index
