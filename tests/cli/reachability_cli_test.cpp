// `cratescope audit` with reachability and `cratescope why`, end to end on
// real tar sources from Debian's crate corpus and the real advisory database.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/audit_cli_support.hpp"

namespace fs = std::filesystem;
using namespace cratescope::testing;

namespace {

bool corpus_installed() { return fs::exists("/usr/share/cargo/registry/tar-0.4.38/Cargo.toml"); }
fs::path reachability_fixture(const std::string& name) {
  return fs::path(CRATESCOPE_FIXTURES) / "reachability" / name;
}

const nlohmann::json* finding_of(const nlohmann::json& report, const std::string& id) {
  for (const auto& v : report["vulnerabilities"]["list"])
    if (v["advisory"]["id"] == id) return &v;
  return nullptr;
}

#define REQUIRE_CORPUS() \
  if (!corpus_installed()) GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)"

TEST(ReachabilityCli, JsonCarriesTheVerdictAndTheCallPath) {
  REQUIRE_CORPUS();
  AuditRun run = run_audit_json(reachability_fixture("tar-method-call"), "", "", Reachability::computed);
  ASSERT_EQ(run.exit_code, 1) << run.stderr_text;
  const nlohmann::json* finding = finding_of(run.report, "RUSTSEC-2026-0067");
  ASSERT_NE(finding, nullptr);
  const auto& reach = (*finding)["cratescope"]["reachability"];
  EXPECT_EQ(reach["verdict"], "reachable");
  bool has_path = false;
  for (const auto& f : reach["functions"]) {
    if (f["path"].is_null()) continue;
    has_path = true;
    const auto& hops = f["path"]["hops"];
    ASSERT_GE(hops.size(), 3u);
    EXPECT_EQ(hops[0]["function"], "tar-method-call@0.1.0[bin main]::main");
    EXPECT_EQ(hops[0]["defined_at"]["file"], "src/main.rs");
    EXPECT_TRUE(hops[0]["call_site"].is_null());
    EXPECT_EQ(hops[1]["call_site"]["file"], "src/main.rs");
    EXPECT_EQ(hops[1]["call_site"]["line"], 11);
  }
  EXPECT_TRUE(has_path);
  const nlohmann::json* no_functions = finding_of(run.report, "RUSTSEC-2026-0068");
  ASSERT_NE(no_functions, nullptr);
  EXPECT_EQ((*no_functions)["cratescope"]["reachability"]["verdict"], "unknown");
  EXPECT_EQ((*no_functions)["cratescope"]["reachability"]["reason"], "the advisory lists no affected functions");
}

TEST(ReachabilityCli, FailOnReachableIgnoresOnlyWhatTheGraphRulesOut) {
  REQUIRE_CORPUS();
  // tar-not-called: RUSTSEC-2026-0067 is not reachable, but RUSTSEC-2026-0068
  // lists no functions (unknown), so the run still fails...
  auto exit_code = [](const std::string& fixture, const std::string& extra) {
    return run_audit_json(reachability_fixture(fixture), extra, "", Reachability::computed).exit_code;
  };
  EXPECT_EQ(exit_code("tar-not-called", "--fail-on reachable"), 1);
  // ... unless that one is ignored; the default still fails on any vulnerability.
  EXPECT_EQ(exit_code("tar-not-called", "--fail-on reachable --ignore RUSTSEC-2026-0068"), 0);
  EXPECT_EQ(exit_code("tar-not-called", "--ignore RUSTSEC-2026-0068"), 1);
  EXPECT_EQ(exit_code("tar-method-call", "--fail-on reachable --ignore RUSTSEC-2026-0068"), 1);
}

TEST(ReachabilityCli, NoReachabilityLeavesTheVerdictOut) {
  REQUIRE_CORPUS();
  AuditRun run = run_audit_json(reachability_fixture("tar-method-call"), "--no-reachability", "", Reachability::computed);
  const nlohmann::json* finding = finding_of(run.report, "RUSTSEC-2026-0067");
  ASSERT_NE(finding, nullptr);
  EXPECT_TRUE((*finding)["cratescope"]["reachability"].is_null());
}

TEST(ReachabilityCli, SarifHasACodeFlowForAReachableFunction) {
  REQUIRE_CORPUS();
  fs::path out = fs::path(::testing::TempDir()) / "reachability.sarif";
  auto result = run_cratescope("audit " + reachability_fixture("tar-method-call").string() + " --db " +
                               advisory_db_dir().string() + " --no-cache -f sarif -o " + out.string());
  ASSERT_EQ(result.exit_code, 1) << result.output;
  nlohmann::json sarif = nlohmann::json::parse(read_text(out));
  bool found = false;
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (!r.contains("codeFlows")) continue;
    found = true;
    const auto& locations = r["codeFlows"][0]["threadFlows"][0]["locations"];
    ASSERT_GE(locations.size(), 3u);
    EXPECT_EQ(locations[0]["location"]["physicalLocation"]["artifactLocation"]["uri"], "src/main.rs");
    EXPECT_EQ(r["properties"]["reachability"], "reachable");
  }
  EXPECT_TRUE(found);
  auto valid = validate_sarif(out);
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
}

