// Arbitrary bytes as a .crate, read into memory: every input must give either
// a crate whose files all lie under its top directory, or an error — never a
// crash, a hang or unbounded memory (small limits keep each run cheap).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/memory_crate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cratescope::sources::ArchiveLimits limits;
  limits.max_total_bytes = 4u << 20;
  limits.max_file_bytes = 1u << 20;
  limits.max_entries = 1000;
  limits.ratio_floor_bytes = 1u << 20;
  auto crate = cratescope::sources::read_crate_in_memory(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.crate", {}, limits);
  if (crate) {
    for (const auto& file : crate->summary.files) {
      if (file.empty() || file.front() == '/' || file.back() == '/') __builtin_trap();
      for (size_t start = 0; start <= file.size();) {
        size_t end = file.find('/', start);
        if (end == std::string_view::npos) end = file.size();
        std::string_view part = std::string_view(file).substr(start, end - start);
        if (part.empty() || part == "." || part == "..") __builtin_trap();
        start = end + 1;
      }
      if (!crate->files.is_file(crate->root / file)) __builtin_trap();
    }
  }
  return 0;
}
