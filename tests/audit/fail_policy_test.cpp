#include <gtest/gtest.h>

#include "audit/fail_policy.hpp"

using namespace cratescope;
using namespace cratescope::audit;

namespace {

advisory::Advisory advisory_with_score(std::optional<double> score) {
  advisory::Advisory a;
  a.id = "RUSTSEC-2099-0001";
  if (score) {
    advisory::Cvss cvss;
    cvss.score = *score;
    cvss.severity = advisory::severity_of_score(*score);
    a.cvss = cvss;
  }
  return a;
}

Finding vulnerability(const advisory::Advisory& a) {
  Finding f;
  f.advisory = &a;
  return f;
}

}  // namespace

TEST(FailPolicy, DefaultFailsOnAnyVulnerabilityButNotOnWarnings) {
  auto policy = parse_fail_policy("vulnerability");
  ASSERT_TRUE(policy);
  auto low = advisory_with_score(2.0);
  EXPECT_TRUE(fails(*policy, vulnerability(low)));
  Finding warning;
  warning.kind = FindingKind::unmaintained;
  EXPECT_FALSE(fails(*policy, warning));
}

TEST(FailPolicy, SeverityThresholdCountsUnscoredVulnerabilities) {
  auto policy = parse_fail_policy("high");
  ASSERT_TRUE(policy);
  auto medium = advisory_with_score(5.5), critical = advisory_with_score(9.8), unscored = advisory_with_score({});
  EXPECT_FALSE(fails(*policy, vulnerability(medium)));
  EXPECT_TRUE(fails(*policy, vulnerability(critical)));
  EXPECT_TRUE(fails(*policy, vulnerability(unscored)));
}

TEST(FailPolicy, WarningKindsAddToVulnerabilities) {
  auto policy = parse_fail_policy("unsound, yanked");
  ASSERT_TRUE(policy);
  Finding unsound;
  unsound.kind = FindingKind::unsound;
  Finding notice;
  notice.kind = FindingKind::notice;
  EXPECT_TRUE(fails(*policy, unsound));
  EXPECT_FALSE(fails(*policy, notice));
  auto low = advisory_with_score(1.0);
  EXPECT_TRUE(fails(*policy, vulnerability(low)));
}

TEST(FailPolicy, IgnoredAndOtherPlatformFindingsNeverFail) {
  auto policy = parse_fail_policy("vulnerability");
  auto a = advisory_with_score(9.0);
  Finding ignored = vulnerability(a);
  ignored.ignored_by = IgnoreRule{"RUSTSEC-2099-0001", "", "", {}};
  EXPECT_FALSE(fails(*policy, ignored));
  Finding other_platform = vulnerability(a);
  other_platform.applies_to_target = false;
  EXPECT_FALSE(fails(*policy, other_platform));
  EXPECT_FALSE(fails(*parse_fail_policy("none"), vulnerability(a)));
}

TEST(FailPolicy, RejectsUnknownValues) {
  auto policy = parse_fail_policy("high,sometimes");
  ASSERT_FALSE(policy);
  EXPECT_NE(policy.error().find("'sometimes'"), std::string::npos);
}

TEST(FailPolicy, ReachableSkipsOnlyWhatTheCallGraphRulesOut) {
  auto policy = parse_fail_policy("reachable");
  ASSERT_TRUE(policy);
  auto a = advisory_with_score(7.5);
  Finding not_computed = vulnerability(a);
  EXPECT_TRUE(fails(*policy, not_computed));
  Finding ruled_out = vulnerability(a);
  ruled_out.reachability = callgraph::PackageVerdict{callgraph::Verdict::not_reachable, {}, ""};
  EXPECT_FALSE(fails(*policy, ruled_out));
  Finding unknown = vulnerability(a);
  unknown.reachability = callgraph::PackageVerdict{callgraph::Verdict::unknown, {}, "no functions"};
  EXPECT_TRUE(fails(*policy, unknown));
  Finding reached = vulnerability(a);
  reached.reachability = callgraph::PackageVerdict{callgraph::Verdict::reachable, {}, ""};
  EXPECT_TRUE(fails(*policy, reached));
  // Combined with a threshold, both must hold.
  auto high_and_reachable = parse_fail_policy("high,reachable");
  ASSERT_TRUE(high_and_reachable);
  auto medium = advisory_with_score(5.0);
  Finding medium_reached = vulnerability(medium);
  medium_reached.reachability = reached.reachability;
  EXPECT_FALSE(fails(*high_and_reachable, medium_reached));
  EXPECT_FALSE(fails(*high_and_reachable, ruled_out));
  EXPECT_TRUE(fails(*high_and_reachable, reached));
}
