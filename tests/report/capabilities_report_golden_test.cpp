// The capabilities reports (text, JSON, SARIF, and the --diff text and JSON)
// of the two demo crates in tests/fixtures/capability-diff, compared with
// golden files (CRATESCOPE_UPDATE_GOLDEN=1 rewrites them). Absolute paths
// are replaced by @FIXTURE@ so the files do not depend on the checkout.
#include <gtest/gtest.h>

#include "capabilities/capability_diff.hpp"
#include "report/capabilities_report.hpp"
#include "report/golden_file.hpp"
#include "support/test_support.hpp"

namespace cratescope::testing {
namespace {

namespace cap = capabilities;

std::string fixture_root() { return (fixtures_dir() / "capability-diff").lexically_normal().generic_string(); }

std::string portable(std::string text) {
  const std::string root = fixture_root();
  for (size_t at = text.find(root); at != std::string::npos; at = text.find(root, at))
    text.replace(at, root.size(), "@FIXTURE@");
  return text;
}

cap::PackageCapabilities analyzed(const std::string& name) {
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  cap::RuleMatcher rules;
  cap::PackageCapabilities p;
  p.result = cap::analyze_crate(context, fixture_root() + "/" + name, {}, rules);
  p.name = p.result->name;
  p.version = p.result->version;
  p.is_member = true;
  p.origin = sources::SourceOrigin::path;
  return p;
}

TEST(CapabilitiesReportGolden, TextJsonSarif) {
  std::vector<cap::PackageCapabilities> packages = {analyzed("demo-1.1.0")};
  report::CapabilitiesReportInput input{fixture_root() + "/demo-1.1.0", packages, "0.0.0-test", true};
  expect_matches_golden(portable(report::render_capabilities_text(input, {.color = false, .verbose = true})),
                        "capabilities.txt");
  expect_matches_golden(portable(report::render_capabilities_json(input).dump(2) + "\n"), "capabilities.json");
  expect_matches_golden(portable(report::render_capabilities_sarif(input).dump(2) + "\n"), "capabilities.sarif");
}

TEST(CapabilitiesReportGolden, Diff) {
  auto before = analyzed("demo-1.0.0"), after = analyzed("demo-1.1.0");
  std::vector<cap::CrateDiff> diffs = {cap::diff_crates(&*before.result, &*after.result)};
  report::CapabilitiesDiffInput input{"demo-1.0.0", "demo-1.1.0", diffs, 0, "0.0.0-test"};
  expect_matches_golden(portable(report::render_capabilities_diff_text(input, {.color = false, .verbose = false})),
                        "capabilities-diff.txt");
  expect_matches_golden(portable(report::render_capabilities_diff_json(input).dump(2) + "\n"), "capabilities-diff.json");
}

}  // namespace
}  // namespace cratescope::testing
