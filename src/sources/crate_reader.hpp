#pragma once
// Walks a .crate (a gzip'd tar) with libarchive, applying every check once
// for both modes (unpack to disk, read into memory): paths must stay under
// the single `name-version/` top directory; links and special files are
// skipped and reported; sizes, entry count and compression ratio are capped.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "sources/archive_limits.hpp"

namespace cratescope::sources {

// Where accepted entries go. Each call returns an error message to abort.
class EntrySink {
 public:
  virtual ~EntrySink() = default;
  // `relative` is under `top`; empty for the top directory itself.
  virtual std::optional<std::string> add_directory(const std::string& top, const std::string& relative) = 0;
  virtual std::optional<std::string> begin_file(const std::string& top, const std::string& relative) = 0;
  virtual std::optional<std::string> write(const char* data, size_t size) = 0;
  virtual std::optional<std::string> end_file() = 0;
};

struct ArchiveSummary {
  std::string top;                  // "name-version"
  std::vector<std::string> files;   // relative to top, in archive order
  uint64_t unpacked_bytes = 0;
  size_t entries = 0;               // headers read, skipped ones included
  std::vector<std::string> warnings;
};

// `origin` names the archive in messages. `expected_top` empty: the first
// entry decides the top directory.
Expected<ArchiveSummary> read_crate_file(const std::filesystem::path& file, const std::string& expected_top,
                                         const ArchiveLimits& limits, EntrySink& sink);
Expected<ArchiveSummary> read_crate_bytes(std::string_view bytes, const std::string& origin,
                                          const std::string& expected_top, const ArchiveLimits& limits,
                                          EntrySink& sink);

// "serde-1.0.1" for ".../serde-1.0.1.crate".
std::string crate_top_from_file_name(const std::filesystem::path& file);

}  // namespace cratescope::sources
