// libFuzzer target: any bytes as a Cargo.toml must give diagnostics, never a
// crash or hang; the workspace loader runs on it too (root and member in memory).
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/manifest.hpp"
#include "load/workspace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  cratescope::Diagnostics diagnostics;
  (void)cratescope::load::parse_manifest(text, "Cargo.toml", diagnostics);

  // The same bytes as a workspace root and as a member of it: exercises globs,
  // path dependencies (which may point at the root itself) and inheritance.
  cratescope::MemoryFileSystem files;
  files.add_file("/ws/Cargo.toml", text);
  files.add_file("/ws/member/Cargo.toml", text);
  cratescope::Timers timers;
  cratescope::Context ctx{files, diagnostics, timers};
  (void)cratescope::load::load_workspace("/ws/member", ctx);
  for (const auto& diagnostic : diagnostics.all()) (void)cratescope::format_diagnostic(diagnostic, false);
  return 0;
}
