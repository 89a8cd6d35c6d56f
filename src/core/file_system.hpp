#pragma once
// File access goes through this interface so tests can use in-memory trees.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/expected.hpp"

namespace cratescope {

namespace fs = std::filesystem;

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Whole file contents, or a message saying why it could not be read.
  // Files larger than `max_bytes` are refused (a clear error, not an OOM).
  virtual Expected<std::string> read_file(const fs::path& path, size_t max_bytes = kDefaultMaxFileBytes) const = 0;
  virtual bool is_file(const fs::path& path) const = 0;
  virtual bool is_directory(const fs::path& path) const = 0;
  // Entries directly inside `dir` (full paths, sorted); empty if not a directory.
  virtual std::vector<fs::path> list_directory(const fs::path& dir) const = 0;

  static constexpr size_t kDefaultMaxFileBytes = 256u << 20;
};

class RealFileSystem final : public FileSystem {
 public:
  Expected<std::string> read_file(const fs::path& path, size_t max_bytes = kDefaultMaxFileBytes) const override;
  bool is_file(const fs::path& path) const override;
  bool is_directory(const fs::path& path) const override;
  std::vector<fs::path> list_directory(const fs::path& dir) const override;
};

// Paths are compared lexically after lexically_normal(); directories exist implicitly.
class MemoryFileSystem final : public FileSystem {
 public:
  void add_file(const fs::path& path, std::string contents);
  Expected<std::string> read_file(const fs::path& path, size_t max_bytes = kDefaultMaxFileBytes) const override;
  bool is_file(const fs::path& path) const override;
  bool is_directory(const fs::path& path) const override;
  std::vector<fs::path> list_directory(const fs::path& dir) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace cratescope
