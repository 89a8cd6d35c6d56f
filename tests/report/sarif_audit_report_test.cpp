#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "report/audit_report_fixture.hpp"
#include "support/test_support.hpp"

namespace cratescope::testing {
namespace {

using nlohmann::json;
using report::render_audit_sarif;

const json* result_for(const json& sarif, const std::string& rule_id) {
  for (const json& result : sarif["runs"][0]["results"])
    if (result["ruleId"] == rule_id) return &result;
  return nullptr;
}

// The properties SARIF 2.1.0 requires, and those code scanning UIs need.
TEST(SarifAuditReport, HasRequiredProperties) {
  auto fx = make_audit_fixture();
  json sarif = render_audit_sarif(fx->input());
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const json& run = sarif["runs"][0];
  const json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "cratescope");
  EXPECT_EQ(driver["version"], "0.1.0");
  EXPECT_EQ(driver["semanticVersion"], "0.1.0");
  EXPECT_TRUE(driver["informationUri"].is_string());
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///work/demo/");

  std::set<std::string> rule_ids;
  for (const json& rule : driver["rules"]) {
    EXPECT_TRUE(rule_ids.insert(rule["id"].get<std::string>()).second) << "duplicate rule " << rule["id"];
    for (const char* key : {"name", "shortDescription", "fullDescription", "helpUri", "help", "defaultConfiguration"})
      EXPECT_TRUE(rule.contains(key)) << rule["id"] << " lacks " << key;
  }
  EXPECT_EQ(rule_ids, (std::set<std::string>{"RUSTSEC-2020-0071", "RUSTSEC-2020-0159", "RUSTSEC-2021-0003",
                                             "RUSTSEC-2021-0098", "RUSTSEC-2021-0145", "RUSTSEC-2024-0375",
                                             "yanked"}));
  ASSERT_EQ(run["results"].size(), 7u);
  for (const json& result : run["results"]) {
    size_t index = result["ruleIndex"];
    ASSERT_LT(index, driver["rules"].size());
    EXPECT_EQ(driver["rules"][index]["id"], result["ruleId"]);
    EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
    EXPECT_TRUE(result["level"] == "error" || result["level"] == "warning" || result["level"] == "note");
    const json& location = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(location["artifactLocation"]["uri"], "Cargo.lock");
    EXPECT_EQ(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_GE(location["region"]["startLine"].get<int>(), 1);
    EXPECT_EQ(result["partialFingerprints"].size(), 1u);
  }
  EXPECT_TRUE(run["invocations"][0]["executionSuccessful"].get<bool>());
}

TEST(SarifAuditReport, LocatesThePackageEntryAndTheDeclaringManifestLine) {
  auto fx = make_audit_fixture();
  json sarif = render_audit_sarif(fx->input());
  const json* time = result_for(sarif, "RUSTSEC-2020-0071");
  ASSERT_NE(time, nullptr);
  EXPECT_EQ((*time)["locations"][0]["physicalLocation"]["region"]["startLine"], 60);
  const json& related = (*time)["relatedLocations"];
  ASSERT_EQ(related.size(), 2u);  // app -> chrono (line 8) and app -> time (dev, line 12)
  EXPECT_EQ(related[0]["physicalLocation"]["artifactLocation"]["uri"], "Cargo.toml");
  EXPECT_EQ(related[0]["physicalLocation"]["region"]["startLine"], 8);
  EXPECT_EQ(related[1]["physicalLocation"]["region"]["startLine"], 12);
  EXPECT_EQ(related[0]["id"], 1);
}

TEST(SarifAuditReport, MapsSeverityToLevelAndSecuritySeverity) {
  auto fx = make_audit_fixture();
  json sarif = render_audit_sarif(fx->input());
  auto rule = [&](const std::string& id) {
    for (const json& r : sarif["runs"][0]["tool"]["driver"]["rules"])
      if (r["id"] == id) return r;
    return json();
  };
  EXPECT_EQ(rule("RUSTSEC-2021-0003")["defaultConfiguration"]["level"], "error");  // critical
  EXPECT_EQ(rule("RUSTSEC-2021-0003")["properties"]["security-severity"], "9.8");
  EXPECT_EQ(rule("RUSTSEC-2021-0098")["defaultConfiguration"]["level"], "error");  // high
  EXPECT_EQ(rule("RUSTSEC-2020-0071")["defaultConfiguration"]["level"], "warning");  // medium
  EXPECT_EQ(rule("RUSTSEC-2020-0159")["defaultConfiguration"]["level"], "warning");  // no CVSS
  EXPECT_FALSE(rule("RUSTSEC-2020-0159")["properties"].contains("security-severity"));
  EXPECT_EQ(rule("RUSTSEC-2024-0375")["defaultConfiguration"]["level"], "note");  // informational
  EXPECT_EQ(rule("RUSTSEC-2020-0071")["properties"]["tags"],
            json({"security", "code-execution", "memory-corruption", "segfault"}));
  // The medium finding does not apply to the audited target, so the result is a note.
  EXPECT_EQ((*result_for(sarif, "RUSTSEC-2020-0071"))["level"], "note");
}

TEST(SarifAuditReport, IgnoredFindingIsSuppressed) {
  auto fx = make_audit_fixture();
  json sarif = render_audit_sarif(fx->input());
  const json* ignored = result_for(sarif, "RUSTSEC-2021-0098");
  ASSERT_NE(ignored, nullptr);
  ASSERT_EQ((*ignored)["suppressions"].size(), 1u);
  EXPECT_EQ((*ignored)["suppressions"][0]["kind"], "external");
  EXPECT_EQ((*ignored)["suppressions"][0]["justification"],
            "ignored by cratescope.toml:4:1: only used to build the test fixtures (until 2099-12-31)");
  EXPECT_FALSE(result_for(sarif, "RUSTSEC-2021-0003")->contains("suppressions"));
}

TEST(SarifAuditReport, ExpiredIgnoreIsAConfigurationError) {
  auto fx = make_audit_fixture();
  json notifications = render_audit_sarif(fx->input())["runs"][0]["invocations"][0]["toolConfigurationNotifications"];
  ASSERT_EQ(notifications.size(), 2u);
  EXPECT_EQ(notifications[0]["level"], "error");
  EXPECT_EQ(notifications[0]["descriptor"]["id"], "expired-ignore");
  EXPECT_EQ(notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "cratescope.toml");
}

std::map<std::string, json> fingerprints(const json& sarif) {
  std::map<std::string, json> out;
  for (const json& result : sarif["runs"][0]["results"]) out[result["ruleId"]] = result["partialFingerprints"];
  return out;
}

TEST(SarifAuditReport, FingerprintSurvivesLineChanges) {
  auto fx = make_audit_fixture();
  auto before = fingerprints(render_audit_sarif(fx->input()));
  for (auto& package : fx->graph.packages) package.lock_position.line += 17;
  for (auto& edge : fx->graph.edges) edge.declared_at.position.line += 3;
  auto after = fingerprints(render_audit_sarif(fx->input()));
  EXPECT_EQ(before, after);

  // ...but not a change of version: that is another finding.
  fx->graph.packages[*fx->graph.find("time", semver::Version(0, 1, 43))].version = semver::Version(0, 1, 44);
  EXPECT_NE(fingerprints(render_audit_sarif(fx->input()))["RUSTSEC-2020-0071"], before["RUSTSEC-2020-0071"]);
}

TEST(SarifAuditReport, FilesOutsideTheRootGetAbsoluteUris) {
  auto fx = make_audit_fixture();
  fx->graph.edges[0].declared_at.file = "/elsewhere/my project/Cargo.toml";
  json sarif = render_audit_sarif(fx->input());
  const json* chrono = result_for(sarif, "RUSTSEC-2020-0159");
  ASSERT_NE(chrono, nullptr);
  const json& artifact = (*chrono)["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(artifact["uri"], "file:///elsewhere/my%20project/Cargo.toml");
  EXPECT_FALSE(artifact.contains("uriBaseId"));
}

// Full validation against the OASIS SARIF 2.1.0 schema, with the schema and
// validator (ajv) that `npm ci` installs; see tests/support/validate_sarif.js.
TEST(SarifAuditReport, ValidatesAgainstTheSarifSchema) {
  auto fx = make_audit_fixture();
  auto file = std::filesystem::temp_directory_path() / "cratescope-report-test.sarif";
  std::ofstream(file) << render_audit_sarif(fx->input()).dump(2);
  auto check = validate_sarif(file);
  std::filesystem::remove(file);
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

}  // namespace
}  // namespace cratescope::testing