TEST(WhyCli, PrintsThePathAndExitsZeroWhenReachable) {
  REQUIRE_CORPUS();
  auto result = run_cratescope("why tar::Entry::unpack_in " + reachability_fixture("tar-method-call").string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("tar@0.4.38::entry::Entry::unpack_in"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("-> tar@0.4.38::archive::Archive::unpack  called at src/main.rs:7:13"), std::string::npos)
      << result.output;
}

TEST(WhyCli, ExitsOneWhenNotReachableAndTwoForAnUnknownPackage) {
  REQUIRE_CORPUS();
  auto not_reached = run_cratescope("why tar::Entry::unpack_in " + reachability_fixture("tar-not-called").string());
  EXPECT_EQ(not_reached.exit_code, 1) << not_reached.output;
  EXPECT_NE(not_reached.output.find("not reachable from the workspace"), std::string::npos) << not_reached.output;
  auto missing = run_cratescope("why nosuchcrate::f " + reachability_fixture("tar-not-called").string());
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  auto json = run_cratescope("why -f json tar@0.4.38::Archive::unpack " + reachability_fixture("tar-method-call").string());
  ASSERT_EQ(json.exit_code, 0) << json.output;
  auto parsed = nlohmann::json::parse(json.output);
  EXPECT_EQ(parsed[0]["package"], "tar@0.4.38");
  EXPECT_EQ(parsed[0]["functions"][0]["paths"][0]["context"], "normal");
}

}  // namespace

namespace {

TEST(ReachabilityCli, MissingSourcesMakeVerdictsUnknownNeverClean) {
  // lock-v4 locks smallvec 0.6.9, whose advisories list functions, and whose
  // source is on no machine: the verdict must say so.
  AuditRun run = run_audit_json(project_fixture("lock-v4"), "", "CARGO_HOME=/nonexistent", Reachability::computed);
  bool saw = false;
  for (const auto& v : run.report["vulnerabilities"]["list"]) {
    if (v["package"]["name"] != "smallvec" || v["cratescope"]["affected_functions"].empty()) continue;
    saw = true;
    const auto& reach = v["cratescope"]["reachability"];
    EXPECT_EQ(reach["verdict"], "unknown");
    EXPECT_NE(reach["reason"].get<std::string>().find("smallvec@0.6.9 is not available"), std::string::npos) << reach;
  }
  EXPECT_TRUE(saw);
  bool listed = false;
  for (const auto& p : run.report["cratescope"]["call_graph"]["packages_without_source"])
    listed |= p["package"] == "smallvec@0.6.9";
  EXPECT_TRUE(listed) << run.report["cratescope"]["call_graph"];
}

}  // namespace

