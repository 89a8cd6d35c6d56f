// Arbitrary bytes (seeded with the scan fixtures and the secret samples) as
// every kind of file a crate holds: Rust source, a build script, a config
// file, .cargo_vcs_info.json, and the crate's name. Exercises Hyperscan +
// RE2 windows on odd lines, Trojan Source decoding of broken UTF-8, binary
// magic, vcs info parsing, typosquat checks and the verdict.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scan/crate_scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope;
  static const scan::ScanRules rules;
  std::string text(reinterpret_cast<const char*>(data), size);
  MemoryFileSystem files;
  files.add_file("/c/src/lib.rs", text);
  files.add_file("/c/build.rs", text);
  files.add_file("/c/config/settings.toml", text);
  files.add_file("/c/.cargo_vcs_info.json", text);
  std::string name = text.substr(0, 64);
  for (char& c : name)
    if (c == '"' || c == '\\' || c == '\n' || c == '\r') c = '_';
  files.add_file("/c/Cargo.toml", "[package]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n");
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  scan::CrateScan result = scan::scan_crate(context, rules, "/c");
  for (const auto& f : result.findings) {
    if (f.rule_id.empty() || f.why.empty()) __builtin_trap();  // every finding says what and why
    if (f.location.position.line > 0 && f.location.file.empty()) __builtin_trap();
  }
  if (result.verdict != scan::Verdict::clean && result.reasons.empty()) __builtin_trap();
  return 0;
}
