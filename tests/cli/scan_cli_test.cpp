// `cratescope scan` and `cratescope quarantine` end to end: the real binary
// on the scan fixtures (one crate, a .crate, a registry directory of them, a
// project), its three formats, exit codes and the quarantine store.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/audit_cli_support.hpp"
#include "support/test_support.hpp"

namespace cratescope::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path scan_fixture(const std::string& name) { return fixtures_dir() / "scan" / "cases" / name; }
std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }
std::string popular() { return " --popular " + quoted(fixtures_dir() / "scan" / "popular.txt"); }

json run_json(const std::string& arguments, int expected_exit) {
  auto result = run_command(quoted(cratescope_binary()) + " -q scan " + arguments + popular() + " -f json 2>/dev/null");
  EXPECT_EQ(result.exit_code, expected_exit) << arguments;
  return json::parse(result.output, nullptr, false);
}

TEST(ScanCli, OneMaliciousCrate) {
  json report = run_json(quoted(scan_fixture("vercel-ssh-exfil")), 1);
  ASSERT_FALSE(report.is_discarded());
  ASSERT_EQ(report["crates"].size(), 1u);
  const json& crate = report["crates"][0];
  EXPECT_EQ(crate["name"], "tracing-ethers");
  EXPECT_EQ(crate["verdict"], "malicious");
  EXPECT_FALSE(crate["reasons"].empty());
  bool located = false;
  for (const auto& f : crate["findings"])
    if (f["rule_id"] == "vercel-app-host") located = f["location"]["file"] == "src/lib.rs" && f["location"]["line"] == 12;
  EXPECT_TRUE(located) << crate.dump(2);
  EXPECT_EQ(report["summary"]["malicious"], 1);
}

TEST(ScanCli, FailOnDecidesTheExitCode) {
  run_json(quoted(scan_fixture("clean-http-client")), 0);
  run_json(quoted(scan_fixture("leaked-cratesio-token")), 0);                           // suspicious < malicious
  run_json(quoted(scan_fixture("leaked-cratesio-token")) + " --fail-on suspicious", 1);
  run_json(quoted(scan_fixture("vercel-ssh-exfil")) + " --fail-on none", 0);
}

TEST(ScanCli, SecretsAreRedactedEverywhere) {
  auto text = run_cratescope("scan " + quoted(scan_fixture("leaked-cratesio-token")) + " --color never");
  EXPECT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("SUSPICIOUS"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("crates-io-api-token"), std::string::npos) << text.output;
  EXPECT_EQ(text.output.find("Q7vXk2Lp9Rt4"), std::string::npos) << text.output;
  auto json_out = run_command(quoted(cratescope_binary()) + " scan -f json " + quoted(scan_fixture("leaked-cratesio-token")));
  EXPECT_EQ(json_out.output.find("Q7vXk2Lp9Rt4"), std::string::npos);
}

TEST(ScanCli, RegistryDirectoryInParallelAndSarif) {
  fs::path out = fs::path(::testing::TempDir()) / "scan.sarif";
  auto result = run_cratescope("scan -j 2 -f sarif -o " + quoted(out) + popular() + " " +
                               quoted(fixtures_dir() / "scan" / "cases"));
  EXPECT_EQ(result.exit_code, 1) << result.output;
  auto valid = validate_sarif(out);
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
  json sarif = json::parse(read_text(out));
  std::set<std::string> rules;
  for (const auto& r : sarif["runs"][0]["results"]) rules.insert(r["ruleId"]);
  EXPECT_TRUE(rules.contains("bidi-control-character"));
  EXPECT_TRUE(rules.contains("crates-io-api-token"));

  json report = run_json(quoted(fixtures_dir() / "scan" / "cases"), 1);
  EXPECT_EQ(report["input"], "registry");
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(fixtures_dir() / "scan" / "cases")) cases += entry.is_directory();
  EXPECT_EQ(report["crates"].size(), cases);
}

TEST(ScanCli, CrateFilesAndArchivesThatCannotBeUnpacked) {
  fs::path dir = fs::path(::testing::TempDir()) / "scan-crate-files";
  fs::remove_all(dir);
  fs::create_directories(dir / "stage");
  fs::copy(scan_fixture("telegram-token-stealer"), dir / "stage" / "tracings-0.1.3", fs::copy_options::recursive);
  ASSERT_EQ(run_command("tar -czf " + quoted(dir / "tracings-0.1.3.crate") + " -C " + quoted(dir / "stage") + " tracings-0.1.3").exit_code, 0);
  json report = run_json(quoted(dir / "tracings-0.1.3.crate"), 1);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["crates"][0]["verdict"], "malicious");
  // An archive with a path that climbs out of its directory is not unpacked; it is itself evidence.
  ASSERT_EQ(run_command("cd " + quoted(dir / "stage") + " && tar -czf ../evil-0.1.0.crate --transform 's,^,evil-0.1.0/../,' tracings-0.1.3/Cargo.toml").exit_code, 0);
  json evil = run_json(quoted(dir / "evil-0.1.0.crate") + " --fail-on suspicious", 1);
  ASSERT_FALSE(evil.is_discarded());
  EXPECT_EQ(evil["crates"][0]["verdict"], "suspicious");
  EXPECT_EQ(evil["crates"][0]["findings"][0]["rule_id"], "archive-rejected");
  std::ofstream(dir / "broken-0.1.0.crate") << "not a gzip file";
  json broken = run_json(quoted(dir / "broken-0.1.0.crate") + " --fail-on suspicious", 1);
  EXPECT_EQ(broken["crates"][0]["findings"][0]["rule_id"], "archive-rejected");
}

