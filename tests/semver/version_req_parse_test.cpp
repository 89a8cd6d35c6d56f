// VersionReq::parse and the canonical printing of requirements.
#include <gtest/gtest.h>

#include <string>

#include "semver/semver_test_helpers.hpp"

namespace cratescope::semver {
namespace {

using testing::parse_error;
using testing::req;

std::string canonical(const std::string& text) { return req(text).to_string(); }

TEST(VersionReqParse, ReadsEveryOperator) {
  EXPECT_EQ(canonical("=1.2.3"), "=1.2.3");
  EXPECT_EQ(canonical(">1.2.3"), ">1.2.3");
  EXPECT_EQ(canonical(">=1.2.3"), ">=1.2.3");
  EXPECT_EQ(canonical("<1.2.3"), "<1.2.3");
  EXPECT_EQ(canonical("<=1.2.3"), "<=1.2.3");
  EXPECT_EQ(canonical("~1.2.3"), "~1.2.3");
  EXPECT_EQ(canonical("^1.2.3"), "^1.2.3");
}

TEST(VersionReqParse, BareVersionIsCaret) {
  VersionReq r = req("1.2.3");
  ASSERT_EQ(r.comparators.size(), 1u);
  EXPECT_EQ(r.comparators[0].op, Op::caret);
  EXPECT_EQ(r.to_string(), "^1.2.3");
}

TEST(VersionReqParse, KeepsPartialVersionsPartial) {
  VersionReq r = req(">=1.2");
  ASSERT_EQ(r.comparators.size(), 1u);
  EXPECT_EQ(r.comparators[0].major, 1u);
  EXPECT_EQ(r.comparators[0].minor, 2u);
  EXPECT_FALSE(r.comparators[0].patch.has_value());
  EXPECT_EQ(canonical("1"), "^1");
  EXPECT_EQ(canonical("~0"), "~0");
  EXPECT_EQ(canonical("<0.5"), "<0.5");
}

TEST(VersionReqParse, StarIsTheEmptyRequirement) {
  for (const char* text : {"*", "x", "X", "  *  "}) {
    VersionReq r = req(text);
    EXPECT_TRUE(r.comparators.empty()) << text;
    EXPECT_EQ(r.to_string(), "*");
  }
  EXPECT_EQ(VersionReq::any().to_string(), "*");
}

TEST(VersionReqParse, WildcardsInMinorAndPatch) {
  VersionReq r = req("1.*");
  ASSERT_EQ(r.comparators.size(), 1u);
  EXPECT_EQ(r.comparators[0].op, Op::wildcard);
  EXPECT_FALSE(r.comparators[0].minor.has_value());
  EXPECT_EQ(r.to_string(), "1.*");
  EXPECT_EQ(canonical("1.x"), "1.*");
  EXPECT_EQ(canonical("1.X"), "1.*");
  EXPECT_EQ(canonical("1.2.*"), "1.2.*");
  EXPECT_EQ(canonical("1.2.x"), "1.2.*");
  EXPECT_EQ(canonical("1.*.*"), "1.*");
}

TEST(VersionReqParse, WildcardAfterAnOperatorJustDropsThePart) {
  EXPECT_EQ(canonical(">=1.*"), ">=1");
  EXPECT_EQ(canonical("~1.2.*"), "~1.2");
  EXPECT_EQ(canonical("=0.x"), "=0");
  EXPECT_EQ(canonical("^1.*.*"), "^1");
}

TEST(VersionReqParse, SpacesAroundOperatorsAndCommas) {
  EXPECT_EQ(canonical(">= 1.2.3"), ">=1.2.3");
  EXPECT_EQ(canonical("  >=1.2 ,  <1.5  "), ">=1.2, <1.5");
  EXPECT_EQ(canonical(">=1.0.0,<2.0.0"), ">=1.0.0, <2.0.0");
  EXPECT_EQ(canonical("1.2.3 , 1.2.4"), "^1.2.3, ^1.2.4");
}

TEST(VersionReqParse, PrereleaseAndBuildOnComparators) {
  VersionReq r = req(">=1.2.3-alpha.1+build.5");
  ASSERT_EQ(r.comparators.size(), 1u);
  ASSERT_EQ(r.comparators[0].pre.size(), 2u);
  EXPECT_EQ(r.to_string(), ">=1.2.3-alpha.1");  // build metadata is dropped
  EXPECT_EQ(canonical("1.2.3+meta"), "^1.2.3");
}

TEST(VersionReqParse, AcceptsThirtyTwoComparatorsButNotMore) {
  std::string text = ">=0.0.0";
  for (int i = 1; i < 32; ++i) text += ", >=0.0.0";
  EXPECT_EQ(req(text).comparators.size(), 32u);
  EXPECT_NE(parse_error<VersionReq>(text + ", >=0.0.0").find("too many comparators"), std::string::npos);
}

TEST(VersionReqParse, RejectsMalformedRequirements) {
  for (const char* text : {"",        " ",          ",",        "1,",        ",1",          "1,,2",      "1 2",
                           ">=",      ">= ",        "> =1",     "=>1",       "=<1",         "!=1",       "==1",
                           "~>1",     "1.",         "1..2",     "1.2.",      "1.2.3.4",     "01",        "1.02",
                           "1.2.03",  "1.2.3-",     "1.2.3-01", "1.2.3-a..b", "1.2.3+",     "1.*.2",     "1.x.2",
                           "*.1",     "*.*",        "x.y",      "**",        "1.**",        "*, 1",      "1, *",
                           "1 , *",   ">=*",        "^*",       "1.2-pre",   "1-pre",       "1.*-pre",   "1.2.*-pre",
                           "1.2+b",   "v1.2.3",     "1.2.3 ,",  "\t1.2.3",   "1.2.3\t",     "1.2.3\n",   "1,\t2",
                           "a",       "1.a",        "1.2.a",    "1.2.3-a_b", "18446744073709551616", "1.2.3 - 2"}) {
    parse_error<VersionReq>(text);
  }
}

TEST(VersionReqParse, ErrorsSayWhatAndWhere) {
  EXPECT_EQ(parse_error<VersionReq>(">=1.2.3 <2"),
            "invalid version requirement \">=1.2.3 <2\": expected a comma after patch version number, found '<' "
            "at column 9");
  EXPECT_EQ(parse_error<VersionReq>("1.*.3"),
            "invalid version requirement \"1.*.3\": unexpected version number after a wildcard (write 1.* or 1.2.*) "
            "at column 5");
  EXPECT_EQ(parse_error<VersionReq>("^1.02"),
            "invalid version requirement \"^1.02\": invalid leading zero in minor version number at column 4");
  EXPECT_EQ(parse_error<VersionReq>("1.0, *"),
            "invalid version requirement \"1.0, *\": a wildcard requirement ('*') must be the only comparator at "
            "column 6");
  EXPECT_EQ(parse_error<VersionReq>(""),
            "invalid version requirement \"\": unexpected end of input while parsing major version number at column 1");
}

TEST(VersionReqParse, PrintedFormParsesBackToTheSameRequirement) {
  for (const char* text : {"*", "1.*", "1.2.*", ">=1.*", "~1", "^0.0", "=1.2.3-rc.1", ">1.0.0-0, <=2.5",
                           "0.3.1-beta.11"}) {
    const std::string printed = canonical(text);
    EXPECT_EQ(canonical(printed), printed) << text;
  }
}

}  // namespace
}  // namespace cratescope::semver
