// `index --shard K/N` then `index merge` must give the same index as one
// whole run: the same versions, resolutions and calls.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/sqlite_db.hpp"
#include "index/index_test_support.hpp"
#include "index/index_merge.hpp"
#include "sources/temp_directory.hpp"
#include "support/test_support.hpp"

namespace cratescope::index {
namespace {

// Rows described by crate name, version and path rather than by ids, which
// differ between the two databases.
std::vector<std::string> rows(const std::string& database, const char* sql) {
  auto db = SqliteDb::open(database, SqliteDb::Mode::read_only);
  EXPECT_TRUE(db) << database;
  std::vector<std::string> out;
  if (!db) return out;
  SqliteStatement query(*db, sql);
  EXPECT_TRUE(query.ok()) << sql;
  while (query.next_row()) out.push_back(query.text(0));
  return out;
}

constexpr const char* kCalls = R"sql(SELECT va.name || va.version || a.path || '>' || vb.name || vb.version || b.path
  || c.kind || c.confidence || fl.path || c.line || ':' || c.col FROM calls c JOIN functions a ON a.id = c.caller
  JOIN functions b ON b.id = c.callee JOIN crate_versions va ON va.id = a.version_id
  JOIN crate_versions vb ON vb.id = b.version_id JOIN files fl ON fl.id = c.file_id ORDER BY 1)sql";
constexpr const char* kDependencies = R"sql(SELECT f.name || f.version || d.name || d.requirement || d.kind || 
  COALESCE(r.name || r.version, '-') FROM dependencies d JOIN crate_versions f ON f.id = d.from_version
  LEFT JOIN crate_versions r ON r.id = d.resolved_version ORDER BY 1)sql";
constexpr const char* kVersions = R"sql(SELECT name || version || status || error || functions || unsafe_sites ||
  capabilities FROM crate_versions ORDER BY 1)sql";
constexpr const char* kFunctions = R"sql(SELECT v.name || v.version || f.target || f.path || fl.path || f.line FROM
  functions f JOIN crate_versions v ON v.id = f.version_id JOIN files fl ON fl.id = f.file_id ORDER BY 1)sql";
constexpr const char* kUses = R"sql(SELECT v.name || v.version || u.module || u.name || u.path FROM use_bindings u
  JOIN crate_versions v ON v.id = u.version_id ORDER BY 1)sql";
constexpr const char* kTraitImpls = R"sql(SELECT v.name || v.version || t.type || t.trait_path FROM trait_impls t
  JOIN crate_versions v ON v.id = t.version_id ORDER BY 1)sql";

class ShardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = sources::TempDirectory::create();
    ASSERT_TRUE(made);
    temp_ = std::move(*made);
  }
  Expected<IndexSummary> index(const std::string& name, unsigned k, unsigned n) {
    IndexOptions options;
    options.shard = k;
    options.shards = n;
    return index_registry(fixture_registry(), path(name), options);
  }
  std::string path(const std::string& name) const { return (temp_.path() / name).string(); }

  sources::TempDirectory temp_;
};

TEST_F(ShardTest, MergedShardsAreTheWholeIndex) {
  ASSERT_TRUE(index("whole.sqlite", 1, 1));
  size_t owned = 0;
  std::vector<std::string> shards;
  for (unsigned k = 1; k <= 3; ++k) {
    auto summary = index("shard" + std::to_string(k) + ".sqlite", k, 3);
    ASSERT_TRUE(summary) << summary.error();
    owned += summary->crate_versions;
    shards.push_back(path("shard" + std::to_string(k) + ".sqlite"));
  }
  EXPECT_EQ(owned, 28u);  // each version in exactly one shard
  auto merged = merge_indexes(shards, path("merged.sqlite"));
  ASSERT_TRUE(merged) << merged.error();
  EXPECT_EQ(merged->crate_versions, 28u);
  for (const char* sql : {kCalls, kDependencies, kVersions, kFunctions, kUses, kTraitImpls}) {
    std::vector<std::string> whole = rows(path("whole.sqlite"), sql);
    EXPECT_FALSE(whole.empty()) << sql;
    EXPECT_EQ(rows(path("merged.sqlite"), sql), whole) << sql;
  }
}

TEST_F(ShardTest, MergeRefusesAnIncompleteOrRepeatedSetOfShards) {
  ASSERT_TRUE(index("a.sqlite", 1, 2));
  ASSERT_TRUE(index("b.sqlite", 2, 2));
  auto missing = merge_indexes({path("a.sqlite")}, path("out.sqlite"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("every shard"), std::string::npos) << missing.error();
  auto twice = merge_indexes({path("a.sqlite"), path("a.sqlite")}, path("out.sqlite"));
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().find("twice"), std::string::npos) << twice.error();
  EXPECT_FALSE(index("c.sqlite", 3, 2));  // K > N
}

TEST(ShardOf, IsDeterministicAndSpreadsVersions) {
  EXPECT_EQ(shard_of("serde", "1.0.0", 1), 1u);
  EXPECT_EQ(shard_of("serde", "1.0.0", 8), shard_of("serde", "1.0.0", 8));
  std::vector<int> counts(4, 0);
  for (int i = 0; i < 400; ++i) ++counts[shard_of("crate" + std::to_string(i), "0.1.0", 4) - 1];
  for (int c : counts) EXPECT_GT(c, 50);
}

}  // namespace
}  // namespace cratescope::index
