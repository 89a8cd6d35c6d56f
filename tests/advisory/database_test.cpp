#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "advisory/database.hpp"
#include "advisory_test_support.hpp"

namespace cratescope::advisory {
namespace {

namespace stdfs = std::filesystem;
using test::advisory_fixtures;
using test::TempDir;
using test::version;

struct Loaded {
  std::optional<Database> db;
  std::vector<Diagnostic> diagnostics;
  double seconds = 0;
};

Loaded load(const stdfs::path& path, const stdfs::path& cache_dir = {}, size_t threads = 0) {
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers, threads};
  LoadOptions options;
  options.cache_dir = cache_dir;
  Loaded loaded;
  auto start = std::chrono::steady_clock::now();
  loaded.db = load_database(path, options, ctx);
  loaded.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  loaded.diagnostics = diagnostics.all();
  EXPECT_EQ(timers.entries().size(), 1u);
  return loaded;
}

size_t count_advisory_files(const stdfs::path& root) {
  size_t count = 0;
  for (const char* collection : {"crates", "rust"})
    for (auto& package : stdfs::directory_iterator(root / collection))
      for (auto& file : stdfs::directory_iterator(package.path()))
        if (file.path().extension() == ".md") ++count;
  return count;
}

size_t error_count(const std::vector<Diagnostic>& diagnostics) {
  size_t n = 0;
  for (auto& d : diagnostics) n += d.level == DiagnosticLevel::error;
  return n;
}

void expect_same_database(const Database& a, const Database& b) {
  ASSERT_EQ(a.advisories.size(), b.advisories.size());
  for (size_t i = 0; i < a.advisories.size(); ++i) test::expect_same_advisory(a.advisories[i], b.advisories[i]);
  EXPECT_EQ(a.info.commit, b.info.commit);
  EXPECT_EQ(a.info.advisory_count, b.info.advisory_count);
}

// --- the small fixture database: good advisories, one broken, one `rust` one

TEST(Database, LoadsTheGoodAdvisoriesAndReportsTheBrokenOne) {
  Loaded loaded = load(advisory_fixtures() / "db");
  ASSERT_TRUE(loaded.db.has_value());
  const Database& db = *loaded.db;
  ASSERT_EQ(db.advisories.size(), 3u);
  EXPECT_EQ(db.info.advisory_count, 3u);
  EXPECT_FALSE(db.info.from_cache);
  // Sorted by id.
  EXPECT_EQ(db.advisories[0].id, "CVE-2099-0001");
  EXPECT_EQ(db.advisories[1].id, "RUSTSEC-2099-0001");
  EXPECT_EQ(db.advisories[2].id, "RUSTSEC-2099-0002");

  ASSERT_EQ(error_count(loaded.diagnostics), 1u);
  const Diagnostic& error = loaded.diagnostics[0];
  EXPECT_EQ(error.location.file, (advisory_fixtures() / "db/crates/broken/RUSTSEC-2099-0003.md").string());
  EXPECT_EQ(error.location.position, (TextPosition{8, 24}));
  EXPECT_NE(error.message.find("not a version"), std::string::npos);
}

TEST(Database, IndexesByPackageAndId) {
  Loaded loaded = load(advisory_fixtures() / "db");
  ASSERT_TRUE(loaded.db.has_value());
  const Database& db = *loaded.db;
  auto example = db.for_package("example-crate");
  ASSERT_EQ(example.size(), 1u);
  EXPECT_EQ(example[0]->id, "RUSTSEC-2099-0001");
  EXPECT_EQ(db.for_package("good-b").size(), 1u);  // withdrawn ones are included
  EXPECT_TRUE(db.for_package("broken").empty());
  EXPECT_TRUE(db.for_package("std").empty());  // the `rust` collection is not a crate
  const Advisory* rust = db.find("CVE-2099-0001");
  ASSERT_NE(rust, nullptr);
  EXPECT_EQ(rust->collection, "rust");
  EXPECT_EQ(db.find("RUSTSEC-2099-0001")->collection, "crates");
  EXPECT_EQ(db.find("RUSTSEC-0000-0000"), nullptr);
}

TEST(Database, NotADatabase) {
  TempDir empty("not-a-db");
  Loaded loaded = load(empty.path());
  EXPECT_FALSE(loaded.db.has_value());
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_NE(loaded.diagnostics[0].message.find("not an advisory database"), std::string::npos);
  Loaded missing = load(empty.path() / "nowhere");
  EXPECT_FALSE(missing.db.has_value());
  EXPECT_NE(missing.diagnostics[0].message.find("db update"), std::string::npos);
}

TEST(Database, InMemoryFileSystem) {
  MemoryFileSystem files;
  files.add_file("/db/crates/a/RUSTSEC-2099-0010.md",
                 "```toml\n[advisory]\nid = \"RUSTSEC-2099-0010\"\npackage = \"a\"\n[versions]\npatched = []\n```\n# A\n");
  files.add_file("/db/crates/a/notes.txt", "ignored");
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers, 1};
  auto db = load_database("/db", LoadOptions{}, ctx);
  ASSERT_TRUE(db.has_value());
  ASSERT_EQ(db->advisories.size(), 1u);
  EXPECT_EQ(db->advisories[0].title, "A");
  EXPECT_EQ(diagnostics.all().size(), 0u);
}

