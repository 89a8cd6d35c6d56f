// The index of tests/fixtures/index/registry against the answers written down
// in tests/fixtures/index/expected.toml: every dependency's resolved version,
// the complete set of callers of each function asked about, failed versions.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "core/sqlite_db.hpp"
#include "index/index_build.hpp"
#include "index/index_queries.hpp"
#include "sources/temp_directory.hpp"
#include "index/index_test_support.hpp"
#include "support/test_support.hpp"

namespace cratescope::index {
namespace {

namespace fs = std::filesystem;

fs::path registry() { return fixture_registry(); }

class IndexFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto made = sources::TempDirectory::create();
    ASSERT_TRUE(made) << made.error();
    temp_ = new sources::TempDirectory(std::move(*made));
    database_ = (temp_->path() / "index.sqlite").string();
    auto summary = index_registry(registry(), database_);
    ASSERT_TRUE(summary) << summary.error();
    summary_ = *summary;
    expected_ = toml::parse_file((testing::fixtures_dir() / "index" / "expected.toml").string());
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
  }
  static inline sources::TempDirectory* temp_ = nullptr;
  static inline std::string database_;
  static inline IndexSummary summary_;
  static inline toml::table expected_;
};

// `tinyjson@1.2.0::crate::de::from_str`, `net-fetch@0.5.0[build]::crate::main`.
std::string label(const IndexedFunction& f) {
  std::string target = f.target == "lib" ? "" : f.target == "build-script" ? "[build]" : "[" + f.target + "]";
  return f.crate + "@" + f.version + target + "::" + f.path;
}

std::set<std::string> strings(const toml::array* array) {
  std::set<std::string> out;
  if (array)
    for (const auto& v : *array) out.insert(v.value_or(std::string()));
  return out;
}

TEST_F(IndexFixture, EveryVersionIsListedAndTheBrokenOneFailsWithItsReason) {
  EXPECT_EQ(summary_.crate_versions, 28u);
  EXPECT_EQ(summary_.failed, 1u);
  auto reader = IndexReader::open(database_);
  ASSERT_TRUE(reader) << reader.error();
  std::vector<FailedVersion> failed = reader->failed();
  for (const auto& entry : *expected_["failed"].as_array()) {
    std::string crate = entry.as_table()->get("crate")->value_or(std::string());
    bool found = false;
    for (const auto& f : failed)
      if (f.crate + "@" + f.version == crate) {
        found = true;
        EXPECT_NE(f.error.find("Cargo.toml"), std::string::npos) << f.error;  // says where
      }
    EXPECT_TRUE(found) << crate;
  }
  EXPECT_EQ(failed.size(), expected_["failed"].as_array()->size());
}

TEST_F(IndexFixture, EachDependencyResolvesToTheVersionCargoWouldSelect) {
  auto db = SqliteDb::open(database_, SqliteDb::Mode::read_only);
  ASSERT_TRUE(db);
  SqliteStatement query(*db, R"sql(SELECT d.requirement, COALESCE(r.name || '@' || r.version, '') FROM dependencies d
    JOIN crate_versions f ON f.id = d.from_version LEFT JOIN crate_versions r ON r.id = d.resolved_version
    WHERE f.name || '@' || f.version = ?1 AND d.name = ?2 AND d.kind = ?3)sql");
  size_t expected_count = 0;
  for (const auto& node : *expected_["resolution"].as_array()) {
    const toml::table& r = *node.as_table();
    std::string from = r["from"].value_or(std::string()), dependency = r["dependency"].value_or(std::string());
    std::string kind = r["kind"].value_or(std::string());
    query.bind(1, from);
    query.bind(2, dependency);
    query.bind(3, kind);
    ASSERT_TRUE(query.next_row()) << from << " -> " << dependency << " (" << kind << ") is not in the index";
    EXPECT_EQ(query.text(1), r["resolved"].value_or(std::string())) << from << " -> " << dependency;
    std::string requirement = r["requirement"].value_or(std::string());
    EXPECT_TRUE(query.text(0) == requirement || "^" + query.text(0) == requirement) << query.text(0) << " vs " << requirement;
    query.reset();
    ++expected_count;
  }
  SqliteStatement count(*db, "SELECT COUNT(*) FROM dependencies");
  ASSERT_TRUE(count.next_row());
  EXPECT_EQ(static_cast<size_t>(count.integer(0)), expected_count);
}

