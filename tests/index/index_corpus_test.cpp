// The index over a slice of the real corpus (Debian's crate registry, as
// ../shared/scripts/install-crate-corpus.sh installs it): serde_json, what it
// depends on, and crates known to call serde_json::from_str (colored_json from
// its code; eui48 and rpassword from their tests only).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "index/dependency_queries.hpp"
#include "index/index_test_support.hpp"
#include "sources/temp_directory.hpp"

namespace cratescope::index {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = "/usr/share/cargo/registry";
const char* kSlice[] = {"serde-1.0.152",     "serde_json-1.0.87", "itoa-1.0.1",      "ryu-1.0.2",
                        "colored_json-2.1.0", "eui48-1.1.0",       "rpassword-6.0.1", "indexmap-1.9.2",
                        "hashbrown-0.12.3",   "serde_derive-1.0.152"};

TEST(IndexCorpus, CallersOfSerdeJsonFromStrInARealSlice) {
  for (const char* name : kSlice)
    if (!fs::exists(kCorpus / name)) GTEST_SKIP() << "corpus not installed (" << name << ")";
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  fs::path registry = temp->path() / "registry";
  fs::create_directories(registry);
  for (const char* name : kSlice) fs::create_directory_symlink(kCorpus / name, registry / name);
  std::string database = (temp->path() / "index.sqlite").string();
  auto summary = index_registry(registry, database);
  ASSERT_TRUE(summary) << summary.error();
  EXPECT_EQ(summary->indexed, std::size(kSlice));
  EXPECT_EQ(summary->failed, 0u);
  EXPECT_GT(summary->functions, 2000u);

  auto reader = IndexReader::open(database);
  ASSERT_TRUE(reader);
  auto callers = reader->callers("serde_json::from_str", {});
  ASSERT_TRUE(callers) << callers.error();
  ASSERT_EQ(callers->targets.size(), 1u);
  EXPECT_EQ(callers->targets[0].path, "crate::de::from_str");  // `pub use de::from_str` at the root
  std::set<std::string> crates;
  for (const auto& c : callers->callers) crates.insert(c.function.crate);
  EXPECT_TRUE(crates.contains("colored_json"));
  EXPECT_FALSE(crates.contains("itoa"));  // serde_json depends on it, not the other way round
  // eui48 calls it only in its `#[cfg(test)] mod tests`, rpassword only in
  // `#[test]` fns: never compiled for a crate that depends on them, no path there.
  EXPECT_FALSE(crates.contains("eui48"));
  EXPECT_FALSE(crates.contains("rpassword"));

  auto dependents = DependencyQueries(*reader, reader->db()).rdeps("serde_json", "", false);
  ASSERT_TRUE(dependents);
  std::set<std::string> names;
  for (const auto& d : *dependents) names.insert(d.crate);
  for (const char* expected : {"colored_json", "eui48", "rpassword"}) EXPECT_TRUE(names.contains(expected)) << expected;
}

}  // namespace
}  // namespace cratescope::index
