#pragma once
// A thin RAII layer over SQLite for the stores cratescope writes (the
// quarantine store, the ecosystem index): one connection, prepared
// statements, transactions. Plain SQL only, so that a server database can
// take the same schemas later.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace cratescope {

class SqliteDb {
 public:
  // bulk: created for one writer that fills it and then hands it over (no
  // journal, no syncing until closed: a crash leaves a file nobody uses).
  enum class Mode { read_only, read_write, create, bulk };
  // WAL journal and a busy timeout (another writer: wait, do not fail).
  static Expected<SqliteDb> open(const std::string& path, Mode mode);
  SqliteDb(SqliteDb&&) noexcept;
  SqliteDb& operator=(SqliteDb&&) noexcept;
  ~SqliteDb();

  Expected<bool> exec(const char* sql);
  std::string error(std::string_view doing) const;
  int64_t last_insert_id() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class SqliteStatement {
 public:
  SqliteStatement(const SqliteDb& db, const char* sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  bool ok() const { return statement_ != nullptr; }

  void bind(int index, std::string_view text);
  // Not copied: `text` must stay as it is until the statement is rebound or
  // finalized (a bulk writer's strings that outlive it; a copy per row was a
  // tenth of the index's write).
  void bind_static(int index, std::string_view text);
  void bind_int(int index, int64_t value);
  void bind_null(int index);
  // The value of `from`'s current row at `column`, with its type (copying rows between databases).
  void bind_column(int index, const SqliteStatement& from, int column);
  // True for a row; false when done or on an error.
  bool next_row();
  // Runs a statement that returns no rows; then resets it for the next binding.
  bool run();
  void reset();
  std::string text(int column) const;
  int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3_stmt* statement_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT; rolled back if it goes out of scope uncommitted.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  bool ok() const { return begun_; }
  Expected<bool> commit();

 private:
  SqliteDb& db_;
  bool begun_ = false, committed_ = false;
};

// ISO 8601 UTC time of now, as every store records it.
std::string utc_timestamp();

}  // namespace cratescope