// Only a `pub use` can make a path public: tinyjson's `pub use
// crate::de::from_str` and textkit's `pub use self::util::*` are kept, the
// private `use crate::Value` in tinyjson's de.rs is not.
TEST_F(IndexFixture, TheUsesKeptAreThePublicOnes) {
  auto db = SqliteDb::open(database_, SqliteDb::Mode::read_only);
  ASSERT_TRUE(db);
  auto rows = [&](const char* sql) {
    SqliteStatement query(*db, sql);
    std::set<std::string> out;
    while (query.next_row()) out.insert(query.text(0));
    return out;
  };
  std::set<std::string> bindings = rows(R"sql(SELECT v.name || '@' || v.version || ' ' || b.module || ' ' || b.name
    || ' ' || b.path FROM use_bindings b JOIN crate_versions v ON v.id = b.version_id)sql");
  EXPECT_TRUE(bindings.contains("tinyjson@1.2.0 crate from_str crate::de::from_str"));
  for (const auto& binding : bindings) EXPECT_EQ(binding.find(" Value "), std::string::npos) << binding;
  std::set<std::string> globs = rows(R"sql(SELECT v.name || '@' || v.version || ' ' || g.module || ' ' || g.path
    FROM use_globs g JOIN crate_versions v ON v.id = g.version_id)sql");
  EXPECT_TRUE(globs.contains("textkit@0.4.0 crate crate::util")) << ::testing::PrintToString(globs);
}

TEST_F(IndexFixture, AnExportedMacroIsPublicWhateverItsModule) {
  auto db = SqliteDb::open(database_, SqliteDb::Mode::read_only);
  ASSERT_TRUE(db);
  SqliteStatement query(*db, R"sql(SELECT f.path, f.is_pub FROM functions f JOIN crate_versions v ON v.id = f.version_id
    WHERE v.name = 'tinyjson' AND v.version = '1.2.0' AND f.kind = 'macro_rules')sql");
  ASSERT_TRUE(query.next_row());
  EXPECT_EQ(query.text(0), "crate::macros::null");
  EXPECT_EQ(query.integer(1), 1);
}

TEST_F(IndexFixture, CallersAreExactlyTheOnesWrittenDown) {
  auto reader = IndexReader::open(database_);
  ASSERT_TRUE(reader) << reader.error();
  for (const auto& node : *expected_["callers"].as_array()) {
    const toml::table& c = *node.as_table();
    std::string function = c["function"].value_or(std::string());
    std::string version = c["callee_version"].value_or(std::string());
    SCOPED_TRACE(function + " " + version);
    bool method_names = c["method_names"].value_or(false);
    auto result = reader->callers(function, {"=" + version, 64, method_names});
    ASSERT_TRUE(result) << result.error();
    std::set<std::string> found;
    for (const auto& caller : result->callers) {
      found.insert(label(caller.function));
      ASSERT_FALSE(caller.path.empty());
      EXPECT_EQ(caller.path.back().callee.version, version) << "the path ends in the queried version";
    }
    EXPECT_EQ(found, strings(c["callers"].as_array()));
    for (const auto& absent : strings(c["not_callers"].as_array())) EXPECT_FALSE(found.contains(absent)) << absent;
    // The same answer when every trait impl crossed sends the search to each dependent on its own.
    CallersOptions per_dependent{"=" + version, 64, method_names};
    per_dependent.max_conditions = 0;
    auto again = reader->callers(function, per_dependent);
    ASSERT_TRUE(again) << again.error();
    std::set<std::string> found_again;
    for (const auto& caller : again->callers) found_again.insert(label(caller.function));
    EXPECT_EQ(found_again, found);
  }
}

