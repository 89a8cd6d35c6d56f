#pragma once
// File access goes through this interface so tests can use in-memory trees.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/expected.hpp"

namespace cratescope {

namespace fs = std::filesystem;

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Whole file contents, or a message saying why it could not be read.
  // Files larger than `max_bytes` are refused (a clear error, not an OOM), and
  // so is anything but a regular file (a FIFO would block the run forever).
  virtual Expected<std::string> read_file(const fs::path& path, size_t max_bytes = kDefaultMaxFileBytes) const = 0;
  virtual bool is_file(const fs::path& path) const = 0;
  virtual bool is_directory(const fs::path& path) const = 0;
  // Entries directly inside `dir` (full paths, sorted); empty if not a directory.
  virtual std::vector<fs::path> list_directory(const fs::path& dir) const = 0;
  // What `path` points to when it is a symbolic link itself (an empty path
  // when the link cannot be read); nothing otherwise. The other calls follow links.
  virtual std::optional<fs::path> symlink_target(const fs::path& path) const = 0;

  static constexpr size_t kDefaultMaxFileBytes = 256u << 20;
};

class RealFileSystem final : public FileSystem {
 public:
  Expected<std::string> read_file(const fs::path& path, size_t max_bytes = kDefaultMaxFileBytes) const override;
  bool is_file(const fs::path& path) const override;
  bool is_directory(const fs::path& path) const override;
  std::vector<fs::path> list_directory(const fs::path& dir) const override;
  std::optional<fs::path> symlink_target(const fs::path& path) const override;
};

// Paths are compared lexically after lexically_normal(); directories exist implicitly.
class MemoryFileSystem final : public FileSystem {
 public:
  void add_file(const fs::path& path, std::string contents);
  // A link to a file (relative to the link's directory, or absolute): read
  // through when it points to a file added here.
  void add_symlink(const fs::path& link, const fs::path& target);
  Expected<std::string> read_file(const fs::path& path, size_t max_bytes = kDefaultMaxFileBytes) const override;
  bool is_file(const fs::path& path) const override;
  bool is_directory(const fs::path& path) const override;
  std::vector<fs::path> list_directory(const fs::path& dir) const override;
  std::optional<fs::path> symlink_target(const fs::path& path) const override;

 private:
  std::string followed(const fs::path& path) const;  // the key of what `path` names, through one link
  std::map<std::string, std::string> files_;
  std::map<std::string, fs::path> symlinks_;
};

}  // namespace cratescope