TEST(Database, DefaultPathHonoursCargoHome) {
  const char* saved = std::getenv("CARGO_HOME");
  std::string saved_value = saved ? saved : "";
  ::setenv("CARGO_HOME", "/opt/cargo", 1);
  EXPECT_EQ(default_database_path(), stdfs::path("/opt/cargo/advisory-db"));
  ::unsetenv("CARGO_HOME");
  ::setenv("HOME", std::getenv("HOME") ? std::getenv("HOME") : "/root", 1);
  EXPECT_EQ(default_database_path(), stdfs::path(std::getenv("HOME")) / ".cargo" / "advisory-db");
  if (saved) ::setenv("CARGO_HOME", saved_value.c_str(), 1);
}

// --- the cache

stdfs::path copy_fixture_db(const TempDir& dir) {
  stdfs::path copy = dir.path() / "db";
  stdfs::copy(advisory_fixtures() / "db", copy, stdfs::copy_options::recursive);
  return copy;
}

TEST(DatabaseCache, RoundTripEqualsAFreshParse) {
  TempDir dir("cache-round-trip");
  stdfs::path db_path = copy_fixture_db(dir);
  stdfs::path cache_dir = dir.path() / "cache";
  Loaded first = load(db_path, cache_dir);
  ASSERT_TRUE(first.db.has_value());
  EXPECT_FALSE(first.db->info.from_cache);
  Loaded second = load(db_path, cache_dir);
  ASSERT_TRUE(second.db.has_value());
  EXPECT_TRUE(second.db->info.from_cache);
  expect_same_database(*first.db, *second.db);
  // The broken advisory is reported again from the cache.
  ASSERT_EQ(error_count(second.diagnostics), 1u);
  EXPECT_EQ(second.diagnostics[0].location, first.diagnostics[0].location);
  EXPECT_EQ(second.diagnostics[0].message, first.diagnostics[0].message);
  // And the cached database answers the same questions.
  const Advisory* a = second.db->find("RUSTSEC-2099-0001");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->affects(version("1.1.0")));
  EXPECT_FALSE(a->affects(version("1.2.0")));
  EXPECT_EQ(second.db->for_package("example-crate").size(), 1u);
}

TEST(DatabaseCache, ChangedFilesMakeTheCacheStale) {
  TempDir dir("cache-stale");
  stdfs::path db_path = copy_fixture_db(dir);
  stdfs::path cache_dir = dir.path() / "cache";
  ASSERT_TRUE(load(db_path, cache_dir).db.has_value());
  // A new advisory appears.
  stdfs::create_directories(db_path / "crates/new-crate");
  stdfs::copy_file(db_path / "crates/good-a/RUSTSEC-2099-0001.md", db_path / "crates/new-crate/RUSTSEC-2099-0009.md");
  Loaded after = load(db_path, cache_dir);
  ASSERT_TRUE(after.db.has_value());
  EXPECT_FALSE(after.db->info.from_cache);
  EXPECT_EQ(after.db->advisories.size(), 4u);  // same id twice is still loaded, with a warning
  EXPECT_TRUE(load(db_path, cache_dir).db->info.from_cache);
}

