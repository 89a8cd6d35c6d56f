#pragma once
// The powers a crate can hold, as cratescope names them in every report.
#include <optional>
#include <string_view>

namespace cratescope::capabilities {

enum class Capability {
  fs,                 // files and directories
  net,                // sockets, HTTP clients and servers, DNS
  exec,               // starting processes
  env,                // environment variables, program arguments
  ffi,                // foreign functions: extern blocks, libc, dynamic loading
  unsafe_ptr,         // raw pointer reads and writes, slices from raw parts
  transmute,          // reinterpreting bits as another type
  asm_,               // inline or global assembly
  export_symbol,      // #[no_mangle], #[export_name], #[link_section]
  build_time_exec,    // any of the above done by build.rs or a proc-macro
  compile_time_read,  // include_bytes!/include_str!/include! of files
  unanalyzed,         // code cratescope could not see (parse errors, generated code)
};

inline constexpr Capability kAllCapabilities[] = {
    Capability::fs,        Capability::net,           Capability::exec,
    Capability::env,       Capability::ffi,           Capability::unsafe_ptr,
    Capability::transmute, Capability::asm_,          Capability::export_symbol,
    Capability::build_time_exec, Capability::compile_time_read, Capability::unanalyzed,
};

// "FS", "NET", ... "UNANALYZED".
std::string_view to_string(Capability capability);
// Case-insensitive; also accepts "build-time-exec" for BUILD_TIME_EXEC.
std::optional<Capability> capability_from_string(std::string_view text);

}  // namespace cratescope::capabilities
