#pragma once
// Internal: the parsed database in a compact binary file, so later runs skip
// parsing ~1,200 Markdown/TOML files. The file is keyed (git HEAD commit, or
// a digest of file names, sizes and mtimes) and versioned; anything that does
// not check out (wrong magic, version, key, length or checksum) is a miss.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advisory/database.hpp"
#include "core/fnv1a.hpp"
#include "core/diagnostics.hpp"

namespace cratescope::advisory::cache {

// Bump whenever the layout or the meaning of a parsed field changes.
constexpr uint32_t kFormatVersion = 2;

// Size and modification time of a file or directory the cache was built
// from. A directory's mtime changes when entries are added or removed, so the
// stamps of the collection and package directories plus every advisory file
// tell whether the checkout changed, without listing any directory.
struct Stamp {
  std::string path;
  int64_t size = 0;
  int64_t mtime_seconds = 0;
  int64_t mtime_nanoseconds = 0;
  friend bool operator==(const Stamp&, const Stamp&) = default;
};
// nullopt when `path` cannot be stat'ed.
std::optional<Stamp> stamp_of(const std::string& path);

struct CachedDatabase {
  std::vector<Stamp> stamps;  // empty when keyed by a git commit
  std::string commit, commit_date;
  std::vector<Advisory> advisories;
  std::vector<Diagnostic> diagnostics;  // replayed so a cached run reports the same problems
};

// One file per database path, so several databases can share a cache dir.
fs::path cache_file(const fs::path& cache_dir, const fs::path& database_path);

std::string serialize(std::string_view key, const std::vector<Stamp>& stamps, std::string_view commit,
                      std::string_view commit_date, const std::vector<Advisory>& advisories,
                      const std::vector<Diagnostic>& diagnostics);
// nullopt when `bytes` is not a valid cache for `key`. Never trusts a length.
std::optional<CachedDatabase> deserialize(std::string_view bytes, std::string_view key);

// Reads the cache file (written with core's write_file_atomically).
std::optional<std::string> read_file(const fs::path& file);

// 64-bit FNV-1a, for keys and the checksum (core/fnv1a.hpp).
using cratescope::fnv1a;
inline std::string hex(uint64_t value) { return hex64(value); }

}  // namespace cratescope::advisory::cache
