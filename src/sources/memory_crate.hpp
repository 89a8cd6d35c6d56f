#pragma once
// A .crate read entirely into a MemoryFileSystem, nothing written to disk:
// same checks and same accepted files as CrateArchive.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/expected.hpp"
#include "core/file_system.hpp"
#include "sources/archive_limits.hpp"
#include "sources/crate_reader.hpp"

namespace cratescope::sources {

struct MemoryCrate {
  MemoryFileSystem files;       // every accepted file, under `root`
  std::filesystem::path root;   // <mount>/<name-version>
  ArchiveSummary summary;
  const std::vector<std::string>& warnings() const { return summary.warnings; }
};

// `expected_top` empty: whatever the first entry says.
Expected<MemoryCrate> read_crate_in_memory(std::string_view bytes, const std::string& origin,
                                           const std::string& expected_top = {}, const ArchiveLimits& limits = {},
                                           const std::filesystem::path& mount = "/");

}  // namespace cratescope::sources