TEST_F(IndexFixture, BeyondTheBoundOnTraitImplConditionsEachDependentIsSearchedOnItsOwn) {
  // logline's framed reaches Buf::push through `impl Sink for Buf`: the
  // search crosses a trait-impl edge and goes on under a condition (the
  // caller must depend on bytebuf 0.2.3).
  auto reader = IndexReader::open(database_);
  ASSERT_TRUE(reader) << reader.error();
  auto labels = [](const CallersResult& r) {
    std::set<std::string> out;
    for (const auto& caller : r.callers) out.insert(label(caller.function));
    return out;
  };
  CallersOptions options{"=0.2.3", 64, false};
  auto bounded = reader->callers("bytebuf::Buf::push", options);
  ASSERT_TRUE(bounded) << bounded.error();
  EXPECT_TRUE(labels(*bounded).contains("logline@1.1.0::crate::framed"));
  EXPECT_FALSE(bounded->incomplete);
  EXPECT_TRUE(bounded->notes.empty());
  // No condition allowed: the search across the ecosystem stops at the
  // trait impl, then each dependent of bytebuf 0.2.3 is searched among its
  // own dependencies, where no condition is needed: the same callers.
  options.max_conditions = 0;
  auto again = reader->callers("bytebuf::Buf::push", options);
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(labels(*again), labels(*bounded));
  EXPECT_FALSE(again->incomplete);
  ASSERT_EQ(again->notes.size(), 1u);
  EXPECT_NE(again->notes.front().find("dependent versions on its own"), std::string::npos) << again->notes.front();
  // Within logline 1.1.0's dependencies every impl is one it can use: no
  // condition, so the bound does not matter.
  auto versions = reader->functions_named("logline::framed");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 1u);
  auto framed = reader->function(versions->front());
  ASSERT_TRUE(framed);
  const auto& within = reader->dependencies_of(framed->version_id);
  options.within = &within;
  auto targets = reader->functions_named("bytebuf::Buf::push");
  ASSERT_TRUE(targets);
  std::vector<int64_t> in_scope;
  for (int64_t t : *targets)
    if (within.contains(reader->function(t)->version_id)) in_scope.push_back(t);
  ASSERT_EQ(in_scope.size(), 1u);  // bytebuf 0.2.3
  CallersResult scoped;
  reader->callers_of(in_scope, options, scoped);
  EXPECT_TRUE(labels(scoped).contains("logline@1.1.0::crate::framed"));
  EXPECT_FALSE(labels(scoped).contains("app-cli@0.3.0::crate::run")) << "not in logline's dependencies";
  EXPECT_FALSE(scoped.incomplete);
}

TEST_F(IndexFixture, ARunWithNothingNewLeavesTheIndexAsItIs) {
  auto again = index_registry(registry(), database_);
  ASSERT_TRUE(again) << again.error();
  EXPECT_TRUE(again->up_to_date);
}

// An index another cratescope wrote (another schema, or the same crates
// modelled another way) is rebuilt, never taken as up to date; the queries
// refuse one of another schema.
TEST(IndexIncremental, AnIndexOfAnotherSchemaOrModelIsRebuilt) {
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  std::string database = (temp->path() / "index.sqlite").string();
  ASSERT_TRUE(index_registry(registry(), database));
  for (const char* key : {"model_version", "schema_version"}) {
    SCOPED_TRACE(key);
    {
      auto db = SqliteDb::open(database, SqliteDb::Mode::read_write);
      ASSERT_TRUE(db);
      ASSERT_TRUE(db->exec((std::string("UPDATE index_info SET value = '0' WHERE key = '") + key + "';").c_str()));
    }
    if (std::string(key) == "schema_version") {
      auto refused = IndexReader::open(database);
      ASSERT_FALSE(refused);
      EXPECT_NE(refused.error().find("an index of schema 0; this cratescope reads schema"), std::string::npos)
          << refused.error();
    }
    auto again = index_registry(registry(), database);
    ASSERT_TRUE(again) << again.error();
    EXPECT_FALSE(again->up_to_date);
    EXPECT_EQ(again->modelled, 27u);  // every version, with fresh counts
    EXPECT_TRUE(IndexReader::open(database));
    auto after = index_registry(registry(), database);
    ASSERT_TRUE(after) << after.error();
    EXPECT_TRUE(after->up_to_date);
  }
}

