// An advisory's blast radius over the fixture registry, against answers
// worked out by hand from the fixture's code (tests/fixtures/index/README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "advisory/database.hpp"
#include "index/dependency_queries.hpp"
#include "index/index_test_support.hpp"
#include "sources/temp_directory.hpp"
#include "support/test_support.hpp"

namespace cratescope::index {
namespace {

class BlastRadiusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = sources::TempDirectory::create();
    ASSERT_TRUE(made);
    temp_ = std::move(*made);
    database_ = (temp_.path() / "index.sqlite").string();
    Context context{files_, diagnostics_, timers_, 2};
    ASSERT_TRUE(index_registry(fixture_registry(), database_));
    auto db = advisory::load_database(testing::fixtures_dir() / "index" / "advisory-db", {}, context);
    ASSERT_TRUE(db);
    advisories_ = std::move(*db);
  }

  // The blast radius of one of the fixture's advisories.
  Expected<BlastRadius> radius_of(const std::string& id) const {
    auto reader = IndexReader::open(database_);
    if (!reader) return unexpected(reader.error());
    const advisory::Advisory* a = advisories_->find(id);
    if (!a) return unexpected("no advisory " + id + " in the fixture");
    return DependencyQueries(*reader, reader->db()).blast_radius(*a, 64);
  }

  static std::set<std::string> labels(const std::vector<BlastRadius::Dependent>& list) {
    std::set<std::string> out;
    for (const auto& d : list) out.insert(d.crate + "@" + d.version);
    return out;
  }

  RealFileSystem files_;
  Diagnostics diagnostics_;
  Timers timers_;
  sources::TempDirectory temp_;
  std::string database_;
  std::optional<advisory::Database> advisories_;
};

TEST_F(BlastRadiusTest, FunctionLevelAdvisorySplitsDependentsByWhetherTheyReachTheFunction) {
  auto radius = radius_of("RUSTSEC-2099-0001");
  ASSERT_TRUE(radius) << radius.error();
  EXPECT_TRUE(radius->function_level);
  EXPECT_EQ(std::set<std::string>(radius->vulnerable_versions.begin(), radius->vulnerable_versions.end()),
            (std::set<std::string>{"1.0.0", "1.1.0", "1.2.0"}));  // 2.0.0-beta.1 is past the patch
  EXPECT_EQ(labels(radius->reaches), (std::set<std::string>{"app-cli@0.2.0", "app-cli@0.3.0", "confload@0.1.0",
                                                             "halfdone@0.1.0", "kvstore@0.7.0", "logline@1.1.0"}));
  // logline 1.0.0 depends on tinyjson and never calls parse; json-path 0.2.0
  // calls from_str of 1.1.0, which does not call parse in that version.
  EXPECT_TRUE(labels(radius->does_not_reach).contains("logline@1.0.0"));
  EXPECT_TRUE(labels(radius->does_not_reach).contains("json-path@0.2.0"));
  for (const auto& d : radius->reaches) {
    ASSERT_FALSE(d.callers.empty()) << d.crate;
    EXPECT_EQ(d.callers.front().path.back().callee.path, "crate::parse");  // each with its evidence
  }
  EXPECT_TRUE(radius->package_level.empty());
}

TEST_F(BlastRadiusTest, SeveralAffectedFunctionsAreSearchedTogetherAndEachCallerIsListedOnce) {
  auto radius = radius_of("RUSTSEC-2099-0003");  // parse and from_str
  ASSERT_TRUE(radius) << radius.error();
  // json-path 0.2.0 calls from_str of 1.1.0, which does not call parse there:
  // it reaches this advisory's functions, not RUSTSEC-2099-0001's.
  EXPECT_EQ(labels(radius->reaches), (std::set<std::string>{"app-cli@0.2.0", "app-cli@0.3.0", "confload@0.1.0",
                                                             "halfdone@0.1.0", "json-path@0.2.0", "kvstore@0.7.0",
                                                             "logline@1.1.0"}));
  EXPECT_TRUE(labels(radius->does_not_reach).contains("logline@1.0.0"));
  for (const auto& d : radius->reaches) {
    std::set<std::string> functions;
    for (const auto& c : d.callers) {
      EXPECT_TRUE(functions.insert(c.function.path).second) << d.crate << " lists " << c.function.path << " twice";
      ASSERT_FALSE(c.path.empty());
      std::string reached = c.path.back().callee.path;
      EXPECT_TRUE(reached == "crate::parse" || reached == "crate::de::from_str") << reached;
    }
  }
  // app-cli 0.3.0's run calls both.
  auto app = std::find_if(radius->reaches.begin(), radius->reaches.end(),
                          [](const auto& d) { return d.crate == "app-cli" && d.version == "0.3.0"; });
  ASSERT_NE(app, radius->reaches.end());
  EXPECT_TRUE(std::any_of(app->callers.begin(), app->callers.end(),
                          [](const auto& c) { return c.function.path == "crate::run"; }));
  EXPECT_TRUE(radius->notes.empty()) << radius->notes.front();
}

// An advisory's function list can span versions: a function in a module
// the version does not have is absent there, and its dependents' verdicts
// rest on the functions it has. A type's method that is not found is not
// proof of absence: the verdict stays unknown.
TEST_F(BlastRadiusTest, AFunctionInAModuleTheVersionLacksIsAbsentNotUnknown) {
  auto radius = radius_of("RUSTSEC-2099-0004");
  ASSERT_TRUE(radius) << radius.error();
  // tokuser never calls Lexer::reset (its `t.reset()` is on a type parameter).
  EXPECT_EQ(labels(radius->does_not_reach), std::set<std::string>{"tokuser@0.1.0"});
  EXPECT_TRUE(radius->unknown.empty());
  ASSERT_EQ(radius->notes.size(), 1u);
  EXPECT_EQ(radius->notes.front(), "`tokenize::stream::reset` is not in tokenize 0.1.0: nothing is at `tokenize::stream` there");

  auto unknown = radius_of("RUSTSEC-2099-0005");
  ASSERT_TRUE(unknown) << unknown.error();
  EXPECT_TRUE(unknown->does_not_reach.empty());
  ASSERT_EQ(labels(unknown->unknown), std::set<std::string>{"tokuser@0.1.0"});
  EXPECT_EQ(unknown->unknown.front().reason, "`tokenize::Lexer::rewind_to` was not found in tokenize 0.1.0");
}

TEST_F(BlastRadiusTest, PackageLevelAdvisoryListsThePlainDependentsAsSuch) {
  auto radius = radius_of("RUSTSEC-2099-0002");
  ASSERT_TRUE(radius) << radius.error();
  EXPECT_FALSE(radius->function_level);
  EXPECT_TRUE(radius->reaches.empty());
  EXPECT_TRUE(radius->does_not_reach.empty());
  std::set<std::string> dependents = labels(radius->package_level);
  EXPECT_FALSE(dependents.empty());
  // bytebuf 0.2.3 is patched: its dependents are not listed unless they also select an older one.
  for (const auto& d : radius->package_level) EXPECT_NE(d.depends_on, "bytebuf 0.2.3") << d.crate;
}

}  // namespace
}  // namespace cratescope::index
