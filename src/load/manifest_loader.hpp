#pragma once
// Reads and parses each Cargo.toml once while a workspace is being discovered
// (root discovery, membership checks and member loading all look at the same
// files). Internal to the load module.
#include <map>
#include <optional>
#include <string>

#include "core/diagnostics.hpp"
#include "core/file_system.hpp"
#include "load/manifest.hpp"

namespace cratescope::load {

struct LoadedManifest {
  Manifest manifest;  // as written: inheritance not resolved
  std::string text;   // kept for the caret line of later diagnostics
};

class ManifestLoader {
 public:
  ManifestLoader(const FileSystem& files, Diagnostics& diagnostics) : files_(files), diagnostics_(diagnostics) {}

  // nullptr when the file cannot be read or parsed; the reason is reported
  // once. Callers check existence first to report a missing file in context.
  const LoadedManifest* load(const fs::path& manifest_path);
  const FileSystem& files() const { return files_; }

 private:
  const FileSystem& files_;
  Diagnostics& diagnostics_;
  std::map<std::string, std::optional<LoadedManifest>> cache_;
};

// Lexically normal, without a trailing separator: the key for "same file".
fs::path normalized(const fs::path& path);
// True when `path` is `dir` or inside it (lexically, component by component).
bool is_within(const fs::path& path, const fs::path& dir);

}  // namespace cratescope::load