TEST(ScanCli, QuarantineStoreRecordsVerdictsAndDecisions) {
  fs::path store = fs::path(::testing::TempDir()) / "quarantine-test.sqlite";
  fs::remove(store);
  std::string bin = quoted(cratescope_binary());
  auto scanned = run_cratescope("scan -q --quarantine " + quoted(store) + popular() + " " + quoted(fixtures_dir() / "scan" / "cases"));
  EXPECT_EQ(scanned.exit_code, 1);
  auto listed = run_command(bin + " quarantine list --store " + quoted(store) + " -f json");
  EXPECT_EQ(listed.exit_code, 1);  // versions are held back
  json held = json::parse(listed.output, nullptr, false);
  ASSERT_TRUE(held.is_array()) << listed.output;
  std::set<std::string> names;
  for (const auto& e : held) names.insert(e["name"].get<std::string>() + " " + e["status"].get<std::string>());
  EXPECT_TRUE(names.contains("tracing-ethers quarantined"));
  EXPECT_FALSE(names.contains("weather-client quarantined"));  // clean crates are not held
  EXPECT_EQ(run_command(bin + " quarantine release release-helper 0.4.0 --store " + quoted(store) +
                        " --reviewer alice --reason 'token revoked, false alarm for the registry'").exit_code, 0);
  EXPECT_EQ(run_command(bin + " quarantine confirm tracing-ethers 0.3.1 --store " + quoted(store) +
                        " --reviewer bob --reason 'sends ssh keys to vercel'").exit_code, 0);
  EXPECT_EQ(run_command(bin + " quarantine release never-scanned 1.0.0 --store " + quoted(store) +
                        " --reviewer bob --reason x 2>&1").exit_code, 2);
  json after = json::parse(run_command(bin + " quarantine list --all --store " + quoted(store) + " -f json").output, nullptr, false);
  std::map<std::string, std::string> status;
  for (const auto& e : after) status[e["name"]] = e["status"];
  EXPECT_EQ(status["release-helper"], "released");
  EXPECT_EQ(status["tracing-ethers"], "confirmed");
  EXPECT_EQ(status["weather-client"], "clean");
  // A store that does not exist is an error, not an empty list (and is not created).
  fs::path nowhere = fs::path(::testing::TempDir()) / "no-such-store.sqlite";
  fs::remove(nowhere);
  EXPECT_EQ(run_command(bin + " quarantine list --store " + quoted(nowhere) + " 2>&1").exit_code, 2);
  EXPECT_FALSE(fs::exists(nowhere));
}

TEST(ScanCli, UsersOwnYaraRules) {
  fs::path dir = fs::path(::testing::TempDir()) / "scan-yara-rules";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "house.yar") << "rule weather_api_host { meta: description = \"calls the weather API\" "
                                      "severity = \"high\" strings: $a = \"api.weather.example.com\" condition: $a }\n";
  json report = run_json(quoted(scan_fixture("clean-http-client")) + " --yara-rules " + quoted(dir) + " --fail-on suspicious", 1);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["crates"][0]["verdict"], "suspicious");
  EXPECT_EQ(report["crates"][0]["findings"][0]["rule_id"], "yara-weather_api_host");
  EXPECT_EQ(report["crates"][0]["findings"][0]["location"]["line"], 19);
  std::ofstream(dir / "broken.yar") << "rule broken { condition: $missing }\n";
  auto broken = run_cratescope("scan --yara-rules " + quoted(dir) + " " + quoted(scan_fixture("clean-http-client")));
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.output.find("broken.yar:1"), std::string::npos) << broken.output;
}

TEST(ScanCli, RealProjectAgainstTheCorpus) {
  if (!fs::exists("/usr/share/cargo/registry/mio-0.8.4/Cargo.toml"))
    GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  auto result = run_command(quoted(cratescope_binary()) + " -q scan -f json " + quoted(fixtures_dir() / "real" / "cli-tool"));
  EXPECT_EQ(result.exit_code, 0);  // nothing malicious in clap, libc and friends
  json report = json::parse(result.output, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << result.output;
  EXPECT_EQ(report["input"], "project");
  EXPECT_EQ(report["summary"]["crates"], 34);  // every locked package, the member included
  EXPECT_EQ(report["summary"]["unknown"], 0);
  EXPECT_EQ(report["summary"]["malicious"], 0);
  // A package whose source is not on this machine is `unknown`, never silently clean.
  auto missing = run_command("CARGO_HOME=/nonexistent " + quoted(cratescope_binary()) + " -q scan -f json " +
                             quoted(fixtures_dir() / "projects" / "git-deps"));
  json partial = json::parse(missing.output, nullptr, false);
  ASSERT_FALSE(partial.is_discarded()) << missing.output;
  ASSERT_FALSE(partial["not_scanned"].empty());
  EXPECT_EQ(partial["summary"]["unknown"], partial["not_scanned"].size());
  for (const auto& entry : partial["not_scanned"]) EXPECT_EQ(entry["verdict"], "unknown");
}

TEST(ScanCli, BadInputIsAnErrorNotACrash) {
  EXPECT_EQ(run_cratescope("scan /nonexistent/path").exit_code, 2);
  EXPECT_EQ(run_cratescope("scan --popular /nonexistent/list " + quoted(scan_fixture("clean-http-client"))).exit_code, 2);
  EXPECT_EQ(run_cratescope("scan --fail-on sometimes " + quoted(scan_fixture("clean-http-client"))).exit_code, 2);
}

}  // namespace
}  // namespace cratescope::testing
