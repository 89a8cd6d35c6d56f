// `cratescope index` and `cratescope query` end to end: the real binary on
// the fixture registry (tests/fixtures/index), every query in text and JSON,
// the exports, shards and merge, and bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/audit_cli_support.hpp"
#include "sources/temp_directory.hpp"
#include "support/test_support.hpp"

namespace cratescope::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }
fs::path registry() { return fixtures_dir() / "index" / "registry"; }

class IndexCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto made = sources::TempDirectory::create();
    ASSERT_TRUE(made);
    temp_ = new sources::TempDirectory(std::move(*made));
    auto run = run_cratescope("index " + quoted(registry()) + " --no-cache --db " + db());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("indexed 28 crate versions"), std::string::npos) << run.output;
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
  }
  static std::string db() { return quoted(temp_->path() / "index.sqlite"); }
  static fs::path dir() { return temp_->path(); }
  static json query_json(const std::string& arguments) {
    auto run = run_command(quoted(cratescope_binary()) + " query " + arguments + " --db " + db() + " -f json");
    EXPECT_EQ(run.exit_code, 0) << arguments;
    return json::parse(run.output, nullptr, false);
  }
  static inline sources::TempDirectory* temp_ = nullptr;
};

TEST_F(IndexCli, ARerunWithNothingNewSaysSo) {
  auto run = run_cratescope("index " + quoted(registry()) + " --no-cache --db " + db());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find("up to date"), std::string::npos) << run.output;
}

TEST_F(IndexCli, CallersInJsonWithTheirCallPaths) {
  json out = query_json("callers tinyjson::from_str --version =1.2.0");
  ASSERT_FALSE(out.is_discarded());
  ASSERT_EQ(out["targets"].size(), 1u);
  EXPECT_EQ(out["targets"][0]["path"], "crate::de::from_str");  // through the re-export
  std::set<std::string> callers;
  for (const auto& c : out["callers"]) {
    callers.insert(c["crate"].get<std::string>() + "@" + c["version"].get<std::string>() + "::" + c["path"].get<std::string>());
    ASSERT_FALSE(c["call_path"].empty());
    EXPECT_EQ(c["call_path"].back()["calls"]["path"], "crate::de::from_str");
    EXPECT_NE(c["call_path"][0]["site"].get<std::string>().find(".rs:"), std::string::npos);
  }
  EXPECT_EQ(callers, (std::set<std::string>{"app-cli@0.3.0::crate::check", "app-cli@0.3.0::crate::run",
                                            "logline@1.1.0::crate::emit_json"}));
}

TEST_F(IndexCli, CallersAsText) {
  auto run = run_cratescope("query callers urlkit::parse_url --color never --db " + db());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find("app-cli 0.3.0"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("-> net-fetch 0.6.0 crate::get"), std::string::npos) << run.output;
}

TEST_F(IndexCli, BlastRadiusOfAFunctionLevelAdvisory) {
  json out = query_json("blast-radius RUSTSEC-2099-0001 --advisories " + quoted(fixtures_dir() / "index" / "advisory-db"));
  ASSERT_FALSE(out.is_discarded());
  EXPECT_EQ(out["level"], "function");
  EXPECT_EQ(out["counts"]["reaches"], 6);
  EXPECT_EQ(out["counts"]["does_not_reach"], 2);
  for (const auto& d : out["reaches"]) EXPECT_FALSE(d["callers"].empty()) << d.dump();
  json package = query_json("blast-radius RUSTSEC-2099-0002 --advisories " + quoted(fixtures_dir() / "index" / "advisory-db"));
  EXPECT_EQ(package["level"], "package");
  EXPECT_GT(package["counts"]["dependents"].get<int>(), 0);
}

TEST_F(IndexCli, BlastRadiusAsTextShowsTheShortestPathsOfEachDependent) {
  // RUSTSEC-2099-0003 names parse and from_str: app-cli 0.3.0's run and
  // check reach them; with --callers 1 one is shown and the other counted.
  std::string advisories = " --advisories " + quoted(fixtures_dir() / "index" / "advisory-db");
  auto run = run_cratescope("query blast-radius RUSTSEC-2099-0003 --callers 1 --color never --db " + db() + advisories);
  EXPECT_EQ(run.exit_code, 0);
  size_t app = run.output.find("  app-cli 0.3.0");
  ASSERT_NE(app, std::string::npos) << run.output;
  size_t next = run.output.find("\n  confload 0.1.0", app);  // the next dependent
  std::string block = run.output.substr(app, next == std::string::npos ? std::string::npos : next - app);
  EXPECT_NE(block.find("... and 1 more function(s)"), std::string::npos) << block;
  auto all = run_cratescope("query blast-radius RUSTSEC-2099-0003 --callers 0 --color never --db " + db() + advisories);
  EXPECT_EQ(all.output.find("more function(s)"), std::string::npos) << all.output;
  EXPECT_NE(all.output.find("crate::check"), std::string::npos) << all.output;
  EXPECT_NE(all.output.find("crate::run"), std::string::npos) << all.output;
}

