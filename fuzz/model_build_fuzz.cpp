// Arbitrary bytes as the root of a single-file crate: parse, extract, build
// the module tree. `mod x;` names files that do not exist, which exercises
// the missing-module path too. Inputs with an odd first byte are modelled for
// one build (a Linux target, feature "std"): every #[cfg] is evaluated.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/crate_model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope;
  MemoryFileSystem files;
  files.add_file("/c/src/lib.rs", std::string(reinterpret_cast<const char*>(data), size));
  // A module file that refers back to the root through #[path]: cycles must end.
  files.add_file("/c/src/a.rs", "#[path = \"lib.rs\"] mod again;\n");
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  CfgFacts linux{TargetPlatform::from_triple("x86_64-unknown-linux-gnu"), std::set<std::string>{"std"}};
  model::ModelOptions options;
  if (size > 0 && (data[0] & 1)) options.cfg = &linux;
  model::CrateModel model = model::build_crate_model(context, "/c", model::conventional_targets(files, "/c"), options);
  for (const auto& target : model.targets)
    for (const auto& item : target.items)
      if (item.path.empty()) __builtin_trap();  // every item has a path
  return 0;
}
