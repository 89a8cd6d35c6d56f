// Arbitrary bytes as the root of a crate, modelled for the call graph (local
// bindings, macro_rules! bodies, metavariables...), then written to the
// cache format and read back: the round trip must keep every function and
// call site.
#include <cstddef>
#include <cstdint>
#include <string>

#include "callgraph/crate_unit.hpp"
#include "callgraph/unit_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope;
  MemoryFileSystem files;
  files.add_file("/c/src/lib.rs", std::string(reinterpret_cast<const char*>(data), size));
  files.add_file("/c/src/a.rs", "#[path = \"lib.rs\"] mod again;\n");
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  callgraph::CrateUnit unit = callgraph::model_crate(context, "/c", true, true);
  auto back = callgraph::decode_unit(callgraph::encode_unit(unit));
  if (!back || back->targets.size() != unit.targets.size()) __builtin_trap();
  for (size_t t = 0; t < unit.targets.size(); ++t)
    if (back->targets[t].functions.size() != unit.targets[t].functions.size() ||
        back->targets[t].calls.size() != unit.targets[t].calls.size())
      __builtin_trap();
  return 0;
}
