// libFuzzer target: any bytes as a Cargo.lock must give diagnostics, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load/lockfile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cratescope::Diagnostics diagnostics;
  if (auto lockfile = cratescope::load::parse_lockfile(text, "Cargo.lock", diagnostics)) {
    for (const auto& package : lockfile->packages)
      for (const auto& dependency : package.dependencies) (void)lockfile->resolve(dependency);
  }
  for (const auto& diagnostic : diagnostics.all()) (void)cratescope::format_diagnostic(diagnostic, false);
  return 0;
}
