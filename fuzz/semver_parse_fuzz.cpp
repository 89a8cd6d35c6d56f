// libFuzzer target for the semver parsers. Checks, beyond "no crash":
// printing a parsed version or requirement gives text that parses back to an
// equal value (so canonical forms are safe to store and re-read).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "semver/version.hpp"

using cratescope::semver::Version;
using cratescope::semver::VersionReq;

namespace {

[[noreturn]] void fail(const char* what, const std::string& input, const std::string& printed) {
  std::fprintf(stderr, "%s\n  input:   \"%s\"\n  printed: \"%s\"\n", what, input.c_str(), printed.c_str());
  std::abort();
}

void check_version(const std::string& text) {
  auto version = Version::parse(text);
  if (!version) return;
  const std::string printed = version->to_string();
  auto again = Version::parse(printed);
  if (!again) fail("printed version does not parse", text, printed);
  if (!(*again == *version) || again->build != version->build) fail("version changed in a round trip", text, printed);
  if (again->to_string() != printed) fail("version printing is not stable", text, printed);
}

void check_req(const std::string& text, const std::string& version_text) {
  auto req = VersionReq::parse(text);
  if (!req) return;
  const std::string printed = req->to_string();
  auto again = VersionReq::parse(printed);
  if (!again) fail("printed requirement does not parse", text, printed);
  if (again->to_string() != printed) fail("requirement printing is not stable", text, printed);
  if (auto version = Version::parse(version_text)) {
    if (req->matches(*version) != again->matches(*version)) fail("round trip changed matching", text, printed);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  check_version(input);
  // The whole input as a requirement, matched against itself as a version;
  // and, split at the first tab, as "requirement<TAB>version".
  check_req(input, input);
  if (const size_t tab = input.find('\t'); tab != std::string::npos) {
    check_req(input.substr(0, tab), input.substr(tab + 1));
  }
  return 0;
}
