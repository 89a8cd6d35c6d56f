#pragma once
// Bulk inserts many rows to a statement (`INSERT ... VALUES (..), (..), ...`):
// SQLite's fixed cost per statement run (step, reset, halt) was most of the
// index's write for narrow rows. Values are kept until a batch is full and
// bound then, so the last, shorter batch gets a statement of its own size.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/sqlite_db.hpp"

namespace cratescope {

class SqliteBatchInsert {
 public:
  // `into`: the table and its columns, `calls (caller, callee)`.
  SqliteBatchInsert(const SqliteDb& db, std::string into, int columns, int rows_per_batch = 64);
  bool ok() const { return full_batch_ && full_batch_->ok(); }

  // Values of the row being filled, by 1-based column. Text is not copied:
  // it must stay as it is until flush() (strings that outlive the writer).
  void bind_int(int column, int64_t value) { at(column) = {Value::integer, value, {}}; }
  void bind_static(int column, std::string_view text) { at(column) = {Value::text, 0, text}; }
  void bind_null(int column) { at(column) = {Value::null, 0, {}}; }
  // The row is complete; a full batch is written. False on an error.
  bool end_row();
  // Writes the rows still pending. False on an error.
  bool flush();

 private:
  struct Value {
    enum Kind : uint8_t { null, integer, text } kind = null;
    int64_t integer_value = 0;
    std::string_view text_value;
  };
  Value& at(int column) { return pending_[static_cast<size_t>(rows_ * columns_ + column - 1)]; }
  std::string statement_text(int rows) const;
  bool run(SqliteStatement& statement, int rows);

  const SqliteDb& db_;
  std::string into_;
  int columns_, rows_per_batch_;
  int rows_ = 0;  // complete rows in pending_
  std::vector<Value> pending_;
  std::unique_ptr<SqliteStatement> full_batch_;
};

}  // namespace cratescope
