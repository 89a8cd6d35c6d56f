#pragma once
// Finds the unpacked source directory of a locked package: a `vendor/` dir,
// the Cargo home registry (~/.cargo/registry/src/*/name-version) or a
// directory registry such as Debian's /usr/share/cargo/registry.
#include <optional>
#include <string>
#include <vector>

#include "core/file_system.hpp"
#include "semver/version.hpp"

namespace cratescope::load {

class SourceLocator {
 public:
  explicit SourceLocator(const FileSystem& files) : files_(files) {}
  // Search roots, tried in order. Each is a directory whose entries are
  // `name-version` (registry src / directory registry) or `name` (vendor).
  void add_root(fs::path dir);
  // The usual roots: <project>/vendor, $CARGO_HOME/registry/src/*, /usr/share/cargo/registry.
  void add_default_roots(const fs::path& project_root);
  std::optional<fs::path> locate(const std::string& name, const semver::Version& version) const;
  const std::vector<fs::path>& roots() const { return roots_; }

 private:
  const FileSystem& files_;
  std::vector<fs::path> roots_;
};

}  // namespace cratescope::load
