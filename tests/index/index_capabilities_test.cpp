// The capability and unsafe counts the index keeps per version are those
// `cratescope capabilities` finds in the same crate (lib and build script,
// tests left out), although the index counts them on the call graph's model
// and with its `use` resolvers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

#include "capabilities/crate_capabilities.hpp"
#include "capabilities/rule_matcher.hpp"
#include "core/sqlite_db.hpp"
#include "index/index_test_support.hpp"
#include "sources/temp_directory.hpp"

namespace cratescope::index {
namespace {

namespace fs = std::filesystem;

TEST(IndexCapabilities, CountsMatchTheCapabilitiesCommand) {
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  fs::path registry = temp->path() / "registry";
  fs::create_directories(registry);
  // (resolution and popular-crates: paths through `use`s, which the index
  // resolves with the call graph's resolvers and the command with its own.)
  const char* crates[] = {"build-script", "std-powers", "unsafe-code", "macros", "resolution", "popular-crates",
                          "proc-macro", "build-time-and-macros", "weird-syntax"};
  for (const char* name : crates)
    fs::create_directory_symlink(testing::fixtures_dir() / "capabilities" / name, registry / (std::string(name) + "-0.1.0"));
  std::string database = (temp->path() / "index.sqlite").string();
  auto summary = index_registry(registry, database);
  ASSERT_TRUE(summary) << summary.error();
  ASSERT_EQ(summary->indexed, std::size(crates));

  auto db = SqliteDb::open(database, SqliteDb::Mode::read_only);
  ASSERT_TRUE(db);
  SqliteStatement row(*db, "SELECT capabilities, unsafe_sites FROM crate_versions WHERE name = ?1");
  RealFileSystem files;
  capabilities::RuleMatcher rules;
  size_t with_capabilities = 0;
  for (const char* name : crates) {
    SCOPED_TRACE(name);
    Diagnostics diagnostics;
    Timers timers;
    Context context{files, diagnostics, timers, 1};
    capabilities::AnalysisOptions options;
    options.include_bins = false;
    auto found = capabilities::analyze_crate(context, (testing::fixtures_dir() / "capabilities" / name).string(), options, rules);
    std::map<std::string, size_t> expected;
    for (const auto& f : found.findings)
      if (!f.test_only) ++expected[std::string(capabilities::to_string(f.capability))];
    row.bind(1, name);
    ASSERT_TRUE(row.next_row());
    EXPECT_EQ(nlohmann::json::parse(row.text(0)), nlohmann::json(expected));
    EXPECT_EQ(static_cast<size_t>(row.integer(1)), found.unsafe_sites.size());
    with_capabilities += !expected.empty();
    row.reset();
  }
  EXPECT_GE(with_capabilities, 6u);  // the comparison is not between empty sets
}

}  // namespace
}  // namespace cratescope::index
