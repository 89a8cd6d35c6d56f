#include <gtest/gtest.h>

#include "audit/ignores.hpp"

using namespace cratescope;
using namespace cratescope::audit;

TEST(Ignores, ReadsCargoAuditFormatWithSettings) {
  IgnoreSet set;
  Diagnostics diagnostics;
  read_ignore_file(
      "[advisories]\nignore = [\"RUSTSEC-2020-0071\"]\ninformational_warnings = [\"unmaintained\"]\n"
      "severity_threshold = \"medium\"\n[target]\nos = \"linux\"\narch = [\"x86_64\"]\n",
      ".cargo/audit.toml", "audit.toml", set, diagnostics);
  EXPECT_EQ(diagnostics.error_count(), 0u);
  ASSERT_EQ(set.rules.size(), 1u);
  EXPECT_EQ(set.rules[0].id, "RUSTSEC-2020-0071");
  EXPECT_EQ(set.rules[0].origin.file, ".cargo/audit.toml");
  EXPECT_EQ(set.rules[0].origin.position.line, 2u);
  EXPECT_EQ(set.informational_warnings, std::vector<std::string>{"unmaintained"});
  EXPECT_EQ(set.severity_threshold, "medium");
  EXPECT_EQ(set.target_os, "linux");
  EXPECT_EQ(set.target_arch, "x86_64");
}

TEST(Ignores, ReadsDenyTomlStringAndTableForms) {
  IgnoreSet set;
  Diagnostics diagnostics;
  read_ignore_file(
      "[advisories]\nignore = [\n  \"RUSTSEC-2021-0001\",\n  { id = \"RUSTSEC-2022-0002\", reason = \"not used\" },\n"
      "  { crate = \"foo\" },\n]\n",
      "deny.toml", "deny.toml", set, diagnostics);
  EXPECT_EQ(diagnostics.error_count(), 0u);
  ASSERT_EQ(set.rules.size(), 2u);
  EXPECT_EQ(set.rules[1].id, "RUSTSEC-2022-0002");
  EXPECT_EQ(set.rules[1].reason, "not used");
  EXPECT_EQ(set.rules[1].origin.position.line, 4u);
}

TEST(Ignores, CratescopeTomlRulesCarryReasonAndExpiry) {
  IgnoreSet set;
  Diagnostics diagnostics;
  read_ignore_file(
      "[[audit.ignore]]\nid = \"RUSTSEC-2020-0071\"\nreason = \"only in tests\"\nexpires = 2026-01-01\n\n"
      "[[audit.ignore]]\nid = \"CVE-2020-26235\"\nexpires = \"2099-12-31\"\n",
      "cratescope.toml", "cratescope.toml", set, diagnostics);
  EXPECT_EQ(diagnostics.error_count(), 0u);
  ASSERT_EQ(set.rules.size(), 2u);
  EXPECT_EQ(set.rules[0].expires, "2026-01-01");
  EXPECT_TRUE(set.rules[0].expired("2026-11-24"));
  EXPECT_FALSE(set.rules[1].expired("2026-11-24"));
  EXPECT_NE(set.find("RUSTSEC-2020-0071", {}), nullptr);
  EXPECT_NE(set.find("RUSTSEC-2020-0071-X", {"CVE-2020-26235"}), nullptr);
  EXPECT_EQ(set.find("RUSTSEC-1999-0001", {}), nullptr);
}

TEST(Ignores, ReportsBrokenFilesWithPosition) {
  IgnoreSet set;
  Diagnostics diagnostics;
  read_ignore_file("[advisories]\nignore = [\"a\",\n", "deny.toml", "deny.toml", set, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.all()[0].location.file, "deny.toml");
  EXPECT_GE(diagnostics.all()[0].location.position.line, 2u);

  Diagnostics more;
  read_ignore_file("[[audit.ignore]]\nreason = \"no id\"\n", "cratescope.toml", "cratescope.toml", set, more);
  ASSERT_EQ(more.error_count(), 1u);
  EXPECT_EQ(more.all()[0].location.position.line, 1u);
}
