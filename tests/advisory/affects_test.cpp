// Advisory::affects follows the rustsec crate: requirements are intervals
// ordered by SemVer precedence, without Cargo's pre-release rule.
#include <gtest/gtest.h>

#include "advisory/advisory.hpp"
#include "advisory_test_support.hpp"

namespace cratescope::advisory {
namespace {

using test::version;

std::vector<VersionRange> ranges(std::initializer_list<const char*> texts) {
  std::vector<VersionRange> out;
  for (const char* text : texts) {
    auto requirement = semver::VersionReq::parse(text);
    EXPECT_TRUE(requirement.has_value()) << text;
    if (requirement) out.push_back({text, *requirement});
  }
  return out;
}

Advisory advisory(std::initializer_list<const char*> patched, std::initializer_list<const char*> unaffected) {
  Advisory a;
  a.patched = ranges(patched);
  a.unaffected = ranges(unaffected);
  return a;
}

TEST(AdvisoryAffects, TimeCrateExample) {
  // RUSTSEC-2020-0071
  Advisory a = advisory({">= 0.2.23"}, {"=0.2.0", "=0.2.1", "=0.2.2", "=0.2.3", "=0.2.4", "=0.2.5", "=0.2.6"});
  EXPECT_TRUE(a.affects(version("0.1.44")));
  EXPECT_FALSE(a.affects(version("0.2.0")));
  EXPECT_FALSE(a.affects(version("0.2.6")));
  EXPECT_TRUE(a.affects(version("0.2.7")));
  EXPECT_TRUE(a.affects(version("0.2.22")));
  EXPECT_FALSE(a.affects(version("0.2.23")));
  EXPECT_FALSE(a.affects(version("0.3.36")));
}

TEST(AdvisoryAffects, NoPatchedVersionsMeansEverythingIsAffected) {
  Advisory a = advisory({}, {});
  EXPECT_TRUE(a.affects(version("0.0.1")));
  EXPECT_TRUE(a.affects(version("99.0.0")));
}

TEST(AdvisoryAffects, CaretAndTildeRanges) {
  Advisory a = advisory({"^1.2.3", "~0.4.1", ">= 2.0.0"}, {"< 0.1.0"});
  EXPECT_FALSE(a.affects(version("0.0.9")));
  EXPECT_TRUE(a.affects(version("0.1.0")));
  EXPECT_TRUE(a.affects(version("0.4.0")));
  EXPECT_FALSE(a.affects(version("0.4.1")));
  EXPECT_FALSE(a.affects(version("0.4.9")));
  EXPECT_TRUE(a.affects(version("0.5.0")));
  EXPECT_TRUE(a.affects(version("1.2.2")));
  EXPECT_FALSE(a.affects(version("1.2.3")));
  EXPECT_FALSE(a.affects(version("1.9.9")));
  EXPECT_FALSE(a.affects(version("2.0.0")));
}

TEST(AdvisoryAffects, ZeroMajorCaretRanges) {
  Advisory a = advisory({"^0.2.3", "^0.0.4"}, {});
  EXPECT_FALSE(a.affects(version("0.2.9")));
  EXPECT_TRUE(a.affects(version("0.3.0")));
  EXPECT_FALSE(a.affects(version("0.0.4")));
  EXPECT_TRUE(a.affects(version("0.0.5")));
}

TEST(AdvisoryAffects, PreReleasesAreOrderedByPrecedence) {
  // Cargo's matches() would say ">= 1.2.0" does not match 1.3.0-beta.1;
  // RustSec compares by precedence, so the beta is patched.
  Advisory a = advisory({">= 1.2.0"}, {});
  EXPECT_FALSE(a.affects(version("1.3.0-beta.1")));
  EXPECT_TRUE(a.affects(version("1.2.0-rc.1")));  // before 1.2.0
  // A pre-release bound, as in real advisories (">= 0.10.0-alpha.4").
  Advisory b = advisory({">= 0.10.0-alpha.4"}, {"< 0.10.0-alpha.1"});
  EXPECT_FALSE(b.affects(version("0.9.5")));
  EXPECT_TRUE(b.affects(version("0.10.0-alpha.1")));
  EXPECT_TRUE(b.affects(version("0.10.0-alpha.3")));
  EXPECT_FALSE(b.affects(version("0.10.0-alpha.4")));
  EXPECT_FALSE(b.affects(version("0.10.0")));
  // "^1" must not cover 2.0.0-alpha (the "-0" upper bound).
  Advisory c = advisory({"^1"}, {});
  EXPECT_FALSE(c.affects(version("1.0.0")));
  EXPECT_TRUE(c.affects(version("2.0.0-alpha.1")));
}

TEST(AdvisoryAffects, PartialVersionsAreZeroFilledAsInRustsec) {
  // "> 0" is "> 0.0.0" (RUSTSEC-2020-0055 uses it to mark nothing affected).
  Advisory a = advisory({}, {"> 0"});
  EXPECT_TRUE(a.affects(version("0.0.0")));
  EXPECT_FALSE(a.affects(version("0.0.1")));
  EXPECT_FALSE(a.affects(version("3.1.0")));
  Advisory b = advisory({">= 111.14, < 300.0"}, {});
  EXPECT_TRUE(b.affects(version("111.13.9")));
  EXPECT_FALSE(b.affects(version("111.14.0")));
  EXPECT_TRUE(b.affects(version("300.0.0")));
}

TEST(AdvisoryAffects, WildcardsAndBareVersions) {
  Advisory a = advisory({"1.*", "0.54.2"}, {});
  EXPECT_FALSE(a.affects(version("1.7.0")));
  EXPECT_TRUE(a.affects(version("2.0.0")));
  EXPECT_FALSE(a.affects(version("0.54.9")));  // a bare version is a caret requirement
  EXPECT_TRUE(a.affects(version("0.54.1")));
}

TEST(AdvisoryAffects, InRanges) {
  auto r = ranges({"< 0.2.23"});
  EXPECT_TRUE(in_ranges(r, version("0.2.22")));
  EXPECT_FALSE(in_ranges(r, version("0.2.23")));
  EXPECT_FALSE(in_ranges({}, version("1.0.0")));
}

}  // namespace
}  // namespace cratescope::advisory
