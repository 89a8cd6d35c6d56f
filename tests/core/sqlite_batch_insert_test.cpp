#include "core/sqlite_batch_insert.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace cratescope {
namespace {

namespace fs = std::filesystem;

SqliteDb fresh_db(const std::string& name) {
  fs::path path = fs::temp_directory_path() / ("cratescope-batch-" + name + "-" + std::to_string(::getpid()) + ".db");
  fs::remove(path);
  auto db = SqliteDb::open(path.string(), SqliteDb::Mode::bulk);
  EXPECT_TRUE(db) << db.error();
  EXPECT_TRUE(db->exec("CREATE TABLE t (a INTEGER, b TEXT, c INTEGER);"));
  return std::move(*db);
}

std::vector<std::string> rows_of(const SqliteDb& db) {
  std::vector<std::string> out;
  SqliteStatement select(db, "SELECT a, b, c IS NULL, c FROM t ORDER BY rowid");
  while (select.next_row())
    out.push_back(std::to_string(select.integer(0)) + "|" + select.text(1) + "|" +
                  (select.integer(2) ? "null" : std::to_string(select.integer(3))));
  return out;
}

// Rows in order, values of each kind, full batches and a shorter last one.
TEST(SqliteBatchInsert, WritesFullBatchesAndTheRest) {
  SqliteDb db = fresh_db("rows");
  std::vector<std::string> texts;
  for (int i = 0; i < 11; ++i) texts.push_back("text " + std::to_string(i));
  SqliteBatchInsert insert(db, "t (a, b, c)", 3, 4);
  ASSERT_TRUE(insert.ok());
  std::vector<std::string> expected;
  for (int i = 0; i < 11; ++i) {
    insert.bind_int(1, i);
    insert.bind_static(2, texts[static_cast<size_t>(i)]);
    if (i % 3 == 0) insert.bind_null(3);
    else insert.bind_int(3, 100 + i);
    ASSERT_TRUE(insert.end_row());
    expected.push_back(std::to_string(i) + "|" + texts[static_cast<size_t>(i)] + "|" +
                       (i % 3 == 0 ? "null" : std::to_string(100 + i)));
    if (i == 7) EXPECT_EQ(rows_of(db).size(), 8u);  // two full batches written, nothing pending
  }
  EXPECT_EQ(rows_of(db).size(), 8u);  // the last three wait for flush()
  ASSERT_TRUE(insert.flush());
  EXPECT_EQ(rows_of(db), expected);
  EXPECT_TRUE(insert.flush());  // nothing left: no rows added
  EXPECT_EQ(rows_of(db).size(), 11u);
}

TEST(SqliteBatchInsert, ReportsAnUnknownTable) {
  SqliteDb db = fresh_db("missing");
  SqliteBatchInsert insert(db, "no_such_table (a)", 1);
  EXPECT_FALSE(insert.ok());
}

// A row that breaks a constraint fails its batch, and the caller learns it.
TEST(SqliteBatchInsert, FailsABatchThatBreaksAConstraint) {
  SqliteDb db = fresh_db("constraint");
  ASSERT_TRUE(db.exec("CREATE TABLE u (a INTEGER NOT NULL);"));
  SqliteBatchInsert insert(db, "u (a)", 1, 2);
  insert.bind_int(1, 1);
  ASSERT_TRUE(insert.end_row());
  insert.bind_null(1);
  EXPECT_FALSE(insert.end_row());
}

}  // namespace
}  // namespace cratescope