TEST(IndexIncremental, ANewVersionIsTheOnlyOneModelledAndChangesWhatRequirementsSelect) {
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  fs::path copy = temp->path() / "registry";
  fs::copy(registry(), copy, fs::copy_options::recursive);
  std::string database = (temp->path() / "index.sqlite").string();
  IndexOptions options;
  options.cache_dir = temp->path() / "units";
  auto first = index_registry(copy, database, options);
  ASSERT_TRUE(first) << first.error();
  EXPECT_EQ(first->modelled, 27u);

  // tinyjson 1.3.0: what `^1.1` selects from now on.
  fs::copy(copy / "tinyjson-1.2.0", copy / "tinyjson-1.3.0", fs::copy_options::recursive);
  std::string manifest = testing::read_text(copy / "tinyjson-1.3.0" / "Cargo.toml");
  manifest.replace(manifest.find("1.2.0"), 5, "1.3.0");
  {
    std::ofstream out(copy / "tinyjson-1.3.0" / "Cargo.toml");
    out << manifest;
  }
  fs::remove(copy / "tinyjson-1.3.0" / ".cargo-checksum.json");
  auto second = index_registry(copy, database, options);
  ASSERT_TRUE(second) << second.error();
  EXPECT_FALSE(second->up_to_date);
  EXPECT_EQ(second->modelled, 1u);
  EXPECT_EQ(second->crate_versions, 29u);

  auto reader = IndexReader::open(database);
  ASSERT_TRUE(reader);
  auto on_new = reader->callers("tinyjson::from_str", {"=1.3.0", 64, false});
  ASSERT_TRUE(on_new) << on_new.error();
  std::set<std::string> found;
  for (const auto& caller : on_new->callers) found.insert(label(caller.function));
  EXPECT_TRUE(found.contains("app-cli@0.3.0::crate::run"));
  auto on_old = reader->callers("tinyjson::from_str", {"=1.2.0", 64, false});
  ASSERT_TRUE(on_old);
  for (const auto& caller : on_old->callers) EXPECT_EQ(caller.function.crate, "tinyjson") << label(caller.function);

  auto third = index_registry(copy, database, options);
  ASSERT_TRUE(third);
  EXPECT_TRUE(third->up_to_date);
}

TEST(IndexErrors, AFileThatIsNotAnIndexIsRefusedWithItsName) {
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  fs::path bogus = temp->path() / "bogus.sqlite";
  {
    std::ofstream out(bogus);
    out << "this is not a database\n";
  }
  auto result = index_registry(registry(), bogus.string());
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("bogus.sqlite"), std::string::npos) << result.error();
  auto reader = IndexReader::open(bogus.string());
  EXPECT_FALSE(reader);
}

TEST(IndexErrors, AQueryForAnUnknownCrateOrABarePathSaysSo) {
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  std::string database = (temp->path() / "index.sqlite").string();
  ASSERT_TRUE(index_registry(registry(), database));
  auto reader = IndexReader::open(database);
  ASSERT_TRUE(reader);
  auto unknown = reader->callers("nosuchcrate::f", {});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().find("nosuchcrate"), std::string::npos);
  EXPECT_FALSE(reader->callers("parse", {}));
  EXPECT_FALSE(reader->callers("tinyjson::parse", {"not a requirement", 64, false}));
  auto missing = reader->callers("tinyjson::no_such_fn", {});
  ASSERT_TRUE(missing);
  EXPECT_TRUE(missing->callers.empty());
  EXPECT_FALSE(missing->notes.empty());
}

}  // namespace
}  // namespace cratescope::index

