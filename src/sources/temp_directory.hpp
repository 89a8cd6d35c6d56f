#pragma once
// A directory created with mkdtemp (mode 0700, so no one else can plant files
// or symlinks in it) and removed with everything in it when the owner goes.
#include <filesystem>
#include <string>

#include "core/expected.hpp"

namespace cratescope::sources {

class TempDirectory {
 public:
  // Under `parent`, or $TMPDIR (else /tmp) when it is empty.
  static Expected<TempDirectory> create(const std::filesystem::path& parent = {});
  TempDirectory() = default;
  TempDirectory(TempDirectory&& other) noexcept;
  TempDirectory& operator=(TempDirectory&& other) noexcept;
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory();

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempDirectory(std::filesystem::path path) : path_(std::move(path)) {}
  void remove();
  std::filesystem::path path_;
};

}  // namespace cratescope::sources
