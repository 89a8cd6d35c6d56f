// Arbitrary bytes (seeded with the annotated fixture crates, so mutations of
// real Rust) as a crate's lib.rs and build.rs: model, references, name
// resolution through `use`s and globs, the rule table, unsafe accounting.
#include <cstddef>
#include <cstdint>
#include <string>

#include "capabilities/crate_capabilities.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope;
  static const capabilities::RuleMatcher rules;
  std::string text(reinterpret_cast<const char*>(data), size);
  MemoryFileSystem files;
  files.add_file("/c/src/lib.rs", text);
  files.add_file("/c/build.rs", text);
  files.add_file("/c/Cargo.toml", "[package]\nname = \"fuzzed\"\nversion = \"0.1.0\"\n[lib]\nproc-macro = true\n");
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  auto result = capabilities::analyze_crate(context, "/c", {}, rules);
  for (const auto& f : result.findings) {
    if (f.location.file.empty()) __builtin_trap();  // every finding is located
    if (f.capability == capabilities::Capability::build_time_exec && !f.exercised) __builtin_trap();
  }
  return 0;
}
