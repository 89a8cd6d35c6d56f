// A call-graph cache file is read back from disk: any bytes must give a
// unit or nothing, never a crash or an out-of-range index.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "callgraph/unit_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto unit = cratescope::callgraph::decode_unit(std::string_view(reinterpret_cast<const char*>(data), size));
  if (unit) {
    for (const auto& t : unit->targets)
      for (const auto& c : t.calls)
        if (c.caller >= t.functions.size() || c.file >= unit->files.size()) __builtin_trap();
  }
  return 0;
}
