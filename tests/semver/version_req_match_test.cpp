// VersionReq::matches: each operator's range, partial versions, wildcards,
// the 0.x caret rules and Cargo's pre-release opt-in rule.
#include <gtest/gtest.h>

#include <initializer_list>

#include "semver/semver_test_helpers.hpp"

namespace cratescope::semver {
namespace {

using testing::ver;

void expect_matches(const std::string& req_text, std::initializer_list<const char*> yes,
                    std::initializer_list<const char*> no) {
  VersionReq r = testing::req(req_text);
  for (const char* v : yes) EXPECT_TRUE(r.matches(ver(v))) << req_text << " should match " << v;
  for (const char* v : no) EXPECT_FALSE(r.matches(ver(v))) << req_text << " should not match " << v;
}

TEST(VersionReqMatch, BareVersionIsCaret) {
  expect_matches("1.0.0", {"1.0.0", "1.1.0", "1.0.1"}, {"0.9.9", "0.10.0", "0.1.0", "2.0.0", "1.0.0-pre", "1.0.1-pre"});
}

TEST(VersionReqMatch, Exact) {
  expect_matches("=1.0.0", {"1.0.0", "1.0.0+build"}, {"1.0.1", "0.9.9", "0.10.0", "1.0.0-pre"});
  expect_matches("=0.0.2", {"0.0.2"}, {"0.0.1", "0.0.3", "0.0.2-pre"});
  expect_matches("=0.1.0-beta2.a", {"0.1.0-beta2.a"}, {"0.9.1", "0.1.0", "0.1.1-beta2.a", "0.1.0-beta2"});
  expect_matches("=0.1.0+meta", {"0.1.0", "0.1.0+meta", "0.1.0+any"}, {"0.1.1"});
}

TEST(VersionReqMatch, ExactPartialCoversTheWholeRange) {
  expect_matches("=1", {"1.0.0", "1.99.99"}, {"0.9.9", "2.0.0", "1.0.0-pre"});
  expect_matches("=1.2", {"1.2.0", "1.2.99"}, {"1.1.9", "1.3.0", "1.2.5-pre"});
}

TEST(VersionReqMatch, GreaterAndGreaterEq) {
  expect_matches(">= 1.0.0", {"1.0.0", "2.0.0"}, {"0.1.0", "0.0.1", "1.0.0-pre", "2.0.0-pre"});
  expect_matches(">=2.1.0-alpha2", {"2.1.0-alpha2", "2.1.0-alpha3", "2.1.0", "3.0.0"},
                 {"2.0.0", "2.1.0-alpha1", "2.0.0-alpha2", "3.0.0-alpha2"});
  expect_matches(">1.2.3", {"1.2.4", "2.0.0"}, {"1.2.3", "1.2.3+b", "1.2.2"});
}

TEST(VersionReqMatch, GreaterPartialStartsAfterTheWholeRange) {
  expect_matches(">1", {"2.0.0"}, {"1.9.9", "1.0.0"});
  expect_matches(">1.2", {"1.3.0", "2.0.0"}, {"1.2.9"});
  expect_matches(">=1.2", {"1.2.0", "1.3.0"}, {"1.1.9"});
  expect_matches(">=0", {"0.0.0", "5.0.0"}, {"0.0.0-alpha"});
}

TEST(VersionReqMatch, LessAndLessEq) {
  expect_matches("<1.0.0", {"0.1.0", "0.0.1"}, {"1.0.0", "1.0.0-beta", "1.0.1", "0.9.9-beta"});
  expect_matches("<= 2.1.0-alpha2", {"2.1.0-alpha2", "2.1.0-alpha1", "2.0.0", "1.0.0"},
                 {"2.1.0", "2.2.0-alpha1", "2.0.0-alpha2", "1.0.0-alpha2"});
  expect_matches("<1.2", {"1.1.99", "0.5.0"}, {"1.2.0", "1.2.1"});
  expect_matches("<=1.2", {"1.2.99", "1.0.0"}, {"1.3.0"});
  expect_matches("<1", {"0.99.99"}, {"1.0.0"});
  expect_matches("<0.0.0", {}, {"0.0.0", "0.0.0-alpha"});
}

TEST(VersionReqMatch, AllComparatorsMustMatch) {
  expect_matches(">0.0.9, <=2.5.3", {"0.0.10", "1.0.0", "2.5.3"}, {"0.0.8", "2.5.4"});
  expect_matches("0.3.0, 0.4.0", {}, {"0.0.8", "0.3.0", "0.4.0"});
  expect_matches("<=0.2.0, >=0.5.0", {}, {"0.0.8", "0.3.0", "0.5.1"});
  expect_matches("0.1.0, 0.1.4, 0.1.6", {"0.1.6", "0.1.9"}, {"0.1.0", "0.1.4", "0.2.0"});
}

TEST(VersionReqMatch, Tilde) {
  expect_matches("~1", {"1.0.0", "1.0.1", "1.1.1"}, {"0.9.1", "2.9.0", "0.0.9"});
  expect_matches("~1.2", {"1.2.0", "1.2.1"}, {"1.1.1", "1.3.0", "0.0.9"});
  expect_matches("~1.2.2", {"1.2.2", "1.2.4"}, {"1.2.1", "1.9.0", "1.0.9", "2.0.1", "0.1.3"});
  expect_matches("~1.2.3-beta.2", {"1.2.3", "1.2.4", "1.2.3-beta.2", "1.2.3-beta.4"},
                 {"1.3.3", "1.1.4", "1.2.3-beta.1", "1.2.4-beta.2"});
  expect_matches("~0.0", {"0.0.0", "0.0.9"}, {"0.1.0"});
}

TEST(VersionReqMatch, CaretOnMajorAboveZero) {
  expect_matches("^1", {"1.1.2", "1.1.0", "1.2.1", "1.0.1"}, {"0.9.1", "2.9.0", "0.1.4"});
  expect_matches("^1.1", {"1.1.2", "1.1.0", "1.2.1"}, {"0.9.1", "2.9.0", "1.0.1", "0.1.4"});
  expect_matches("^1.1.2", {"1.1.2", "1.1.4", "1.2.1"}, {"0.9.1", "2.9.0", "1.1.1", "0.0.1", "1.1.2-alpha1"});
}

TEST(VersionReqMatch, CaretOnZeroMajorPinsTheMinor) {
  expect_matches("^0.1.2", {"0.1.2", "0.1.4"}, {"0.9.1", "2.9.0", "1.1.1", "0.0.1", "0.1.4-beta", "0.1.2-beta", "0.2.0"});
  expect_matches("^0.1", {"0.1.0", "0.1.9"}, {"0.2.0", "0.0.9"});
  expect_matches("^0", {"0.9.1", "0.0.2", "0.0.0"}, {"2.9.0", "1.1.1", "0.0.0-pre"});
}

TEST(VersionReqMatch, CaretOnZeroZeroPinsThePatch) {
  expect_matches("^0.0.2", {"0.0.2"}, {"0.9.1", "2.9.0", "1.1.1", "0.0.1", "0.0.3", "0.1.4"});
  expect_matches("^0.0", {"0.0.2", "0.0.0"}, {"0.9.1", "2.9.0", "1.1.1", "0.1.4"});
  expect_matches("^0.0.0", {"0.0.0"}, {"0.0.1"});
}

TEST(VersionReqMatch, CaretWithPrerelease) {
  expect_matches("^0.5.1-alpha3", {"0.5.1-alpha3", "0.5.1-alpha4", "0.5.1-beta", "0.5.1", "0.5.5"},
                 {"0.5.1-alpha1", "0.5.2-alpha3", "0.5.5-pre", "0.5.0-pre", "0.6.0"});
  expect_matches("^1.4.2-beta.5", {"1.4.2", "1.4.3", "1.4.2-beta.5", "1.4.2-beta.6", "1.4.2-c"},
                 {"0.9.9", "2.0.0", "1.4.2-alpha", "1.4.2-beta.4", "1.4.3-beta.5"});
  expect_matches("^0.0.1-alpha", {"0.0.1-alpha", "0.0.1-beta", "0.0.1"}, {"0.0.2", "0.0.1-0"});
}

TEST(VersionReqMatch, Wildcards) {
  expect_matches("*", {"0.9.1", "2.9.0", "0.0.9", "1.0.1", "1.1.1"}, {"1.0.0-pre"});
  expect_matches("1.*", {"1.2.0", "1.2.1", "1.1.1", "1.3.0"}, {"0.0.9", "2.0.0", "1.2.0-pre"});
  expect_matches("1.2.*", {"1.2.0", "1.2.2", "1.2.4"}, {"1.9.0", "1.0.9", "2.0.1", "0.1.3", "1.2.3-pre"});
  expect_matches("0.*", {"0.0.0", "0.9.0"}, {"1.0.0"});
  expect_matches(">=1.*", {"1.0.0", "7.0.0"}, {"0.9.9"});
  expect_matches("<1.2.x", {"1.1.9"}, {"1.2.0"});
}

TEST(VersionReqMatch, PrereleaseOnlyWhenTheSameVersionOptsIn) {
  // The range contains 0.5.2-alpha3, but no comparator names 0.5.2 with a pre-release.
  expect_matches(">=0.5.1-alpha3, <0.6", {"0.5.1-alpha3", "0.5.1-alpha4", "0.5.1-beta", "0.5.1", "0.5.5"},
                 {"0.5.1-alpha1", "0.5.2-alpha3", "0.5.5-pre", "0.5.0-pre", "0.6.0", "0.6.0-pre"});
  expect_matches(">1.0.0-alpha, <1.0.0", {"1.0.0-beta"}, {"1.0.0", "1.0.0-alpha"});
  // Either comparator may be the one that opts in.
  expect_matches(">=1.0.0, <2.0.0-0", {}, {"2.0.0-alpha", "1.5.0-beta"});
  expect_matches("<2.0.0-rc.1, >=1.0.0", {"2.0.0-beta"}, {"2.0.0-rc.1", "1.5.0-beta"});
}

TEST(VersionReqMatch, AnyMatchesEveryReleaseButNoPrerelease) {
  EXPECT_TRUE(VersionReq::any().matches(ver("0.0.0")));
  EXPECT_TRUE(VersionReq::any().matches(ver("18446744073709551615.0.0")));
  EXPECT_FALSE(VersionReq::any().matches(ver("1.0.0-rc.1")));
}

TEST(ComparatorMatch, IgnoringThePrereleaseRuleUsesPlainPrecedence) {
  const Comparator c = testing::req(">=1.0.0").comparators.at(0);
  EXPECT_TRUE(c.matches_ignoring_prerelease_rule(ver("1.5.0-beta")));
  EXPECT_FALSE(c.admits_prerelease_of(ver("1.5.0-beta")));
  const Comparator named = testing::req(">=1.5.0-alpha").comparators.at(0);
  EXPECT_TRUE(named.admits_prerelease_of(ver("1.5.0-beta")));
  EXPECT_FALSE(named.admits_prerelease_of(ver("1.5.1-beta")));
}

}  // namespace
}  // namespace cratescope::semver
