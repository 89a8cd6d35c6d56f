// The three audit reports of the fixture workspace, compared with golden
// files (CRATESCOPE_UPDATE_GOLDEN=1 rewrites them).
#include <gtest/gtest.h>

#include "report/audit_report_fixture.hpp"
#include "report/golden_file.hpp"

namespace cratescope::testing {
namespace {

TEST(AuditReportGolden, TextWithoutColour) {
  auto fx = make_audit_fixture();
  expect_matches_golden(report::render_audit_text(fx->input(), {.color = false, .verbose = false}), "audit.txt");
}

TEST(AuditReportGolden, VerboseText) {
  auto fx = make_audit_fixture();
  expect_matches_golden(report::render_audit_text(fx->input(), {.color = false, .verbose = true}),
                        "audit-verbose.txt");
}

TEST(AuditReportGolden, Json) {
  auto fx = make_audit_fixture();
  expect_matches_golden(report::render_audit_json(fx->input()).dump(2) + "\n", "audit.json");
}

TEST(AuditReportGolden, Sarif) {
  auto fx = make_audit_fixture();
  expect_matches_golden(report::render_audit_sarif(fx->input()).dump(2) + "\n", "audit.sarif");
}

TEST(AuditReportGolden, CleanAuditText) {
  auto fx = make_audit_fixture();
  fx->result.findings.clear();
  fx->result.expired_ignores.clear();
  fx->result.unused_ignores.clear();
  expect_matches_golden(report::render_audit_text(fx->input(), {}), "audit-clean.txt");
}

TEST(GoldenFile, DiffShowsChangedLinesWithContext) {
  std::string diff = line_diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n");
  EXPECT_EQ(diff, "@@ line 2\n  b\n  c\n- d\n+ D\n  e\n  f\n");
}

}  // namespace
}  // namespace cratescope::testing