namespace cratescope::index {
namespace {

// A Cargo home's registry cache: .crate files one directory down.
TEST(IndexCrateFiles, ACargoRegistryCacheOfCrateFiles) {
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  fs::path cache = temp->path() / "cache" / "index.crates.io-6f17d22bba15001f";
  fs::create_directories(cache);
  for (const char* name : {"tinyjson-1.2.0", "logline-1.1.0", "bytebuf-0.2.3"}) {
    auto packed = testing::run_command("tar -czf '" + (cache / (std::string(name) + ".crate")).string() + "' -C '" +
                                       registry().string() + "' " + name);
    ASSERT_EQ(packed.exit_code, 0) << name;
  }
  {
    std::ofstream bad(cache / "truncated-0.1.0.crate");
    bad << "\x1f\x8b\x08 not really gzip";
  }
  std::string database = (temp->path() / "index.sqlite").string();
  IndexOptions options;
  options.cache_dir = temp->path() / "units";
  auto summary = index_registry(temp->path() / "cache", database, options);
  ASSERT_TRUE(summary) << summary.error();
  EXPECT_EQ(summary->crate_versions, 4u);
  EXPECT_EQ(summary->indexed, 3u);
  EXPECT_EQ(summary->failed, 1u);
  auto reader = IndexReader::open(database);
  ASSERT_TRUE(reader);
  auto callers = reader->callers("tinyjson::from_str", {});
  ASSERT_TRUE(callers) << callers.error();
  ASSERT_EQ(callers->callers.size(), 1u);
  EXPECT_EQ(callers->callers[0].function.crate, "logline");
  EXPECT_EQ(callers->callers[0].function.location.file, "logline-1.1.0/src/lib.rs");  // not the temporary directory
  std::vector<FailedVersion> failed = reader->failed();
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].crate, "truncated");
  EXPECT_NE(failed[0].error.find("unpack"), std::string::npos) << failed[0].error;
  auto again = index_registry(temp->path() / "cache", database, options);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->up_to_date);

  // A new .crate: only it is modelled (the others' units are found by their checksum), and no
  // path names the temporary directory an earlier run unpacked into.
  auto packed = testing::run_command("tar -czf '" + (cache / "tinyjson-1.1.0.crate").string() + "' -C '" +
                                     registry().string() + "' tinyjson-1.1.0");
  ASSERT_EQ(packed.exit_code, 0);
  auto third = index_registry(temp->path() / "cache", database, options);
  ASSERT_TRUE(third) << third.error();
  EXPECT_EQ(third->modelled, 1u);
  auto reread = IndexReader::open(database);
  ASSERT_TRUE(reread);
  auto again_callers = reread->callers("tinyjson::from_str", {"=1.2.0", 64, false});
  ASSERT_TRUE(again_callers);
  ASSERT_EQ(again_callers->callers.size(), 1u);
  EXPECT_EQ(again_callers->callers[0].function.location.file, "logline-1.1.0/src/lib.rs");
  EXPECT_EQ(again_callers->callers[0].path[0].site.file, "logline-1.1.0/src/lib.rs");
}

TEST(IndexInterrupted, ALeftoverPartialFileDoesNotStopTheNextRun) {
  auto temp = sources::TempDirectory::create();
  ASSERT_TRUE(temp);
  std::string database = (temp->path() / "index.sqlite").string();
  ASSERT_TRUE(index_registry(registry(), database));
  {
    std::ofstream partial(database + ".partial");  // what a killed run leaves
    partial << "half a database";
    std::ofstream functions(database + ".partial-functions");  // and the functions' scratch file
    functions << "half a table";
  }
  IndexOptions options;
  options.force = true;
  auto again = index_registry(registry(), database, options);
  ASSERT_TRUE(again) << again.error();
  EXPECT_FALSE(fs::exists(database + ".partial"));
  EXPECT_FALSE(fs::exists(database + ".partial-functions"));
  EXPECT_GT(again->functions, 0u);
  auto reader = IndexReader::open(database);
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->failed().size(), 1u);
}

}  // namespace
}  // namespace cratescope::index
