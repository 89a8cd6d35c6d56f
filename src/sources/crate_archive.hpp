#pragma once
// A .crate unpacked into a temporary directory that this object owns (and
// deletes when destroyed), after every check in crate_reader.hpp.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "sources/archive_limits.hpp"
#include "sources/crate_reader.hpp"
#include "sources/temp_directory.hpp"

namespace cratescope::sources {

class CrateArchive {
 public:
  // The top directory must be the file's name without ".crate" (cargo's
  // layout); `temp_parent` empty: $TMPDIR.
  static Expected<CrateArchive> extract(const std::filesystem::path& crate_file, const ArchiveLimits& limits = {},
                                        const std::filesystem::path& temp_parent = {});
  // Same, from bytes already in memory (e.g. read through a FileSystem).
  // `expected_top` empty: whatever the first entry says.
  static Expected<CrateArchive> extract_bytes(std::string_view bytes, const std::string& origin,
                                              const std::string& expected_top, const ArchiveLimits& limits = {},
                                              const std::filesystem::path& temp_parent = {});

  // <temp>/<name-version>: the crate root, holding Cargo.toml.
  const std::filesystem::path& root() const { return root_; }
  const std::vector<std::string>& warnings() const { return summary_.warnings; }
  const ArchiveSummary& summary() const { return summary_; }

 private:
  CrateArchive(TempDirectory dir, ArchiveSummary summary);
  TempDirectory dir_;
  ArchiveSummary summary_;
  std::filesystem::path root_;
};

}  // namespace cratescope::sources