TEST(DatabaseCache, CorruptCacheFallsBackToParsing) {
  TempDir dir("cache-corrupt");
  stdfs::path db_path = copy_fixture_db(dir);
  stdfs::path cache_dir = dir.path() / "cache";
  Loaded fresh = load(db_path, cache_dir);
  ASSERT_TRUE(fresh.db.has_value());
  ASSERT_EQ(std::distance(stdfs::directory_iterator(cache_dir), stdfs::directory_iterator()), 1);
  const stdfs::path cache_file = stdfs::directory_iterator(cache_dir)->path();
  const std::string good = testing::read_text(cache_file);

  auto write = [&](const std::string& bytes) {
    std::ofstream out(cache_file, std::ios::binary | std::ios::trunc);
    out << bytes;
  };
  std::vector<std::string> corruptions = {
      "",
      "garbage",
      good.substr(0, good.size() / 2),           // truncated
      good.substr(0, good.size() - 1),           // one byte short
      good + "x",                                // trailing byte
      std::string(good.size(), '\xff'),          // all ones
  };
  for (size_t offset : {8u, 12u, 20u, 100u, 1000u}) {  // a flipped byte in the header and in the body
    std::string flipped = good;
    if (offset < flipped.size()) flipped[offset] = static_cast<char>(flipped[offset] ^ 0x5a);
    corruptions.push_back(flipped);
  }
  for (const std::string& bytes : corruptions) {
    write(bytes);
    Loaded loaded = load(db_path, cache_dir);
    ASSERT_TRUE(loaded.db.has_value());
    EXPECT_FALSE(loaded.db->info.from_cache);
    expect_same_database(*fresh.db, *loaded.db);
    // The fallback parse rewrote a valid cache.
    EXPECT_TRUE(load(db_path, cache_dir).db->info.from_cache);
  }
}

TEST(DatabaseCache, GitCheckoutIsKeyedByHeadCommit) {
  TempDir dir("cache-git");
  stdfs::path db_path = copy_fixture_db(dir);
  const std::string git = "git -C '" + db_path.string() + "' -c user.name=t -c user.email=t@example.com ";
  ASSERT_EQ(testing::run_command(git + "init -q -b main && " + git + "add -A && " + git + "commit -q -m init", true).exit_code, 0);
  const std::string head = testing::run_command(git + "rev-parse HEAD").output.substr(0, 40);

  stdfs::path cache_dir = dir.path() / "cache";
  Loaded first = load(db_path, cache_dir);
  ASSERT_TRUE(first.db.has_value());
  EXPECT_EQ(first.db->info.commit, head);
  EXPECT_EQ(first.db->info.commit_date.size(), 25u) << first.db->info.commit_date;  // 2024-01-02T03:04:05+00:00
  EXPECT_FALSE(first.db->info.from_cache);
  Loaded second = load(db_path, cache_dir);
  EXPECT_TRUE(second.db->info.from_cache);
  EXPECT_EQ(second.db->info.commit, head);
  expect_same_database(*first.db, *second.db);

  // A new commit is a new key.
  stdfs::remove(db_path / "crates/good-b/RUSTSEC-2099-0002.md");
  ASSERT_EQ(testing::run_command(git + "commit -q -a -m remove", true).exit_code, 0);
  Loaded third = load(db_path, cache_dir);
  EXPECT_FALSE(third.db->info.from_cache);
  EXPECT_EQ(third.db->advisories.size(), 2u);
}

// --- the real RustSec snapshot

class RealDatabase : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!stdfs::is_directory(testing::advisory_db_dir())) return;
    loaded_ = new Loaded(load(testing::advisory_db_dir()));
  }
  static void TearDownTestSuite() {
    delete loaded_;
    loaded_ = nullptr;
  }
  void SetUp() override {
    if (!loaded_) GTEST_SKIP() << "no advisory-db snapshot at " << testing::advisory_db_dir();
    ASSERT_TRUE(loaded_->db.has_value());
  }
  const Database& db() { return *loaded_->db; }
  static Loaded* loaded_;
};
Loaded* RealDatabase::loaded_ = nullptr;

TEST_F(RealDatabase, LoadsEveryAdvisoryWithoutErrors) {
  for (const Diagnostic& d : loaded_->diagnostics) ADD_FAILURE() << format_diagnostic(d, false);
  EXPECT_EQ(db().advisories.size(), count_advisory_files(testing::advisory_db_dir()));
  EXPECT_GT(db().advisories.size(), 1200u);
  EXPECT_TRUE(std::is_sorted(db().advisories.begin(), db().advisories.end(),
                             [](const Advisory& a, const Advisory& b) { return a.id < b.id; }));
  std::cout << "[ info ] parsed " << db().advisories.size() << " advisories in " << loaded_->seconds * 1000 << " ms\n";
}

