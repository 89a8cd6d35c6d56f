// Arbitrary bytes as a cfg predicate (the inside of `#[cfg(...)]`, which
// crates write and a manifest's `[target.'cfg(...)'.dependencies]`): an
// error or a value, never a crash, whatever the nesting.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/target_platform.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CfgFacts any;
  CfgFacts linux{TargetPlatform::from_triple("x86_64-unknown-linux-gnu"), std::set<std::string>{"std"}};
  auto a = cfg_holds(text, any);
  auto b = cfg_holds(text, linux);
  // Knowing more can only settle what was unknown, never flip a settled value.
  if (a && b && *a != Tristate::unknown && *a != *b) __builtin_trap();
  if (a.has_value() != b.has_value()) __builtin_trap();  // well-formedness does not depend on the facts
  (void)target_matches(text, linux.platform);
  (void)TargetPlatform::from_triple(text);
  return 0;
}
