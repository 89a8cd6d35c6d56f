// Version::parse: strict SemVer 2.0 as the semver crate accepts it.
#include <gtest/gtest.h>

#include "semver/semver_test_helpers.hpp"

namespace cratescope::semver {
namespace {

using testing::parse_error;
using testing::ver;

TEST(VersionParse, ReadsTheThreeNumbers) {
  Version v = ver("1.22.333");
  EXPECT_EQ(v.major, 1u);
  EXPECT_EQ(v.minor, 22u);
  EXPECT_EQ(v.patch, 333u);
  EXPECT_FALSE(v.is_prerelease());
  EXPECT_EQ(v.build, "");
}

TEST(VersionParse, ZeroIsAValidNumber) { EXPECT_EQ(ver("0.0.0").to_string(), "0.0.0"); }

TEST(VersionParse, AcceptsU64Max) {
  Version v = ver("18446744073709551615.0.0");
  EXPECT_EQ(v.major, UINT64_MAX);
}

TEST(VersionParse, RejectsOverflow) {
  EXPECT_NE(parse_error<Version>("18446744073709551616.0.0").find("exceeds u64::MAX"), std::string::npos);
}

TEST(VersionParse, ReadsPrereleaseIdentifiers) {
  Version v = ver("1.0.0-alpha.1.x-y.0");
  ASSERT_EQ(v.pre.size(), 4u);
  EXPECT_EQ(v.pre[0], PrereleaseIdentifier{std::string("alpha")});
  EXPECT_EQ(v.pre[1], PrereleaseIdentifier{uint64_t{1}});
  EXPECT_EQ(v.pre[2], PrereleaseIdentifier{std::string("x-y")});
  EXPECT_EQ(v.pre[3], PrereleaseIdentifier{uint64_t{0}});
  EXPECT_TRUE(v.is_prerelease());
}

TEST(VersionParse, PrereleaseNumbersMayExceedU64) {
  // The crate compares numeric identifiers of any length; so must we.
  Version v = ver("1.0.0-99999999999999999999999");
  ASSERT_EQ(v.pre.size(), 1u);
  EXPECT_TRUE(v.pre[0].is_numeric());
  EXPECT_EQ(v.to_string(), "1.0.0-99999999999999999999999");
}

TEST(VersionParse, IdentifiersStartingWithZeroAreFineWhenNotNumeric) {
  EXPECT_EQ(ver("1.0.0-0a.0-1").to_string(), "1.0.0-0a.0-1");
  EXPECT_EQ(ver("1.0.0--").to_string(), "1.0.0--");
}

TEST(VersionParse, KeepsBuildMetadataIncludingLeadingZeros) {
  Version v = ver("1.2.3-rc.1+build.007.x-y");
  EXPECT_EQ(v.build, "build.007.x-y");
  EXPECT_EQ(v.to_string(), "1.2.3-rc.1+build.007.x-y");
  EXPECT_EQ(ver("1.2.3+0001").build, "0001");
}

TEST(VersionParse, RejectsLeadingZeros) {
  for (const char* text : {"01.2.3", "1.02.3", "1.2.03", "00.0.0", "1.2.3-01", "1.2.3-alpha.00"}) {
    EXPECT_NE(parse_error<Version>(text).find("leading zero"), std::string::npos) << text;
  }
}

TEST(VersionParse, RejectsPartialAndMalformedVersions) {
  for (const char* text : {"", "1", "1.2", "1.2.", "1..3", ".1.2.3", "1.2.3.4", "1.2.3-", "1.2.3+", "1.2.3-+b",
                           "1.2.3-a..b", "1.2.3-a.", "1.2.3-.a", "1.2.3+a..b", "1.2.3+.", "1.2.3-a+b+c",
                           "1.2.3-a_b", "1.2.3-α", "a.b.c", "-1.2.3", "1.2.-3", "1.x.3", "1.2.*"}) {
    parse_error<Version>(text);
  }
}

TEST(VersionParse, RejectsWhitespaceAndPrefixes) {
  for (const char* text : {" 1.2.3", "1.2.3 ", "1. 2.3", "v1.2.3", "=1.2.3", "^1.2.3", "1.2.3\n", "1.2.3\t"}) {
    parse_error<Version>(text);
  }
}

TEST(VersionParse, ErrorSaysWhatAndWhere) {
  EXPECT_EQ(parse_error<Version>("1.02.3"),
            "invalid version \"1.02.3\": invalid leading zero in minor version number at column 3");
  EXPECT_EQ(parse_error<Version>("1.2.3-beta..1"),
            "invalid version \"1.2.3-beta..1\": empty identifier segment in pre-release identifier at column 12");
  EXPECT_EQ(parse_error<Version>("1.2"),
            "invalid version \"1.2\": unexpected end of input while parsing patch version number at column 4");
  EXPECT_EQ(parse_error<Version>("1.2.3 "),
            "invalid version \"1.2.3 \": unexpected character ' ' after patch version number at column 6");
  EXPECT_EQ(parse_error<Version>(""), "empty string, expected a semver version");
}

TEST(VersionParse, ErrorEscapesUnprintableBytes) {
  std::string error = parse_error<Version>(std::string("1.2.3\x01", 6));
  EXPECT_NE(error.find("'\\x01'"), std::string::npos) << error;
  EXPECT_EQ(error.find('\x01'), std::string::npos);
}

TEST(VersionParse, PrintsCanonically) {
  for (const char* text : {"0.0.0", "1.2.3", "1.2.3-alpha.1", "1.2.3+b", "10.20.30-rc.1+build.5"}) {
    EXPECT_EQ(ver(text).to_string(), text);
  }
}

}  // namespace
}  // namespace cratescope::semver
