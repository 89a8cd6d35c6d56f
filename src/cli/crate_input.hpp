#pragma once
// How commands that take "a project, a crate directory or a .crate file"
// tell them apart, and a crate input that owns its unpacked .crate.
#include <optional>
#include <string>
#include <vector>

#include "core/expected.hpp"
#include "core/file_system.hpp"
#include "sources/crate_archive.hpp"

namespace cratescope::cli {

bool is_lockfile(const std::string& path);
bool is_crate_file(const std::string& path);

// A directory is a project when a lockfile is there or above it.
bool looks_like_project(const std::string& input);

// A crate directory as given, or a .crate file unpacked into a temporary
// directory that lives as long as this object.
class CrateInput {
 public:
  static Expected<CrateInput> open(const std::string& path);
  const std::string& dir() const { return dir_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::optional<sources::CrateArchive> archive_;
  std::string dir_;
  std::vector<std::string> warnings_;
};

}  // namespace cratescope::cli
