#include <gtest/gtest.h>

#include "report/audit_report_fixture.hpp"

namespace cratescope::testing {
namespace {

using report::render_audit_text;

size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

TEST(TextAuditReport, NoEscapeCodesWithoutColour) {
  auto fx = make_audit_fixture();
  for (bool verbose : {false, true}) {
    std::string text = render_audit_text(fx->input(), {.color = false, .verbose = verbose});
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  }
}

TEST(TextAuditReport, ColoursSeverityLabelsWithAnsi) {
  auto fx = make_audit_fixture();
  std::string text = render_audit_text(fx->input(), {.color = true, .verbose = false});
  EXPECT_NE(text.find("\x1b[1;31mcritical\x1b[0m"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[33mmedium\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[33mwarning: unmaintained\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[36mvulnerability\x1b[0m"), std::string::npos);  // no CVSS
  EXPECT_NE(text.find("\x1b[1;31merror\x1b[0m: ignore of RUSTSEC-2020-0071"), std::string::npos);
}

TEST(TextAuditReport, SanitizesControlCharactersFromUntrustedText) {
  auto fx = make_audit_fixture();
  fx->advisory("RUSTSEC-2021-0003").title = "Evil\x1b]0;pwned\x07\x1b[2J title\xE2\x80\xAE" "desrever \xff end";
  fx->advisory("RUSTSEC-2021-0003").description = "line one\x1b[31m\r\nline\xC2\x9B" "two";
  fx->finding("RUSTSEC-2021-0098").ignored_by->reason = "reason\x1b[8m hidden";
  fx->result.expired_ignores[0].reason = "bell\x07";
  for (bool color : {false, true}) {
    std::string text = render_audit_text(fx->input(), {.color = color, .verbose = true});
    EXPECT_EQ(text.find('\x07'), std::string::npos);
    EXPECT_EQ(text.find("\x1b]"), std::string::npos);
    EXPECT_EQ(text.find("\x1b[2J"), std::string::npos);
    EXPECT_EQ(text.find("\x1b[8m"), std::string::npos);
    EXPECT_EQ(text.find("\xE2\x80\xAE"), std::string::npos);  // RIGHT-TO-LEFT OVERRIDE
    EXPECT_EQ(text.find("\xC2\x9B"), std::string::npos);      // C1 CSI
    EXPECT_EQ(text.find('\r'), std::string::npos);
    if (!color) {
      EXPECT_EQ(text.find('\x1b'), std::string::npos);
      EXPECT_NE(text.find("Evil?]0;pwned??[2J title?desrever \xEF\xBF\xBD end"), std::string::npos) << text;
    }
  }
}

TEST(TextAuditReport, GroupsFindingsByCrateWorstFirst) {
  auto fx = make_audit_fixture();
  std::string text = render_audit_text(fx->input(), {});
  EXPECT_EQ(count_of(text, "atty 0.2.14\n"), 1u);
  size_t warnings_only_crate = text.find("\natty 0.2.14\n");
  size_t vulnerable_crate = text.find("\nchrono 0.4.19\n");
  size_t unsound = text.find("warning: unsound  RUSTSEC-2021-0145");
  size_t unmaintained = text.find("warning: unmaintained  RUSTSEC-2024-0375");
  ASSERT_NE(warnings_only_crate, std::string::npos) << text;
  ASSERT_NE(vulnerable_crate, std::string::npos) << text;
  ASSERT_NE(unsound, std::string::npos);
  ASSERT_NE(unmaintained, std::string::npos);
  EXPECT_LT(vulnerable_crate, warnings_only_crate);  // a crate with a vulnerability before one with warnings only
  EXPECT_LT(warnings_only_crate, unmaintained);
  EXPECT_LT(unmaintained, unsound);  // FindingKind order: unmaintained before unsound
}

TEST(TextAuditReport, ShowsPathsWithEdgeMarks) {
  auto fx = make_audit_fixture();
  std::string text = render_audit_text(fx->input(), {});
  EXPECT_NE(text.find("app 0.1.0 -> chrono 0.4.19 -> time 0.1.43\n"), std::string::npos) << text;
  EXPECT_NE(text.find("app 0.1.0 -> time 0.1.43 (dev)\n"), std::string::npos);
  EXPECT_NE(text.find("app 0.1.0 -> smallvec 1.6.0 (dev, as sv)\n"), std::string::npos);
  EXPECT_NE(text.find("app 0.1.0 -> chrono 0.4.19 -> libc 0.2.80 (cfg(unix))\n"), std::string::npos);
}

TEST(TextAuditReport, LimitsPathsUnlessVerbose) {
  auto fx = make_audit_fixture();
  auto& finding = fx->finding("RUSTSEC-2020-0159");
  finding.paths.assign(5, finding.paths.front());
  EXPECT_NE(render_audit_text(fx->input(), {}).find("and 2 more paths (--verbose)"), std::string::npos);
  EXPECT_EQ(render_audit_text(fx->input(), {.verbose = true}).find("more paths"), std::string::npos);
}

TEST(TextAuditReport, SummaryCountsBySeverityAndKind) {
  auto fx = make_audit_fixture();
  std::string text = render_audit_text(fx->input(), {});
  EXPECT_NE(text.find("3 vulnerabilities (1 critical, 1 medium, 1 without CVSS), 3 warnings (1 unmaintained, "
                      "1 unsound, 1 yanked), 1 ignored, in 6 packages (1 skipped: not from crates.io)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("advisory database: /home/user/.cargo/advisory-db at 0123456789ab (2025-06-01T10:00:00Z), "
                      "900 advisories\n"),
            std::string::npos);
}

TEST(TextAuditReport, ReportsIgnoreProblems) {
  auto fx = make_audit_fixture();
  std::string text = render_audit_text(fx->input(), {});
  EXPECT_NE(text.find("error: ignore of RUSTSEC-2020-0071 in cratescope.toml:9:1 expired on 2026-01-01"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("note: ignore of RUSTSEC-2019-0001 in .cargo/audit.toml:2:12 matched no finding"),
            std::string::npos);
  EXPECT_NE(text.find("ignored by cratescope.toml:4:1: only used to build the test fixtures (until 2099-12-31)"),
            std::string::npos);
}

TEST(TextAuditReport, NotesPlatformRestriction) {
  auto fx = make_audit_fixture();
  std::string text = render_audit_text(fx->input(), {});
  EXPECT_NE(text.find("platform:   does not apply to the audited target (only affects os: linux, macos)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("platform:   only affects os: windows"), std::string::npos);
}

TEST(TextAuditReport, YankedNotCheckedIsNoted) {
  auto fx = make_audit_fixture();
  fx->result.yanked_checked = false;
  fx->result.yanked_note = "no local crates.io index copy found";
  EXPECT_NE(render_audit_text(fx->input(), {}).find("note: no local crates.io index copy found\n"),
            std::string::npos);
}

}  // namespace
}  // namespace cratescope::testing
