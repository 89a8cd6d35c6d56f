#pragma once
// Shorthands for the semver tests: parse or fail the test loudly.
#include <gtest/gtest.h>

#include <string>

#include "semver/version.hpp"

namespace cratescope::semver::testing {

inline Version ver(const std::string& text) {
  auto parsed = Version::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << (parsed ? "" : parsed.error());
  return parsed ? *parsed : Version{};
}

inline VersionReq req(const std::string& text) {
  auto parsed = VersionReq::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << (parsed ? "" : parsed.error());
  return parsed ? *parsed : VersionReq{};
}

inline bool matches(const std::string& req_text, const std::string& version_text) {
  return req(req_text).matches(ver(version_text));
}

// The error text of a parse that must fail ("" and a test failure if it parsed).
template <class T>
std::string parse_error(const std::string& text) {
  auto parsed = T::parse(text);
  EXPECT_FALSE(parsed.has_value()) << '"' << text << "\" parsed but should not";
  return parsed ? std::string() : parsed.error();
}

}  // namespace cratescope::semver::testing
