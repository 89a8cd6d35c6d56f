#include "capabilities/capability.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace cratescope::capabilities {

std::string_view to_string(Capability capability) {
  switch (capability) {
    case Capability::fs: return "FS";
    case Capability::net: return "NET";
    case Capability::exec: return "EXEC";
    case Capability::env: return "ENV";
    case Capability::ffi: return "FFI";
    case Capability::unsafe_ptr: return "UNSAFE_PTR";
    case Capability::transmute: return "TRANSMUTE";
    case Capability::asm_: return "ASM";
    case Capability::export_symbol: return "EXPORT_SYMBOL";
    case Capability::build_time_exec: return "BUILD_TIME_EXEC";
    case Capability::compile_time_read: return "COMPILE_TIME_READ";
    case Capability::unanalyzed: return "UNANALYZED";
  }
  return "?";
}

std::optional<Capability> capability_from_string(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) {
    return c == '-' ? '_' : static_cast<char>(std::toupper(c));
  });
  for (Capability c : kAllCapabilities)
    if (to_string(c) == upper) return c;
  return std::nullopt;
}

}  // namespace cratescope::capabilities