namespace {

TEST(ReachabilityCli, FeaturesDecideWhetherAMembersOptionalDependencyCanBeCalled) {
  REQUIRE_CORPUS();
  // tar is an optional dependency turned on only by the non-default feature
  // `archives`, under which main unpacks an archive.
  auto verdict = [](const std::string& extra) {
    AuditRun run = run_audit_json(reachability_fixture("tar-optional-feature"), extra, "", Reachability::computed);
    const nlohmann::json* finding = finding_of(run.report, "RUSTSEC-2026-0067");
    return finding ? (*finding)["cratescope"]["reachability"] : nlohmann::json();
  };
  nlohmann::json by_default = verdict("");
  EXPECT_EQ(by_default["verdict"], "not_reachable") << by_default;
  EXPECT_NE(by_default["reason"].get<std::string>().find("tar-optional-feature's optional dependency tar (off with default features;"),
            std::string::npos)
      << by_default;
  EXPECT_EQ(verdict("--features archives")["verdict"], "reachable");
  EXPECT_EQ(verdict("--all-features")["verdict"], "reachable");
  EXPECT_EQ(verdict("--features archives --no-default-features")["verdict"], "reachable");
  // The same through `why`.
  CommandResult why = run_cratescope("why tar::Entry::unpack_in " + reachability_fixture("tar-optional-feature").string() +
                                     " --no-cache");
  EXPECT_EQ(why.exit_code, 1) << why.output;
  EXPECT_NE(why.output.find("locked only through tar-optional-feature's optional dependency tar"), std::string::npos)
      << why.output;
  CommandResult why_enabled = run_cratescope("why tar::Entry::unpack_in " +
                                             reachability_fixture("tar-optional-feature").string() + " --no-cache -F archives");
  EXPECT_EQ(why_enabled.exit_code, 0) << why_enabled.output;
}

TEST(ReachabilityCli, ADependencysFeaturesAreWhatTheBuildAsksOfIt) {
  REQUIRE_CORPUS();
  // tar is the wrapper's optional dependency, on with the wrapper's default
  // features, which app turns off; app's feature `full` asks for
  // `wrapper/archives`. The wrapper's #[cfg(feature = "archives")] block unpacks.
  auto verdict = [](const std::string& extra, const std::string& environment = "") {
    AuditRun run = run_audit_json(reachability_fixture("tar-dependency-feature"), extra + " --no-cache", environment,
                                  Reachability::computed);
    const nlohmann::json* finding = finding_of(run.report, "RUSTSEC-2026-0067");
    return finding ? (*finding)["cratescope"]["reachability"] : nlohmann::json();
  };
  nlohmann::json by_default = verdict("");
  EXPECT_EQ(by_default["verdict"], "not_reachable") << by_default;
  EXPECT_NE(by_default["reason"].get<std::string>().find(
                "wrapper's optional dependency tar (no feature of this build turns it on)"),
            std::string::npos)
      << by_default;
  EXPECT_EQ(verdict("--features full")["verdict"], "reachable");
  EXPECT_EQ(verdict("--all-features")["verdict"], "reachable");
  // Cargo's own resolution agrees: without `full` it does not even list tar.
  std::string cargo = offline_cargo_environment();
  if (cargo.empty()) GTEST_SKIP() << "cargo is not on PATH: Cargo's resolution not compared";
  EXPECT_TRUE(verdict("--use-cargo", cargo).is_null());
  EXPECT_EQ(verdict("--use-cargo --features full", cargo)["verdict"], "reachable");
}

TEST(ReachabilityCli, TargetLeavesOutOtherPlatformsCode) {
  REQUIRE_CORPUS();
  auto verdict = [](const std::string& fixture, const std::string& extra) {
    AuditRun run = run_audit_json(reachability_fixture(fixture), extra + " --no-cache", "", Reachability::computed);
    const nlohmann::json* finding = finding_of(run.report, "RUSTSEC-2026-0067");
    return finding ? (*finding)["cratescope"]["reachability"] : nlohmann::json();
  };
  // Only the #[cfg(windows)] twin of `extract` unpacks.
  EXPECT_EQ(verdict("tar-windows-code", "")["verdict"], "reachable");
  EXPECT_EQ(verdict("tar-windows-code", "--target x86_64-pc-windows-msvc")["verdict"], "reachable");
  EXPECT_EQ(verdict("tar-windows-code", "--target x86_64-unknown-linux-gnu")["verdict"], "not_reachable");
  // tar is a dependency of Windows builds only: the finding itself no longer
  // applies to Linux, and the call graph says why nothing reaches it.
  EXPECT_EQ(verdict("tar-windows-dependency", "")["verdict"], "reachable");
  nlohmann::json linux = verdict("tar-windows-dependency", "--target x86_64-unknown-linux-gnu");
  EXPECT_EQ(linux["verdict"], "not_reachable") << linux;
  EXPECT_NE(linux.dump().find("dependency tar for cfg(windows) (not built for x86_64-unknown-linux-gnu)"),
            std::string::npos)
      << linux;
  // Its reach says it is not built, not "runtime".
  AuditRun linux_run = run_audit_json(reachability_fixture("tar-windows-dependency"),
                                      "--target x86_64-unknown-linux-gnu --no-cache", "", Reachability::computed);
  const nlohmann::json* finding = finding_of(linux_run.report, "RUSTSEC-2026-0067");
  ASSERT_TRUE(finding);
  EXPECT_EQ((*finding)["cratescope"]["reach"]["runtime"], false) << (*finding)["cratescope"]["reach"];
  EXPECT_NE((*finding)["cratescope"]["reach"]["description"].get<std::string>().find("not built"), std::string::npos);
  CommandResult why = run_cratescope("why tar::Entry::unpack_in " +
                                     reachability_fixture("tar-windows-code").string() +
                                     " --no-cache --target x86_64-unknown-linux-gnu");
  EXPECT_EQ(why.exit_code, 1) << why.output;
  CommandResult why_windows = run_cratescope("why tar::Entry::unpack_in " +
                                             reachability_fixture("tar-windows-code").string() +
                                             " --no-cache --target x86_64-pc-windows-gnu");
  EXPECT_EQ(why_windows.exit_code, 0) << why_windows.output;
}

}  // namespace
