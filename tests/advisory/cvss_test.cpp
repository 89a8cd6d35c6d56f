#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "advisory/cvss.hpp"
#include "advisory_test_support.hpp"

namespace cratescope::advisory {
namespace {

struct KnownScore {
  std::string vector;
  double score;
};

std::vector<KnownScore> read_vectors(const char* name) {
  std::ifstream in(test::advisory_fixtures() / "cvss" / name);
  std::vector<KnownScore> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    KnownScore known;
    fields >> known.vector >> known.score;
    out.push_back(known);
  }
  return out;
}

void expect_scores(const std::vector<KnownScore>& vectors) {
  ASSERT_GT(vectors.size(), 40u);
  for (const KnownScore& known : vectors) {
    auto cvss = parse_cvss(known.vector);
    ASSERT_TRUE(cvss.has_value()) << known.vector << ": " << cvss.error();
    EXPECT_DOUBLE_EQ(cvss->score, known.score) << known.vector;
    EXPECT_EQ(cvss->severity, severity_of_score(known.score)) << known.vector;
  }
}

TEST(CvssV3, BaseScoresMatchTheReferenceCalculator) { expect_scores(read_vectors("v3_vectors.txt")); }

TEST(CvssV4, ScoresMatchTheReferenceCalculator) { expect_scores(read_vectors("v4_vectors.txt")); }

TEST(CvssV3, KeepsTheVectorAndVersion) {
  auto cvss = parse_cvss("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
  ASSERT_TRUE(cvss.has_value());
  EXPECT_EQ(cvss->vector, "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
  EXPECT_EQ(cvss->major_version, 3);
  EXPECT_DOUBLE_EQ(cvss->score, 6.2);
  EXPECT_EQ(cvss->severity, Severity::medium);
}

TEST(CvssV3, MetricOrderDoesNotMatter) {
  auto cvss = parse_cvss("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N");
  ASSERT_TRUE(cvss.has_value()) << cvss.error();
  EXPECT_DOUBLE_EQ(cvss->score, 9.8);
}

TEST(CvssV3, TemporalAndEnvironmentalMetricsAreAcceptedButTheBaseScoreIsReported) {
  auto cvss = parse_cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C/CR:L/MAV:P");
  ASSERT_TRUE(cvss.has_value()) << cvss.error();
  EXPECT_DOUBLE_EQ(cvss->score, 9.8);
}

TEST(CvssV4, ThreatMetricLowersTheScore) {
  // E:U (unreported exploitation) moves EQ5 from 0 to 2.
  auto base = parse_cvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  auto attacked = parse_cvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A");
  auto unreported = parse_cvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U");
  ASSERT_TRUE(base && attacked && unreported);
  EXPECT_DOUBLE_EQ(base->score, 9.3);
  EXPECT_DOUBLE_EQ(attacked->score, 9.3);
  EXPECT_LT(unreported->score, base->score);
  EXPECT_EQ(base->major_version, 4);
}

TEST(CvssV4, NotDefinedMetricsEqualAbsentOnes) {
  auto full = parse_cvss(
      "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/"
      "MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X");
  ASSERT_TRUE(full.has_value()) << full.error();
  EXPECT_DOUBLE_EQ(full->score, 8.5);
}

TEST(CvssV4, ModifiedMetricsOverrideBaseMetrics) {
  // MAV:N on a local vector scores as the network vector.
  auto modified = parse_cvss("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:N");
  ASSERT_TRUE(modified.has_value());
  EXPECT_DOUBLE_EQ(modified->score, 9.3);
  // MSI:S (safety) puts the vector in EQ4 level 0.
  auto safety = parse_cvss("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S");
  ASSERT_TRUE(safety.has_value());
  EXPECT_DOUBLE_EQ(safety->score, 10.0);
}

TEST(Cvss, SeverityBands) {
  EXPECT_EQ(severity_of_score(0.0), Severity::none);
  EXPECT_EQ(severity_of_score(0.1), Severity::low);
  EXPECT_EQ(severity_of_score(3.9), Severity::low);
  EXPECT_EQ(severity_of_score(4.0), Severity::medium);
  EXPECT_EQ(severity_of_score(6.9), Severity::medium);
  EXPECT_EQ(severity_of_score(7.0), Severity::high);
  EXPECT_EQ(severity_of_score(8.9), Severity::high);
  EXPECT_EQ(severity_of_score(9.0), Severity::critical);
  EXPECT_EQ(severity_of_score(10.0), Severity::critical);
  EXPECT_STREQ(to_string(Severity::critical), "critical");
  EXPECT_STREQ(to_string(Severity::none), "none");
}

TEST(Cvss, MalformedVectorsAreErrors) {
  struct Case {
    const char* vector;
    const char* message_part;
  };
  const Case cases[] = {
      {"", "must start with"},
      {"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "must start with"},
      {"CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "unsupported CVSS version"},
      {"CVSS:3.1", "no metrics"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "missing the mandatory metric A"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", "duplicate CVSS metric 'AV'"},
      {"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value 'X' for CVSS metric AV"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1", "unknown CVSS metric 'ZZ'"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "stray '/'"},
      {"CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "stray '/'"},
      {"CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "expected NAME:VALUE"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "missing the mandatory metric SA"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "invalid value 'R' for CVSS metric UI"},
      {"CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value 'U' for CVSS metric S"},  // v3 labelled 4.0
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "invalid value 'S' for CVSS metric SI"},
  };
  for (const Case& c : cases) {
    auto cvss = parse_cvss(c.vector);
    ASSERT_FALSE(cvss.has_value()) << c.vector;
    EXPECT_NE(cvss.error().find(c.message_part), std::string::npos) << c.vector << " -> " << cvss.error();
  }
  EXPECT_FALSE(parse_cvss(std::string(600, 'A')).has_value());
}

}  // namespace
}  // namespace cratescope::advisory
