// libFuzzer target: parse_advisory on arbitrary bytes. Every input must either
// yield an advisory or diagnostics, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "advisory/advisory.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Diagnostics diagnostics;
  auto advisory = advisory::parse_advisory(text, "fuzz.md", diagnostics);
  if (advisory) {
    // Exercise what consumers do with a parsed advisory.
    semver::Version probe(1, 2, 3);
    (void)advisory->affects(probe);
    (void)advisory->severity();
  } else if (!diagnostics.has_errors()) {
    __builtin_trap();  // a rejected advisory must say why
  }
  for (const Diagnostic& d : diagnostics.all()) (void)format_diagnostic(d, false);
  return 0;
}