TEST_F(RealDatabase, TimeSegfaultAdvisory) {
  const Advisory* a = db().find("RUSTSEC-2020-0071");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->package, "time");
  EXPECT_EQ(a->date, "2020-11-18");
  EXPECT_EQ(a->title, "Potential segfault in the time crate");
  EXPECT_EQ(a->aliases, (std::vector<std::string>{"CVE-2020-26235", "GHSA-wcg3-cvx6-7396"}));
  EXPECT_EQ(a->categories, (std::vector<std::string>{"code-execution", "memory-corruption"}));
  ASSERT_TRUE(a->cvss.has_value());
  EXPECT_EQ(a->cvss->vector, "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
  EXPECT_DOUBLE_EQ(a->cvss->score, 6.2);
  EXPECT_EQ(a->severity(), Severity::medium);
  EXPECT_EQ(a->affected_os.size(), 9u);
  EXPECT_EQ(a->affected_os.front(), "linux");
  ASSERT_EQ(a->affected_functions.size(), 9u);
  EXPECT_EQ(a->affected_functions[0].path, "time::at");
  EXPECT_EQ(a->affected_functions[0].versions[0].text, "^0.1");
  EXPECT_EQ(a->affected_functions[3].path, "time::UtcOffset::local_offset_at");
  ASSERT_EQ(a->patched.size(), 1u);
  EXPECT_EQ(a->patched[0].text, ">= 0.2.23");
  EXPECT_EQ(a->unaffected.size(), 7u);
  EXPECT_TRUE(a->affects(version("0.1.44")));
  EXPECT_TRUE(a->affects(version("0.2.22")));
  EXPECT_FALSE(a->affects(version("0.2.6")));
  EXPECT_FALSE(a->affects(version("0.3.0")));
  EXPECT_EQ(a->position, (TextPosition{2, 1}));
  bool found = false;
  for (const Advisory* p : db().for_package("time")) found = found || p == a;
  EXPECT_TRUE(found);
}

TEST_F(RealDatabase, EveryCvssVectorIsScored) {
  size_t v3 = 0, v4 = 0;
  for (const Advisory& a : db().advisories) {
    if (!a.cvss) continue;
    // Only a vector with no impact at all scores 0 (three v4 advisories say so).
    const bool no_impact = a.cvss->vector.find("C:N/I:N/A:N") != std::string::npos ||
                           a.cvss->vector.find("VC:N/VI:N/VA:N/SC:N/SI:N/SA:N") != std::string::npos;
    if (!no_impact) EXPECT_GT(a.cvss->score, 0.0) << a.id << " " << a.cvss->vector;
    else EXPECT_EQ(a.cvss->score, 0.0) << a.id;
    EXPECT_LE(a.cvss->score, 10.0) << a.id;
    EXPECT_EQ(a.cvss->severity, severity_of_score(a.cvss->score)) << a.id;
    (a.cvss->major_version == 4 ? v4 : v3)++;
  }
  EXPECT_GT(v3, 300u);
  EXPECT_GT(v4, 40u);
}

TEST_F(RealDatabase, InformationalAndWithdrawnAdvisories) {
  size_t unmaintained = 0, unsound = 0, withdrawn = 0, rust = 0;
  for (const Advisory& a : db().advisories) {
    unmaintained += a.informational == Informational::unmaintained;
    unsound += a.informational == Informational::unsound;
    withdrawn += a.withdrawn.has_value();
    rust += a.collection == "rust";
    EXPECT_FALSE(a.title.empty()) << a.id;
  }
  EXPECT_GT(unmaintained, 200u);
  EXPECT_GT(unsound, 150u);
  EXPECT_GT(withdrawn, 5u);
  EXPECT_EQ(rust, 20u);
  const Advisory* withdrawn_one = db().find("RUSTSEC-2020-0055");
  ASSERT_NE(withdrawn_one, nullptr);
  EXPECT_TRUE(withdrawn_one->withdrawn.has_value());
  EXPECT_FALSE(withdrawn_one->affects(version("2.0.0")));
}

TEST_F(RealDatabase, CachedLoadEqualsFreshParse) {
  TempDir dir("real-cache");
  Loaded cold = load(testing::advisory_db_dir(), dir.path());
  Loaded cached = load(testing::advisory_db_dir(), dir.path());
  ASSERT_TRUE(cold.db && cached.db);
  EXPECT_FALSE(cold.db->info.from_cache);
  EXPECT_TRUE(cached.db->info.from_cache);
  expect_same_database(*cold.db, *cached.db);
  std::cout << "[ info ] cold load (parse + write cache) " << cold.seconds * 1000 << " ms, cached load "
            << cached.seconds * 1000 << " ms\n";
}

TEST_F(RealDatabase, SingleThreadedLoadGivesTheSameResult) {
  Loaded serial = load(testing::advisory_db_dir(), {}, 1);
  ASSERT_TRUE(serial.db.has_value());
  expect_same_database(db(), *serial.db);
  std::cout << "[ info ] single-threaded parse " << serial.seconds * 1000 << " ms\n";
}

}  // namespace
}  // namespace cratescope::advisory