TEST_F(IndexCli, DependencyQueries) {
  json rdeps = query_json("rdeps urlkit --transitive");
  std::set<std::string> names;
  for (const auto& r : rdeps) names.insert(r["crate"].get<std::string>() + "@" + r["version"].get<std::string>());
  EXPECT_TRUE(names.contains("net-fetch@0.6.0"));
  EXPECT_TRUE(names.contains("app-cli@0.3.0"));  // through net-fetch
  json deps = query_json("deps json-path --version =0.3.0");
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0]["resolved"], "2.0.0-beta.1");  // a requirement that names the pre-release
  json kvstore = query_json("deps kvstore");
  bool pinned = false;
  for (const auto& d : kvstore)
    if (d["crate"] == "tinyjson") {  // "~1.0": only 1.0.x
      pinned = true;
      EXPECT_EQ(d["could_select"], json({"1.0.0"}));
    }
  EXPECT_TRUE(pinned);
  json app = query_json("deps app-cli --version =0.3.0");
  for (const auto& d : app)
    if (d["crate"] == "tinyjson") EXPECT_EQ(d["could_select"], json({"1.1.0", "1.2.0"}));  // "^1.1"
  json path = query_json("path app-cli urlkit");
  ASSERT_EQ(path.size(), 2u);
  EXPECT_EQ(path[1], json({"app-cli 0.3.0", "net-fetch 0.6.0", "urlkit 1.0.0"}));
  json calls = query_json("path app_cli::run urlkit::parse_url");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["call_path"].size(), 2u);
}

TEST_F(IndexCli, StatsAndFailedVersions) {
  json stats = query_json("stats");
  EXPECT_EQ(stats["versions"], 28);
  EXPECT_EQ(stats["failed"], 1);
  EXPECT_GT(stats["calls"].get<int>(), 0);
  EXPECT_FALSE(stats["most_called"].empty());
  json failed = query_json("failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0]["crate"], "broken");
  EXPECT_NE(failed[0]["error"].get<std::string>().find("Cargo.toml:"), std::string::npos);  // file:line:col
}

TEST_F(IndexCli, ExportsForOtherTools) {
  auto graphml = run_command(quoted(cratescope_binary()) + " query export -f graphml --crate app-cli@0.3.0 --db " + db());
  EXPECT_EQ(graphml.exit_code, 0);
  EXPECT_NE(graphml.output.find("<graphml"), std::string::npos);
  EXPECT_NE(graphml.output.find("<edge source="), std::string::npos);
  EXPECT_EQ(graphml.output.find("</graphml>"), graphml.output.size() - std::string("</graphml>\n").size());
  auto dot = run_command(quoted(cratescope_binary()) + " query export -f dot --callers urlkit::parse_url --db " + db());
  EXPECT_EQ(dot.exit_code, 0);
  EXPECT_NE(dot.output.find("digraph calls"), std::string::npos);
  EXPECT_NE(dot.output.find("->"), std::string::npos);
  fs::path neo4j = dir() / "neo4j";
  auto csv = run_cratescope("query export -f neo4j -o " + quoted(neo4j) + " --db " + db());
  EXPECT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_NE(csv.output.find("neo4j-admin database import full"), std::string::npos);
  std::string functions = read_text(neo4j / "functions.csv");
  EXPECT_EQ(functions.rfind("id:ID(Function),", 0), 0u);
  EXPECT_EQ(read_text(neo4j / "calls.csv").rfind(":START_ID(Function),:END_ID(Function),", 0), 0u);
  EXPECT_NE(read_text(neo4j / "depends_on.csv").find("DEPENDS_ON"), std::string::npos);
}

TEST_F(IndexCli, ShardsMergedByTheCli) {
  std::string shards;
  for (int k = 1; k <= 2; ++k) {
    fs::path shard = dir() / ("shard" + std::to_string(k) + ".sqlite");
    auto run = run_cratescope("index " + quoted(registry()) + " --no-cache --shard " + std::to_string(k) + "/2 --db " + quoted(shard));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    shards += " " + quoted(shard);
  }
  auto merged = run_cratescope("index merge --db " + quoted(dir() / "merged.sqlite") + shards);
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_NE(merged.output.find("28 crate versions"), std::string::npos) << merged.output;
}

TEST_F(IndexCli, BadInputIsExitTwoWithTheReason) {
  auto no_registry = run_cratescope("index " + quoted(dir() / "nowhere") + " --db " + quoted(dir() / "x.sqlite"));
  EXPECT_EQ(no_registry.exit_code, 2);
  EXPECT_NE(no_registry.output.find("nowhere"), std::string::npos);
  auto empty = run_cratescope("index " + quoted(fixtures_dir() / "index" / "advisory-db") + " --db " + quoted(dir() / "x.sqlite"));
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.output.find("no crates found"), std::string::npos) << empty.output;
  auto bad_shard = run_cratescope("index " + quoted(registry()) + " --shard 3/2 --db " + quoted(dir() / "x.sqlite"));
  EXPECT_EQ(bad_shard.exit_code, 2);
  auto no_index = run_cratescope("query stats --db " + quoted(dir() / "missing.sqlite"));
  EXPECT_EQ(no_index.exit_code, 2);
  EXPECT_NE(no_index.output.find("no index here"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir() / "missing.sqlite"));  // asking never creates one
  auto unknown = run_cratescope("query callers nosuch::f --db " + db());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("nosuch"), std::string::npos);
  auto bad_advisory = run_cratescope("query blast-radius RUSTSEC-0000-0000 --advisories " +
                                     quoted(fixtures_dir() / "index" / "advisory-db") + " --db " + db());
  EXPECT_EQ(bad_advisory.exit_code, 2);
}

}  // namespace
}  // namespace cratescope::testing
