#include <gtest/gtest.h>

#include "report/audit_report_fixture.hpp"

namespace cratescope::testing {
namespace {

using nlohmann::json;
using report::render_audit_json;

// The keys cargo-audit writes (rustsec's Report), which consumers read.
TEST(JsonAuditReport, HasCargoAuditTopLevelShape) {
  auto fx = make_audit_fixture();
  json report = render_audit_json(fx->input());
  EXPECT_EQ(report["database"]["advisory-count"], 900);
  EXPECT_EQ(report["database"]["last-commit"], "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(report["database"]["last-updated"], "2025-06-01T10:00:00Z");
  EXPECT_EQ(report["lockfile"]["dependency-count"], 7);
  for (const char* key : {"target_arch", "target_os", "severity", "ignore", "informational_warnings"})
    EXPECT_TRUE(report["settings"].contains(key)) << key;
  EXPECT_EQ(report["settings"]["informational_warnings"], json({"unmaintained", "unsound", "notice"}));
  EXPECT_EQ(report["settings"]["ignore"], json({"RUSTSEC-2019-0001", "RUSTSEC-2021-0098"}));
  // Ignored findings are not in the list, as with cargo-audit.
  EXPECT_EQ(report["vulnerabilities"]["found"], true);
  EXPECT_EQ(report["vulnerabilities"]["count"], 3);
  EXPECT_EQ(report["vulnerabilities"]["list"].size(), 3u);
  EXPECT_EQ(report["warnings"]["unmaintained"].size(), 1u);
  EXPECT_EQ(report["warnings"]["unsound"].size(), 1u);
  EXPECT_EQ(report["warnings"]["yanked"].size(), 1u);
  EXPECT_FALSE(report["warnings"].contains("notice"));
  EXPECT_EQ(report["cratescope"]["ignored"].size(), 1u);
}

TEST(JsonAuditReport, VulnerabilityEntryMatchesRustsecVulnerability) {
  auto fx = make_audit_fixture();
  json report = render_audit_json(fx->input());
  const json* time = nullptr;
  for (const json& entry : report["vulnerabilities"]["list"])
    if (entry["advisory"]["id"] == "RUSTSEC-2020-0071") time = &entry;
  ASSERT_NE(time, nullptr);
  const json& advisory = (*time)["advisory"];
  for (const char* key : {"id", "package", "title", "description", "date", "aliases", "related", "collection",
                          "categories", "keywords", "cvss", "informational", "references", "source", "url",
                          "withdrawn", "license"})
    EXPECT_TRUE(advisory.contains(key)) << key;
  EXPECT_EQ(advisory["cvss"], "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
  EXPECT_EQ(advisory["informational"], nullptr);
  EXPECT_EQ((*time)["versions"]["patched"], json({">=0.2.23"}));  // the semver crate's display form
  EXPECT_EQ((*time)["affected"]["os"], json({"linux", "macos"}));
  EXPECT_EQ((*time)["affected"]["functions"]["time::at"], json({"^0.1"}));
  const json& package = (*time)["package"];
  EXPECT_EQ(package["name"], "time");
  EXPECT_EQ(package["version"], "0.1.43");
  EXPECT_EQ(package["source"], "registry+https://github.com/rust-lang/crates.io-index");
  EXPECT_TRUE(package["checksum"].is_string());
  EXPECT_EQ(package["replace"], nullptr);
  EXPECT_FALSE(time->contains("kind"));  // only warnings have one
}

TEST(JsonAuditReport, CratescopeAdditionsPerEntry) {
  auto fx = make_audit_fixture();
  json report = render_audit_json(fx->input());
  const json* found = nullptr;
  for (const json& entry : report["vulnerabilities"]["list"])
    if (entry["package"]["name"] == "smallvec") found = &entry;
  ASSERT_NE(found, nullptr);
  const json& smallvec = *found;
  const json& extra = smallvec["cratescope"];
  EXPECT_EQ(extra["severity"], "critical");
  EXPECT_EQ(extra["cvss"]["score"], 9.8);
  EXPECT_EQ(extra["reach"]["test"], true);
  EXPECT_EQ(extra["reach"]["runtime"], false);
  EXPECT_EQ(extra["fix"]["kind"], "upgrade");
  EXPECT_EQ(extra["fix"]["version"], "1.6.1");
  EXPECT_EQ(extra["fix"]["command"], "cargo update -p smallvec@1.6.0 --precise 1.6.1");
  ASSERT_EQ(extra["paths"].size(), 1u);
  const json& path = extra["paths"][0];
  ASSERT_EQ(path.size(), 2u);
  EXPECT_EQ(path[0]["name"], "app");
  EXPECT_EQ(path[0]["kind"], nullptr);
  EXPECT_EQ(path[1]["kind"], "dev");
  EXPECT_EQ(path[1]["rename"], "sv");
  EXPECT_EQ(path[1]["declared_at"], json({{"file", "Cargo.toml"}, {"line", 13}, {"column", 1}}));
  EXPECT_EQ(extra["ignored_by"], nullptr);
}

TEST(JsonAuditReport, YankedWarningHasNoAdvisory) {
  auto fx = make_audit_fixture();
  json yanked = render_audit_json(fx->input())["warnings"]["yanked"][0];
  EXPECT_EQ(yanked["kind"], "yanked");
  EXPECT_EQ(yanked["advisory"], nullptr);
  EXPECT_EQ(yanked["versions"], nullptr);
  EXPECT_EQ(yanked["affected"], nullptr);
  EXPECT_EQ(yanked["package"]["name"], "libc");
}

TEST(JsonAuditReport, IgnoreProblemsAndIgnoredFindings) {
  auto fx = make_audit_fixture();
  json extra = render_audit_json(fx->input())["cratescope"];
  EXPECT_EQ(extra["ignored"][0]["cratescope"]["ignored_by"]["reason"], "only used to build the test fixtures");
  EXPECT_EQ(extra["ignored"][0]["cratescope"]["ignored_by"]["origin"],
            json({{"file", "cratescope.toml"}, {"line", 4}, {"column", 1}}));
  EXPECT_EQ(extra["expired_ignores"][0]["expires"], "2026-01-01");
  EXPECT_EQ(extra["unused_ignores"][0]["id"], "RUSTSEC-2019-0001");
  EXPECT_EQ(extra["summary"]["by_severity"]["critical"], 1);
  EXPECT_EQ(extra["schema_version"], 1);
}

TEST(JsonAuditReport, InvalidUtf8IsReplacedSoDumpDoesNotThrow) {
  auto fx = make_audit_fixture();
  fx->advisory("RUSTSEC-2021-0003").title = "bad \xff\xfe bytes";
  fx->advisory("RUSTSEC-2021-0003").description = "overlong \xC0\xAF and a surrogate \xED\xA0\x80";
  fx->graph.packages[0].name = "app\xff";
  std::string dumped;
  ASSERT_NO_THROW(dumped = render_audit_json(fx->input()).dump());
  EXPECT_NE(dumped.find("bad \xEF\xBF\xBD\xEF\xBF\xBD bytes"), std::string::npos);
  ASSERT_NO_THROW(report::render_audit_sarif(fx->input()).dump());
}

TEST(JsonAuditReport, IsDeterministic) {
  auto a = make_audit_fixture();
  auto b = make_audit_fixture();
  // Findings in a different order render the same.
  std::reverse(b->result.findings.begin(), b->result.findings.end());
  EXPECT_EQ(render_audit_json(a->input()).dump(2), render_audit_json(b->input()).dump(2));
}

}  // namespace
}  // namespace cratescope::testing
