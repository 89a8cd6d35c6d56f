// Version precedence: SemVer 2.0 §11, build metadata ignored.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "semver/semver_test_helpers.hpp"

namespace cratescope::semver {
namespace {

using testing::ver;

TEST(VersionOrder, FollowsTheSemVerSpecExample) {
  // The chain from semver.org §11, in increasing precedence.
  const std::vector<std::string> chain = {"1.0.0-alpha",      "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                                          "1.0.0-beta.2",     "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0",
                                          "1.0.1",            "1.1.0",         "2.0.0"};
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    EXPECT_LT(ver(chain[i]), ver(chain[i + 1])) << chain[i] << " < " << chain[i + 1];
    EXPECT_GT(ver(chain[i + 1]), ver(chain[i]));
  }
}

TEST(VersionOrder, NumbersCompareNumericallyNotAsText) {
  EXPECT_LT(ver("1.2.9"), ver("1.2.10"));
  EXPECT_LT(ver("1.0.0-2"), ver("1.0.0-10"));
  EXPECT_LT(ver("1.0.0-a.2"), ver("1.0.0-a.10"));
}

TEST(VersionOrder, NumericIdentifiersSortBeforeAlphanumeric) {
  EXPECT_LT(ver("1.0.0-999"), ver("1.0.0-a"));
  EXPECT_LT(ver("1.0.0-1"), ver("1.0.0-0a"));
  EXPECT_LT(ver("1.0.0-99999999999999999999"), ver("1.0.0--"));
}

TEST(VersionOrder, HugeNumericIdentifiersStillCompareAsNumbers) {
  EXPECT_LT(ver("1.0.0-18446744073709551615"), ver("1.0.0-18446744073709551616"));
  EXPECT_LT(ver("1.0.0-18446744073709551616"), ver("1.0.0-100000000000000000000"));
  EXPECT_GT(ver("1.0.0-100000000000000000000"), ver("1.0.0-5"));
}

TEST(VersionOrder, AlphanumericIdentifiersCompareInAsciiOrder) {
  EXPECT_LT(ver("1.0.0-B"), ver("1.0.0-a"));  // uppercase sorts first
  EXPECT_LT(ver("1.0.0--"), ver("1.0.0-0a"));
  EXPECT_LT(ver("1.0.0-alpha"), ver("1.0.0-alphabet"));
}

TEST(VersionOrder, LongerPrereleaseWinsATie) { EXPECT_LT(ver("1.0.0-a.b"), ver("1.0.0-a.b.c")); }

TEST(VersionOrder, BuildMetadataIsIgnored) {
  EXPECT_EQ(ver("1.0.0+a"), ver("1.0.0+b"));
  EXPECT_EQ(ver("1.0.0-rc.1+x"), ver("1.0.0-rc.1"));
  EXPECT_EQ(ver("1.0.0+a") <=> ver("1.0.0"), std::strong_ordering::equal);
}

TEST(VersionOrder, SortsAList) {
  std::vector<Version> versions = {ver("1.0.0"), ver("0.9.0"), ver("1.0.0-rc.1"), ver("1.0.0-beta"), ver("0.10.0")};
  std::sort(versions.begin(), versions.end());
  std::vector<std::string> printed;
  for (const auto& v : versions) printed.push_back(v.to_string());
  EXPECT_EQ(printed, (std::vector<std::string>{"0.9.0", "0.10.0", "1.0.0-beta", "1.0.0-rc.1", "1.0.0"}));
}

TEST(PrereleaseIdentifier, MixedRepresentationsCompareAsNumbers) {
  // Callers may build identifiers by hand; a digit string is still a number.
  PrereleaseIdentifier small{uint64_t{7}};
  PrereleaseIdentifier text_seven{std::string("7")};
  PrereleaseIdentifier text_eight{std::string("8")};
  EXPECT_EQ(small <=> text_seven, std::strong_ordering::equal);
  EXPECT_EQ(small, text_seven);
  EXPECT_LT(small, text_eight);
  EXPECT_LT(small, PrereleaseIdentifier{std::string("alpha")});
}

TEST(PrereleaseIdentifier, FromTextPicksTheRepresentation) {
  EXPECT_EQ(PrereleaseIdentifier::from_text("42"), PrereleaseIdentifier{uint64_t{42}});
  EXPECT_EQ(PrereleaseIdentifier::from_text("rc"), PrereleaseIdentifier{std::string("rc")});
  EXPECT_EQ(PrereleaseIdentifier::from_text("18446744073709551616").to_string(), "18446744073709551616");
}

}  // namespace
}  // namespace cratescope::semver
