#pragma once
// A local copy of a crates.io index, when the user has one (Cargo's own cache
// under $CARGO_HOME/registry/index, or a checkout given with --index): which
// versions of a crate exist and which are yanked. Never fetched.
#include <optional>
#include <string>
#include <vector>

#include "core/file_system.hpp"
#include "semver/version.hpp"

namespace cratescope::audit {

struct IndexedVersion {
  semver::Version version;
  bool yanked = false;
};

class RegistryIndex {
 public:
  // `dir` is either a crates.io-index layout (se/rd/serde, 3/s/syn, 1/a ...)
  // of JSON lines, or Cargo's sparse cache dir (.cache with the same layout).
  static std::optional<RegistryIndex> open(const fs::path& dir, const FileSystem& files);
  // $CARGO_HOME/registry/index/*/ with the most entries, if any.
  static std::optional<RegistryIndex> open_default(const FileSystem& files);

  // Versions of `name`, or nullopt when the index has no entry for it.
  std::optional<std::vector<IndexedVersion>> versions(const std::string& name) const;
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
  const FileSystem* files_ = nullptr;
};

// crates.io-index path of a crate name: "1/a", "2/ab", "3/a/abc", "se/rd/serde".
std::string index_relative_path(const std::string& name);

}  // namespace cratescope::audit
