#include "core/sqlite_batch_insert.hpp"

namespace cratescope {

SqliteBatchInsert::SqliteBatchInsert(const SqliteDb& db, std::string into, int columns, int rows_per_batch)
    : db_(db), into_(std::move(into)), columns_(columns), rows_per_batch_(rows_per_batch),
      pending_(static_cast<size_t>(columns * rows_per_batch)) {
  full_batch_ = std::make_unique<SqliteStatement>(db_, statement_text(rows_per_batch_).c_str());
}

std::string SqliteBatchInsert::statement_text(int rows) const {
  std::string row = "(";
  for (int c = 0; c < columns_; ++c) row += c ? ", ?" : "?";
  row += ")";
  std::string out = "INSERT INTO " + into_ + " VALUES ";
  for (int r = 0; r < rows; ++r) out += (r ? ", " : "") + row;
  return out;
}

bool SqliteBatchInsert::run(SqliteStatement& statement, int rows) {
  for (int i = 0; i < rows * columns_; ++i) {
    const Value& v = pending_[static_cast<size_t>(i)];
    switch (v.kind) {
      case Value::integer: statement.bind_int(i + 1, v.integer_value); break;
      case Value::text: statement.bind_static(i + 1, v.text_value); break;
      case Value::null: statement.bind_null(i + 1); break;
    }
  }
  rows_ = 0;
  return statement.run();
}

bool SqliteBatchInsert::end_row() {
  if (++rows_ < rows_per_batch_) return true;
  return run(*full_batch_, rows_);
}

bool SqliteBatchInsert::flush() {
  if (rows_ == 0) return true;
  SqliteStatement last(db_, statement_text(rows_).c_str());
  return last.ok() && run(last, rows_);
}

}  // namespace cratescope
